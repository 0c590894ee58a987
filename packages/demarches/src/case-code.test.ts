import { expect } from '@open-wc/testing';
import { CHECK_ALPHABET, CODE_ALPHABET, caseCodeFrom, checkSymbol, formatCaseCode, normalizeCaseCode, parseCaseCode } from './case-code.js';

const randomPayload = (random: () => number) =>
  Array.from({ length: 10 }, () => CODE_ALPHABET[Math.floor(random() * 32)]).join('');

/** A small deterministic generator, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('case codes', () => {
  it('computes the check symbol as the base-32 value mod 37, with the check alphabet', () => {
    expect(CHECK_ALPHABET).to.equal('0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U');
    expect(checkSymbol('0000000000')).to.equal('0');
    expect(checkSymbol('0000000001')).to.equal('1');
    expect(checkSymbol('000000000Z')).to.equal('Z'); // 31
    expect(checkSymbol('0000000010')).to.equal('*'); // 32
    expect(checkSymbol('0000000014')).to.equal('U'); // 36
    expect(checkSymbol('0000000015')).to.equal('0'); // 37
    // Against a BigInt reading of the same number.
    const random = seeded(7);
    for (let i = 0; i < 200; i++) {
      const payload = randomPayload(random);
      const value = [...payload].reduce((n, c) => n * 32n + BigInt(CODE_ALPHABET.indexOf(c)), 0n);
      expect(checkSymbol(payload)).to.equal(CHECK_ALPHABET[Number(value % 37n)]);
    }
  });

  it('accepts a valid code in any case, with spaces or dashes, and reads O as 0 and I/L as 1', () => {
    const code = caseCodeFrom('A1B2C3D4E5');
    expect(code).to.match(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}[0-9A-Z*~$=]$/);
    expect(parseCaseCode(code)).to.deep.equal({ ok: true, code });
    expect(parseCaseCode(code.toLowerCase())).to.deep.equal({ ok: true, code });
    expect(parseCaseCode(` ${code.replaceAll('-', ' ')} `)).to.deep.equal({ ok: true, code });
    expect(parseCaseCode(code.replaceAll('-', ''))).to.deep.equal({ ok: true, code });
    const withZeroAndOne = caseCodeFrom('0011223344');
    expect(parseCaseCode('OOIL-2233-44' + withZeroAndOne.slice(-1))).to.deep.equal({ ok: true, code: withZeroAndOne });
    expect(normalizeCaseCode('ab-cd ef')).to.equal('ABCDEF');
    expect(formatCaseCode('ABCDEFGHJKM')).to.equal('ABCD-EFGH-JKM');
  });

  it('says why a code is not one: empty, wrong length, a symbol outside the alphabet, a wrong check', () => {
    expect(parseCaseCode('  ')).to.deep.equal({ ok: false, problem: 'empty' });
    expect(parseCaseCode('ABCD-EFGH')).to.deep.equal({ ok: false, problem: 'length' });
    expect(parseCaseCode('ABCD-EFGH-JKMM')).to.deep.equal({ ok: false, problem: 'length' });
    expect(parseCaseCode('ABCD-EFGH-U0' + '0')).to.deep.equal({ ok: false, problem: 'symbol' }); // U only as a check symbol
    expect(parseCaseCode('ABCD-EFGH-JK#')).to.deep.equal({ ok: false, problem: 'symbol' });
    const code = caseCodeFrom('ABCDEFGHJK');
    const wrong = CHECK_ALPHABET[(CHECK_ALPHABET.indexOf(code.slice(-1)) + 1) % 37]!;
    expect(parseCaseCode(code.slice(0, -1) + wrong)).to.deep.equal({ ok: false, problem: 'check' });
  });

  it('catches every single substitution and every adjacent transposition', () => {
    const random = seeded(42);
    for (let i = 0; i < 40; i++) {
      const payload = randomPayload(random);
      const check = checkSymbol(payload);
      for (let at = 0; at < 10; at++) {
        for (const symbol of CODE_ALPHABET) {
          if (symbol === payload[at]) continue;
          const typo = payload.slice(0, at) + symbol + payload.slice(at + 1);
          expect(parseCaseCode(typo + check).ok, `${typo}${check}`).to.equal(false);
        }
        if (at < 9 && payload[at] !== payload[at + 1]) {
          const swapped = payload.slice(0, at) + payload[at + 1] + payload[at] + payload.slice(at + 2);
          expect(parseCaseCode(swapped + check), `${swapped}${check}`).to.deep.equal({ ok: false, problem: 'check' });
        }
      }
      // The check symbol swapped with the last payload symbol is caught too (or is not a payload symbol).
      const swappedEnd = payload.slice(0, 9) + check + payload[9];
      if (check !== payload[9]) expect(parseCaseCode(swappedEnd).ok).to.equal(false);
    }
  });
});
