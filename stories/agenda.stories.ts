import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import type { AgendaChangeDetail } from '@fs-widgets/appointments/agenda.js';
import '@fs-widgets/appointments/agenda.js';
import { REFUSED_TOKENS } from '../.storybook/fake-api.js';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';

/** The fake API of `.storybook/fake-api.ts` (the tests use the real server). */
const API = 'https://storybook.invalid/api/v1';
const API_PENDING = 'https://storybook.invalid/pending/api/v1';
const API_UNAVAILABLE = 'https://storybook.invalid/unavailable/api/v1';
const API_OFFLINE = 'https://storybook.invalid/offline/api/v1';

const tokenKey = (site: string) => `fs-widgets:demarches:token:${site}`;
/** A string of the form the server gives tokens, valid nowhere: the fake API does not check it. */
const FAKE_TOKEN = `fsw_000000000000.${'storybook-fake-token-not-valid-anywhere-000'}`;

/** A loader storing `token` for `site` on this device (none when empty). */
const withToken =
  (site: string, token: string = FAKE_TOKEN) =>
  async (): Promise<Record<string, never>> => {
    if (token) localStorage.setItem(tokenKey(site), token);
    else localStorage.removeItem(tokenKey(site));
    return {};
  };

interface AgendaArgs {
  'site-id'?: string;
  view?: 'day' | 'week';
  date?: string;
  'heading-level'?: number;
  api?: string;
  lang?: 'fr' | 'en';
  /** Called with each `fs-agenda-change` event (shown in the Actions panel). */
  onChange?: (event: CustomEvent<AgendaChangeDetail>) => void;
}

const meta = {
  title: 'Rendez-vous/Agenda',
  id: 'appointments-agenda',
  component: 'fs-agenda',
  tags: ['autodocs'],
  render: (args) => html`<fs-agenda
    site-id=${ifDefined(args['site-id'])}
    view=${ifDefined(args.view)}
    date=${ifDefined(args.date)}
    heading-level=${ifDefined(args['heading-level'])}
    api=${ifDefined(args.api)}
    lang=${ifDefined(args.lang)}
    @fs-agenda-change=${(e: CustomEvent<AgendaChangeDetail>) => args.onChange?.(e)}
  ></fs-agenda>`,
  args: {
    'site-id': '2990',
    api: API,
    'heading-level': 2,
    lang: 'fr',
    onChange: fn(),
  },
  argTypes: {
    lang: {
      control: 'inline-radio',
      options: ['fr', 'en'],
      description: 'Language of the texts (the global `lang` attribute; the nearest one up the page applies). French by default.',
      table: { category: 'attributes', type: { summary: "'fr' | 'en'" }, defaultValue: { summary: 'the page’s lang, else fr' } },
    },
    view: { control: 'inline-radio', options: ['day', 'week'] },
    'heading-level': { control: { type: 'number', min: 2, max: 6, step: 1 } },
    onChange: { table: { disable: true } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The agenda shows people’s first names, phones and e-mails: the fake API of this catalogue (`https://storybook.invalid`) ' +
          'records none, so the stories show the states that need no agenda (signed out, loading, error, offline, a refused ' +
          'token). The day and week views, booking for someone, arrived / done / no-show, blocks, settings and the offline outbox ' +
          'are tested against the real server (`packages/appointments/src/agenda/agenda.test.ts`).',
      },
    },
    catalogue: {
      required: ['not-configured', 'signed-out', 'loading', 'server-error', 'offline', 'unauthorized', 'forbidden', 'english'],
      docsRows: [
        'site-id',
        'view',
        'date',
        'refresh-seconds',
        'heading-level',
        'fs-agenda-change',
        'appointment',
        'pending',
        '--fs-agenda-accent',
      ],
    },
  },
} satisfies Meta<AgendaArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<AgendaArgs> & ExpectedStory;

/** No `site-id`: it says what is missing. */
export const NotConfigured: Story = {
  args: { 'site-id': undefined },
  parameters: {
    expect: { texts: ['Agenda des rendez-vous', 'Indiquez la France services (attribut site-id)'], noSelectors: ['input', 'button'] },
  },
};

/** No token on this device for the site: the agents' shared sign-in. */
export const SignedOut: Story = {
  loaders: [withToken('2990', '')],
  parameters: {
    expect: {
      texts: ['Agenda des rendez-vous', 'Collez le jeton d’accès des agents de ce lieu', 'Il commence par fsw_.'],
      selectors: ['input#token[type="password"]', '[data-state="signed-out"]'],
    },
  },
};

/** The agenda arriving (the fake API's `/pending/` prefix never answers). */
export const Loading: Story = {
  args: { api: API_PENDING },
  loaders: [withToken('2990')],
  parameters: { expect: { texts: ['Chargement de l’agenda…'], selectors: ['[part="message"][data-state="loading"]'], timeout: 8000 } },
};

/** The server answers 503: said in words, with « Réessayer ». */
export const ServerError: Story = {
  args: { api: API_UNAVAILABLE },
  loaders: [withToken('2990')],
  parameters: {
    expect: { texts: ['L’agenda ne s’affiche pas pour le moment', 'Réessayer'], selectors: ['[part="message"][data-state="error"]'] },
  },
};

/** No network, nothing read yet: the agenda is never kept on the device (personal data), the changes are. */
export const Offline: Story = {
  args: { api: API_OFFLINE },
  loaders: [withToken('2990')],
  parameters: {
    expect: {
      texts: ['Hors ligne', 'Vos changements sont gardés sur cet appareil.'],
      selectors: ['[part="message"][data-state="offline"]'],
    },
  },
};

/** The server refuses the stored token (401). */
export const Unauthorized: Story = {
  args: { 'site-id': '561' },
  loaders: [withToken('561', REFUSED_TOKENS.unauthorized)],
  parameters: {
    expect: { texts: ['Ce jeton n’est plus accepté', 'Changer de jeton'], selectors: ['[data-state="refused-token"] [role="alert"]'] },
  },
};

/** The stored token is another site's (403). */
export const Forbidden: Story = {
  args: { 'site-id': '3' },
  loaders: [withToken('3', REFUSED_TOKENS.forbidden)],
  parameters: {
    expect: {
      texts: ['Ce jeton ne permet pas de tenir l’agenda de ce lieu', 'Changer de jeton'],
      selectors: ['[data-state="refused-token"] [role="alert"]'],
    },
  },
};

/** `lang="en"`: the sign-in in English. */
export const English: Story = {
  args: { lang: 'en' },
  loaders: [withToken('2990', '')],
  parameters: {
    expect: { texts: ['Appointments agenda', 'Paste the access token of this site’s agents'], absent: ['Agenda des rendez-vous'] },
  },
};
