/**
 * Typo tolerance, one algorithm for every search of the project: the partner directory's need
 * search (in the browser) and the API's commune search (on the server) count typos the same way
 * and tolerate as many. No dependency: safe in a browser bundle (`@fs-widgets/contract/typos`).
 *
 * The distance is Damerau–Levenshtein's, optimal string alignment: insertions, deletions,
 * substitutions and transpositions of two neighbours each cost 1 ("pasport" is 2 from
 * "passeport", "Mnde" 1 from "Mende", "impto" 1 from "impot").
 */

/** Letters a word needs, by its right spelling and as typed, for one typo to be tolerated. */
const ONE_TYPO_FROM = 4;
/** Letters the right spelling needs for two typos… */
const TWO_TYPOS_FROM = 8;
/** …and the typed word. */
const TWO_TYPOS_TYPED_FROM = 6;

/**
 * Typos tolerated between a typed word and a known one, by the length of the known word (its
 * right spelling): none under 4 letters ("rsa", "caf", "apl" must be exact), 1 from 4 letters,
 * 2 from 8. The typed word needs 4 letters for one typo, 6 for two.
 */
export function typosAllowed(typed: string, known: string): number {
  if (known.length >= TWO_TYPOS_FROM && typed.length >= TWO_TYPOS_TYPED_FROM) return 2;
  if (known.length >= ONE_TYPO_FROM && typed.length >= ONE_TYPO_FROM) return 1;
  return 0;
}

/** The most typos `typosAllowed` tolerates for a typed word, whatever the known word (a long one). */
export function mostTyposAllowed(typed: string): number {
  return typed.length >= TWO_TYPOS_TYPED_FROM ? 2 : typed.length >= ONE_TYPO_FROM ? 1 : 0;
}

/** A row of the distance table: one cell per letter of the typed text, plus one. */
export type DistanceRow = number[] | Int32Array;

/**
 * One row of the distance table between `typed` and `known`: row `i` (the distance from each
 * prefix of `typed` to `known`'s first `i` letters) from the two rows above it, `previous`
 * (row i − 1) and `before` (row i − 2, for transpositions; not read when i < 2), written into
 * `current`. Returns the smallest cell of the row: once it exceeds `max`, no longer `known` can
 * come back under it. Searches over many names sharing prefixes compute each prefix's row once
 * with this; `damerauLevenshtein` is its loop over one word.
 *
 * With a finite `max`, only the cells that can be within it are computed (those at most `max`
 * from the diagonal), with the first and the last: cells up to `max` are exact, the others
 * only say "more" (`max + 1`, or an older value outside the band). The row above must have been computed with the same `max` (or be the
 * first row, `firstDistanceRow`).
 */
export function distanceRow(
  typed: string,
  known: string,
  i: number,
  before: DistanceRow,
  previous: DistanceRow,
  current: DistanceRow,
  max = Number.POSITIVE_INFINITY,
): number {
  const m = typed.length;
  const over = max + 1;
  // Letters as code units and comparisons instead of Math.min: this runs for every cell.
  const letter = known.charCodeAt(i - 1);
  const letterBefore = i > 1 ? known.charCodeAt(i - 2) : -1;
  const from = Math.max(1, i - max);
  const to = Math.min(m, i + max);
  current[0] = i < over ? i : over;
  if (from > 1) current[from - 1] = over;
  if (to < m) {
    current[to + 1] = over;
    current[m] = over; // the last cell is read by callers, whatever the band
  }
  let rowMin = from === 1 ? current[0]! : over;
  let left = current[from - 1]!;
  let typedBefore = from > 1 ? typed.charCodeAt(from - 2) : -1;
  for (let j = from; j <= to; j++) {
    const typedLetter = typed.charCodeAt(j - 1);
    let d = previous[j - 1]! + (letter === typedLetter ? 0 : 1);
    const up = previous[j]! + 1;
    if (up < d) d = up;
    if (left + 1 < d) d = left + 1;
    if (letter === typedBefore && letterBefore === typedLetter && before[j - 2]! + 1 < d) d = before[j - 2]! + 1;
    if (d > over) d = over;
    current[j] = d;
    left = d;
    if (d < rowMin) rowMin = d;
    typedBefore = typedLetter;
  }
  return rowMin;
}

/** The first row of the distance table of a typed text: `[0, 1, 2, …, typed.length]`. */
export function firstDistanceRow(typed: string): Int32Array {
  return Int32Array.from({ length: typed.length + 1 }, (_, j) => j);
}

/**
 * Damerau–Levenshtein distance (optimal string alignment). Stops early and returns `max + 1` as
 * soon as the distance is known to exceed `max`.
 */
export function damerauLevenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0 || lb === 0) return Math.max(la, lb);
  let before: DistanceRow = new Int32Array(lb + 1);
  let previous: DistanceRow = firstDistanceRow(b);
  let current: DistanceRow = new Int32Array(lb + 1);
  for (let i = 1; i <= la; i++) {
    if (distanceRow(b, a, i, before, previous, current, max) > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[lb]!, max + 1);
}
