import type { ReactiveControllerHost } from 'lit';
import { AgentTokenController, type ApiClient, type ApiError, type SearchParams } from '@fs-widgets/core';
import { authProblemOf, type AuthProblem } from './observer-screens.js';
import { OBSERVER_TOKEN_KEY, type ScopedRequest } from './scoped-resource.js';

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/**
 * The observer's access, held the same way by both observatory elements: the observers' token
 * (asked once, kept on the device under `OBSERVER_TOKEN_KEY`), the server's refusal of it (401,
 * 403) that stops every read until another token is given, the reads of a scope with the token,
 * and the title focused once signed in.
 */
export class ObserverAccess {
  readonly token: AgentTokenController;
  #problem: AuthProblem = '';

  constructor(
    private readonly host: Host,
    private readonly client: () => ApiClient,
  ) {
    this.token = new AgentTokenController(host, { onSave: () => this.signedIn(), onChange: () => this.signedIn() });
    this.token.use(OBSERVER_TOKEN_KEY);
  }

  /** Why the server refused the token (the refused-token screen); `''` while it has not. */
  get problem(): AuthProblem {
    return this.#problem;
  }

  set problem(problem: AuthProblem) {
    if (problem === this.#problem) return;
    this.#problem = problem;
    this.host.requestUpdate();
  }

  /** The read of `path` with the token and the scope's parameters; none without a token or once refused. */
  request(path: string, searchParams: () => SearchParams): () => ScopedRequest | undefined {
    return () =>
      this.token.token && !this.problem
        ? { client: this.client(), path, searchParams: searchParams(), headers: this.token.headers }
        : undefined;
  }

  /** Keeps a 401 or a 403 of a read (any other failure is the read's own). */
  noteAuth(error: ApiError): void {
    const problem = authProblemOf(error);
    if (problem) this.problem = problem;
  }

  /** A token saved (here, by another tool or tab): reads again, the title focused. */
  signedIn(): void {
    this.problem = '';
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>('.title')?.focus());
  }

  /** Forgets the stored token and asks for another. */
  changeToken(): void {
    this.token.forget();
    this.signedIn();
  }
}
