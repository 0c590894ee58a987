import { randomBytes } from 'node:crypto';

/**
 * Follow-up case codes (docs/security.md): 10 random symbols of Crockford's base 32 (50 bits)
 * and a check symbol, shown `XXXX-XXXX-XXC`. The check symbol is the value of the 10 symbols,
 * read as a base-32 number, modulo 37 (a prime larger than 32), written with 37 symbols: it
 * catches every single mistyped symbol and every swap of two neighbours — a mistyped code is
 * told apart from an unknown one without a database lookup.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CHECK_ALPHABET = `${CODE_ALPHABET}*~$=U`;
export const CODE_SYMBOLS = 10;
const CHECK_MODULUS = 37;

/** The check symbol of 10 data symbols (already canonical: upper case, no alias). */
export function checkSymbol(data: string): string {
  let remainder = 0;
  // value mod 37, Horner's rule: no big numbers (50 bits would fit a double anyway).
  for (const symbol of data) remainder = (remainder * 32 + CODE_ALPHABET.indexOf(symbol)) % CHECK_MODULUS;
  return CHECK_ALPHABET[remainder]!;
}

/** `XXXXXXXXXXC` → `XXXX-XXXX-XXC`. */
export const formatCode = (canonical: string) => `${canonical.slice(0, 4)}-${canonical.slice(4, 8)}-${canonical.slice(8)}`;

/**
 * A new code, canonical (11 symbols, no dashes): each of the 10 symbols is 5 bits of a random
 * byte (32 divides 256, so taking the low 5 bits is uniform: no rejection needed).
 */
export function newCaseCode(): string {
  const bytes = randomBytes(CODE_SYMBOLS);
  let data = '';
  for (const byte of bytes) data += CODE_ALPHABET[byte & 31];
  return data + checkSymbol(data);
}

export type ParsedCode = { ok: true; code: string } | { ok: false; error: 'format' | 'check' };

/** Crockford's reading aliases: what a person may type for 0 and 1. */
const ALIASES: Record<string, string> = { O: '0', I: '1', L: '1' };

/**
 * Reads a code as a person types it: any case, dashes and spaces anywhere or none, O for 0,
 * I or L for 1. `format`: not 10 + 1 symbols of the alphabets; `check`: well formed but the
 * check symbol does not match (a typing mistake).
 */
export function parseCaseCode(input: string): ParsedCode {
  const symbols = [...input.toUpperCase().replace(/[\s-]/g, '')].map((s) => ALIASES[s] ?? s);
  if (symbols.length !== CODE_SYMBOLS + 1) return { ok: false, error: 'format' };
  const data = symbols.slice(0, CODE_SYMBOLS).join('');
  const check = symbols[CODE_SYMBOLS]!;
  if (![...data].every((s) => CODE_ALPHABET.includes(s)) || !CHECK_ALPHABET.includes(check)) return { ok: false, error: 'format' };
  if (checkSymbol(data) !== check) return { ok: false, error: 'check' };
  return { ok: true, code: data + check };
}
