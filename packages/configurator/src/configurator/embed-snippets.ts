import { EMBED_WIDGETS, escapeHtml, externalOrigins, type WidgetDeclaration } from '@fs-widgets/contract/embed';

/** `/widgets/integrity.json`: the pinned release and the Subresource Integrity of its files. */
export interface ReleaseInfo {
  version: string;
  files: Partial<Record<'fs-widgets.js' | 'fs-iframe-resize.js', { url: string; integrity: string }>>;
}

/** What a snippet is made of: the widgets' server, the widget and its attribute values. */
export interface SnippetInput {
  /** The widgets' server, as a base URL ending with `/` (`https://widgets.example.fr/`). */
  server: string;
  widget: WidgetDeclaration;
  /** Attribute name and value (`''` for a boolean set), in the order written. */
  attributes: ReadonlyArray<readonly [string, string]>;
  release: ReleaseInfo | null;
  /** The iframe's `title`: what the widget is, and where. */
  frameTitle: string;
}

/** A file of the widgets: its pinned URL and integrity when the release has it, else the latest. */
function widgetFile(input: SnippetInput, file: 'fs-widgets.js' | 'fs-iframe-resize.js'): { src: string; integrity?: string } {
  const pinned = input.release?.files[file];
  if (pinned) return { src: new URL(pinned.url, input.server).href, integrity: pinned.integrity };
  return { src: new URL(`widgets/${file}`, input.server).href };
}

const integrityAttributes = (integrity: string | undefined) =>
  integrity ? ` integrity="${escapeHtml(integrity)}" crossorigin="anonymous"` : '';

/** The element with its attributes, every value escaped: `<fs-site-card site-id="2983"></fs-site-card>`. */
export function elementMarkup(input: SnippetInput): string {
  const tag = input.widget.tag;
  const attributes = input.attributes.map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`)).join('');
  return `<${tag}${attributes}></${tag}>`;
}

/** Variant 1: the loader (pinned, with SRI) and the element. */
export function scriptSnippet(input: SnippetInput): string {
  const loader = widgetFile(input, 'fs-widgets.js');
  return `<script type="module" src="${escapeHtml(loader.src)}"${integrityAttributes(loader.integrity)}></script>\n${elementMarkup(input)}`;
}

/** The embed page's URL: `/embed/<tag>?<attribute>=<value>…` (a boolean set is `name=`). */
export function embedUrl(input: SnippetInput): string {
  const url = new URL(`embed/${input.widget.tag}`, input.server);
  for (const [name, value] of input.attributes) url.searchParams.append(name, value);
  return url.href;
}

/**
 * Variant 2, for CMSes that strip scripts: the iframe (sized by attributes, not an inline style,
 * which a strict host policy would block) and the optional resize script.
 */
export function iframeSnippet(input: SnippetInput): string {
  const frame = EMBED_WIDGETS[input.widget.tag];
  const resize = widgetFile(input, 'fs-iframe-resize.js');
  const allow = frame?.allow ? ` allow="${escapeHtml(frame.allow)}"` : '';
  return (
    `<iframe src="${escapeHtml(embedUrl(input))}" title="${escapeHtml(input.frameTitle)}" width="100%" height="${frame?.height ?? 600}" loading="lazy"${allow} frameborder="0"></iframe>\n` +
    `<script src="${escapeHtml(resize.src)}"${integrityAttributes(resize.integrity)}></script>`
  );
}

/** The Content-Security-Policy directives a host page needs for each variant. */
export function hostPolicies(input: SnippetInput): { script: string; frame: string; map: boolean } {
  const origin = new URL(input.server).origin;
  const values = Object.fromEntries(input.attributes);
  const external = externalOrigins(input.widget, values);
  const script = [
    `script-src ${origin}`,
    ['connect-src', origin, ...external.connect].join(' '),
    ...(external.img.length ? [['img-src', ...external.img].join(' ')] : []),
  ];
  return { script: script.join('; '), frame: `frame-src ${origin}; script-src ${origin}`, map: external.img.length > 0 };
}
