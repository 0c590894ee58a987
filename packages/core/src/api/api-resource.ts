import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiClient, SearchParams } from './api-client.js';
import { ApiError } from './api-error.js';
import { responseCache } from './response-cache.js';

export interface ResourceRequest {
  client: ApiClient;
  path: string;
  searchParams?: SearchParams;
  /** The browser's HTTP cache mode for the network request (see `GetOptions.cache`). */
  cache?: RequestCache;
}

export type ResourceState<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | {
      status: 'ready';
      data: T;
      /** Shown from the offline copy: `savedAt` says how old it is. */
      fromCache: boolean;
      savedAt?: Date;
      /** The refresh failed because the network is down: say so next to the data. */
      offline: boolean;
    }
  | { status: 'error'; error: ApiError };

/**
 * A request's key (its URL). An `api` that is no URL (`http://%`) cannot give one: the key is
 * then made of the parts, and the load fails into the error state instead of throwing in render.
 */
function requestKey(request: ResourceRequest): string {
  try {
    return request.client.url(request.path, request.searchParams);
  } catch {
    return JSON.stringify([request.client.base, request.path, request.searchParams ?? {}]);
  }
}

/**
 * Loads one API resource for an element, stale-while-revalidate: the offline copy (IndexedDB)
 * is shown at once if there is one, the network answer replaces it, and when the network fails
 * the copy stays with an "offline" flag. A newer request aborts the previous one, so a stale
 * response never overwrites a newer one. Retries by itself when the browser comes back online.
 */
export class ApiResource<T> implements ReactiveController {
  state: ResourceState<T> = { status: 'idle' };

  #key: string | undefined;
  #abort?: AbortController;
  #request?: ResourceRequest;
  readonly #onOnline = () => {
    if (this.state.status === 'error' || (this.state.status === 'ready' && this.state.offline)) this.retry();
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly describe: () => ResourceRequest | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('online', this.#onOnline);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.#onOnline);
    this.#abort?.abort();
    this.#key = undefined;
  }

  hostUpdate(): void {
    const request = this.describe();
    const key = request ? requestKey(request) : undefined;
    if (key === this.#key) return;
    this.#key = key;
    this.#request = request;
    this.#abort?.abort();
    if (!request || !key) {
      this.state = { status: 'idle' };
      return;
    }
    this.state = { status: 'loading' };
    void this.#load(request, key);
  }

  /** Loads again (the "Réessayer" button, the browser coming back online). */
  retry(): void {
    if (!this.#request || !this.#key) return;
    this.#abort?.abort();
    if (this.state.status !== 'ready') this.#set({ status: 'loading' });
    void this.#load(this.#request, this.#key);
  }

  async #load(request: ResourceRequest, key: string): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    // The request leaves at once; the offline copy is read meanwhile (opening IndexedDB the first
    // time can take longer than a round trip) and shown only while the answer is not there.
    let answered = false;
    const cached = responseCache.get<T>(key).then((copy) => {
      if (copy && !answered && !abort.signal.aborted && this.state.status !== 'ready') {
        this.#set({ status: 'ready', data: copy.body, fromCache: true, savedAt: copy.storedAt, offline: false });
      }
      return copy;
    });
    try {
      const data = await request.client.get<T>(request.path, {
        searchParams: request.searchParams,
        signal: abort.signal,
        ...(request.cache ? { cache: request.cache } : {}),
      });
      answered = true;
      if (abort.signal.aborted) return;
      this.#set({ status: 'ready', data, fromCache: false, offline: false });
      await responseCache.put(key, data);
    } catch (err) {
      answered = true;
      if (abort.signal.aborted) return;
      const error = err instanceof ApiError ? err : new ApiError('server', String(err));
      const unreachable = error.kind === 'offline' || error.kind === 'timeout';
      const copy = unreachable ? await cached : undefined;
      if (abort.signal.aborted) return;
      if (copy) {
        this.#set({ status: 'ready', data: copy.body, fromCache: true, savedAt: copy.storedAt, offline: true });
      } else {
        this.#set({ status: 'error', error });
      }
    }
  }

  #set(state: ResourceState<T>): void {
    this.state = state;
    this.host.requestUpdate();
  }
}
