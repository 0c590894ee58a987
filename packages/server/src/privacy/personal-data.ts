/**
 * Removes what identifies a person from a free-text comment before it is stored: people write
 * "rappelez-moi au 06 12 34 56 78" or leave their e-mail address although the form asks them
 * not to. What is removed becomes `[…]`, so an agent reading the export sees that something was.
 * Erring on the side of removing too much (a file number that looks like a phone number) is
 * the right side.
 */
export const REMOVED = '[…]';

/** An address, also written with "(at)", "[at]" or " arobase " for the `@`. */
const EMAIL = /[\p{L}\p{N}._%+-]+\s*(?:@|\(at\)|\[at\]|\s(?:at|arobase)\s)\s*[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/giu;

/**
 * French numbers: ten digits from 0 then 1–9 (`06 12 34 56 78`, `06.12.34.56.78`,
 * `0612345678`, `06-12-34-56-78`), or the same without the 0 after +33 / 0033 and the overseas
 * codes (`+33 6 12 34 56 78`, `+33 (0)6 12…`, `+262 692 12 34 56`). Digits may be separated by
 * one space, dot or dash; no slash, so dates (`01/02/2024`) are left alone.
 */
const PHONE =
  /(?<![\p{N}+])(?:(?:\+|00)\s?(?:33|262|269|508|590|594|596|681|687|689)[\s.-]?(?:\(0\)[\s.-]?)?|0)[1-9](?:[\s.-]?\d){8}(?!\d)/gu;

/**
 * Whether `text` is one French or overseas phone number and nothing else (the pattern above,
 * anchored): what a form asking for a phone number accepts.
 */
export function isFrenchPhone(text: string): boolean {
  const trimmed = text.trim();
  const match = trimmed.match(new RegExp(PHONE.source, 'u'));
  return match !== null && match.index === 0 && match[0].length === trimmed.length;
}

/** The comment to store: personal data replaced by `[…]`, trimmed; null when nothing is left. */
export function removePersonalData(comment: string | undefined): string | null {
  if (comment === undefined) return null;
  const cleaned = comment.replace(EMAIL, REMOVED).replace(PHONE, REMOVED).trim();
  return cleaned === '' ? null : cleaned;
}
