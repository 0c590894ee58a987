/**
 * Follow-up case codes (docs/security.md). A code is 10 symbols of Crockford's base 32
 * (`0-9 A-Z` without I, L, O, U: 50 random bits) and one check symbol, shown `XXXX-XXXX-XXC`. The check symbol is Crockford's: the value of
 * the 10 symbols read as one base-32 number, modulo 37, written with the check alphabet
 * `0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U` (the 32 symbols, then `* ~ $ = U` for 32 to 36).
 * Being a prime modulus above the alphabet size, it catches every single substitution and every
 * transposition of two adjacent symbols.
 *
 * One algorithm for both sides: the server makes the codes and checks every code it is given;
 * the widgets check a typed code before any request (a mistyped code never reaches the server,
 * so it costs no rate-limit attempt and says at once what is wrong). No dependency: safe in a
 * browser bundle (`@fs-widgets/contract/case-code`).
 *
 * Input is read as Crockford says: case, spaces and dashes do not matter, `O` is read as `0`
 * and `I` or `L` as `1` (they are easy to confuse on paper; none of the three is a symbol).
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CHECK_ALPHABET = `${CODE_ALPHABET}*~$=U`;
export const CODE_PAYLOAD_LENGTH = 10;

/** Why a typed code is not a code. */
export type CaseCodeProblem = 'empty' | 'length' | 'symbol' | 'check';

/** `code`: the display form `XXXX-XXXX-XXC`; `canonical`: the 11 symbols without dashes, as stored. */
export type ParsedCaseCode = { ok: true; code: string; canonical: string } | { ok: false; problem: CaseCodeProblem };

/** The check symbol of 10 payload symbols (already upper case, Crockford alphabet). */
export function checkSymbol(payload: string): string {
  let remainder = 0;
  for (const symbol of payload) {
    const value = CODE_ALPHABET.indexOf(symbol);
    if (value < 0) throw new RangeError(`"${symbol}" is not a Crockford base 32 symbol`);
    // (r × 32 + v) mod 37 at each step: the base-32 number mod 37, without big integers.
    remainder = (remainder * 32 + value) % 37;
  }
  return CHECK_ALPHABET[remainder]!;
}

/** Upper case, without spaces or dashes (any Unicode dash), `O` → `0`, `I`/`L` → `1`. */
export function normalizeCaseCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\u2010-\u2015-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** `ABCDEFGHJKM` → `ABCD-EFGH-JKM`. */
export function formatCaseCode(normalized: string): string {
  return `${normalized.slice(0, 4)}-${normalized.slice(4, 8)}-${normalized.slice(8)}`;
}

/** Reads what someone typed: the code in its display form, or why it is not one. */
export function parseCaseCode(input: string): ParsedCaseCode {
  const code = normalizeCaseCode(input);
  if (!code) return { ok: false, problem: 'empty' };
  if (code.length !== CODE_PAYLOAD_LENGTH + 1) return { ok: false, problem: 'length' };
  const payload = code.slice(0, CODE_PAYLOAD_LENGTH);
  const check = code.slice(CODE_PAYLOAD_LENGTH);
  if (![...payload].every((c) => CODE_ALPHABET.includes(c)) || !CHECK_ALPHABET.includes(check)) return { ok: false, problem: 'symbol' };
  if (checkSymbol(payload) !== check) return { ok: false, problem: 'check' };
  return { ok: true, code: formatCaseCode(code), canonical: code };
}

/**
 * A new code, canonical (11 symbols, no dashes): each of the 10 symbols is 5 bits of a random
 * byte from the platform's cryptographic generator (32 divides 256, so taking the low 5 bits is
 * uniform: no rejection needed).
 */
export function newCaseCode(): string {
  let payload = '';
  for (const byte of globalThis.crypto.getRandomValues(new Uint8Array(CODE_PAYLOAD_LENGTH))) payload += CODE_ALPHABET[byte & 31];
  return payload + checkSymbol(payload);
}

/** A full code from 10 payload symbols (tests, demos). */
export function caseCodeFrom(payload: string): string {
  return formatCaseCode(payload + checkSymbol(payload));
}
