import {
  EMBED_WIDGETS,
  checkAttributeValue,
  escapeHtml,
  externalOrigins,
  type WidgetAttribute,
  type WidgetDeclaration,
} from '@fs-widgets/contract/embed';

/**
 * The pages `/embed/<tag>?<attributes>` answers: one widget alone, for the iframes of host pages
 * whose CMS strips scripts. Framable by any site (`frame-ancestors *`), otherwise under the same
 * strict policy as the demo: scripts and styles from this server only, nothing inline, no eval.
 */

/**
 * A page's Content-Security-Policy: the strict one, with the widget's map tiles and geocoder when
 * it uses them, framable by `frameAncestors` (any site for an embed page).
 */
export function embedPolicy(external: { img: string[]; connect: string[] } = { img: [], connect: [] }, frameAncestors = '*'): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    ['img-src', "'self'", ...external.img].join(' '),
    ['connect-src', "'self'", ...external.connect].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

export type EmbedRequest =
  | {
      ok: true;
      widget: WidgetDeclaration;
      attributes: Array<[name: string, value: string]>;
      lang: 'fr' | 'en';
      values: Record<string, string>;
    }
  | { ok: false; status: 400; widget: WidgetDeclaration; problems: Array<{ name: string; reason: string }> };

/**
 * Reads the query of `/embed/<tag>`: every parameter must be an attribute the manifest declares
 * for that widget (or `lang`), once, with a value of its type. Nothing else reaches the page.
 */
export function readEmbedRequest(widget: WidgetDeclaration, query: URLSearchParams): EmbedRequest {
  const problems: Array<{ name: string; reason: string }> = [];
  const attributes: Array<[string, string]> = [];
  const values: Record<string, string> = {};
  const seen = new Set<string>();
  let lang: 'fr' | 'en' = 'fr';
  for (const [name, raw] of query) {
    const attribute = widget.attributes.find((a) => a.name === name);
    if (!attribute) {
      problems.push({ name, reason: 'unknown' });
      continue;
    }
    if (seen.has(name)) {
      problems.push({ name, reason: 'given twice' });
      continue;
    }
    seen.add(name);
    const check = checkAttributeValue(attribute, raw);
    if (!check.ok) {
      problems.push({ name, reason: check.reason });
      continue;
    }
    if (check.value === null) continue;
    if (name === 'lang') {
      lang = check.value as 'fr' | 'en';
      continue;
    }
    attributes.push([name, check.value]);
    values[name] = check.value;
  }
  return problems.length ? { ok: false, status: 400, widget, problems } : { ok: true, widget, attributes, lang, values };
}

export interface PageAssets {
  /** `/widgets/v<version>/` of the release this page loads. */
  widgetsBase: string;
  /** `sha384-…` of its loader, when known. */
  loaderIntegrity?: string;
  /** The widgets' chunks, relative to `widgetsBase` (each widget's own first), from the build's `widget-chunks.json`. */
  chunks?: readonly string[];
}

export interface PageHead {
  /** What follows the page's own style sheet in `<head>` (its scripts, other style sheets). */
  extra?: string;
  /** `<meta name="description">`: what a search engine or a shared link shows under the title. */
  description?: string;
  /** Whether search engines may index the page (a public page of a site); embed and error pages are not. */
  indexable?: boolean;
}

/** The skeleton every page of the server starts with: its language, title, `/embed-page.css`. */
export function pageHead(lang: string, title: string, head: PageHead = {}): string {
  const description = head.description ? `\n    <meta name="description" content="${escapeHtml(head.description)}" />` : '';
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="${head.indexable ? 'index, follow' : 'noindex'}" />
    <title>${escapeHtml(title)}</title>${description}
    <link rel="stylesheet" href="/embed-page.css" />${head.extra ?? ''}
  </head>`;
}

/**
 * The widgets' loader of the release, with its integrity when known, and a `modulepreload` for
 * each chunk the page's widgets need: fetched with the loader, not after it (one round trip less).
 */
export function loaderTags(assets: PageAssets): string {
  const integrity = assets.loaderIntegrity ? ` integrity="${assets.loaderIntegrity}" crossorigin="anonymous"` : '';
  return [
    `\n    <script type="module" src="${assets.widgetsBase}fs-widgets.js"${integrity}></script>`,
    ...(assets.chunks ?? []).map((file) => `\n    <link rel="modulepreload" href="${assets.widgetsBase}${escapeHtml(file)}" />`),
  ].join('');
}

/** The placeholder's status line, in the page's language. */
const LOADING = { fr: 'Chargement…', en: 'Loading…' } as const;

/**
 * What the page shows at once, before the widget's code has arrived (one or two round trips on
 * a slow network): the widget's name, the place, and « Chargement… », written inside the element
 * and styled by `/embed-page.css` (no inline style: the page's policy allows none). Once the
 * element is defined its shadow root is rendered instead of its children (no public widget has
 * a default slot; the poster's named `logo` slot takes only `slot="logo"` children), so the
 * placeholder leaves the screen and the accessibility tree together. Its title repeats the
 * page's `<h1>` for the eyes only (`aria-hidden`): a screen reader reads the heading, then
 * « Chargement… », then the widget, each once.
 */
export function placeholder(widgetTitle: string, place: string | null, lang: 'fr' | 'en'): string {
  const name = escapeHtml(widgetTitle);
  const where = place ? `\n          <span class="embed-placeholder-place">${escapeHtml(place)}</span>` : '';
  return `
        <div class="embed-placeholder">
          <p class="embed-placeholder-title" aria-hidden="true">${name}${where}</p>
          <p class="embed-placeholder-status">${LOADING[lang]}</p>
        </div>
      `;
}

/**
 * The page of one widget: its title names the widget and the place, and it holds nothing else
 * than the widget (with its placeholder until its code has arrived).
 */
export function renderEmbedPage(request: Extract<EmbedRequest, { ok: true }>, place: string | null, assets: PageAssets): string {
  const { widget, attributes, lang } = request;
  const frame = EMBED_WIDGETS[widget.tag]!;
  const widgetTitle = lang === 'en' ? frame.titleEn : frame.title;
  const title = `${widgetTitle}${place ? ` — ${place}` : ''}`;
  const extra = [
    // A poster prints on one A4 sheet: its own page box, no browser margins.
    widget.tag === 'fs-poster' ? '\n    <link rel="stylesheet" href="/embed-print-a4.css" />' : '',
    loaderTags(assets),
    `\n    <script src="${assets.widgetsBase}embed-frame.js" defer></script>`,
  ].join('');
  const attrs = attributes.map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`)).join('');
  return `${pageHead(lang, title, { extra })}
  <body data-widget="${widget.tag}">
    <main>
      <h1 class="visually-hidden">${escapeHtml(title)}</h1>
      <${widget.tag}${attrs}>${placeholder(widgetTitle, place, lang)}</${widget.tag}>
    </main>
  </body>
</html>
`;
}

const describe = (a: WidgetAttribute): string =>
  a.kind === 'boolean'
    ? 'oui / non (sans valeur)'
    : a.kind === 'number'
      ? 'nombre'
      : a.kind === 'enum'
        ? a.options.map((o) => `<code>${escapeHtml(o)}</code>`).join(', ')
        : 'texte';

/** The 400 page: what was wrong, and the attributes this widget accepts. */
export function renderBadRequestPage(request: Extract<EmbedRequest, { ok: false }>): string {
  const { widget, problems } = request;
  const title = `Réglage refusé — ${EMBED_WIDGETS[widget.tag]?.title ?? widget.tag}`;
  const items = problems
    .map(({ name, reason }) =>
      reason === 'unknown'
        ? `<li><code>${escapeHtml(name)}</code> : réglage inconnu de ce widget (<span lang="en">unknown attribute</span>).</li>`
        : `<li><code>${escapeHtml(name)}</code> : valeur refusée (<span lang="en">${escapeHtml(reason)}</span>).</li>`,
    )
    .join('\n          ');
  const rows = widget.attributes
    .map((a) => `<tr><th scope="row"><code>${escapeHtml(a.name)}</code></th><td>${describe(a)}</td></tr>`)
    .join('\n            ');
  return `${pageHead('fr', title)}
  <body>
    <main>
      <h1>${escapeHtml(title)}</h1>
      <p>L’adresse de ce cadre contient un réglage que le widget <code>&lt;${widget.tag}&gt;</code> n’accepte pas. Reprenez le code dans le configurateur.</p>
      <p lang="en">This frame’s address holds an attribute that <code>&lt;${widget.tag}&gt;</code> does not accept.</p>
      <ul>
          ${items}
      </ul>
      <table>
        <caption>Réglages acceptés (<span lang="en">accepted attributes</span>)</caption>
        <thead><tr><th scope="col">réglage</th><th scope="col">valeur</th></tr></thead>
        <tbody>
            ${rows}
        </tbody>
      </table>
      <p><a href="/configurateur">Ouvrir le configurateur</a></p>
    </main>
  </body>
</html>
`;
}

/** The 404 page: no such public widget, and the ones there are. */
export function renderUnknownWidgetPage(tag: string, widgets: readonly string[]): string {
  const title = 'Widget introuvable';
  const list = widgets.map((w) => `<li><code>${w}</code> — ${escapeHtml(EMBED_WIDGETS[w]?.title ?? '')}</li>`).join('\n        ');
  return `${pageHead('fr', title)}
  <body>
    <main>
      <h1>${title}</h1>
      <p>Aucun widget public ne s’appelle <code>${escapeHtml(tag)}</code>. Reprenez le code dans le configurateur.</p>
      <p lang="en">No public widget is called <code>${escapeHtml(tag)}</code>.</p>
      <p>Widgets disponibles :</p>
      <ul>
        ${list}
      </ul>
      <p><a href="/configurateur">Ouvrir le configurateur</a></p>
    </main>
  </body>
</html>
`;
}

/** The origins an embed page must allow for its widget (tiles, geocoder). */
export function pageExternalOrigins(request: Extract<EmbedRequest, { ok: true }>): { img: string[]; connect: string[] } {
  return externalOrigins(request.widget, request.values);
}
