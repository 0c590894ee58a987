/**
 * The WordPress plugin as this server offers it (`/wordpress/france-services-widgets.zip`): the
 * zip `npm run build:wordpress` makes, with one file added, `generated/default-server.txt`, holding
 * this server's own address. A secretary who downloads the plugin from the configurator installs
 * it through « Extensions → Ajouter → Téléverser » and finds it set for the server she came from
 * (« Réglages → France services » shows it, and checks it is reachable); she can change it there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { unzip, zip, type ZipEntry } from '../http/zip.js';

/** The plugin's folder inside its zip, as WordPress installs it (`wp-content/plugins/<folder>`). */
export const WORDPRESS_PLUGIN_FOLDER = 'france-services-widgets';
export const WORDPRESS_ZIP_NAME = `${WORDPRESS_PLUGIN_FOLDER}.zip`;
/** The plugin reads its default server here first (packages/wordpress/includes, see the plugin's readme). */
export const DEFAULT_SERVER_FILE = `${WORDPRESS_PLUGIN_FOLDER}/generated/default-server.txt`;

/** How many servers' copies are kept (one per address the server is reached by: usually one or two). */
const COPIES_KEPT = 8;

export interface WordPressPlugin {
  /** The plugin's version, from its header (`Version: 0.1.0`). */
  version: string;
  /** The zip for a server address, made once per address. */
  zipFor(origin: string): Buffer;
}

/**
 * The built plugin at `zipPath`, or null when it is not built (`npm run build:wordpress`). Throws
 * when the file is not the plugin's zip: a broken build must not be offered for download.
 */
export function loadWordPressPlugin(zipPath: string): WordPressPlugin | null {
  if (!existsSync(zipPath)) return null;
  const files = unzip(readFileSync(zipPath)).filter((f) => f.name !== DEFAULT_SERVER_FILE);
  const main = files.find((f) => f.name === `${WORDPRESS_PLUGIN_FOLDER}/${WORDPRESS_PLUGIN_FOLDER}.php`);
  if (!main) throw new Error(`${zipPath}: not the WordPress plugin (no ${WORDPRESS_PLUGIN_FOLDER}/${WORDPRESS_PLUGIN_FOLDER}.php)`);
  const version = /^[ \t/*#@]*Version:\s*(\S+)/im.exec(main.data.toString('utf8'))?.[1];
  if (!version) throw new Error(`${zipPath}: the plugin's header has no Version`);
  const copies = new Map<string, Buffer>();
  return {
    version,
    zipFor(origin) {
      let copy = copies.get(origin);
      if (!copy) {
        const entries: ZipEntry[] = [...files, { name: DEFAULT_SERVER_FILE, data: `${origin}\n` }];
        copy = zip(entries);
        if (copies.size >= COPIES_KEPT) copies.delete(copies.keys().next().value!);
        copies.set(origin, copy);
      }
      return copy;
    },
  };
}
