import type { Commune } from '@fs-widgets/contract';
import type { Db } from '../db/database.js';
import type { CommunePostcodeTable, CommuneTable } from '../db/schema.js';
import { departmentCodes, departmentName, departmentsNamed } from './departments.js';
import { lowerBound } from './sorted-keys.js';
import { nameTypos, TypoKeys, type TypoRun } from './name-typos.js';
import { searchNameVariants } from '@fs-widgets/contract/search-name';

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

/**
 * A commune as the API answers it. `shared`: another searchable place has the same name (in its
 * search form): its label then says its département or territory, « Saint-Denis (La Réunion) ».
 */
export function communeFromRow(r: CommuneTable, postcodes: string[], shared: boolean): Commune {
  const departmentLabel = departmentName(r.department) ?? null;
  return {
    insee: r.insee,
    name: r.name,
    label: shared ? `${r.name} (${departmentLabel ?? r.department})` : r.name,
    postcodes,
    department: r.department,
    department_name: departmentLabel,
    region: r.region,
    population: r.population,
    location: r.lat != null && r.lon != null ? { lat: r.lat, lon: r.lon } : null,
  };
}

/** Code-unit order, as SQLite's BINARY collation (and PostgreSQL's C) sorts these strings. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order of a place in a search's answer, in tiers: each tier's places by rank (population,
 * largest first, then name, then INSEE code). "Qualified": found by the name before the
 * département the query ends with ("saint denis reunion", "saint denis 974").
 */
const TIER = {
  exact: 0,
  prefix: 1,
  qualifiedExact: 2,
  qualifiedPrefix: 3,
  typo1: 4,
  qualifiedTypo1: 5,
  typo2: 6,
  qualifiedTypo2: 7,
} as const;

/** A query read as a name followed by a département: the name, and the places of the département(s). */
interface DepartmentReading {
  name: string;
  places: readonly number[];
}

/** How many of a query's last words can name a département ("terres australes et antarctiques francaises"). */
const MOST_DEPARTMENT_WORDS = 5;

/**
 * The communes (with the Paris, Lyon and Marseille arrondissements) in memory, searched by name
 * or postcode prefix without touching the database: about 35,000 places, indexed once per
 * import (the catalogue holding it is rebuilt after each one).
 *
 * Names are searched in their `search_name` form (lower case, no accents, "saint" spelled out,
 * see @fs-widgets/contract/search-name) in a sorted array of keys: each name, and each name without its leading
 * article ("le nouvion en thierache" is also keyed "nouvion en thierache"). A prefix is a
 * contiguous run of that array, found by binary search. Postcodes are a sorted array too.
 * The long runs (a prefix of one or two letters, "saint") have their best places listed when
 * the index is built, so that a search reads a few of them instead of thousands of keys.
 *
 * The order of a name search, by tier, each tier by population (largest first), then name,
 * then INSEE code, so that it never depends on the engine:
 * 1. the exact names, then the names the query starts (the order the SQL search had);
 * 2. when the query ends with a département or territory, by name ("saint denis reunion", "la
 *    reunion", "reu" being typed) or by digits (a code or a postcode's start: "saint denis
 *    974", "saint denis 93200"): the places of that name (exact, then starting so) there;
 * 3. names typed with typos (name-typos.ts: "mnde", "nanteuil en valee"), one typo before two,
 *    each followed by the places of step 2 found with as many typos.
 * Typos are looked for only while the answer is not full: a right name costs no more than it did.
 * A postcode search is by the first matching postcode, then by population.
 */
export class CommuneIndex {
  /** Every row, former communes too, by INSEE code. */
  readonly #byInsee = new Map<string, CommuneTable>();
  /** The searchable places: their row, their answer, their search name. */
  readonly #rows: CommuneTable[] = [];
  readonly #answers: Commune[] = [];
  /** Each answer's JSON, in the contract's order of fields (as the Commune schema writes it). */
  readonly #json: string[];
  /** The answers of former communes, by INSEE code (they are never listed, only asked for by code). */
  readonly #formerJson = new Map<string, string>();
  readonly #searchNames: string[] = [];
  /** Each place's position by population (largest first), then name, then INSEE code. */
  readonly #rank: Int32Array;
  /** Name keys, sorted, and the place each one leads to. */
  readonly #nameKeys: string[];
  readonly #nameOwners: Int32Array;
  /** The name keys read as a trie, for the names typed with typos. */
  readonly #typoKeys: TypoKeys;
  /** The places of each search name (several communes share one). */
  readonly #bySearchName = new Map<string, number[]>();
  /** The places of each département or territory, by code. */
  readonly #byDepartment = new Map<string, number[]>();
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
    const former: CommuneTable[] = [];
    for (const row of [...rows].sort((a, b) => compareText(a.insee, b.insee))) {
      this.#byInsee.set(row.insee, row);
      if (!SEARCHABLE_KINDS.has(row.kind)) {
        former.push(row);
        continue;
      }
      this.#rows.push(row);
      this.#searchNames.push(row.search_name);
    }
    const count = this.#rows.length;
    for (let i = 0; i < count; i++) {
      const places = this.#bySearchName.get(this.#searchNames[i]!);
      if (places) places.push(i);
      else this.#bySearchName.set(this.#searchNames[i]!, [i]);
      const department = this.#rows[i]!.department;
      const inDepartment = this.#byDepartment.get(department);
      if (inDepartment) inDepartment.push(i);
      else this.#byDepartment.set(department, [i]);
    }
    const postcodesFor = (insee: string) => (postcodesOf.get(insee) ?? []).sort(compareText);
    for (const row of this.#rows) {
      this.#answers.push(communeFromRow(row, postcodesFor(row.insee), this.#bySearchName.get(row.search_name)!.length > 1));
    }
    this.#json = this.#answers.map((answer) => JSON.stringify(answer));
    // A former commune says its département when a place still listed has its name.
    for (const row of former) {
      this.#formerJson.set(
        row.insee,
        JSON.stringify(communeFromRow(row, postcodesFor(row.insee), this.#bySearchName.has(row.search_name))),
      );
    }
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
    for (let i = 0; i < count; i++) for (const key of this.#keysOf(i)) names.push([key, i]);
    names.sort((a, b) => compareText(a[0], b[0]) || a[1] - b[1]);
    this.#nameKeys = names.map(([key]) => key);
    this.#nameOwners = Int32Array.from(names, ([, place]) => place);
    this.#typoKeys = new TypoKeys(this.#nameKeys);
    this.#seen = new Uint32Array(count);
    this.#listRuns(0, this.#nameKeys.length, 0);

    const postcodes: Array<[string, number]> = [];
    for (let i = 0; i < count; i++) for (const postcode of this.#answers[i]!.postcodes) postcodes.push([postcode, i]);
    postcodes.sort((a, b) => compareText(a[0], b[0]) || this.#rank[a[1]]! - this.#rank[b[1]]!);
    this.#postcodes = postcodes.map(([postcode]) => postcode);
    this.#postcodeOwners = Int32Array.from(postcodes, ([, place]) => place);
  }

  /** A place's name keys: its search name, and the name without its leading article. */
  #keysOf(place: number): string[] {
    const name = this.#searchNames[place]!;
    const keys = [name];
    for (const article of ARTICLES) if (name.startsWith(article)) keys.push(name.slice(article.length));
    return keys;
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

  /** The searchable places (communes, and the arrondissements of Paris, Lyon and Marseille), in INSEE order. */
  places(): readonly CommuneTable[] {
    return this.#rows;
  }

  /** A commune (or arrondissement, or former commune) by INSEE code. */
  get(insee: string): CommuneTable | undefined {
    return this.#byInsee.get(insee);
  }

  /** A commune (or arrondissement, or former commune) by INSEE code, as the API's Commune JSON. */
  communeJson(insee: string): string | undefined {
    const former = this.#formerJson.get(insee);
    if (former !== undefined) return former;
    const row = this.#byInsee.get(insee);
    if (!row) return undefined;
    // The searchable places are in INSEE order.
    let lo = 0;
    let hi = this.#rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#rows[mid]!.insee < insee) lo = mid + 1;
      else hi = mid;
    }
    return this.#json[lo];
  }

  /**
   * Communes by name (or its start, or with typos, or followed by their département) or by
   * postcode prefix (a query of digits only), best first (see the class). The answers are
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

  /** The best `limit` places for the name variants of a query, in the tiers of the class's order. */
  #byName(variants: readonly string[], limit: number): number[] {
    const search = this.#nextSearch();
    const count = this.#rows.length;
    const best = new BestFew(limit);
    const offer = (tier: number, place: number) => {
      if (this.#seen[place] === search) return;
      this.#seen[place] = search;
      best.offer(tier * count + this.#rank[place]!, place);
    };
    for (const variant of variants) for (const place of this.#bySearchName.get(variant) ?? []) offer(TIER.exact, place);
    for (const variant of variants) this.#offerStart(variant, TIER.prefix * count, search, best);

    // A name followed by its département: the places of that name there, exactly or by its start.
    const readings = best.admits(TIER.qualifiedExact * count) ? this.#departmentReadings(variants) : [];
    for (const { name, places } of readings) {
      for (const place of places) {
        const keys = this.#keysOf(place);
        if (keys.includes(name)) offer(TIER.qualifiedExact, place);
      }
    }
    for (const { name, places } of readings) {
      for (const place of places) if (this.#keysOf(place).some((key) => key.startsWith(name))) offer(TIER.qualifiedPrefix, place);
    }

    // Typos: one while the answer is not full, two only when nothing closer was found. When
    // something was found, the typed text's first two letters are taken as right: the answer of
    // a name typed right but not complete ("saint pierre d") is filled at little cost.
    if (best.admits(TIER.typo1 * count)) this.#offerTypos(variants, readings, 1, best.places.length > 0 ? 2 : 0, search, best);
    if (best.places.length === 0) this.#offerTypos(variants, readings, 2, 0, search, best);
    return best.places;
  }

  /** Offers the names typed with `typos` typos (name-typos.ts), then the places of the département readings found so. */
  #offerTypos(
    variants: readonly string[],
    readings: readonly DepartmentReading[],
    typos: 1 | 2,
    sameStart: number,
    search: number,
    best: BestFew,
  ): void {
    const count = this.#rows.length;
    const [tier, qualifiedTier] = typos === 1 ? [TIER.typo1, TIER.qualifiedTypo1] : [TIER.typo2, TIER.qualifiedTypo2];
    for (const variant of variants) {
      for (const run of this.#typoKeys.typoRuns(variant, typos, sameStart)) {
        if (run.typos === typos) this.#offerRun(run, tier * count, search, best);
      }
    }
    for (const { name, places } of readings) {
      for (const place of places) {
        if (this.#seen[place] === search) continue;
        if (this.#keysOf(place).some((key) => nameTypos(name, key) === typos)) {
          this.#seen[place] = search;
          best.offer(qualifiedTier * count + this.#rank[place]!, place);
        }
      }
    }
  }

  /**
   * The readings of a query as a name followed by a département or territory: "saint denis" in
   * La Réunion for "saint denis reunion" or "saint denis 974", with that département's places.
   */
  #departmentReadings(variants: readonly string[]): DepartmentReading[] {
    const readings: DepartmentReading[] = [];
    for (const variant of variants) {
      const words = variant.split(' ');
      for (let k = 1; k <= Math.min(MOST_DEPARTMENT_WORDS, words.length - 1); k++) {
        const places = this.#placesOf(words.slice(-k).join(' '));
        if (places.length > 0) readings.push({ name: words.slice(0, -k).join(' '), places });
      }
    }
    return readings;
  }

  /**
   * The places of the départements that the end of a query names: by name ("reunion"), by code
   * ("974", "2a") or by the start of a code or postcode (digits: "97", "93200").
   */
  #placesOf(words: string): number[] {
    if (/^\d+$/.test(words)) {
      if (words.length < 2) return [];
      const places = new Set<number>();
      for (const code of departmentCodes())
        if (code.startsWith(words)) for (const place of this.#byDepartment.get(code) ?? []) places.add(place);
      for (let i = lowerBound(this.#postcodes, words); i < this.#postcodes.length && this.#postcodes[i]!.startsWith(words); i++) {
        places.add(this.#postcodeOwners[i]!);
      }
      return [...places];
    }
    return departmentsNamed(words).flatMap((code) => this.#byDepartment.get(code) ?? []);
  }

  /** Offers the places of the keys starting with `prefix`, at `base` + rank: from the listed best places of a long run, or by reading the run. */
  #offerStart(prefix: string, base: number, search: number, best: BestFew): void {
    const listed = this.#listed.get(prefix);
    if (listed && this.#fromListed(listed, base, search, best)) return;
    for (let i = lowerBound(this.#nameKeys, prefix); i < this.#nameKeys.length; i++) {
      if (!this.#nameKeys[i]!.startsWith(prefix)) break;
      this.#offerKey(i, base, search, best);
    }
  }

  /** Offers the places of a run of keys found with typos: a start of names (as a prefix), or one name. */
  #offerRun(run: TypoRun, base: number, search: number, best: BestFew): void {
    if (run.prefix !== null && this.#listed.has(run.prefix)) return this.#offerStart(run.prefix, base, search, best);
    for (let i = run.lo; i < run.hi; i++) this.#offerKey(i, base, search, best);
  }

  #offerKey(key: number, base: number, search: number, best: BestFew): void {
    const place = this.#nameOwners[key]!;
    if (this.#seen[place] === search) return;
    this.#seen[place] = search;
    best.offer(base + this.#rank[place]!, place);
  }

  /**
   * Offers a run's listed places, best first, until no later one can be kept. False when the
   * list ran out first and a place of the run beyond it could still be kept: then the run must
   * be read (its places already offered are skipped).
   */
  #fromListed(listed: Int32Array, base: number, search: number, best: BestFew): boolean {
    for (const place of listed) {
      if (this.#seen[place] === search) continue;
      const order = base + this.#rank[place]!;
      // The list is by rank: nothing after this place can be kept either.
      if (!best.admits(order)) return true;
      this.#seen[place] = search;
      best.offer(order, place);
    }
    // The whole run is listed, or the places beyond the list (all ranked after its last one) cannot get in.
    return listed.length < this.#listedPlaces || best.worst <= base + this.#rank[listed[listed.length - 1]!]!;
  }
}
