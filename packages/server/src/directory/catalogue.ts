import { readFileSync } from 'node:fs';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { DIRECTORY_THEMES, DirectoryDemarche, DirectoryPartner, DirectoryTheme, PARTNERS, type Directory } from '@fs-widgets/contract';
import { DATA_DIR } from '../paths.js';

/**
 * The partner directory's catalogue: the national partners, the themes and the common
 * démarches, as data in `data/directory/` (a new national partner or démarche is a data
 * change). Read and checked once at start: a catalogue that breaks the contract or refers to
 * something that does not exist stops the server with the file, the entry and the reason,
 * rather than showing people a broken entry.
 */
export const DIRECTORY_DIR = `${DATA_DIR}directory/`;
/** The national data·inclusion referential (v1.0.8) the themes are aligned with. */
export const DATA_INCLUSION_DIR = `${DATA_DIR}data-inclusion/`;

export class DirectoryError extends Error {}

const readJson = (file: string): unknown => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DirectoryError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
};

/** The values of a data·inclusion referential file (`thematiques.json`…). */
export function dataInclusionValues(name: string, dir = DATA_INCLUSION_DIR): Set<string> {
  return new Set((readJson(`${dir}${name}.json`) as { value: string }[]).map((entry) => entry.value));
}

/**
 * The slugs of the départements' préfecture sites (`www.vaucluse.gouv.fr`, formerly
 * `www.vaucluse.pref.gouv.fr`): the State's local pages, not the national ones.
 */
const PREFECTURE_SLUGS = new Set(
  (
    'ain aisne allier alpes-de-haute-provence hautes-alpes alpes-maritimes ardeche ardennes ariege aube aude aveyron ' +
    'bouches-du-rhone calvados cantal charente charente-maritime cher correze corse-du-sud haute-corse cote-dor ' +
    'cotes-darmor creuse dordogne doubs drome eure eure-et-loir finistere gard haute-garonne gers gironde herault ' +
    'ille-et-vilaine indre indre-et-loire isere jura landes loir-et-cher loire haute-loire loire-atlantique loiret lot ' +
    'lot-et-garonne lozere maine-et-loire manche marne haute-marne mayenne meurthe-et-moselle meuse morbihan moselle ' +
    'nievre nord oise orne pas-de-calais puy-de-dome pyrenees-atlantiques hautes-pyrenees pyrenees-orientales bas-rhin ' +
    'haut-rhin rhone haute-saone saone-et-loire sarthe savoie haute-savoie paris seine-maritime seine-et-marne yvelines ' +
    'deux-sevres somme tarn tarn-et-garonne var vaucluse vendee vienne haute-vienne vosges yonne territoire-de-belfort ' +
    'essonne hauts-de-seine seine-saint-denis val-de-marne val-doise guadeloupe martinique guyane la-reunion reunion ' +
    'mayotte saint-pierre-et-miquelon spm saint-barth-saint-martin wallis-et-futuna nouvelle-caledonie polynesie-francaise'
  ).split(' '),
);

/**
 * Says what kind of local or regional page a link is (a département’s préfecture, a regional
 * MSA, a departmental CAF or CPAM page, a CDAD…), or null for a national page. A démarche is
 * described for the whole country: it cites the national page (a service-public.fr fiche, the
 * national partner’s own page), and a local or regional one only with a `source_scope_note`
 * saying why.
 */
export function localScope(link: string): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const path = url.pathname.toLowerCase();
  const gouv = host.match(/^([a-z-]+)(?:\.pref)?\.gouv\.fr$/);
  if (gouv && PREFECTURE_SLUGS.has(gouv[1]!)) return 'the site of a département’s préfecture';
  if (host.endsWith('.pref.gouv.fr')) return 'the site of a préfecture';
  if (host === 'prefectures-regions.gouv.fr') return 'the site of a regional préfecture';
  if (/\.(dreets|drieets|dreal|draaf|driea|ddets|ddt|ddtm)\.gouv\.fr$/.test(host))
    return 'the site of a regional or departmental State office';
  if (host.endsWith('.msa.fr') && host !== 'msa.fr') return 'the site of a regional MSA fund, not www.msa.fr';
  if (host === 'caf.fr' && /^\/(?:allocataires|partenaires)\/caf-(?:de|du|des|d)-/.test(path)) return 'the page of a departmental CAF';
  if (
    host === 'ameli.fr' &&
    /^\/(?!assure\/|professionnels?\/|entreprise\/|medecin\/)[a-z0-9-]+\/(?:assure|professionnels?|entreprise|medecin)\//.test(path)
  ) {
    return 'the page of a departmental CPAM';
  }
  if (/^(?:carsat|cram|cgss)-/.test(host)) return 'the site of a regional pension fund';
  if (/^cdad-[a-z0-9-]+\.justice\.fr$/.test(host)) return 'the site of a departmental legal access council (CDAD)';
  if (host === 'cours-appel.justice.fr') return 'the site of a court of appeal';
  if (host === 'francetravail.fr' && path.startsWith('/region/')) return 'a regional France Travail page';
  if (host === 'lannuaire.service-public.fr') return 'the directory entry of a local office';
  return null;
}

function checked<T>(file: string, schema: TSchema, entries: unknown, what: string): T[] {
  if (!Array.isArray(entries)) throw new DirectoryError(`${file}: expected an array of ${what}`);
  entries.forEach((entry, index) => {
    if (!Value.Check(schema, entry)) {
      const error = [...Value.Errors(schema, entry)][0];
      const id = (entry as { id?: unknown })?.id ?? `#${index}`;
      throw new DirectoryError(`${file}: ${what} ${String(id)}: ${error?.instancePath || '(entry)'} ${error?.message ?? 'is invalid'}`);
    }
  });
  return entries as T[];
}

/** Reads and checks the catalogue; throws a `DirectoryError` naming the file and the entry at fault. */
export function loadDirectory(dir = DIRECTORY_DIR, dataInclusionDir = DATA_INCLUSION_DIR): Directory {
  const partnersFile = `${dir}partners.json`;
  const themesFile = `${dir}themes.json`;
  const demarchesFile = `${dir}demarches.json`;
  const partners = checked<DirectoryPartner>(partnersFile, DirectoryPartner, readJson(partnersFile), 'partner');
  const themes = checked<DirectoryTheme>(themesFile, DirectoryTheme, readJson(themesFile), 'theme');
  const raw = readJson(demarchesFile) as { updated_on?: unknown; demarches?: unknown };
  if (typeof raw?.updated_on !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw.updated_on)) {
    throw new DirectoryError(`${demarchesFile}: "updated_on" must be the date of the last review, YYYY-MM-DD`);
  }
  const demarches = checked<DirectoryDemarche>(demarchesFile, DirectoryDemarche, raw.demarches, 'démarche');

  const fail = (file: string, message: string): never => {
    throw new DirectoryError(`${file}: ${message}`);
  };
  const national = PARTNERS.filter((p) => p !== 'local');
  const partnerIds = partners.map((p) => p.id);
  if (new Set(partnerIds).size !== partnerIds.length) fail(partnersFile, 'a partner id is listed twice');
  for (const id of national) if (!partnerIds.includes(id)) fail(partnersFile, `the national partner ${id} is missing`);
  const themeIds = themes.map((t) => t.id);
  if (themeIds.join() !== DIRECTORY_THEMES.join())
    fail(themesFile, `the themes must be exactly, in this order: ${DIRECTORY_THEMES.join(', ')}`);

  const thematiques = dataInclusionValues('thematiques', dataInclusionDir);
  for (const theme of themes) {
    for (const value of theme.thematiques)
      if (!thematiques.has(value)) fail(themesFile, `theme ${theme.id}: ${value} is not a data·inclusion thématique`);
  }
  for (const partner of partners) {
    for (const link of [partner.website, partner.source, ...partner.online_services.map((s) => s.url)]) {
      const scope = localScope(link);
      if (scope) fail(partnersFile, `partner ${partner.id}: ${link} is ${scope}; a national partner cites its national pages`);
    }
  }
  const seen = new Set<string>();
  for (const demarche of demarches) {
    if (seen.has(demarche.id)) fail(demarchesFile, `the démarche id ${demarche.id} is listed twice`);
    seen.add(demarche.id);
    if (!demarche.source_scope_note) {
      for (const link of [demarche.source, ...(demarche.online ? [demarche.online.url] : [])]) {
        const scope = localScope(link);
        if (scope) {
          fail(demarchesFile, `démarche ${demarche.id}: ${link} is ${scope}; cite the national page, or say why in "source_scope_note"`);
        }
      }
    }
    for (const value of demarche.thematiques) {
      if (!thematiques.has(value)) fail(demarchesFile, `démarche ${demarche.id}: ${value} is not a data·inclusion thématique`);
    }
  }
  return { updated_on: raw.updated_on, partners, themes, demarches };
}
