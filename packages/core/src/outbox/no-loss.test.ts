/**
 * Clients lose nothing: hundreds of satisfaction answers (a counter kiosk, `<fs-satisfaction
 * mode="kiosk">`) and agents' acts (`<fs-demarche-log>`) given through their real UI while a
 * seeded random schedule makes the network fail in every way, go offline, and reloads the pages;
 * afterwards the real server holds exactly those answers and acts, once each (the keys the
 * widgets made = the keys stored), and the outbox is empty.
 *
 * Two devices, each a real page in an iframe of this origin (`test-support/pages/outbox-device.html`):
 * they share the `fs-widgets` IndexedDB database, the outbox's Web Lock and its BroadcastChannel,
 * as two tabs of one browser do. A reload is a real `location.reload()` of the device's page (its
 * requests in flight cancelled, its memory gone, the queue read back from IndexedDB by a new
 * outbox); the test runner's own page, which drives both, never reloads.
 *
 * The schedule (replay one with `FS_TEST_SEED=<seed> npx web-test-runner <this file>`; the seed
 * is in the summary the test logs) is a series of phases of 3 to 10 submissions each, through the
 * test proxy (web-test-runner.config.mjs): `ok`; `5xx` (500/502/503/504); `reset` (connection
 * reset before the server); `drop-response` (the server stores the write, the connection is reset
 * before its answer: a resend with a new key would store it twice); `hang` (stored, the answer held
 * until the phase ends, then reset); `stall` once (stored, no answer until the client's own 10 s
 * timeout); `offline` (the proxy cut, `navigator.onLine` false, `offline`/`online` events).
 * Between phases a device may reload; in `hang` phases a device may be reloaded while its own write
 * is held (the queue emptied first so that its write is the one in flight); the kiosk moves to its
 * next site every 50 answers (a page load too): kiosks may send 120 answers an hour per site. It
 * starts with one act and one answer stored-but-answer-lost and one reload in flight per device
 * for sure, and ends with a few submissions on a network back for good, as at a real counter.
 *
 * "Submitted" is what the widgets promise: a submission counts once its event
 * (`fs-feedback-submit`, `fs-act-log`: "already safe in the outbox") has fired, or, for a page
 * reloaded while sending, once its entry is in IndexedDB; a device is otherwise reloaded only when
 * all its submissions are safe. A reload in the few milliseconds between a tap and the IndexedDB
 * write would lose that tap, as closing the tab would: no web page can prevent it.
 */
import { expect } from '@open-wc/testing';
import { OUTCOMES, PARTNERS, THEMES, ACT_CHANNELS, type PartnerId } from '@fs-widgets/contract/codes';
import type { ActivityStats, SatisfactionStats } from '@fs-widgets/contract';
import { widgetDatabase } from '../storage/widget-database.js';
import { proxiedApi, realApi, until } from '../../../../test-support/component-test-env.js';

/** Sites no other test writes to: the kiosk's (50 answers each) and the agent's desk. */
const KIOSK_SITES = ['1503', '1504', '1505', '1506'];
const ANSWERS_PER_SITE = 50;
const DESK_SITE = '1601';
const N = KIOSK_SITES.length * ANSWERS_PER_SITE;
const M = 100;
const TOKEN_KEY = `fs-widgets:demarches:token:${DESK_SITE}`;
const OFFLINE_FLAG = 'fs-test:offline';

type Phase = 'ok' | '5xx' | 'reset' | 'hang' | 'drop-response' | 'stall' | 'offline';
const PHASE_WEIGHTS: [Phase, number][] = [
  ['ok', 28],
  ['5xx', 12],
  ['reset', 12],
  ['hang', 10],
  ['drop-response', 22],
  ['offline', 16],
];

/** mulberry32: a small seeded generator, so a failing schedule can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type WidgetElement = HTMLElement & { updateComplete: Promise<boolean> };

interface NetworkReport {
  faults: Record<string, number>;
  lostAnswers: Record<string, number>;
}

async function setProxy(state: 'up' | 'down' | Exclude<Phase, 'ok' | 'offline'>): Promise<NetworkReport> {
  const res = await fetch(`/__test/network?state=${state}`, { cache: 'no-store' });
  expect(res.ok).to.equal(true);
  return res.json();
}

async function storedKeys(table: 'feedback' | 'acts', sites: string[]): Promise<string[]> {
  const res = await fetch(`/__test/stored-keys?table=${table}&sites=${sites.join(',')}`, { cache: 'no-store' });
  expect(res.status).to.equal(200);
  return ((await res.json()) as { keys: string[] }).keys;
}

async function answersOnServer(site: string): Promise<number> {
  const res = await fetch(`${realApi()}/stats/satisfaction?site=${site}&_=${Math.random()}`, { cache: 'no-store' });
  expect(res.status).to.equal(200);
  return ((await res.json()) as SatisfactionStats).count;
}

async function actsOnServer(token: string): Promise<number> {
  const res = await fetch(`${realApi()}/stats/activity?site=${DESK_SITE}`, {
    headers: { authorization: `Bearer ${token}` },
    cache: 'no-store',
  });
  expect(res.status).to.equal(200);
  return ((await res.json()) as ActivityStats).acts;
}

async function outboxEntries() {
  return (await (await widgetDatabase())?.getAll('outbox')) ?? [];
}

/** Until the outbox is empty (every entry delivered and removed). */
async function drained(what: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const entries = await outboxEntries();
    if (entries.length === 0) return;
    if (performance.now() > deadline) {
      const summary = entries.map((e) => ({
        kind: e.kind,
        attempts: e.attempts,
        due: e.nextAttemptAt - Date.now(),
        error: e.lastError?.kind,
      }));
      throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(summary)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One device: a page in an iframe holding one writing widget, reloaded for real. */
class Device {
  readonly frame = document.createElement('iframe');
  /** Submissions made through the UI, and the keys their events gave (each once). */
  submitted = 0;
  readonly keys = new Set<string>();
  /** Events that came with a key already seen (there must be none). */
  repeatedKeys = 0;
  /** Keys read from IndexedDB for a write whose page was reloaded before its event. */
  readonly #unannounced = new Set<string>();
  site: string;

  constructor(
    readonly widget: 'satisfaction' | 'demarche-log',
    site: string,
  ) {
    this.site = site;
    this.frame.style.width = '900px';
    this.frame.style.height = '900px';
    document.body.append(this.frame);
  }

  get window(): Window {
    return this.frame.contentWindow!;
  }

  el(): WidgetElement {
    return this.frame.contentDocument!.querySelector<WidgetElement>(`fs-${this.widget}`)!;
  }

  $<T extends HTMLElement = HTMLElement>(selector: string): T | null {
    return this.el()?.shadowRoot?.querySelector<T>(selector) ?? null;
  }

  /** Loads (or reloads, `site` unchanged) the device's page and waits for its widget to be ready. */
  async load(site = this.site): Promise<void> {
    const loaded = new Promise((resolve) => this.frame.addEventListener('load', resolve, { once: true }));
    if (this.frame.src && site === this.site) {
      this.window.location.reload();
    } else {
      this.site = site;
      this.frame.src = `/test-support/pages/outbox-device.html?widget=${this.widget}&site=${site}&api=${encodeURIComponent(proxiedApi)}`;
    }
    await loaded;
    const event = this.widget === 'satisfaction' ? 'fs-feedback-submit' : 'fs-act-log';
    this.frame.contentDocument!.addEventListener(event, (e) => {
      const key = (e as CustomEvent<{ key: string }>).detail.key;
      if (this.keys.has(key) && !this.#unannounced.delete(key)) this.repeatedKeys++;
      this.keys.add(key);
    });
    const ready = this.widget === 'satisfaction' ? '.scale button' : 'button[part="save"]';
    await until(() => !!this.$(ready), `the ${this.widget} page ready`);
  }

  /** A write given here whose event will not come (its page is reloaded while it is sent). */
  keyFromStore(key: string): void {
    this.#unannounced.add(key);
    this.keys.add(key);
  }

  /** Until every submission made here is safe in the outbox (its event fired). */
  async settled(timeoutMs = 20_000): Promise<void> {
    try {
      await until(() => this.keys.size + this.repeatedKeys >= this.submitted, `the ${this.widget}'s submissions in the outbox`, timeoutMs);
    } catch (err) {
      const entries = await outboxEntries();
      throw new Error(
        `${(err as Error).message}: ${this.submitted} submitted, ${this.keys.size} events; ${entries.length} in the outbox: ` +
          JSON.stringify(
            entries.map((e) => ({ kind: e.kind, attempts: e.attempts, due: e.nextAttemptAt - Date.now(), error: e.lastError?.kind })),
          ),
      );
    }
  }
}

describe('the outbox under a failing network: nothing lost, nothing twice', function () {
  this.timeout(120_000);
  let opened: Device[] = [];

  before(async () => {
    await setProxy('up');
    localStorage.removeItem(OFFLINE_FLAG);
    // Entries other test files left (e.g. one parked by a 429) would be sent by these pages too.
    await (await widgetDatabase())?.clear('outbox');
  });

  after(async () => {
    for (const d of opened) d.frame.remove();
    localStorage.removeItem(OFFLINE_FLAG);
    localStorage.removeItem(TOKEN_KEY);
    await setProxy('up');
  });

  it(`stores exactly the ${N} kiosk answers and ${M} acts given while the network fails, goes offline and pages reload`, async () => {
    const started = performance.now();
    const seed = Number((window as { FS_TEST_SEED?: string }).FS_TEST_SEED || 20_240_801);
    const random = seeded(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    const drawPhase = (): Phase => {
      let r = random() * PHASE_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
      for (const [phase, weight] of PHASE_WEIGHTS) if ((r -= weight) < 0) return phase;
      return 'ok';
    };

    const token = ((await (await fetch(`/__test/agent-token?site=${DESK_SITE}`)).json()) as { token: string }).token;
    localStorage.setItem(TOKEN_KEY, token);
    const answersBefore = await Promise.all(KIOSK_SITES.map(answersOnServer));
    const actsBefore = await actsOnServer(token);
    const feedbackKeysBefore = new Set(await storedKeys('feedback', KIOSK_SITES));
    const actKeysBefore = new Set(await storedKeys('acts', [DESK_SITE]));

    const kiosk = new Device('satisfaction', KIOSK_SITES[0]!);
    const desk = new Device('demarche-log', DESK_SITE);
    const devices = (opened = [kiosk, desk]);
    await Promise.all([kiosk.load(), desk.load()]);
    const answersBySite = new Map(KIOSK_SITES.map((s) => [s, 0]));

    /** The browser's idea of the network, in both pages (they read it from this origin's localStorage). */
    const setBrowserOnline = (online: boolean) => {
      if (online) localStorage.removeItem(OFFLINE_FLAG);
      else localStorage.setItem(OFFLINE_FLAG, '1');
      for (const d of devices) d.window.dispatchEvent(new Event(online ? 'online' : 'offline'));
    };

    const answer = async (k: Device) => {
      const el = k.el();
      await until(() => !!k.$('.scale button'), 'the question');
      [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.scale button')][between(0, 3)]!.click();
      k.submitted++;
      answersBySite.set(k.site, answersBySite.get(k.site)! + 1);
      await el.updateComplete;
      expect(el.shadowRoot!.textContent).to.contain('Merci');
      // The next person: back to the question at once.
      k.$<HTMLButtonElement>('.actions button.secondary')!.click();
      await el.updateComplete;
    };

    const act = async (d: Device) => {
      const el = d.el();
      const partner: PartnerId = pick(PARTNERS);
      d.$<HTMLInputElement>(`input[name="partner"][value="${partner}"]`)!.click();
      await el.updateComplete;
      d.$<HTMLInputElement>(`input[name="theme"][value="${pick(THEMES[partner])}"]`)!.click();
      const outcome = pick(OUTCOMES);
      d.$<HTMLInputElement>(`input[name="outcome"][value="${outcome}"]`)!.click();
      await el.updateComplete;
      if (outcome === 'referred') {
        const select = d.$<HTMLSelectElement>('#referred-to')!;
        select.value = pick(PARTNERS);
        select.dispatchEvent(new Event('change'));
      }
      d.$<HTMLInputElement>(`input[name="channel"][value="${pick(ACT_CHANNELS)}"]`)!.click();
      d.$<HTMLButtonElement>('button[part="save"]')!.click();
      d.submitted++;
      await el.updateComplete;
      expect(d.$('.error-text[role="alert"]'), 'the form was complete').to.equal(null);
    };

    const phases: Record<string, number> = {};
    const reloads: Record<string, number> = { kiosk: 0, desk: 0, 'kiosk in flight': 0, 'desk in flight': 0, 'kiosk next site': 0 };

    /** The next person's answer; the kiosk moves to its next site after 50 (a page load). */
    const nextAnswer = async () => {
      if (answersBySite.get(kiosk.site) === ANSWERS_PER_SITE) {
        await kiosk.settled();
        await kiosk.load(KIOSK_SITES[KIOSK_SITES.indexOf(kiosk.site) + 1]);
        reloads['kiosk next site']!++;
      }
      await answer(kiosk);
    };

    const count = (phase: string) => (phases[phase] = (phases[phase] ?? 0) + 1);
    let offline = false;
    const enter = async (phase: Phase) => {
      count(phase);
      await setProxy(phase === 'ok' ? 'up' : phase === 'offline' ? 'down' : phase); // also ends a `hang`
      if (offline !== (phase === 'offline')) {
        offline = phase === 'offline';
        setBrowserOnline(!offline);
      }
    };

    // First, for sure, once for an act and once for an answer: stored by the server, answer lost
    // (the case that stores twice when a resend comes with a new key). Alone in the queue, each
    // is the first entry its flush sends.
    const atStart = await setProxy('up');
    await enter('drop-response');
    for (const [device, submit, path] of [
      [desk, () => act(desk), 'POST acts 201'],
      [kiosk, nextAnswer, 'POST feedback 201'],
    ] as const) {
      await submit();
      await device.settled();
      const deadline = performance.now() + 5_000;
      while (((await setProxy('drop-response')).lostAnswers[path] ?? 0) === (atStart.lostAnswers[path] ?? 0)) {
        expect(performance.now(), `${path} whose answer was lost`).to.be.below(deadline);
        await new Promise((r) => setTimeout(r, 50));
      }
    }

    /**
     * A reload while the device's own write is in flight (`hang`: the server has stored it and
     * holds the answer). Its event comes after its first attempt: when it has not come a moment
     * after the tap, that attempt is held, and the key is read from IndexedDB (the page goes, the
     * event never comes).
     */
    const reloadWhileSending = async (d: Device) => {
      const events = d.keys.size;
      await (d === kiosk ? nextAnswer() : act(desk));
      await new Promise((r) => setTimeout(r, 300));
      if (d.keys.size === events) {
        const kind = d === kiosk ? 'feedback' : 'act';
        const entry = (await outboxEntries()).find((e) => e.kind === kind && !d.keys.has(e.key));
        expect(entry, `the ${kind} just given, in IndexedDB`).not.to.equal(undefined);
        d.keyFromStore(entry!.key);
        reloads[`${d === kiosk ? 'kiosk' : 'desk'} in flight`]!++;
      } else {
        reloads[d === kiosk ? 'kiosk' : 'desk']!++; // another page was sending: an ordinary reload
      }
      await d.load();
    };

    /** Once for each device for sure, then at random in `hang` phases: an empty queue first, so its own write is the one held. */
    const hangAndReload = async (d: Device) => {
      await enter('ok');
      await d.settled();
      await drained('the queue empty before a reload in flight', 10_000);
      await enter('hang');
      await reloadWhileSending(d);
    };
    await hangAndReload(desk);
    await hangAndReload(kiosk);
    expect([reloads['desk in flight'], reloads['kiosk in flight']], 'pages reloaded while their write was held').to.deep.equal([1, 1]);

    // The random schedule, until a few submissions of each are left for the end.
    const FINAL = 3;
    const stallAt = between(2, 8);
    for (let index = 0; kiosk.submitted < N - FINAL || desk.submitted < M - FINAL; index++) {
      const phase: Phase = index === stallAt ? 'stall' : drawPhase();
      const answersLeft = () => N - FINAL - kiosk.submitted;
      const actsLeft = () => M - FINAL - desk.submitted;
      if (phase === 'hang' && random() < 0.5 && (answersLeft() > 0 || actsLeft() > 0)) {
        await hangAndReload(answersLeft() > 0 && (actsLeft() <= 0 || random() < 0.5) ? kiosk : desk);
      } else {
        await enter(phase);
        if (phase !== 'hang' && phase !== 'stall' && random() < 0.25) {
          // A page reloads (once what it took is in IndexedDB: a reload in the very instant of a
          // tap loses that tap, as closing the tab would).
          const which = random();
          for (const d of which < 0.4 ? [kiosk] : which < 0.8 ? [desk] : devices) {
            await d.settled();
            await d.load();
            reloads[d === kiosk ? 'kiosk' : 'desk']!++;
          }
        }
      }
      for (let i = between(3, 10); i > 0 && (answersLeft() > 0 || actsLeft() > 0); i--) {
        if (random() * (answersLeft() + actsLeft()) < answersLeft()) {
          // The kiosk waits for its answers to be safe before moving on: not while they are held.
          if (answersBySite.get(kiosk.site) === ANSWERS_PER_SITE && (phase === 'hang' || phase === 'stall')) break;
          await nextAnswer();
        } else {
          await act(desk);
        }
        if (random() < 0.3) await new Promise((r) => setTimeout(r, between(0, 40)));
      }
    }

    // The network is back for good, and the last people answer and are served.
    await enter('ok');
    while (kiosk.submitted < N || desk.submitted < M) {
      if (kiosk.submitted < N) await nextAnswer();
      if (desk.submitted < M) await act(desk);
    }
    const submittedAt = performance.now();

    // Every submission safe, then the outbox empties by itself.
    await kiosk.settled();
    await desk.settled();
    const settledAt = performance.now();
    const left = await outboxEntries();
    const maxAttempts = Math.max(0, ...left.map((e) => e.attempts));
    const lastDue = Math.max(Date.now(), ...left.map((e) => e.nextAttemptAt));
    const waitingWhenBack = { entries: left.length, maxAttempts, lastDueInMs: lastDue - Date.now() };
    await drained('the outbox empty', 15_000);
    const drainedAt = performance.now();

    // Exactly the keys the widgets made, each stored once, for these sites.
    expect([kiosk.repeatedKeys, desk.repeatedKeys], 'a new key for each submission').to.deep.equal([0, 0]);
    expect(kiosk.keys.size).to.equal(N);
    expect(desk.keys.size).to.equal(M);
    const feedbackKeys = (await storedKeys('feedback', KIOSK_SITES)).filter((k) => !feedbackKeysBefore.has(k));
    const actKeys = (await storedKeys('acts', [DESK_SITE])).filter((k) => !actKeysBefore.has(k));
    const difference = (made: Set<string>, stored: string[]) => ({
      lost: [...made].filter((k) => !stored.includes(k)),
      unknown: stored.filter((k) => !made.has(k)),
      storedTwice: stored.length - new Set(stored).size,
    });
    expect(difference(kiosk.keys, feedbackKeys), 'answers: the keys made and the keys stored').to.deep.equal({
      lost: [],
      unknown: [],
      storedTwice: 0,
    });
    expect(difference(desk.keys, actKeys), 'acts: the keys made and the keys stored').to.deep.equal({
      lost: [],
      unknown: [],
      storedTwice: 0,
    });
    expect(feedbackKeys.length, 'answers stored').to.equal(N);
    expect(actKeys.length, 'acts stored').to.equal(M);
    // The public and the agents' figures say the same (the daily aggregates agree with the rows).
    const answersAfter = await Promise.all(KIOSK_SITES.map(answersOnServer));
    expect(answersAfter.map((n, i) => n - answersBefore[i]!)).to.deep.equal(KIOSK_SITES.map((s) => answersBySite.get(s)));
    expect(answersBySite.get(KIOSK_SITES.at(-1)!)).to.equal(ANSWERS_PER_SITE);
    expect((await actsOnServer(token)) - actsBefore).to.equal(M);
    // Nothing left behind, nothing set aside, and the screens say so.
    expect(await outboxEntries()).to.deep.equal([]);
    await until(() => !kiosk.$('[part="pending"]'), 'the kiosk without a pending count');
    await until(() => !desk.$('.pending') && !desk.$('.error-text'), 'the desk without pending or rejected entries');

    // What the run went through (the proxy counts for the whole test run: this test's share).
    const final = await setProxy('up');
    const since = (now: Record<string, number>, then: Record<string, number>) =>
      Object.fromEntries(
        Object.entries(now)
          .map(([k, n]) => [k, n - (then[k] ?? 0)])
          .filter(([, n]) => n !== 0),
      );
    console.log(
      JSON.stringify({
        seed,
        answers: N,
        acts: M,
        phases,
        reloads,
        failedRequests: since(final.faults, atStart.faults),
        writesStoredButAnswerLost: since(final.lostAnswers, atStart.lostAnswers),
        waitingWhenBack,
        seconds: {
          submitting: Math.round(submittedAt - started) / 1000,
          settling: Math.round(settledAt - submittedAt) / 1000,
          draining: Math.round(drainedAt - settledAt) / 1000,
          total: Math.round(performance.now() - started) / 1000,
        },
      }),
    );
  });
});
