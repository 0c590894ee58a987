/**
 * The zip writer and reader (`src/http/zip.ts`): what one writes the other reads back, and an
 * independent reader (Python's zipfile, on every machine of this project) agrees; a corrupted or
 * foreign zip is refused with a message naming the entry.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { crc32, unzip, zip } from '../src/http/zip.js';

const entries = [
  { name: 'plugin/readme.txt', data: '=== Éléments ===\nAccents, « guillemets » et espaces fines.\n' },
  { name: 'plugin/empty.txt', data: '' },
  { name: 'plugin/binary.bin', data: Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256)) },
];

test('CRC-32 of the check string is 0xCBF43926', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
});

test('what zip() writes, unzip() reads back byte for byte, in order', () => {
  const files = unzip(zip(entries));
  assert.deepEqual(
    files.map((f) => f.name),
    entries.map((e) => e.name),
  );
  for (const [i, file] of files.entries()) {
    const expected = entries[i]!.data;
    assert.ok(file.data.equals(typeof expected === 'string' ? Buffer.from(expected, 'utf8') : expected), file.name);
  }
  // Reproducible: the same entries make the same bytes.
  assert.ok(zip(entries).equals(zip(entries)));
});

test('Python’s zipfile reads the archive and finds every CRC right', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fs-zip-'));
  try {
    const file = join(dir, 'a.zip');
    writeFileSync(file, zip(entries));
    const out = execFileSync(
      'python3',
      [
        '-c',
        'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip()); print(*[f"{i.filename}:{i.file_size}" for i in z.infolist()])',
        file,
      ],
      { encoding: 'utf8' },
    );
    const sizes = entries.map((e) => `${e.name}:${Buffer.byteLength(e.data)}`).join(' ');
    assert.equal(out, `None\n${sizes}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a truncated or corrupted zip is refused, naming what is wrong', () => {
  const archive = zip(entries);
  assert.throws(() => unzip(archive.subarray(0, 100)), /no end of central directory/);
  const corrupted = Buffer.from(archive);
  const dataAt = 30 + Buffer.byteLength(entries[0]!.name) + 4; // inside the first entry's deflated data
  corrupted[dataAt] = corrupted[dataAt]! ^ 0xff;
  assert.throws(() => unzip(corrupted), /plugin\/readme\.txt: /);
});
