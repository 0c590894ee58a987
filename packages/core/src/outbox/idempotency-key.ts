/**
 * A fresh idempotency key: a random UUID without dashes (32 hex characters, matching the
 * contract's `^[A-Za-z0-9_-]{16,64}$`). Falls back to `getRandomValues` on plain-http pages,
 * where `randomUUID` does not exist. Every write carries one (through the outbox, or sent at
 * once as a booking is): the server stores one record per key.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID().replaceAll('-', '');
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
