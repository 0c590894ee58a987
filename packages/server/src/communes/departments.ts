import { createRequire } from 'node:module';
import { searchName } from '@fs-widgets/contract/search-name';

interface CogDepartment {
  code: string;
  nom: string;
}

/**
 * The départements and overseas territories by code, with their names as the COG writes them
 * ("Lozère", "La Réunion", "Seine-Saint-Denis", "Saint-Pierre-et-Miquelon"): the file of the
 * same package and version as the communes (@etalab/decoupage-administratif), read once.
 */
function readDepartments(): ReadonlyMap<string, string> {
  const require = createRequire(import.meta.url);
  const list = require('@etalab/decoupage-administratif/data/departements.json') as CogDepartment[];
  return new Map(list.map((d) => [d.code, d.nom]));
}

const DEPARTMENT_NAMES = readDepartments();

/** Leading articles a person may leave out of a département's name: "reunion" is La Réunion. */
const ARTICLES = ['le ', 'la ', 'les ', 'l '];

/** A département's or territory's name by its code (`'48'` → `'Lozère'`, `'974'` → `'La Réunion'`); undefined if unknown. */
export function departmentName(code: string): string | undefined {
  return DEPARTMENT_NAMES.get(code);
}

/** Letters the end of a query needs to be read as the start of a département's name ("reu" for La Réunion). */
const NAME_PREFIX_FROM = 3;

/** Each département's names in their search form: "la reunion" and "reunion", "seine saint denis". */
const NAME_KEYS: ReadonlyArray<{ code: string; keys: string[] }> = [...DEPARTMENT_NAMES].map(([code, name]) => {
  const full = searchName(name);
  return { code, keys: [full, ...ARTICLES.filter((a) => full.startsWith(a)).map((a) => full.slice(a.length))] };
});

/**
 * The départements that the last words of a query name, in their search form: "reunion",
 * "la reunion", "seine saint denis", "reu" (the start of a name, being typed: 3 letters or more),
 * and Corsica's codes "2a" and "2b". Other digits are read by the caller (a code or the start of a
 * postcode). Typos are not tolerated here: a river in a commune's name ("Nogent-sur-Marme") would
 * too easily be read as a département.
 */
export function departmentsNamed(words: string): string[] {
  if (words === '2a' || words === '2b') return [words.toUpperCase()];
  return NAME_KEYS.filter(({ keys }) =>
    keys.some((key) => key === words || (words.length >= NAME_PREFIX_FROM && key.startsWith(words))),
  ).map(({ code }) => code);
}

/** Every département and territory code. */
export function departmentCodes(): string[] {
  return [...DEPARTMENT_NAMES.keys()];
}
