import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { nearestLang, toLocale } from '../i18n/locale.js';
import { registerOutboxAuthorization } from '../outbox/outbox.js';
import { agentAccessStrings, agentTokenForm, type AgentAccessStrings } from './agent-token-form.js';

/**
 * The agent's access token, kept per site in `localStorage` (`fs-widgets:demarches:token:<site>`):
 * an agent pastes it once on the counter's device, and every agents' tool of that site uses it.
 * Queued writes store only the reference `demarches:<site>`; the outbox asks for the token at
 * send time (see `registerOutboxAuthorization`), so the token is never copied into IndexedDB,
 * and a replaced token is the one used. (The `demarches` in both names is where the first
 * agents' tool lived: they stay, so that tokens and queued writes already on devices keep working.)
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

function saveAgentToken(siteId: string, token: string): void {
  try {
    localStorage.setItem(storageKey(siteId), token);
  } catch {
    /* storage disabled: kept in memory by the controller for this page */
  }
}

function forgetAgentToken(siteId: string): void {
  try {
    localStorage.removeItem(storageKey(siteId));
  } catch {
    /* nothing stored */
  }
}

/**
 * Told on the window when a tool of the page saves or forgets a site's token, so every agents'
 * tool of that site on the page follows at once (another tab is told by the `storage` event).
 */
const TOKEN_CHANGE = 'fs-agent-token-change';
interface TokenChange {
  site: string;
  token: string;
}

function announceToken(change: TokenChange): void {
  window.dispatchEvent(new CustomEvent<TokenChange>(TOKEN_CHANGE, { detail: change }));
}

/** The outbox reference of a site's token (what queued entries store instead of the token). */
export const agentAuthRef = (siteId: string) => `demarches:${siteId}`;

const bearer = (token: string) => `Bearer ${token}`;

registerOutboxAuthorization('demarches', (siteId) => {
  const token = readAgentToken(siteId);
  return token ? bearer(token) : undefined;
});

/**
 * An agents' tool's hold on the site's token: reads the stored one for the element's site, runs
 * the screen where the agent pastes it (`form()`), stores it, forgets it on request. The element
 * decides what a saved or forgotten token means for it (`onSave`; `onChange` when another tool of
 * the page or another tab saved or forgot it; its own refused-token screen when the server
 * answers 401 or 403).
 */
export class AgentTokenController implements ReactiveController {
  /** The site's stored token, `''` when there is none (the element then shows `form()`). */
  token = '';
  /** What the agent has typed in the form so far. */
  draft = '';
  /** The draft is not a token (the form says so). */
  invalid = false;
  #site = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment },
    private readonly options: { onSave?: () => void; onChange?: () => void } = {},
  ) {
    host.addController(this);
  }

  /** Another tool of the page (or another tab) saved or forgot this site's token: this one follows (`onChange`). */
  readonly #onTokenChange = (event: Event) => {
    if (!this.#site) return;
    let token: string;
    if (event instanceof StorageEvent) {
      if (event.key !== storageKey(this.#site)) return;
      token = event.newValue ?? '';
    } else {
      const change = (event as CustomEvent<TokenChange>).detail;
      if (change?.site !== this.#site) return;
      token = change.token;
    }
    if (token === this.token) return;
    this.token = token;
    this.draft = '';
    this.invalid = false;
    this.host.requestUpdate();
    this.options.onChange?.();
  };

  /** Back in the page: the token may have been pasted or forgotten meanwhile by another tool of the site. */
  hostConnected(): void {
    if (this.#site) this.token = readAgentToken(this.#site);
    window.addEventListener(TOKEN_CHANGE, this.#onTokenChange);
    window.addEventListener('storage', this.#onTokenChange);
  }

  hostDisconnected(): void {
    window.removeEventListener(TOKEN_CHANGE, this.#onTokenChange);
    window.removeEventListener('storage', this.#onTokenChange);
  }

  /** Takes the stored token of a site (`''`: no valid site, no token). Call it when the site changes. */
  use(siteId: string): void {
    this.#site = siteId;
    this.token = siteId ? readAgentToken(siteId) : '';
  }

  /** The request header that carries the token. */
  get headers(): Record<string, string> {
    return { authorization: bearer(this.token) };
  }

  /** Forgets the stored token: the element asks for a new one. */
  forget(): void {
    forgetAgentToken(this.#site);
    this.token = '';
    this.host.requestUpdate();
    if (this.#site) announceToken({ site: this.#site, token: '' });
  }

  /**
   * The shared words of the sign-in (the core's `agent-access` part), in the element's language
   * (the nearest `lang`, as its `LocaleController` reads it).
   */
  get #strings(): AgentAccessStrings {
    return agentAccessStrings(toLocale(nearestLang(this.host)));
  }

  /**
   * The screen where the agent pastes the token (under the tool's own heading): `body` is the
   * tool's own sentence saying what the token is for; the rest is the shared `agentAccess` words.
   */
  form(body: string) {
    return agentTokenForm({
      body,
      strings: this.#strings,
      draft: this.draft,
      invalid: this.invalid,
      onInput: (value) => {
        this.draft = value;
        this.host.requestUpdate();
      },
      onSubmit: (event) => this.#submit(event),
    });
  }

  #submit(event: Event): void {
    event.preventDefault();
    const token = this.draft.trim();
    if (!TOKEN_FORMAT.test(token)) {
      this.invalid = true;
      this.host.requestUpdate();
      void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLInputElement>('#token')?.focus());
      return;
    }
    saveAgentToken(this.#site, token);
    this.token = token;
    this.draft = '';
    this.invalid = false;
    this.host.requestUpdate();
    announceToken({ site: this.#site, token });
    this.options.onSave?.();
  }
}
