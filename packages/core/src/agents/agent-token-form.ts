import { html, nothing } from 'lit';
import { partFor, registerStrings, type Locale } from '../i18n/locale.js';
import { agentAccessFr, type AgentAccessPart } from './agent-access.strings.fr.js';

/** The words every agents' tool shares on its sign-in (the core's `agent-access` part). */
export type AgentAccessStrings = AgentAccessPart['agentAccess'];

registerStrings<AgentAccessPart>('agent-access', agentAccessFr, {
  en: () => import('./agent-access.strings.en.js').then((m) => m.agentAccessEn),
});

/** The sign-in's shared words in `locale` (French while that locale is still loading). */
export function agentAccessStrings(locale: Locale): AgentAccessStrings {
  return partFor<AgentAccessPart>('agent-access', locale).agentAccess;
}

export interface AgentTokenFormOptions {
  /** The tool's own sentence: what the token is for there (from the tool's strings). */
  body: string;
  /** The field's label, hint, error and button: the same in every tool. */
  strings: AgentAccessStrings;
  /** What the agent has typed so far. */
  draft: string;
  /** The draft does not have a token's form (`TOKEN_FORMAT`). */
  invalid: boolean;
  onInput: (value: string) => void;
  onSubmit: (event: Event) => void;
}

/**
 * The screen where an agent pastes the site's token, the same in every agents' tool (under the
 * tool's own heading; its look is the tool's: `.field`, `.hint`, `.small`, `.error-text`,
 * `.primary`). The field is `#token`, its error `#token-error`; where the token is kept is
 * `AgentTokenController`'s business (`agent-token.ts`), which renders this form.
 */
export function agentTokenForm({ body, strings, draft, invalid, onInput, onSubmit }: AgentTokenFormOptions) {
  return html`<p class="hint">${body}</p>
    <form class="token-form" @submit=${onSubmit} novalidate>
      <label class="field" for="token">${strings.label}</label>
      <p class="small" id="token-hint">${strings.hint}</p>
      <input
        id="token"
        type="password"
        autocomplete="off"
        spellcheck="false"
        .value=${draft}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${invalid ? 'token-hint token-error' : 'token-hint'}
        @input=${(e: InputEvent) => onInput((e.target as HTMLInputElement).value)}
      />
      ${invalid ? html`<p class="error-text" id="token-error" role="alert">${strings.invalid}</p>` : nothing}
      <div class="actions"><button class="primary" type="submit">${strings.save}</button></div>
    </form>`;
}
