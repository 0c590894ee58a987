import { html, nothing } from 'lit';
import type { DayKey } from '@fs-widgets/contract';
import { MONTHLY_ORDINALS } from '@fs-widgets/contract/codes';
import { formatDate, formatDayAndDate, type Locale } from '@fs-widgets/core';
import { DAY_KEYS } from '@fs-widgets/opening-hours';
import type { RecurrenceBuilderStrings } from '../strings/recurrence-builder-strings.js';
import { boxes, capitalize, fieldError, fieldLabel, option, selectField, toggle, type FieldsContext } from './form-fields.js';
import { addPendingDate, type Freq, type RecurrenceDraft, type RecurrenceErrors, type RecurrenceField } from './recurrence-drafts.js';

export * from './recurrence-drafts.js';

/**
 * The recurrence builder of the agents' editors, in a secretary's terms: "Chaque semaine" (days),
 * "Toutes les 2 semaines ou plus", "Chaque mois" (1er, 2e… dernier + a weekday), "Sur
 * rendez-vous", "À des dates précises" (one-off dates added one by one). One builder for the
 * partner editor's permanences and the outreach editor's stops: its template here, its draft,
 * what it sends, its checks and the server's refusals at its fields in `recurrence-drafts.ts`
 * (apart, so an element can check and send without loading the template).
 */

const INTERVALS = [2, 3, 4] as const;

/** What the builder needs from the element. */
export interface RecurrenceBuilderContext {
  s: RecurrenceBuilderStrings;
  /** The element ids of the builder's fields (a fieldset for a group of boxes). */
  ids: Readonly<Record<RecurrenceField, string>>;
  /** The `name` of the radio buttons and checkboxes: the field's, plus this suffix when a form has several builders. */
  group?: string;
  /** The legend of the kinds: "Quand a-t-elle lieu ?". */
  legend: unknown;
  freqs: readonly Freq[];
  draft: RecurrenceDraft;
  errors: RecurrenceErrors;
  required: string;
  optional: string;
  /** The weekdays' names (the core strings' `days`). */
  days: Readonly<Record<DayKey, string>>;
  /** "1er", "2e"… "dernier" (the core strings' `permanences.ordinal`). */
  ordinal: (n: number) => string;
  locale: Locale;
  /** The first day a one-off date may be (YYYY-MM-DD). */
  today: string;
  onChange: (patch: Partial<RecurrenceDraft>) => void;
  /** Sets (a message) or clears (undefined) the builder's own errors, as adding a date finds them. */
  onErrors: (errors: RecurrenceErrors) => void;
  /** Says something to screen readers (a date added or removed). */
  announce: (text: string) => void;
  /** Moves focus to the element of this id once the form is drawn again. */
  focus: (id: string) => void;
}

/** The kinds, then the fields of the chosen kind. */
export function recurrenceBuilder(c: RecurrenceBuilderContext) {
  const { s, draft: d, onChange: update } = c;
  const fc: FieldsContext<RecurrenceField> = { ids: c.ids, errors: c.errors, required: c.required, optional: c.optional };
  const name = (key: string) => (c.group ? `${key}-${c.group}` : key);
  const weekday = (day: DayKey) => capitalize(c.days[day]);
  const everyN = d.freq === 'every-n-weeks';
  return html`${boxes(
    fc,
    'freq',
    c.legend,
    'radio',
    c.freqs,
    (f) => s.freqs[f],
    (f) => d.freq === f,
    (freq) => update({ freq }),
    { name: name('freq') },
  )}
  ${
    everyN
      ? selectField(
          fc,
          'interval',
          fieldLabel(fc, 'interval', s.interval, null),
          INTERVALS.map((n) => option(n, s.intervalOption(n), d.interval === n)),
          (value) => update({ interval: Number(value) }),
        )
      : nothing
  }
  ${
    d.freq === 'weekly' || everyN
      ? boxes(
          fc,
          'days',
          s.days,
          'checkbox',
          DAY_KEYS,
          weekday,
          (day) => d.days.includes(day),
          (day, on) => update({ days: toggle(d.days, day, on) }),
          { name: name('days') },
        )
      : nothing
  }
  ${
    d.freq === 'monthly'
      ? html`${boxes(
          fc,
          'nth',
          s.nth,
          'checkbox',
          MONTHLY_ORDINALS,
          (n) => c.ordinal(n),
          (n) => d.nth.includes(n),
          (n, on) => update({ nth: toggle(d.nth, n, on) }),
          { hint: s.nthHint, name: name('nth') },
        )}
        ${selectField(
          fc,
          'day',
          fieldLabel(fc, 'day', s.day, null),
          html`${option('', s.choose, !d.day)} ${DAY_KEYS.map((day) => option(day, weekday(day), d.day === day))}`,
          (day) => update({ day: day as DayKey | '' }),
        )}`
      : nothing
  }
  ${d.freq === 'dates' ? datesField(c, fc) : nothing}`;
}

/** One-off dates: a native date field and « Ajouter cette date », then the list with « Retirer » per date. */
function datesField(c: RecurrenceBuilderContext, fc: FieldsContext<RecurrenceField>) {
  const { s, draft: d } = c;
  const id = c.ids.dates;
  const newId = c.ids.newDate;
  const add = () => {
    const result = addPendingDate(d, c.today, s);
    if (result.error !== undefined) {
      c.onErrors({ newDate: result.error });
      return;
    }
    const added = d.pendingDate.trim();
    c.onErrors({ newDate: undefined, dates: undefined });
    c.onChange({ dates: result.draft.dates, pendingDate: '' });
    c.announce(s.dateAdded(formatDayAndDate(added, c.locale, { inSentence: true })));
  };
  const remove = (date: string, index: number) => {
    const dates = d.dates.filter((x) => x !== date);
    c.onChange({ dates });
    c.announce(s.dateRemoved(formatDayAndDate(date, c.locale, { inSentence: true })));
    // Focus stays in the list: on the next date's « Retirer », or the field when the list is empty.
    const next = dates[Math.min(index, dates.length - 1)];
    c.focus(next ? `${id}-remove-${next}` : newId);
  };
  const newInvalid = fc.errors.newDate ? 'true' : 'false';
  return html`<fieldset id=${id} aria-describedby=${[`${id}-hint`, fc.errors.dates ? `${id}-error` : ''].filter(Boolean).join(' ')}>
    <legend>${s.dates}</legend>
    <p class="small" id=${`${id}-hint`}>${s.datesHint}</p>
    ${fieldError(fc, 'dates')}
    <div class="add-date">
      <div>
        ${fieldLabel(fc, 'newDate', s.dateToAdd, null)}
        <input
          id=${newId}
          type="date"
          min=${c.today}
          .value=${d.pendingDate}
          aria-invalid=${newInvalid}
          aria-describedby=${fc.errors.newDate ? `${newId}-error` : nothing}
          @input=${(e: Event) => c.onChange({ pendingDate: (e.target as HTMLInputElement).value })}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter') {
              // Enter in this field adds the date; it does not send the whole form.
              e.preventDefault();
              add();
            }
          }}
        />
      </div>
      <button class="secondary" type="button" id=${`${id}-add`} @click=${add}>${s.addDate}</button>
    </div>
    ${fieldError(fc, 'newDate')}
    ${
      d.dates.length
        ? html`<p class="small" id=${`${id}-count`}>${s.datesCount(d.dates.length)}</p>
          <ul class="date-list" aria-labelledby=${`${id}-count`}>
            ${d.dates.map(
              (date, index) => html`<li>
                <span>${capitalize(formatDayAndDate(date, c.locale))} <span class="small">(${formatDate(date, c.locale)})</span></span>
                <button class="secondary" type="button" id=${`${id}-remove-${date}`} @click=${() => remove(date, index)}>
                  ${s.removeDate}<span class="visually-hidden">${s.removeDateAbout(formatDayAndDate(date, c.locale, { inSentence: true }))}</span>
                </button>
              </li>`,
            )}
          </ul>`
        : html`<p class="small empty-dates">${s.datesEmpty}</p>`
    }
  </fieldset>`;
}
