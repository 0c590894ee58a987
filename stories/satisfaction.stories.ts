import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fn, waitFor } from 'storybook/test';
import { widgetDatabase } from '@fs-widgets/core';
import type { FsFeedbackSubmitDetail, FsSatisfaction } from '@fs-widgets/satisfaction/satisfaction.js';
import '@fs-widgets/satisfaction/satisfaction.js';
import type { ExpectedComponent, ExpectedStory } from './story-expectations.js';

/** The fake API of `.storybook/fake-api.ts` (catalogue only; the tests use the real server). */
const API = 'https://storybook.invalid/api/v1';
const API_OFFLINE = 'https://storybook.invalid/offline/api/v1';

interface SatisfactionArgs {
  'site-id'?: string;
  mode?: 'inline' | 'kiosk';
  channel?: '' | 'kiosk' | 'web' | 'phone';
  'ask-resolved'?: boolean;
  'ask-comment'?: boolean;
  'idle-timeout'?: number;
  'thanks-duration'?: number;
  'press-guard'?: number;
  'heading-level'?: number;
  'show-site-name'?: boolean;
  api?: string;
  lang?: 'fr' | 'en';
  /** Called with each `fs-feedback-submit` event (shown in the Actions panel). */
  onFeedbackSubmit?: (event: CustomEvent<FsFeedbackSubmitDetail>) => void;
}

/**
 * Every story starts with an empty outbox: answers queued by an earlier story (or an earlier
 * visit: the outbox is the `outbox` store of the `fs-widgets` IndexedDB database, and it
 * survives reloads by design) would otherwise change the kiosk's pending count.
 */
async function emptyOutbox(): Promise<Record<string, never>> {
  const db = await widgetDatabase();
  await db?.clear('outbox');
  return {};
}

/** The widget of the story, once it has rendered `selector` in its shadow root. */
const rendered = (canvas: HTMLElement, selector: string) =>
  waitFor(
    () => {
      const el = canvas.querySelector<FsSatisfaction>('fs-satisfaction');
      const found = el?.shadowRoot?.querySelector<HTMLElement>(selector);
      if (!el || !found) throw new Error(`<fs-satisfaction> shows no ${selector} yet`);
      return { el, found };
    },
    { timeout: 10_000 },
  );

/** Inline: chooses "Satisfait" and presses "Envoyer mon avis", as a person would. */
async function answerInline(canvas: HTMLElement): Promise<void> {
  const { el } = await rendered(canvas, 'input[name="rating"]');
  el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="rating"]')[1]!.click();
  await el.updateComplete;
  el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}

/** Kiosk: presses "Satisfait" on the scale. */
async function pressInKiosk(canvas: HTMLElement): Promise<FsSatisfaction> {
  const { el } = await rendered(canvas, '.scale button');
  el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.scale button')[1]!.click();
  await el.updateComplete;
  return el;
}

/** A counter tablet's whole screen: its own frame in the docs page (the kiosk fills the viewport's height). */
const KIOSK_FRAME = { layout: 'fullscreen', docs: { story: { inline: false, iframeHeight: 640 } } };

const meta = {
  title: 'Satisfaction/Question',
  component: 'fs-satisfaction',
  tags: ['autodocs'],
  render: (args) => html`<fs-satisfaction
    site-id=${ifDefined(args['site-id'])}
    mode=${ifDefined(args.mode)}
    channel=${ifDefined(args.channel || undefined)}
    ?ask-resolved=${args['ask-resolved']}
    ?ask-comment=${args['ask-comment']}
    idle-timeout=${ifDefined(args['idle-timeout'])}
    thanks-duration=${ifDefined(args['thanks-duration'])}
    press-guard=${ifDefined(args['press-guard'])}
    heading-level=${ifDefined(args['heading-level'])}
    ?show-site-name=${args['show-site-name']}
    api=${ifDefined(args.api)}
    lang=${ifDefined(args.lang)}
    @fs-feedback-submit=${(e: CustomEvent<FsFeedbackSubmitDetail>) => args.onFeedbackSubmit?.(e)}
  ></fs-satisfaction>`,
  loaders: [emptyOutbox],
  args: {
    'site-id': '2983',
    mode: 'inline',
    api: API,
    'heading-level': 2,
    lang: 'fr',
    onFeedbackSubmit: fn(),
  },
  // The rows come from custom-elements.json; these only pick better controls.
  argTypes: {
    mode: { control: 'inline-radio', options: ['inline', 'kiosk'] },
    channel: { control: 'inline-radio', options: ['', 'kiosk', 'web', 'phone'] },
    lang: {
      control: 'inline-radio',
      options: ['fr', 'en'],
      description: 'Language of the texts (the global `lang` attribute; the nearest one up the page applies). French by default.',
      table: { category: 'attributes', type: { summary: "'fr' | 'en'" }, defaultValue: { summary: 'the page’s lang, else fr' } },
    },
    'heading-level': { control: { type: 'number', min: 2, max: 6, step: 1 } },
    'idle-timeout': { control: { type: 'number', min: 1, step: 1 } },
    'thanks-duration': { control: { type: 'number', min: 1, step: 1 } },
    'press-guard': { control: { type: 'number', min: 0, step: 100 } },
    onFeedbackSubmit: { table: { disable: true } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Answers go to a fake API that exists only in this catalogue (`https://storybook.invalid`, see `.storybook/fake-api.ts`): ' +
          'it acknowledges each `POST /feedback` as the real server does (201 with a receipt) and keeps nothing. Every answer ' +
          'passes through the widgets’ offline outbox (IndexedDB), emptied before each story; the given answer is logged in the ' +
          'Actions panel (`fs-feedback-submit`). The site is France services de Mende (2983).',
      },
    },
    // For the catalogue check (scripts/test/check-stories.mjs): the states that must keep a story, the
    // story photographed, and rows the docs page table must show. Each story says what it shows.
    catalogue: {
      required: [
        'inline',
        'inline-with-follow-ups',
        'thanks',
        'not-configured',
        'kiosk',
        'kiosk-follow-up',
        'kiosk-offline-pending',
        'english',
      ],
      screenshot: 'kiosk-offline-pending',
      docsRows: [
        'site-id',
        'mode',
        'channel',
        'ask-resolved',
        'ask-comment',
        'idle-timeout',
        'thanks-duration',
        'press-guard',
        'heading-level',
        'show-site-name',
        'api',
        'lang',
        'fs-feedback-submit',
        'site-name',
        'scale',
        'choice',
        'pending',
        '--fs-satisfaction-accent',
      ],
    },
  },
} satisfies Meta<SatisfactionArgs> & ExpectedComponent;

export default meta;
type Story = StoryObj<SatisfactionArgs> & ExpectedStory;

/** On a web page after a démarche (`mode="inline"`, the default): the question and the four levels, in words. */
export const Inline: Story = {
  parameters: {
    expect: {
      texts: [
        'Êtes-vous satisfait de l’accueil que vous avez reçu ?',
        'Votre avis est anonyme',
        'Très satisfait',
        'Satisfait',
        'Peu satisfait',
        'Pas satisfait',
        'Envoyer mon avis',
      ],
      selectors: ['fieldset input[type="radio"][name="rating"]', 'button[type="submit"]'],
      absent: ['Votre demande a-t-elle été résolue'],
    },
  },
};

/** `show-site-name`: the site's name above the question, as in kiosk mode (the page around the widget usually says it already). */
export const InlineWithSiteName: Story = {
  args: { 'show-site-name': true },
  parameters: {
    expect: {
      texts: ['France services de Mende', 'Êtes-vous satisfait de l’accueil que vous avez reçu ?'],
      selectors: ['[part="site-name"][data-state="ready"]'],
    },
  },
};

/** `ask-resolved` and `ask-comment`: "Votre demande a-t-elle été résolue ?" and a short comment (500 characters, no personal data). */
export const InlineWithFollowUps: Story = {
  args: { 'ask-resolved': true, 'ask-comment': true },
  parameters: {
    expect: {
      texts: [
        'Êtes-vous satisfait',
        'Votre demande a-t-elle été résolue ?',
        'En partie',
        'Un commentaire ? (facultatif)',
        'N’écrivez ni votre nom',
        'Il reste 500 caractères.',
      ],
      selectors: ['input[name="resolved"]', 'textarea[maxlength="500"]'],
    },
  },
};

/** "Satisfait" chosen and sent (by the story's play function): the thank-you; the fake API has acknowledged the answer. */
export const Thanks: Story = {
  play: async ({ canvasElement }) => answerInline(canvasElement),
  // Sent by the play function; the fake API acknowledged it, so nothing waits.
  parameters: {
    expect: {
      texts: ['Merci pour votre avis !', 'Il aide la France services à mieux vous accueillir.'],
      absent: ['Êtes-vous satisfait', 'Il sera envoyé'],
      noSelectors: ['input[name="rating"]'],
    },
  },
};

/**
 * The same with no network (the fake API's `/offline/` prefix fails like a lost connection):
 * the thank-you says the answer will be sent when the connection is back. It stays in the
 * outbox, tried again with backoff.
 */
export const ThanksWhileOffline: Story = {
  args: { api: API_OFFLINE },
  play: async ({ canvasElement }) => answerInline(canvasElement),
  parameters: { expect: { texts: ['Merci pour votre avis !', 'Il sera envoyé automatiquement dès le retour de la connexion.'] } },
};

/** No `site-id`: tells the page author what is missing. */
export const NotConfigured: Story = {
  args: { 'site-id': undefined },
  parameters: { expect: { texts: ['Avis non configuré', 'l’attribut site-id'], noSelectors: ['input', 'button'] } },
};

/**
 * `mode="kiosk"`: the whole screen of a counter tablet, headed by the site's name (read from a
 * metre away), four very large buttons, each face of its own shape and colour with its word;
 * one press answers, a second press within `press-guard` ms is ignored, and after the thank-you
 * (`thanks-duration` s) the screen returns to the question, keeping nothing of the answer.
 */
export const Kiosk: Story = {
  args: { mode: 'kiosk' },
  parameters: {
    ...KIOSK_FRAME,
    expect: {
      texts: ['France services de Mende', 'Êtes-vous satisfait de l’accueil que vous avez reçu ?', 'Très satisfait', 'Pas satisfait'],
      selectors: ['fs-satisfaction[mode="kiosk"]', '[part="site-name"][data-state="ready"]', '.scale button.very-satisfied'],
      absent: ['en attente d’envoi'],
    },
  },
};

/**
 * Kiosk with `ask-resolved`, after a press on "Satisfait" (by the story's play function): the
 * follow-up question. Here `idle-timeout` is 120 s so the screen can be looked at; after it,
 * the rating is sent anyway and the screen resets (20 s by default).
 */
export const KioskFollowUp: Story = {
  args: { mode: 'kiosk', 'ask-resolved': true, 'idle-timeout': 120 },
  parameters: {
    ...KIOSK_FRAME,
    expect: {
      texts: ['Votre demande a-t-elle été résolue ?', 'Oui', 'En partie', 'Non', 'Passer'],
      selectors: ['.options button[aria-pressed="false"]'],
      noSelectors: ['.scale'],
      absent: ['Merci'],
    },
  },
  play: async ({ canvasElement }) => {
    await pressInKiosk(canvasElement);
  },
};

/**
 * Kiosk without network (`/offline/` prefix): a press on "Satisfait", then back to the question
 * (the story's play function calls `reset()`, as the end of the thank-you would): the answer
 * waits in the outbox, and the small count at the bottom says so, for the agents. The site's
 * name could not be loaded (and no copy was kept): « France services » stands in its place.
 */
export const KioskOfflinePending: Story = {
  args: { mode: 'kiosk', api: API_OFFLINE },
  parameters: {
    ...KIOSK_FRAME,
    expect: {
      texts: ['Êtes-vous satisfait', '1 avis en attente d’envoi'],
      selectors: ['.scale button', '[part="pending"][role="status"]', '[part="site-name"][data-state="offline"]'],
      absent: ['Merci'],
    },
  },
  play: async ({ canvasElement }) => {
    const el = await pressInKiosk(canvasElement);
    // Stored in the outbox and tried once: the count of waiting answers is there.
    await rendered(canvasElement, '[part="pending"]');
    el.reset();
  },
};

/** `lang="en"`: every text in English. */
export const English: Story = {
  args: { lang: 'en', 'ask-resolved': true },
  parameters: {
    expect: {
      texts: [
        'Are you satisfied with the service you received?',
        'Very satisfied',
        'Not very satisfied',
        'Was your request resolved?',
        'Send my answer',
      ],
      absent: ['Êtes-vous'],
    },
  },
};
