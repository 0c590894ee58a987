import { existsSync, readFileSync } from 'node:fs';
import { embeddableWidgets, type WidgetDeclaration } from '@fs-widgets/contract/embed';
import { strongEtag } from '../http/etag.js';

/**
 * The custom elements manifest (`custom-elements.json`, written by `npm run analyze`): served
 * to the configurator and to developers at `/widgets/custom-elements.json`, and the list of
 * attributes `/embed/<tag>` accepts. Read once at start, like the widgets it describes.
 */
export interface WidgetManifest {
  /** The file as published (about 230 KB; compressed once per encoding when first sent, see http/compression.ts). */
  body: Buffer;
  etag: string;
  /** The widgets host pages may embed (`EMBED_WIDGETS` found in the manifest), by tag. */
  embeddable: ReadonlyMap<string, WidgetDeclaration>;
}

export function loadWidgetManifest(path: string): WidgetManifest | null {
  if (!existsSync(path)) return null;
  const body = readFileSync(path);
  const embeddable = new Map(embeddableWidgets(JSON.parse(body.toString('utf8'))).map((w) => [w.tag, w]));
  return { body, etag: strongEtag(body), embeddable };
}
