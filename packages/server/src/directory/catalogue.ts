import { readFileSync } from 'node:fs';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import {
  DIRECTORY_THEMES,
  DirectoryDemarche,
  DirectoryPartner,
  DirectoryTheme,
  PARTNERS,
  type Directory,
} from '@fs-widgets/contract';
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
  if (themeIds.join() !== DIRECTORY_THEMES.join()) fail(themesFile, `the themes must be exactly, in this order: ${DIRECTORY_THEMES.join(', ')}`);

  const thematiques = dataInclusionValues('thematiques', dataInclusionDir);
  for (const theme of themes) {
    for (const value of theme.thematiques) if (!thematiques.has(value)) fail(themesFile, `theme ${theme.id}: ${value} is not a data·inclusion thématique`);
  }
  const seen = new Set<string>();
  for (const demarche of demarches) {
    if (seen.has(demarche.id)) fail(demarchesFile, `the démarche id ${demarche.id} is listed twice`);
    seen.add(demarche.id);
    for (const value of demarche.thematiques) {
      if (!thematiques.has(value)) fail(demarchesFile, `démarche ${demarche.id}: ${value} is not a data·inclusion thématique`);
    }
  }
  return { updated_on: raw.updated_on, partners, themes, demarches };
}
