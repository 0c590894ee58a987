import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CASE_CODE_PATTERN } from '../src/codes.js';
import {
  CHECK_ALPHABET,
  CODE_ALPHABET,
  caseCodeFrom,
  checkSymbol,
  formatCaseCode,
  newCaseCode,
  normalizeCaseCode,
  parseCaseCode,
} from '../src/case-code.js';

const SAMPLES = ['0000000000', 'ZZZZZZZZZZ', '7K3M9QXW2B', 'A1B2C3D4E5', 'HJKMNPQRST'].map((data) => data + checkSymbol(data));

/** What a valid code parses to, from its canonical form. */
const valid = (canonical: string) => ({ ok: true, code: formatCaseCode(canonical), canonical });

describe('case codes (one algorithm for the server and the widgets)', () => {
  test('new codes: 11 symbols, valid check, the contract’s pattern once formatted, all different, uniform symbols', () => {
    const codes = new Set<string>();
    const seen = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const code = newCaseCode();
      assert.match(code, /^[0-9A-HJKMNP-TV-Z]{10}[0-9A-HJKMNP-TV-Z*~$=U]$/);
      assert.deepEqual(parseCaseCode(code), valid(code));
      assert.match(formatCaseCode(code), new RegExp(CASE_CODE_PATTERN));
      codes.add(code);
      for (const s of code.slice(0, 10)) seen.set(s, (seen.get(s) ?? 0) + 1);
    }
    assert.equal(codes.size, 20_000);
    // Each of the 32 symbols about equally often (200,000 draws: 6,250 expected each).
    assert.equal(seen.size, 32);
    for (const [symbol, n] of seen) assert.ok(n > 5_700 && n < 6_800, `${symbol}: ${n}`);
  });

  test('the check symbol is the base-32 value mod 37, written with the check alphabet', () => {
    assert.equal(CHECK_ALPHABET, '0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U');
    assert.equal(checkSymbol('0000000000'), '0');
    assert.equal(checkSymbol('0000000001'), '1');
    assert.equal(checkSymbol('000000000Z'), 'Z'); // 31
    assert.equal(checkSymbol('0000000010'), '*'); // 32
    assert.equal(checkSymbol('0000000014'), 'U'); // 36
    assert.equal(checkSymbol('0000000015'), '0'); // 37
    for (const code of [...SAMPLES, ...Array.from({ length: 200 }, newCaseCode)]) {
      const value = [...code.slice(0, 10)].reduce((v, s) => v * 32n + BigInt(CODE_ALPHABET.indexOf(s)), 0n);
      assert.equal(checkSymbol(code.slice(0, 10)), CHECK_ALPHABET[Number(value % 37n)]);
    }
    assert.throws(() => checkSymbol('000000000U'), RangeError);
  });

  test('reading: any case, spaces or dashes (Unicode dashes too) or none, and Crockford’s aliases O→0, I/L→1', () => {
    const canonical = '0111000000' + checkSymbol('0111000000');
    const typed = [
      '0I1L00000O' + canonical.slice(-1),
      formatCaseCode(canonical).toLowerCase(),
      ` ${formatCaseCode(canonical)} `,
      formatCaseCode(canonical).replaceAll('-', ' '),
      formatCaseCode(canonical).replaceAll('-', '\u2013'),
      canonical.replace(/1/g, 'l'),
    ];
    for (const t of typed) assert.deepEqual(parseCaseCode(t), valid(canonical), t);
    const withZero = caseCodeFrom('0011223344');
    assert.deepEqual(parseCaseCode('OOIL-2233-44' + withZero.slice(-1)), valid(withZero.replaceAll('-', '')));
    assert.equal(normalizeCaseCode('ab-cd ef'), 'ABCDEF');
    assert.equal(formatCaseCode('ABCDEFGHJKM'), 'ABCD-EFGH-JKM');
  });

  test('says why a code is not one: empty, wrong length, a symbol outside the alphabet, a wrong check', () => {
    assert.deepEqual(parseCaseCode('  '), { ok: false, problem: 'empty' });
    for (const bad of ['ABC', 'ABCD-EFGH', 'ABCD-EFGH-JKMM']) assert.deepEqual(parseCaseCode(bad), { ok: false, problem: 'length' }, bad);
    // U only as a check symbol; punctuation never.
    for (const bad of ['U000000000' + '0', 'ABCD-EFGH-JK#', '0000-0000-00!'])
      assert.deepEqual(parseCaseCode(bad), { ok: false, problem: 'symbol' }, bad);
    const code = caseCodeFrom('ABCDEFGHJK');
    const wrong = CHECK_ALPHABET[(CHECK_ALPHABET.indexOf(code.slice(-1)) + 1) % 37]!;
    assert.deepEqual(parseCaseCode(code.slice(0, -1) + wrong), { ok: false, problem: 'check' });
  });

  test('every single-symbol substitution is caught, exhaustively', () => {
    for (const code of SAMPLES) {
      for (let i = 0; i < 11; i++) {
        const alphabet = i < 10 ? CODE_ALPHABET : CHECK_ALPHABET;
        for (const other of alphabet) {
          if (other === code[i]) continue;
          const typed = code.slice(0, i) + other + code.slice(i + 1);
          assert.deepEqual(parseCaseCode(typed), { ok: false, problem: 'check' }, `${code} → ${typed}`);
        }
      }
    }
  });

  test('every swap of two different neighbours is caught, exhaustively', () => {
    for (const code of [...SAMPLES, ...Array.from({ length: 200 }, newCaseCode)]) {
      for (let i = 0; i < 10; i++) {
        if (code[i] === code[i + 1]) continue;
        const typed = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        const parsed = parseCaseCode(typed);
        // Swapping the check symbol into the data may also make it malformed (U, *, ~, $, =): refused either way.
        assert.equal(parsed.ok, false, `${code} → ${typed}`);
        if (i < 9) assert.deepEqual(parsed, { ok: false, problem: 'check' });
      }
    }
  });
});
