import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import { checkSymbol, formatCaseCode } from '@fs-widgets/contract/case-code';
import '@fs-widgets/appointments/booking.js';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';

/** The fake API of `.storybook/fake-api.ts` (the tests use the real server). */
const API = 'https://storybook.invalid/api/v1';
const API_PENDING = 'https://storybook.invalid/pending/api/v1';
const API_UNAVAILABLE = 'https://storybook.invalid/unavailable/api/v1';
const API_OFFLINE = 'https://storybook.invalid/offline/api/v1';

/** A well-formed booking code (right check symbol) that no appointment has: 404, as the server says. */
const UNKNOWN_CODE = formatCaseCode(`0123456789${checkSymbol('0123456789')}`);
/** The same code with another check symbol: refused in the browser, before any request. */
const MISTYPED_CODE = formatCaseCode(`0123456789${checkSymbol('0123456789') === '0' ? '1' : '0'}`);

interface BookingArgs {
  'site-id'?: string;
  code?: string;
  'heading-level'?: number;
  api?: string;
  lang?: 'fr' | 'en';
  /** Called with each `fs-booking-confirm` event (shown in the Actions panel). */
  onConfirm?: (event: CustomEvent<{ code: string; site_id: string; start: string }>) => void;
}

const meta = {
  title: 'Rendez-vous/Booking',
  id: 'appointments-booking',
  component: 'fs-booking',
  tags: ['autodocs'],
  render: (args) => html`<fs-booking
    site-id=${ifDefined(args['site-id'])}
    code=${ifDefined(args.code)}
    heading-level=${ifDefined(args['heading-level'])}
    api=${ifDefined(args.api)}
    lang=${ifDefined(args.lang)}
    @fs-booking-confirm=${(e: CustomEvent<{ code: string; site_id: string; start: string }>) => args.onConfirm?.(e)}
  ></fs-booking>`,
  args: {
    api: API,
    'heading-level': 2,
    lang: 'fr',
    onConfirm: fn(),
  },
  argTypes: {
    lang: {
      control: 'inline-radio',
      options: ['fr', 'en'],
      description: 'Language of the texts (the global `lang` attribute; the nearest one up the page applies). French by default.',
      table: { category: 'attributes', type: { summary: "'fr' | 'en'" }, defaultValue: { summary: 'the page’s lang, else fr' } },
    },
    'heading-level': { control: { type: 'number', min: 2, max: 6, step: 1 } },
    onConfirm: { table: { disable: true } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Booking needs a site whose agents switched online appointments on, its free slots and a real booking: the fake API ' +
          'of this catalogue (`https://storybook.invalid`) has no recording of those, so the stories show the states that need ' +
          'none (loading, error, offline, a code mistyped or unknown). The reasons, slots, form and confirmation are tested ' +
          'against the real server (`packages/appointments/src/booking/booking.test.ts`).',
      },
    },
    catalogue: {
      required: ['no-site', 'loading', 'server-error', 'offline', 'mistyped', 'unknown', 'english'],
      docsRows: ['site-id', 'code', 'heading-level', 'fs-booking-confirm', 'slot', '--fs-booking-accent'],
    },
  },
} satisfies Meta<BookingArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<BookingArgs> & ExpectedStory;

/** No `site-id`: it says what is missing, and still lets a person open an appointment with its code. */
export const NoSite: Story = {
  parameters: {
    expect: {
      texts: [
        'Prendre rendez-vous',
        'Indiquez la France services (attribut site-id) pour prendre rendez-vous.',
        'J’ai déjà un rendez-vous',
      ],
    },
  },
};

/** While what can be booked is loading (the fake API's `/pending/` prefix never answers). */
export const Loading: Story = {
  args: { 'site-id': '2983', api: API_PENDING },
  parameters: { expect: { texts: ['Chargement…'], selectors: ['[aria-busy="true"]'], timeout: 8000 } },
};

/** The server answers 503: said in words, with « Réessayer ». */
export const ServerError: Story = {
  args: { 'site-id': '2983', api: API_UNAVAILABLE },
  parameters: {
    expect: {
      texts: ['Le service ne répond pas. Réessayez dans quelques minutes.', 'Réessayer'],
      selectors: ['[part="message"][data-state="error"]'],
    },
  },
};

/** No network: booking needs the connection, and it says so. */
export const Offline: Story = {
  args: { 'site-id': '2983', api: API_OFFLINE },
  parameters: {
    expect: {
      texts: ['Pas de connexion : la prise de rendez-vous a besoin d’Internet.', 'Réessayer'],
      selectors: ['[part="message"][data-state="offline"]'],
    },
  },
};

/** A booking code whose check symbol does not match (a typing mistake): refused before any request. */
export const Mistyped: Story = {
  args: { code: MISTYPED_CODE },
  parameters: {
    expect: {
      texts: ['Mon rendez-vous', 'Ce code contient une erreur de saisie : vérifiez chaque caractère.'],
      selectors: ['input#code[aria-invalid="true"]', '#code-error[role="alert"]'],
      noSelectors: ['[part="confirmation"]', '[aria-busy="true"]'],
    },
  },
};

/** A well-formed code that no appointment has: the server's 404, said in words. */
export const Unknown: Story = {
  args: { code: UNKNOWN_CODE },
  parameters: {
    expect: {
      texts: ['Aucun rendez-vous ne correspond à ce code.'],
      selectors: ['[part="message"][data-state="unknown"]'],
      noSelectors: ['[part="confirmation"]'],
    },
  },
};

/** `lang="en"`: a mistyped code, in English. */
export const English: Story = {
  args: { code: MISTYPED_CODE, lang: 'en' },
  parameters: {
    expect: {
      texts: ['My appointment', 'Appointment code', 'This code has a typing mistake: check each character.'],
      absent: ['Mon rendez-vous'],
    },
  },
};
