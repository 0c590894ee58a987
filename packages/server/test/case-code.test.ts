import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CASE_CODE_PATTERN } from '@fs-widgets/contract';
import { CHECK_ALPHABET, CODE_ALPHABET, checkSymbol, formatCode, newCaseCode, parseCaseCode } from '../src/cases/case-code.js';

const SAMPLES = ['0000000000', 'ZZZZZZZZZZ', '7K3M9QXW2B', 'A1B2C3D4E5', 'HJKMNPQRST'].map((data) => data + checkSymbol(data));

describe('case codes', () => {
  test('new codes: 11 symbols, valid check, the contract’s pattern once formatted, all different', () => {
    const codes = new Set<string>();
    const seen = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const code = newCaseCode();
      assert.match(code, /^[0-9A-HJKMNP-TV-Z]{10}[0-9A-HJKMNP-TV-Z*~$=U]$/);
      assert.deepEqual(parseCaseCode(code), { ok: true, code });
      assert.match(formatCode(code), new RegExp(CASE_CODE_PATTERN));
      codes.add(code);
      for (const s of code.slice(0, 10)) seen.set(s, (seen.get(s) ?? 0) + 1);
    }
    assert.equal(codes.size, 20_000);
    // Each of the 32 symbols about equally often (200,000 draws: 6,250 expected each).
    assert.equal(seen.size, 32);
    for (const [symbol, n] of seen) assert.ok(n > 5_700 && n < 6_800, `${symbol}: ${n}`);
  });

  test('the check symbol is the base-32 value mod 37', () => {
    assert.equal(checkSymbol('0000000000'), '0');
    assert.equal(checkSymbol('0000000001'), '1');
    assert.equal(checkSymbol('000000000Z'), 'Z'); // 31
    assert.equal(checkSymbol('0000000010'), CHECK_ALPHABET[32]); // 32 → '*'
    assert.equal(checkSymbol('0000000014'), 'U'); // 36
    assert.equal(checkSymbol('0000000015'), '0'); // 37
    const value = [...'7K3M9QXW2B'].reduce((v, s) => v * 32n + BigInt(CODE_ALPHABET.indexOf(s)), 0n);
    assert.equal(checkSymbol('7K3M9QXW2B'), CHECK_ALPHABET[Number(value % 37n)]);
  });

  test('reading: lower case, no or other dashes, spaces, and Crockford’s aliases O→0, I/L→1', () => {
    const code = '0I1L00000O' ;
    const canonical = '0111000000' + checkSymbol('0111000000');
    for (const typed of [code + checkSymbol('0111000000'), formatCode(canonical).toLowerCase(), ` ${formatCode(canonical)} `, canonical.replace(/1/g, 'l')]) {
      assert.deepEqual(parseCaseCode(typed), { ok: true, code: canonical }, typed);
    }
    for (const bad of ['', 'ABC', `${canonical}0`, 'U000000000' + '0', '0000-0000-0!', canonical.slice(0, 10)]) {
      assert.deepEqual(parseCaseCode(bad), { ok: false, error: 'format' }, bad);
    }
  });

  test('every single-symbol substitution is caught, exhaustively', () => {
    for (const code of SAMPLES) {
      for (let i = 0; i < 11; i++) {
        const alphabet = i < 10 ? CODE_ALPHABET : CHECK_ALPHABET;
        for (const other of alphabet) {
          if (other === code[i]) continue;
          const typed = code.slice(0, i) + other + code.slice(i + 1);
          assert.deepEqual(parseCaseCode(typed), { ok: false, error: 'check' }, `${code} → ${typed}`);
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
        if (i < 9) assert.deepEqual(parsed, { ok: false, error: 'check' });
      }
    }
  });
});
