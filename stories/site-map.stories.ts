import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import type { Location, SiteList } from '@fs-widgets/contract';
import type { FsMapPickDetail, FsSiteSelectDetail } from '@fs-widgets/site-locator/site-map.js';
import '@fs-widgets/site-locator/site-map.js';
import fixtures from './fixtures/api.json';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';

/** The real server's answer for the ten sites nearest to Mende (see fixtures/README.md). */
const mende = (fixtures as unknown as Record<string, { body: unknown }>)['sites?at=2026-11-30T09:00:00.000Z&commune=48095&limit=10']!
  .body as SiteList;

/**
 * A tile server that never answers (a reserved name that never resolves): the base map is
 * unreachable everywhere, online or not.
 */
const UNREACHABLE_TILES = 'https://storybook.invalid/tiles/{z}/{x}/{y}.png';

interface SiteMapArgs {
  sites?: SiteList['items'];
  origin?: Location;
  'selected-id'?: string;
  'tile-url'?: string;
  'tile-attribution'?: string;
  tiles?: 'osm' | 'ign-plan';
  'tile-timeout'?: number;
  lang?: 'fr' | 'en';
  pick?: boolean;
  picked?: Location;
  'origin-label'?: string;
  /** Called with each `fs-site-select` event (shown in the Actions panel). */
  onSiteSelect?: (event: CustomEvent<FsSiteSelectDetail>) => void;
  /** Called with each `fs-map-pick` event (shown in the Actions panel). */
  onMapPick?: (event: CustomEvent<FsMapPickDetail>) => void;
}

const meta = {
  title: 'Site locator/Map',
  component: 'fs-site-map',
  tags: ['autodocs'],
  render: (args) => html`<fs-site-map
    .sites=${args.sites ?? []}
    .origin=${args.origin}
    selected-id=${ifDefined(args['selected-id'] || undefined)}
    tile-url=${ifDefined(args['tile-url'] || undefined)}
    tile-attribution=${ifDefined(args['tile-attribution'] || undefined)}
    tiles=${ifDefined(args.tiles)}
    tile-timeout=${ifDefined(args['tile-timeout'])}
    lang=${ifDefined(args.lang)}
    ?pick=${!!args.pick}
    .picked=${args.picked}
    origin-label=${ifDefined(args['origin-label'] || undefined)}
    @fs-site-select=${(e: CustomEvent<FsSiteSelectDetail>) => args.onSiteSelect?.(e)}
    @fs-map-pick=${(e: CustomEvent<FsMapPickDetail>) => args.onMapPick?.(e)}
  ></fs-site-map>`,
  args: {
    sites: mende.items,
    origin: mende.origin.location,
    tiles: 'osm',
    lang: 'fr',
    onSiteSelect: fn(),
    onMapPick: fn(),
  },
  argTypes: {
    tiles: { control: 'inline-radio', options: ['osm', 'ign-plan'] },
    lang: {
      control: 'inline-radio',
      options: ['fr', 'en'],
      description: 'Language of the texts (the global `lang` attribute; the nearest one up the page applies). French by default.',
      table: { category: 'attributes', type: { summary: "'fr' | 'en'" }, defaultValue: { summary: 'the page’s lang, else fr' } },
    },
    'selected-id': { control: 'select', options: ['', ...mende.items.map((s) => s.id)] },
    sites: { control: 'object' },
    origin: { control: 'object' },
    onSiteSelect: { table: { disable: true } },
    onMapPick: { table: { disable: true } },
    picked: { control: 'object' },
  },
  parameters: {
    docs: {
      story: { height: '30rem' },
      description: {
        component:
          'Data: the ten France services nearest to Mende, as the real server answers (`stories/fixtures/api.json`). The base map ' +
          'comes from OpenStreetMap (or Plan IGN with `tiles="ign-plan"`): without a network (as in `scripts/test/check-stories.mjs`) ' +
          'the map shows its designed "fond de carte inaccessible" state, and the markers stay usable. Activating a marker logs ' +
          '`fs-site-select` in the Actions panel; with `pick`, placing a point logs `fs-map-pick`.',
      },
    },
    // For the catalogue check (scripts/test/check-stories.mjs): the states that must keep a story, the
    // story photographed, and rows the docs page table must show. Each story says what it shows.
    catalogue: {
      required: ['with-sites', 'selected', 'no-tiles', 'picking'],
      screenshot: 'selected',
      docsRows: [
        'sites',
        'selected-id',
        'origin',
        'tile-url',
        'tiles',
        'tile-timeout',
        'pick',
        'fs-site-select',
        'fs-map-pick',
        '--fs-site-map-height',
      ],
    },
  },
} satisfies Meta<SiteMapArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<SiteMapArgs> & ExpectedStory;

/**
 * The ten sites nearest to Mende and the search origin (Mende's centre). Close sites are grouped
 * (France services de Mende and the MSA itinérante share a street); Tab goes from marker to
 * marker in the list's order, Enter or Space chooses one or opens a group.
 */
export const WithSites: Story = {
  parameters: {
    expect: {
      texts: ['Flèches : déplacer la carte', 'fond de carte inaccessible', '© les contributeurs d’OpenStreetMap'],
      selectors: ['.leaflet-marker-pane .fs-marker', '.fs-origin[role="img"]', '.leaflet-control-zoom'],
    },
  },
};

/** `selected-id="2983"`: France services de Mende, drawn larger; the map zooms in until it is out of its group. */
export const Selected: Story = {
  args: { 'selected-id': '2983' },
  parameters: {
    expect: {
      texts: ['fond de carte inaccessible'],
      selectors: ['.fs-marker.is-selected[data-site-id="2983"][aria-current="true"]'],
    },
  },
};

/**
 * The base map cannot be reached (here a tile server that never answers, with `tile-timeout`
 * at 3 s): the map says so — "fond de carte inaccessible", the list of results stays available
 * — and the markers still work. This is what a visitor sees when a network or a firewall blocks
 * the tile server.
 */
export const NoTiles: Story = {
  args: { 'tile-url': UNREACHABLE_TILES, 'tile-attribution': 'Fond de carte de démonstration', 'tile-timeout': 3000 },
  parameters: {
    expect: {
      texts: ['La carte ne peut pas s’afficher (fond de carte inaccessible)', 'Fond de carte de démonstration'],
      selectors: ['fs-site-map[tile-state="unavailable"]', '.leaflet-marker-pane .fs-marker'],
    },
  },
};

/**
 * `pick`: a map to place one point, as the outreach editor's « Choisir sur la carte » (on
 * Nouzonville's centre, with the point already typed). A click or tap places the point; without
 * a pointer, the arrow keys move the map under the crosshair at its centre and « Placer le point
 * au centre de la carte » places it there; each placement is said (« Point placé : latitude …,
 * longitude … ») and logs `fs-map-pick`. Without the base map (as in the stories' check, offline)
 * the map says to type the coordinates instead and offers no picking.
 */
export const Picking: Story = {
  args: {
    sites: [],
    pick: true,
    origin: { lat: 49.81977, lon: 4.75391 },
    'origin-label': 'Centre de la commune',
    picked: { lat: 49.8183, lon: 4.7562 },
  },
  parameters: {
    expect: {
      texts: ['Cliquez sur la carte pour placer le point', 'impossible d’y choisir le point'],
      selectors: ['fs-site-map[pick]', '.leaflet-marker-pane .fs-picked[role="img"]', '.fs-origin[aria-label="Centre de la commune"]'],
    },
  },
};
