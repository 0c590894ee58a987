import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { responseCache } from '@fs-widgets/core';
import '@fs-widgets/kit/poster.js';
import api from './fixtures/api.json';
import sites from './fixtures/sites.json';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';

/** The fake API of `.storybook/fake-api.ts` (catalogue only; the tests use the real server). */
const API = 'https://storybook.invalid/api/v1';
const API_PENDING = 'https://storybook.invalid/pending/api/v1';
const API_UNAVAILABLE = 'https://storybook.invalid/unavailable/api/v1';
const API_OFFLINE = 'https://storybook.invalid/offline/api/v1';

/** The stories' frozen clock (the date printed at the bottom): the day the partners' answers were recorded. */
const MONDAY_MORNING = '2026-11-30T09:00:00Z';

interface PosterArgs {
  'site-id'?: string;
  commune?: string;
  'qr-target'?: 'site' | 'locator';
  href?: string;
  logo?: string;
  'logo-alt'?: string;
  'heading-level'?: number;
  api?: string;
  lang?: 'fr' | 'en';
  /** An ISO 8601 instant, given to the `now` property as a Date. */
  now?: string;
}

const meta = {
  title: 'Kit/Poster',
  component: 'fs-poster',
  tags: ['autodocs'],
  render: (args) => html`<fs-poster
    site-id=${ifDefined(args['site-id'])}
    commune=${ifDefined(args.commune || undefined)}
    qr-target=${ifDefined(args['qr-target'])}
    href=${ifDefined(args.href || undefined)}
    logo=${ifDefined(args.logo || undefined)}
    logo-alt=${ifDefined(args['logo-alt'] || undefined)}
    heading-level=${ifDefined(args['heading-level'])}
    api=${ifDefined(args.api)}
    lang=${ifDefined(args.lang)}
    .now=${args.now ? new Date(args.now) : undefined}
  ></fs-poster>`,
  args: {
    api: API,
    'qr-target': 'site',
    'heading-level': 2,
    lang: 'fr',
    now: MONDAY_MORNING,
  },
  // The rows come from custom-elements.json; these only pick better controls.
  argTypes: {
    'qr-target': { control: 'inline-radio', options: ['site', 'locator'] },
    lang: {
      control: 'inline-radio',
      options: ['fr', 'en'],
      description: 'Language of the texts (the global `lang` attribute; the nearest one up the page applies). French by default.',
      table: { category: 'attributes', type: { summary: "'fr' | 'en'" }, defaultValue: { summary: 'the page’s lang, else fr' } },
    },
    'heading-level': { control: { type: 'number', min: 2, max: 6, step: 1 } },
    commune: { control: 'text' },
    href: { control: 'text' },
    logo: { control: 'text' },
    'logo-alt': { control: 'text' },
    now: { control: 'text' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'A printable A4 poster for a notice board. Data: real sites of the ANCT list of 1 August 2024 (Licence Ouverte 2.0), ' +
          'the real partner catalogue (`GET /directory`) and the answer of `GET /sites/2983/partners` recorded by ' +
          '`scripts/docs/story-fixtures.ts` after it added ILLUSTRATIVE local partners and permanences to Mende (see ' +
          '`stories/fixtures/README.md`), replayed by a fake API that exists only in this catalogue (`https://storybook.invalid`). ' +
          'So the QR codes lead to `https://storybook.invalid/s/…` (each site’s short public page) or `/embed/…`, where a real ' +
          'server answers with its pages. ' +
          'To print a poster alone, open `/embed/fs-poster?site-id=…` on the widgets’ server and print it.',
      },
    },
    // For the catalogue check (scripts/test/check-stories.mjs): the states that must keep a story, the
    // story photographed, and rows the docs page table must show. Each story says what it shows.
    catalogue: {
      required: [
        'default',
        'locator-target',
        'custom-address',
        'without-local-partners',
        'with-logo',
        'partners-unavailable',
        'not-configured',
        'loading',
        'not-found',
        'server-error',
        'offline',
        'offline-with-saved-copy',
        'english',
      ],
      screenshot: 'default',
      docsRows: [
        'site-id',
        'commune',
        'qr-target',
        'href',
        'logo',
        'logo-alt',
        'heading-level',
        'api',
        'lang',
        'now',
        'sheet',
        'qr',
        'qr-text',
        'url',
        'logo',
        '--fs-poster-accent',
        '--fs-poster-page-margin',
      ],
    },
  },
} satisfies Meta<PosterArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<PosterArgs> & ExpectedStory;

/**
 * France services de Mende: its address, phone and week (days with the same hours on one row) in
 * large type, the nine national partners in the words people use, its local partners with their
 * next permanences, and a QR code to its short public page (`/s/2983`), that address printed under
 * it with what scanning does.
 */
export const Default: Story = {
  args: { 'site-id': '2983' },
  // Mende's partners as recorded after the script added two illustrative local partners and three permanences.
  parameters: {
    expect: {
      texts: [
        'Besoin d’aide pour vos démarches ?',
        'France services vous accompagne',
        'Imprimer l’affiche',
        'France services de Mende',
        '04 66 49 67 13',
        'Horaires d’ouverture',
        'Du lundi au jeudi',
        '8 h 30 – 12 h',
        'Samedi et dimanche',
        'Fermé les jours fériés.',
        'On vous aide pour',
        'France Travail (ex-Pôle emploi)',
        'Caisse d’allocations familiales (CAF)',
        'Carte d’identité, passeport, permis de conduire, carte grise',
        'Impôts',
        'Partenaires locaux et permanences',
        'Mission locale (exemple)',
        'Le 2e mardi du mois, 9 h – 12 h, sur rendez-vous.',
        'Prochaines dates : mardi 8 décembre et mardi 12 janvier.',
        'Un jeudi sur deux',
        'Conciliateur de justice (exemple) — Sur rendez-vous.',
        'Scannez ce code avec l’appareil photo de votre téléphone pour voir les horaires à jour et l’itinéraire.',
        'Ou tapez cette adresse :',
        'storybook.invalid/s/2983',
        'Informations du 30/11/2026.',
        'ce n’est pas un document officiel de l’État',
      ],
      absent: ['Intérieur', 'Scannez-le', 'Partenaires nationaux', '/embed/'],
      selectors: [
        'svg.qr[part="qr"][role="img"]',
        'table[part="hours"] tbody tr',
        'button[part="print"]',
        '[part="local"] li[data-permanence]',
      ],
    },
  },
};

/** `qr-target="locator"` with `commune`: the QR code opens the locator on that commune (for a poster that serves neighbours too). */
export const LocatorTarget: Story = {
  args: { 'site-id': '2983', 'qr-target': 'locator', commune: '48095' },
  parameters: {
    expect: {
      texts: [
        'Scannez ce code avec l’appareil photo de votre téléphone pour trouver une France services près de chez vous.',
        'storybook.invalid/embed/fs-site-locator?commune=48095',
      ],
      selectors: ['svg.qr'],
    },
  },
};

/** `href`: the QR code leads to a page of the host's own (the town hall's "France services" page). */
export const CustomAddress: Story = {
  args: { 'site-id': '2983', href: 'https://www.mairie-exemple.fr/france-services' },
  parameters: {
    expect: {
      texts: ['www.mairie-exemple.fr/france-services', 'pour en savoir plus.'],
      selectors: ['svg.qr', 'a[href="https://www.mairie-exemple.fr/france-services"]'],
      absent: ['/embed/', '/s/2983'],
    },
  },
};

/** MSA itinérante de Lozère: no local partner recorded, so the poster has no local section. */
export const WithoutLocalPartners: Story = {
  args: { 'site-id': '3255' },
  parameters: {
    expect: {
      texts: ['France services MSA itinérante de Lozère', 'France services itinérante', 'On vous aide pour', 'Impôts'],
      selectors: ['svg.qr'],
      noSelectors: ['[part="local"]'],
    },
  },
};

/** A stand-in town-hall logo, drawn here (the catalogue has no image of a real town hall). */
const LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="360" height="160" viewBox="0 0 360 160"><circle cx="70" cy="80" r="56" fill="#2b6b3f"/>' +
    '<path d="M40 100 L70 40 L100 100 Z" fill="#f2c14e"/><text x="140" y="72" font-family="serif" font-size="34" fill="#2b6b3f">Ville de</text>' +
    '<text x="140" y="118" font-family="serif" font-size="44" font-weight="bold" fill="#2b6b3f">Mende</text></svg>',
)}`;

/**
 * The town hall's logo beside the address: here in the `logo` slot (an `<img>` of the page's
 * own, with its `alt`); a page sets `logo="https://…"` and `logo-alt` instead. Without a logo the
 * poster keeps no empty box for it.
 */
export const WithLogo: Story = {
  args: { 'site-id': '2983' },
  render: (args) => html`<fs-poster
    site-id=${ifDefined(args['site-id'])}
    api=${ifDefined(args.api)}
    lang=${ifDefined(args.lang)}
    .now=${args.now ? new Date(args.now) : undefined}
    ><img slot="logo" src=${LOGO} alt="Ville de Mende"
  /></fs-poster>`,
  parameters: {
    expect: {
      texts: ['France services de Mende', 'Du lundi au jeudi'],
      selectors: ['.contact-row.with-logo', '[part="logo"]:not([hidden])', 'svg.qr'],
    },
  },
};

/** The site answers, its partners do not (none recorded for Valserhône here): the poster says so, with a retry button (not printed). */
export const PartnersUnavailable: Story = {
  args: { 'site-id': '1' },
  parameters: {
    expect: {
      texts: ['France services de Valserhône', 'Liste des partenaires indisponible pour le moment.', 'Réessayer'],
      selectors: ['[part="notice"]', 'button[part="retry"]', 'svg.qr'],
    },
  },
};

/** No `site-id`: the poster says what to set. */
export const NotConfigured: Story = {
  args: {},
  parameters: { expect: { texts: ['Affiche non configurée', 'l’attribut site-id'], noSelectors: ['[part="sheet"]', 'button'] } },
};

/**
 * The API has not answered yet: a busy placeholder of the sheet. The fake API never answers
 * here, so after 10 s the client gives up and the error shows; reload the story to see it again.
 */
export const Loading: Story = {
  args: { 'site-id': '2983', api: API_PENDING },
  parameters: { expect: { texts: ['Chargement…'], selectors: ['[aria-busy="true"]'], timeout: 8000 } },
};

/** No site has this identifier: the poster says so (no retry: the embed code is wrong). */
export const NotFound: Story = {
  args: { 'site-id': '999999' },
  parameters: { expect: { texts: ['France services introuvable', '999999'], noSelectors: ['[part="retry"]', '[part="sheet"]'] } },
};

/** The server answers 503 (after the client's two retries): the error, with a retry button. */
export const ServerError: Story = {
  name: 'Error',
  args: { 'site-id': '2983', api: API_UNAVAILABLE },
  parameters: { expect: { texts: ['Affichage impossible pour le moment', 'Réessayer'], selectors: ['[part="retry"]'] } },
};

/** No network and nothing saved on this device: the offline message, with a retry button. */
export const Offline: Story = {
  args: { 'site-id': '2983', api: API_OFFLINE },
  parameters: {
    expect: {
      texts: ['Vous êtes hors ligne', 'pas encore enregistrées', 'Réessayer'],
      selectors: ['[data-state="offline"] [part="retry"]'],
    },
  },
};

/**
 * No network, but the site, its partners and the catalogue were saved on this device at an
 * earlier visit: the poster from the saved copy, with an offline notice above it (not printed).
 * Simulated: the story's loader puts the recorded answers in the widgets' offline cache.
 */
export const OfflineWithSavedCopy: Story = {
  args: { 'site-id': '2983', api: API_OFFLINE },
  loaders: [
    async () => {
      const recorded = api as unknown as Record<string, { body: unknown }>;
      await responseCache.put(`${API_OFFLINE}/sites/2983`, (sites as Record<string, unknown>)['2983']);
      await responseCache.put(`${API_OFFLINE}/sites/2983/partners`, recorded['sites/2983/partners']!.body);
      await responseCache.put(`${API_OFFLINE}/directory`, recorded['directory']!.body);
      return {};
    },
  ],
  parameters: {
    expect: {
      texts: ['Vous êtes hors ligne : informations enregistrées le', 'France services de Mende', 'Mission locale (exemple)'],
      selectors: ['[part="notice"]', 'svg.qr'],
    },
  },
};

/** `lang="en"`: every text in English, days and hours in English formats (names stay as published). */
export const English: Story = {
  args: { 'site-id': '2983', lang: 'en' },
  parameters: {
    expect: {
      texts: [
        'Need help with your paperwork?',
        'France services is here to help',
        'Print the poster',
        'Opening hours',
        'Monday to Thursday',
        '8:30 am – 12 pm',
        'Help with',
        'Family allowances (CAF)',
        'The 2nd Tuesday of the month, 9 am – 12 pm, by appointment.',
        'Next dates:',
      ],
      absent: ['Horaires', 'Imprimer'],
    },
  },
};

/** Themed by the host page with the public custom properties, set on a wrapper (the widget itself needs no inline style). */
export const Themed: Story = {
  args: { 'site-id': '2983' },
  decorators: [(story) => html`<div style="--fs-poster-accent: #6b2d5c; --fs-font-family: Georgia, serif">${story()}</div>`],
  parameters: { expect: { texts: ['France services de Mende'], selectors: ['svg.qr'] } },
};
