/**
 * A fake France services API for the component catalogue ONLY, so that the network states can
 * be shown without a running server. The component tests do not use it: they run against the
 * real server (see web-test-runner.config.mjs).
 *
 * It answers requests to the pseudo-origin `https://storybook.invalid` (a reserved name that
 * never resolves) and passes every other request to the real `fetch`:
 *
 * | URL                                                | Answer                                     |
 * | -------------------------------------------------- | ------------------------------------------ |
 * | `https://storybook.invalid/api/v1/sites/<id>`      | the fixture (real ANCT data), or 404       |
 * | `https://storybook.invalid/pending/api/v1/…`       | never answers (loading state)              |
 * | `https://storybook.invalid/unavailable/api/v1/…`   | 503 problem+json (error state)             |
 * | `https://storybook.invalid/offline/api/v1/…`       | rejects like a network failure (offline)   |
 *
 * Errors are `application/problem+json` with `{ type, title, status, detail }`, as the server
 * sends them.
 */
export const FAKE_ORIGIN = 'https://storybook.invalid';

const problem = (status: number, title: string, detail: string): Response =>
  new Response(JSON.stringify({ type: 'about:blank', title, status, detail }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

const json = (body: unknown): Response =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

/** Rejects when the request is aborted (the widget moved on, or the client timed out). */
function never(signal: AbortSignal | null | undefined): Promise<Response> {
  return new Promise((_resolve, reject) => {
    const abort = () => reject(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
  });
}

function answer(url: URL, sites: Readonly<Record<string, unknown>>, signal: AbortSignal | null | undefined): Promise<Response> {
  const [, mode, path] = url.pathname.match(/^\/(?:(pending|unavailable|offline)\/)?(api\/v1\/.*)$/) ?? [];
  if (!path) return Promise.resolve(problem(404, 'Not Found', `No route for ${url.pathname}`));
  if (mode === 'pending') return never(signal);
  if (mode === 'offline') return Promise.reject(new TypeError('Failed to fetch'));
  if (mode === 'unavailable') {
    return Promise.resolve(problem(503, 'Service Unavailable', 'The service is temporarily unavailable (Storybook fake).'));
  }
  const site = path.match(/^api\/v1\/sites\/([^/]+)$/);
  if (site) {
    const id = decodeURIComponent(site[1]!);
    const found = Object.hasOwn(sites, id) ? sites[id] : undefined;
    return Promise.resolve(found ? json(found) : problem(404, 'Not Found', `No France services site has the id "${id}".`));
  }
  return Promise.resolve(problem(404, 'Not Found', `No route for ${url.pathname}`));
}

let installed = false;

/** Wraps the global `fetch` once; requests to other origins go to the real one untouched. */
export function installFakeApi(sites: Readonly<Record<string, unknown>>): void {
  if (installed) return;
  installed = true;
  const realFetch = globalThis.fetch.bind(globalThis);
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request ? request.url : String(input), document.baseURI);
    if (url.origin !== FAKE_ORIGIN) return realFetch(input, init);
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return Promise.resolve(problem(405, 'Method Not Allowed', `${method} is not supported`));
    return answer(url, sites, init?.signal ?? request?.signal);
  };
}
