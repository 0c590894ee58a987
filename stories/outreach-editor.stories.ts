import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import { responseCache } from '@fs-widgets/core';
import type { FsOutreachEditor, FsStopsChangeDetail } from '@fs-widgets/demarches/outreach-editor.js';
import '@fs-widgets/demarches/outreach-editor.js';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';
import {
  API,
  API_OFFLINE,
  API_PENDING,
  API_UNAVAILABLE,
  MONDAY_MORNING,
  commonArgTypes,
  noToken,
  notConfigured,
  recorded,
  refusedToken,
  withApi,
  withToken,
  shownIn,
} from './support/agent-tools.js';

/** The Ruffecois bus (Charente): its stops, imported once from its file as the site's own data. */
const SITE = '2023';

interface EditorArgs {
  'site-id'?: string;
  'heading-level'?: number;
  api?: string;
  lang?: 'fr' | 'en';
  now?: Date;
  /** Called with each `fs-stops-change` event (shown in the Actions panel). */
  onStopsChange?: (event: CustomEvent<FsStopsChangeDetail>) => void;
}

/** The editor of the story, once it shows `selector` in its shadow root. */
const shown = (canvas: HTMLElement, selector: string) => shownIn<FsOutreachEditor>(canvas, 'fs-outreach-editor', selector);

const meta = {
  title: 'Démarches/Outreach editor',
  id: 'demarches-outreach-editor',
  component: 'fs-outreach-editor',
  tags: ['autodocs'],
  render: (args) => html`<fs-outreach-editor
    site-id=${ifDefined(args['site-id'])}
    heading-level=${ifDefined(args['heading-level'])}
    api=${ifDefined(args.api)}
    lang=${ifDefined(args.lang)}
    .now=${args.now}
    @fs-stops-change=${(e: CustomEvent<FsStopsChangeDetail>) => args.onStopsChange?.(e)}
  ></fs-outreach-editor>`,
  args: {
    'site-id': SITE,
    api: API,
    'heading-level': 2,
    lang: 'fr',
    now: MONDAY_MORNING,
    onStopsChange: fn(),
  },
  argTypes: {
    ...commonArgTypes,
    now: { control: false },
    onStopsChange: { table: { disable: true } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The list is a real answer of the server, replayed by a fake API that exists only in this catalogue ' +
          '(`https://storybook.invalid`, see `.storybook/fake-api.ts`): the stops of the Ruffecois bus (site 2023), ' +
          'imported once from its published file as the site’s own data. The next visits are computed from their rules at the ' +
          'stories’ frozen clock (`now`, Monday 30 November 2026), public holidays skipped. The token stored on the device is a ' +
          'fake one set by each story’s loader. Saving is not faked: a write stays in the outbox, as offline.',
      },
    },
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
        'new-stop',
        'field-errors',
        'move-visit',
        'english',
      ],
      screenshot: 'list',
      docsRows: ['site-id', 'heading-level', 'api', 'lang', 'fs-stops-change', 'item', 'visits', '--fs-demarches-accent'],
    },
  },
} satisfies Meta<EditorArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<EditorArgs> & ExpectedStory;

/** No `site-id`: says how to configure it. */
export const NotConfigured: Story = notConfigured({ texts: ['Éditeur non configuré', 'site-id'], noSelectors: ['input', 'button'] });

/** No token on this device for the site: the agents' shared sign-in. */
export const NoToken: Story = noToken('798', {
  texts: ['Jeton d’accès de l’agent', 'Il commence par fsw_.'],
  selectors: ['input#token[type="password"]'],
});

/** The list arriving (a request that never answers). */
export const Loading: Story = withApi('1', API_PENDING, {
  texts: ['Chargement des arrêts et des permanences…'],
  selectors: ['[aria-busy="true"]'],
  timeout: 8000,
});

/** The bus's stops: each rhythm in plain words, the next visits with « Annuler cette date » and « Déplacer ». */
export const List: Story = {
  loaders: [withToken(SITE)],
  parameters: {
    expect: {
      texts: [
        'Arrêts du bus et permanences dans d’autres communes',
        'Lieux de passage',
        'Arrêt du bus',
        'Prochains passages',
        'Annuler cette date',
        'Déplacer',
        'Ajouter un arrêt ou une permanence',
      ],
      selectors: ['[data-state="ready"]', '[part="list"] [part="item"]', '[part="visits"] li.visit'],
      noSelectors: ['form'],
    },
  },
};

/** A site with no stop yet. */
export const Empty: Story = {
  args: { 'site-id': '3255' },
  loaders: [withToken('3255')],
  parameters: {
    expect: { texts: ['Aucun arrêt ni permanence pour l’instant'], selectors: ['[data-state="empty"]'], noSelectors: ['[part="item"]'] },
  },
};

/** The server answers 503. */
export const ServerError: Story = withApi('1', API_UNAVAILABLE, {
  texts: ['Liste indisponible pour le moment', 'Réessayer'],
  selectors: ['[data-state="error"]'],
});

/** No network and no copy on this device. */
export const Offline: Story = withApi('1', API_OFFLINE, { texts: ['Vous êtes hors ligne'], selectors: ['[data-state="offline"]'] });

/** No network, the list seen last kept on this device (put in the offline cache by the loader). */
export const OfflineWithSavedCopy: Story = {
  args: { api: API_OFFLINE },
  loaders: [
    withToken(SITE),
    async () => {
      await responseCache.put(`${API_OFFLINE}/sites/${SITE}/stops`, recorded('sites/2023/stops'));
      return {};
    },
  ],
  parameters: {
    expect: { texts: ['Vous êtes hors ligne : voici la liste enregistrée le', 'Prochains passages'], selectors: ['[data-state="stale"]'] },
  },
};

/** The server refuses the stored token (401). */
export const Unauthorized: Story = refusedToken('unauthorized', '561', {
  texts: ['Jeton refusé'],
  selectors: ['[data-state="unauthorized"] [role="alert"]'],
});

/** The stored token is another site's (403). */
export const Forbidden: Story = refusedToken('forbidden', '3', {
  texts: ['Jeton d’une autre France services'],
  selectors: ['[data-state="forbidden"] [role="alert"]'],
});

/** The form: kind, name, commune search, street and postcode, coordinates, a rhythm with one-off dates, the offer. */
export const NewStop: Story = {
  loaders: [withToken(SITE)],
  play: async ({ canvasElement }) => {
    const { found } = await shown(canvasElement, '#add');
    found.click();
    const { found: dates } = await shown(canvasElement, 'input[name="freq-r0"][value="dates"]');
    dates.click();
  },
  parameters: {
    expect: {
      texts: [
        'Nouveau lieu de passage',
        'Arrêt du bus',
        'Permanence dans une autre commune',
        'Nom du lieu',
        'Commune',
        'Position sur la carte',
        'Rythme n° 1',
        'À des dates précises',
        'Ajouter cette date',
        'Aucune date pour l’instant.',
        'Qu’y propose-t-on ?',
        'Conseiller numérique',
      ],
      selectors: ['fs-commune-search', 'input#r0-date-new[type="date"]', 'button#r0-dates-add', 'input#r0-opens[type="time"]'],
    },
  },
};

/** Sent empty: each reason at its field (the commune, a weekly rhythm without a day, the hours). */
export const FieldErrors: Story = {
  loaders: [withToken(SITE)],
  play: async ({ canvasElement }) => {
    const { found } = await shown(canvasElement, '#add');
    found.click();
    const { found: submit } = await shown(canvasElement, 'button[type="submit"]');
    submit.click();
  },
  parameters: {
    expect: {
      texts: ['Choisissez la commune dans la liste des suggestions.', 'Cochez au moins un jour.', 'Indiquez l’heure de début.'],
      selectors: ['#r0-days-error', '#oe-name[aria-invalid="true"]'],
    },
  },
};

/** « Déplacer » on a visit: the new date and hours. */
export const MoveVisit: Story = {
  loaders: [withToken(SITE)],
  play: async ({ canvasElement }) => {
    const { found } = await shown(canvasElement, 'button[id^="move-"]');
    found.click();
  },
  parameters: {
    expect: {
      texts: ['Déplacer le passage du', 'Nouvelle date', 'Enregistrer le déplacement'],
      selectors: ['form.move-form input#mv-date[type="date"]', 'input#mv-opens[type="time"]'],
    },
  },
};

/** `lang="en"`. */
export const English: Story = {
  args: { lang: 'en' },
  loaders: [withToken(SITE)],
  parameters: {
    expect: {
      texts: ['Bus stops and permanences in other communes', 'Next visits', 'Cancel this date', 'Move'],
      absent: ['Prochains passages'],
    },
  },
};
