import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import { responseCache } from '@fs-widgets/core';
import type { FsPartnerEditor, FsPartnersChangeDetail } from '@fs-widgets/demarches/partner-editor.js';
import '@fs-widgets/demarches/partner-editor.js';
import api from './fixtures/api.json';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';
import {
  API,
  API_OFFLINE,
  API_PENDING,
  API_UNAVAILABLE,
  commonArgTypes,
  noToken,
  notConfigured,
  refusedToken,
  withApi,
  withToken,
  shownIn,
} from './support/agent-tools.js';

/** Mende: its partners as recorded after illustrative local partners and permanences were added (`scripts/docs/story-fixtures.ts`). */
const SITE = '2983';

interface EditorArgs {
  'site-id'?: string;
  'heading-level'?: number;
  api?: string;
  lang?: 'fr' | 'en';
  /** Called with each `fs-partners-change` event (shown in the Actions panel). */
  onPartnersChange?: (event: CustomEvent<FsPartnersChangeDetail>) => void;
}

/** The editor of the story, once it shows `selector` in its shadow root. */
const shown = (canvas: HTMLElement, selector: string) => shownIn<FsPartnerEditor>(canvas, 'fs-partner-editor', selector);

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
    ...commonArgTypes,
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
    // For the catalogue check (scripts/test/check-stories.mjs): the states that must keep a story, the
    // story photographed, and rows the docs page table must show. Each story says what it shows.
    catalogue: {
      required: [
        'not-configured',
        'no-token',
        'loading',
        'list',
        'empty',
        'server-error',
        'offline',
        'offline-with-saved-copy',
        'unauthorized',
        'forbidden',
        'new-local-partner',
        'new-permanence',
        'english',
      ],
      screenshot: 'list',
      docsRows: ['site-id', 'heading-level', 'api', 'lang', 'fs-partners-change', 'item', 'confirmation', '--fs-demarches-accent'],
    },
  },
} satisfies Meta<EditorArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<EditorArgs> & ExpectedStory;

/** No `site-id`: says how to configure it. */
export const NotConfigured: Story = notConfigured({ texts: ['Éditeur non configuré', 'site-id'], noSelectors: ['input', 'button'] });

/** No token on this device for the site: the agent pastes the one the coordinator gave (the démarche log's screen). */
export const NoToken: Story = noToken('798', {
  texts: ['Jeton d’accès de l’agent', 'collez le jeton', 'Il commence par fsw_.', 'Enregistrer'],
  selectors: ['input#token[type="password"]'],
  noSelectors: ['[part="list"]'],
});

/** The lists arriving (a request that never answers). */
export const Loading: Story = withApi('1', API_PENDING, {
  texts: ['Partenaires locaux et permanences', 'Chargement des partenaires et des permanences…'],
  selectors: ['[aria-busy="true"]'],
  timeout: 8000,
});

/** Mende's local partners and permanences, each in plain words with its next dates computed by the server. */
export const List: Story = {
  loaders: [withToken(SITE)],
  // Mende's partners as recorded after the fixtures script added illustrative ones (scripts/docs/story-fixtures.ts), on Monday 30 November 2026.
  parameters: {
    expect: {
      texts: [
        'Partenaires locaux et permanences',
        'Partenaires locaux',
        'Mission locale (exemple)',
        'Téléphone : 04 65 71 00 00',
        '1 permanence',
        'Conciliateur de justice (exemple)',
        'Ajouter un partenaire local',
        'Permanences',
        'Le 2e mardi du mois, 9 h – 12 h, sur rendez-vous',
        'Prochaines dates : mardi 8 décembre, mardi 12 janvier et mardi 9 février.',
        'Un jeudi sur deux, 14 h – 16 h 30',
        'Sur rendez-vous',
        'Prendre rendez-vous à l’accueil',
        'Modifier',
        'Supprimer',
        'Ajouter une permanence',
        'Changer de jeton',
      ],
      selectors: ['[data-state="ready"]', '[part="list"] [part="item"]', 'button#add-local', 'button#add-permanence'],
      noSelectors: ['form'],
    },
  },
};

/** A site without local partners or permanences yet. */
export const Empty: Story = {
  args: { 'site-id': '3255' },
  loaders: [withToken('3255')],
  parameters: {
    expect: {
      texts: ['Aucun partenaire local pour l’instant : ajoutez le premier.', 'Aucune permanence pour l’instant : ajoutez la première.'],
      selectors: ['[data-state="ready"]'],
      noSelectors: ['[part="item"]'],
    },
  },
};

/** The server answers 503: says so, with "Réessayer". */
export const ServerError: Story = withApi('1', API_UNAVAILABLE, {
  texts: ['Liste indisponible pour le moment', 'Le service ne répond pas', 'Réessayer'],
  selectors: ['[data-state="error"]'],
});

/** No network and no copy on this device. */
export const Offline: Story = withApi('1', API_OFFLINE, {
  texts: ['Vous êtes hors ligne', 'pas encore enregistrée sur cet appareil', 'Réessayer'],
  selectors: ['[data-state="offline"]'],
});

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
  parameters: {
    expect: {
      texts: ['Vous êtes hors ligne : voici la liste enregistrée le', 'Mission locale (exemple)', 'Le 2e mardi du mois'],
      selectors: ['[data-state="stale"]'],
    },
  },
};

/** The server refuses the stored token (unknown, expired or revoked: 401), said before anything is typed. */
export const Unauthorized: Story = refusedToken('unauthorized', '561', {
  texts: ['Jeton refusé', 'il est invalide, a expiré ou a été révoqué', 'Changer de jeton'],
  selectors: ['[data-state="unauthorized"] [role="alert"]'],
  noSelectors: ['[part="list"]'],
});

/** The stored token is another site's (403). */
export const Forbidden: Story = refusedToken('forbidden', '3', {
  texts: ['Jeton d’une autre France services', 'la France services n° 3', 'Changer de jeton'],
  selectors: ['[data-state="forbidden"] [role="alert"]'],
});

/** "Ajouter un partenaire local": the form, with the catalogue's themes. */
export const NewLocalPartner: Story = {
  loaders: [withToken(SITE)],
  play: async ({ canvasElement }) => {
    const { found } = await shown(canvasElement, '#add-local');
    found.click();
    await shown(canvasElement, '#pf-name');
  },
  parameters: {
    expect: {
      texts: [
        'Nouveau partenaire local',
        'Nom de l’organisme',
        '(obligatoire)',
        'Téléphone de l’organisme',
        'Thèmes',
        'Papiers et citoyenneté',
        'Enregistrer',
        'Annuler',
      ],
      selectors: ['form[part="form"] input#pf-name[aria-required="true"]', 'fieldset#pf-themes input[type="checkbox"]'],
    },
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
  parameters: {
    expect: {
      texts: [
        'Nouvelle permanence',
        'Partenaire',
        'France Travail',
        'Mission locale (exemple)',
        'Quand a-t-elle lieu ?',
        'Chaque semaine',
        'Toutes les 2 semaines ou plus',
        'Chaque mois',
        'Sur rendez-vous, sans date fixe',
        'Quelle semaine du mois ?',
        'dernier',
        'Quel jour de la semaine ?',
        'Horaires',
        'Période',
      ],
      selectors: [
        'select#pm-partner optgroup[label="Partenaires nationaux"]',
        'fieldset#pm-freq legend',
        'input[name="freq"][value="monthly"]:checked',
        'input[name="nth"][value="2"]:checked',
        'input#pm-opens[type="time"]',
      ],
    },
  },
};

/** `lang="en"`: every text in English. */
export const English: Story = {
  args: { lang: 'en' },
  loaders: [withToken(SITE)],
  parameters: {
    expect: {
      texts: [
        'Local partners and permanences',
        'Add a local partner',
        'The 2nd Tuesday of the month, 9 am – 12 pm, by appointment',
        'Next dates: Tuesday 8 December',
        'Every other Thursday',
        'By appointment',
      ],
      absent: ['Partenaires locaux et permanences', 'Prochaines dates'],
    },
  },
};
