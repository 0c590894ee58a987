/**
 * The registry of the library's custom elements: the one list every tool derives its own from.
 *
 * - the Rollup inputs of each package (`rollup.config.mjs`) and the embed loader's map of tags to
 *   lazily imported modules (`scripts/build/widget-loaders.mjs`, a generated module);
 * - the size report and its budgets (`scripts/bench/size-report.mjs`, `npm run size`);
 * - the widgets the configurator offers and the `/embed/<tag>` allow-list (`EMBED_WIDGETS` in
 *   `./embed.ts`);
 * - the checks that the manifest, the packages' exports, the stories and these lists agree
 *   (`packages/contract/test/widget-registry.test.ts`).
 *
 * Conventions that make one line per element enough: the element `fs-<name>` is defined in
 * `packages/<package>/src/<name>/<name>.ts` (beside `<name>.component.ts`), published as
 * `@fs-widgets/<package>/<name>.js`, and shown in `stories/<name>.stories.ts`.
 *
 * Plain values, no dependency: safe in a browser bundle and readable by the build scripts.
 */

/**
 * Who an element is for:
 * - `public`: a widget host pages embed (the configurator offers it, `/embed/<tag>` renders it);
 * - `agents`: an agents' tool, needing an agent token kept on the device: it belongs on a site's
 *   intranet or counter tablet, set up with the token (README), never on a public page;
 * - `building-block`: a part the widgets are made of, for developers composing their own;
 * - `tool`: the configurator itself.
 */
export type WidgetAudience = 'public' | 'agents' | 'building-block' | 'tool';

/** How a public widget is framed: the French title of its frame and the height it starts at. */
export interface EmbedWidget {
  /** What the widget is, in French, for the iframe's `title` and the embed page's `<title>`. */
  title: string;
  /** The same in English, for a widget set to `lang="en"`. */
  titleEn: string;
  /** Height in CSS pixels of the iframe before the page reports its own (or when scripts are stripped). */
  height: number;
  /** The iframe's `allow` (Permissions Policy): the locator's "Autour de moi" needs `geolocation` in a frame of another origin. */
  allow?: string;
  /**
   * The widget finds the nearest site of its `commune` by itself: the configurator leaves
   * `site-id` empty (the site stays the nearest as the network changes) unless the person picks
   * one. Other widgets with a `site-id` get the nearest site of the commune chosen.
   */
  nearestFromCommune?: boolean;
}

/** One custom element of the library. */
export interface WidgetEntry {
  /** The custom element's tag, `fs-<name>`. */
  tag: `fs-${string}`;
  /** The workspace package that holds it, without the scope: `site-locator` for `@fs-widgets/site-locator`. */
  package: string;
  audience: WidgetAudience;
  /**
   * What a page loads at first for this element, in KB (1,024 bytes) of min+gzip, Lit not
   * counted (a page has it once for every widget): `npm run size` fails above it. What the
   * element fetches on demand (the map and Leaflet, the English texts, the QR code maker) is
   * reported apart.
   */
  budgetKb: number;
  /** Public widgets only: how the configurator and `/embed/<tag>` frame it. */
  embed?: EmbedWidget;
}

/**
 * Every element, in the order the configurator lists the public ones. Budgets: the core of a
 * data widget is about 10 KB (the API client, idb, tokens, the core's strings); the notes say what each
 * element adds on top.
 */
export const WIDGETS: readonly WidgetEntry[] = [
  // The list, filters, travel times and the details view; the map (Leaflet, supercluster) and
  // the site card come on demand.
  {
    tag: 'fs-site-locator',
    package: 'site-locator',
    audience: 'public',
    budgetKb: 25,
    embed: { title: 'Trouver une France services', titleEn: 'Find a France services', height: 960, allow: 'geolocation' },
  },
  // Also measured with Lit (budget 30), for a page that embeds one card alone.
  {
    tag: 'fs-site-card',
    package: 'site-locator',
    audience: 'public',
    budgetKb: 22,
    embed: { title: 'Votre France services', titleEn: 'Your France services', height: 720 },
  },
  // The need search runs in the browser over the catalogue (≈ 2 KB), three views and the site's
  // section with its permanences (≈ 4 KB), styles and French texts (≈ 2.5 KB).
  {
    tag: 'fs-partner-directory',
    package: 'partner-directory',
    audience: 'public',
    budgetKb: 23,
    embed: { title: 'Vos démarches : qui peut vous aider ?', titleEn: 'Your formalities: who can help?', height: 900 },
  },
  {
    tag: 'fs-satisfaction',
    package: 'satisfaction',
    audience: 'public',
    budgetKb: 20,
    embed: { title: 'Donner votre avis sur la France services', titleEn: 'Give your opinion on France services', height: 480 },
  },
  {
    tag: 'fs-satisfaction-results',
    package: 'satisfaction',
    audience: 'public',
    budgetKb: 20,
    embed: { title: 'La satisfaction des usagers de France services', titleEn: 'France services user satisfaction', height: 560 },
  },
  {
    tag: 'fs-demarche-tracker',
    package: 'demarches',
    audience: 'public',
    budgetKb: 22,
    embed: { title: 'Suivre mon dossier France services', titleEn: 'Follow my France services case', height: 420 },
  },
  // Three steps and the confirmation, the cancel and move by code, styles and French texts; the
  // site card comes on demand with the confirmation.
  {
    tag: 'fs-booking',
    package: 'appointments',
    audience: 'public',
    budgetKb: 22,
    embed: { title: 'Prendre rendez-vous dans une France services', titleEn: 'Book an appointment at a France services', height: 900 },
  },
  // The kit: the core, the kit's strings part (shared by its four elements) and the element
  // (≈ 1.5–2 KB with styles); the banner and the badge also carry the opening-hours logic for
  // "open now / today" (≈ 2.4 KB: public holidays, time zones), as the site card does.
  {
    tag: 'fs-banner',
    package: 'kit',
    audience: 'public',
    budgetKb: 20,
    embed: { title: 'Bandeau : votre France services', titleEn: 'Banner: your France services', height: 200, nearestFromCommune: true },
  },
  {
    tag: 'fs-badge',
    package: 'kit',
    audience: 'public',
    budgetKb: 20,
    embed: { title: 'Badge : votre France services', titleEn: 'Badge: your France services', height: 120, nearestFromCommune: true },
  },
  // Three reads (site, partners, catalogue), the permanence wording and the sheet with its print
  // rules; the QR code encoder (our own, 1.7 KB) comes on demand.
  {
    tag: 'fs-poster',
    package: 'kit',
    audience: 'public',
    budgetKb: 20,
    embed: { title: 'Affiche France services à imprimer', titleEn: 'Printable France services poster', height: 1160 },
  },
  {
    tag: 'fs-key-figures',
    package: 'kit',
    audience: 'public',
    budgetKb: 18,
    embed: { title: 'Les chiffres clés de France services', titleEn: 'France services key figures', height: 420 },
  },
  // Agents' tools, on the sites' intranets and counter tablets: more features, looser budgets.
  // The log: one-tap logging through the outbox, today's figures, cases with their QR code and
  // receipt (the QR code maker on demand).
  { tag: 'fs-demarche-log', package: 'demarches', audience: 'agents', budgetKb: 28 },
  // The lists in plain words, the token screens and every state; its two forms (recurrence
  // builder, checks, ≈ 3 KB) are fetched once the lists are shown.
  { tag: 'fs-partner-editor', package: 'demarches', audience: 'agents', budgetKb: 24 },
  // A site's own administration: sign-in, role, verification, the week's form, the offers, the
  // outbox for writes made offline (measured 22.7 KB on 2026-12-07); the managers' sections
  // (access, history in plain words) and the hosted closure and outreach editors (≈ 42 KB with
  // them) are fetched on demand.
  { tag: 'fs-site-admin', package: 'demarches', audience: 'agents', budgetKb: 24 },
  // Exceptional closures and hours: the site editors' shared base (sign-in, list states, outbox
  // writes, confirmation), the form and the public widgets' words for an exception (measured
  // 20.6 KB on 2026-12-07).
  { tag: 'fs-closure-editor', package: 'demarches', audience: 'agents', budgetKb: 23 },
  // Stops and outreach permanences: the same base, the visits computed from the rules (public
  // holidays), the drafts and checks (measured 26.8 KB on 2026-12-07); the forms (recurrence
  // builder, fields) and the commune search, 11.8 KB, are fetched once the list is shown.
  { tag: 'fs-outreach-editor', package: 'demarches', audience: 'agents', budgetKb: 29 },
  // The agenda of appointments (issue 19): the shared sign-in, the day and week views, the three
  // forms (booking for someone, blocking a time, the settings), the outbox's pending and refused
  // lists, the site's local days (opening-hours' time zones) and its French texts (measured 29.0 KB
  // on 2026-12-07; the English texts, 4.9 KB with the sign-in's, on demand).
  { tag: 'fs-agenda', package: 'appointments', audience: 'agents', budgetKb: 30 },
  // The network observatory (issue 17), for prefectures', carriers' and the ANCT's intranets: the
  // observer's sign-in (the agents' shared one), the scoped reads, the sortable tables and their
  // CSV/XLSX downloads (measured 18.2 KB on 2026-12-07). The coverage map adds the what-if form
  // and its table view (21.5 KB); its Leaflet (≈ 42 KB) and the départements' outlines come on
  // demand, when the map view shows, never for the table view.
  { tag: 'fs-network-observatory', package: 'observatory', audience: 'agents', budgetKb: 21 },
  { tag: 'fs-coverage-map', package: 'observatory', audience: 'agents', budgetKb: 24 },
  // Building blocks. The commune combobox, as the locator and the configurator use it (measured
  // 11.9 KB on 2026-12-06).
  { tag: 'fs-commune-search', package: 'site-locator', audience: 'building-block', budgetKb: 15 },
  // The map's element (measured 16.4 KB on 2026-12-06); Leaflet (≈ 42 KB) and supercluster come
  // on demand, when the map is first drawn, and the locator imports the element itself only when
  // a person opens the map.
  { tag: 'fs-site-map', package: 'site-locator', audience: 'building-block', budgetKb: 20 },
  // A page tool for /configurateur (a secretary, once): the commune search it reuses, the
  // manifest reader shared with the server, the generated form, preview and snippets, and its
  // French texts (the label and help of every attribute of every public widget: it grows with
  // the library). Previews load their widgets apart, through the page's loader.
  { tag: 'fs-configurator', package: 'configurator', audience: 'tool', budgetKb: 30 },
];

/** `fs-site-card` → `site-card`: the element's folder and module name in its package. */
export function widgetName(tag: string): string {
  return tag.replace(/^fs-/, '');
}

/** The module that defines the element, as a package subpath: `@fs-widgets/site-locator/site-card.js`. */
export function widgetModule(widget: Pick<WidgetEntry, 'tag' | 'package'>): string {
  return `@fs-widgets/${widget.package}/${widgetName(widget.tag)}.js`;
}

/** The same module's source file, from the repository's root. */
export function widgetSource(widget: Pick<WidgetEntry, 'tag' | 'package'>): string {
  const name = widgetName(widget.tag);
  return `packages/${widget.package}/src/${name}/${name}.ts`;
}

/**
 * Written by the embed bundle's build beside the loader (scripts/build/widget-registry.mjs):
 * each widget's chunks by tag, its own first. The server's embed pages preload them.
 */
export const WIDGET_CHUNKS_FILE = 'widget-chunks.json';
