import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { responseCache } from '@fs-widgets/core';
import '@fs-widgets/kit/key-figures.js';
import api from './fixtures/api.json';

/** The fake API of `.storybook/fake-api.ts` (catalogue only; the tests use the real server). */
const API = 'https://storybook.invalid/api/v1';
const API_PENDING = 'https://storybook.invalid/pending/api/v1';
const API_UNAVAILABLE = 'https://storybook.invalid/unavailable/api/v1';
const API_OFFLINE = 'https://storybook.invalid/offline/api/v1';

interface KeyFiguresArgs {
  'site-id'?: string;
  year?: string;
  'heading-level'?: number;
  api?: string;
  lang?: 'fr' | 'en';
  theme?: 'light' | 'auto';
}

const meta = {
  title: 'Kit/Key figures',
  component: 'fs-key-figures',
  tags: ['autodocs'],
  render: (args) => html`<fs-key-figures
    site-id=${ifDefined(args['site-id'])}
    year=${ifDefined(args.year || undefined)}
    heading-level=${ifDefined(args['heading-level'])}
    api=${ifDefined(args.api)}
    lang=${ifDefined(args.lang)}
    theme=${ifDefined(args.theme)}
  ></fs-key-figures>`,
  args: {
    api: API,
    'heading-level': 2,
    lang: 'fr',
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
    year: { control: 'text' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Data: answers of the real server’s `GET /stats/key-figures`, recorded by `scripts/docs/story-fixtures.ts` on Monday ' +
          '30 November 2026 (its frozen clock) and replayed by a fake API that exists only in this catalogue ' +
          '(`https://storybook.invalid`, see `.storybook/fake-api.ts`). The acts and answers behind them are ILLUSTRATIVE — ' +
          'recorded by the script through the real `POST /acts` and `POST /feedback` to exercise the figures, not real activity ' +
          'or opinions (see `stories/fixtures/README.md`). The number of sites is the real ANCT list’s.',
      },
    },
  },
} satisfies Meta<KeyFiguresArgs>;

export default meta;
type Story = StoryObj<KeyFiguresArgs>;

/** No `site-id`: the network — sites in the list, requests handled, both rates, the period and the sources. */
export const Network: Story = {};

/** France services de Mende: 48 requests, 69 % solved at the first visit, 85 % satisfied out of 40 answers. */
export const Site: Story = {
  args: { 'site-id': '2983' },
};

/** MSA itinérante de Lozère: 8 requests and 6 answers, fewer than 30: the counts, no rate. */
export const TooFewAnswers: Story = {
  args: { 'site-id': '3255' },
};

/** A site with nothing recorded this year yet. */
export const Empty: Story = {
  args: { 'site-id': '1' },
};

/** `year="2025"`: the whole calendar year. */
export const PastYear: Story = {
  args: { 'site-id': '2983', year: '2025' },
};

/** An id that is not in the list: the server's 404. */
export const NotFound: Story = {
  args: { 'site-id': '999999' },
};

/** A year after the current one: the server's 400, naming `year`. */
export const InvalidYear: Story = {
  args: { year: '2999' },
};

/** The API has not answered yet. */
export const Loading: Story = {
  args: { api: API_PENDING },
};

/** The server answers 503: says so, with a retry button. */
export const ServerError: Story = {
  name: 'Error',
  args: { api: API_UNAVAILABLE },
};

/** No network and nothing saved on this device (figures no other story saves). */
export const Offline: Story = {
  args: { 'site-id': '2983', api: API_OFFLINE },
};

/** No network, the figures saved at an earlier visit (simulated by the story's loader): shown with a notice. */
export const OfflineWithSavedCopy: Story = {
  args: { api: API_OFFLINE },
  loaders: [
    async () => {
      await responseCache.put(`${API_OFFLINE}/stats/key-figures`, api['stats/key-figures'].body);
      return {};
    },
  ],
};

/** `lang="en"`: Mende's figures in English. */
export const English: Story = {
  args: { 'site-id': '2983', lang: 'en' },
};
