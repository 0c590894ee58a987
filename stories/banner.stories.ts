import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { responseCache } from '@fs-widgets/core';
import '@fs-widgets/kit/banner.js';
import api from './fixtures/api.json';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';

/** The fake API of `.storybook/fake-api.ts` (catalogue only; the tests use the real server). */
const API = 'https://storybook.invalid/api/v1';
const API_PENDING = 'https://storybook.invalid/pending/api/v1';
const API_UNAVAILABLE = 'https://storybook.invalid/unavailable/api/v1';
const API_OFFLINE = 'https://storybook.invalid/offline/api/v1';

/** Frozen clocks (Paris, UTC+1), so that "open now" never changes. */
const MONDAY_MORNING = '2026-11-30T09:00:00Z'; // 10:00: open until 12:00
const MONDAY_LUNCH = '2026-11-30T11:30:00Z'; // 12:30: opens again at 13:30
const SATURDAY_MORNING = '2026-12-05T10:00:00Z'; // closed all day, opens Monday

interface BannerArgs {
  commune?: string;
  'site-id'?: string;
  href?: string;
  size?: 'strip' | 'square' | 'vertical';
  'heading-level'?: number;
  api?: string;
  lang?: 'fr' | 'en';
  theme?: 'light' | 'auto';
  /** An ISO 8601 instant, given to the `now` property as a Date. */
  now?: string;
}

const meta = {
  title: 'Kit/Banner',
  component: 'fs-banner',
  tags: ['autodocs'],
  render: (args) => html`<fs-banner
    commune=${ifDefined(args.commune)}
    site-id=${ifDefined(args['site-id'])}
    href=${ifDefined(args.href)}
    size=${ifDefined(args.size)}
    heading-level=${ifDefined(args['heading-level'])}
    api=${ifDefined(args.api)}
    lang=${ifDefined(args.lang)}
    theme=${ifDefined(args.theme)}
    .now=${args.now ? new Date(args.now) : undefined}
  ></fs-banner>`,
  args: {
    api: API,
    size: 'strip',
    'heading-level': 2,
    lang: 'fr',
    now: MONDAY_MORNING,
  },
  // The rows come from custom-elements.json; these only pick better controls.
  argTypes: {
    size: { control: 'inline-radio', options: ['strip', 'square', 'vertical'] },
    theme: { control: 'inline-radio', options: ['light', 'auto'] },
    lang: {
      control: 'inline-radio',
      options: ['fr', 'en'],
      description: 'Language of the texts (the global `lang` attribute; the nearest one up the page applies). French by default.',
      table: { category: 'attributes', type: { summary: "'fr' | 'en'" }, defaultValue: { summary: 'the page’s lang, else fr' } },
    },
    'heading-level': { control: { type: 'number', min: 2, max: 6, step: 1 } },
    now: { control: 'text' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Data: the real server’s answers (the nearest site to Mende, `GET /sites?commune=48095&limit=1`, and France services ' +
          'de Mende from the ANCT list of 1 August 2024), recorded by `scripts/docs/story-fixtures.ts` and replayed by a fake API ' +
          'that exists only in this catalogue (`https://storybook.invalid`, see `.storybook/fake-api.ts`). The clock is frozen ' +
          '(`now`) so that "open now" never changes.',
      },
    },
    // For the catalogue check (scripts/test/check-stories.mjs): the states that must keep a story, the
    // story photographed, and rows the docs page table must show. Each story says what it shows.
    catalogue: {
      required: [
        'strip',
        'square',
        'vertical',
        'site',
        'empty',
        'loading',
        'not-found',
        'server-error',
        'offline',
        'offline-with-saved-copy',
        'english',
      ],
      screenshot: 'strip',
      docsRows: ['commune', 'site-id', 'href', 'size', 'heading-level', 'api', 'lang', 'now', 'link', '--fs-banner-accent'],
    },
  },
} satisfies Meta<BannerArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<BannerArgs> & ExpectedStory;

/** A town hall of Mende: the horizontal strip (like a 728 × 90 leaderboard), the nearest site open now. */
export const Strip: Story = {
  args: { commune: '48095' },
  parameters: {
    expect: {
      texts: [
        'Besoin d’aide pour vos démarches ?',
        'La plus proche',
        'France services de Mende',
        'à 1,6 km de Mende',
        'Ouvert maintenant',
        'jusqu’à 12 h',
        'Voir les France services près de chez moi',
      ],
      selectors: ['fs-banner[size="strip"]', 'a[part="link"][href="https://storybook.invalid/embed/fs-site-locator?commune=48095"]'],
    },
  },
};

/** `size="square"`: like a 300 × 250 rectangle, for a sidebar. */
export const Square: Story = {
  args: { commune: '48095', size: 'square' },
  parameters: {
    expect: {
      texts: ['Besoin d’aide pour vos démarches ?', 'France services de Mende', 'Ouvert maintenant'],
      selectors: ['fs-banner[size="square"]'],
    },
  },
};

/** `size="vertical"`: like a 160 × 600 skyscraper. */
export const Vertical: Story = {
  args: { commune: '48095', size: 'vertical' },
  parameters: {
    expect: {
      texts: ['Besoin d’aide pour vos démarches ?', 'France services de Mende', 'Ouvert maintenant'],
      selectors: ['fs-banner[size="vertical"]'],
    },
  },
};

/** `site-id`: one site (a partner's page), its card page as the link. */
export const Site: Story = {
  args: { 'site-id': '2983' },
  parameters: {
    expect: {
      texts: ['Votre France services', 'France services de Mende', 'Voir l’adresse et les horaires'],
      selectors: ['a[part="link"][href="https://storybook.invalid/s/2983"]'],
      absent: ['La plus proche', 'km de Mende'],
    },
  },
};

/** At lunchtime: open again later today. */
export const OpensLaterToday: Story = {
  args: { commune: '48095', now: MONDAY_LUNCH },
  parameters: { expect: { texts: ['Ouvert aujourd’hui', 'à partir de 13 h 30'] } },
};

/** On a Saturday: closed all day, with the next opening. */
export const ClosedToday: Story = {
  args: { commune: '48095', now: SATURDAY_MORNING },
  parameters: { expect: { texts: ['Fermé aujourd’hui', 'ouvre lundi à 8 h 30'] } },
};

/** `href`: the link goes to the page's own France services page. */
export const CustomLink: Story = {
  args: { commune: '48095', href: 'https://www.example.fr/france-services' },
  parameters: {
    expect: { texts: ['France services de Mende'], selectors: ['a[part="link"][href="https://www.example.fr/france-services"]'] },
  },
};

/** Neither `commune` nor `site-id`: the headline and a link to the locator (the visitor searches there). */
export const Empty: Story = {
  args: {},
  parameters: {
    expect: {
      texts: ['Besoin d’aide pour vos démarches ?', 'Trouver une France services'],
      selectors: ['a[part="link"][href="https://storybook.invalid/embed/fs-site-locator"]'],
      noSelectors: ['[part="site"]'],
    },
  },
};

/** The API has not answered yet: the headline stays, the site's block is a skeleton. */
export const Loading: Story = {
  args: { commune: '48095', api: API_PENDING },
  parameters: {
    expect: { texts: ['Besoin d’aide pour vos démarches ?', 'Chargement…'], selectors: ['[aria-busy="true"]'], timeout: 8000 },
  },
};

/** An INSEE code that is no commune's: says so, and links to the locator. */
export const NotFound: Story = {
  args: { commune: '99999' },
  parameters: {
    expect: { texts: ['Aucune commune ne porte le code INSEE « 99999 »', 'Trouver une France services'], noSelectors: ['[part="name"]'] },
  },
};

/** The server answers 503 (after the client's two retries): says so, with a retry button. */
export const ServerError: Story = {
  name: 'Error',
  args: { commune: '48095', api: API_UNAVAILABLE },
  parameters: { expect: { texts: ['Le service ne répond pas', 'Réessayer'], selectors: ['[part="retry"]'] } },
};

/** No network and nothing saved on this device (a site no other story saves). */
export const Offline: Story = {
  args: { 'site-id': '3255', api: API_OFFLINE },
  parameters: { expect: { texts: ['pas encore enregistrées', 'Réessayer'], selectors: ['[part="retry"]'] } },
};

/**
 * No network, but the answer was saved on this device at an earlier visit: the site, with an
 * offline notice. Simulated: the story's loader puts the recorded answer in the widgets' offline
 * cache (IndexedDB, through `responseCache`) before rendering.
 */
export const OfflineWithSavedCopy: Story = {
  args: { commune: '48095', api: API_OFFLINE },
  loaders: [
    async () => {
      await responseCache.put(`${API_OFFLINE}/sites?commune=48095&limit=1`, api['sites?commune=48095&limit=1'].body);
      return {};
    },
  ],
  parameters: { expect: { texts: ['France services de Mende', 'Hors ligne : informations du'], selectors: ['[part="notice"]'] } },
};

/** `lang="en"`: every text in English (names stay as published). */
export const English: Story = {
  args: { commune: '48095', lang: 'en', size: 'square' },
  parameters: {
    expect: {
      texts: [
        'Need help with your paperwork?',
        'The nearest',
        '1.6 km from Mende',
        'Open now',
        'until 12 pm',
        'See the France services near me',
      ],
      absent: ['Besoin d’aide'],
    },
  },
};

/**
 * Themed by the host page with the public custom properties, set here on a wrapper (the
 * library itself needs no inline style, so it runs under a strict CSP).
 */
export const Themed: Story = {
  args: { commune: '48095' },
  decorators: [(story) => html`<div style="--fs-banner-accent: #7a3b00; --fs-font-family: Georgia, serif">${story()}</div>`],
  parameters: { expect: { texts: ['France services de Mende'] } },
};
