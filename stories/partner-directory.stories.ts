import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import { responseCache } from '@fs-widgets/core';
import type { FsDemarcheOpenDetail, FsNeedSearchDetail } from '@fs-widgets/partner-directory/partner-directory.js';
import '@fs-widgets/partner-directory/partner-directory.js';
import api from './fixtures/api.json';

/** The fake API of `.storybook/fake-api.ts` (catalogue only; the tests use the real server). */
const API = 'https://storybook.invalid/api/v1';
const API_PENDING = 'https://storybook.invalid/pending/api/v1';
const API_UNAVAILABLE = 'https://storybook.invalid/unavailable/api/v1';
const API_OFFLINE = 'https://storybook.invalid/offline/api/v1';

/** Mende: its recorded partners have two illustrative local partners and three permanences (scripts/docs/story-fixtures.ts). */
const MENDE = '2983';

interface PartnerDirectoryArgs {
  'site-id'?: string;
  'locator-url'?: string;
  query?: string;
  'heading-level'?: number;
  api?: string;
  lang?: 'fr' | 'en';
  theme?: 'light' | 'auto';
  /** Called with each `fs-need-search` event (shown in the Actions panel). */
  onNeedSearch?: (event: CustomEvent<FsNeedSearchDetail>) => void;
  /** Called with each `fs-demarche-open` event. */
  onDemarcheOpen?: (event: CustomEvent<FsDemarcheOpenDetail>) => void;
}

/** The widget's shadow root once the catalogue is shown (for the play functions). */
async function loaded(canvas: HTMLElement): Promise<ShadowRoot> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const root = canvas.querySelector('fs-partner-directory')?.shadowRoot;
    if (root?.querySelector('[data-state="ready"]')) return root;
    if (Date.now() > deadline) throw new Error('<fs-partner-directory> did not load its catalogue');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Clicks a button of the widget, as a person would. */
async function click(canvas: HTMLElement, selector: string): Promise<void> {
  const button = (await loaded(canvas)).querySelector<HTMLButtonElement>(selector);
  if (!button) throw new Error(`No ${selector} in <fs-partner-directory>`);
  button.click();
}

const meta = {
  title: 'Partner directory',
  id: 'partner-directory',
  component: 'fs-partner-directory',
  tags: ['autodocs'],
  render: (args) => html`<fs-partner-directory
    site-id=${ifDefined(args['site-id'])}
    locator-url=${ifDefined(args['locator-url'])}
    query=${ifDefined(args.query)}
    heading-level=${ifDefined(args['heading-level'])}
    api=${ifDefined(args.api)}
    lang=${ifDefined(args.lang)}
    theme=${ifDefined(args.theme)}
    @fs-need-search=${(e: CustomEvent<FsNeedSearchDetail>) => args.onNeedSearch?.(e)}
    @fs-demarche-open=${(e: CustomEvent<FsDemarcheOpenDetail>) => args.onDemarcheOpen?.(e)}
  ></fs-partner-directory>`,
  args: {
    api: API,
    'heading-level': 2,
    lang: 'fr',
    onNeedSearch: fn(),
    onDemarcheOpen: fn(),
  },
  argTypes: {
    lang: {
      control: 'inline-radio',
      options: ['fr', 'en'],
      description: 'Language of the texts (the global `lang` attribute; the nearest one up the page applies). French by default.',
      table: { category: 'attributes', type: { summary: "'fr' | 'en'" }, defaultValue: { summary: 'the page’s lang, else fr' } },
    },
    theme: { control: 'inline-radio', options: ['light', 'auto'] },
    'heading-level': { control: { type: 'number', min: 2, max: 6, step: 1 } },
    query: { control: 'text' },
    onNeedSearch: { table: { disable: true } },
    onDemarcheOpen: { table: { disable: true } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Data: the real server’s `GET /directory` (the catalogue of `packages/server/data/directory/`: national partners, ' +
          'themes aligned with data·inclusion, common démarches written from service-public.fr and the partners’ pages) and ' +
          '`GET /sites/2983/partners`, recorded by `scripts/docs/story-fixtures.ts` after it added ILLUSTRATIVE local partners and ' +
          'permanences to France services de Mende through the real agents’ routes, and replayed by a fake API that exists only ' +
          'in this catalogue (`https://storybook.invalid`, see `.storybook/fake-api.ts`). The search runs in the browser: type ' +
          'any need in a story.',
      },
    },
  },
} satisfies Meta<PartnerDirectoryArgs>;

export default meta;
type Story = StoryObj<PartnerDirectoryArgs>;

/**
 * The start: the search box "Que voulez-vous faire ?", the 14 themes, the 9 national partners and,
 * without `site-id`, the link to find the nearest France services (the widgets' server by default).
 */
export const Default: Story = {};

/** "cartegrise" typed without its space: the vehicle registration démarches, the Intérieur named. */
export const Search: Story = {
  args: { query: 'cartegrise' },
};

/** A result opened (by the play function): where it is done, what to bring, the official links. */
export const Details: Story = {
  args: { query: 'passeport' },
  play: async ({ canvasElement }) => click(canvasElement, '.results .toggle'),
};

/** A theme opened (by the play function): its démarches, and a "Retour" button. */
export const Theme: Story = {
  play: async ({ canvasElement }) => click(canvasElement, '[data-opener="theme:vehicule-permis"]'),
};

/** A partner opened (by the play function): who they are, what they handle, their online services and démarches. */
export const Partner: Story = {
  play: async ({ canvasElement }) => click(canvasElement, '[data-opener="partner:caf"]'),
};

/**
 * With `site-id`: France services de Mende, the nine national partners, its local partners and
 * its next permanences (a monthly one, one every other Thursday, one by appointment), and its
 * phone. The local partners are illustrative (see the fixtures' README).
 */
export const WithSite: Story = {
  args: { 'site-id': MENDE },
};

/** A search that finds nothing, with `site-id`: spelling hints, examples, the themes, and the site's phone. */
export const EmptySearch: Story = {
  args: { 'site-id': MENDE, query: 'xqzwvk' },
};

/** A search that finds nothing, without `site-id`: the link to find the nearest France services (`locator-url`). */
export const EmptySearchWithoutSite: Story = {
  args: { query: 'xqzwvk', 'locator-url': 'https://www.example.fr/trouver-une-france-services' },
};

/**
 * The API has not answered yet: a busy skeleton. The fake API never answers here, so after 10 s
 * the client gives up (its timeout) and the widget shows the error state.
 */
export const Loading: Story = {
  args: { api: API_PENDING },
};

/** The server answers 503 (after the client's two retries): the error, with a retry button. */
export const ServerError: Story = {
  name: 'Error',
  args: { api: API_UNAVAILABLE },
};

/** No network and nothing saved on this device: the offline message, with a retry button. */
export const Offline: Story = {
  args: { api: API_OFFLINE },
};

/**
 * No network, but the catalogue was saved on this device at an earlier visit: the saved copy
 * with an offline notice, and the search still works. Simulated: the story's loader puts the
 * recorded catalogue in the widgets' offline cache (IndexedDB) before rendering.
 */
export const OfflineWithSavedCopy: Story = {
  args: { api: API_OFFLINE, query: 'retraitte' },
  loaders: [
    async () => {
      await responseCache.put(`${API_OFFLINE}/directory`, api.directory.body);
      return {};
    },
  ],
};

/** `lang="en"`: the widget's texts, the démarches' titles and summaries in English; documents stay in French, said so. */
export const English: Story = {
  args: { lang: 'en', 'site-id': MENDE },
};

/** English, a search: "passport". */
export const EnglishSearch: Story = {
  args: { lang: 'en', query: 'passport' },
};

/** English, a search that finds nothing. */
export const EnglishEmptySearch: Story = {
  args: { lang: 'en', query: 'xqzwvk' },
};
