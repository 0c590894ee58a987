import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { COMMENT_MAX_LENGTH, RATINGS, RESOLUTIONS, isSiteId } from '@fs-widgets/contract/codes';
import type { FeedbackChannel, FeedbackInput, Rating, Resolution, Site } from '@fs-widgets/contract';
import { ApiResource, controls, FsElement, newIdempotencyKey, outboxFor, stringAttribute, headingLevel } from '@fs-widgets/core';
import { ratingFace } from './rating-faces.js';
import type { SatisfactionStrings } from '../strings/satisfaction-strings.js';
import '../strings/satisfaction-strings.js';
import { satisfactionStyles } from './satisfaction.styles.js';

export interface FsFeedbackSubmitDetail {
  key: string;
  rating: Rating;
  resolved: Resolution | null;
  channel: FeedbackChannel;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fs-feedback-submit': CustomEvent<FsFeedbackSubmitDetail>;
  }
}

type Step = 'rating' | 'follow-up' | 'thanks';

/**
 * "Êtes-vous satisfait ?": the satisfaction question, for a web page after a démarche
 * (`mode="inline"`) or a counter tablet (`mode="kiosk"`).
 *
 * @summary A four-level scale with words (Très satisfait … Pas satisfait), optional follow-ups
 * ("Votre demande a-t-elle été résolue ?", a short comment), a thank-you. Every answer goes
 * through the offline outbox with its own idempotency key: kept across reloads, sent when the
 * network returns, counted once.
 *
 * In kiosk mode the targets are very large, a second press within `press-guard` ms is ignored,
 * the screen returns to the question after `idle-timeout` seconds, and nothing of the previous
 * person's answer stays on screen. A small count says how many answers wait to be sent.
 *
 * The site's name (« France services de Mende ») heads the widget in kiosk mode, large enough
 * to be read from a metre away: a person at the counter knows who asks. On a web page it is
 * shown with `show-site-name` (the page around it usually says already). Its place is kept
 * while it loads, so nothing moves when it comes; it is kept on the device for the next
 * time; without network and no saved copy it reads « France services », and the question
 * answers as always (the answers wait in the outbox).
 *
 * @fires fs-feedback-submit - An answer was given (it is already safe in the outbox).
 * detail: `{ key, rating, resolved, channel }`.
 *
 * @csspart base - The widget.
 * @csspart site-name - The site's name above the question (kiosk mode, or `show-site-name`).
 * @csspart scale - The four answers.
 * @csspart choice - One answer.
 * @csspart send - The send button (inline mode).
 * @csspart pending - The count of answers waiting to be sent (kiosk mode).
 *
 * @cssprop [--fs-satisfaction-accent=var(--fs-color-primary)] - Selection, buttons.
 * @cssprop [--fs-satisfaction-very-satisfied=var(--fs-color-success)] - Face colour (dark green); each face colour keeps 3:1 against the answers' background (WCAG 1.4.11).
 * @cssprop [--fs-satisfaction-satisfied=#638c00] - Face colour (olive green; #d6ec8f in dark mode).
 * @cssprop [--fs-satisfaction-dissatisfied=#c25e00] - Face colour (orange; #f5c04a in dark mode).
 * @cssprop [--fs-satisfaction-very-dissatisfied=var(--fs-color-danger)] - Face colour (red).
 */
export class FsSatisfaction extends FsElement {
  static override styles = [...FsElement.styles, controls, satisfactionStyles];

  // Only asked where the name is shown; kept on the device (ApiResource's offline copy).
  readonly #site = new ApiResource<Site>(this, () =>
    this.#showsSiteName && isSiteId(this.siteId.trim())
      ? { client: this.client, path: `sites/${encodeURIComponent(this.siteId.trim())}` }
      : undefined,
  );

  @state() private step: Step = 'rating';
  @state() private rating: Rating | null = null;
  @state() private resolved: Resolution | null = null;
  @state() private comment = '';
  @state() private queued = false;
  @state() private pending = 0;
  @state() private missingRating = false;

  /** Identifier of the site in the ANCT list (`id_fs`). */
  @property({ attribute: 'site-id', reflect: true, converter: stringAttribute }) siteId = '';

  /** `inline` (default) for web pages, `kiosk` for a counter tablet. */
  @property({ reflect: true }) mode: 'inline' | 'kiosk' = 'inline';

  /** Recorded with each answer; defaults to `kiosk` in kiosk mode, `web` otherwise. */
  @property({ reflect: true, converter: stringAttribute }) channel = '';

  /** Also ask "Votre demande a-t-elle été résolue ?". */
  @property({ attribute: 'ask-resolved', type: Boolean, reflect: true }) askResolved = false;

  /** Also offer a short comment. */
  @property({ attribute: 'ask-comment', type: Boolean, reflect: true }) askComment = false;

  /** Kiosk: seconds without a touch before the screen returns to the question. */
  @property({ attribute: 'idle-timeout', type: Number, reflect: true }) idleTimeout = 20;

  /** Kiosk: seconds the thank-you stays on screen. */
  @property({ attribute: 'thanks-duration', type: Number, reflect: true }) thanksDuration = 5;

  /** Kiosk: milliseconds during which a second press is ignored (a double tap counts once). */
  @property({ attribute: 'press-guard', type: Number, reflect: true }) pressGuard = 1500;

  /** Level of the question's heading in the page outline (2 to 6). */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  /** Show the site's name above the question in inline mode too (always shown in kiosk mode). */
  @property({ attribute: 'show-site-name', type: Boolean, reflect: true }) showSiteName = false;

  #lastPress = -Infinity;
  #timer?: ReturnType<typeof setTimeout>;
  #unsubscribe?: () => void;
  readonly #onActivity = () => this.#armIdleTimer();

  get #s(): SatisfactionStrings {
    return this.i18n.part<SatisfactionStrings>('satisfaction');
  }

  get #showsSiteName(): boolean {
    return this.mode === 'kiosk' || this.showSiteName;
  }

  get #channel(): FeedbackChannel {
    const c = this.channel.trim();
    if (c === 'kiosk' || c === 'web' || c === 'phone') return c;
    return this.mode === 'kiosk' ? 'kiosk' : 'web';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('pointerdown', this.#onActivity);
    this.addEventListener('keydown', this.#onActivity);
    this.#watchOutbox();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('pointerdown', this.#onActivity);
    this.removeEventListener('keydown', this.#onActivity);
    clearTimeout(this.#timer);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('headingLevel')) {
      this.headingLevel = headingLevel(this.headingLevel);
    }
    if (changed.has('api') && this.hasUpdated) this.#watchOutbox();
  }

  #watchOutbox() {
    this.#unsubscribe?.();
    const outbox = outboxFor(this.client);
    this.#unsubscribe = outbox.subscribe((counts) => (this.pending = counts.pending));
  }

  /** Back to the question, forgetting everything of the previous answer. */
  reset(): void {
    clearTimeout(this.#timer);
    this.step = 'rating';
    this.rating = null;
    this.resolved = null;
    this.comment = '';
    this.queued = false;
    this.missingRating = false;
    void this.updateComplete.then(() => this.#focusTitle());
  }

  /** Kiosk: false when this press comes too soon after the previous one (a double tap). */
  #acceptPress(): boolean {
    if (this.mode !== 'kiosk') return true;
    const now = performance.now();
    if (now - this.#lastPress < this.pressGuard) return false;
    this.#lastPress = now;
    return true;
  }

  #armIdleTimer() {
    if (this.mode !== 'kiosk') return;
    clearTimeout(this.#timer);
    if (this.step === 'follow-up') {
      // The person walked away after rating: their rating still counts, then the screen resets.
      this.#timer = setTimeout(() => void this.#submit(), Math.max(1, this.idleTimeout) * 1000);
    } else if (this.step === 'thanks') {
      this.#timer = setTimeout(() => this.reset(), Math.max(1, this.thanksDuration) * 1000);
    }
  }

  #focusTitle() {
    this.renderRoot.querySelector<HTMLElement>('.title')?.focus();
  }

  #chooseInKiosk(rating: Rating) {
    if (!this.#acceptPress()) return;
    this.rating = rating;
    if (this.askResolved || this.askComment) {
      this.step = 'follow-up';
      this.#armIdleTimer();
      void this.updateComplete.then(() => this.#focusTitle());
    } else {
      void this.#submit();
    }
  }

  #resolveInKiosk(resolution: Resolution | null) {
    if (!this.#acceptPress()) return;
    this.resolved = resolution;
    if (!this.askComment) void this.#submit();
    else this.#armIdleTimer();
  }

  #sendInline(event: Event) {
    event.preventDefault();
    if (!this.rating) {
      this.missingRating = true;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[name="rating"]')?.focus());
      return;
    }
    if (!this.#acceptPress()) return;
    void this.#submit();
  }

  async #submit() {
    const rating = this.rating;
    if (!rating || this.step === 'thanks') return;
    const key = newIdempotencyKey();
    const comment = this.comment.trim().slice(0, COMMENT_MAX_LENGTH);
    const body: FeedbackInput = {
      key,
      site_id: this.siteId.trim(),
      rating,
      channel: this.#channel,
      answered_at: new Date().toISOString(),
      ...(this.resolved ? { resolved: this.resolved } : {}),
      ...(comment ? { comment } : {}),
    };
    // The answer leaves the screen at once: the next person must not see it.
    this.step = 'thanks';
    this.rating = null;
    this.resolved = null;
    this.comment = '';
    this.#armIdleTimer();
    void this.updateComplete.then(() => this.#focusTitle());
    const outbox = outboxFor(this.client);
    await outbox.enqueue('feedback', 'feedback', key, body);
    this.queued = (await outbox.pendingKeys()).includes(key);
    this.emit<FsFeedbackSubmitDetail>('fs-feedback-submit', { key, rating, resolved: body.resolved ?? null, channel: body.channel });
  }

  override render() {
    const s = this.#s.satisfaction;
    if (!isSiteId(this.siteId.trim())) {
      return html`<div part="base" class="base" role="status">
        ${this.#heading(s.noSiteTitle)}
        <p class="hint">${s.noSiteBody}</p>
      </div>`;
    }
    return html`<div part="base" class="base">
      ${this.#siteName()}
      ${this.step === 'thanks' ? this.#thanks() : this.mode === 'kiosk' ? this.#kiosk() : this.#inline()}
      ${
        this.mode === 'kiosk' && this.pending > 0
          ? html`<p part="pending" class="pending" role="status">${s.pending(this.pending)}</p>`
          : nothing
      }
    </div>`;
  }

  /**
   * The site's name, in a place of one line kept while it loads (nothing moves when it comes).
   * Unreachable server without a saved copy: « France services », the question still answers.
   * A site the server does not know: said, for the agents (the answers are kept, refused).
   */
  #siteName() {
    if (!this.#showsSiteName) return nothing;
    const s = this.#s.satisfaction;
    const st = this.#site.state;
    switch (st.status) {
      case 'idle':
      case 'loading':
        return html`<p part="site-name" class="site-name" data-state="loading" aria-hidden="true"><span class="skeleton"></span></p>`;
      case 'ready':
        return html`<p part="site-name" class="site-name" data-state="ready">${st.data.name}</p>`;
      case 'error': {
        const kind = st.error.kind;
        if (kind === 'not-found' || kind === 'invalid') {
          return html`<p part="site-name" class="site-name unknown" data-state="not-found" role="status">
            ${s.siteUnknown(this.siteId.trim())}
          </p>`;
        }
        return html`<p part="site-name" class="site-name" data-state=${kind === 'offline' || kind === 'timeout' ? 'offline' : 'error'}>
          ${s.siteNameFallback}
        </p>`;
      }
    }
  }

  #heading(text: string) {
    return html`<div class="title" role="heading" aria-level=${this.headingLevel} tabindex="-1">${text}</div>`;
  }

  #thanks() {
    const s = this.#s.satisfaction;
    return html`<div role="status">
      ${this.#heading(s.thanksTitle)}
      <p class="hint">${s.thanksBody}</p>
      ${this.queued ? html`<p class="hint">${s.thanksQueued}</p>` : nothing}
    </div>
    ${
      this.mode === 'kiosk'
        ? html`<div class="actions"><button class="secondary" type="button" @click=${() => this.reset()}>${s.kioskBack}</button></div>`
        : nothing
    }`;
  }

  #kiosk() {
    const s = this.#s.satisfaction;
    if (this.step === 'follow-up') {
      return html`${this.#heading(s.resolvedQuestion)}
        ${
          this.askResolved
            ? html`<div class="options" role="group" aria-label=${s.resolvedQuestion}>
              ${RESOLUTIONS.map(
                (r) => html`<button
                  class="choice"
                  part="choice"
                  type="button"
                  aria-pressed=${this.resolved === r ? 'true' : 'false'}
                  @click=${() => this.#resolveInKiosk(r)}
                >
                  ${s.resolutions[r]}
                </button>`,
              )}
            </div>`
            : nothing
        }
        ${this.askComment ? this.#commentField() : nothing}
        <div class="actions">
          ${
            this.askComment
              ? html`<button class="primary" part="send" type="button" @click=${() => this.#acceptPress() && void this.#submit()}>
                ${s.send}
              </button>`
              : nothing
          }
          <button class="secondary" type="button" @click=${() => this.#acceptPress() && void this.#submit()}>${s.skip}</button>
        </div>`;
    }
    return html`${this.#heading(s.question)}
      <p class="hint">${s.questionHint}</p>
      <div class="scale" part="scale" role="group" aria-label=${s.question}>
        ${RATINGS.map(
          (r) => html`<button class="choice ${r}" part="choice" type="button" @click=${() => this.#chooseInKiosk(r)}>
            ${ratingFace(r)}<span>${s.ratings[r]}</span>
          </button>`,
        )}
      </div>`;
  }

  #inline() {
    const s = this.#s.satisfaction;
    return html`<form @submit=${this.#sendInline} novalidate>
      ${this.#heading(s.question)}
      <p class="hint">${s.questionHint}</p>
      <fieldset>
        <legend class="visually-hidden">${s.question}</legend>
        <div class="scale" part="scale">
          ${RATINGS.map(
            (r) => html`<label class="choice ${r}" part="choice">
              <input
                type="radio"
                name="rating"
                value=${r}
                .checked=${this.rating === r}
                aria-describedby=${this.missingRating ? 'missing' : nothing}
                @change=${() => {
                  this.rating = r;
                  this.missingRating = false;
                }}
              />${ratingFace(r)}<span>${s.ratings[r]}</span>
            </label>`,
          )}
        </div>
      </fieldset>
      ${this.missingRating ? html`<p class="error" id="missing" role="alert">${s.chooseRating}</p>` : nothing}
      ${
        this.askResolved
          ? html`<fieldset>
            <legend>${s.resolvedQuestion}</legend>
            <div class="options">
              ${RESOLUTIONS.map(
                (r) => html`<label class="choice">
                  <input
                    type="radio"
                    name="resolved"
                    value=${r}
                    .checked=${this.resolved === r}
                    @change=${() => (this.resolved = r)}
                  />${s.resolutions[r]}
                </label>`,
              )}
            </div>
          </fieldset>`
          : nothing
      }
      ${this.askComment ? this.#commentField() : nothing}
      <div class="actions">
        <button class="primary" part="send" type="submit">${s.send}</button>
      </div>
    </form>`;
  }

  #commentField() {
    const s = this.#s.satisfaction;
    return html`<label class="text" for="comment">${s.commentLabel}</label>
      <p class="small" id="comment-hint">${s.commentHint(COMMENT_MAX_LENGTH)}</p>
      <textarea
        id="comment"
        maxlength=${COMMENT_MAX_LENGTH}
        aria-describedby="comment-hint comment-count"
        .value=${this.comment}
        @input=${(e: InputEvent) => {
          this.comment = (e.target as HTMLTextAreaElement).value;
          this.#armIdleTimer();
        }}
      ></textarea>
      <p class="small" id="comment-count">${s.commentCount(COMMENT_MAX_LENGTH - this.comment.length)}</p>`;
  }
}
