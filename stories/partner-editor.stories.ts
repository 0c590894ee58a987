import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn, waitFor } from 'storybook/test';
import { responseCache } from '@fs-widgets/core';
import type { FsPartnerEditor, FsPartnersChangeDetail } from '@fs-widgets/demarches/partner-editor.js';
import '@fs-widgets/demarches/partner-editor.js';
import { REFUSED_TOKENS } from '../.storybook/fake-api.js';
import api from './fixtures/api.json';

/** The fake API of `.storybook/fake-api.ts` (catalogue only; the tests use the real server). */
const API = 'https://storybook.invalid/api/v1';
const API_OFFLINE = 'https://storybook.invalid/offline/api/v1';

/** Mende: its partners as recorded after illustrative local partners and permanences were added (`scripts/docs/story-fixtures.ts`). */
const SITE = '2983';

/** Where the agents' tools keep a site's token (see `shared/agent-token.ts`). */
const tokenKey = (site: string) => `fs-widgets:demarches:token:${site}`;

/** A string of the form the server gives tokens, valid nowhere: the fake API does not check it. */
const FAKE_TOKEN = `fsw_000000000000.${'storybook-fake-token-not-valid-anywhere-000'}`;

/**
 * A loader storing `token` for `site` on this device (none when empty). Each state uses its own
 * site where it can: the docs page renders every story at once, and they share `localStorage`.
 */
const withToken =
  (site: string, token: string = FAKE_TOKEN) =>
  async (): Promise<Record<string, never>> => {
    if (token) localStorage.setItem(tokenKey(site), token);
    else localStorage.removeItem(tokenKey(site));
    return {};
  };

interface EditorArgs {
  'site-id'?: string;
  'heading-level'?: number;
  api?: string;
  lang?: 'fr' | 'en';
  /** Called with each `fs-partners-change` event (shown in the Actions panel). */
  onPartnersChange?: (event: CustomEvent<FsPartnersChangeDetail>) => void;
}

/** The editor of the story, once it shows `selector` in its shadow root. */
const shown = (canvas: HTMLElement, selector: string) =>
  waitFor(
    () => {
      const el = canvas.querySelector<FsPartnerEditor>('fs-partner-editor');
      const found = el?.shadowRoot?.querySelector<HTMLElement>(selector);
      if (!el || !found) throw new Error(`<fs-partner-editor> shows no ${selector} yet`);
      return { el, found };
    },
    { timeout: 10_000 },
  );

const meta = {
  title: 'Démarches/Partner editor',
  // An ASCII id (the title's "é" would be kept in the URL): demarches-partner-editor--list.
  id: 'demarches-partner-editor',
  component: 'fs-partner-editor',
  tags: ['autodocs'],
  render: (args) => html`<fs-partner-editor
    site-id=${ifDefined(args['site-id'])}
    heading-level=${ifDefined(args['heading-level'])}
    api=${ifDefined(args.api)}
    lang=${ifDefined(args.lang)}
    @fs-partners-change=${(e: CustomEvent<FsPartnersChangeDetail>) => args.onPartnersChange?.(e)}
  ></fs-partner-editor>`,
  args: {
    'site-id': SITE,
    api: API,
    'heading-level': 2,
    lang: 'fr',
    onPartnersChange: fn(),
  },
  argTypes: {
    lang: {
      control: 'inline-radio',
      options: ['fr', 'en'],
      description: 'Language of the texts (the global `lang` attribute; the nearest one up the page applies). French by default.',
      table: { category: 'attributes', type: { summary: "'fr' | 'en'" }, defaultValue: { summary: 'the page’s lang, else fr' } },
    },
    'heading-level': { control: { type: 'number', min: 2, max: 6, step: 1 } },
    onPartnersChange: { table: { disable: true } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The lists are real answers of the server, replayed by a fake API that exists only in this catalogue ' +
          '(`https://storybook.invalid`, see `.storybook/fake-api.ts`): the partner catalogue, and France services de Mende ' +
          '(2983) after the fixtures script added ILLUSTRATIVE local partners and permanences through the real routes, on ' +
          'Monday 30 November 2026 (so the next dates are those of that day). The refused tokens are the real server’s 401 ' +
          'and 403 answers. The token stored on the device (`localStorage`, `fs-widgets:demarches:token:<site>`, the same as ' +
          'the démarche log’s) is a fake one set by each story’s loader. Saving is not faked: the form says the server refused it.',
      },
    },
  },
} satisfies Meta<EditorArgs>;

export default meta;
type Story = StoryObj<EditorArgs>;

/** No `site-id`: says how to configure it. */
export const NotConfigured: Story = {
  args: { 'site-id': undefined },
};

/** No token on this device for the site: the agent pastes the one the coordinator gave (the démarche log's screen). */
export const NoToken: Story = {
  args: { 'site-id': '798' },
  loaders: [withToken('798', '')],
};

/** The lists arriving (a request that never answers). */
export const Loading: Story = {
  args: { 'site-id': '1', api: 'https://storybook.invalid/pending/api/v1' },
  loaders: [withToken('1')],
};

/** Mende's local partners and permanences, each in plain words with its next dates computed by the server. */
export const List: Story = {
  loaders: [withToken(SITE)],
};

/** A site without local partners or permanences yet. */
export const Empty: Story = {
  args: { 'site-id': '3255' },
  loaders: [withToken('3255')],
};

/** The server answers 503: says so, with "Réessayer". */
export const ServerError: Story = {
  args: { 'site-id': '1', api: 'https://storybook.invalid/unavailable/api/v1' },
  loaders: [withToken('1')],
};

/** No network and no copy on this device. */
export const Offline: Story = {
  args: { 'site-id': '1', api: API_OFFLINE },
  loaders: [withToken('1')],
};

/**
 * No network, with the list seen last kept on this device: shown with its date. Simulated: the
 * loader puts Mende's recorded answer in the widgets' offline cache (IndexedDB) first.
 */
export const OfflineWithSavedCopy: Story = {
  args: { api: API_OFFLINE },
  loaders: [
    withToken(SITE),
    async () => {
      await responseCache.put(`${API_OFFLINE}/sites/${SITE}/partners`, api['sites/2983/partners'].body);
      await responseCache.put(`${API_OFFLINE}/directory`, api.directory.body);
      return {};
    },
  ],
};

/** The server refuses the stored token (unknown, expired or revoked: 401), said before anything is typed. */
export const Unauthorized: Story = {
  args: { 'site-id': '561' },
  loaders: [withToken('561', REFUSED_TOKENS.unauthorized)],
};

/** The stored token is another site's (403). */
export const Forbidden: Story = {
  args: { 'site-id': '3' },
  loaders: [withToken('3', REFUSED_TOKENS.forbidden)],
};

/** "Ajouter un partenaire local": the form, with the catalogue's themes. */
export const NewLocalPartner: Story = {
  loaders: [withToken(SITE)],
  play: async ({ canvasElement }) => {
    const { found } = await shown(canvasElement, '#add-local');
    found.click();
    await shown(canvasElement, '#pf-name');
  },
};

/** "Ajouter une permanence", "Chaque mois" chosen: the recurrence builder (which weeks of the month, which day). */
export const NewPermanence: Story = {
  loaders: [withToken(SITE)],
  play: async ({ canvasElement }) => {
    const { found } = await shown(canvasElement, '#add-permanence');
    found.click();
    const { el, found: monthly } = await shown(canvasElement, 'input[name="freq"][value="monthly"]');
    monthly.click();
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLInputElement>('input[name="nth"][value="2"]')!.click();
  },
};

/** `lang="en"`: every text in English. */
export const English: Story = {
  args: { lang: 'en' },
  loaders: [withToken(SITE)],
};
