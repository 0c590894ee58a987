import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import { checkSymbol, formatCaseCode, normalizeCaseCode } from '@fs-widgets/contract/case-code';
import '@fs-widgets/demarches/demarche-tracker.js';
import api from './fixtures/api.json';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';

/** The fake API of `.storybook/fake-api.ts` (catalogue only; the tests use the real server). */
const API = 'https://storybook.invalid/api/v1';
const API_PENDING = 'https://storybook.invalid/pending/api/v1';
const API_OFFLINE = 'https://storybook.invalid/offline/api/v1';

/**
 * The code of the illustrative case recorded by `scripts/docs/story-fixtures.ts` (opened through the
 * real `POST /cases`, then set to "awaiting documents"). It is random: read from the recording.
 */
const RECORDED_CODE = Object.keys(api)
  .find((key) => key.startsWith('cases/'))!
  .slice('cases/'.length);

/** The recorded code with another check symbol: the widget refuses it before any request. */
const MISTYPED_CODE = (() => {
  const payload = normalizeCaseCode(RECORDED_CODE).slice(0, 10);
  const wrong = checkSymbol(payload) === '0' ? '1' : '0';
  return formatCaseCode(payload + wrong);
})();

/** A well-formed code (right check symbol) that no case has: the fake API answers 404, as the server does. */
const UNKNOWN_CODE = formatCaseCode(`0123456789${checkSymbol('0123456789')}`);

interface TrackerArgs {
  code?: string;
  'heading-level'?: number;
  api?: string;
  lang?: 'fr' | 'en';
  /** Called with each `fs-case-show` event (shown in the Actions panel). */
  onCaseShown?: (event: CustomEvent<{ code: string; status: string }>) => void;
}

const meta = {
  title: 'Démarches/Tracker',
  // An ASCII id (the title's "é" would be kept in the URL): demarches-tracker--case.
  id: 'demarches-tracker',
  component: 'fs-demarche-tracker',
  tags: ['autodocs'],
  render: (args) => html`<fs-demarche-tracker
    code=${ifDefined(args.code)}
    heading-level=${ifDefined(args['heading-level'])}
    api=${ifDefined(args.api)}
    lang=${ifDefined(args.lang)}
    @fs-case-show=${(e: CustomEvent<{ code: string; status: string }>) => args.onCaseShown?.(e)}
  ></fs-demarche-tracker>`,
  args: {
    api: API,
    'heading-level': 2,
    lang: 'fr',
    onCaseShown: fn(),
  },
  argTypes: {
    lang: {
      control: 'inline-radio',
      options: ['fr', 'en'],
      description: 'Language of the texts (the global `lang` attribute; the nearest one up the page applies). French by default.',
      table: { category: 'attributes', type: { summary: "'fr' | 'en'" }, defaultValue: { summary: 'the page’s lang, else fr' } },
    },
    'heading-level': { control: { type: 'number', min: 2, max: 6, step: 1 } },
    onCaseShown: { table: { disable: true } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Cases come from a fake API that exists only in this catalogue (`https://storybook.invalid`, see `.storybook/fake-api.ts`): ' +
          `it replays the answer the real server gave for one ILLUSTRATIVE case, \`${RECORDED_CODE}\`, opened and updated by ` +
          '`scripts/docs/story-fixtures.ts` at France services de Mende (2983); any other well-formed code is unknown (404). ' +
          'Type that code in a story to see it again.',
      },
    },
    // For the catalogue check (scripts/test/check-stories.mjs): the states that must keep a story, the
    // story photographed, and rows the docs page table must show. Each story says what it shows.
    catalogue: {
      required: ['empty', 'case', 'mistyped', 'unknown', 'loading', 'offline', 'english'],
      screenshot: 'case',
      docsRows: ['code', 'heading-level', 'api', 'lang', 'fs-case-show', 'timeline', '--fs-demarches-accent'],
    },
  },
} satisfies Meta<TrackerArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<TrackerArgs> & ExpectedStory;

/** No `code` (and no `?fs-code=` in the page's address): the form, waiting for the code printed on the receipt. */
export const Empty: Story = {
  parameters: {
    expect: {
      texts: ['Suivre mon dossier', 'Saisissez le code de suivi inscrit sur votre reçu.', 'Code de suivi', 'Voir mon dossier'],
      selectors: ['input#code[aria-invalid="false"]'],
      noSelectors: ['[part="case"]', '[part="message"]'],
    },
  },
};

/**
 * `code` of a recorded case: the démarche, its status "En attente de pièces", the timeline
 * (received, then awaiting documents), the documents to bring and the site's contact details.
 */
export const Case: Story = {
  args: { code: RECORDED_CODE },
  // The illustrative case of scripts/docs/story-fixtures.ts (its code is random: not checked here).
  parameters: {
    expect: {
      texts: [
        'Demande de carte grise',
        'Intérieur (titres)',
        'Reçue',
        'En attente de pièces',
        'Dossier commencé avec l’agent',
        'Pièces à apporter avant l’envoi à l’ANTS',
        'Justificatif de domicile de moins de 6 mois',
        'Certificat de cession',
        'France services de Mende',
      ],
      selectors: ['[part="case"]', 'ol[part="timeline"] li[part="event"][aria-current="step"]'],
    },
  },
};

/** A code whose check symbol does not match (a typing mistake): refused in the browser, before any request. */
export const Mistyped: Story = {
  args: { code: MISTYPED_CODE },
  parameters: {
    expect: {
      texts: ['Ce code contient une erreur de saisie : vérifiez chaque caractère.'],
      selectors: ['input#code[aria-invalid="true"]', '#code-error[role="alert"]'],
      noSelectors: ['[part="case"]', '[aria-busy="true"]'],
    },
  },
};

/** A well-formed code that no case has: the server's 404, said in words. */
export const Unknown: Story = {
  args: { code: UNKNOWN_CODE },
  parameters: {
    expect: {
      texts: ['Aucun dossier ne correspond à ce code.'],
      selectors: ['[part="message"][data-state="unknown"]'],
      noSelectors: ['[part="case"]'],
    },
  },
};

/** While the case is looked up (the fake API's `/pending/` prefix never answers). */
export const Loading: Story = {
  args: { code: RECORDED_CODE, api: API_PENDING },
  parameters: { expect: { texts: ['Recherche du dossier…'], selectors: ['[aria-busy="true"]'], timeout: 8000 } },
};

/** No network (the `/offline/` prefix fails like a lost connection) and no copy saved on the device. */
export const Offline: Story = {
  args: { code: UNKNOWN_CODE, api: API_OFFLINE },
  parameters: {
    expect: {
      texts: ['Pas de connexion : impossible de consulter votre dossier pour le moment.', 'Réessayer'],
      selectors: ['[part="message"][data-state="offline"]'],
    },
  },
};

/** `lang="en"`: the recorded case, every text in English. */
export const English: Story = {
  args: { code: RECORDED_CODE, lang: 'en' },
  parameters: {
    expect: {
      texts: ['Follow my case', 'Tracking code', 'Waiting for documents', 'Demande de carte grise'],
      selectors: ['[part="case"]'],
      absent: ['Suivre mon dossier', 'En attente de pièces'],
    },
  },
};
