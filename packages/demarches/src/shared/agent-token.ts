import { registerOutboxAuthorization } from '@fs-widgets/core';

/**
 * The agent's access token, kept per site in `localStorage` (`fs-widgets:demarches:token:<site>`):
 * an agent pastes it once on the counter's device. Queued writes store only the reference
 * `demarches:<site>`; the outbox asks for the token at send time (see `registerOutboxAuthorization`),
 * so the token is never copied into IndexedDB, and a replaced token is the one used.
 */
const storageKey = (siteId: string) => `fs-widgets:demarches:token:${siteId}`;

/** The form the server gives tokens: `fsw_<12 hex>.<43 base64url>`. */
export const TOKEN_FORMAT = /^fsw_[0-9a-f]{12}\.[A-Za-z0-9_-]{43}$/;

export function readAgentToken(siteId: string): string {
  try {
    return localStorage.getItem(storageKey(siteId)) ?? '';
  } catch {
    return ''; // storage disabled: the agent pastes it again
  }
}

export function saveAgentToken(siteId: string, token: string): void {
  try {
    localStorage.setItem(storageKey(siteId), token);
  } catch {
    /* storage disabled: kept in memory by the element for this page */
  }
}

export function forgetAgentToken(siteId: string): void {
  try {
    localStorage.removeItem(storageKey(siteId));
  } catch {
    /* nothing stored */
  }
}

/** The outbox reference of a site's token (what queued entries store instead of the token). */
export const agentAuthRef = (siteId: string) => `demarches:${siteId}`;

export const bearer = (token: string) => `Bearer ${token}`;

registerOutboxAuthorization('demarches', (siteId) => {
  const token = readAgentToken(siteId);
  return token ? bearer(token) : undefined;
});
