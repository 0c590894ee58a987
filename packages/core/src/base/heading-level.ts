/**
 * A `heading-level` as a page sets it (an attribute: maybe `9`, `1.5` or not a number), as the
 * level of a widget's heading: a whole number from 2 (the page keeps its own `h1`) to `max` (6,
 * or less for a widget whose headings nest further under its own), 2 when it is no number.
 * Also the level of a heading under another: `headingLevel(this.headingLevel + 1)`.
 */
export function headingLevel(value: unknown, max = 6): number {
  const level = Math.round(Number(value));
  return Number.isFinite(level) ? Math.min(max, Math.max(2, level)) : 2;
}
