import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn, waitFor } from 'storybook/test';
import type { FsSiteAdmin, FsSiteChangeDetail, SiteAdminSection } from '@fs-widgets/demarches/site-admin.js';
import '@fs-widgets/demarches/site-admin.js';
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
} from './support/agent-tools.js';

/** Mende: administered by its manager, with the illustrative changes of `scripts/docs/story-fixtures.ts`. */
const SITE = '2983';
/** MSA itinérante de Lozère: signed in as one of its agents. */
const AGENT_SITE = '3255';

interface AdminArgs {
  'site-id'?: string;
  'heading-level'?: number;
  api?: string;
  lang?: 'fr' | 'en';
  /** Called with each `fs-site-change` event (shown in the Actions panel). */
  onSiteChange?: (event: CustomEvent<FsSiteChangeDetail>) => void;
}

/** Opens a section once the administration is shown (as a click on its button would). */
const openSection =
  (section: SiteAdminSection) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = await waitFor(
      () => {
        const found = canvasElement.querySelector<FsSiteAdmin>('fs-site-admin');
        if (!found?.shadowRoot?.querySelector(`#nav-${section}`)) throw new Error(`<fs-site-admin> shows no « ${section} » yet`);
        return found;
      },
      { timeout: 10_000 },
    );
    el.show(section);
  };

const meta = {
  title: 'Démarches/Site admin',
  // An ASCII id (the title's "é" would be kept in the URL): demarches-site-admin--manager.
  id: 'demarches-site-admin',
  component: 'fs-site-admin',
  tags: ['autodocs'],
  render: (args) => html`<fs-site-admin
    site-id=${ifDefined(args['site-id'])}
    heading-level=${ifDefined(args['heading-level'])}
    api=${ifDefined(args.api)}
    lang=${ifDefined(args.lang)}
    @fs-site-change=${(e: CustomEvent<FsSiteChangeDetail>) => args.onSiteChange?.(e)}
  ></fs-site-admin>`,
  args: {
    'site-id': SITE,
    api: API,
    'heading-level': 2,
    lang: 'fr',
    onSiteChange: fn(),
  },
  argTypes: {
    ...commonArgTypes,
    'heading-level': { control: { type: 'number', min: 2, max: 5, step: 1 } },
    onSiteChange: { table: { disable: true } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'A France services’ own administration, on its intranet. The answers are the real server’s, replayed by a fake API ' +
          'that exists only in this catalogue (`https://storybook.invalid`, see `.storybook/fake-api.ts`): France services de ' +
          'Mende (2983) as the ANCT list publishes it, what a manager’s token may do there, and its access list and history ' +
          'after the fixtures script made ILLUSTRATIVE changes through the real routes (two agents’ access, one revoked; a ' +
          'closure on 24 December; Tuesday’s hours; the offers; a verification). The token stored on the device is a fake ' +
          'one set by each story’s loader. Saving is not faked: the forms say the server refused it.',
      },
    },
    catalogue: {
      required: [
        'not-configured',
        'no-token',
        'loading',
        'manager',
        'agent',
        'hours',
        'offers',
        'access',
        'history',
        'server-error',
        'offline',
        'unauthorized',
        'forbidden',
        'english',
      ],
      screenshot: 'manager',
      docsRows: ['site-id', 'heading-level', 'api', 'lang', 'fs-site-change', 'nav', 'section', '--fs-demarches-accent'],
    },
  },
} satisfies Meta<AdminArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<AdminArgs> & ExpectedStory;

/** No `site-id`: says how to configure it. */
export const NotConfigured: Story = notConfigured({
  texts: ['Administration non configurée', 'site-id'],
  noSelectors: ['input', 'button'],
});

/** No token on this device for the site: the agents' shared sign-in. */
export const NoToken: Story = noToken('798', {
  texts: ['Jeton d’accès', 'jeton d’agent ou de responsable', 'Il commence par fsw_.', 'Enregistrer'],
  selectors: ['input#token[type="password"]'],
  noSelectors: ['nav'],
});

/** The role and the site arriving (a request that never answers). */
export const Loading: Story = withApi('1', API_PENDING, {
  texts: ['Administration de votre France services', 'Chargement des informations de la France services…'],
  selectors: ['[data-state="loading"] [aria-busy="true"]'],
  timeout: 8000,
});

/** Mende's manager: every section, « Informations vérifiées » first. */
export const Manager: Story = {
  loaders: [withToken(SITE)],
  parameters: {
    expect: {
      texts: [
        'Administration : France services de Mende',
        'Connecté : Responsable (exemple) (responsable)',
        'Informations vérifiées',
        'Horaires de la semaine',
        'Fermetures et horaires exceptionnels',
        'Tournées et permanences',
        'Services proposés',
        'Accès des agents',
        'Historique',
        'Je confirme que les informations sont à jour',
        'Changer de jeton',
      ],
      selectors: ['[data-state="ready"][data-role="manager"]', 'nav[part="nav"] button[aria-current="true"]#nav-verify'],
    },
  },
};

/** An agent of the MSA itinérante de Lozère: no access, no history. */
export const Agent: Story = {
  args: { 'site-id': AGENT_SITE },
  loaders: [withToken(AGENT_SITE)],
  parameters: {
    expect: {
      texts: ['Administration : France services MSA itinérante de Lozère', '(agent)', 'Services proposés'],
      selectors: ['[data-state="ready"][data-role="agent"]'],
      absent: ['Accès des agents', 'Historique'],
    },
  },
};

/** « Horaires de la semaine »: Mende's week from the ANCT list, a day per group, « Fermé ce jour-là » on Saturday. */
export const Hours: Story = {
  loaders: [withToken(SITE)],
  play: openSection('hours'),
  parameters: {
    expect: {
      texts: [
        'Ces horaires viennent de la liste de l’ANCT',
        'Lundi',
        'Samedi',
        'Fermé ce jour-là',
        'Ouverture',
        'Fermeture',
        'Ajouter une plage horaire',
      ],
      selectors: ['fieldset#day-mo input#mo-0-opens[type="time"]', 'input#sa-closed:checked', 'input#su-closed:checked'],
    },
  },
};

/** « Services proposés »: the typed offers as boxes. */
export const Offers: Story = {
  loaders: [withToken(SITE)],
  play: openSection('offers'),
  parameters: {
    expect: {
      texts: ['Point justice', 'Cabine de téléconsultation', 'Wi-Fi gratuit', 'Enregistrer les services proposés'],
      selectors: ['input[name="offer"][value="point-justice"]'],
    },
  },
};

/** « Accès des agents »: the manager's list (one revoked) and the form to create an agent's access. */
export const Access: Story = {
  loaders: [withToken(SITE)],
  play: openSection('access'),
  parameters: {
    expect: {
      texts: ['Accueil (exemple)', 'Bus (exemple)', 'révoqué', 'Dernier jour : 30 juin 2027', 'Créer l’accès d’un agent', 'Révoquer'],
      selectors: ['.access-list [data-state="revoked"]', 'input#access-label', 'input#access-expires[type="date"]'],
    },
  },
};

/** « Historique »: each change in plain French, newest first. */
export const History: Story = {
  loaders: [withToken(SITE)],
  play: openSection('history'),
  parameters: {
    expect: {
      texts: [
        'Responsable (exemple) a confirmé que les informations sont à jour',
        'a ajouté aux services proposés : Point justice et Wi-Fi gratuit',
        'a modifié les horaires du mardi : 8 h 30 – 12 h et 13 h 30 – 17 h → 8 h 30 – 12 h 30 et 13 h 30 – 17 h',
        'a fermé le site le 24 décembre (congés)',
        'a révoqué l’accès « Bus (exemple) »',
        'a créé l’accès agent « Accueil (exemple) », valable jusqu’au 30 juin 2027',
      ],
      selectors: ['ul.history li time[datetime]'],
    },
  },
};

/** The server answers 503: says so, with « Réessayer ». */
export const ServerError: Story = withApi('1', API_UNAVAILABLE, {
  texts: ['Informations indisponibles pour le moment', 'Le service ne répond pas', 'Réessayer'],
  selectors: ['[data-state="error"]'],
});

/** No network. */
export const Offline: Story = withApi('1', API_OFFLINE, {
  texts: ['Vous êtes hors ligne', 'Vérifiez votre connexion à Internet', 'Réessayer'],
  selectors: ['[data-state="offline"]'],
});

/** The server refuses the stored token (unknown, expired or revoked: 401). */
export const Unauthorized: Story = refusedToken('unauthorized', '561', {
  texts: ['Jeton refusé', 'il est invalide, a expiré ou a été révoqué', 'Changer de jeton'],
  selectors: ['[data-state="unauthorized"] [role="alert"]'],
  noSelectors: ['nav'],
});

/** The stored token is another site's (403). */
export const Forbidden: Story = refusedToken('forbidden', '3', {
  texts: ['Jeton d’une autre France services', 'la France services n° 3', 'Changer de jeton'],
  selectors: ['[data-state="forbidden"] [role="alert"]'],
});

/** `lang="en"`: every text in English. */
export const English: Story = {
  args: { lang: 'en' },
  loaders: [withToken(SITE)],
  play: openSection('history'),
  parameters: {
    expect: {
      texts: ['Administration: France services de Mende', 'Weekly hours', 'Agents’ access', 'closed the site on 24 December (congés)'],
      absent: ['Horaires de la semaine', 'Historique'],
    },
  },
};
