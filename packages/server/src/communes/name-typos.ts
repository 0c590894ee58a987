import { lowerBound } from './sorted-keys.js';
import { distanceRow, firstDistanceRow, mostTyposAllowed, typosAllowed, type DistanceRow } from '@fs-widgets/contract/typos';

/**
 * Commune names typed with typos ("Mnde" for Mende, "nanteuil en valee" for Nanteuil-en-Vallée,
 * "nantueil en v" while typing), by the project's one typo rule (`@fs-widgets/contract/typos`,
 * which the partner directory's search follows too). Names and typed text are in their search
 * form (search-name.ts): spaces count as letters, so a missing or extra space is one typo.
 *
 * A typed text matches a name with typos when it is
 * - the whole name with at most `typosAllowed(typed, name)` typos: 1 from 4 letters, 2 from 8; or
 * - the start of the name, still being typed, with one typo fewer: the end of a name being typed
 *   is not known yet, and a full, right name ("Mende") must not bring every name starting with
 *   "Mend", "Mene" or "Mande".
 */

/** Typos tolerated between a typed text and the start of a name as long as `prefixLength`. */
function prefixTyposAllowed(typed: string, prefix: string): number {
  return Math.max(0, typosAllowed(typed, prefix) - 1);
}

/**
 * The typos between `typed` and `name` by the rules above: 0 when the name is or starts with the
 * typed text, undefined when it does not match: the reference `TypoKeys.typoRuns` agrees with.
 */
export function nameTypos(typed: string, name: string): number | undefined {
  const m = typed.length;
  if (name.startsWith(typed)) return 0;
  const most = mostTyposAllowed(typed);
  if (most === 0) return undefined;
  let before: DistanceRow = new Int32Array(m + 1);
  let previous: DistanceRow = firstDistanceRow(typed);
  let current: DistanceRow = new Int32Array(m + 1);
  let best: number | undefined;
  for (let i = 1; i <= name.length; i++) {
    const rowMin = distanceRow(typed, name, i, before, previous, current, most);
    const typos = current[m]!;
    if (typos <= most) {
      const allowed = i === name.length ? typosAllowed(typed, name) : prefixTyposAllowed(typed, name.slice(0, i));
      if (typos <= allowed && (best === undefined || typos < best)) best = typos;
    }
    if (rowMin > most) break;
    [before, previous, current] = [previous, current, before];
  }
  return best;
}

/** A run of sorted name keys `[lo, hi)` that a typed text matches with `typos` typos (1 or 2). */
export interface TypoRun {
  lo: number;
  hi: number;
  typos: number;
  /** The keys' common start when the typed text matches the start of every key of the run; null for one name (its copies). */
  prefix: string | null;
}

/** Starts of names up to this many letters have their ends listed (longer ones are searched). */
const LISTED_DEPTH = 12;

/**
 * Sorted name keys (code-unit order), read like a trie to find the names typed with typos: a
 * row of the distance table is computed once per distinct start of names, the rows of a key's
 * start shared with the previous key are kept, and every name under a start farther than the
 * typos tolerated is skipped at once (the end of each key's starts is listed at build).
 */
export class TypoKeys {
  /** shared[i]: how many first letters keys[i] has in common with keys[i − 1]. */
  readonly #shared: Int32Array;
  /** ends[i * LISTED_DEPTH + d − 1]: the first key from i on that does not share keys[i]'s first d letters. */
  readonly #ends: Int32Array;

  constructor(readonly keys: readonly string[]) {
    const n = keys.length;
    this.#shared = new Int32Array(n);
    for (let i = 1; i < n; i++) {
      const a = keys[i - 1]!;
      const b = keys[i]!;
      let k = 0;
      while (k < a.length && k < b.length && a.charCodeAt(k) === b.charCodeAt(k)) k++;
      this.#shared[i] = k;
    }
    this.#ends = new Int32Array(n * LISTED_DEPTH);
    for (let i = n - 1; i >= 0; i--) {
      for (let d = 1; d <= LISTED_DEPTH; d++) {
        const next = i + 1;
        this.#ends[i * LISTED_DEPTH + d - 1] = next < n && this.#shared[next]! >= d ? this.#ends[next * LISTED_DEPTH + d - 1]! : next;
      }
    }
  }

  /** The first key from `i` on that does not share keys[i]'s first `d` letters. */
  #end(i: number, d: number): number {
    if (d <= LISTED_DEPTH) return this.#ends[i * LISTED_DEPTH + d - 1]!;
    const keys = this.keys;
    const start = keys[i]!.slice(0, d);
    // Doubling steps from i, then halving: a long start holds few keys.
    let step = 1;
    while (i + step < keys.length && keys[i + step]!.startsWith(start)) step *= 2;
    let lo = i + Math.floor(step / 2) + 1;
    let hi = Math.min(i + step, keys.length);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]!.startsWith(start)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The rows of the distance table, kept from one search to the next (a search is never interrupted). */
  #rows: Int32Array[] = [];

  /**
   * The names that `typed` matches with one or two typos, as runs of keys: what `nameTypos`
   * says of each key with typos, without computing it for each. Names the typed text starts
   * exactly are left to the prefix search. `atMost` limits the typos looked for (the search for
   * one typo reads far fewer starts of names than the search for two); `sameStart` reads only
   * the names starting with the typed text's first letters (one letter: about one name in
   * twenty; two: one in a few hundred), whose typos are then further on.
   */
  typoRuns(typed: string, atMost = 2, sameStart = 0): TypoRun[] {
    const keys = this.keys;
    const m = typed.length;
    const most = Math.min(atMost, mostTyposAllowed(typed));
    if (most === 0) return [];
    const runs: TypoRun[] = [];
    if (this.#rows[0]?.length !== m + 1) this.#rows = [firstDistanceRow(typed)];
    /** rows[d]: the row of the first d letters of the key being read. */
    const rows = this.#rows;
    const row = (d: number) => (rows[d] ??= new Int32Array(m + 1));
    let i = 0;
    let last = keys.length;
    if (sameStart > 0) {
      const start = typed.slice(0, sameStart);
      i = lowerBound(keys, start);
      last = i < keys.length && keys[i]!.startsWith(start) ? this.#end(i, start.length) : i;
    }
    /** How many letters of the last key read have their rows in `rows`. */
    let valid = 0;
    keys: while (i < last) {
      const key = keys[i]!;
      // The keys skipped since the last one read all shared more with it than this one does.
      const shared = Math.min(valid, this.#shared[i]!);
      for (let d = shared + 1; d <= key.length; d++) {
        if (d > m + most) {
          // A name this long is more typos away than tolerated, and its starts were read.
          i = this.#end(i, d);
          continue keys;
        }
        const rowMin = distanceRow(typed, key, d, rows[d - 2] ?? rows[0]!, row(d - 1), row(d), most);
        valid = d;
        const typos = rows[d]![m]!;
        if (typos <= most && d < key.length) {
          const start = key.slice(0, d);
          if (typos <= prefixTyposAllowed(typed, start)) {
            // Every name starting so matches, with these typos (none: the prefix search's).
            const end = this.#end(i, d);
            if (typos > 0) runs.push({ lo: i, hi: end, typos, prefix: start });
            i = end;
            continue keys;
          }
        }
        if (rowMin > most) {
          // No name starting so comes back within the typos tolerated.
          i = this.#end(i, d);
          continue keys;
        }
      }
      // The whole name (and its copies: several places share a name), and the names it starts.
      const typos = rows[key.length]![m]!;
      if (typos > 0 && typos <= most && typos <= prefixTyposAllowed(typed, key)) {
        const end = this.#end(i, key.length);
        runs.push({ lo: i, hi: end, typos, prefix: key });
        i = end;
        continue;
      }
      let end = i + 1;
      while (end < last && keys[end] === key) end++;
      if (typos > 0 && typos <= most && typos <= typosAllowed(typed, key)) runs.push({ lo: i, hi: end, typos, prefix: null });
      i = end;
    }
    return runs;
  }
}
