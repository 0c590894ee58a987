import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Site } from '@fs-widgets/contract';
import { responseCache } from '@fs-widgets/core';
import '@fs-widgets/site-locator/site-card.js';
import fixtures from './fixtures/sites.json';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';

/** Real sites of the ANCT list (see fixtures/README.md), keyed by `id_fs`. */
const sites = fixtures as unknown as Record<string, Site>;

/** The fake API of `.storybook/fake-api.ts` (catalogue only; the tests use the real server). */
const API = 'https://storybook.invalid/api/v1';
const API_PENDING = 'https://storybook.invalid/pending/api/v1';
const API_UNAVAILABLE = 'https://storybook.invalid/unavailable/api/v1';
const API_OFFLINE = 'https://storybook.invalid/offline/api/v1';

/** Frozen clocks, so that "open now" and the highlighted day never change. */
const MONDAY_MORNING = '2026-11-30T09:00:00Z'; // 10:00 in Paris
const SATURDAY_MORNING = '2026-12-05T10:00:00Z'; // 11:00 in Paris
const CHRISTMAS_MORNING = '2026-12-25T09:00:00Z'; // Friday, public holiday
const REUNION_MORNING = '2026-11-30T05:00:00Z'; // 09:00 in Saint-Louis (UTC+4)
const GUADELOUPE_MORNING = '2026-11-30T13:00:00Z'; // 09:00 in Le Moule (UTC−4)

interface SiteCardArgs {
  'site-id'?: string;
  api?: string;
  'heading-level'?: number;
  theme?: 'light' | 'auto';
  lang?: 'fr' | 'en';
  site?: Site;
  /** An ISO 8601 instant, given to the `now` property as a Date. */
  now?: string;
}

const meta = {
  title: 'Site locator/Site card',
  component: 'fs-site-card',
  tags: ['autodocs'],
  render: (args) => html`<fs-site-card
    site-id=${ifDefined(args['site-id'])}
    api=${ifDefined(args.api)}
    heading-level=${ifDefined(args['heading-level'])}
    theme=${ifDefined(args.theme)}
    lang=${ifDefined(args.lang)}
    .site=${args.site}
    .now=${args.now ? new Date(args.now) : undefined}
  ></fs-site-card>`,
  args: {
    api: API,
    'heading-level': 2,
    theme: 'light',
    lang: 'fr',
    now: MONDAY_MORNING,
  },
  // The rows come from custom-elements.json; these only pick better controls.
  argTypes: {
    theme: { control: 'inline-radio', options: ['light', 'auto'] },
    lang: {
      control: 'inline-radio',
      options: ['fr', 'en'],
      description: 'Language of the texts (the global `lang` attribute; the nearest one up the page applies). French by default.',
      table: { category: 'attributes', type: { summary: "'fr' | 'en'" }, defaultValue: { summary: 'the page’s lang, else fr' } },
    },
    'heading-level': { control: { type: 'number', min: 2, max: 6, step: 1 } },
    now: { control: 'text' },
    site: { control: 'object' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Data: real sites of the ANCT list of 1 August 2024 (Licence Ouverte 2.0). The network states come from a fake API ' +
          'that exists only in this catalogue (`https://storybook.invalid`, see `.storybook/fake-api.ts`).',
      },
    },
    // For the catalogue check (scripts/test/check-stories.mjs): the states that must keep a story, the
    // story photographed, and rows the docs page table must show. Each story says what it shows.
    catalogue: {
      required: ['default', 'loading', 'not-found', 'server-error', 'offline'],
      screenshot: 'default',
      docsRows: ['site-id', 'heading-level', 'api', 'theme', 'lang', 'site', 'now', '--fs-color-primary', 'retry'],
    },
  },
} satisfies Meta<SiteCardArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<SiteCardArgs> & ExpectedStory;

/** France services de Mende, fetched from the API, on a Monday morning: open now. */
export const Default: Story = {
  args: { 'site-id': '2983' },
  parameters: { expect: { texts: ['France services de Mende', 'Ouvert', 'ferme à'] } },
};

/** The same site on a Saturday: closed, with the next opening (Monday). */
export const ClosedWithNextOpening: Story = {
  args: { 'site-id': '2983', now: SATURDAY_MORNING },
  parameters: { expect: { texts: ['France services de Mende', 'Fermé', 'ouvre lundi à'] } },
};

/** Christmas Day (Friday 25 December 2026): closed for the public holiday. */
export const PublicHoliday: Story = {
  args: { 'site-id': '2983', now: CHRISTMAS_MORNING },
  parameters: { expect: { texts: ['Fermé', 'Noël'] } },
};

/**
 * A bus France services (Thiérache Sambre et Oise): itinerant, and it publishes no stops, so no
 * open/closed status (an opening time without a place would mislead): the card says to check
 * the place and the day.
 */
export const Bus: Story = {
  args: { 'site-id': '3' },
  parameters: {
    expect: {
      texts: ['Bus France services Thiérache Sambre et Oise', 'Itinérante', 'Vérifiez le lieu et le jour'],
      noSelectors: ['[part="status"]'],
    },
  },
};

/** A roaming France services (MSA itinérante de Lozère). */
export const Roaming: Story = {
  args: { 'site-id': '3255' },
  parameters: { expect: { texts: ['France services MSA itinérante de Lozère', 'France services itinérante'] } },
};

/** Saint-Louis, La Réunion: the hours are read in the site's own time zone (here 9:00 local time). */
export const Overseas: Story = {
  args: { 'site-id': '561', now: REUNION_MORNING },
  parameters: { expect: { texts: ['France services Saint-Louis - Makes', 'Ouvert'] } },
};

/** Le Moule, Guadeloupe: the site's comment from the ANCT list is shown under the hours. */
export const WithComment: Story = {
  args: { 'site-id': '798', now: GUADELOUPE_MORNING },
  parameters: { expect: { texts: ['France services Le Moule', 'À savoir', 'msap@mairie-lemoule.fr'] } },
};

/** `lang="en"`: every text in English (names and addresses stay as published). */
export const English: Story = {
  args: { 'site-id': '2983', lang: 'en' },
  parameters: { expect: { texts: ['France services de Mende', 'Open', 'Address'] } },
};

/**
 * What a site publishes itself (issue 16), ILLUSTRATIVE (made up on Mende's real record, given
 * as the `site` property): closed today for training, exceptional hours on 24 December, closed
 * from 26 December to 2 January; three offers and a local partner; hours published by the site; checked on 27 November.
 */
export const PublishedBySite: Story = {
  args: {
    api: undefined,
    site: {
      ...sites['2983']!,
      hours_source: 'site',
      exceptions: [
        { id: 'story-1', starts_on: '2026-11-30', ends_on: '2026-11-30', closed: true, hours: [], reason: 'formation' },
        {
          id: 'story-2',
          starts_on: '2026-12-24',
          ends_on: '2026-12-24',
          closed: false,
          hours: [{ opens: '09:00', closes: '12:00' }],
          reason: 'veille de Noël',
        },
        { id: 'story-3', starts_on: '2026-12-26', ends_on: '2027-01-02', closed: true, hours: [], reason: 'congés' },
      ],
      offers: ['point-justice', 'self-service-computer', 'free-wifi'],
      local_partners: [{ id: 'story-lp-1', name: 'Conciliateur de justice', themes: [], website: null }],
      verified_at: '2026-11-27T10:30:00Z',
    },
  },
  parameters: {
    expect: {
      texts: [
        'Fermé exceptionnellement',
        'aujourd’hui (formation) — réouverture demain à 8 h 30',
        'Horaires exceptionnels le 24 décembre : 9 h – 12 h (veille de Noël)',
        'du 26 décembre au 2 janvier (congés)',
        'Point justice',
        'Conciliateur de justice, partenaire local',
        'Informations vérifiées le 27 novembre 2026',
      ],
      selectors: ['[part="exceptions"]', '[part="offers"]'],
    },
  },
};

/** The `site` property set to a Site object (France services de Valserhône): shown as is, nothing is fetched. */
export const GivenSiteObject: Story = {
  args: { site: sites['1'], api: undefined },
  parameters: { expect: { texts: ['France services de Valserhône'] } },
};

/** No `site-id`: tells the page author what is missing. */
export const Empty: Story = {
  args: { api: undefined },
  parameters: { expect: { texts: ['Aucune France services choisie'] } },
};

/**
 * The API has not answered yet: a skeleton. The fake API never answers here, so after 10 s the
 * client gives up (its timeout) and the card shows the error state; reload the story to see the
 * skeleton again.
 */
export const Loading: Story = {
  args: { 'site-id': '2983', api: API_PENDING },
  // Loading must be caught before the client's 10 s timeout turns it into an error.
  parameters: { expect: { texts: ['Chargement…'], selectors: ['[aria-busy="true"]'], timeout: 8000 } },
};

/** An id that is not in the list: 404. */
export const NotFound: Story = {
  args: { 'site-id': '999999' },
  parameters: { expect: { texts: ['France services introuvable', '999999'] } },
};

/** The server answers 503 (after the client's two retries): "Affichage impossible", with a retry button. */
export const ServerError: Story = {
  name: 'Error',
  args: { 'site-id': '2983', api: API_UNAVAILABLE },
  parameters: { expect: { texts: ['Affichage impossible pour le moment', 'Réessayer'] } },
};

/** No network and nothing saved on this device: the offline message, with a retry button. */
export const Offline: Story = {
  args: { 'site-id': '2983', api: API_OFFLINE },
  parameters: { expect: { texts: ['Vous êtes hors ligne', 'pas encore enregistrées', 'Réessayer'] } },
};

/**
 * No network, but the site was saved on this device at an earlier visit: the saved copy, with
 * an offline notice. Simulated: the story's loader puts the site in the widgets' offline cache
 * (IndexedDB, through `responseCache`) before rendering, so the notice shows today's date.
 */
export const OfflineWithSavedCopy: Story = {
  args: { 'site-id': '1', api: API_OFFLINE },
  loaders: [
    async () => {
      await responseCache.put(`${API_OFFLINE}/sites/1`, sites['1']);
      return {};
    },
  ],
  parameters: { expect: { texts: ['France services de Valserhône', 'Vous êtes hors ligne : informations enregistrées le'] } },
};

/**
 * `theme="auto"` follows the visitor's operating system setting (`prefers-color-scheme`): it
 * looks like the default in a light setting. To see the dark look, switch the system to dark
 * mode, or emulate it in the browser's developer tools (Rendering → Emulate CSS media feature
 * prefers-color-scheme: dark).
 */
export const DarkTheme: Story = {
  args: { 'site-id': '2983', theme: 'auto' },
  parameters: { expect: { texts: ['France services de Mende'] } },
};

/**
 * Themed by the host page with the public custom properties, set here on a wrapper (the
 * library itself needs no inline style, so it runs under a strict CSP).
 */
export const Themed: Story = {
  args: { 'site-id': '2983' },
  decorators: [(story) => html`<div style="--fs-color-primary: #6b2d5c; --fs-font-family: Georgia, serif">${story()}</div>`],
  parameters: { expect: { texts: ['France services de Mende'] } },
};
