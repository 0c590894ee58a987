import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import { responseCache } from '@fs-widgets/core';
import type { FsDemarcheOpenDetail, FsNeedSearchDetail } from '@fs-widgets/partner-directory/partner-directory.js';
import '@fs-widgets/partner-directory/partner-directory.js';
import api from './fixtures/api.json';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';

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
  // In a group, as every component: the sidebar lists ungrouped components before the introduction.
  title: 'Partner directory/Directory',
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
    // For the catalogue check (scripts/test/check-stories.mjs): the states that must keep a story, the
    // story photographed, and rows the docs page table must show. Each story says what it shows.
    catalogue: {
      required: [
        'default',
        'search',
        'details',
        'theme',
        'partner',
        'with-site',
        'empty-search',
        'empty-search-without-site',
        'loading',
        'server-error',
        'offline',
        'offline-with-saved-copy',
        'english',
        'english-search',
        'english-empty-search',
      ],
      screenshot: 'with-site',
      docsRows: [
        'site-id',
        'locator-url',
        'query',
        'heading-level',
        'api',
        'lang',
        'fs-need-search',
        'fs-demarche-open',
        'result',
        'badge',
        '--fs-partner-directory-accent',
      ],
    },
  },
} satisfies Meta<PartnerDirectoryArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<PartnerDirectoryArgs> & ExpectedStory;

/**
 * The start: the search box "Que voulez-vous faire ?", the 14 themes, the 9 national partners and,
 * without `site-id`, the link to find the nearest France services (the widgets' server by default).
 */
export const Default: Story = {
  parameters: {
    expect: {
      texts: [
        'Vos démarches : qui peut vous aider ?',
        'Que voulez-vous faire ?',
        'Parcourir par thème',
        'Papiers et citoyenneté',
        'Les partenaires nationaux',
        'France Travail',
        'Trouver la France services la plus proche',
      ],
      selectors: [
        'input#need[type="search"]',
        '[part="themes"] button[data-opener="theme:impots"]',
        '[part="partners"] button[data-opener="partner:caf"]',
        'a[part="locator-link"][href="https://storybook.invalid/"]',
      ],
      noSelectors: ['[part="result"]'],
    },
  },
};

/** "cartegrise" typed without its space: the vehicle registration démarches, the Intérieur named. */
export const Search: Story = {
  args: { query: 'cartegrise' },
  // The search runs in the browser over the recorded catalogue: "cartegrise" typed without its space.
  parameters: {
    expect: {
      texts: [
        'Démarches pour « cartegrise »',
        'démarches trouvées pour « cartegrise »',
        'carte grise',
        'Faisable avec l’agent France services',
        'Partenaire concerné',
      ],
      selectors: [
        '[part="result"][data-demarche="carte-grise-changement-adresse"]',
        '.partner-hits button[data-opener="partner:interieur"]',
      ],
    },
  },
};

/** A result opened (by the play function): where it is done, what to bring, the official links. */
export const Details: Story = {
  args: { query: 'passeport' },
  play: async ({ canvasElement }) => click(canvasElement, '.results .toggle'),
  parameters: {
    expect: {
      texts: ['Demander un passeport (majeur)', 'Préparé avec l’agent, terminé chez le partenaire', 'Ce qu’il faut apporter', 'Source :'],
      selectors: ['.toggle[aria-expanded="true"]', '.details:not([hidden]) .online a[target="_blank"]'],
    },
  },
};

/** A theme opened (by the play function): its démarches, and a "Retour" button. */
export const Theme: Story = {
  play: async ({ canvasElement }) => click(canvasElement, '[data-opener="theme:vehicule-permis"]'),
  parameters: {
    expect: {
      texts: ['Véhicule et permis de conduire', 'Retour', '7 démarches.', 'Faire la carte grise d'],
      selectors: ['[part="back"]', '#view-title'],
    },
  },
};

/** A partner opened (by the play function): who they are, what they handle, their online services and démarches. */
export const Partner: Story = {
  play: async ({ canvasElement }) => click(canvasElement, '[data-opener="partner:caf"]'),
  parameters: {
    expect: {
      texts: [
        "Caisse d'allocations familiales (CAF)",
        'Ce dont il s’occupe',
        'Services en ligne',
        'Démarches courantes',
        'Demander une aide au logement',
      ],
      selectors: ['[part="back"]', '[part="result"][data-demarche="aides-logement-apl"]'],
    },
  },
};

/**
 * With `site-id`: France services de Mende, the nine national partners, its local partners and
 * its next permanences (a monthly one, one every other Thursday, one by appointment), and its
 * phone. The local partners are illustrative (see the fixtures' README).
 */
export const WithSite: Story = {
  args: { 'site-id': MENDE },
  // Mende's partners as recorded after the script added two illustrative local partners and three permanences.
  parameters: {
    expect: {
      texts: [
        'Votre France services',
        'France services de Mende',
        'Les agents vous aident pour les démarches des neuf partenaires nationaux',
        'Partenaires locaux',
        'Mission locale (exemple)',
        'Prochaines permanences',
        'Le 2e mardi du mois',
        'Mardi 8 décembre, 9 h – 12 h',
        'Un jeudi sur deux',
        'Jeudi 10 décembre, 14 h – 16 h 30',
        'Conciliateur de justice (exemple)',
        'Sur rendez-vous',
        'Appelez la France services',
        '04 66 49 67 13',
      ],
      selectors: [
        '[part="site"] .permanences [part="permanence"] time[datetime="2026-12-08"]',
        '[part="site"] .call a[href="tel:0466496713"]',
      ],
      noSelectors: ['[part="locator-link"]'],
    },
  },
};

/** A search that finds nothing, with `site-id`: spelling hints, examples, the themes, and the site's phone. */
export const EmptySearch: Story = {
  args: { 'site-id': MENDE, query: 'xqzwvk' },
  parameters: {
    expect: {
      texts: [
        'Aucune démarche ne correspond à « xqzwvk »',
        'Vérifiez l’orthographe',
        'Essayez par exemple',
        'carte grise',
        'Ou parcourez les démarches par thème',
        'Ou appelez France services de Mende : un agent vous orientera.',
      ],
      selectors: ['[part="empty"] [part="themes"] button', '[part="empty"] .contact a[href^="tel:"]'],
      noSelectors: ['[part="result"]'],
    },
  },
};

/** A search that finds nothing, without `site-id`: the link to find the nearest France services (`locator-url`). */
export const EmptySearchWithoutSite: Story = {
  args: { query: 'xqzwvk', 'locator-url': 'https://www.example.fr/trouver-une-france-services' },
  parameters: {
    expect: {
      texts: ['Aucune démarche ne correspond à « xqzwvk »', 'Ou contactez la France services la plus proche'],
      selectors: ['[part="empty"] a[part="locator-link"][href="https://www.example.fr/trouver-une-france-services"]'],
    },
  },
};

/**
 * The API has not answered yet: a busy skeleton. The fake API never answers here, so after 10 s
 * the client gives up (its timeout) and the widget shows the error state.
 */
export const Loading: Story = {
  args: { api: API_PENDING },
  parameters: {
    expect: { texts: ['Vos démarches : qui peut vous aider ?', 'Chargement…'], selectors: ['[aria-busy="true"]'], timeout: 8000 },
  },
};

/** The server answers 503 (after the client's two retries): the error, with a retry button. */
export const ServerError: Story = {
  name: 'Error',
  args: { api: API_UNAVAILABLE },
  parameters: {
    expect: { texts: ['Affichage impossible pour le moment', 'Le service ne répond pas', 'Réessayer'], selectors: ['[part="retry"]'] },
  },
};

/** No network and nothing saved on this device: the offline message, with a retry button. */
export const Offline: Story = {
  args: { api: API_OFFLINE },
  parameters: {
    expect: {
      texts: ['Vous êtes hors ligne', 'pas encore enregistrées', 'Réessayer'],
      selectors: ['[data-state="offline"] [part="retry"]'],
    },
  },
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
  parameters: {
    expect: {
      texts: ['Vous êtes hors ligne : informations enregistrées le', 'Démarches pour « retraitte »', 'Demander sa retraite'],
      selectors: ['[part="notice"]'],
    },
  },
};

/** `lang="en"`: the widget's texts, the démarches' titles and summaries in English; documents stay in French, said so. */
export const English: Story = {
  args: { lang: 'en', 'site-id': MENDE },
  parameters: {
    expect: {
      texts: [
        'Your formalities: who can help?',
        'What do you need to do?',
        'Browse by topic',
        'ID papers and citizenship',
        'Your France services',
        'The 2nd Tuesday of the month',
        'Tuesday 8 December, 9 am – 12 pm',
        'Every other Thursday',
      ],
      absent: ['Que voulez-vous faire', 'Parcourir par thème'],
    },
  },
};

/** English, a search: "passport". */
export const EnglishSearch: Story = {
  args: { lang: 'en', query: 'passport' },
  parameters: {
    expect: {
      texts: ['Formalities for “passport”', 'Apply for a passport (adult)', 'Prepared with the agent, finished with the partner'],
      absent: ['Démarches pour'],
    },
  },
};

/** English, a search that finds nothing. */
export const EnglishEmptySearch: Story = {
  args: { lang: 'en', query: 'xqzwvk' },
  parameters: { expect: { texts: ['No formality matches “xqzwvk”', 'Check the spelling', 'Find the nearest France services'] } },
};
