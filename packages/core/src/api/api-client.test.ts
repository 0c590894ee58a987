import { expect } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import type { Site } from '@fs-widgets/contract';
import { ApiClient } from './api-client.js';
import { ApiError } from './api-error.js';
import { ApiResource } from './api-resource.js';
import { clearOfflineCache, pendingApi, realApi, until } from '../../../../test-support/component-test-env.js';

/** Every `fetch` the page makes while `run` runs, by URL (the widgets' requests all go through it). */
async function countFetches<T>(run: () => Promise<T>): Promise<{ result: T; calls: string[] }> {
  const calls: string[] = [];
  const original = window.fetch;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(input instanceof Request ? input.url : String(input));
    return original(input, init);
  };
  try {
    return { result: await run(), calls };
  } finally {
    window.fetch = original;
  }
}

/** The requests Chromium made for `url`, from Resource Timing (what went on the network). */
const networkRequests = (url: string) => performance.getEntriesByType('resource').filter((e) => e.name === url).length;

describe('ApiClient: identical GETs in flight are sent once', () => {
  beforeEach(() => {
    performance.setResourceTimingBufferSize(2000);
    performance.clearResourceTimings();
  });

  it('four clients asking for the same site at once make one request; each gets its own copy', async () => {
    const url = `${realApi()}/sites/2983`;
    const clients = [1, 2, 3, 4].map(() => new ApiClient(realApi()));
    const { result: sites, calls } = await countFetches(() => Promise.all(clients.map((c) => c.get<Site>('sites/2983'))));
    expect(calls).to.deep.equal([url]);
    await until(() => networkRequests(url) > 0, 'the request in Resource Timing');
    expect(networkRequests(url)).to.equal(1);
    expect(sites.map((s) => s.name)).to.deep.equal(Array(4).fill('France services de Mende'));
    // Parsed once per caller: a widget changing its answer does not change another's.
    expect(new Set(sites).size).to.equal(4);
    sites[0]!.name = 'changed';
    expect(sites[1]!.name).to.equal('France services de Mende');
  });

  it('shares only while in flight: the same GET once answered is sent again (no cache here)', async () => {
    const client = new ApiClient(realApi());
    const { calls } = await countFetches(async () => {
      await client.get('sites/2983');
      await client.get('sites/2983');
    });
    expect(calls).to.have.length(2);
  });

  it('different URLs, headers (an agent token) or a cache-bypassing read are not shared', async () => {
    const client = new ApiClient(realApi());
    const { calls } = await countFetches(() =>
      Promise.all([
        client.get('sites/2983'),
        client.get('sites/3'),
        client.get('sites/2983', { headers: { authorization: 'Bearer x' } }).catch(() => undefined),
        client.get('sites/2983', { cache: 'no-cache' }),
        client.get('sites/2983', { cache: 'no-cache' }),
      ]),
    );
    expect(calls).to.have.length(5);
  });

  it('one caller cancelling does not cancel the others; all cancelling ends the request', async () => {
    const client = new ApiClient(realApi());
    const gone = new AbortController();
    const { result, calls } = await countFetches(async () => {
      const kept = client.get<Site>('sites/2983');
      const cancelled = client.get<Site>('sites/2983', { signal: gone.signal });
      gone.abort();
      const error = await cancelled.catch((err: unknown) => err);
      return { site: await kept, error };
    });
    expect(calls).to.have.length(1);
    expect((result.error as DOMException).name).to.equal('AbortError');
    expect(result.site.name).to.equal('France services de Mende');

    // A server that never answers: both callers leave, the shared request is cancelled, and the
    // next caller starts a request of its own instead of waiting on the cancelled one.
    const pending = new ApiClient(pendingApi);
    const a = new AbortController();
    const b = new AbortController();
    const { result: errors, calls: pendingCalls } = await countFetches(async () => {
      const first = pending.get('sites/1', { signal: a.signal }).catch((err: unknown) => err);
      const second = pending.get('sites/1', { signal: b.signal }).catch((err: unknown) => err);
      a.abort();
      b.abort();
      const gone = await Promise.all([first, second]);
      const third = new AbortController();
      const next = pending.get('sites/1', { signal: third.signal }).catch((err: unknown) => err);
      third.abort();
      return [...gone, await next];
    });
    expect(errors.map((e) => (e as DOMException).name)).to.deep.equal(['AbortError', 'AbortError', 'AbortError']);
    expect(pendingCalls).to.have.length(2);
  });

  it('an already cancelled call makes no request', async () => {
    const client = new ApiClient(realApi());
    const { result, calls } = await countFetches(() => client.get('sites/2983', { signal: AbortSignal.abort() }).catch((e: unknown) => e));
    expect((result as DOMException).name).to.equal('AbortError');
    expect(calls).to.have.length(0);
  });
});

/** A minimal widget: one resource, and what it saw of its first render. */
class ResourceProbe extends LitElement {
  static override properties = { siteId: { attribute: 'site-id' } };
  declare siteId: string;
  client = new ApiClient(realApi());
  readonly site = new ApiResource<Site>(this, () => (this.siteId ? { client: this.client, path: `sites/${this.siteId}` } : undefined));
  /** How many fetches had left when the first render ran. */
  fetchesAtFirstRender: number | undefined;
  override render() {
    this.fetchesAtFirstRender ??= fetchCount;
    return html`${this.site.state.status === 'ready' ? this.site.state.data.name : '…'}`;
  }
}
customElements.define('fs-test-resource-probe', ResourceProbe);
let fetchCount = 0;

describe('ApiResource: the request leaves as soon as the element knows what to ask', () => {
  beforeEach(() => clearOfflineCache());

  it('before the first render, without waiting for the offline copy to be read', async () => {
    const original = window.fetch;
    fetchCount = 0;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      fetchCount++;
      return original(input, init);
    };
    try {
      const el = document.createElement('fs-test-resource-probe') as ResourceProbe;
      el.setAttribute('site-id', '2983');
      document.body.append(el);
      await el.updateComplete;
      expect(el.fetchesAtFirstRender).to.equal(1);
      await until(() => el.shadowRoot!.textContent!.includes('Mende'), 'the site');
      el.remove();
    } finally {
      window.fetch = original;
    }
  });
});

/**
 * Answers `fetch` from a script of responses (a narrow unit test of the retry rules; the
 * real server is used above and in every widget's tests). Records each call's method and body.
 */
async function scripted<T>(answers: Array<() => Response | Promise<Response>>, run: () => Promise<T>) {
  const calls: Array<{ url: string; method: string; body?: string; at: number }> = [];
  const original = window.fetch;
  const started = performance.now();
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({
      url: String(input),
      method: init?.method ?? 'GET',
      body: init?.body as string | undefined,
      at: performance.now() - started,
    });
    const next = answers.shift();
    if (!next) return Promise.reject(new Error('no answer scripted'));
    return new Promise<Response>((resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal!.reason), { once: true });
      Promise.resolve(next()).then(resolve, reject);
    });
  };
  try {
    const result = await run().then(
      (value) => ({ value, error: undefined }),
      (error: unknown) => ({ value: undefined, error }),
    );
    return { ...result, calls };
  } finally {
    window.fetch = original;
  }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const problem = (status: number, detail: string, headers: Record<string, string> = {}) =>
  json(status, { type: 'about:blank', title: 'Problem', status, detail }, { 'content-type': 'application/problem+json', ...headers });

describe('ApiClient: timeouts, retries and errors', () => {
  it('a GET is tried again after a 503 and a network failure, waiting 0.3 s then 0.6 s', async () => {
    const { value, calls } = await scripted(
      [() => problem(503, 'busy'), () => Promise.reject(new TypeError('Failed to fetch')), () => json(200, { id: '2983' })],
      () => new ApiClient('https://api.example/api/v1').get<{ id: string }>('sites/2983'),
    );
    expect(value).to.deep.equal({ id: '2983' });
    expect(calls).to.have.length(3);
    expect(calls[1]!.at - calls[0]!.at).to.be.within(280, 1000);
    expect(calls[2]!.at - calls[1]!.at).to.be.within(580, 1500);
  });

  it('gives up after two retries, with the kind of the last failure', async () => {
    const { error, calls } = await scripted([() => problem(502, 'a'), () => problem(502, 'b'), () => problem(504, 'gateway')], () =>
      new ApiClient('https://api.example/api/v1').get('sites/2983'),
    );
    expect(calls).to.have.length(3);
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).kind).to.equal('server');
    expect((error as ApiError).message).to.equal('gateway');
  });

  it('a 429 asking for 1 s is waited for; one asking for 60 s is not (the widget says so, with the delay)', async () => {
    const short = await scripted([() => problem(429, 'slow down', { 'retry-after': '1' }), () => json(200, [])], () =>
      new ApiClient('https://api.example/api/v1').get('communes', { searchParams: { q: 'mend' } }),
    );
    expect(short.value).to.deep.equal([]);
    expect(short.calls[1]!.at - short.calls[0]!.at).to.be.within(950, 2000);
    const long = await scripted([() => problem(429, 'Trop de demandes', { 'retry-after': '60' })], () =>
      new ApiClient('https://api.example/api/v1').get('communes', { searchParams: { q: 'mend' } }),
    );
    expect(long.calls).to.have.length(1);
    expect((long.error as ApiError).kind).to.equal('invalid');
    expect((long.error as ApiError).status).to.equal(429);
    expect((long.error as ApiError).retryAfterSeconds).to.equal(60);
  });

  it('a 404 or a 400 is not tried again and carries the problem', async () => {
    const notFound = await scripted([() => problem(404, 'No site 1')], () => new ApiClient('https://api.example/api/v1').get('sites/1'));
    expect(notFound.calls).to.have.length(1);
    expect((notFound.error as ApiError).kind).to.equal('not-found');
    expect((notFound.error as ApiError).problem?.detail).to.equal('No site 1');
    const invalid = await scripted([() => problem(400, 'limit must be ≤ 50')], () =>
      new ApiClient('https://api.example/api/v1').get('sites'),
    );
    expect(invalid.calls).to.have.length(1);
    expect((invalid.error as ApiError).kind).to.equal('invalid');
  });

  it('an attempt that takes longer than the timeout ends as a timeout, not retried', async () => {
    const { error, calls } = await scripted([() => new Promise<Response>(() => {})], () =>
      new ApiClient('https://api.example/api/v1', 200).get('sites/2983'),
    );
    expect(calls).to.have.length(1);
    expect((error as ApiError).kind).to.equal('timeout');
  });

  it('no answer at all is "offline" after the retries', async () => {
    const offline = () => Promise.reject(new TypeError('Failed to fetch'));
    const { error, calls } = await scripted([offline, offline, offline], () =>
      new ApiClient('https://api.example/api/v1').get('sites/2983'),
    );
    expect(calls).to.have.length(3);
    expect((error as ApiError).kind).to.equal('offline');
  });

  it('cancelling during the wait before a retry stops there', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 100);
    const { error, calls } = await scripted([() => problem(503, 'busy'), () => json(200, {})], () =>
      new ApiClient('https://api.example/api/v1').get('sites/2983', { signal: stop.signal }),
    );
    expect(calls).to.have.length(1);
    expect((error as DOMException).name).to.equal('AbortError');
  });

  it('a write is sent once as JSON, never retried, and reads its answer', async () => {
    const client = new ApiClient('https://api.example/api/v1');
    const created = await scripted([() => json(201, { key: 'k1' })], () => client.post('feedback', { key: 'k1', rating: 'satisfied' }));
    expect(created.value).to.deep.equal({ key: 'k1' });
    expect(created.calls).to.deep.equal([
      { url: 'https://api.example/api/v1/feedback', method: 'POST', body: '{"key":"k1","rating":"satisfied"}', at: created.calls[0]!.at },
    ]);
    const failed = await scripted([() => problem(503, 'busy'), () => json(201, {})], () => client.post('feedback', { key: 'k2' }));
    expect(failed.calls).to.have.length(1);
    expect((failed.error as ApiError).kind).to.equal('server');
    const removed = await scripted([() => new Response(null, { status: 204 })], () => client.delete('sites/2983/permanences/p1'));
    expect(removed.error).to.equal(undefined);
    expect(removed.calls[0]!.method).to.equal('DELETE');
  });

  it('against the real server: a site, and a problem for a bad parameter', async () => {
    const client = new ApiClient(realApi());
    expect((await client.get<Site>('sites/2983')).name).to.equal('France services de Mende');
    const error = await client.get('sites', { searchParams: { near: 'nowhere' } }).catch((e: unknown) => e);
    expect((error as ApiError).kind).to.equal('invalid');
    expect((error as ApiError).problem?.invalid_params?.[0]?.name).to.equal('near');
  });
});
