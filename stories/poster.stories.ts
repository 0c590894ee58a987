import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { responseCache } from '@fs-widgets/core';
import '@fs-widgets/kit/poster.js';
import api from './fixtures/api.json';
import sites from './fixtures/sites.json';

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
          'So the QR codes lead to `https://storybook.invalid/embed/…`, where a real server answers with its embed pages. ' +
          'To print a poster alone, open `/embed/fs-poster?site-id=…` on the widgets’ server and print it.',
      },
    },
  },
} satisfies Meta<PosterArgs>;

export default meta;
type Story = StoryObj<PosterArgs>;

/**
 * France services de Mende: its address, phone and week, the nine national partners, its local
 * partners with their next permanences, and a QR code to its page, the address printed under it.
 */
export const Default: Story = {
  args: { 'site-id': '2983' },
};

/** `qr-target="locator"` with `commune`: the QR code opens the locator on that commune (for a poster that serves neighbours too). */
export const LocatorTarget: Story = {
  args: { 'site-id': '2983', 'qr-target': 'locator', commune: '48095' },
};

/** `href`: the QR code leads to a page of the host's own (the town hall's "France services" page). */
export const CustomAddress: Story = {
  args: { 'site-id': '2983', href: 'https://www.mairie-exemple.fr/france-services' },
};

/** MSA itinérante de Lozère: no local partner recorded, so the poster has no local section. */
export const WithoutLocalPartners: Story = {
  args: { 'site-id': '3255' },
};

/** The site answers, its partners do not (none recorded for Valserhône here): the poster says so, with a retry button (not printed). */
export const PartnersUnavailable: Story = {
  args: { 'site-id': '1' },
};

/** No `site-id`: the poster says what to set. */
export const NotConfigured: Story = {
  args: {},
};

/**
 * The API has not answered yet: a busy placeholder of the sheet. The fake API never answers
 * here, so after 10 s the client gives up and the error shows; reload the story to see it again.
 */
export const Loading: Story = {
  args: { 'site-id': '2983', api: API_PENDING },
};

/** No site has this identifier: the poster says so (no retry: the embed code is wrong). */
export const NotFound: Story = {
  args: { 'site-id': '999999' },
};

/** The server answers 503 (after the client's two retries): the error, with a retry button. */
export const ServerError: Story = {
  name: 'Error',
  args: { 'site-id': '2983', api: API_UNAVAILABLE },
};

/** No network and nothing saved on this device: the offline message, with a retry button. */
export const Offline: Story = {
  args: { 'site-id': '2983', api: API_OFFLINE },
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
};

/** `lang="en"`: every text in English, days and hours in English formats (names stay as published). */
export const English: Story = {
  args: { 'site-id': '2983', lang: 'en' },
};

/** Themed by the host page with the public custom properties, set on a wrapper (the widget itself needs no inline style). */
export const Themed: Story = {
  args: { 'site-id': '2983' },
  decorators: [(story) => html`<div style="--fs-poster-accent: #6b2d5c; --fs-font-family: Georgia, serif">${story()}</div>`],
};
