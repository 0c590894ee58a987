import { expect } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import type { Site } from '@fs-widgets/contract';
import { ApiClient } from './api-client.js';
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
