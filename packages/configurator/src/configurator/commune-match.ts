import type { Commune } from '@fs-widgets/contract';

/**
 * Which commune a text typed in the place step names, when the person leaves the field (or
 * presses Enter) without choosing in the list: only an exact match is taken, so the snippet
 * never gets a commune the person did not mean.
 *
 * - a postcode (5 digits): the communes that have it — one is taken, several are offered;
 * - a name: the communes of exactly that name, case, accents, hyphens and apostrophes aside
 *   (« nanteuil en vallee » is Nanteuil-en-Vallée) — a name shared by several communes
 *   (Saint-Denis) is offered, never guessed. A label as the list writes it, « Mende (48000) »,
 *   names the commune whose postcodes it gives.
 */
export type CommuneMatch =
  | { kind: 'one'; commune: Commune }
  | { kind: 'several'; by: 'name' | 'postcode'; key: string; communes: Commune[] }
  | { kind: 'none'; by: 'name' | 'postcode'; key: string };

const POSTCODE = /^\d{5}$/;
/** « Mende (48000) », « Saint-Denis (93200, 93210…) »: a name, then what tells it apart. */
const LABELLED = /^(.*\S)\s*\(([^()]*)\)$/;

/** A name for comparison: no case, accents, ligatures, hyphens, apostrophes or extra spaces. */
export function communeKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[\s\p{Pd}'’ʼ`´.]+/gu, ' ')
    .trim();
}

/** What to ask the API's commune search (`GET /communes?q=`) for a typed text: its name or postcode part. */
export function communeQuery(text: string): string {
  const trimmed = text.trim();
  return (LABELLED.exec(trimmed)?.[1] ?? trimmed).slice(0, 80);
}

/** The commune(s) `text` names exactly, among the API's answer to `communeQuery(text)`. */
export function matchCommune(text: string, candidates: readonly Commune[]): CommuneMatch {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (POSTCODE.test(trimmed)) {
    const found = candidates.filter((c) => c.postcodes.includes(trimmed));
    return pick(found, 'postcode', trimmed);
  }
  const labelled = LABELLED.exec(trimmed);
  const name = labelled?.[1] ?? trimmed;
  let found = candidates.filter((c) => communeKey(c.name) === communeKey(name));
  if (labelled) {
    // The part in brackets tells same-name communes apart: their postcodes (as the list shows
    // them, « 93200, 93210… ») or their département.
    const told = labelled[2]!
      .split(/[,;\s…]+|\.\.\./)
      .map((part) => part.trim())
      .filter(Boolean);
    found = found.filter((c) => told.length > 0 && told.every((part) => c.postcodes.includes(part) || c.department === part));
  }
  return pick(found, 'name', name);
}

function pick(found: Commune[], by: 'name' | 'postcode', key: string): CommuneMatch {
  // The same commune twice (an answer listing it by name and by postcode) is one commune.
  const unique = [...new Map(found.map((c) => [c.insee, c])).values()];
  if (unique.length === 1) return { kind: 'one', commune: unique[0]! };
  if (unique.length === 0) return { kind: 'none', by, key };
  return { kind: 'several', by, key, communes: unique };
}
