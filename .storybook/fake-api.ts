/**
 * A fake France services API for the component catalogue ONLY, so that the widgets' states can
 * be shown without a running server. The component tests do not use it: they run against the
 * real server (see web-test-runner.config.mjs).
 *
 * It answers requests to the pseudo-origin `https://storybook.invalid` (a reserved name that
 * never resolves) and passes every other request to the real `fetch`. It only replays answers
 * recorded from the real server (`stories/fixtures/`, written by `scripts/docs/story-fixtures.ts`);
 * it never computes a search of its own:
 *
 * | URL (under `https://storybook.invalid`)  | Answer                                                          |
 * | ---------------------------------------- | --------------------------------------------------------------- |
 * | `/api/v1/sites/<id>`                     | `sites.json` (real ANCT data), or 404                           |
 * | `/api/v1/sites?…`, `/api/v1/communes?…`, | the answer recorded in `api.json` for the same parameters, else |
 * | `/api/v1/stats/satisfaction?…`,          | 404 for a `commune` that no recorded search starts from (as the |
 * | `/api/v1/stats/key-figures?…`,           |                                                                 |
 * | `/api/v1/stats/appointments?…`           |                                                                 |
 * |                                          | server says for an unknown INSEE code), else 501 (not recorded) |
 * | `/api/v1/cases/<code>`                   | the case recorded in `api.json` (`cases/XXXX-XXXX-XXC`), else   |
 * |                                          | 404 (a well-formed code that no case has)                       |
 * | `/api/v1/stats/activity?…`               | recorded, as the searches; a one-day request (`from` = `to`) of  |
 * |                                          | another day gets the site's recorded day, dated that day (below) |
 * | `/api/v1/directory`,                     | the answer recorded in `api.json` under the same path (the       |
 * | `/api/v1/sites/<id>/partners`            | catalogue; Mende's local partners and permanences), else 404     |
 * | `POST /api/v1/feedback`, `POST …/acts`   | 201 `WriteReceipt` `{ id, key, duplicate: false }`; 200          |
 * |                                          | `duplicate: true` for a key already received by this page; 400  |
 * |                                          | problem for a body that is not a `FeedbackInput` / `ActInput`    |
 * | any request with a `REFUSED_TOKENS` token | the real server's refusal recorded in `api.json`: 401 for an     |
 * |                                          | unknown token, 403 for another site's (the agents' tools)        |
 * | `/api/v1/observatory/…` (GET),           | the network observatory's answers recorded in `observatory.json` |
 * | `/api/v1/departements/outlines`,         | (`scripts/docs/observatory-fixtures.ts`), as the searches; the   |
 * | `POST …/observatory/coverage/what-if`    | what-if by its query and body (`whatIfFixtureKey`), else 501     |
 * | `/api/v1/sites/<id>/booking`,            | the answer recorded in `api.json` under the same path (booking   |
 * | `…/booking-settings`, `…/slots?…`,        | on at Mende, off at Valserhône, no slot left at MSA itinérante;  |
 * | `…/agenda?…`, `/api/v1/appointments/<code>` | Mende's agenda), as the searches; an unrecorded code: 404       |
 * | `POST …/sites/<id>/appointments`,        | the real server's answer recorded for the same reason and slot   |
 * | `POST /appointments/<code>/move\|cancel` | (`appointmentWriteKey`), else 501                                |
 * | `/pending/api/v1/…`                      | never answers (loading state)                                   |
 * | `/unavailable/api/v1/…`                  | 503 problem+json (error state)                                  |
 * | `/offline/api/v1/…`                      | rejects like a network failure (offline)                        |
 * | `/pending/widgets/…`, `/unavailable/…`,  | the same three states for the widgets' files (the configurator's |
 * | `/offline/widgets/…`                     | manifest); `/widgets/…` itself answers 404                       |
 *
 * Matching: a recorded answer is found by `apiFixtureKey` — the path under `/api/v1/` and the
 * query parameters sorted by name, decoded (`sites?at=2026-11-30T09:00:00.000Z&commune=48095&limit=10`).
 * The order of the parameters and their percent-encoding do not matter; every parameter does
 * (a search with one more filter is another search). `q` of `/communes` is compared in lower
 * case, as the server ignores case. Only recorded searches answer: typing in a story's search
 * box works for the prefixes of "mende", "nant" and "48000"; other words get the 501, which the
 * widgets show as their error state (the browser console says why).
 *
 * The agents' log asks for the figures of the device's today (`stats/activity?site=…&from=<today>&to=<today>`),
 * which no recording can know in advance: for a one-day request with no recording of its own,
 * the fake gives the site's recorded day (a real answer of the server for a day with the
 * fixture case and no logged act) with its `scope` dated the asked day. The `Authorization`
 * header is not checked (no token is valid or invalid here); writes of cases (`POST /cases`,
 * `PATCH /cases/<code>`) are not faked (405).
 *
 * `POST /feedback` and `POST /acts` are the answers not replayed: the satisfaction widget's outbox only needs
 * the server's acknowledgement (nothing of it is shown), so the fake gives the receipt the real
 * route gives a new answer, and keeps nothing (the results' figures are the recorded ones).
 * With the `/offline/` prefix it rejects like a network failure, so the answer stays queued in
 * the outbox (IndexedDB); `/unavailable/` answers 503, which the outbox also keeps for later.
 *
 * Errors are `application/problem+json` with `{ type, title, status, detail }`, as the server
 * sends them.
 */
export const FAKE_ORIGIN = 'https://storybook.invalid';

/** One answer of the real server, as recorded by `scripts/docs/story-fixtures.ts`. */
export interface RecordedAnswer {
  status: number;
  body: unknown;
}

export interface FakeApiFixtures {
  /** Sites by id (`GET /sites/<id>`). */
  sites: Readonly<Record<string, unknown>>;
  /** Recorded answers by `apiFixtureKey` (`GET /sites?…`, `/communes?…`, `/stats/…?…`, `/cases/<code>`). */
  api: Readonly<Record<string, RecordedAnswer>>;
}

/**
 * The key of a request in `api.json`: path under `/api/v1/`, then the parameters sorted by name
 * (then value), decoded. Also used by `scripts/docs/story-fixtures.ts`, so both sides agree.
 */
export function apiFixtureKey(path: string, params: URLSearchParams | Record<string, string | number | boolean>): string {
  const entries = (params instanceof URLSearchParams ? [...params] : Object.entries(params).map(([k, v]) => [k, String(v)]))
    .map(([k, v]) => [k, k === 'q' && path === 'communes' ? v!.toLowerCase() : v!] as const)
    .sort(([a, x], [b, y]) => (a === b ? x.localeCompare(y) : a.localeCompare(b)));
  return entries.length ? `${path}?${entries.map(([k, v]) => `${k}=${v}`).join('&')}` : path;
}

/** A value with its objects' keys sorted, as JSON: two bodies with the same content give the same text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The key of the observatory's what-if (a POST that computes, writes nothing): the request's key
 * and its body, canonical. Also used by `scripts/docs/observatory-fixtures.ts`.
 */
export function whatIfFixtureKey(path: string, params: URLSearchParams | Record<string, string>, body: unknown): string {
  return `POST ${apiFixtureKey(path, params)} ${canonicalJson(body)}`;
}

/** The booking's writes the fake replays: a public booking, and a move or a cancellation with a code. */
const APPOINTMENT_WRITE = /^(sites\/[^/]+\/appointments|appointments\/[^/]+\/(move|cancel))$/;

/**
 * The key of a booking's write in `api.json`: `POST <path> <body>`, the body canonical. A public
 * booking is matched on its reason and slot only (the idempotency key is new at each try, and the
 * person's name and contact are not what the answer depends on). Also used by
 * `scripts/docs/story-fixtures.ts`.
 */
export function appointmentWriteKey(path: string, body: unknown): string {
  const b = (body ?? {}) as Record<string, unknown>;
  return whatIfFixtureKey(path, {}, path.endsWith('/appointments') ? { reason: b.reason, start: b.start } : b);
}

const PROBLEMS = 'https://fs-widgets.dev/problems/';

const problem = (status: number, title: string, detail: string, type = 'about:blank'): Response =>
  new Response(JSON.stringify({ type, title, status, detail }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

const recorded = ({ status, body }: RecordedAnswer): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });

/** Rejects when the request is aborted (the widget moved on, or the client timed out). */
function never(signal: AbortSignal | null | undefined): Promise<Response> {
  return new Promise((_resolve, reject) => {
    const abort = () => reject(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
  });
}

/** The communes some recorded search starts from (`sites?commune=…`). */
function knownCommunes(api: FakeApiFixtures['api']): Set<string> {
  const known = new Set<string>();
  for (const key of Object.keys(api)) {
    const [path, query = ''] = key.split('?');
    const commune = new URLSearchParams(query).get('commune');
    if (path === 'sites' && commune) known.add(commune.toUpperCase());
  }
  return known;
}

/** The recorded GETs (searches and statistics), by their parameters. */
const RECORDED_PATHS = new Set([
  'sites',
  'communes',
  'stats/satisfaction',
  'stats/activity',
  'stats/key-figures',
  'stats/appointments',
  // The network observatory's (stories/fixtures/observatory.json).
  'observatory/summary',
  'observatory/sites',
  'observatory/activity',
  'observatory/appointments',
  'observatory/composition',
  'observatory/freshness',
  'observatory/carriers',
  'observatory/coverage',
  'observatory/coverage/communes',
]);

function search(path: string, url: URL, { api }: FakeApiFixtures, communes: Set<string>): Response {
  const key = apiFixtureKey(path, url.searchParams);
  const answer = Object.hasOwn(api, key) ? api[key] : undefined;
  if (answer) return recorded(answer);
  const day = url.searchParams.get('from');
  if (path === 'stats/activity' && day && url.searchParams.get('to') === day) {
    const site = url.searchParams.get('site') ?? '';
    const sameSite = Object.entries(api).find(([k]) => {
      const [p, q = ''] = k.split('?');
      const params = new URLSearchParams(q);
      return p === path && params.get('site') === site && params.get('from') === params.get('to') && params.get('from');
    });
    if (sameSite) {
      const { status, body } = sameSite[1] as { status: number; body: { scope: Record<string, unknown> } };
      return recorded({ status, body: { ...body, scope: { ...body.scope, from: day, to: day } } });
    }
  }
  const commune = url.searchParams.get('commune')?.trim().toUpperCase();
  if (path === 'sites' && commune && !communes.has(commune)) {
    return problem(
      404,
      'Unknown commune',
      `No commune has the INSEE code ${commune} (Storybook fake: only the communes of stories/fixtures/api.json are known).`,
      `${PROBLEMS}unknown-commune`,
    );
  }
  console.warn(`[fake API] no recorded answer for "${key}": add it to scripts/docs/story-fixtures.ts and run it, or use the real server.`);
  return problem(501, 'Not Implemented', `Storybook fake API: no recorded answer for "${key}" (see stories/fixtures/README.md).`);
}

/** Idempotency keys of the answers this page has sent (the real server answers a repeat 200 `duplicate: true`). */
const received = new Set<string>();

const KEY = /^[A-Za-z0-9_-]{16,64}$/;

/** The fields a write must have, as strings, to be taken for its input type. */
const WRITES: Record<string, { input: string; fields: string[] }> = {
  feedback: { input: 'FeedbackInput', fields: ['site_id', 'rating', 'channel', 'answered_at'] },
  acts: { input: 'ActInput', fields: ['site_id', 'partner', 'theme', 'outcome', 'channel', 'acted_at'] },
};

/** `POST /feedback`, `POST /acts`: the real route's receipt for a body shaped like its input. */
function receipt(text: string, { input, fields }: { input: string; fields: string[] }): Response {
  let body: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    /* answered below */
  }
  const key = body?.key;
  const missing = fields.filter((name) => typeof body?.[name] !== 'string');
  if (typeof key !== 'string' || !KEY.test(key) || missing.length) {
    return problem(400, 'Bad Request', `Storybook fake API: not a ${input} (key, ${missing.join(', ') || 'site_id, …'}).`);
  }
  const duplicate = received.has(key);
  received.add(key);
  return new Response(JSON.stringify({ id: crypto.randomUUID(), key, duplicate }), {
    status: duplicate ? 200 : 201,
    headers: { 'content-type': 'application/json' },
  });
}

async function answer(
  method: string,
  url: URL,
  body: () => Promise<string>,
  fixtures: FakeApiFixtures,
  communes: Set<string>,
  signal: AbortSignal | null | undefined,
): Promise<Response> {
  const [, mode, root, path] = url.pathname.match(/^\/(?:(pending|unavailable|offline)\/)?(api\/v1|widgets)\/(.*)$/) ?? [];
  if (path === undefined) return problem(404, 'Not Found', `No route for ${url.pathname}`);
  // No network, or a server that never answers: whatever the request (a write the fake does not
  // replay too, so an agents' tool keeps it in its outbox as it would offline).
  if (mode === 'pending') return never(signal);
  if (mode === 'offline') throw new TypeError('Failed to fetch');
  // The observatory's what-if: the answer recorded for the same query and body, else 501.
  if (path === 'observatory/coverage/what-if' && method === 'POST' && !mode) {
    const key = whatIfFixtureKey(path, url.searchParams, JSON.parse((await body()) || 'null'));
    if (Object.hasOwn(fixtures.api, key)) return recorded(fixtures.api[key]!);
    return problem(501, 'Not Implemented', `Storybook fake API: no recorded what-if for "${key}".`);
  }
  // A booking, a move, a cancellation: the real server's answer recorded for the same slot, else 501.
  if (method === 'POST' && APPOINTMENT_WRITE.test(path)) {
    if (mode === 'unavailable') return problem(503, 'Service Unavailable', 'The service is temporarily unavailable (Storybook fake).');
    const key = appointmentWriteKey(decodeURIComponent(path), JSON.parse((await body()) || 'null'));
    if (Object.hasOwn(fixtures.api, key)) return recorded(fixtures.api[key]!);
    return problem(501, 'Not Implemented', `Storybook fake API: no recorded answer for "${key}" (see stories/fixtures/README.md).`);
  }
  const write = Object.hasOwn(WRITES, path) ? WRITES[path] : undefined;
  if (write ? method !== 'POST' : method !== 'GET' && method !== 'HEAD') {
    return problem(405, 'Method Not Allowed', `${method} is not supported`);
  }
  if (mode === 'unavailable') return problem(503, 'Service Unavailable', 'The service is temporarily unavailable (Storybook fake).');
  // The widgets' files (the configurator's manifest): only their loading, error and offline states are faked.
  if (root === 'widgets')
    return problem(404, 'Not Found', `Storybook fake: no ${url.pathname} (stories give the configurator its manifest).`);
  if (write) return receipt(await body(), write);
  // Answers recorded for a path without parameters (`directory`, `sites/<id>/partners`).
  if (!url.search && Object.hasOwn(fixtures.api, path) && !path.startsWith('cases/')) return recorded(fixtures.api[path]!);
  const caseCode = path.match(/^cases\/([^/]+)$/);
  if (caseCode) {
    const code = decodeURIComponent(caseCode[1]!).toUpperCase();
    const found = Object.hasOwn(fixtures.api, `cases/${code}`) ? fixtures.api[`cases/${code}`] : undefined;
    return found ? recorded(found) : problem(404, 'Not found', `No case has the code ${code}.`, `${PROBLEMS}not-found`);
  }
  // A booking code: the appointment recorded (`appointments/XXXX-XXXX-XXC`), else 404 as the server says.
  const appointment = path.match(/^appointments\/([^/]+)$/);
  if (appointment) {
    const code = decodeURIComponent(appointment[1]!).toUpperCase();
    const found = Object.hasOwn(fixtures.api, `appointments/${code}`) ? fixtures.api[`appointments/${code}`] : undefined;
    return found ? recorded(found) : problem(404, 'Not found', `No appointment has the code ${code}.`, `${PROBLEMS}not-found`);
  }
  const site = path.match(/^sites\/([^/]+)$/);
  if (site) {
    const id = decodeURIComponent(site[1]!);
    const found = Object.hasOwn(fixtures.sites, id) ? fixtures.sites[id] : undefined;
    return found
      ? recorded({ status: 200, body: found })
      : problem(404, 'Not Found', `No France services site has the id "${id}".`, `${PROBLEMS}not-found`);
  }
  if (RECORDED_PATHS.has(path) || /^sites\/[^/]+\/(slots|agenda)$/.test(path)) return search(path, url, fixtures, communes);
  return problem(404, 'Not Found', `No route for ${url.pathname}`);
}

/**
 * Agent tokens the stories store to show a refused token (well-formed, valid nowhere): a request
 * carrying one gets the real server's answer recorded in `api.json` under `refused:<kind>`
 * (`scripts/docs/story-fixtures.ts`), whatever it asks. Any other token is not checked.
 */
export const REFUSED_TOKENS = {
  unauthorized: `fsw_000000000401.${'storybook-unknown-token'.padEnd(43, '0')}`,
  forbidden: `fsw_000000000403.${'storybook-token-of-another-site'.padEnd(43, '0')}`,
} as const;

function refusal(authorization: string | null, { api }: FakeApiFixtures): Response | undefined {
  const token = authorization?.replace(/^Bearer\s+/i, '');
  const kind = (Object.keys(REFUSED_TOKENS) as (keyof typeof REFUSED_TOKENS)[]).find((k) => REFUSED_TOKENS[k] === token);
  const answer = kind && Object.hasOwn(api, `refused:${kind}`) ? api[`refused:${kind}`] : undefined;
  return answer && recorded(answer);
}

let installed = false;

/** Wraps the global `fetch` once; requests to other origins go to the real one untouched. */
export function installFakeApi(fixtures: FakeApiFixtures): void {
  if (installed) return;
  installed = true;
  const communes = knownCommunes(fixtures.api);
  const realFetch = globalThis.fetch.bind(globalThis);
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request ? request.url : String(input), document.baseURI);
    if (url.origin !== FAKE_ORIGIN) return realFetch(input, init);
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    // The widgets' client calls fetch(url, init) (a write's body in `init.body`); a Request is read too.
    const body = async () => (request ? request.clone().text() : typeof init?.body === 'string' ? init.body : '');
    const refused = refusal(request ? request.headers.get('authorization') : new Headers(init?.headers).get('authorization'), fixtures);
    if (refused) return Promise.resolve(refused);
    return answer(method, url, body, fixtures, communes, init?.signal ?? request?.signal);
  };
}
