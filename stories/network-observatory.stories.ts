import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { FsNetworkObservatory } from '@fs-widgets/observatory/network-observatory.js';
import '@fs-widgets/observatory/network-observatory.js';
import { waitFor } from 'storybook/test';
import { REFUSED_TOKENS } from '../.storybook/fake-api.js';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';
import { API, API_OFFLINE, API_PENDING, API_UNAVAILABLE, commonArgTypes, withToken } from './support/agent-tools.js';

/** The observatory's views keep the observer's token under this name (the agents' shared sign-in). */
const OBSERVATORY = 'observatory';

interface ObservatoryArgs {
  departement?: string;
  carrier?: string;
  'heading-level'?: number;
  api?: string;
  lang?: 'fr' | 'en';
}

const meta = {
  title: 'Observatory/Network observatory',
  component: 'fs-network-observatory',
  tags: ['autodocs'],
  render: (args) => html`<fs-network-observatory
    departement=${ifDefined(args.departement)}
    carrier=${ifDefined(args.carrier)}
    heading-level=${ifDefined(args['heading-level'])}
    api=${ifDefined(args.api)}
    lang=${ifDefined(args.lang)}
  ></fs-network-observatory>`,
  args: { departement: '48', api: API, 'heading-level': 2, lang: 'fr' },
  argTypes: {
    ...commonArgTypes,
    'heading-level': { control: { type: 'number', min: 2, max: 5, step: 1 } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The network observatory, for a prefecture’s, a carrier’s or the ANCT’s intranet. The answers are the real server’s for ' +
          'the Lozère (48), recorded by `scripts/docs/observatory-fixtures.ts` and replayed by a fake API that exists only in this ' +
          'catalogue (`https://storybook.invalid`). No activity was recorded there: the rates say « pas encore assez de réponses ». ' +
          'Four appointments were booked at Meyrueis by its agent (one arrived, one no-show, one cancelled, one still booked): ' +
          'fewer than 30, so their shares and median lead time say « — », with the reason for screen readers. ' +
          'The token stored on the device is a fake one set by each story’s loader; downloads are not faked.',
      },
    },
    catalogue: {
      required: [
        'signed-out',
        'loading',
        'lozere',
        'filtered',
        'appointments-by-reason',
        'server-error',
        'offline',
        'unauthorized',
        'forbidden',
        'english',
      ],
      screenshot: 'lozere',
      docsRows: ['departement', 'carrier', 'heading-level', 'api', 'lang', 'table', 'downloads', '--fs-observatory-accent'],
    },
  },
} satisfies Meta<ObservatoryArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<ObservatoryArgs> & ExpectedStory;

/** No token on this device: the shared sign-in, with what the token opens. */
export const SignedOut: Story = {
  loaders: [withToken(OBSERVATORY, '')],
  parameters: {
    expect: {
      texts: ['Observatoire du réseau France services', 'Collez le jeton d’observation', 'Il commence par fsw_.', 'Enregistrer'],
      selectors: ['input#token[type="password"]'],
    },
  },
};

/** The scope's figures on their way (a request that never answers). */
export const Loading: Story = {
  args: { api: API_PENDING },
  loaders: [withToken(OBSERVATORY)],
  parameters: {
    expect: { texts: ['Chargement des chiffres du périmètre…'], selectors: ['[data-state="loading"][aria-busy="true"]'], timeout: 8000 },
  },
};

/** The Lozère: key figures with period and source, its 20 sites, activity, appointments, freshness, the population within 10 to 45 minutes. */
export const Lozere: Story = {
  loaders: [withToken(OBSERVATORY)],
  parameters: {
    expect: {
      texts: [
        'Observatoire du réseau France services — Lozère (48)',
        'Périmètre : Lozère (48) (lecture seule)',
        'Chiffres clés',
        'pas encore assez de réponses',
        'Source :',
        'Les France services du périmètre',
        'Activité des France services',
        'Aucune demande enregistrée sur la période dans ce périmètre.',
        'Rendez-vous par site',
        'France services Meyrueis',
        'non publié : trop peu de rendez-vous',
        'qu’à partir de 30 rendez-vous',
        'Le réseau face aux chiffres publiés du programme',
        'Portées par une collectivité',
        'Fraîcheur des informations, par département',
        'Accès à une France services, population par temps de trajet',
        'Télécharger ce tableau :',
      ],
      selectors: [
        'table[data-table="sites"] caption',
        'table[data-table="sites"] th[aria-sort="none"] button.sort',
        'table[data-table="appointments"] tr[data-key="905"] th[scope="row"]',
        'select#appointments-group',
        'table[data-table="coverage"]',
      ],
    },
  },
};

/** Filtered on the fixed sites (15 of 20), sorted by weekly hours (as a person would with the keyboard). */
export const Filtered: Story = {
  loaders: [withToken(OBSERVATORY)],
  play: async ({ canvasElement }) => {
    const el = await waitFor(
      () => {
        const found = canvasElement.querySelector<FsNetworkObservatory>('fs-network-observatory');
        if (!found?.shadowRoot?.querySelector('table[data-table="sites"]')) throw new Error('no table yet');
        return found;
      },
      { timeout: 10_000 },
    );
    const root = el.shadowRoot!;
    const select = root.querySelector<HTMLSelectElement>('#filter-kind')!;
    select.value = 'fixed';
    select.dispatchEvent(new Event('change'));
    root.querySelector<HTMLButtonElement>('button[data-sort="weekly_hours"]')!.click();
  },
  parameters: {
    expect: {
      texts: ['Tableau trié par Heures par semaine, ordre décroissant.', 'France services du périmètre : 15 sur 20 affichées'],
      selectors: ['th[aria-sort="descending"] button[data-sort="weekly_hours"]'],
    },
  },
};

/** The appointments by reason (« Regrouper par : motif »), sorted by bookings. */
export const AppointmentsByReason: Story = {
  loaders: [withToken(OBSERVATORY)],
  play: async ({ canvasElement }) => {
    const root = await waitFor(
      () => {
        const found = canvasElement.querySelector<FsNetworkObservatory>('fs-network-observatory')?.shadowRoot;
        if (!found?.querySelector('table[data-table="appointments"]')) throw new Error('no appointments yet');
        return found;
      },
      { timeout: 10_000 },
    );
    const select = root.querySelector<HTMLSelectElement>('#appointments-group')!;
    select.value = 'reason';
    select.dispatchEvent(new Event('change'));
    await waitFor(
      () => {
        if (!root.querySelector('table[data-table="appointments"] tr[data-key="other"]')) throw new Error('not by reason yet');
      },
      { timeout: 10_000 },
    );
    root.querySelector<HTMLButtonElement>('table[data-table="appointments"] button[data-sort="bookings"]')!.click();
  },
  parameters: {
    expect: {
      texts: ['Rendez-vous par motif', 'Autre demande', 'Tableau trié par Rendez-vous, ordre décroissant.'],
      selectors: ['table[data-table="appointments"] th[aria-sort="descending"] button[data-sort="bookings"]'],
    },
  },
};

/** The server answers 503: said plainly, with « Réessayer ». */
export const ServerError: Story = {
  args: { api: API_UNAVAILABLE },
  loaders: [withToken(OBSERVATORY)],
  parameters: {
    expect: { texts: ['Les chiffres ne peuvent pas être affichés pour le moment', 'Réessayer'], selectors: ['[data-state="error"]'] },
  },
};

/** No network: nothing of the scope is kept on the device, so the next step is the connection. */
export const Offline: Story = {
  args: { api: API_OFFLINE },
  loaders: [withToken(OBSERVATORY)],
  parameters: {
    expect: { texts: ['Vous êtes hors ligne', 'ne sont pas gardés sur l’appareil', 'Réessayer'], selectors: ['[data-state="offline"]'] },
  },
};

/** A token the server does not know (401): another one is asked for. */
export const Unauthorized: Story = {
  loaders: [withToken(OBSERVATORY, REFUSED_TOKENS.unauthorized)],
  parameters: {
    expect: {
      texts: ['Jeton refusé', 'Demandez-en un nouveau à l’administrateur du réseau', 'Changer de jeton'],
      selectors: ['[data-state="unauthorized"]'],
    },
  },
};

/** A scope the token may not see (403): a département's token asking for another département. */
export const Forbidden: Story = {
  loaders: [withToken(OBSERVATORY, REFUSED_TOKENS.forbidden)],
  parameters: {
    expect: {
      texts: ['Périmètre non autorisé', 'un jeton de département ne voit que son département'],
      selectors: ['[data-state="forbidden"]'],
    },
  },
};

/** In English. */
export const English: Story = {
  args: { lang: 'en' },
  loaders: [withToken(OBSERVATORY)],
  parameters: {
    expect: {
      texts: [
        'France services network observatory — Lozère (48)',
        'Key figures',
        'not enough answers yet',
        'Appointments by site',
        'not published: too few appointments',
        'Download this table:',
      ],
      selectors: ['table[data-table="sites"]'],
    },
  },
};
