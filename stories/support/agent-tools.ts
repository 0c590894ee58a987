/**
 * The set-up the agents' tools' stories share (the démarche log, the partner, closure and
 * outreach editors, the site admin, the agenda, the observatory's views): the fake API's
 * addresses, a fake token stored on the device by a loader, the outbox emptied, the recorded
 * answers read, and the states every agents' tool has (not configured, no token, loading, server
 * error, offline, a token refused) as story builders. Only the texts differ from one tool to the
 * next: each story file gives its own.
 */
import { waitFor } from 'storybook/test';
import { widgetDatabase } from '@fs-widgets/core';
import { REFUSED_TOKENS } from '../../.storybook/fake-api.js';
import api from '../fixtures/api.json';
import type { StoryExpectation } from '../story-expectations.js';

/** The fake API of `.storybook/fake-api.ts` (recorded answers only; the tests use the real server). */
export const API = 'https://storybook.invalid/api/v1';
/** Never answers: the loading state. */
export const API_PENDING = 'https://storybook.invalid/pending/api/v1';
/** Answers 503: the error state. */
export const API_UNAVAILABLE = 'https://storybook.invalid/unavailable/api/v1';
/** Fails like a lost network: the offline state. */
export const API_OFFLINE = 'https://storybook.invalid/offline/api/v1';

/** The stories' frozen clock: the instant the answers were recorded (Monday 30 November 2026, 10:00 in Paris). */
export const MONDAY_MORNING = new Date('2026-11-30T09:00:00Z');

/** Where the agents' tools keep a site's token on the device (`observatory` for the observatory's views). */
export const tokenKey = (site: string) => `fs-widgets:demarches:token:${site}`;

/** A string of the form the server gives tokens (`fsw_<12 hex>.<43 base64url>`), valid nowhere: the fake API does not check it. */
export const FAKE_TOKEN = `fsw_000000000000.${'storybook-fake-token-not-valid-anywhere-000'}`;

/** Empties the outbox: entries queued by an earlier story would change what a story shows. */
export async function emptyOutbox(): Promise<Record<string, never>> {
  const db = await widgetDatabase();
  await db?.clear('outbox');
  return {};
}

/**
 * A loader storing `token` for `site` on this device (none when empty). Each story has its own
 * loader: loaders run in parallel.
 */
export const withToken =
  (site: string, token: string = FAKE_TOKEN) =>
  async (): Promise<Record<string, never>> => {
    if (token) localStorage.setItem(tokenKey(site), token);
    else localStorage.removeItem(tokenKey(site));
    return {};
  };

/** A recorded answer's body (`stories/fixtures/api.json`, written by `scripts/docs/story-fixtures.ts`). */
export const recorded = <T = unknown>(key: string): T => {
  const answer = (api as Record<string, { body: unknown } | undefined>)[key];
  if (!answer) throw new Error(`stories/fixtures/api.json has no "${key}": run scripts/docs/story-fixtures.ts`);
  return answer.body as T;
};

/** The keys of `api.json` that start with `prefix` (codes and ids change at each recording). */
export const recordedKeys = (prefix: string): string[] => Object.keys(api).filter((key) => key.startsWith(prefix));

/** The `lang` and `heading-level` controls every widget's stories have. */
export const commonArgTypes = {
  lang: {
    control: 'inline-radio',
    options: ['fr', 'en'],
    description: 'Language of the texts (the global `lang` attribute; the nearest one up the page applies). French by default.',
    table: { category: 'attributes', type: { summary: "'fr' | 'en'" }, defaultValue: { summary: 'the page’s lang, else fr' } },
  },
  'heading-level': { control: { type: 'number', min: 2, max: 6, step: 1 } },
} as const;

/** The element `tag` of the story once it shows `selector` in its shadow root. */
export const shownIn = <E extends HTMLElement = HTMLElement>(canvas: HTMLElement, tag: string, selector: string) =>
  waitFor(
    () => {
      const el = canvas.querySelector<E>(tag);
      const found = el?.shadowRoot?.querySelector<HTMLElement>(selector);
      if (!el || !found) throw new Error(`<${tag}> shows no ${selector} yet`);
      return { el, found };
    },
    { timeout: 10_000 },
  );

/** The button of `tag`'s shadow root whose text includes `text`, once shown. */
export const buttonIn = (canvas: HTMLElement, tag: string, text: string) =>
  waitFor(
    () => {
      const buttons = canvas.querySelector(tag)?.shadowRoot?.querySelectorAll<HTMLButtonElement>('button') ?? [];
      const found = [...buttons].find((b) => b.textContent?.includes(text));
      if (!found) throw new Error(`<${tag}> shows no « ${text} » button yet`);
      return found;
    },
    { timeout: 10_000 },
  );

/** Types `value` into the input `selector` of `el`'s shadow root, as a person would (an `input` event). */
export function typeInto(el: HTMLElement, selector: string, value: string): void {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

// ---------------------------------------------------------------------------------------------
// The states every agents' tool has, as stories: each tool gives its texts.

type Expect = Omit<StoryExpectation, 'texts'> & { texts: StoryExpectation['texts'] };
interface StateStory {
  args: { 'site-id'?: string; api?: string };
  loaders?: Array<() => Promise<Record<string, never>>>;
  parameters: { expect: StoryExpectation };
}

/** No `site-id`: says how to configure it, and offers nothing to fill in. */
export const notConfigured = (expect: Expect): StateStory => ({
  args: { 'site-id': undefined },
  parameters: { expect: { noSelectors: ['input', 'button'], ...expect } },
});

/** No token on this device for `site`: the agents' shared sign-in. */
export const noToken = (site: string, expect: Expect): StateStory => ({
  args: { 'site-id': site },
  loaders: [withToken(site, '')],
  parameters: { expect: { selectors: ['input#token[type="password"]'], ...expect } },
});

/** A token stored for `site`, and `api` (pending, unavailable, offline) answering as it does. */
export const withApi = (site: string, apiBase: string, expect: Expect): StateStory => ({
  args: { 'site-id': site, api: apiBase },
  loaders: [withToken(site)],
  parameters: { expect: apiBase === API_PENDING ? { timeout: 8000, ...expect } : expect },
});

/** The server refuses the stored token: unknown (401) or another site's (403). */
export const refusedToken = (kind: keyof typeof REFUSED_TOKENS, site: string, expect: Expect): StateStory => ({
  args: { 'site-id': site },
  loaders: [withToken(site, REFUSED_TOKENS[kind])],
  parameters: { expect },
});
