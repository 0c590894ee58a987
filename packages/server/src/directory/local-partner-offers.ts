import { readFileSync } from 'node:fs';
import type { DirectoryTheme, DirectoryThemeId, SiteLocalPartner } from '@fs-widgets/contract';
import type { LocalPartnerTable } from '../db/schema.js';
import { DIRECTORY_DIR } from './catalogue.js';

/**
 * A site's local partners as its record carries them (`Site.local_partners`): the card lists
 * them under « Sur place aussi » and the search keeps the sites with `offer=local-partner` or
 * `offer=local-partner:<theme>`. A partner helps with a theme of the directory when one of its
 * data·inclusion thématiques is one of the theme's (`data/directory/themes.json`, checked with
 * the rest of the directory when the server starts): the agents choose thématiques, the person
 * looking for help reads themes.
 */

let themes: readonly Pick<DirectoryTheme, 'id' | 'thematiques'>[] | undefined;

/** The directory's themes a partner's thématiques meet, in the directory's order. */
export function themesOfThematiques(thematiques: readonly string[]): DirectoryThemeId[] {
  themes ??= JSON.parse(readFileSync(`${DIRECTORY_DIR}themes.json`, 'utf8')) as DirectoryTheme[];
  return themes.filter((theme) => theme.thematiques.some((value) => thematiques.includes(value))).map((theme) => theme.id);
}

export function siteLocalPartner(row: Pick<LocalPartnerTable, 'id' | 'name' | 'thematiques' | 'website'>): SiteLocalPartner {
  return { id: row.id, name: row.name, themes: themesOfThematiques(JSON.parse(row.thematiques) as string[]), website: row.website };
}

/** Names first, as people read them (`localeCompare` in French), then the id, so that the order never depends on the engine. */
export const compareSiteLocalPartners = (a: SiteLocalPartner, b: SiteLocalPartner) =>
  a.name.localeCompare(b.name, 'fr') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
