import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { waitFor } from 'storybook/test';
import type { SiteList } from '@fs-widgets/contract';
import { requestUrl, responseCache } from '@fs-widgets/core';
import '@fs-widgets/site-locator/site-locator.js';
import fixtures from './fixtures/api.json';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';

/** Answers of the real server, recorded by scripts/docs/story-fixtures.ts (see fixtures/README.md). */
const recorded = fixtures as unknown as Record<string, { status: number; body: unknown }>;

/** The fake API of `.storybook/fake-api.ts` (catalogue only; the tests use the real server). */
const API = 'https://storybook.invalid/api/v1';
const API_PENDING = 'https://storybook.invalid/pending/api/v1';
const API_UNAVAILABLE = 'https://storybook.invalid/unavailable/api/v1';
const API_OFFLINE = 'https://storybook.invalid/offline/api/v1';

/**
 * Frozen clocks, the same instants as the recorded answers' `at` (stories/fixtures/README.md):
 * the widget sends `now` as `at`, so only these instants have answers.
 */
const MONDAY_MORNING = '2026-11-30T09:00:00.000Z'; // 10:00 in Paris
const SUNDAY_MORNING = '2026-11-29T10:00:00.000Z'; // 11:00 in Paris

interface SiteLocatorArgs {
  api?: string;
  commune?: string;
  postcode?: string;
  lat?: number;
  lon?: number;
  radius?: number;
  limit?: number;
  view?: 'list' | 'map' | 'split';
  filters?: string;
  'heading-level'?: number;
  'tile-url'?: string;
  'tile-attribution'?: string;
  tiles?: 'osm' | 'ign-plan';
  lang?: 'fr' | 'en';
  /** An ISO 8601 instant, given to the `now` property as a Date. */
  now?: string;
  /** The maps application offered in the details (`geo`, `apple`, `none`); detected when unset. */
  mapsApp?: 'geo' | 'apple' | 'none';
  /** Documented, not set (see argTypes). */
  'no-url-state'?: boolean;
  'url-prefix'?: string;
  geocoder?: string;
}

/** The locator's shadow root, once the story has rendered it. */
const locatorRoot = (canvas: HTMLElement): ShadowRoot => {
  const root = canvas.querySelector('fs-site-locator')?.shadowRoot;
  if (!root) throw new Error('<fs-site-locator> has not rendered yet');
  return root;
};

/** Waits for the first result's "details" button (the recorded answer has arrived). */
const firstResult = (canvas: HTMLElement) =>
  waitFor(
    () => {
      const button = locatorRoot(canvas).querySelector<HTMLButtonElement>('li.result .name button');
      if (!button) throw new Error('no result yet');
      return button;
    },
    { timeout: 10_000 },
  );

const meta = {
  title: 'Site locator/Locator',
  component: 'fs-site-locator',
  tags: ['autodocs'],
  // `no-url-state` on every story: the locator must not write its state into Storybook's iframe URL.
  render: (args) => html`<fs-site-locator
    no-url-state
    api=${ifDefined(args.api)}
    commune=${ifDefined(args.commune)}
    postcode=${ifDefined(args.postcode)}
    lat=${ifDefined(args.lat)}
    lon=${ifDefined(args.lon)}
    radius=${ifDefined(args.radius)}
    limit=${ifDefined(args.limit)}
    view=${ifDefined(args.view)}
    filters=${ifDefined(args.filters)}
    heading-level=${ifDefined(args['heading-level'])}
    tile-url=${ifDefined(args['tile-url'] || undefined)}
    tile-attribution=${ifDefined(args['tile-attribution'] || undefined)}
    tiles=${ifDefined(args.tiles)}
    lang=${ifDefined(args.lang)}
    .now=${args.now ? new Date(args.now) : undefined}
    .mapsApp=${args.mapsApp}
  ></fs-site-locator>`,
  args: {
    api: API,
    'heading-level': 2,
    lang: 'fr',
    now: MONDAY_MORNING,
  },
  // The rows come from custom-elements.json; these only pick better controls.
  argTypes: {
    view: { control: 'inline-radio', options: ['list', 'map', 'split'] },
    tiles: { control: 'inline-radio', options: ['osm', 'ign-plan'] },
    lang: {
      control: 'inline-radio',
      options: ['fr', 'en'],
      description: 'Language of the texts (the global `lang` attribute; the nearest one up the page applies). French by default.',
      table: { category: 'attributes', type: { summary: "'fr' | 'en'" }, defaultValue: { summary: 'the page’s lang, else fr' } },
    },
    'heading-level': { control: { type: 'number', min: 2, max: 5, step: 1 } },
    limit: { control: { type: 'number', min: 1, max: 100, step: 1 } },
    radius: { control: { type: 'number', min: 5, max: 200, step: 5 } },
    now: { control: 'text' },
    mapsApp: { control: 'inline-radio', options: ['geo', 'apple', 'none'] },
    'no-url-state': { control: false, description: 'Always set in this catalogue, so the state stays out of Storybook’s URL.' },
    'url-prefix': { control: false },
    geocoder: { control: false, description: 'Base URL of a BAN-compatible geocoder (not in this catalogue: it has no network).' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Data: answers of the real server on the real data (ANCT list of 1 August 2024, La Poste postcodes, stops of the Charente ' +
          'bus), recorded at a fixed instant (Monday 30 November 2026, 10:00 in Paris) by `scripts/docs/story-fixtures.ts` and replayed by a ' +
          'fake API that exists only in this catalogue (`https://storybook.invalid`, see `.storybook/fake-api.ts`). Only the recorded ' +
          'searches answer: the preset communes, each filter of the Results story once, and typing "mende", "nant" or "48000"; ' +
          'anything else shows the error state. The base map comes from OpenStreetMap: without a network it shows its designed ' +
          '"fond de carte inaccessible" state.',
      },
    },
    // For the catalogue check (scripts/test/check-stories.mjs): the states that must keep a story, the
    // story photographed, and rows the docs page table must show. Each story says what it shows.
    catalogue: {
      required: [
        'start',
        'preset-rural-commune',
        'results',
        'loading',
        'no-results',
        'unknown-commune',
        'server-error',
        'offline',
        'map-shown',
        'split',
        'details',
        'english',
        'filters-hidden',
      ],
      screenshot: 'preset-rural-commune',
      docsRows: [
        'commune',
        'postcode',
        'lat',
        'radius',
        'view',
        'filters',
        'no-url-state',
        'tile-url',
        'now',
        'fs-site-search',
        'fs-site-select',
        'details',
      ],
    },
  },
} satisfies Meta<SiteLocatorArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<SiteLocatorArgs> & ExpectedStory;

/** No starting point: asks where to look, with the commune search, "Autour de moi" and the filters. */
export const Start: Story = {
  parameters: {
    expect: {
      texts: ['Trouver une France services', 'Où cherchez-vous ?', 'Autour de moi', 'Commune ou code postal', 'Ouvert maintenant'],
    },
  },
};

/**
 * A town hall's page preset on its commune: Nanteuil-en-Vallée (Charente, 16242), rural. The
 * Ruffecois bus is found at its nearest stop with sessions (issue 16): « Prochain passage à … »
 * (alternating weeks, real data).
 */
export const PresetRuralCommune: Story = {
  args: { commune: '16242', limit: 8 },
  parameters: {
    expect: {
      texts: ['8 France services trouvées autour de Nanteuil-en-Vallée', 'Bus France services', 'Prochain passage à'],
      selectors: ['li.result[data-site="2023"] .passage'],
    },
  },
};

/**
 * Tusson (Charente, 16390), where the Ruffecois bus stops (issue 16): found at its stop 150 m
 * away, « Prochain passage à Tusson : mardi 8 décembre, 9 h – 12 h 30 et 13 h 30 – 15 h 30 »
 * rather than its home base's hours in Condac.
 */
export const FoundAtItsStop: Story = {
  args: { commune: '16390' },
  parameters: {
    expect: {
      texts: ['Bus France services du Ruffecois', 'Tusson — à', 'Prochain passage à Tusson'],
      selectors: ['li.result[data-site="2023"] .passage'],
    },
  },
};

/**
 * Mende (48095): the ten nearest France services, by distance, with the estimated travel time
 * (on foot for the nearest, « Temps de trajet estimés » said once), the 30-minute marker and "open now". Each filter can be tried once (recorded answers).
 */
export const Results: Story = {
  args: { commune: '48095' },
  parameters: {
    expect: {
      texts: [
        '10 France services trouvées autour de Mende',
        'France services de Mende',
        'Temps de trajet estimés',
        'à pied',
        'À moins de 30 min',
        'Ouvert',
        'Afficher la carte',
      ],
      selectors: ['li.result[data-site="2983"]'],
    },
  },
};

/**
 * The API has not answered yet: a busy skeleton. The fake API never answers here, so after 10 s
 * the client gives up (its timeout) and the locator shows the error state; reload the story to
 * see the skeleton again.
 */
export const Loading: Story = {
  args: { commune: '48095', api: API_PENDING },
  parameters: { expect: { texts: ['Chargement…'], selectors: ['[aria-busy="true"]'], timeout: 8000 } },
};

/**
 * Nothing within 5 km of a point in the Vendée countryside: the server suggests the next radius
 * that finds a site, offered as "Élargir à 10 km (1 France services)" (try it: that search is
 * recorded too).
 */
export const NoResults: Story = {
  args: { lat: 46.5, lon: -1.2, radius: 5 },
  parameters: { expect: { texts: ['Aucune France services à moins de 5 km', 'Élargir à 10 km (1 France services)'] } },
};

/**
 * Mende within 5 km on a Sunday, then "Ouvert maintenant" ticked (by the story's play
 * function): nothing is open, so the locator asks for the same search without that filter and
 * says when and where the next one opens, with a button to see them all.
 */
export const AllClosedNow: Story = {
  args: { commune: '48095', radius: 5, now: SUNDAY_MORNING },
  play: async ({ canvasElement }) => {
    await firstResult(canvasElement);
    const openNow = locatorRoot(canvasElement).querySelector<HTMLInputElement>('fieldset input[type="checkbox"]');
    if (!openNow?.checked) openNow?.click();
  },
  parameters: {
    expect: {
      texts: [
        'Toutes les France services à moins de 5 km sont fermées en ce moment',
        'La prochaine ouvre demain lundi à 8 h 30 : France services de Mende.',
        'Voir toutes les France services proches',
      ],
      absent: ['Aucune France services', 'Élargir'],
    },
  },
};

/** A preset commune that does not exist (INSEE 99999): the server's 404, said kindly. */
export const UnknownCommune: Story = {
  args: { commune: '99999' },
  parameters: { expect: { texts: ['Où cherchez-vous ?', 'Cette commune est introuvable'] } },
};

/** The server answers 503 (after the client's two retries): "Affichage impossible", with a retry button. */
export const ServerError: Story = {
  name: 'Error',
  args: { commune: '48095', api: API_UNAVAILABLE },
  parameters: { expect: { texts: ['Affichage impossible pour le moment', 'Réessayer'] } },
};

/** No network and this search never made on this device: the offline message, with a retry button. */
export const Offline: Story = {
  args: { commune: '48095', api: API_OFFLINE },
  parameters: { expect: { texts: ['Vous êtes hors ligne', 'Vérifiez votre connexion', 'Réessayer'] } },
};

/**
 * No network, but the same search was made on this device earlier: the saved results, with an
 * offline notice. Simulated: the story's loader puts the recorded Mende answer in the widgets'
 * offline cache (IndexedDB, through `responseCache`), so the notice shows today's date.
 */
export const OfflineWithSavedResults: Story = {
  args: { commune: '48095', api: API_OFFLINE },
  loaders: [
    async () => {
      const mende = recorded['sites?at=2026-11-30T09:00:00.000Z&commune=48095&limit=10']!.body as SiteList;
      // The offline cache's key is the request's full URL, as the widget builds it.
      await responseCache.put(requestUrl(API_OFFLINE, 'sites', { at: MONDAY_MORNING, commune: '48095', limit: 10 }), mende);
      return {};
    },
  ],
  parameters: { expect: { texts: ['Vous êtes hors ligne : résultats enregistrés le', '10 France services trouvées autour de Mende'] } },
};

/**
 * `view="map"`: the map above the list (Leaflet is loaded only now). The base map comes from
 * OpenStreetMap: without a network (as in `scripts/test/check-stories.mjs`) the map says "fond de
 * carte inaccessible" and the markers and the list stay usable — a designed state.
 */
export const MapShown: Story = {
  args: { commune: '48095', view: 'map' },
  parameters: {
    expect: {
      texts: ['10 France services trouvées autour de Mende', 'Masquer la carte', 'fond de carte inaccessible'],
      selectors: ['fs-site-map[tile-state="unavailable"]', '.leaflet-marker-pane .fs-marker', 'ol[part="results"] li.result'],
    },
  },
};

/** `view="split"`: list and map side by side when the widget is wide enough, stacked otherwise. */
export const Split: Story = {
  args: { commune: '48095', view: 'split' },
  parameters: {
    layout: 'fullscreen',
    expect: {
      texts: ['10 France services trouvées autour de Mende', 'fond de carte inaccessible'],
      selectors: ['.layout.split fs-site-map', '.leaflet-marker-pane .fs-marker'],
    },
  },
};

/**
 * The details of the first result (France services de Mende), opened by the story's play
 * function as a click on its name would: the site card, directions (OpenStreetMap), share and
 * print, and the way back to the results. On a desktop there is no "open in my maps app" (a
 * `geo:` link does nothing there): see the next story.
 */
export const Details: Story = {
  args: { commune: '48095' },
  play: async ({ canvasElement }) => {
    (await firstResult(canvasElement)).click();
  },
  parameters: {
    expect: {
      texts: ['Retour aux résultats', 'Itinéraire', 'France services de Mende', 'Adresse'],
      selectors: ['#details fs-site-card', 'a[href^="https://www.openstreetmap.org/directions"]'],
      noSelectors: ['li.result', 'a[href^="geo:"]'],
    },
  },
};

/**
 * The same details as an Android phone shows them (`mapsApp` set to `geo`, as the platform
 * detection would): "Ouvrir dans mon application de cartes" opens the phone's maps application.
 */
export const DetailsOnAndroid: Story = {
  args: { commune: '48095', mapsApp: 'geo' },
  play: async ({ canvasElement }) => {
    (await firstResult(canvasElement)).click();
  },
  parameters: {
    expect: {
      texts: ['Itinéraire', 'Ouvrir dans mon application de cartes', 'France services de Mende'],
      selectors: ['a[href^="geo:"]'],
    },
  },
};

/**
 * In a narrow column (here 24rem, as on a phone or in a side column of a town hall's site), the
 * filters fold behind « Affiner » so the results come first. The widget's own width decides, not
 * the window's.
 */
export const NarrowColumn: Story = {
  args: { commune: '48095' },
  render: (args) => html`<div style="max-width: 24rem">${meta.render(args)}</div>`,
  parameters: {
    expect: {
      texts: ['Affiner', '10 France services trouvées autour de Mende'],
      selectors: ['button.filters-toggle[aria-expanded="false"]'],
    },
  },
};

/** `lang="en"`: every text in English (names and addresses stay as published). */
export const English: Story = {
  args: { commune: '48095', lang: 'en' },
  parameters: { expect: { texts: ['10 France services found near Mende', 'by car', 'Town or postcode', 'Near me', 'Open'] } },
};

/** `filters="none"`: no filters, for a page that only wants the nearest sites. */
export const FiltersHidden: Story = {
  args: { commune: '48095', filters: 'none' },
  parameters: { expect: { texts: ['10 France services trouvées autour de Mende'], noSelectors: ['fieldset'] } },
};
