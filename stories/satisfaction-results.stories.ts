import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '@fs-widgets/satisfaction/satisfaction-results.js';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';

/** The fake API of `.storybook/fake-api.ts` (catalogue only; the tests use the real server). */
const API = 'https://storybook.invalid/api/v1';
const API_PENDING = 'https://storybook.invalid/pending/api/v1';
const API_UNAVAILABLE = 'https://storybook.invalid/unavailable/api/v1';

interface SatisfactionResultsArgs {
  'site-id'?: string;
  from?: string;
  to?: string;
  'min-count'?: number;
  'heading-level'?: number;
  api?: string;
  lang?: 'fr' | 'en';
}

const meta = {
  title: 'Satisfaction/Results',
  component: 'fs-satisfaction-results',
  tags: ['autodocs'],
  render: (args) => html`<fs-satisfaction-results
    site-id=${ifDefined(args['site-id'])}
    from=${ifDefined(args.from || undefined)}
    to=${ifDefined(args.to || undefined)}
    min-count=${ifDefined(args['min-count'])}
    heading-level=${ifDefined(args['heading-level'])}
    api=${ifDefined(args.api)}
    lang=${ifDefined(args.lang)}
  ></fs-satisfaction-results>`,
  args: {
    api: API,
    'heading-level': 2,
    lang: 'fr',
  },
  // The rows come from custom-elements.json; these only pick better controls.
  argTypes: {
    lang: {
      control: 'inline-radio',
      options: ['fr', 'en'],
      description: 'Language of the texts (the global `lang` attribute; the nearest one up the page applies). French by default.',
      table: { category: 'attributes', type: { summary: "'fr' | 'en'" }, defaultValue: { summary: 'the page’s lang, else fr' } },
    },
    'heading-level': { control: { type: 'number', min: 2, max: 6, step: 1 } },
    'min-count': { control: { type: 'number', min: 1, step: 1 } },
    from: { control: 'text' },
    to: { control: 'text' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Data: answers of the real server’s `GET /stats/satisfaction`, recorded by `scripts/docs/story-fixtures.ts` and replayed by a ' +
          'fake API that exists only in this catalogue (`https://storybook.invalid`, see `.storybook/fake-api.ts`). The answers ' +
          'behind the figures are illustrative — posted by the script through the real `POST /feedback` route to exercise the ' +
          'statistics, not real opinions (see `stories/fixtures/README.md`): 40 for France services de Mende (2983), 6 for ' +
          'MSA itinérante de Lozère (3255), 16 for Saint-Louis (561), given from 16 to 27 November 2026. Only the recorded ' +
          'queries answer (the stories’ sites and periods); others show the error state.',
      },
    },
    // For the catalogue check (scripts/test/check-stories.mjs): the states that must keep a story, the
    // story photographed, and rows the docs page table must show. Each story says what it shows.
    catalogue: {
      required: ['site', 'network', 'too-few-answers', 'no-answers-in-period', 'loading', 'server-error', 'english'],
      screenshot: 'site',
      docsRows: [
        'site-id',
        'from',
        'to',
        'min-count',
        'heading-level',
        'api',
        'lang',
        'figure',
        'chart',
        'table',
        '--fs-satisfaction-results-accent',
      ],
    },
  },
} satisfies Meta<SatisfactionResultsArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<SatisfactionResultsArgs> & ExpectedStory;

/**
 * France services de Mende: the share of the two top levels with the number of answers, the
 * share of resolved requests, the distribution as a chart (decorative) and as a table, and the
 * period the answers cover.
 */
export const Site: Story = {
  args: { 'site-id': '2983' },
  // Fixed figures: the answers behind them were posted at a frozen clock (scripts/docs/story-fixtures.ts).
  parameters: {
    expect: {
      texts: [
        'La satisfaction des usagers',
        '85 % d’usagers satisfaits',
        'sur 40 avis',
        '72,7 % disent que leur demande a été résolue.',
        'Répartition des avis',
        'Très satisfait',
        'Avis donnés du 16/11/2026 au 27/11/2026.',
      ],
      selectors: ['[part="figure"]', 'svg[part="chart"][aria-hidden="true"]', 'table[part="table"] tbody tr'],
    },
  },
};

/** No `site-id`: the whole network’s figure (every site’s answers). */
export const Network: Story = {
  parameters: {
    expect: {
      texts: ['85,5 % d’usagers satisfaits', 'sur 62 avis', 'Avis donnés du 16/11/2026 au 27/11/2026.'],
      selectors: ['table[part="table"]'],
    },
  },
};

/** MSA itinérante de Lozère: 6 answers, fewer than `min-count` (30 by default): no figure is published, and the widget says why. */
export const TooFewAnswers: Story = {
  args: { 'site-id': '3255' },
  parameters: {
    expect: {
      texts: [
        'Pas encore assez d’avis pour publier un résultat fiable (6 avis, il en faut au moins 30).',
        'Avis donnés du 17/11/2026 au 26/11/2026.',
      ],
      noSelectors: ['[part="figure"]', 'table'],
    },
  },
};

/** Mende in October 2026 (`from`, `to`): no answer in the period. */
export const NoAnswersInPeriod: Story = {
  args: { 'site-id': '2983', from: '2026-10-01', to: '2026-10-31' },
  parameters: {
    expect: {
      texts: ['Aucun avis pour cette période.', 'Avis donnés du 01/10/2026 au 31/10/2026.'],
      noSelectors: ['[part="figure"]', 'table'],
    },
  },
};

/**
 * The API has not answered yet: a busy skeleton. The fake API never answers here, so after 10 s
 * the client gives up (its timeout) and the widget shows the error state; reload the story to
 * see the skeleton again.
 */
export const Loading: Story = {
  args: { 'site-id': '2983', api: API_PENDING },
  parameters: { expect: { texts: ['La satisfaction des usagers', 'Chargement…'], selectors: ['[aria-busy="true"]'], timeout: 8000 } },
};

/** The server answers 503 (after the client's two retries): the error, with a retry button. */
export const ServerError: Story = {
  name: 'Error',
  args: { 'site-id': '2983', api: API_UNAVAILABLE },
  parameters: { expect: { texts: ['Le service ne répond pas', 'Réessayer'], noSelectors: ['[part="figure"]'] } },
};

/** `lang="en"`: every text in English, numbers and dates in English formats. */
export const English: Story = {
  args: { 'site-id': '2983', lang: 'en' },
  parameters: {
    expect: {
      texts: [
        'User satisfaction',
        '85% of users satisfied',
        'out of 40 answers',
        '72.7% say their request was resolved.',
        'Breakdown of answers',
        'Answers given from 16 Nov 2026 to 27 Nov 2026.',
      ],
      absent: ['usagers'],
    },
  },
};
