import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn } from 'storybook/test';
import type { AppointmentCreate, SlotList } from '@fs-widgets/contract';
import { agentAuthRef, ApiClient, outboxFor } from '@fs-widgets/core';
import type { AgendaChangeDetail } from '@fs-widgets/appointments/agenda.js';
import '@fs-widgets/appointments/agenda.js';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';
import {
  API,
  API_OFFLINE,
  API_PENDING,
  API_UNAVAILABLE,
  buttonIn,
  commonArgTypes,
  emptyOutbox,
  noToken,
  notConfigured,
  recorded,
  refusedToken,
  withApi,
  withToken,
} from './support/agent-tools.js';

/** Mende: its agenda as recorded after illustrative bookings (`scripts/docs/story-fixtures.ts`). */
const SITE = '2983';
/** The day shown: Tuesday 1 December 2026, the first day with free slots at the recordings' frozen clock. */
const TUESDAY = '2026-12-01';
/** The agents' clock in the day's stories: that Tuesday, 9:00 in Paris (the day's appointments can be marked). */
const TUESDAY_MORNING = new Date('2026-12-01T08:00:00Z');

/**
 * A loader putting a booking for someone on the phone in the outbox of the offline API (the
 * agenda's write, as it queues it without a connection: on a free slot that was recorded).
 */
async function bookingWaiting(): Promise<Record<string, never>> {
  await emptyOutbox();
  const slot = recorded<SlotList>(`sites/${SITE}/slots?days=7&reason=demarche:carte-vitale`).days[0]!.slots.at(-1)!;
  const key = 'story-fixture-offline-booking-0001';
  const body: AppointmentCreate = { key, reason: 'other', start: slot.start, first_name: 'Yvette', reminder: 'none' };
  // 'agenda': the agenda's kind of outbox entries (AGENDA_OUTBOX_KIND).
  await outboxFor(new ApiClient(API_OFFLINE)).enqueue('agenda', `sites/${SITE}/agenda/appointments`, key, body, {
    auth: agentAuthRef(SITE),
  });
  return {};
}

interface AgendaArgs {
  'site-id'?: string;
  view?: 'day' | 'week' | 'report';
  date?: string;
  'heading-level'?: number;
  api?: string;
  lang?: 'fr' | 'en';
  /** The agents' clock (today at the site); the device's when unset. */
  now?: Date;
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
    .now=${args.now}
    @fs-agenda-change=${(e: CustomEvent<AgendaChangeDetail>) => args.onChange?.(e)}
  ></fs-agenda>`,
  args: {
    'site-id': SITE,
    api: API,
    'heading-level': 2,
    lang: 'fr',
    onChange: fn(),
  },
  argTypes: {
    ...commonArgTypes,
    view: { control: 'inline-radio', options: ['day', 'week', 'report'] },
    now: { control: false },
    onChange: { table: { disable: true } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The agenda is the real server’s answer, recorded by `scripts/docs/story-fixtures.ts` and replayed by a fake API that ' +
          'exists only in this catalogue (`https://storybook.invalid`, see `.storybook/fake-api.ts`): France services de Mende ' +
          '(2983) after its agents switched online booking on and ILLUSTRATIVE people booked through the real routes (first ' +
          'names made up, contacts of example.org and of the numbers reserved for fiction), an agent booked for someone on the ' +
          'phone and blocked a time, on Monday 30 November 2026 (the recordings’ frozen clock). The day’s stories set the agents’ ' +
          'clock (`now`) to Tuesday 1 December, 9:00. The token stored on the device is a fake one set by each story’s loader. ' +
          'Writes are not faked: a change stays in the outbox, as offline (the OfflineQueue story).',
      },
    },
    catalogue: {
      required: [
        'not-configured',
        'signed-out',
        'loading',
        'day-view',
        'week-view',
        'report',
        'settings',
        'server-error',
        'offline',
        'offline-queue',
        'unauthorized',
        'forbidden',
        'english',
      ],
      screenshot: 'day-view',
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
export const NotConfigured: Story = notConfigured({ texts: ['Agenda des rendez-vous', 'Indiquez la France services (attribut site-id)'] });

/** No token on this device for the site: the agents' shared sign-in. */
export const SignedOut: Story = noToken(SITE, {
  texts: ['Agenda des rendez-vous', 'Collez le jeton d’accès des agents de ce lieu', 'Il commence par fsw_.'],
  selectors: ['input#token[type="password"]', '[data-state="signed-out"]'],
});

/** The agenda arriving (the fake API's `/pending/` prefix never answers). */
export const Loading: Story = withApi(SITE, API_PENDING, {
  texts: ['Chargement de l’agenda…'],
  selectors: ['[part="message"][data-state="loading"]'],
});

/** Tuesday 1 December at Mende: Lucie (booked online), Odile (booked by an agent on the phone), a blocked time, the free seats. */
export const DayView: Story = {
  args: { date: TUESDAY, now: TUESDAY_MORNING },
  loaders: [withToken(SITE)],
  parameters: {
    expect: {
      texts: [
        'Agenda des rendez-vous',
        'Mardi 1er décembre',
        'Lucie',
        'Obtenir ou remplacer sa carte Vitale',
        'pris en ligne',
        'Odile',
        'pris par un agent',
        '04 65 71 00 01',
        'Réunion d’équipe',
        'Places libres',
        'Arrivé·e',
        'Absent·e',
      ],
      selectors: ['[data-state="ready"]', '[part="appointment"]'],
    },
  },
};

/** The week of 30 November at Mende, day by day. */
export const WeekView: Story = {
  args: { view: 'week', date: TUESDAY, now: TUESDAY_MORNING },
  loaders: [withToken(SITE)],
  parameters: {
    expect: {
      texts: ['Semaine du lundi 30 novembre au dimanche 6 décembre', 'Lucie', 'Odile'],
      selectors: ['[data-state="ready"]', '[part="day"][data-date="2026-12-01"]', '#view-week[aria-pressed="true"]'],
    },
  },
};

/**
 * « Bilan » (`view="report"`): Mende's appointments of December, this month at the agents' clock,
 * in all, by reason and by partner; fewer than 30, so no share is computed (« — » and why).
 */
export const Report: Story = {
  args: { view: 'report', date: TUESDAY, now: TUESDAY_MORNING },
  loaders: [withToken(SITE)],
  parameters: {
    expect: {
      texts: [
        'Bilan du 01/12/2026 au 31/12/2026',
        'En tout',
        'Pris par un agent',
        'moins de 30 rendez-vous : part non calculée',
        'Par motif',
        'Obtenir ou remplacer sa carte Vitale',
        'Par partenaire',
        'Télécharger (CSV)',
      ],
      selectors: [
        '#view-report[aria-pressed="true"]',
        'section.report[data-state="ready"]',
        'table[data-table="reason"] caption',
        'table[data-table="partner"] th[scope="row"]',
      ],
    },
  },
};

/** « Réglages »: what Mende lets people book and how, as its agents saved it. */
export const Settings: Story = {
  args: { date: TUESDAY, now: TUESDAY_MORNING },
  loaders: [withToken(SITE)],
  play: async ({ canvasElement }) => (await buttonIn(canvasElement, 'fs-agenda', 'Réglages')).click(),
  parameters: {
    expect: {
      texts: [
        'Réglages de la prise de rendez-vous',
        'Prendre des rendez-vous en ligne',
        'Rendez-vous en même temps (guichets, agents)',
        'Ce qui peut être réservé',
        'Obtenir ou remplacer sa carte Vitale',
        'Permanence : Mission locale (exemple)',
        'Autre demande',
      ],
      selectors: ['form[data-form="settings"]'],
    },
  },
};

/** The server answers 503: said in words, with « Réessayer ». */
export const ServerError: Story = withApi(SITE, API_UNAVAILABLE, {
  texts: ['L’agenda ne s’affiche pas pour le moment', 'Réessayer'],
  selectors: ['[part="message"][data-state="error"]'],
});

/** No network, nothing read yet: the agenda is never kept on the device (personal data), the changes are. */
export const Offline: Story = withApi(SITE, API_OFFLINE, {
  texts: ['Hors ligne', 'Vos changements sont gardés sur cet appareil.'],
  selectors: ['[part="message"][data-state="offline"]'],
});

/** No network, and a booking for someone on the phone waiting on this device: listed, sent once the connection is back. */
export const OfflineQueue: Story = {
  args: { api: API_OFFLINE },
  loaders: [withToken(SITE), bookingWaiting],
  parameters: {
    expect: {
      texts: ['En attente d’envoi depuis cet appareil', 'Rendez-vous pour Yvette', 'Hors ligne'],
      selectors: ['[part="pending"][data-state="pending"]', '[part="message"][data-state="offline"]'],
    },
  },
};

/** The server refuses the stored token (401). */
export const Unauthorized: Story = refusedToken('unauthorized', '561', {
  texts: ['Ce jeton n’est plus accepté', 'Changer de jeton'],
  selectors: ['[data-state="refused-token"] [role="alert"]'],
});

/** The stored token is another site's (403). */
export const Forbidden: Story = refusedToken('forbidden', '3', {
  texts: ['Ce jeton ne permet pas de tenir l’agenda de ce lieu', 'Changer de jeton'],
  selectors: ['[data-state="refused-token"] [role="alert"]'],
});

/** `lang="en"`: the sign-in in English. */
export const English: Story = {
  args: { lang: 'en' },
  loaders: [withToken(SITE, '')],
  parameters: {
    expect: { texts: ['Appointments agenda', 'Paste the access token of this site’s agents'], absent: ['Agenda des rendez-vous'] },
  },
};
