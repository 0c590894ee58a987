import type { Commune } from '@fs-widgets/contract';
import { searchName } from '@fs-widgets/contract/search-name';

/**
 * A commune as `GET /communes` answers it. `label` (« Saint-Denis (La Réunion) » where the name is
 * shared) and `department_name` are read when the server gives them.
 */
type Answered = Commune & { label?: string; department_name?: string | null };

/**
 * Which commune a text typed in the place step names, when the person leaves the field (or
 * presses Enter) without choosing in the list: only an exact match is taken, so the snippet
 * never gets a commune the person did not mean.
 *
 * - a postcode (5 digits): the communes that have it — one is taken, several are offered;
 * - a name: the communes of exactly that name, case, accents, hyphens and apostrophes aside
 *   (« nanteuil en vallee » is Nanteuil-en-Vallée) — a name shared by several communes
 *   (Saint-Denis) is offered, never guessed. A name told apart as the list writes it names one:
 *   by its postcodes, « Mende (48000) », or its département, « Saint-Denis (La Réunion) »,
 *   « saint denis reunion », « Saint-Denis 974 ».
 */
export type CommuneMatch =
  | { kind: 'one'; commune: Commune }
  | { kind: 'several'; by: 'name' | 'postcode'; key: string; communes: Commune[] }
  | { kind: 'none'; by: 'name' | 'postcode'; key: string };

const POSTCODE = /^\d{5}$/;
/** « Mende (48000) », « Saint-Denis (93200, 93210…) »: a name, then what tells it apart. */
const LABELLED = /^(.*\S)\s*\(([^()]*)\)$/;

/**
 * A name for comparison: the API's own search form (no case, accents, ligatures, hyphens,
 * apostrophes or brackets; « st » spelled « saint »), so that what she typed meets a commune's
 * name as the server's search meets it.
 */
export const communeKey = searchName;

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
  const key = communeKey(trimmed);
  // The label the server gives, as the search's list shows it.
  const byLabel = (candidates as readonly Answered[]).filter((c) => c.label && communeKey(c.label) === key);
  if (byLabel.length) return pick(byLabel, 'name', name);
  let found = candidates.filter((c) => communeKey(c.name) === communeKey(name));
  if (labelled) {
    // The part in brackets tells same-name communes apart: their postcodes (as the list shows
    // them, « 93200, 93210… ») or their département.
    const told = labelled[2]!;
    found = found.filter((c) => tells(c, told));
  } else if (!found.length) {
    // A name followed by what tells it apart, without brackets: « saint denis reunion ».
    found = candidates.filter((c) => {
      const own = communeKey(c.name);
      return key.startsWith(`${own} `) && tells(c, key.slice(own.length + 1));
    });
  }
  return pick(found, 'name', name);
}

/** Leading articles a département's name may be given without: « Réunion » is La Réunion. */
const ARTICLE = /^(?:la|le|les|l) /;

/** Whether `told` (« 93200, 93210… », « 974 », « La Réunion », « reunion ») is what tells `commune` apart. */
function tells(commune: Answered, told: string): boolean {
  const key = communeKey(told);
  if (!key) return false;
  const department = commune.department_name ? communeKey(commune.department_name) : null;
  if (department && (key === department || key === department.replace(ARTICLE, ''))) return true;
  const parts = told
    .split(/[,;\s…]+|\.\.\./)
    .map((part) => part.trim())
    .filter(Boolean);
  return parts.length > 0 && parts.every((part) => commune.postcodes.includes(part) || commune.department === part.toUpperCase());
}

function pick(found: Commune[], by: 'name' | 'postcode', key: string): CommuneMatch {
  // The same commune twice (an answer listing it by name and by postcode) is one commune.
  const unique = [...new Map(found.map((c) => [c.insee, c])).values()];
  if (unique.length === 1) return { kind: 'one', commune: unique[0]! };
  if (unique.length === 0) return { kind: 'none', by, key };
  return { kind: 'several', by, key, communes: unique };
}
