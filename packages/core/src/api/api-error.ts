import type { Problem } from '@fs-widgets/contract';

/**
 * Why a request failed, in the terms a widget designs a state for:
 * - `offline`: no answer at all (no network, server unreachable, CORS refusal);
 * - `timeout`: the server did not answer in time;
 * - `not-found`: 404, the resource does not exist;
 * - `invalid`: another 4xx, the request itself is wrong (the problem says which parameter);
 * - `server`: 5xx, try again later.
 */
export type ApiErrorKind = 'offline' | 'timeout' | 'not-found' | 'invalid' | 'server';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
    readonly problem?: Problem,
    /** For 429 (too many requests): the server's `Retry-After`, in seconds, when it gave one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
