import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import type { AppointmentCreated, SlotList } from '@fs-widgets/contract';
import { checkSymbol, formatCaseCode } from '@fs-widgets/contract/case-code';
import { formatClockTime, formatDayAndDate } from '@fs-widgets/core';
import type { FsBooking } from '@fs-widgets/appointments/booking.js';
import '@fs-widgets/appointments/booking.js';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';
import {
  API,
  API_OFFLINE,
  API_PENDING,
  API_UNAVAILABLE,
  buttonIn,
  commonArgTypes,
  recorded,
  recordedKeys,
  shownIn,
  typeInto,
} from './support/agent-tools.js';

/** Mende: takes online bookings in the recordings (its agents switched them on, `scripts/docs/story-fixtures.ts`). */
const SITE = '2983';
const TAG = 'fs-booking';
const CARTE_VITALE = 'demarche:carte-vitale';

/** Mende's free slots for the carte Vitale, as the real server gave them at the recordings' frozen clock. */
const SLOTS = recorded<SlotList>(`sites/${SITE}/slots?days=7&reason=${CARTE_VITALE}`);
const slotAt = (day: number, n: number) => SLOTS.days[day]!.slots[n]!;

/** The recorded bookings (random codes at each recording): by their slot's start. */
const bookedAt = (start: string) =>
  recorded<AppointmentCreated>(recordedKeys(`POST sites/${SITE}/appointments `).find((key) => key.includes(`"start":"${start}"`))!);
/** Booked on the first free slot, then moved to the third day's first one. */
const MOVED = bookedAt(slotAt(0, 0).start);
/** Booked on the second day's second slot, then cancelled. */
const CANCELLED = bookedAt(slotAt(1, 1).start);

/** A well-formed booking code (right check symbol) that no appointment has: 404, as the server says. */
const UNKNOWN_CODE = formatCaseCode(`0123456789${checkSymbol('0123456789')}`);
/** The same code with another check symbol: refused in the browser, before any request. */
const MISTYPED_CODE = formatCaseCode(`0123456789${checkSymbol('0123456789') === '0' ? '1' : '0'}`);

/** Chooses `reason` and goes on to the free slots, as a person would. */
async function chooseReason(canvas: HTMLElement, reason: string): Promise<void> {
  const { el } = await shownIn<FsBooking>(canvas, TAG, 'input[name="reason"]');
  [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="reason"]')].find((r) => r.value === reason)!.click();
  await el.updateComplete;
  (await buttonIn(canvas, TAG, 'Continuer')).click();
}

/** Chooses the carte Vitale, then the free slot starting at `start`. */
async function chooseSlot(canvas: HTMLElement, start: string): Promise<FsBooking> {
  await chooseReason(canvas, CARTE_VITALE);
  const { el, found } = await shownIn<FsBooking>(canvas, TAG, `button[data-start="${start}"]`);
  found.click();
  await shownIn(canvas, TAG, 'form[part="form"]');
  return el;
}

const when = (date: string, time: string) => {
  const day = formatDayAndDate(date, 'fr', { inSentence: true });
  return `${day} à ${formatClockTime(time, 'fr')}`;
};

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
    ...commonArgTypes,
    onConfirm: { table: { disable: true } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Every answer is the real server’s, recorded by `scripts/docs/story-fixtures.ts` and replayed by a fake API that ' +
          'exists only in this catalogue (`https://storybook.invalid`, see `.storybook/fake-api.ts`): France services de Mende ' +
          '(2983) after its agents switched online booking on (two démarches of the catalogue, the Mission locale’s permanence, ' +
          '« autre »), its free slots on Monday 30 November 2026 (the recordings’ frozen clock: from Tuesday 1 December, after the ' +
          '24-hour notice), and ILLUSTRATIVE bookings made through the real routes: the confirmation, a code moved and one ' +
          'cancelled. Valserhône (1) takes no online booking; MSA itinérante de Lozère (3255) has no slot left within its horizon. ' +
          'The stories that book, move or cancel go through the steps with their `play` function.',
      },
    },
    catalogue: {
      required: [
        'no-site',
        'loading',
        'server-error',
        'offline',
        'no-online-booking',
        'no-free-slot',
        'choose-reason',
        'choose-slot',
        'form',
        'confirmation',
        'look-up',
        'move',
        'cancel',
        'mistyped',
        'unknown',
        'english',
      ],
      screenshot: 'choose-slot',
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
  args: { 'site-id': SITE, api: API_PENDING },
  parameters: { expect: { texts: ['Chargement…'], selectors: ['[aria-busy="true"]'], timeout: 8000 } },
};

/** The server answers 503: said in words, with « Réessayer ». */
export const ServerError: Story = {
  args: { 'site-id': SITE, api: API_UNAVAILABLE },
  parameters: {
    expect: {
      texts: ['Le service ne répond pas. Réessayez dans quelques minutes.', 'Réessayer'],
      selectors: ['[part="message"][data-state="error"]'],
    },
  },
};

/** No network: booking needs the connection, and it says so. */
export const Offline: Story = {
  args: { 'site-id': SITE, api: API_OFFLINE },
  parameters: {
    expect: {
      texts: ['Pas de connexion : la prise de rendez-vous a besoin d’Internet.', 'Réessayer'],
      selectors: ['[part="message"][data-state="offline"]'],
    },
  },
};

/** Valserhône takes no online booking: it says so, with the site's phone to call. */
export const NoOnlineBooking: Story = {
  args: { 'site-id': '1' },
  parameters: {
    expect: {
      texts: [
        'Prendre rendez-vous à France services de Valserhône',
        'Ce lieu ne prend pas de rendez-vous en ligne.',
        'Appelez le 04 50 56 87 49',
      ],
      selectors: ['[part="message"][data-state="disabled"]', 'a[href^="tel:"]'],
      noSelectors: ['[part="reasons"]'],
    },
  },
};

/** MSA itinérante de Lozère books up to tomorrow with two days' notice: no free slot, and what to do instead. */
export const NoFreeSlot: Story = {
  args: { 'site-id': '3255' },
  play: async ({ canvasElement }) => chooseReason(canvasElement, 'other'),
  parameters: {
    expect: {
      texts: [
        'Étape 2 sur 3 : le jour et l’heure',
        'Aucun horaire libre pour le moment.',
        'La France services peut vous proposer un autre moment, ou une France services proche.',
        'Appelez le 06 81 85 38 88',
        'Voir les autres France services autour',
      ],
      selectors: ['[part="message"][data-state="no-slots"]'],
      noSelectors: ['[part="slot"]'],
    },
  },
};

/** Step 1: what Mende lets people book, with whom. */
export const ChooseReason: Story = {
  args: { 'site-id': SITE },
  parameters: {
    expect: {
      texts: [
        'Prendre rendez-vous à France services de Mende',
        'Étape 1 sur 3 : pour quoi',
        'Pour quoi voulez-vous un rendez-vous ?',
        'Obtenir ou remplacer sa carte Vitale',
        'avec Assurance maladie (CPAM, ameli)',
        'Déclarer ses revenus (impôt sur le revenu)',
        'Permanence : Mission locale (exemple)',
        'Autre demande',
        'Continuer',
        'J’ai déjà un rendez-vous',
      ],
      selectors: ['[part="reasons"] input[type="radio"][name="reason"]'],
    },
  },
};

/** Step 2: the carte Vitale chosen, Mende's free slots day by day (from Tuesday 1 December, after the notice). */
export const ChooseSlot: Story = {
  args: { 'site-id': SITE },
  play: async ({ canvasElement }) => chooseReason(canvasElement, CARTE_VITALE),
  parameters: {
    expect: {
      texts: [
        'Étape 2 sur 3 : le jour et l’heure',
        'Rendez-vous de 30 minutes. Choisissez un horaire libre.',
        formatDayAndDate(SLOTS.days[0]!.date, 'fr'),
        formatClockTime(slotAt(0, 0).time, 'fr'),
        formatDayAndDate(SLOTS.days[1]!.date, 'fr'),
      ],
      selectors: ['[part="slots"]', `button[part="slot"][data-start="${slotAt(0, 0).start}"]`],
    },
  },
};

/** Step 3: the slot chosen, a first name and how to be reminded, with what is kept and for how long. */
export const Form: Story = {
  args: { 'site-id': SITE },
  play: async ({ canvasElement }) => void (await chooseSlot(canvasElement, slotAt(0, 0).start)),
  parameters: {
    expect: {
      texts: [
        'Étape 3 sur 3 : vos coordonnées',
        'Votre rendez-vous',
        'Prénom',
        'Un rappel la veille ?',
        'Par e-mail',
        'Par SMS',
        'Pas de rappel',
        'effacés 30 jours après le rendez-vous',
        'Confirmer le rendez-vous',
      ],
      selectors: ['form[part="form"]', 'input#first_name', 'input#email'],
    },
  },
};

/** Booked: the server's answer for that slot (the code, when, where, what to bring, `.ics`, « Imprimer »). */
export const Confirmation: Story = {
  args: { 'site-id': SITE },
  play: async ({ canvasElement }) => {
    const el = await chooseSlot(canvasElement, slotAt(0, 0).start);
    typeInto(el, '#first_name', 'Camille');
    typeInto(el, '#email', 'camille@example.org');
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('form[part="form"] button[type="submit"]')!.click();
  },
  parameters: {
    expect: {
      texts: [
        'Votre rendez-vous est réservé',
        'Votre code de rendez-vous',
        MOVED.code,
        'Copier le code',
        'Numéro de sécurité sociale',
        'Imprimer',
      ],
      selectors: ['[part="confirmation"]', '[part="code"]', 'a[download][href$="/event.ics"]'],
    },
  },
};

/** Opened with its code (the link of the confirmation, or « J’ai déjà un rendez-vous »): when, where, cancel or move. */
export const LookUp: Story = {
  args: { code: MOVED.code },
  parameters: {
    expect: {
      texts: ['Mon rendez-vous', MOVED.code, 'Obtenir ou remplacer sa carte Vitale', 'Annuler le rendez-vous', 'Déplacer le rendez-vous'],
      selectors: ['[part="confirmation"]'],
    },
  },
};

/** Moved with its code to the third day's first free slot: the server's answer, said in words. */
export const Move: Story = {
  args: { code: MOVED.code },
  play: async ({ canvasElement }) => {
    (await buttonIn(canvasElement, TAG, 'Déplacer le rendez-vous')).click();
    const { el, found } = await shownIn<FsBooking>(canvasElement, TAG, `button[data-start="${slotAt(2, 0).start}"]`);
    found.click();
    await el.updateComplete;
    (await shownIn(canvasElement, TAG, '#move-confirm')).found.click();
  },
  parameters: {
    expect: {
      texts: [`Votre rendez-vous est déplacé au ${when(SLOTS.days[2]!.date, slotAt(2, 0).time)}.`],
      selectors: ['[part="confirmation"]'],
    },
  },
};

/** Cancelled with its code, after « Oui, annuler »: the seat goes back to the others. */
export const Cancel: Story = {
  args: { code: CANCELLED.code },
  play: async ({ canvasElement }) => {
    (await buttonIn(canvasElement, TAG, 'Annuler le rendez-vous')).click();
    (await buttonIn(canvasElement, TAG, 'Oui, annuler')).click();
  },
  parameters: {
    expect: { texts: ['Votre rendez-vous est annulé.', 'Annulé'], absent: ['Oui, annuler'] },
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
