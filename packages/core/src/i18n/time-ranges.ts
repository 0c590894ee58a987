import { html, nothing } from 'lit';
import type { TimeRange } from '@fs-widgets/contract';
import { formatClockTime } from './format.js';
import type { Locale } from './locale.js';
import type { Strings } from './strings.fr.js';

/**
 * One day's opening hours as every widget shows them (the site card's week, the poster's): one
 * `<span class="range">` per range ("8 h 30 – 12 h", "13 h 30 – 17 h"), the separator only spoken,
 * so a screen reader hears "8 h 30 – 12 h et 13 h 30 – 17 h"; "Fermé" for a day without hours.
 * The caller's styles decide whether ranges stack (`.range { display: block }`) or flow.
 */
export function timeRanges(ranges: readonly TimeRange[], strings: Strings, locale: Locale) {
  if (ranges.length === 0) return strings.hours.closedDay;
  return ranges.map(
    (r, i) =>
      html`${i > 0 ? html`<span class="visually-hidden">${strings.hours.rangeSeparator}</span>` : nothing}<span class="range"
          >${strings.hours.range(formatClockTime(r.opens, locale), formatClockTime(r.closes, locale))}</span
        >`,
  );
}
