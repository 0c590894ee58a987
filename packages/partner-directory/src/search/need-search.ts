import type { Directory, DirectoryDemarche, DirectoryPartner } from '@fs-widgets/contract';
import { damerauLevenshtein, typosAllowed } from '@fs-widgets/contract/typos';

/** The typo rules, shared with the API's commune search (`@fs-widgets/contract/typos`). */
export { damerauLevenshtein, typosAllowed };

/**
 * Need search: from what a person types at the counter or at home ("renouveler ma carte
 * d'identité", "chomage", "cartegrise", "pasport") to the démarches of the partner directory that
 * answer it, and the partners it names. It runs in the browser over the whole catalogue (a few
 * hundred short entries: no server round trip per keystroke, and it works from the offline copy)
 * and in Node for its tests. No dependency but the contract's typo rules.
 *
 * - Text is normalised (NFD, diacritics and case dropped, apostrophes, hyphens and punctuation
 *   read as spaces, œ → oe), small words ("ma", "d'", "je veux") are ignored and plurals folded
 *   ("impôts" = "impot").
 * - Each word of the query is matched against the words of a démarche's keywords, title,
 *   partners' names and aliases, theme and summary, each field with its weight: exactly, as the
 *   start of a word (typing in progress: "retr"), or with a typo (Damerau–Levenshtein, optimal
 *   string alignment: 1 edit for words of 4 letters or more, 2 for 8 or more; the rules the API's
 *   commune search follows too, in `@fs-widgets/contract/typos`).
 * - Spaces do not matter: "cartegrise" is split into words of the catalogue ("carte grise"), and
 *   a query written without its spaces matches a keyword or a name written with them.
 * - Results are ranked by how many words of the query they answer, then by exact hits on
 *   keywords, titles and phrases ("chomage" is a keyword of the France Travail démarches), then
 *   by the weighted score. Démarches found only through a partner's name or alias are left out
 *   when others answer with their own words ("apl" is an alias of the CAF: the housing benefit,
 *   not every CAF démarche).
 */

/** A démarche found for a need. */
export interface DemarcheHit {
  demarche: DirectoryDemarche;
  /** Weighted score (higher is better); only meaningful within one search. */
  score: number;
  /** How many words of the query it answers. */
  matched: number;
  /** How many of them are exact hits on a keyword, the title or a partner's name (and phrases). */
  exact: number;
}

/** A national partner the query names ("caf", "pole emploi", "impots"). */
export interface PartnerHit {
  partner: DirectoryPartner;
  score: number;
}

export interface NeedResults {
  /** The words searched, normalised (what the ranking is about; empty for a blank query). */
  words: string[];
  demarches: DemarcheHit[];
  partners: PartnerHit[];
}

export interface NeedSearchOptions {
  /** Most démarches returned (default 12). */
  limit?: number;
}

// ---------------------------------------------------------------------------------------------
// Text.

/**
 * Lower case, without diacritics; every run of characters that is not a letter or a digit
 * (apostrophes, hyphens, punctuation) becomes one space. "Carte d’identité" → "carte d identite".
 */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Words that carry no need on their own, French and English ("je veux renouveler ma carte
 * d'identité" is about "renouveler carte identite"). Kept short: "aide", "carte", "demande" do
 * carry meaning in this catalogue.
 */
const STOPWORDS = new Set(
  (
    'a au aux avec ce ces c d de des du en et j je l la le les leur leurs m ma me mes moi mon n ne nos notre on ou par pas pour ' +
    'qu que qui s sa se ses son sur t ta te tes ton un une vos votre y est suis faire fais veux voudrais souhaite aimerais ' +
    'comment besoin dois peux quoi quel quelle quels quelles ' +
    'an and for how i is my of on or the to want with do can need'
  ).split(' '),
);

/** Folds a French or English plural: "impots" → "impot", "allocations" → "allocation". */
function fold(word: string): string {
  return word.length > 3 && (word.endsWith('s') || word.endsWith('x')) && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** The searchable words of a text: normalised, small words dropped, plurals folded. */
export function words(text: string): string[] {
  return normalize(text)
    .split(' ')
    .filter((w) => w && !STOPWORDS.has(w))
    .map(fold);
}

// ---------------------------------------------------------------------------------------------
// Index.

/** How strongly each field of a démarche says what it is about. */
const WEIGHTS = {
  keyword: 5,
  title: 4,
  titleEn: 2.5,
  partnerName: 2,
  summary: 1.5,
  theme: 1.5,
  handles: 1,
  summaryEn: 0.8,
} as const;
type Field = keyof typeof WEIGHTS;

/** Fields whose exact hits rank a démarche first: what it is called and the words people use for it. */
const NAMING_FIELDS = new Set<Field>(['keyword', 'title', 'titleEn']);

/** A démarche's own texts (not its partners' names and aliases, nor its theme). */
const OWN_FIELDS = new Set<Field>(['keyword', 'title', 'titleEn', 'summary', 'summaryEn']);

/** Match quality of a typed word against a known word. */
const QUALITY = { exact: 1, prefix: 0.7, typo1: 0.6, typo2: 0.45 } as const;

interface Entry<T> {
  item: T;
  /** Best weight of each word in the entry, by field: word → (field → weight). */
  words: Map<string, Map<Field, number>>;
  /** Multi-word names and keywords, as word lists and without spaces, for phrase hits. */
  phrases: Array<{ words: string[]; compact: string; weight: number }>;
}

function addText<T>(entry: Entry<T>, field: Field, text: string, phrase = false): void {
  const list = words(text);
  for (const word of list) {
    let fields = entry.words.get(word);
    if (!fields) entry.words.set(word, (fields = new Map()));
    fields.set(field, Math.max(fields.get(field) ?? 0, WEIGHTS[field]));
  }
  if (phrase && list.length > 0) entry.phrases.push({ words: list, compact: list.join(''), weight: WEIGHTS[field] });
}

const newEntry = <T>(item: T): Entry<T> => ({ item, words: new Map(), phrases: [] });

/** How a typed word matches a known word: its quality, 0 when it does not. */
function quality(typed: string, known: string): number {
  if (typed === known) return QUALITY.exact;
  if (typed.length >= 3 && known.startsWith(typed)) return QUALITY.prefix;
  const allowed = typosAllowed(typed, known);
  if (allowed === 0) return 0;
  const d = damerauLevenshtein(typed, known, allowed);
  if (d > allowed) return 0;
  return d === 1 ? QUALITY.typo1 : QUALITY.typo2;
}

/** The longest run of words found in a row in both lists. */
function longestRun(a: string[], b: string[]): number {
  let longest = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let n = 0;
      while (i + n < a.length && j + n < b.length && a[i + n] === b[j + n]) n++;
      if (n > longest) longest = n;
    }
  }
  return longest;
}

/** Is `part` a contiguous run of `whole`? */
function containsRun(whole: string[], part: string[]): boolean {
  outer: for (let i = 0; i + part.length <= whole.length; i++) {
    for (let j = 0; j < part.length; j++) if (whole[i + j] !== part[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * The catalogue, indexed once; `search()` is then cheap enough to run on each keystroke
 * (every distinct word of the catalogue is compared once per typed word).
 */
export class NeedSearch {
  readonly #demarches: Entry<DirectoryDemarche>[];
  readonly #partners: Entry<DirectoryPartner>[];
  /** Every word of the catalogue. */
  readonly #vocabulary = new Set<string>();

  constructor(directory: Pick<Directory, 'partners' | 'themes' | 'demarches'>) {
    const partnerById = new Map(directory.partners.map((p) => [p.id, p]));
    const themeById = new Map(directory.themes.map((t) => [t.id, t]));

    this.#partners = directory.partners.map((partner) => {
      const entry = newEntry(partner);
      addText(entry, 'title', partner.short_name, true);
      addText(entry, 'title', partner.name, true);
      for (const alias of partner.aliases) addText(entry, 'keyword', alias, true);
      for (const handle of partner.handles) addText(entry, 'handles', handle);
      return entry;
    });

    this.#demarches = directory.demarches.map((demarche) => {
      const entry = newEntry(demarche);
      for (const keyword of demarche.keywords) addText(entry, 'keyword', keyword, true);
      addText(entry, 'title', demarche.title, true);
      addText(entry, 'titleEn', demarche.title_en, true);
      addText(entry, 'summary', demarche.summary);
      addText(entry, 'summaryEn', demarche.summary_en);
      const theme = themeById.get(demarche.theme);
      if (theme) {
        addText(entry, 'theme', theme.label);
        addText(entry, 'theme', theme.label_en);
      }
      // The partners' names and aliases ("pôle emploi", "sécu") find their démarches, but weigh less
      // than the démarche's own words: "cni" is an alias of the Intérieur and a keyword of one démarche.
      demarche.partners.forEach((id, index) => {
        const partner = partnerById.get(id);
        if (!partner) return;
        const field: Field = index === 0 ? 'partnerName' : 'theme';
        addText(entry, field, partner.short_name);
        addText(entry, field, partner.name);
        for (const alias of partner.aliases) addText(entry, field, alias);
      });
      return entry;
    });

    for (const entry of [...this.#demarches, ...this.#partners]) for (const word of entry.words.keys()) this.#vocabulary.add(word);
  }

  /**
   * The query's words, with words typed without their spaces split into words of the catalogue
   * ("cartegrise" → "carte", "grise"; "dimpot" → "impot").
   */
  #queryWords(query: string): string[] {
    const result: string[] = [];
    for (const word of normalize(query).split(' ')) {
      if (!word || STOPWORDS.has(word)) continue;
      const folded = fold(word);
      if (this.#vocabulary.has(folded) || word.length < 5) {
        result.push(folded);
        continue;
      }
      const parts = this.#split(word);
      result.push(...(parts ?? [folded]));
    }
    return result;
  }

  /**
   * Catalogue words that make `word` when glued together, small words between them dropped
   * ("cartevitale" → "carte", "vitale"; "primedactivite" → "prime", "activite"); at most three.
   */
  #split(word: string, parts = 3): string[] | undefined {
    if (this.#vocabulary.has(fold(word))) return [fold(word)];
    if (parts === 1) return undefined;
    // The longest word first: "cartevitale" is "carte vitale", not "car" and something.
    for (let i = word.length - 2; i >= 1; i--) {
      const head = word.slice(0, i);
      const tail = word.slice(i);
      if (STOPWORDS.has(head)) {
        const rest = this.#split(tail, parts);
        if (rest) return rest;
      }
      if (head.length >= 2 && this.#vocabulary.has(fold(head))) {
        const rest = this.#split(tail, parts - 1);
        if (rest) return [fold(head), ...rest];
      }
    }
    return undefined;
  }

  /** Quality of each typed word against every catalogue word it matches. */
  #matches(typed: string[]): Map<string, number>[] {
    return typed.map((t) => {
      const found = new Map<string, number>();
      for (const known of this.#vocabulary) {
        const q = quality(t, known);
        if (q > 0) found.set(known, q);
      }
      return found;
    });
  }

  #score<T>(entry: Entry<T>, typed: string[], matches: Map<string, number>[], compactQuery: string) {
    let score = 0;
    let matched = 0;
    let exact = 0;
    /** Words matched by the entry's own texts (not only by its partners' names). */
    let own = 0;
    typed.forEach((_, i) => {
      let best = 0;
      let others = 0;
      let exactNaming = false;
      let byOwnText = false;
      for (const [known, q] of matches[i]!) {
        const fields = entry.words.get(known);
        if (!fields) continue;
        for (const [field, weight] of fields) {
          const value = q * weight;
          others += value;
          if (value > best) best = value;
          if (q === QUALITY.exact && NAMING_FIELDS.has(field)) exactNaming = true;
          if (OWN_FIELDS.has(field)) byOwnText = true;
        }
      }
      if (best === 0) return;
      matched++;
      if (exactNaming) exact++;
      if (byOwnText) own++;
      // The best field counts; every other place the word appears breaks ties.
      score += best + 0.1 * (others - best);
    });
    // Phrases: two words or more of the query in a row in a keyword, title or name ("carte
    // d'identité"), a name or keyword the query holds whole ("pôle emploi"), or the whole query
    // glued together ("cartegrise"). The best one counts, once.
    let phraseWeight = 0;
    let named = false;
    for (const phrase of entry.phrases) {
      const whole = containsRun(typed, phrase.words);
      const allowed = typosAllowed(compactQuery, phrase.compact);
      const glued = phrase.compact.length >= 5 && damerauLevenshtein(compactQuery, phrase.compact, allowed) <= allowed;
      if (whole || glued) named = true;
      if (glued) {
        // Every word is answered, by the démarche's own words (its phrases are its keywords and titles).
        matched = typed.length;
        own = Math.max(own, 1);
      }
      if (whole || glued || longestRun(typed, phrase.words) >= 2) phraseWeight = Math.max(phraseWeight, phrase.weight);
    }
    if (phraseWeight > 0) {
      score += phraseWeight;
      exact++;
    }
    return { score, matched, exact, own, named };
  }

  /** The démarches (best first) and the partners that answer a need. Blank or noise: nothing. */
  search(query: string, options: NeedSearchOptions = {}): NeedResults {
    const typed = this.#queryWords(query);
    if (typed.length === 0) return { words: [], demarches: [], partners: [] };
    const matches = this.#matches(typed);
    const compactQuery = typed.join('');
    const rank = <T>(entries: Entry<T>[]) =>
      entries
        .map((entry) => ({ item: entry.item, ...this.#score(entry, typed, matches, compactQuery) }))
        .filter((hit) => hit.matched > 0)
        .sort((a, b) => b.matched - a.matched || b.exact - a.exact || b.score - a.score);

    const demarches = rank(this.#demarches);
    const most = demarches[0]?.matched ?? 0;
    const top = demarches[0]?.score ?? 0;
    // Keep what answers every word (all but one of three or more), not far below the best; and
    // when some démarches answer with their own words, not those found only by a partner's name
    // ("apl" is the CAF's alias: the housing benefit, not every CAF démarche).
    const needed = most >= 3 ? most - 1 : most;
    const anyOwn = demarches.some((hit) => hit.own > 0);
    const kept = demarches.filter((hit) => hit.matched >= needed && hit.score >= top * 0.25 && (hit.own > 0 || !anyOwn));

    // A partner is named when one of its names or aliases is in the query, whole ("caf", "pole emploi").
    const partners = rank(this.#partners).filter((hit) => hit.named);

    return {
      words: typed,
      demarches: kept.slice(0, options.limit ?? 12).map(({ item, score, matched, exact }) => ({ demarche: item, score, matched, exact })),
      partners: partners.map(({ item, score }) => ({ partner: item, score })),
    };
  }
}
