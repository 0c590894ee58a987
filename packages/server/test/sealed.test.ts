import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, readConfig } from '../src/config.js';
import { keyFromFile, Sealer, SealedDataError, sealerOf } from '../src/privacy/sealed.js';
import { makeTempDir, removeTempDir } from './test-server.js';

const KEY_A = Buffer.alloc(32, 1);
const KEY_B = Buffer.alloc(32, 2);

test('sealed values: AES-256-GCM with a random IV, opened back; altered or foreign values refused', () => {
  const sealer = new Sealer(() => KEY_A);
  const one = sealer.seal('Zéphirine');
  const two = sealer.seal('Zéphirine');
  assert.notEqual(one, two, 'a fresh IV for each value');
  assert.match(one, /^v1\.[\w-]{8}\.[\w-]{16}\.[\w-]+$/);
  assert.ok(!one.includes('Zéphirine') && !Buffer.from(one.split('.')[3]!, 'base64url').includes(Buffer.from('Zéphirine')));
  assert.equal(sealer.open(one), 'Zéphirine');
  assert.equal(sealer.open(sealer.seal('')), '');
  assert.equal(sealer.seal(null), null);
  assert.equal(sealer.open(null), null);

  const [version, id, iv, body] = one.split('.') as [string, string, string, string];
  const flipped = Buffer.from(body, 'base64url');
  flipped[0] ^= 1;
  assert.throws(() => sealer.open([version, id, iv, flipped.toString('base64url')].join('.')), SealedDataError);
  assert.throws(() => sealer.open('Zéphirine'), SealedDataError);
  assert.throws(() => new Sealer(() => KEY_B).open(one), /no data key/);
});

test('key rotation: the new key seals, the previous one still opens what it sealed', () => {
  const old = new Sealer(() => KEY_A).seal('06 98 76 54 32');
  const rotated = new Sealer(
    () => KEY_B,
    () => [KEY_A],
  );
  assert.equal(rotated.open(old), '06 98 76 54 32');
  const fresh = rotated.seal('06 98 76 54 32');
  assert.notEqual(fresh.split('.')[1], old.split('.')[1]);
  assert.throws(() => new Sealer(() => KEY_A).open(fresh), SealedDataError);
});

test('without FS_DATA_KEY: a key file made once with mode 0600 next to the SQLite file, and reused; a malformed key stops the start', () => {
  const dir = makeTempDir();
  try {
    const config = readConfig({ FS_SQLITE_PATH: join(dir, 'db', 'fs.db') });
    assert.equal(config.dataKey, null);
    assert.equal(config.dataKeyFile, join(dir, 'db', 'fs-widgets-data.key'));
    const sealed = sealerOf(config).seal('prenom@exemple.fr');
    assert.equal(statSync(config.dataKeyFile).mode & 0o777, 0o600);
    assert.equal(Buffer.from(readFileSync(config.dataKeyFile, 'utf8').trim(), 'base64').length, 32);
    assert.equal(sealerOf(config).open(sealed), 'prenom@exemple.fr', 'another process reads the same key');
    assert.deepEqual(keyFromFile(config.dataKeyFile), keyFromFile(config.dataKeyFile));

    const withKey = readConfig({ FS_SQLITE_PATH: join(dir, 'fs.db'), FS_DATA_KEY: KEY_B.toString('base64') });
    assert.equal(new Sealer(() => KEY_B).open(sealerOf(withKey).seal('x')), 'x');
    assert.throws(
      () => readConfig({ FS_DATA_KEY: 'c2hvcnQ=' }),
      (e) => e instanceof ConfigError && /32 bytes/.test(e.message) && !e.message.includes('c2hvcnQ='),
    );
    assert.throws(() => readConfig({ FS_DATA_KEYS_PREVIOUS: `${KEY_A.toString('base64')},nope` }), ConfigError);
    assert.throws(() => readConfig({ FS_BOOKINGS_PER_CLIENT_HOUR: '0' }), ConfigError);
  } finally {
    removeTempDir(dir);
  }
});
