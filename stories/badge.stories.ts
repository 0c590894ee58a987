import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { responseCache } from '@fs-widgets/core';
import '@fs-widgets/kit/badge.js';
import api from './fixtures/api.json';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';

/** The fake API of `.storybook/fake-api.ts` (catalogue only; the tests use the real server). */
const API = 'https://storybook.invalid/api/v1';
const API_PENDING = 'https://storybook.invalid/pending/api/v1';
const API_UNAVAILABLE = 'https://storybook.invalid/unavailable/api/v1';
const API_OFFLINE = 'https://storybook.invalid/offline/api/v1';

/** Frozen clocks (Paris, UTC+1), so that "open now" never changes. */
const MONDAY_MORNING = '2026-11-30T09:00:00Z'; // 10:00: open
const MONDAY_LUNCH = '2026-11-30T11:30:00Z'; // 12:30: open again this afternoon
const SATURDAY_MORNING = '2026-12-05T10:00:00Z'; // closed all day

interface BadgeArgs {
  commune?: string;
  'site-id'?: string;
  href?: string;
  api?: string;
  lang?: 'fr' | 'en';
  theme?: 'light' | 'auto';
  /** An ISO 8601 instant, given to the `now` property as a Date. */
  now?: string;
}

const meta = {
  title: 'Kit/Badge',
  component: 'fs-badge',
  tags: ['autodocs'],
  render: (args) => html`<fs-badge
    commune=${ifDefined(args.commune)}
    site-id=${ifDefined(args['site-id'])}
    href=${ifDefined(args.href)}
    api=${ifDefined(args.api)}
    lang=${ifDefined(args.lang)}
    theme=${ifDefined(args.theme)}
    .now=${args.now ? new Date(args.now) : undefined}
  ></fs-badge>`,
  args: {
    api: API,
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
    now: { control: 'text' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Data: the real server’s answers (the nearest site to Mende, and France services de Mende from the ANCT list of ' +
          '1 August 2024), recorded by `scripts/docs/story-fixtures.ts` and replayed by a fake API that exists only in this catalogue ' +
          '(`https://storybook.invalid`, see `.storybook/fake-api.ts`). The clock is frozen (`now`).',
      },
    },
    // For the catalogue check (scripts/test/check-stories.mjs): the states that must keep a story, the
    // story photographed, and rows the docs page table must show. Each story says what it shows.
    catalogue: {
      required: ['default', 'site', 'empty', 'loading', 'not-found', 'server-error', 'offline', 'offline-with-saved-copy', 'english'],
      screenshot: 'default',
      docsRows: ['commune', 'site-id', 'href', 'api', 'lang', 'now', 'link', 'status', '--fs-badge-accent'],
    },
  },
} satisfies Meta<BadgeArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<BadgeArgs> & ExpectedStory;

/** From a commune: « France services à 1,6 km — ouvert maintenant », the site's name under it. */
export const Default: Story = {
  args: { commune: '48095' },
  parameters: {
    expect: {
      texts: ['France services à 1,6 km — ouvert maintenant', 'France services de Mende'],
      selectors: ['a[part="link"][href="https://storybook.invalid/embed/fs-site-locator?commune=48095"]'],
    },
  },
};

/** `site-id`: the site's name instead of the distance. */
export const Site: Story = {
  args: { 'site-id': '2983' },
  parameters: {
    expect: {
      texts: ['France services de Mende — ouvert maintenant'],
      selectors: ['a[part="link"][href="https://storybook.invalid/s/2983"]'],
      noSelectors: ['[part="name"]'],
    },
  },
};

/** At lunchtime: « ouvert aujourd’hui ». */
export const OpenToday: Story = {
  args: { commune: '48095', now: MONDAY_LUNCH },
  parameters: { expect: { texts: ['France services à 1,6 km — ouvert aujourd’hui'] } },
};

/** On a Saturday: « fermé aujourd’hui ». */
export const ClosedToday: Story = {
  args: { commune: '48095', now: SATURDAY_MORNING },
  parameters: { expect: { texts: ['France services à 1,6 km — fermé aujourd’hui'] } },
};

/** Neither `commune` nor `site-id`: a link to the locator. */
export const Empty: Story = {
  args: {},
  parameters: {
    expect: {
      texts: ['Trouver une France services'],
      selectors: ['a[part="link"][href="https://storybook.invalid/embed/fs-site-locator"]'],
    },
  },
};

/** The API has not answered yet. */
export const Loading: Story = {
  args: { commune: '48095', api: API_PENDING },
  parameters: { expect: { texts: ['France services…', 'Chargement…'], selectors: ['[aria-busy="true"]'], timeout: 8000 } },
};

/** An INSEE code that is no commune's: the locator link, and a line saying why. */
export const NotFound: Story = {
  args: { commune: '99999' },
  parameters: { expect: { texts: ['Trouver une France services', 'Aucune commune ne porte le code INSEE « 99999 »'] } },
};

/** The server answers 503: the link stays, with a retry button. */
export const ServerError: Story = {
  name: 'Error',
  args: { commune: '48095', api: API_UNAVAILABLE },
  parameters: { expect: { texts: ['France services : informations indisponibles', 'Réessayer'], selectors: ['[part="retry"]'] } },
};

/** No network and nothing saved on this device (a site no other story saves). */
export const Offline: Story = {
  args: { 'site-id': '3', api: API_OFFLINE },
  parameters: { expect: { texts: ['France services : hors ligne', 'Réessayer'], selectors: ['[part="retry"]'] } },
};

/** No network, the answer saved at an earlier visit (simulated by the story's loader): the badge with a notice. */
export const OfflineWithSavedCopy: Story = {
  args: { commune: '48095', api: API_OFFLINE },
  loaders: [
    async () => {
      await responseCache.put(`${API_OFFLINE}/sites?commune=48095&limit=1`, api['sites?commune=48095&limit=1'].body);
      return {};
    },
  ],
  parameters: { expect: { texts: ['ouvert maintenant', 'Hors ligne : informations du'], selectors: ['[part="notice"]'] } },
};

/** `lang="en"`. */
export const English: Story = {
  args: { commune: '48095', lang: 'en' },
  parameters: { expect: { texts: ['France services 1.6 km away — open now', 'France services de Mende'], absent: ['ouvert'] } },
};
