import { html, nothing, svg, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { RATINGS, isSiteId } from '@fs-widgets/contract/codes';
import type { SatisfactionStats } from '@fs-widgets/contract';
import { controls, ApiResource, FsElement, formatDate, stringAttribute, headingLevel } from '@fs-widgets/core';
import { satisfactionResultsStyles } from './satisfaction-results.styles.js';
import type { SatisfactionStrings } from '../strings/satisfaction-strings.js';
import '../strings/satisfaction-strings.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD (not 2026-02-30). */
function isDate(text: string): boolean {
  const time = Date.parse(`${text}T00:00:00Z`);
  return DATE.test(text) && Number.isFinite(time) && new Date(time).toISOString().startsWith(text);
}

/**
 * The published satisfaction figure of a site or of the whole network: "92,6 % d'usagers
 * satisfaits — sur 26 000 avis", the distribution of the four levels as a chart with a table,
 * and the period; below `min-count` answers, no figure is published.
 *
 * @summary Honest results: the share of the two top levels, the number of answers and the
 * period always shown, and nothing published from a sample too small to mean anything.
 *
 * @csspart base - The widget.
 * @csspart figure - The headline figure.
 * @csspart chart - The bar chart (decorative: the table carries the same numbers).
 * @csspart table - The table of the distribution.
 *
 * @cssprop [--fs-satisfaction-results-accent=var(--fs-color-primary)] - Figure and bars.
 * @cssprop [--fs-satisfaction-results-max-width=40rem] - Widest the widget grows.
 */
export class FsSatisfactionResults extends FsElement {
  static override styles = [...FsElement.styles, controls, satisfactionResultsStyles];

  // Nothing is asked while an attribute is wrong: the widget says which (`#invalid`) rather than show other figures.
  readonly #stats = new ApiResource<SatisfactionStats>(this, () =>
    this.#invalid()
      ? undefined
      : {
          client: this.client,
          path: 'stats/satisfaction',
          searchParams: {
            site: this.siteId.trim() || undefined,
            from: this.from.trim() || undefined,
            to: this.to.trim() || undefined,
          },
        },
  );

  /** A site (`id_fs`); the whole network when unset. */
  @property({ attribute: 'site-id', reflect: true, converter: stringAttribute }) siteId = '';

  /** First day of the period (YYYY-MM-DD); since the first answer when unset. */
  @property({ reflect: true, converter: stringAttribute }) from = '';

  /** Last day of the period (YYYY-MM-DD); up to today when unset. */
  @property({ reflect: true, converter: stringAttribute }) to = '';

  /** Fewest answers before a figure is published (default 30). */
  @property({ attribute: 'min-count', type: Number, reflect: true }) minCount = 30;

  /** Level of the title's heading in the page outline (2 to 6). */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('headingLevel')) {
      this.headingLevel = headingLevel(this.headingLevel);
    }
    if (changed.has('minCount')) {
      const min = Math.round(Number(this.minCount));
      this.minCount = Number.isFinite(min) && min >= 1 ? min : 30;
    }
  }

  get #s(): SatisfactionStrings {
    return this.i18n.part<SatisfactionStrings>('satisfaction');
  }

  #percent(share: number): string {
    return new Intl.NumberFormat(this.i18n.strings.locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
  }

  #number(n: number): string {
    return new Intl.NumberFormat(this.i18n.strings.locale).format(n);
  }

  /**
   * What is wrong with the attributes, said to the page author: a `site-id` that no site can have
   * (the network's figures would be shown as the site's), a `from` or `to` that is no date (the
   * period would silently be the whole history).
   */
  #invalid(): string | undefined {
    const site = this.siteId.trim();
    if (site && !isSiteId(site)) return this.#s.satisfactionResults.siteNotFound(site);
    for (const [name, value] of [
      ['from', this.from.trim()],
      ['to', this.to.trim()],
    ] as const) {
      if (value && !isDate(value)) return this.#s.satisfactionResults.invalidDate(name, value);
    }
    return undefined;
  }

  override render() {
    const s = this.i18n.strings;
    const st = this.#stats.state;
    const title = html`<div class="title" role="heading" aria-level=${this.headingLevel}>${this.#s.satisfactionResults.title}</div>`;
    const invalid = this.#invalid();
    if (invalid) {
      return html`<div part="base" class="base" role="status">
        ${title}
        <p>${invalid}</p>
      </div>`;
    }
    if (st.status === 'idle' || st.status === 'loading') {
      return html`<div part="base" class="base" aria-busy="true">
        ${title}
        <p class="visually-hidden" role="status">${s.common.loading}</p>
        <span class="skeleton big" aria-hidden="true"></span>
        <span class="skeleton" aria-hidden="true"></span>
      </div>`;
    }
    if (st.status === 'error') {
      const offline = st.error.kind === 'offline' || st.error.kind === 'timeout';
      const notFound = st.error.kind === 'not-found';
      return html`<div part="base" class="base" role="status">
        ${title}
        <p>${notFound ? this.#s.satisfactionResults.siteNotFound(this.siteId) : offline ? s.common.offlineNoData : s.common.errorBody}</p>
        ${notFound ? nothing : html`<button type="button" @click=${() => this.#stats.retry()}>${s.common.retry}</button>`}
      </div>`;
    }
    const stats = st.data;
    return html`<div part="base" class="base">
      ${title}
      ${
        st.offline && st.savedAt
          ? html`<p class="muted" role="status">${s.common.offlineStale(formatDate(st.savedAt, this.i18n.locale))}</p>`
          : nothing
      }
      ${this.#body(stats)}
      <p class="muted">${this.#period(stats)} ${this.#s.satisfactionResults.source}</p>
    </div>`;
  }

  #period(stats: SatisfactionStats): string {
    const r = this.#s.satisfactionResults;
    const locale = this.i18n.locale;
    const from = stats.scope.from ?? stats.first_answer_on;
    const to = stats.scope.to ?? stats.last_answer_on;
    if (from && to) return r.period(formatDate(from, locale), formatDate(to, locale));
    if (from) return r.since(formatDate(from, locale));
    return '';
  }

  #body(stats: SatisfactionStats) {
    const r = this.#s.satisfactionResults;
    if (stats.count === 0) return html`<p>${this.from.trim() || this.to.trim() ? r.noAnswers : r.noAnswersYet}</p>`;
    if (stats.count < this.minCount || stats.satisfied_share === null) {
      return html`<p>${r.tooFew(stats.count, this.minCount)}</p>`;
    }
    return html`<p class="figure" part="figure">
        ${r.satisfied(this.#percent(stats.satisfied_share))}<small>${r.answers(this.#number(stats.count))}</small>
      </p>
      ${stats.resolved_share !== null ? html`<p>${r.resolved(this.#percent(stats.resolved_share))}</p>` : nothing}
      ${this.#chart(stats)} ${this.#table(stats)}`;
  }

  /** Bars drawn with SVG attributes (no inline style: the widgets run under a strict CSP). */
  #chart(stats: SatisfactionStats) {
    const s = this.#s.satisfaction;
    const rowHeight = 30;
    const labelWidth = 150;
    const barWidth = 300;
    return html`<svg
      class="chart"
      part="chart"
      viewBox="0 0 ${labelWidth + barWidth + 70} ${RATINGS.length * rowHeight}"
      aria-hidden="true"
      focusable="false"
    >
      ${RATINGS.map((rating, i) => {
        const share = stats.count ? stats.distribution[rating] / stats.count : 0;
        const y = i * rowHeight;
        return svg`<text x="0" y=${y + 20}>${s.ratings[rating]}</text>
          <rect class="track" x=${labelWidth} y=${y + 6} width=${barWidth} height="18" rx="3"></rect>
          <rect class="bar" x=${labelWidth} y=${y + 6} width=${Math.round(barWidth * share)} height="18" rx="3"></rect>
          <text x=${labelWidth + barWidth + 8} y=${y + 20}>${this.#percent(share)}</text>`;
      })}
    </svg>`;
  }

  #table(stats: SatisfactionStats) {
    const s = this.#s;
    return html`<table part="table">
      <caption>${s.satisfactionResults.chartLabel}</caption>
      <thead>
        <tr>
          <th scope="col">${s.satisfactionResults.level}</th>
          <th scope="col">${s.satisfactionResults.count}</th>
          <th scope="col">${s.satisfactionResults.share}</th>
        </tr>
      </thead>
      <tbody>
        ${RATINGS.map(
          (rating) => html`<tr>
            <th scope="row">${s.satisfaction.ratings[rating]}</th>
            <td class="number">${this.#number(stats.distribution[rating])}</td>
            <td class="number">${this.#percent(stats.count ? stats.distribution[rating] / stats.count : 0)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}
