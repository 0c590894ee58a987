import { html, nothing } from 'lit';
import { formatNumber, formatShare, type AgentAccessStrings, type ApiError, type Locale } from '@fs-widgets/core';
import type { ObservatoryStrings } from '../strings/observatory-strings.js';

export type AuthProblem = '' | 'unauthorized' | 'forbidden';

/** 401: the token is refused; 403: the scope asked is not the token's. Anything else: not an auth problem. */
export function authProblemOf(error: ApiError): AuthProblem {
  return error.status === 401 ? 'unauthorized' : error.status === 403 ? 'forbidden' : '';
}

/** The refused-token screen: why, and the way on (another token). */
export function refusedScreen(problem: Exclude<AuthProblem, ''>, o: ObservatoryStrings, a: AgentAccessStrings, onChange: () => void) {
  const forbidden = problem === 'forbidden';
  return html`<div class="message error" role="alert" data-state=${problem}>
      <strong>${forbidden ? o.access.forbiddenTitle : a.unauthorizedTitle}</strong>
      ${forbidden ? o.access.forbiddenBody : o.access.unauthorizedBody}
    </div>
    <div class="actions"><button class="primary" type="button" part="change-token" @click=${onChange}>${a.changeToken}</button></div>`;
}

/**
 * The message of a failed read, in plain words with the next step: offline, the server down, a
 * scope that does not exist (404), a wrong parameter (400/422, the problem names it).
 */
export function failureScreen(error: ApiError, o: ObservatoryStrings, retryLabel: string, onRetry: () => void, asked: string) {
  const offline = error.kind === 'offline' || error.kind === 'timeout';
  const state = offline ? 'offline' : error.kind === 'not-found' ? 'not-found' : error.kind === 'invalid' ? 'invalid' : 'error';
  const param = error.problem?.invalid_params?.[0]?.name;
  const text =
    state === 'offline'
      ? html`<strong>${o.states.offlineTitle}</strong>${o.states.offlineBody}`
      : state === 'not-found'
        ? o.states.unknownScope(asked)
        : state === 'invalid'
          ? o.states.invalid(param ?? asked)
          : html`<strong>${o.states.errorTitle}</strong>${o.states.errorBody}`;
  const retry = state === 'offline' || state === 'error';
  return html`<div class="message ${retry ? 'error' : ''}" role="alert" data-state=${state}>${text}</div>
    ${
      retry
        ? html`<div class="actions"><button class="secondary" type="button" part="retry" @click=${onRetry}>${retryLabel}</button></div>`
        : nothing
    }`;
}

/** The buttons that download a table (CSV, XLSX) and the polite status of the last download. */
export function downloadButtons(
  o: ObservatoryStrings,
  table: string,
  busy: boolean,
  status: string,
  onDownload: (format: 'csv' | 'xlsx') => void,
  group?: string,
) {
  const d = o.download;
  return html`<div class="downloads" part="downloads" data-downloads=${table}>
    <span>${group ?? d.group}</span>
    ${(['csv', 'xlsx'] as const).map(
      (format) => html`<button type="button" data-format=${format} ?disabled=${busy} @click=${() => onDownload(format)}>
        <span class="visually-hidden">${d.label(table)}</span>${format === 'csv' ? d.csv : d.xlsx}
      </button>`,
    )}
    <span class="small" role="status">${status}</span>
  </div>`;
}

/** The element's title, a heading at the host page's level (`heading-level`), focused once signed in. */
export function titleHeading(level: number, text: string) {
  return html`<div class="title" role="heading" aria-level=${level} tabindex="-1">${text}</div>`;
}

/** A section's heading (its `id` labels the section), at the level given: the title's plus one. */
export function sectionHeading(level: number, text: string, id: string) {
  return html`<div class="section-title" role="heading" aria-level=${level} id=${id}>${text}</div>`;
}

/** A count in the page's language (`12 345`, `12,345`): the core's `formatNumber`. */
export function numberText(locale: Locale, n: number): string {
  return formatNumber(n, locale);
}

/** A share as a percentage in the page's language, to `digits` decimals at most: the core's `formatShare`. */
export function percentText(locale: Locale, share: number, digits: number): string {
  return formatShare(share, locale, digits);
}
