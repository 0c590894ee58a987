import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError, type ApiClient, type SearchParams } from '@fs-widgets/core';

export interface ScopedRequest {
  client: ApiClient;
  path: string;
  searchParams?: SearchParams;
  headers: Record<string, string>;
}

export type ScopedState<T> =
  { status: 'idle' } | { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: ApiError };

/**
 * One observatory read with the observer's token. Unlike the public widgets' `ApiResource`, the
 * answer is never kept on the device (a scope's figures are not public: nothing in IndexedDB), and
 * every read revalidates (`no-store`). A newer request aborts the previous one, so a stale answer
 * never overwrites a newer one; the key is the URL and the token.
 */
export class ScopedResource<T> implements ReactiveController {
  state: ScopedState<T> = { status: 'idle' };
  #key?: string;
  #abort?: AbortController;
  #request?: ScopedRequest;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly describe: () => ScopedRequest | undefined,
    private readonly options: { onError?: (error: ApiError) => void } = {},
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const request = this.describe();
    let key: string | undefined;
    try {
      key = request ? `${request.client.url(request.path, request.searchParams)} ${request.headers.authorization ?? ''}` : undefined;
    } catch {
      key = request ? JSON.stringify([request.client.base, request.path]) : undefined;
    }
    if (key === this.#key) return;
    this.#key = key;
    this.#request = request;
    this.#abort?.abort();
    if (!request) {
      this.state = { status: 'idle' };
      return;
    }
    this.state = { status: 'loading' };
    void this.#load(request);
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#key = undefined;
  }

  retry(): void {
    if (!this.#request) return;
    this.#abort?.abort();
    this.#set({ status: 'loading' });
    void this.#load(this.#request);
  }

  async #load(request: ScopedRequest): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    try {
      const data = await request.client.get<T>(request.path, {
        searchParams: request.searchParams,
        headers: request.headers,
        signal: abort.signal,
        cache: 'no-store',
      });
      if (!abort.signal.aborted) this.#set({ status: 'ready', data });
    } catch (err) {
      if (abort.signal.aborted) return;
      const error = err instanceof ApiError ? err : new ApiError('server', String(err));
      this.#set({ status: 'error', error });
      this.options.onError?.(error);
    }
  }

  #set(state: ScopedState<T>): void {
    this.state = state;
    this.host.requestUpdate();
  }
}

/** The scope asked by the page (`departement` or `carrier` attribute), as the routes' query. */
export function scopeParams(departement: string, carrier: string): SearchParams {
  const d = departement.trim().toUpperCase();
  const c = carrier.trim();
  return { departement: d || undefined, carrier: d ? undefined : c || undefined };
}

/**
 * The key the observer's token is kept under on the device (the agents' shared sign-in keeps one
 * token per key): both observatory elements of a page, or of two tabs, share it and follow each other.
 */
export const OBSERVER_TOKEN_KEY = 'observatory';
