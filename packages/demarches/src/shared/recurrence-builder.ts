import { html, nothing } from 'lit';
import type { DayKey, Recurrence } from '@fs-widgets/contract';
import { MONTHLY_ORDINALS } from '@fs-widgets/contract/codes';
import { formatDate, formatDayAndDate, type Locale } from '@fs-widgets/core';
import { DAY_KEYS } from '@fs-widgets/opening-hours';
import type { RecurrenceBuilderStrings } from '../strings/recurrence-builder-strings.js';
import { boxes, capitalize, fieldError, fieldLabel, option, selectField, toggle, type FieldsContext } from './form-fields.js';

/**
 * The recurrence builder of the agents' editors, in a secretary's terms: "Chaque semaine" (days),
 * "Toutes les 2 semaines ou plus", "Chaque mois" (1er, 2e… dernier + a weekday), "Sur
 * rendez-vous", "À des dates précises" (one-off dates added one by one). One module for the
 * partner editor's permanences and the outreach editor's stops: its draft, what it sends
 * (`Recurrence`, the contract's), its checks, the server's refusals at its fields, its template.
 */

/** The builder's choices. `appointment` is only offered where the contract allows it (permanences, not stops). */
export type Freq = 'weekly' | 'every-n-weeks' | 'monthly' | 'appointment' | 'dates';

export const ALL_FREQS: readonly Freq[] = ['weekly', 'every-n-weeks', 'monthly', 'dates', 'appointment'];
const INTERVALS = [2, 3, 4] as const;
/** The contract's `maxItems` of `dates`. */
export const MAX_DATES = 60;

export interface RecurrenceDraft {
  freq: Freq;
  /** Weeks between two sessions, for `every-n-weeks` (2 to 4). */
  interval: number;
  days: DayKey[];
  day: DayKey | '';
  nth: number[];
  /** One-off dates (YYYY-MM-DD), sorted. */
  dates: string[];
  /** The date typed in the "date to add" field, not added yet. */
  pendingDate: string;
}

/** The builder's fields; errors are keyed by them. `newDate` is the "date to add" field. */
export type RecurrenceField = 'freq' | 'interval' | 'days' | 'nth' | 'day' | 'dates' | 'newDate';
export type RecurrenceErrors = Partial<Record<RecurrenceField, string>>;

export const emptyRecurrenceDraft = (): RecurrenceDraft => ({
  freq: 'weekly',
  interval: 2,
  days: [],
  day: '',
  nth: [],
  dates: [],
  pendingDate: '',
});

/** A saved recurrence as a draft. */
export function recurrenceDraftOf(r: Recurrence): RecurrenceDraft {
  return {
    ...emptyRecurrenceDraft(),
    freq: r.freq === 'weekly' ? (r.interval > 1 ? 'every-n-weeks' : 'weekly') : r.freq,
    interval: r.freq === 'weekly' && r.interval > 1 ? r.interval : 2,
    days: r.freq === 'weekly' ? [...r.days] : [],
    day: r.freq === 'monthly' ? r.day : '',
    nth: r.freq === 'monthly' ? [...r.nth] : [],
    dates: r.freq === 'dates' ? [...r.dates].sort() : [],
  };
}

/** What is sent. */
export function recurrenceOf(d: RecurrenceDraft): Recurrence {
  switch (d.freq) {
    case 'appointment':
      return { freq: 'appointment' };
    case 'monthly':
      return { freq: 'monthly', day: d.day as DayKey, nth: MONTHLY_ORDINALS.filter((n) => d.nth.includes(n)) };
    case 'dates':
      return { freq: 'dates', dates: [...d.dates].sort() };
    default:
      return {
        freq: 'weekly',
        days: DAY_KEYS.filter((day) => d.days.includes(day)),
        interval: d.freq === 'every-n-weeks' ? d.interval : 1,
      };
  }
}

/** Missing choices, said before sending. */
export function checkRecurrence(d: RecurrenceDraft, s: RecurrenceBuilderStrings): RecurrenceErrors {
  const e = s.fieldErrors;
  const errors: RecurrenceErrors = {};
  if ((d.freq === 'weekly' || d.freq === 'every-n-weeks') && d.days.length === 0) errors.days = e.days;
  if (d.freq === 'monthly') {
    if (d.nth.length === 0) errors.nth = e.nth;
    if (!d.day) errors.day = e.day;
  }
  if (d.freq === 'dates' && d.dates.length === 0) errors.dates = e.dates;
  return errors;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Adds the pending date to the list: the new draft, or the reason it is not added (no date, not a
 * date, past, already there, the list full). `today` is the site's (or the device's) date.
 */
export function addPendingDate(
  d: RecurrenceDraft,
  today: string,
  s: RecurrenceBuilderStrings,
): { draft: RecurrenceDraft; error?: undefined } | { draft?: undefined; error: string } {
  const e = s.fieldErrors;
  const date = d.pendingDate.trim();
  if (!date) return { error: e.dateMissing };
  if (!ISO_DATE.test(date) || Number.isNaN(Date.parse(`${date}T12:00:00Z`))) return { error: e.dateInvalid };
  if (date < today) return { error: e.datePast };
  if (d.dates.includes(date)) return { error: e.dateTwice };
  if (d.dates.length >= MAX_DATES) return { error: e.datesMax };
  return { draft: { ...d, dates: [...d.dates, date].sort(), pendingDate: '' } };
}

/**
 * The builder's field named by the API (`invalid_params[].name`, relative to the recurrence:
 * `days`, `nth/0`, `dates/3`…), for the chosen kind only: a union's report names the fields of
 * every kind of recurrence.
 */
export function recurrenceFieldOf(name: string, freq: Freq | undefined): RecurrenceField | undefined {
  const n = name.replace(/^[./]/, '');
  const field: RecurrenceField | undefined = n.startsWith('days')
    ? 'days'
    : n.startsWith('nth')
      ? 'nth'
      : n === 'day'
        ? 'day'
        : n === 'interval'
          ? 'interval'
          : n.startsWith('dates')
            ? 'dates'
            : 'freq';
  if ((field === 'days' || field === 'interval') && freq !== 'weekly' && freq !== 'every-n-weeks') return undefined;
  if ((field === 'nth' || field === 'day') && freq !== 'monthly') return undefined;
  if (field === 'dates' && freq !== 'dates') return undefined;
  return field;
}

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
