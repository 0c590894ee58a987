import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import { checkSymbol, formatCaseCode, normalizeCaseCode } from '@fs-widgets/demarches';
import '@fs-widgets/demarches/demarche-tracker.js';
import api from './fixtures/api.json';

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
  /** Called with each `fs-case-shown` event (shown in the Actions panel). */
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
    @fs-case-shown=${(e: CustomEvent<{ code: string; status: string }>) => args.onCaseShown?.(e)}
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
  },
} satisfies Meta<TrackerArgs>;

export default meta;
type Story = StoryObj<TrackerArgs>;

/** No `code` (and no `?fs-code=` in the page's address): the form, waiting for the code printed on the receipt. */
export const Empty: Story = {};

/**
 * `code` of a recorded case: the démarche, its status "En attente de pièces", the timeline
 * (received, then awaiting documents), the documents to bring and the site's contact details.
 */
export const Case: Story = {
  args: { code: RECORDED_CODE },
};

/** A code whose check symbol does not match (a typing mistake): refused in the browser, before any request. */
export const Mistyped: Story = {
  args: { code: MISTYPED_CODE },
};

/** A well-formed code that no case has: the server's 404, said in words. */
export const Unknown: Story = {
  args: { code: UNKNOWN_CODE },
};

/** While the case is looked up (the fake API's `/pending/` prefix never answers). */
export const Loading: Story = {
  args: { code: RECORDED_CODE, api: API_PENDING },
};

/** No network (the `/offline/` prefix fails like a lost connection) and no copy saved on the device. */
export const Offline: Story = {
  args: { code: UNKNOWN_CODE, api: API_OFFLINE },
};

/** `lang="en"`: the recorded case, every text in English. */
export const English: Story = {
  args: { code: RECORDED_CODE, lang: 'en' },
};
