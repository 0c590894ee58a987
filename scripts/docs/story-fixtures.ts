/**
 * Writes the Storybook fixtures from the real data, with the server's own code, so the catalogue
 * shows exactly what the API would answer:
 *
 * - `stories/fixtures/sites.json`: the sites of the site card's stories (`GET /sites/<id>`), read
 *   from the ANCT list with the server's import code;
 * - `stories/fixtures/api.json`: answers of the real server (`buildApp`, the ANCT list, the La
 *   Poste postcodes and the Charente bus stops imported into an in-memory SQLite database) to the
 *   searches the locator's stories make, called with `app.inject` (no port). Keyed by
 *   `apiFixtureKey` (`.storybook/fake-api.ts`), which the catalogue's fake API matches on;
 * - in the same file, the satisfaction figures (`GET /stats/satisfaction`) of the results'
 *   stories, after the script has POSTed a set of ILLUSTRATIVE answers (`FEEDBACK` below: made
 *   up to exercise the statistics, not real opinions) through the real `POST /feedback` route
 *   into the same temporary database;
 * - in the same file, the démarche stories' answers: an agent token of site 2983 is created in
 *   the temporary database (`createToken`, as the `token create` CLI does), one ILLUSTRATIVE
 *   follow-up case is opened through the real `POST /cases` and updated once through
 *   `PATCH /cases/<code>` (status `awaiting-documents`), at the frozen clock; then the tracker's
 *   `GET /cases/<code>` (public view) and the agents' log's `GET /stats/activity` of that day are
 *   recorded. The code is random: the stories read it from `api.json` (the only `cases/…` key);
 * - in the same file, the partner directory's answers: `GET /directory` (the real catalogue), and
 *   `GET /sites/2983/partners` after the same agent added two ILLUSTRATIVE local partners and
 *   three permanences through the real `POST /sites/2983/local-partners` and `…/permanences`, at
 *   the frozen clock (their next dates are those of Monday 30 November 2026);
 * - in the same file, the partner editor's: `GET /sites/3255/partners` (no local partner) and that
 *   day's `GET /stats/activity` of 3255 (with a token of 3255), and the server's 401 and 403 to a
 *   `POST /sites/2983/local-partners` with an unknown token and with 3255's (`refused:<kind>`).
 * - in the same file, the communication kit's: the nearest site to Mende (`sites?commune=48095&limit=1`,
 *   the banner and the badge), and `GET /stats/key-figures` (network, sites 2983, 3255 and 1, a past
 *   year, an unknown site, a future year) after agents of 2983, 3255 and 561 recorded ILLUSTRATIVE
 *   acts (`KIT_ACTS` below) through the real `POST /acts`, at the frozen clock.
 *
 * - in the same file, last, the appointments' (<fs-booking>, <fs-agenda>): online booking switched
 *   on at Mende (and at MSA itinérante, with no slot left) through the real booking settings, the
 *   free slots, ILLUSTRATIVE bookings through the real `POST /sites/2983/appointments` (one moved,
 *   one cancelled with its code), an agent's booking for someone and a block, then the agenda's
 *   day and week and the settings (see stories/fixtures/README.md).
 *
 *   node --conditions=source --import tsx scripts/docs/story-fixtures.ts
 *
 * Searches carry a fixed `at` (as the stories' frozen `now` makes the widget send it), so
 * "open now" and the next stops of the bus never change. Fails, writing nothing, when an answer
 * no longer shows what its story is about (e.g. the bus has no next stop any more).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { mock } from 'node:test';
import type {
  ActivityStats,
  CaseCreated,
  CasePublic,
  CommuneList,
  Directory,
  FeedbackChannel,
  FeedbackInput,
  LocalPartner,
  Permanence,
  Rating,
  Resolution,
  SatisfactionStats,
  Site,
  SiteList,
  SitePartners,
  SiteAccessList,
  SiteHistory,
} from '@fs-widgets/contract';
import { parseDelimited } from '../../packages/server/src/import/delimited-file.js';
import { SITE_COLUMNS, siteFromAnctRow } from '../../packages/server/src/import/site-record.js';
import { siteFromRow } from '../../packages/server/src/sites/site-catalogue.js';
import {
  buildApp,
  createToken,
  estimateProvider,
  importData,
  loadDirectory,
  openDatabase,
  SiteCatalogue,
  VERSION,
} from '../../packages/server/src/index.js';
import type { AppContext } from '../../packages/server/src/app-context.js';
import { apiFixtureKey, appointmentWriteKey, REFUSED_TOKENS, type RecordedAnswer } from '../../.storybook/fake-api.js';
import type {
  ActInput,
  Agenda,
  AppointmentCreate,
  AppointmentCreated,
  AppointmentPublic,
  AppointmentStats,
  KeyFigures,
  SiteBooking,
  SlotList,
} from '@fs-widgets/contract';
import { Sealer } from '../../packages/server/src/privacy/sealed.js';
import { randomBytes } from 'node:crypto';

const SOURCE = new URL('../../packages/server/data/liste-fs-20240801.csv', import.meta.url);
const OUTPUT = new URL('../../stories/fixtures/sites.json', import.meta.url);
const API_OUTPUT = new URL('../../stories/fixtures/api.json', import.meta.url);

/** Not part of the public data: a fixed value keeps the output reproducible. */
const IMPORTED_AT = '2024-08-01T00:00:00.000Z';

// ---------------------------------------------------------------------------------------------
// sites.json: the site card's stories.

/** The sites the stories show, and why. */
const WANTED: Record<string, string> = {
  '2983': 'Mende: fixed site, default story',
  '3255': 'MSA itinérante de Lozère: roaming',
  '3': 'a bus',
  '561': 'Saint-Louis, La Réunion: overseas time zone',
  '798': 'Le Moule, Guadeloupe: has a comment',
  '1': 'Valserhône: first row of the list',
};

const parsed = parseDelimited(await readFile(SOURCE, 'utf8'), SITE_COLUMNS);

const sites: Record<string, Site> = {};
for (const { line, values } of parsed.records) {
  const id = values.id_fs?.trim();
  if (!id || !(id in WANTED) || id in sites) continue;
  const { site, corrections } = siteFromAnctRow(values, line, IMPORTED_AT);
  for (const c of corrections) console.warn(`site ${id} (line ${line}): ${c}`);
  sites[id] = siteFromRow(site);
}

const missing = Object.keys(WANTED).filter((id) => !(id in sites));
if (missing.length > 0) {
  console.error(`Not found in ${SOURCE.pathname}: ${missing.join(', ')}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// api.json: the locator's, the commune search's and the map's stories.

/** The stories' frozen clocks; the widget sends `now.toISOString()` as `at`. */
const MONDAY_MORNING = new Date('2026-11-30T09:00:00Z').toISOString(); // 10:00 in Paris
const SUNDAY_MORNING = new Date('2026-11-29T10:00:00Z').toISOString(); // 11:00 in Paris

/** A point in the Vendée countryside with no France services within 5 km (the server tests' one). */
const FAR_POINT = '46.50000,-1.20000'; // as the widget writes lat/lon: toFixed(5)

type Params = Record<string, string | number | boolean>;
interface Wanted {
  path: 'sites' | 'communes' | 'stats/satisfaction';
  /** The parameters exactly as the widget sends them (same names, same value formats). */
  params: Params;
  why: string;
  /** Throws when the answer no longer shows what the story is about. */
  expect?: (body: never) => void;
}

const check = (ok: boolean, message: string) => {
  if (!ok) throw new Error(message);
};

const mende = { commune: '48095', limit: 10, at: MONDAY_MORNING };
const prefixes = (word: string) => Array.from({ length: word.length - 1 }, (_, i) => word.slice(0, i + 2));

const WANTED_API: Wanted[] = [
  {
    path: 'sites',
    params: { commune: '16242', limit: 8, at: MONDAY_MORNING },
    why: 'PresetRuralCommune: Nanteuil-en-Vallée (Charente), with the Ruffecois bus and its next stops',
    expect: (list: SiteList) => {
      const bus = list.items.find((s) => s.kind === 'bus');
      check(!!bus && bus.stops.some((stop) => stop.next.length > 0), 'no bus with next stops around Nanteuil-en-Vallée');
    },
  },
  {
    path: 'sites',
    params: { commune: '16390', limit: 10, at: MONDAY_MORNING },
    why: 'FoundAtItsStop: Tusson (Charente), where the Ruffecois bus stops: « Prochain passage à Tusson » (issue 16)',
    expect: (list: SiteList) =>
      check(list.items[0]?.id === '2023' && list.items[0].at_stop?.commune === 'Tusson', 'Tusson: the bus first, found at its stop'),
  },
  {
    path: 'sites',
    params: mende,
    why: 'Results, MapShown, Split, Details, DetailsOnAndroid, NarrowColumn, English, FiltersHidden; Map stories (its items)',
    expect: (list: SiteList) =>
      check(list.count === 10 && list.items[0]?.id === '2983', 'Mende: 10 results, France services de Mende first'),
  },
  // Each filter of the Results story, once (combinations are not recorded).
  { path: 'sites', params: { ...mende, open_now: 'true' }, why: 'Results: "Ouvert maintenant" ticked' },
  { path: 'sites', params: { ...mende, saturday: 'true' }, why: 'Results: "Ouvert le samedi" ticked' },
  { path: 'sites', params: { ...mende, kind: 'fixed,antenna,multisite' }, why: 'Results: "Accueil fixe"' },
  { path: 'sites', params: { ...mende, kind: 'bus,roaming' }, why: 'Results: "Bus et permanences itinérantes"' },
  { path: 'sites', params: { ...mende, offer: 'point-justice' }, why: 'Results: « Service proposé » Point justice (issue 16)' },
  {
    path: 'sites',
    params: { near: FAR_POINT, radius: 5, limit: 10, at: MONDAY_MORNING },
    why: 'NoResults: nothing within 5 km, the server suggests a wider radius',
    expect: (list: SiteList) => check(list.count === 0 && !!list.suggestion, 'far point: expected no result and a suggestion'),
  },
  {
    path: 'sites',
    params: { near: FAR_POINT, radius: 10, limit: 10, at: MONDAY_MORNING },
    why: 'NoResults: after "Élargir à 10 km" (the suggestion above)',
    expect: (list: SiteList) => check(list.count > 0, 'far point, 10 km: expected results'),
  },
  {
    path: 'sites',
    params: { commune: '48095', radius: 5, limit: 10, at: SUNDAY_MORNING },
    why: 'AllClosedNow: Mende within 5 km on a Sunday (both sites closed); asked again without open_now to say when the next one opens',
    expect: (list: SiteList) => check(list.count > 0, 'Mende, 5 km, Sunday: expected results'),
  },
  {
    path: 'sites',
    params: { commune: '48095', radius: 5, open_now: 'true', limit: 10, at: SUNDAY_MORNING },
    why: 'AllClosedNow: "Ouvert maintenant" on a Sunday: none, and no wider radius helps (suggestion null)',
    expect: (list: SiteList) =>
      check(list.count === 0 && list.suggestion === null, 'Mende, Sunday, open now: expected nothing, no suggestion'),
  },
  {
    path: 'sites',
    params: { commune: '99999', limit: 10, at: MONDAY_MORNING },
    why: 'UnknownCommune: the server’s 404 problem',
  },
  // The commune search: every prefix the widget asks for while "mende", "nant" or "48000" is typed.
  ...['mende', 'nant', '48000'].flatMap((word) =>
    prefixes(word).map((q): Wanted => ({
      path: 'communes',
      params: { q, limit: 8 },
      why: `Commune search: typing "${word}"`,
      expect: (list: CommuneList) => check(list.count > 0, `communes?q=${q}: expected suggestions`),
    })),
  ),
];

// ---------------------------------------------------------------------------------------------
// api.json, continued: the satisfaction results' stories.
//
// There is no public dataset of individual answers, so these are ILLUSTRATIVE: answers posted
// by this script to exercise the statistics, not real opinions. They go through the real route
// (`POST /api/v1/feedback`: validation, local day in the site's time zone, rate limit, daily
// aggregates), then the stories' figures are read back with the real `GET /stats/satisfaction`.
//
// The route refuses an `answered_at` in the future or more than 30 days old, against the
// server's clock: while it runs, the server's clock (`Date` only, with node:test's mock timers)
// is set to FEEDBACK_NOW, the stories' Monday morning, so the output never depends on the day
// the script is run.

/** The server's clock while the answers are posted: the stories' frozen Monday morning. */
const FEEDBACK_NOW = new Date(MONDAY_MORNING);

/** One answer per code: rating (T, S, P, N), resolved (y, p, n, - unanswered), channel (k, w, t). */
const RATING_CODES: Record<string, Rating> = { T: 'very-satisfied', S: 'satisfied', P: 'dissatisfied', N: 'very-dissatisfied' };
const RESOLUTION_CODES: Record<string, Resolution | undefined> = { y: 'yes', p: 'partly', n: 'no', '-': undefined };
const CHANNEL_CODES: Record<string, FeedbackChannel> = { k: 'kiosk', w: 'web', t: 'phone' };

interface FeedbackDay {
  /** Local date at the site (YYYY-MM-DD). */
  day: string;
  /** Local times of the answers (HH:MM), one per code. */
  times: string[];
  codes: string[];
}

interface FeedbackSite {
  id: string;
  why: string;
  /** UTC offset of the site in November (no DST change in the period): +01:00 in France, +04:00 in La Réunion. */
  offset: string;
  days: FeedbackDay[];
}

const FOUR_A_DAY = ['09:20', '10:45', '14:10', '16:05'];

/**
 * The answers posted. Mende: 40 answers over two working weeks (Monday 16 to Friday 27
 * November 2026), mostly from the counter kiosk, all four levels and all three resolutions (and
 * some unanswered). MSA itinérante de Lozère: 6 answers, fewer than the widget's default
 * `min-count` (30). Saint-Louis (La Réunion): 16 kiosk answers, so the network's figure is more
 * than Mende's.
 */
const FEEDBACK: FeedbackSite[] = [
  {
    id: '2983',
    why: 'Results/Site, English, NoAnswersInPeriod; part of Network',
    offset: '+01:00',
    days: [
      { day: '2026-11-16', times: FOUR_A_DAY, codes: ['Tyk', 'Syk', 'Tpk', 'Tyw'] },
      { day: '2026-11-17', times: FOUR_A_DAY, codes: ['Tyk', 'Tyk', 'Snk', 'Syk'] },
      { day: '2026-11-18', times: FOUR_A_DAY, codes: ['T-k', 'Pnk', 'Tyk', 'Syw'] },
      { day: '2026-11-19', times: FOUR_A_DAY, codes: ['Tyk', 'Spk', 'T-k', 'Tyk'] },
      { day: '2026-11-20', times: FOUR_A_DAY, codes: ['Syk', 'Tyk', 'P-w', 'Tyt'] },
      { day: '2026-11-23', times: FOUR_A_DAY, codes: ['Tyk', 'Tpk', 'Syk', 'Nnk'] },
      { day: '2026-11-24', times: FOUR_A_DAY, codes: ['Tyk', 'S-k', 'Tyk', 'Spw'] },
      { day: '2026-11-25', times: FOUR_A_DAY, codes: ['Tyk', 'Ppk', 'T-k', 'Syk'] },
      { day: '2026-11-26', times: FOUR_A_DAY, codes: ['Syk', 'Tyk', 'Tpk', 'S-w'] },
      { day: '2026-11-27', times: FOUR_A_DAY, codes: ['Tyk', 'N-k', 'Syt', 'Pyk'] },
    ],
  },
  {
    id: '3255',
    why: 'Results/TooFewAnswers (6 answers); part of Network',
    offset: '+01:00',
    days: [
      { day: '2026-11-17', times: ['11:00', '15:30'], codes: ['Syw', 'Tyt'] },
      { day: '2026-11-19', times: ['10:15'], codes: ['Spw'] },
      { day: '2026-11-24', times: ['09:40', '14:20'], codes: ['Tyw', 'P-t'] },
      { day: '2026-11-26', times: ['11:30'], codes: ['Tyw'] },
    ],
  },
  {
    id: '561',
    why: 'part of Network',
    offset: '+04:00',
    days: [
      { day: '2026-11-17', times: ['08:30', '11:15'], codes: ['Tyk', 'Syk'] },
      { day: '2026-11-18', times: ['08:30', '11:15'], codes: ['Spk', 'Tyk'] },
      { day: '2026-11-19', times: ['08:30', '11:15'], codes: ['Pnk', 'T-k'] },
      { day: '2026-11-20', times: ['08:30', '11:15'], codes: ['Tyk', 'Syk'] },
      { day: '2026-11-23', times: ['08:30', '11:15'], codes: ['S-k', 'Tyk'] },
      { day: '2026-11-24', times: ['08:30', '11:15'], codes: ['Tpk', 'Nnk'] },
      { day: '2026-11-25', times: ['08:30', '11:15'], codes: ['Tyk', 'Syk'] },
      { day: '2026-11-26', times: ['08:30', '11:15'], codes: ['Syk', 'Tyk'] },
    ],
  },
];

/**
 * Who posts: each site's counter kiosk from one address, each web answer from its own (a
 * visitor's connection), phone answers from the agent's; all documentation addresses (RFC 5737).
 * As in real life, this keeps every client under the route's rate limit (web 5, kiosk 120,
 * phone 60 an hour for one site).
 */
function clientAddress(site: number, channel: FeedbackChannel, n: number): string {
  if (channel === 'kiosk') return `198.51.100.${site}`;
  if (channel === 'phone') return `203.0.113.${site}`;
  return `192.0.2.${n}`;
}

function feedbackInputs(): Array<{ input: FeedbackInput; remoteAddress: string }> {
  const inputs: Array<{ input: FeedbackInput; remoteAddress: string }> = [];
  FEEDBACK.forEach((site, siteIndex) => {
    let n = 0;
    for (const { day, times, codes } of site.days) {
      if (times.length !== codes.length) throw new Error(`${site.id} ${day}: one time per answer`);
      codes.forEach((code, i) => {
        const [r, s, c] = code;
        const rating = RATING_CODES[r!];
        const channel = CHANNEL_CODES[c!];
        if (!rating || !(s! in RESOLUTION_CODES) || !channel) throw new Error(`${site.id} ${day}: bad code ${code}`);
        const resolved = RESOLUTION_CODES[s!];
        n++;
        inputs.push({
          input: {
            key: `story-fixture-${site.id}-${String(n).padStart(2, '0')}`,
            site_id: site.id,
            rating,
            ...(resolved ? { resolved } : {}),
            channel,
            answered_at: new Date(`${day}T${times[i]}:00${site.offset}`).toISOString(),
          },
          remoteAddress: clientAddress(siteIndex + 1, channel, inputs.length + 1),
        });
      });
    }
  });
  return inputs;
}

const feedbackCount = (id?: string) =>
  FEEDBACK.filter((s) => !id || s.id === id).reduce((n, s) => n + s.days.reduce((m, d) => m + d.codes.length, 0), 0);

/** The widget's default `min-count`: below it no figure is published. */
const MIN_COUNT = 30;

/** The statistics the stories ask for (the widget sends `site`, `from`, `to` only when set). */
const WANTED_STATS: Wanted[] = [
  {
    path: 'stats/satisfaction',
    params: { site: '2983' },
    why: 'Results/Site, English: France services de Mende, 40 answers',
    expect: (stats: SatisfactionStats) => {
      check(stats.count === feedbackCount('2983') && stats.count >= MIN_COUNT, `2983: expected ${feedbackCount('2983')} answers`);
      check(
        Object.values(stats.distribution).every((n) => n > 0),
        '2983: expected all four levels',
      );
      check(
        Object.values(stats.resolved).every((n) => n > 0),
        '2983: expected every resolution (and unanswered)',
      );
    },
  },
  {
    path: 'stats/satisfaction',
    params: { site: '3255' },
    why: 'Results/TooFewAnswers: MSA itinérante de Lozère, 6 answers',
    expect: (stats: SatisfactionStats) => check(stats.count > 0 && stats.count < MIN_COUNT, `3255: expected 1 to ${MIN_COUNT - 1} answers`),
  },
  {
    path: 'stats/satisfaction',
    params: { site: '2983', from: '2026-10-01', to: '2026-10-31' },
    why: 'Results/NoAnswersInPeriod: Mende in October 2026',
    expect: (stats: SatisfactionStats) => check(stats.count === 0 && stats.satisfied_share === null, '2983 in October: expected none'),
  },
  {
    path: 'stats/satisfaction',
    params: {},
    why: 'Results/Network: the whole network',
    expect: (stats: SatisfactionStats) =>
      check(stats.count === feedbackCount() && stats.count >= MIN_COUNT, `network: expected ${feedbackCount()} answers`),
  },
];

// ---------------------------------------------------------------------------------------------
// api.json, continued: the communication kit's key figures.
//
// ILLUSTRATIVE acts (requests handled by the agents), made up to exercise the figures, not real
// activity: recorded through the real `POST /acts` at the frozen clock, over the same two
// working weeks as the answers. Mende has more than the minimum behind each rate (30), MSA
// itinérante de Lozère fewer, Saint-Louis adds to the network.

interface KitActSite {
  id: string;
  why: string;
  /** UTC offset of the site in November. */
  offset: string;
  outcomes: Record<'solved' | 'referred' | 'follow-up', number>;
}

const KIT_ACTS: KitActSite[] = [
  {
    id: '2983',
    why: 'Key figures/Site: 48 acts, 33 solved at the first visit',
    offset: '+01:00',
    outcomes: { solved: 33, referred: 10, 'follow-up': 5 },
  },
  { id: '3255', why: 'Key figures/TooFewAnswers: 8 acts', offset: '+01:00', outcomes: { solved: 6, referred: 2, 'follow-up': 0 } },
  { id: '561', why: 'part of Key figures/Network: 12 acts', offset: '+04:00', outcomes: { solved: 9, referred: 2, 'follow-up': 1 } },
];

/** The working days of the answers (16 to 27 November 2026), and what the agents helped with. */
const KIT_DAYS = [
  '2026-11-16',
  '2026-11-17',
  '2026-11-18',
  '2026-11-19',
  '2026-11-20',
  '2026-11-23',
  '2026-11-24',
  '2026-11-25',
  '2026-11-26',
  '2026-11-27',
];
const KIT_TOPICS = [
  ['caf', 'logement'],
  ['finances-publiques', 'declaration-revenus'],
  ['assurance-maladie', 'carte-vitale'],
  ['france-travail', 'actualisation'],
  ['interieur', 'carte-grise'],
  ['assurance-retraite', 'releve-carriere'],
] as const;

const kitActCount = (id?: string) =>
  KIT_ACTS.filter((s) => !id || s.id === id).reduce((n, s) => n + s.outcomes.solved + s.outcomes.referred + s.outcomes['follow-up'], 0);

/** The site's acts, outcomes interleaved, spread over the working days from 9:00 every 40 minutes. */
function kitActInputs(site: KitActSite): ActInput[] {
  const outcomes = (['solved', 'referred', 'follow-up'] as const).flatMap((o) => Array<typeof o>(site.outcomes[o]).fill(o));
  const n = outcomes.length;
  return outcomes.map((_, i) => {
    const outcome = outcomes[(i * 7) % n]!; // 7 is coprime with each count: a permutation
    const [partner, theme] = KIT_TOPICS[i % KIT_TOPICS.length]!;
    const minutes = 9 * 60 + Math.floor(i / KIT_DAYS.length) * 40;
    const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    return {
      key: `story-fixture-act-${site.id}-${String(i + 1).padStart(2, '0')}`,
      site_id: site.id,
      partner,
      theme,
      outcome,
      ...(outcome === 'referred' ? { referred_to: partner === 'caf' ? 'msa' : 'caf' } : {}),
      channel: 'counter',
      acted_at: new Date(`${KIT_DAYS[i % KIT_DAYS.length]}T${time}:00${site.offset}`).toISOString(),
    } as ActInput;
  });
}

const db = await openDatabase({ sqlitePath: ':memory:' });
const api: Record<string, RecordedAnswer> = {};
try {
  const report = await importData(db, { now: new Date(IMPORTED_AT) });
  let catalogue = await SiteCatalogue.load(db);
  // As in server.ts, with the travel-time estimate (no routing engine).
  const reloadCatalogue = async () => {
    catalogue = await SiteCatalogue.load(db);
  };
  const ctx: AppContext = {
    db,
    catalogue: () => catalogue,
    reloadCatalogue,
    version: VERSION,
    routing: estimateProvider,
    directory: loadDirectory(),
    // The appointments' personal data is sealed at rest: a throw-away key for this in-memory database.
    sealer: new Sealer(() => randomBytes(32)),
  };
  const app = await buildApp({ ctx, logger: false, serveStatic: false });
  console.log(
    `Server loaded: ${report.sites.imported} sites, ${report.communes.imported} communes, ${report.itinerantStops.imported} bus stops`,
  );
  /** GETs each wanted answer, checks it and records it under its key. */
  const record = async (list: Wanted[]) => {
    for (const wanted of list) {
      const query = new URLSearchParams(Object.entries(wanted.params).map(([k, v]) => [k, String(v)]));
      const url = `/api/v1/${wanted.path}${query.size ? `?${query}` : ''}`;
      const res = await app.inject({ method: 'GET', url });
      const body: unknown = res.json();
      if (res.statusCode === 200) wanted.expect?.(body as never);
      else if (!wanted.why.startsWith('UnknownCommune')) throw new Error(`${url}: HTTP ${res.statusCode} ${res.body}`);
      const key = apiFixtureKey(wanted.path, wanted.params);
      api[key] = { status: res.statusCode, body };
      const count = (body as { count?: number }).count;
      console.log(
        `${res.statusCode} ${key.padEnd(72)} ${count !== undefined ? `${String(count).padStart(2)} ${wanted.path === 'stats/satisfaction' ? 'answers' : 'items'}` : ''}  ${wanted.why}`,
      );
    }
  };
  try {
    await record(WANTED_API);

    // The illustrative answers, posted at the server's frozen clock (see FEEDBACK_NOW).
    mock.timers.enable({ apis: ['Date'], now: FEEDBACK_NOW });
    try {
      for (const { input, remoteAddress } of feedbackInputs()) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/feedback', payload: input, remoteAddress });
        if (res.statusCode !== 201 || res.json<{ duplicate: boolean }>().duplicate) {
          throw new Error(`POST /feedback ${input.key}: HTTP ${res.statusCode} ${res.body}`);
        }
      }
      for (const site of FEEDBACK)
        console.log(`201 POST feedback × ${String(feedbackCount(site.id)).padStart(2)}  site ${site.id}: ${site.why}`);
      await record(WANTED_STATS);

      // The démarche stories: one illustrative case, opened and updated by an agent of Mende.
      const { token } = await createToken(db, { role: 'agent', siteId: '2983', label: 'storybook fixtures', now: FEEDBACK_NOW });
      const headers = { authorization: `Bearer ${token}` };
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers,
        payload: {
          key: 'story-fixture-case-0001',
          site_id: '2983',
          partner: 'interieur',
          demarche: 'Demande de carte grise',
          step: 'Dossier commencé avec l’agent',
          documents: ['Justificatif de domicile de moins de 6 mois', 'Certificat de cession'],
        },
      });
      if (created.statusCode !== 201) throw new Error(`POST /cases: HTTP ${created.statusCode} ${created.body}`);
      const { code } = created.json<CaseCreated>();
      mock.timers.tick(45 * 60_000);
      const patched = await app.inject({
        method: 'PATCH',
        url: `/api/v1/cases/${code}`,
        headers,
        payload: {
          key: 'story-fixture-case-0001-update-1',
          status: 'awaiting-documents',
          step: 'Pièces à apporter avant l’envoi à l’ANTS',
        },
      });
      if (patched.statusCode !== 200) throw new Error(`PATCH /cases/${code}: HTTP ${patched.statusCode} ${patched.body}`);
      console.log(`201 POST cases, 200 PATCH cases/${code}  site 2983: an illustrative case for Démarches/Tracker`);
      const recordAgent = async (path: string, params: Record<string, string>, why: string, expect: (body: never) => void) => {
        const query = new URLSearchParams(params);
        const url = `/api/v1/${path}${query.size ? `?${query}` : ''}`;
        const res = await app.inject({ method: 'GET', url, headers });
        if (res.statusCode !== 200) throw new Error(`${url}: HTTP ${res.statusCode} ${res.body}`);
        const body: unknown = res.json();
        expect(body as never);
        const key = apiFixtureKey(path, params);
        api[key] = { status: res.statusCode, body };
        console.log(`${res.statusCode} ${key.padEnd(72)}  ${why}`);
      };
      await recordAgent(`cases/${code}`, {}, 'Tracker/Case: the case, awaiting documents', (c: CasePublic) =>
        check(c.status === 'awaiting-documents' && c.history.length === 2, `cases/${code}: expected 2 events, awaiting documents`),
      );
      const day = FEEDBACK_NOW.toISOString().slice(0, 10);
      await recordAgent(
        'stats/activity',
        { site: '2983', from: day, to: day },
        'Agent log/Ready: the figures of the day',
        (st: ActivityStats) => check(typeof st.acts === 'number', 'stats/activity: expected a count of acts'),
      );

      // The partner directory's stories: the catalogue (GET /directory), and Mende's partners after
      // its agents added ILLUSTRATIVE local partners and permanences through the real routes, at
      // the frozen clock (so the next dates never change).
      await recordAgent('directory', {}, 'Partner directory: the catalogue', (d: Directory) =>
        check(d.partners.length === 9 && d.themes.length === 14 && d.demarches.length > 0, 'directory: expected 9 partners, 14 themes'),
      );
      const write = async <T>(path: string, payload: object): Promise<T> => {
        const res = await app.inject({ method: 'POST', url: `/api/v1/sites/2983/${path}`, headers, payload });
        if (res.statusCode !== 201) throw new Error(`POST sites/2983/${path}: HTTP ${res.statusCode} ${res.body}`);
        return res.json<T>();
      };
      const youth = await write<LocalPartner>('local-partners', {
        key: 'story-fixture-local-partner-1',
        name: 'Mission locale (exemple)',
        description: 'Emploi, formation, logement et santé des 16-25 ans.',
        phone: '04 65 71 00 00', // a number reserved for fiction (ARCEP)
      });
      const conciliator = await write<LocalPartner>('local-partners', {
        key: 'story-fixture-local-partner-2',
        name: 'Conciliateur de justice (exemple)',
        description: 'Litiges de voisinage, de consommation, entre propriétaire et locataire : une solution amiable, gratuite.',
      });
      const youthPermanence = await write<Permanence>('permanences', {
        key: 'story-fixture-permanence-1',
        local_partner_id: youth.id,
        recurrence: { freq: 'monthly', day: 'tu', nth: [2] },
        opens: '09:00',
        closes: '12:00',
        by_appointment: true,
        note: 'Salle du conseil, 1er étage',
      });
      await write<Permanence>('permanences', {
        key: 'story-fixture-permanence-2',
        partner: 'caf',
        recurrence: { freq: 'weekly', days: ['th'], interval: 2 },
        opens: '14:00',
        closes: '16:30',
        by_appointment: false,
        starts_on: '2026-11-26',
      });
      await write<Permanence>('permanences', {
        key: 'story-fixture-permanence-3',
        local_partner_id: conciliator.id,
        recurrence: { freq: 'appointment' },
        by_appointment: true,
        note: 'Prendre rendez-vous à l’accueil',
      });
      await recordAgent('sites/2983/partners', {}, 'Partner directory/WithSite: 2 local partners, 3 permanences', (sp: SitePartners) =>
        check(
          sp.local.length === 2 && sp.permanences.length === 3 && sp.permanences[0]!.next.length > 0,
          'sites/2983/partners: expected 2 local partners, 3 permanences with dates',
        ),
      );

      // The partner editor's stories (agents' tool): a site without local partners, with the
      // figures of the day its editor reads to check its agent's token; and the server's refusals
      // of a token, unknown (401) and another site's (403), which the fake API gives any request
      // carrying the stories' `REFUSED_TOKENS`.
      const msa = await createToken(db, { role: 'agent', siteId: '3255', label: 'storybook fixtures', now: FEEDBACK_NOW });
      const recordAnswer = async (
        key: string,
        why: string,
        status: number,
        method: 'GET' | 'POST',
        url: string,
        token: string,
        payload?: object,
      ) => {
        const res = await app.inject({
          method,
          url: `/api/v1/${url}`,
          headers: { authorization: `Bearer ${token}` },
          ...(payload ? { payload } : {}),
        });
        if (res.statusCode !== status) throw new Error(`${method} ${url}: expected HTTP ${status}, got ${res.statusCode} ${res.body}`);
        api[key] = { status, body: res.json() };
        console.log(`${status} ${key.padEnd(72)}  ${why}`);
      };
      await recordAnswer(
        'sites/3255/partners',
        'Partner editor/Empty: no local partner, no permanence',
        200,
        'GET',
        'sites/3255/partners',
        msa.token,
      );
      check((api['sites/3255/partners']!.body as SitePartners).local.length === 0, 'sites/3255/partners: expected no local partner');
      await recordAnswer(
        apiFixtureKey('stats/activity', { site: '3255', from: day, to: day }),
        'Partner editor/Empty: its token checked',
        200,
        'GET',
        `stats/activity?site=3255&from=${day}&to=${day}`,
        msa.token,
      );
      const newPartner = { key: 'story-fixture-refused-0001', name: 'Point justice' };
      await recordAnswer(
        'refused:unauthorized',
        'Partner editor/Unauthorized: an unknown token',
        401,
        'POST',
        'sites/2983/local-partners',
        REFUSED_TOKENS.unauthorized,
        newPartner,
      );
      await recordAnswer(
        'refused:forbidden',
        'Partner editor/Forbidden: a token of site 3255 for 2983',
        403,
        'POST',
        'sites/2983/local-partners',
        msa.token,
        newPartner,
      );

      // The communication kit's stories (banner, badge, key figures). The banner and the badge
      // search the nearest site to Mende (`sites?commune=48095&limit=1`); their clock is frozen by
      // the stories, not sent. The key figures: ILLUSTRATIVE acts (KIT_ACTS: made up to exercise the
      // figures, not real activity) recorded by agents through the real `POST /acts` at the frozen
      // clock, next to the illustrative answers above; then the real `GET /stats/key-figures`.
      await record([
        {
          path: 'sites',
          params: { commune: '48095', limit: 1 },
          why: 'Kit/Banner, Kit/Badge: the nearest France services to Mende',
          expect: (list: SiteList) => check(list.items[0]?.id === '2983', 'Mende: expected France services de Mende first'),
        },
        // `record` accepts an error answer only for an UnknownCommune story.
        {
          path: 'sites',
          params: { commune: '99999', limit: 1 },
          why: 'UnknownCommune (Kit/Banner, Kit/Badge NotFound): the server’s 404 problem',
        },
      ]);
      for (const site of KIT_ACTS) {
        const kitAgent = await createToken(db, { role: 'agent', siteId: site.id, label: 'storybook fixtures: kit', now: FEEDBACK_NOW });
        for (const input of kitActInputs(site)) {
          const res = await app.inject({
            method: 'POST',
            url: '/api/v1/acts',
            headers: { authorization: `Bearer ${kitAgent.token}` },
            payload: input,
          });
          if (res.statusCode !== 201) throw new Error(`POST /acts ${input.key}: HTTP ${res.statusCode} ${res.body}`);
        }
        console.log(`201 POST acts × ${String(kitActCount(site.id)).padStart(2)}  site ${site.id}: ${site.why}`);
      }
      const kitFigures = async (params: Record<string, string>, why: string, status: number, expect: (body: never) => void) => {
        const query = new URLSearchParams(params);
        const url = `/api/v1/stats/key-figures${query.size ? `?${query}` : ''}`;
        const res = await app.inject({ method: 'GET', url });
        if (res.statusCode !== status) throw new Error(`${url}: expected HTTP ${status}, got ${res.statusCode} ${res.body}`);
        const body: unknown = res.json();
        expect(body as never);
        const key = apiFixtureKey('stats/key-figures', params);
        api[key] = { status, body };
        console.log(`${status} ${key.padEnd(72)}  ${why}`);
      };
      const KIT_MIN = 30; // KEY_FIGURES_MIN_COUNT
      await kitFigures({}, 'Kit/Key figures/Network', 200, (f: KeyFigures) =>
        check(
          f.sites === 2845 && f.acts === kitActCount() && f.first_visit_share !== null && f.satisfaction.answers === feedbackCount(),
          'network: expected every act and answer',
        ),
      );
      await kitFigures({ site: '2983' }, 'Kit/Key figures/Site, English: Mende, above the minimum', 200, (f: KeyFigures) =>
        check(
          f.acts >= KIT_MIN && f.first_visit_share !== null && f.satisfaction.satisfied_share !== null && f.scope.to === '2026-11-30',
          '2983: expected both rates, up to 30 November',
        ),
      );
      await kitFigures({ site: '3255' }, 'Kit/Key figures/TooFewAnswers: MSA itinérante, below the minimum', 200, (f: KeyFigures) =>
        check(
          f.acts > 0 && f.acts < KIT_MIN && f.first_visit_share === null && f.satisfaction.satisfied_share === null,
          '3255: expected counts without rates',
        ),
      );
      await kitFigures({ site: '1' }, 'Kit/Key figures/Empty: Valserhône, nothing recorded', 200, (f: KeyFigures) =>
        check(f.acts === 0 && f.satisfaction.answers === 0, '1: expected no act and no answer'),
      );
      await kitFigures({ site: '2983', year: '2025' }, 'Kit/Key figures/PastYear: Mende in 2025', 200, (f: KeyFigures) =>
        check(f.acts === 0 && f.scope.to === '2025-12-31', '2983 in 2025: expected nothing, the whole year'),
      );
      await kitFigures({ site: '999999' }, 'Kit/Key figures/NotFound: the server’s 404 problem', 404, () => {});
      await kitFigures(
        { year: '2999' },
        'Kit/Key figures/InvalidYear: the server’s 400 problem naming year',
        400,
        (p: { invalid_params?: Array<{ name: string }> }) =>
          check(p.invalid_params?.[0]?.name === 'year', 'year=2999: expected a 400 naming year'),
      );

      // The site admin's stories (<fs-site-admin>), last, so no answer recorded above sees these
      // changes: Mende's manager (an ILLUSTRATIVE access made here) creates two ILLUSTRATIVE
      // agents' access and revokes one, publishes a closure on 24 December, changes Tuesday's
      // hours, the offers, and confirms the information, through the real routes at the frozen
      // clock; then what the manager's token may do (`access/me`), the access list and the history
      // (the default page); and what an agent of 3255 may do.
      const siteManager = await createToken(db, { role: 'manager', siteId: '2983', label: 'Responsable (exemple)', now: FEEDBACK_NOW });
      const asManager = async <T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, status: number, payload?: object) => {
        const res = await app.inject({
          method,
          url: `/api/v1/${url}`,
          headers: { authorization: `Bearer ${siteManager.token}` },
          ...(payload ? { payload } : {}),
        });
        if (res.statusCode !== status) throw new Error(`${method} ${url}: expected HTTP ${status}, got ${res.statusCode} ${res.body}`);
        console.log(`${status} ${`${method} ${url}`.padEnd(72)}  Site admin (illustrative change)`);
        return (res.body ? res.json() : undefined) as T;
      };
      const tick = () => mock.timers.tick(7 * 60_000);
      await asManager('POST', 'sites/2983/access', 201, { role: 'agent', label: 'Accueil (exemple)', expires_on: '2027-06-30' });
      tick();
      const bus = await asManager<{ access: { id: string } }>('POST', 'sites/2983/access', 201, { role: 'agent', label: 'Bus (exemple)' });
      tick();
      await asManager('DELETE', `sites/2983/access/${bus.access.id}`, 204);
      tick();
      await asManager('POST', 'sites/2983/exceptions', 201, {
        key: 'story-fixture-closure-0001',
        starts_on: '2026-12-24',
        ends_on: '2026-12-24',
        closed: true,
        hours: [],
        reason: 'congés',
      });
      tick();
      const mende = await asManager<{ hours: Record<string, Array<{ opens: string; closes: string }>> }>('GET', 'sites/2983', 200);
      const tuesday = mende.hours.tu!.map((r, i) => (i === 0 ? { ...r, closes: '12:30' } : r));
      await asManager('PUT', 'sites/2983/hours', 200, { hours: { ...mende.hours, tu: tuesday } });
      tick();
      await asManager('PUT', 'sites/2983/offers', 200, { offers: ['point-justice', 'free-wifi'] });
      tick();
      await asManager('POST', 'sites/2983/verify', 200);
      await recordAnswer(
        'sites/2983/access/me',
        'Site admin/Manager: a manager of Mende',
        200,
        'GET',
        'sites/2983/access/me',
        siteManager.token,
      );
      await recordAnswer(
        'sites/2983/access',
        'Site admin/Access: the agents’ access, one revoked',
        200,
        'GET',
        'sites/2983/access',
        siteManager.token,
      );
      const accessItems = (api['sites/2983/access']!.body as SiteAccessList).items;
      check(
        accessItems.some((a) => a.label === 'Accueil (exemple)' && a.state === 'active') &&
          accessItems.some((a) => a.label === 'Bus (exemple)' && a.state === 'revoked'),
        'sites/2983/access: expected « Accueil (exemple) » active and « Bus (exemple) » revoked',
      );
      await recordAnswer(
        'sites/2983/history',
        'Site admin/History: the changes above',
        200,
        'GET',
        'sites/2983/history',
        siteManager.token,
      );
      check((api['sites/2983/history']!.body as SiteHistory).items.length >= 7, 'sites/2983/history: expected the 7 changes');
      await recordAnswer('sites/3255/access/me', 'Site admin/Agent: an agent of 3255', 200, 'GET', 'sites/3255/access/me', msa.token);

      // The closure and outreach editors' stories (<fs-closure-editor>, <fs-outreach-editor>):
      // Mende's closures and exceptional hours after one more ILLUSTRATIVE range (training, open
      // 9 h – 12 h for three days) next to the closure on 24 December above; the Ruffecois bus's
      // stops (site 2023, imported from its file as the site's own data); empty lists for 3255.
      await asManager('POST', 'sites/2983/exceptions', 201, {
        key: 'story-fixture-closure-0002',
        starts_on: '2027-01-04',
        ends_on: '2027-01-06',
        closed: false,
        hours: [{ opens: '09:00', closes: '12:00' }],
        reason: 'formation',
      });
      await recordAnswer(
        'sites/2983/exceptions',
        'Closure editor/List: two of Mende',
        200,
        'GET',
        'sites/2983/exceptions',
        siteManager.token,
      );
      check((api['sites/2983/exceptions']!.body as { items: unknown[] }).items.length === 2, 'sites/2983/exceptions: expected 2');
      await recordAnswer('sites/3255/exceptions', 'Closure editor/Empty: none', 200, 'GET', 'sites/3255/exceptions', msa.token);
      await recordAnswer('sites/2023/stops', 'Outreach editor/List: the Ruffecois bus', 200, 'GET', 'sites/2023/stops', msa.token);
      check((api['sites/2023/stops']!.body as { items: unknown[] }).items.length > 3, 'sites/2023/stops: expected the bus’s stops');
      await recordAnswer('sites/3255/stops', 'Outreach editor/Empty: none', 200, 'GET', 'sites/3255/stops', msa.token);

      // The appointments' stories (<fs-booking>, <fs-agenda>), last: Mende's agents switch online
      // booking on (two démarches of the catalogue, the Mission locale's permanence by appointment,
      // « autre »; two desks), MSA itinérante's agents too but up to tomorrow with two days' notice
      // (so no slot is left); Valserhône takes none. ILLUSTRATIVE people then book through the
      // real public route (first names made up, e-mails of example.org, a phone of the range
      // reserved for fiction), one moves and one cancels with their codes, an agent books for
      // someone on the phone and blocks a time; every answer at the frozen clock, so the slots are
      // those of Monday 30 November 2026 (from Tuesday 1 December, after the 24-hour notice).
      const asAgentOf = (agentToken: string) => async (method: 'GET' | 'POST' | 'PUT', url: string, status: number, payload?: object) => {
        const res = await app.inject({
          method,
          url: `/api/v1/${url}`,
          headers: { authorization: `Bearer ${agentToken}` },
          ...(payload ? { payload } : {}),
        });
        if (res.statusCode !== status) throw new Error(`${method} ${url}: expected HTTP ${status}, got ${res.statusCode} ${res.body}`);
        return res.json<unknown>();
      };
      const mendeAgent = asAgentOf(token);
      const reasons = ['demarche:carte-vitale', 'demarche:declaration-revenus', `permanence:${youthPermanence.id}`, 'other'];
      await mendeAgent('PUT', 'sites/2983/booking-settings', 200, {
        enabled: true,
        duration_minutes: 30,
        capacity: 2,
        horizon_days: 28,
        min_notice_minutes: 1440,
        reasons,
      });
      await asAgentOf(msa.token)('PUT', 'sites/3255/booking-settings', 200, {
        enabled: true,
        duration_minutes: 30,
        capacity: 1,
        horizon_days: 1,
        min_notice_minutes: 2880,
        reasons: ['other'],
      });
      const recordPublic = async (key: string, why: string, expect: (body: never) => void) => {
        const res = await app.inject({ method: 'GET', url: `/api/v1/${key}` });
        if (res.statusCode !== 200) throw new Error(`${key}: HTTP ${res.statusCode} ${res.body}`);
        const body: unknown = res.json();
        expect(body as never);
        const [path, query = ''] = key.split('?');
        const fixtureKey = apiFixtureKey(path!, new URLSearchParams(query));
        api[fixtureKey] = { status: 200, body };
        console.log(`200 ${fixtureKey.padEnd(72)}  ${why}`);
        return body;
      };
      await recordPublic('sites/2983/booking', 'Booking/ChooseReason…: what Mende lets people book', (b: SiteBooking) =>
        check(b.enabled && b.reasons.length === reasons.length, 'sites/2983/booking: expected the 4 reasons'),
      );
      await recordPublic('sites/1/booking', 'Booking/NoOnlineBooking: Valserhône takes none', (b: SiteBooking) =>
        check(!b.enabled && b.reasons.length === 0, 'sites/1/booking: expected booking off'),
      );
      await recordPublic('sites/3255/booking', 'Booking/NoFreeSlot: MSA itinérante, up to tomorrow, 48 h notice', (b: SiteBooking) =>
        check(b.enabled && b.horizon_days === 1, 'sites/3255/booking: expected a one-day horizon'),
      );
      await recordPublic('sites/3255/slots?days=7&reason=other', 'Booking/NoFreeSlot: nothing after the notice', (l: SlotList) =>
        check(l.days.length === 0, 'sites/3255/slots: expected no free slot'),
      );
      const slots = (await recordPublic(
        'sites/2983/slots?days=7&reason=demarche:carte-vitale',
        'Booking/ChooseSlot, Form, Confirmation, Move: Mende’s free slots for the carte Vitale',
        (l: SlotList) =>
          check(
            l.days.length >= 3 && l.days[0]!.date === '2026-12-01' && l.days.every((d) => d.slots.every((x) => x.start > MONDAY_MORNING)),
            'sites/2983/slots: expected free slots from Tuesday 1 December, none before the frozen clock',
          ),
      )) as SlotList;
      const slotAt = (day: number, n: number) => slots.days[day]!.slots[n]!;
      /** A public booking, its answer recorded as the fake API replays it (by reason and start). */
      const book = async (n: number, start: string, person: Pick<AppointmentCreate, 'first_name' | 'reminder' | 'email' | 'phone'>) => {
        const payload: AppointmentCreate = { key: `story-fixture-appointment-000${n}`, reason: 'demarche:carte-vitale', start, ...person };
        const res = await app.inject({ method: 'POST', url: '/api/v1/sites/2983/appointments', payload });
        if (res.statusCode !== 201) throw new Error(`POST sites/2983/appointments: HTTP ${res.statusCode} ${res.body}`);
        const created = res.json<AppointmentCreated>();
        const key = appointmentWriteKey('sites/2983/appointments', payload);
        api[key] = { status: 201, body: created };
        console.log(`201 ${key.slice(0, 72).padEnd(72)}  Booking/Confirmation (illustrative person)`);
        return created;
      };
      const first = await book(1, slotAt(0, 0).start, { first_name: 'Camille', reminder: 'email', email: 'camille@example.org' });
      check(first.appointment.changeable && first.appointment.status === 'booked', 'the booking: expected a changeable appointment');
      const second = await book(2, slotAt(1, 1).start, { first_name: 'Dominique', reminder: 'sms', phone: '06 39 98 00 00' });
      await book(3, slotAt(0, 1).start, { first_name: 'Lucie', reminder: 'none' });
      /** A write with a code (`move`, `cancel`), its answer recorded by path and body. */
      const withCode = async (path: string, payload: object, why: string) => {
        const res = await app.inject({ method: 'POST', url: `/api/v1/${path}`, payload });
        if (res.statusCode !== 200) throw new Error(`POST ${path}: HTTP ${res.statusCode} ${res.body}`);
        const key = appointmentWriteKey(path, payload);
        api[key] = { status: 200, body: res.json() };
        console.log(`200 ${key.slice(0, 72).padEnd(72)}  ${why}`);
        return res.json<AppointmentPublic>();
      };
      for (const created of [first, second]) {
        await recordPublic(
          `appointments/${created.code}`,
          'Booking/LookUp, Move, Cancel: the appointment of a code',
          (a: AppointmentPublic) =>
            check(a.status === 'booked' && a.changeable, `appointments/${created.code}: expected booked, changeable`),
        );
      }
      const moved = await withCode(`appointments/${first.code}/move`, { start: slotAt(2, 0).start }, 'Booking/Move: to another day');
      check(moved.start === slotAt(2, 0).start, 'move: expected the new start');
      const cancelled = await withCode(`appointments/${second.code}/cancel`, {}, 'Booking/Cancel: cancelled with its code');
      check(cancelled.status === 'cancelled', 'cancel: expected cancelled');

      // The agenda: an agent books for someone on the phone on Tuesday, and blocks a time there.
      await mendeAgent('POST', 'sites/2983/agenda/appointments', 201, {
        key: 'story-fixture-agenda-booking-0001',
        reason: 'other',
        start: slotAt(0, 2).start,
        first_name: 'Odile',
        phone: '04 65 71 00 01',
        reminder: 'none',
      });
      const blockStart = slotAt(0, 4);
      await mendeAgent('POST', 'sites/2983/agenda/blocks', 201, {
        key: 'story-fixture-agenda-block-0001',
        resource: '*',
        start: blockStart.start,
        end: blockStart.end,
        label: 'Réunion d’équipe',
      });
      const firstDay = slots.days[0]!.date;
      await recordAnswer(
        apiFixtureKey('sites/2983/agenda', { days: 1, from: firstDay }),
        'Agenda/DayView: Tuesday 1 December',
        200,
        'GET',
        `sites/2983/agenda?days=1&from=${firstDay}`,
        token,
      );
      check(
        (api[apiFixtureKey('sites/2983/agenda', { days: 1, from: firstDay })]!.body as Agenda).appointments.length === 2,
        'the agenda of Tuesday: expected Lucie and Odile',
      );
      await recordAnswer(
        apiFixtureKey('sites/2983/agenda', { days: 7, from: '2026-11-30' }),
        'Agenda/WeekView: the week of 30 November',
        200,
        'GET',
        'sites/2983/agenda?days=7&from=2026-11-30',
        token,
      );
      await recordAnswer(
        'sites/2983/booking-settings',
        'Agenda/Settings: what Mende lets people book',
        200,
        'GET',
        'sites/2983/booking-settings',
        token,
      );
      // The agenda's Bilan at the agents' clock of the stories (Tuesday 1 December): this month's
      // figures, with the site's token (the same as the agenda's); fewer than 30 bookings, so the
      // shares and the median lead time are not given.
      const december = { site: '2983', from: '2026-12-01', to: '2026-12-31', format: 'json' };
      await recordAnswer(
        apiFixtureKey('stats/appointments', december),
        'Agenda/Report: Mende’s appointments of December',
        200,
        'GET',
        `stats/appointments?${new URLSearchParams(december)}`,
        token,
      );
      const report = api[apiFixtureKey('stats/appointments', december)]!.body as AppointmentStats;
      check(
        report.totals.bookings === 4 &&
          report.totals.cancelled === 1 &&
          report.totals.booked_by_agents === 1 &&
          report.totals.honoured_share === null,
        'stats/appointments: expected Camille, Dominique (cancelled), Lucie and Odile (by an agent), no share below 30',
      );
    } finally {
      mock.timers.reset();
    }
  } finally {
    await app.close();
  }
} finally {
  await db.destroy();
}

// Keyed by id (JSON objects with numeric keys come out in ascending order), so the diff stays
// readable when the list is refreshed.
const ordered = Object.fromEntries(
  Object.keys(sites)
    .sort((a, b) => Number(a) - Number(b))
    .map((id) => [id, sites[id]]),
);
await writeFile(OUTPUT, `${JSON.stringify(ordered, null, 2)}\n`);
for (const [id, why] of Object.entries(WANTED)) console.log(`${id.padStart(4)}  ${sites[id]!.name}  (${why})`);
console.log(`Wrote ${OUTPUT.pathname}`);
await writeFile(API_OUTPUT, `${JSON.stringify(api, null, 1)}\n`);
console.log(`Wrote ${API_OUTPUT.pathname} (${Object.keys(api).length} answers)`);
