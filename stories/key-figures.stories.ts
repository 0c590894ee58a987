import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { responseCache } from '@fs-widgets/core';
import '@fs-widgets/kit/key-figures.js';
import api from './fixtures/api.json';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';

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
    // For the catalogue check (scripts/test/check-stories.mjs): the states that must keep a story, the
    // story photographed, and rows the docs page table must show. Each story says what it shows.
    catalogue: {
      required: [
        'network',
        'site',
        'too-few-answers',
        'empty',
        'not-found',
        'loading',
        'server-error',
        'offline',
        'offline-with-saved-copy',
        'english',
      ],
      screenshot: 'network',
      docsRows: ['site-id', 'year', 'heading-level', 'api', 'lang', 'figure', 'period', '--fs-key-figures-accent'],
    },
  },
} satisfies Meta<KeyFiguresArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<KeyFiguresArgs> & ExpectedStory;

/** No `site-id`: the network — sites in the list, requests handled, both rates, the period and the sources. */
export const Network: Story = {
  // Fixed figures: the illustrative acts and answers behind them were recorded at a frozen clock (scripts/docs/story-fixtures.ts).
  parameters: {
    expect: {
      texts: [
        'France services en chiffres',
        '2 721 France services et 124 antennes',
        '68 demandes traitées',
        '71 % des demandes résolues dès la première visite',
        '85 % des usagers satisfaits sur 62 avis',
        'Du 1er janvier au 30 novembre 2026 — source : France services widgets, données des agents',
        'Nombre de France services : ANCT — Liste des structures France services, 01/08/2024.',
      ],
      selectors: ['[part="figure"][data-figure="sites"]', '[part="period"]'],
    },
  },
};

/** France services de Mende: 48 requests, 69 % solved at the first visit, 85 % satisfied out of 40 answers. */
export const Site: Story = {
  args: { 'site-id': '2983' },
  parameters: {
    expect: {
      texts: [
        'France services de Mende en chiffres',
        '48 demandes traitées',
        '69 % des demandes résolues dès la première visite',
        '85 % des usagers satisfaits sur 40 avis',
        'Du 1er janvier au 30 novembre 2026 — source :',
      ],
      absent: ['antennes', 'pas encore assez'],
    },
  },
};

/** MSA itinérante de Lozère: 8 requests and 6 answers, fewer than 30: the counts, no rate. */
export const TooFewAnswers: Story = {
  args: { 'site-id': '3255' },
  parameters: {
    expect: {
      texts: [
        '8 demandes traitées',
        'Résolution dès la première visite pas encore assez de réponses',
        'Satisfaction des usagers pas encore assez de réponses',
        'Un taux n’est publié qu’à partir de 30 réponses.',
        'Du 1er janvier au 30 novembre 2026 — source :',
      ],
      noSelectors: ['[data-figure="satisfaction"] [part="value"]'],
    },
  },
};

/** A site with nothing recorded this year yet. */
export const Empty: Story = {
  args: { 'site-id': '1' },
  parameters: {
    expect: {
      texts: ['Pas encore de demande ni d’avis enregistré sur cette période.', 'Du 1er janvier au 30 novembre 2026 — source :'],
      noSelectors: ['[part="figures"]'],
    },
  },
};

/** `year="2025"`: the whole calendar year. */
export const PastYear: Story = {
  args: { 'site-id': '2983', year: '2025' },
  parameters: { expect: { texts: ['Du 1er janvier au 31 décembre 2025 — source :'] } },
};

/** An id that is not in the list: the server's 404. */
export const NotFound: Story = {
  args: { 'site-id': '999999' },
  parameters: { expect: { texts: ['Aucune France services ne porte l’identifiant « 999999 »'], noSelectors: ['[part="figures"]'] } },
};

/** A year after the current one: the server's 400, naming `year`. */
export const InvalidYear: Story = {
  args: { year: '2999' },
  parameters: { expect: { texts: ['L’année « 2999 » n’est pas disponible'] } },
};

/** The API has not answered yet. */
export const Loading: Story = {
  args: { api: API_PENDING },
  parameters: { expect: { texts: ['France services en chiffres', 'Chargement…'], selectors: ['[aria-busy="true"]'], timeout: 8000 } },
};

/** The server answers 503: says so, with a retry button. */
export const ServerError: Story = {
  name: 'Error',
  args: { api: API_UNAVAILABLE },
  parameters: { expect: { texts: ['Le service ne répond pas', 'Réessayer'], selectors: ['[part="retry"]'] } },
};

/** No network and nothing saved on this device (figures no other story saves). */
export const Offline: Story = {
  args: { 'site-id': '2983', api: API_OFFLINE },
  parameters: { expect: { texts: ['pas encore enregistrées', 'Réessayer'], selectors: ['[part="retry"]'] } },
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
  parameters: {
    expect: {
      texts: [
        'Vous êtes hors ligne : informations enregistrées le',
        '2 721 France services et 124 antennes',
        'Du 1er janvier au 30 novembre 2026',
      ],
      selectors: ['[part="notice"]'],
    },
  },
};

/** `lang="en"`: Mende's figures in English. */
export const English: Story = {
  args: { 'site-id': '2983', lang: 'en' },
  parameters: {
    expect: {
      texts: [
        'France services de Mende in figures',
        '48 requests handled',
        '69% of requests solved at the first visit',
        '85% of users satisfied out of 40 answers',
        'From 1 January to 30 November 2026 — source: France services widgets',
      ],
      absent: ['demandes'],
    },
  },
};
