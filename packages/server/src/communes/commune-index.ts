import type { Commune } from '@fs-widgets/contract';
import type { Db } from '../db/database.js';
import type { CommunePostcodeTable, CommuneTable } from '../db/schema.js';
import { searchNameVariants } from './search-name.js';

/** Leading articles a person may leave out: "nouvion" finds "Le Nouvion-en-Thiérache". */
const ARTICLES = ['le ', 'la ', 'les ', 'l '];

/** The kinds of place a search lists; former communes are kept only to resolve their codes. */
const SEARCHABLE_KINDS = new Set(['commune', 'arrondissement']);

/** A run of name keys longer than this (a prefix typed early: "s", "sa", "saint") has its best places listed at build. */
const LISTED_RUN = 128;
/** How many places such a list holds, best first: more than the largest limit (50), exact names being set apart. */
const LISTED_PLACES = 96;

/** The best few places met so far, by an order number (smaller first), at most `capacity`. */
class BestFew {
  readonly orders: number[] = [];
  readonly places: number[] = [];
  constructor(readonly capacity: number) {}

  get full(): boolean {
    return this.orders.length === this.capacity;
  }

  /** Whether an order number would be kept. */
  admits(order: number): boolean {
    return !this.full || order < this.orders[this.capacity - 1]!;
  }

  /** The order number of the last place kept (Infinity until full): only better ones get in. */
  get worst(): number {
    return this.full ? this.orders[this.capacity - 1]! : Infinity;
  }

  offer(order: number, place: number): void {
    if (!this.admits(order)) return;
    // Insertion into the few kept so far (at most `capacity`, 50 or 96).
    let at = this.orders.length;
    while (at > 0 && this.orders[at - 1]! > order) at--;
    this.orders.splice(at, 0, order);
    this.places.splice(at, 0, place);
    if (this.orders.length > this.capacity) {
      this.orders.pop();
      this.places.pop();
    }
  }
}

export function communeFromRow(r: CommuneTable, postcodes: string[]): Commune {
  return {
    insee: r.insee,
    name: r.name,
    postcodes,
    department: r.department,
    region: r.region,
    population: r.population,
    location: r.lat != null && r.lon != null ? { lat: r.lat, lon: r.lon } : null,
  };
}

/** Code-unit order, as SQLite's BINARY collation (and PostgreSQL's C) sorts these strings. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The first index of `sorted` whose value is not below `key`. */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The communes (with the Paris, Lyon and Marseille arrondissements) in memory, searched by name
 * prefix or postcode prefix without touching the database: about 37,000 places, indexed once
 * per import (the catalogue holding it is rebuilt after each one).
 *
 * Names are searched in their `search_name` form (lower case, no accents, "saint" spelled out,
 * see search-name.ts) in a sorted array of keys: each name, and each name without its leading
 * article ("le nouvion en thierache" is also keyed "nouvion en thierache"). A prefix is a
 * contiguous run of that array, found by binary search. Postcodes are a sorted array too.
 * The long runs (a prefix of one or two letters, "saint") have their best places listed when
 * the index is built, so that a search reads a few of them instead of thousands of keys.
 *
 * The order is the one the SQL search had: exact names first, then by population (largest
 * first), then by name; for a postcode, by the first matching postcode, then by population.
 * Equal places are then ordered by INSEE code, so that the order never depends on the engine.
 */
export class CommuneIndex {
  /** Every row, former communes too, by INSEE code. */
  readonly #byInsee = new Map<string, CommuneTable>();
  /** The searchable places: their row, their answer, their search name. */
  readonly #rows: CommuneTable[] = [];
  readonly #answers: Commune[] = [];
  /** Each answer's JSON, in the contract's order of fields (as the Commune schema writes it). */
  readonly #json: string[];
  readonly #searchNames: string[] = [];
  /** Each place's position by population (largest first), then name, then INSEE code. */
  readonly #rank: Int32Array;
  /** Name keys, sorted, and the place each one leads to. */
  readonly #nameKeys: string[];
  readonly #nameOwners: Int32Array;
  /** The places of each search name (several communes share one). */
  readonly #bySearchName = new Map<string, number[]>();
  /** For each prefix whose run of keys is longer than LISTED_RUN: its best places by rank, distinct, LISTED_PLACES at most. */
  readonly #listed = new Map<string, Int32Array>();
  /** Postcodes, sorted, each with its place; a postcode's places by population, largest first. */
  readonly #postcodes: string[];
  readonly #postcodeOwners: Int32Array;
  /** Per place, the last search that met it (no place is counted twice in one search). */
  readonly #seen: Uint32Array;
  #search = 0;

  readonly #listedRun: number;
  readonly #listedPlaces: number;

  /** `options` change the lists of long runs' best places (tests make them tiny). */
  constructor(
    rows: readonly CommuneTable[],
    postcodeRows: readonly CommunePostcodeTable[],
    options: { listedRun?: number; listedPlaces?: number } = {},
  ) {
    this.#listedRun = options.listedRun ?? LISTED_RUN;
    this.#listedPlaces = options.listedPlaces ?? LISTED_PLACES;
    const postcodesOf = new Map<string, string[]>();
    for (const { insee, postcode } of postcodeRows) {
      const list = postcodesOf.get(insee);
      if (list) list.push(postcode);
      else postcodesOf.set(insee, [postcode]);
    }
    for (const row of [...rows].sort((a, b) => compareText(a.insee, b.insee))) {
      this.#byInsee.set(row.insee, row);
      if (!SEARCHABLE_KINDS.has(row.kind)) continue;
      this.#rows.push(row);
      this.#answers.push(communeFromRow(row, (postcodesOf.get(row.insee) ?? []).sort(compareText)));
      this.#searchNames.push(row.search_name);
    }
    this.#json = this.#answers.map((answer) => JSON.stringify(answer));
    const count = this.#rows.length;
    const population = (i: number) => this.#rows[i]!.population ?? 0;

    const byPopulation = Array.from({ length: count }, (_, i) => i).sort(
      (a, b) =>
        population(b) - population(a) ||
        compareText(this.#rows[a]!.name, this.#rows[b]!.name) ||
        compareText(this.#rows[a]!.insee, this.#rows[b]!.insee),
    );
    this.#rank = new Int32Array(count);
    byPopulation.forEach((place, position) => (this.#rank[place] = position));

    const names: Array<[string, number]> = [];
    for (let i = 0; i < count; i++) {
      const name = this.#searchNames[i]!;
      names.push([name, i]);
      for (const article of ARTICLES) if (name.startsWith(article)) names.push([name.slice(article.length), i]);
    }
    names.sort((a, b) => compareText(a[0], b[0]) || a[1] - b[1]);
    this.#nameKeys = names.map(([key]) => key);
    this.#nameOwners = Int32Array.from(names, ([, place]) => place);
    for (let i = 0; i < count; i++) {
      const places = this.#bySearchName.get(this.#searchNames[i]!);
      if (places) places.push(i);
      else this.#bySearchName.set(this.#searchNames[i]!, [i]);
    }
    this.#seen = new Uint32Array(count);
    this.#listRuns(0, this.#nameKeys.length, 0);

    const postcodes: Array<[string, number]> = [];
    for (let i = 0; i < count; i++) for (const postcode of this.#answers[i]!.postcodes) postcodes.push([postcode, i]);
    postcodes.sort((a, b) => compareText(a[0], b[0]) || this.#rank[a[1]]! - this.#rank[b[1]]!);
    this.#postcodes = postcodes.map(([postcode]) => postcode);
    this.#postcodeOwners = Int32Array.from(postcodes, ([, place]) => place);
  }

  /**
   * Lists the best places of each long run of keys under [lo, hi), whose keys share their first
   * `depth` characters: the runs of the next character, and theirs in turn while they are long.
   */
  #listRuns(lo: number, hi: number, depth: number): void {
    const keys = this.#nameKeys;
    let i = lo;
    // Keys that are the shared prefix itself sort first; they start no longer run.
    while (i < hi && keys[i]!.length === depth) i++;
    while (i < hi) {
      const char = keys[i]!.charCodeAt(depth);
      let j = i + 1;
      while (j < hi && keys[j]!.charCodeAt(depth) === char) j++;
      if (j - i > this.#listedRun) {
        const search = this.#nextSearch();
        const best = new BestFew(this.#listedPlaces);
        for (let k = i; k < j; k++) {
          const place = this.#nameOwners[k]!;
          if (this.#seen[place] === search) continue;
          this.#seen[place] = search;
          best.offer(this.#rank[place]!, place);
        }
        this.#listed.set(keys[i]!.slice(0, depth + 1), Int32Array.from(best.places));
        this.#listRuns(i, j, depth + 1);
      }
      i = j;
    }
  }

  static async load(db: Db): Promise<CommuneIndex> {
    const [rows, postcodes] = await Promise.all([
      db.selectFrom('communes').selectAll().execute(),
      db.selectFrom('commune_postcodes').select(['insee', 'postcode']).execute(),
    ]);
    return new CommuneIndex(rows, postcodes);
  }

  /** Searchable places (communes and arrondissements). */
  get size(): number {
    return this.#rows.length;
  }

  /** A commune (or arrondissement, or former commune) by INSEE code. */
  get(insee: string): CommuneTable | undefined {
    return this.#byInsee.get(insee);
  }

  /**
   * Communes by name prefix or postcode prefix (a query of digits only). Exact names come
   * first, then the most populated: "saint-denis" lists the big ones first. The answers are
   * shared: callers must not modify them.
   */
  search(q: string, limit: number): Commune[] {
    return this.#find(q, limit).map((place) => this.#answers[place]!);
  }

  /** What `search` finds, as the API's CommuneList JSON: `{"items":[…],"count":n}`. */
  searchJson(q: string, limit: number): string {
    const places = this.#find(q, limit);
    let items = '';
    for (const place of places) items += items === '' ? this.#json[place]! : `,${this.#json[place]!}`;
    return `{"items":[${items}],"count":${places.length}}`;
  }

  /** The places found, best first. */
  #find(q: string, limit: number): number[] {
    const query = q.trim();
    if (limit < 1) return [];
    if (/^\d+$/.test(query)) return this.#byPostcode(query, limit);
    return this.#byName(searchNameVariants(query), limit);
  }

  #nextSearch(): number {
    if (++this.#search === 0xffffffff) {
      this.#seen.fill(0);
      this.#search = 1;
    }
    return this.#search;
  }

  /** Places with a postcode starting with `prefix`: the postcodes are sorted, so places come in answer order. */
  #byPostcode(prefix: string, limit: number): number[] {
    const search = this.#nextSearch();
    const found: number[] = [];
    for (let i = lowerBound(this.#postcodes, prefix); i < this.#postcodes.length && found.length < limit; i++) {
      if (!this.#postcodes[i]!.startsWith(prefix)) break;
      const place = this.#postcodeOwners[i]!;
      if (this.#seen[place] === search) continue;
      this.#seen[place] = search;
      found.push(place);
    }
    return found;
  }

  /**
   * Places whose name, with or without its leading article, starts with one of the variants,
   * the best `limit` of them: the exact names (looked up), then the others, from the listed
   * best places of a long run or else by reading the run of keys.
   */
  #byName(variants: readonly string[], limit: number): number[] {
    const search = this.#nextSearch();
    const count = this.#rows.length;
    /** Exact names first (rank), then the others (count + rank): one number per place. */
    const best = new BestFew(limit);
    for (const variant of variants) {
      for (const place of this.#bySearchName.get(variant) ?? []) {
        if (this.#seen[place] === search) continue;
        this.#seen[place] = search;
        best.offer(this.#rank[place]!, place);
      }
    }
    for (const variant of variants) {
      const listed = this.#listed.get(variant);
      if (listed && this.#fromListed(listed, search, best)) continue;
      for (let i = lowerBound(this.#nameKeys, variant); i < this.#nameKeys.length; i++) {
        if (!this.#nameKeys[i]!.startsWith(variant)) break;
        const place = this.#nameOwners[i]!;
        if (this.#seen[place] === search) continue;
        this.#seen[place] = search;
        best.offer(count + this.#rank[place]!, place);
      }
    }
    return best.places;
  }

  /**
   * Offers a run's listed places, best first, until no later one can be kept. False when the
   * list ran out first and a place of the run beyond it could still be kept: then the run must
   * be read (its places already offered are skipped).
   */
  #fromListed(listed: Int32Array, search: number, best: BestFew): boolean {
    const count = this.#rows.length;
    for (const place of listed) {
      if (this.#seen[place] === search) continue;
      const order = count + this.#rank[place]!;
      // The list is by rank: nothing after this place can be kept either.
      if (!best.admits(order)) return true;
      this.#seen[place] = search;
      best.offer(order, place);
    }
    // The whole run is listed, or the places beyond the list (all ranked after its last one) cannot get in.
    return listed.length < this.#listedPlaces || best.worst <= count + this.#rank[listed[listed.length - 1]!]!;
  }
}
