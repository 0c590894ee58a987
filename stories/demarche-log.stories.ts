import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import type { FsActLoggedDetail } from '@fs-widgets/demarches/demarche-log.js';
import '@fs-widgets/demarches/demarche-log.js';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';
import { API, commonArgTypes, emptyOutbox, withToken } from './support/agent-tools.js';

const SITE = '2983';

interface LogArgs {
  'site-id'?: string;
  'tracker-url'?: string;
  'heading-level'?: number;
  api?: string;
  lang?: 'fr' | 'en';
  /** Called with each `fs-act-log` event (shown in the Actions panel). */
  onActLogged?: (event: CustomEvent<FsActLoggedDetail>) => void;
}

const meta = {
  title: 'Démarches/Agent log',
  // An ASCII id (the title's "é" would be kept in the URL): demarches-agent-log--ready.
  id: 'demarches-agent-log',
  component: 'fs-demarche-log',
  tags: ['autodocs'],
  render: (args) => html`<fs-demarche-log
    site-id=${ifDefined(args['site-id'])}
    tracker-url=${ifDefined(args['tracker-url'])}
    heading-level=${ifDefined(args['heading-level'])}
    api=${ifDefined(args.api)}
    lang=${ifDefined(args.lang)}
    @fs-act-log=${(e: CustomEvent<FsActLoggedDetail>) => args.onActLogged?.(e)}
  ></fs-demarche-log>`,
  args: {
    'site-id': SITE,
    api: API,
    'heading-level': 2,
    lang: 'fr',
    onActLogged: fn(),
  },
  argTypes: {
    ...commonArgTypes,
    onActLogged: { table: { disable: true } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Entries go to a fake API that exists only in this catalogue (`https://storybook.invalid`, see `.storybook/fake-api.ts`): ' +
          'it acknowledges each `POST /acts` as the real server does (201 with a receipt) and keeps nothing; today’s figures are ' +
          'the real server’s answer for France services de Mende (2983) on a day with no logged request. The token stored on the ' +
          'device (`localStorage`, `fs-widgets:demarches:token:2983`) is a fake one, set by the story’s loader; the fake API does ' +
          'not check it. Opening or updating a case is not faked (the widget says it failed).',
      },
    },
    // For the catalogue check (scripts/test/check-stories.mjs): the states that must keep a story, the
    // story photographed, and rows the docs page table must show. Each story says what it shows.
    catalogue: {
      required: ['no-token', 'ready', 'english'],
      screenshot: 'ready',
      docsRows: [
        'site-id',
        'tracker-url',
        'heading-level',
        'api',
        'lang',
        'fs-act-log',
        'fs-case-create',
        'stats',
        '--fs-demarches-accent',
      ],
    },
  },
} satisfies Meta<LogArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<LogArgs> & ExpectedStory;

/** No token on this device (the loader removes it; each story has its own loader, as loaders run in parallel): the agent pastes the one the coordinator gave. */
export const NoToken: Story = {
  loaders: [withToken(SITE, ''), emptyOutbox],
  parameters: {
    expect: {
      texts: ['Jeton d’accès de l’agent', 'Collez le jeton', 'Jeton d’accès', 'Il commence par fsw_.', 'Enregistrer'],
      selectors: ['input#token[type="password"]'],
      noSelectors: ['form.log-form'],
    },
  },
};

/** A token stored for the site: today's figures, then partner, outcome and channel, in a few taps. */
export const Ready: Story = {
  loaders: [withToken(SITE), emptyOutbox],
  // Today's figures: the real server's answer for a day without logged acts (scripts/docs/story-fixtures.ts).
  parameters: {
    expect: {
      texts: [
        'Enregistrer une demande',
        'Aujourd’hui',
        '0 demande enregistrée',
        'Pas encore de demande aujourd’hui',
        'Partenaire',
        'France Travail',
        'CAF',
        'Intérieur (titres)',
        'Résultat',
        'Résolu dès la première visite',
        'Canal',
        'Accueil',
        'Mettre à jour un dossier',
        'Changer de jeton',
      ],
      selectors: ['form.log-form', 'input[name="partner"]', '[part="stats"][data-state="ready"]', 'button[part="save"]'],
      noSelectors: ['input#token'],
    },
  },
};

/** `lang="en"`: every text in English. */
export const English: Story = {
  loaders: [withToken(SITE), emptyOutbox],
  args: { lang: 'en' },
  parameters: {
    expect: {
      texts: ['Log a request', 'Today', '0 request logged', 'No request yet today', 'Partner', 'Outcome', 'Change token'],
      selectors: ['[part="stats"][data-state="ready"]'],
      absent: ['Enregistrer une demande'],
    },
  },
};
