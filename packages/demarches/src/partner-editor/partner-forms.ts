import { html, nothing } from 'lit';
import type { DayKey, DirectoryTheme, InvalidParam, LocalPartner, LocalPartnerInput, PermanenceInput } from '@fs-widgets/contract';
import type { PartnerEditorStrings } from '../strings/partner-editor-strings.js';
import type { RecurrenceBuilderStrings } from '../strings/recurrence-builder-strings.js';
import {
  boxes,
  fieldError,
  fieldLabel,
  firstErrorIdOf,
  option,
  selectField,
  textField,
  toggle,
  type FieldOptions,
  type FieldsContext,
} from '../shared/form-fields.js';
import {
  ALL_FREQS,
  checkRecurrence,
  recurrenceBuilder,
  recurrenceFieldOf,
  recurrenceOf,
  type RecurrenceBuilderContext,
  type RecurrenceField,
} from '../shared/recurrence-builder.js';
import type { FieldErrors, FieldKey, FormMessage, LocalDraft, PermanenceDraft } from './partner-drafts.js';

/**
 * The editor's two forms (a local partner; a permanence with its recurrence builder), what they
 * check before sending, and how the server's refusals land next to the fields. Pure functions of
 * the element's state: fetched by `<fs-partner-editor>` after its lists are shown, so the lists
 * come first and a page that only lists pays nothing for them.
 */

/** `LocalPartnerInput.thematiques` takes 6 values at most (the contract's `maxItems`). */
const MAX_THEMATIQUES = 6;

/** The element id of each field (a fieldset for a group of boxes), in the forms' order; its error is `<id>-error`. */
export const FIELD_IDS: Readonly<Record<FieldKey, string>> = {
  name: 'pf-name',
  description: 'pf-description',
  phone: 'pf-phone',
  website: 'pf-website',
  themes: 'pf-themes',
  partner: 'pm-partner',
  freq: 'pm-freq',
  interval: 'pm-interval',
  days: 'pm-days',
  nth: 'pm-nth',
  day: 'pm-day',
  dates: 'pm-dates',
  newDate: 'pm-date-new',
  opens: 'pm-opens',
  closes: 'pm-closes',
  byAppointment: 'pm-by-appointment',
  startsOn: 'pm-starts-on',
  endsOn: 'pm-ends-on',
  note: 'pm-note',
};

/** The id of the first field in error, in the form's order. */
export function firstErrorId(errors: FieldErrors): string | undefined {
  return firstErrorIdOf(FIELD_IDS, errors);
}

// ---------------------------------------------------------------------------------------------
// What is sent, and the checks before sending.

function thematiquesOf(d: LocalDraft, themes: readonly DirectoryTheme[]): string[] {
  const values = new Set<string>();
  for (const theme of themes) if (d.themes.includes(theme.id)) theme.thematiques.forEach((t) => values.add(t));
  d.extra.forEach((t) => values.add(t));
  return [...values];
}

export function localInputOf(d: LocalDraft, themes: readonly DirectoryTheme[]): LocalPartnerInput {
  return {
    name: d.name.trim(),
    description: d.description.trim() || null,
    phone: d.phone.trim() || null,
    website: d.website.trim() || null,
    thematiques: thematiquesOf(d, themes),
  };
}

export function permanenceInputOf(d: PermanenceDraft): PermanenceInput {
  const [kind, id = ''] = d.partner.split(/:(.*)/s) as [string, string?];
  const freq = d.recurrence.freq;
  const fixedHours = freq !== 'appointment';
  return {
    ...(kind === 'national' ? { partner: id as Exclude<PermanenceInput['partner'], undefined> } : { local_partner_id: id }),
    recurrence: recurrenceOf(d.recurrence),
    opens: fixedHours ? d.opens || null : null,
    closes: fixedHours ? d.closes || null : null,
    by_appointment: freq === 'appointment' || d.byAppointment,
    starts_on: d.startsOn || null,
    ends_on: d.endsOn || null,
    note: d.note.trim() || null,
  };
}

/** What a secretary would otherwise learn only from the server: missing choices. */
export function checkLocal(d: LocalDraft, themes: readonly DirectoryTheme[], s: PartnerEditorStrings): FieldErrors {
  const errors: FieldErrors = {};
  if (d.name.trim().length < 3) errors.name = s.fieldErrors.name;
  if (thematiquesOf(d, themes).length > MAX_THEMATIQUES) errors.themes = s.fieldErrors.themes;
  return errors;
}

export function checkPermanence(d: PermanenceDraft, s: PartnerEditorStrings, rs: RecurrenceBuilderStrings): FieldErrors {
  const e = s.fieldErrors;
  const freq = d.recurrence.freq;
  const errors: FieldErrors = {};
  if (!d.partner) errors.partner = e.partner;
  Object.assign(errors, checkRecurrence(d.recurrence, rs));
  if (freq !== 'appointment' && !d.opens !== !d.closes) errors[d.opens ? 'closes' : 'opens'] = e.hoursPair;
  if (freq === 'every-n-weeks' && !d.startsOn) errors.startsOn = e.startsOn;
  return errors;
}

const RECURRENCE_FIELDS: readonly string[] = ['freq', 'interval', 'days', 'nth', 'day', 'dates', 'newDate'] satisfies RecurrenceField[];
const isRecurrenceField = (f: FieldKey): f is RecurrenceField => RECURRENCE_FIELDS.includes(f);

/** The API's name of a field (`invalid_params[].name`) as the form's. */
function fieldOf(name: string, freq: PermanenceDraft['recurrence']['freq'] | undefined): FieldKey | 'skip' | undefined {
  const n = name.replace(/^body\./, '');
  if (['name', 'description', 'phone', 'website', 'note', 'opens', 'closes'].includes(n)) return n as FieldKey;
  if (n.startsWith('thematiques')) return 'themes';
  if (n === 'partner' || n === 'local_partner_id') return 'partner';
  if (n.startsWith('recurrence')) return recurrenceFieldOf(n.slice('recurrence'.length), freq) ?? 'skip';
  return ({ starts_on: 'startsOn', ends_on: 'endsOn', by_appointment: 'byAppointment' } as Record<string, FieldKey>)[n];
}

/**
 * The server's `invalid_params` next to the fields, in plain French (its reasons are for
 * developers). `permanence` is the draft sent, when it was a permanence.
 */
export function fieldErrorsOf(
  params: readonly InvalidParam[],
  status: number | undefined,
  permanence: PermanenceDraft | null,
  s: PartnerEditorStrings,
  rs: RecurrenceBuilderStrings,
): FieldErrors {
  const e = s.fieldErrors;
  const freq = permanence?.recurrence.freq;
  const errors: FieldErrors = {};
  for (const { name, reason } of params) {
    // A union's report names the fields of every kind of recurrence: only the chosen kind's are kept.
    const field = fieldOf(name, freq);
    if (!field || field === 'skip' || errors[field]) continue;
    errors[field] = isRecurrenceField(field)
      ? rs.fieldErrors[field === 'newDate' ? 'dateInvalid' : field]
      : field === 'partner' && status === 422
        ? e.partnerGone
        : field === 'closes' && /after/.test(reason)
          ? e.closesAfter
          : field === 'closes' || field === 'opens'
            ? e.hoursPair
            : field === 'startsOn' && !(freq === 'every-n-weeks' && !permanence?.startsOn)
              ? e.startsOnInvalid
              : e[field];
  }
  if (errors.freq && (errors.days || errors.interval || errors.nth || errors.day || errors.dates)) delete errors.freq;
  return errors;
}

// ---------------------------------------------------------------------------------------------
// The templates.

/** What both forms need from the element. */
export interface FormContext {
  s: PartnerEditorStrings;
  /** The weekdays' names (the core strings' `days`). */
  days: Readonly<Record<DayKey, string>>;
  /** "1er", "2e"… "dernier" (the core strings' `permanences.ordinal`). */
  ordinal: (n: number) => string;
  errors: FieldErrors;
  message: FormMessage | '';
  busy: boolean;
  onSubmit: (event: Event) => void;
  onCancel: () => void;
}

export interface LocalFormContext extends FormContext {
  draft: LocalDraft;
  /** The catalogue's themes, with labels in the page's language; undefined while unavailable. */
  themes?: readonly { id: string; label: string }[];
  onChange: (patch: Partial<LocalDraft>) => void;
}

export interface PermanenceFormContext extends FormContext {
  /** The recurrence builder's strings. */
  rs: RecurrenceBuilderStrings;
  /** What the recurrence builder needs besides its draft and errors. */
  recurrence: Pick<RecurrenceBuilderContext, 'locale' | 'today' | 'onErrors' | 'announce' | 'focus'>;
  draft: PermanenceDraft;
  nationals: readonly { id: string; name: string }[];
  locals: readonly LocalPartner[];
  onChange: (patch: Partial<PermanenceDraft>) => void;
  /** Applied to the element's current draft (two quick changes must not undo each other). */
  onRecurrenceChange: (patch: Partial<PermanenceDraft['recurrence']>) => void;
}

/** The shared fields' view of a form: where its fields are, their errors, "(obligatoire)" / "(facultatif)". */
const fieldsOf = (c: FormContext): FieldsContext<FieldKey> => ({
  ids: FIELD_IDS,
  errors: c.errors,
  required: c.s.required,
  optional: c.s.optional,
});
const error = (c: FormContext, key: FieldKey) => fieldError(fieldsOf(c), key);
const label = (c: FormContext, key: FieldKey, text: string, required: boolean | null) => fieldLabel(fieldsOf(c), key, text, required);
const field = (c: FormContext, key: FieldKey, text: string, value: string, onInput: (value: string) => void, o: FieldOptions = {}) =>
  textField(fieldsOf(c), key, text, value, onInput, o);

function footer(c: FormContext) {
  const s = c.s;
  const count = Object.keys(c.errors).length;
  const text = {
    invalid: count > 1 ? s.formInvalidCount(count) : s.formInvalid,
    offline: s.formOffline,
    server: s.formServer,
    gone: s.formGone,
    conflict: s.formConflict,
    refused: s.formRefused,
  };
  return html`${c.message ? html`<p class="notice error form-message" role="alert" tabindex="-1" data-state=${c.message}>${text[c.message]}</p>` : nothing}
    <div class="actions">
      <button class="primary" type="submit" aria-disabled=${c.busy ? 'true' : 'false'} aria-busy=${c.busy ? 'true' : 'false'}>
        ${c.busy ? s.saving : s.save}
      </button>
      <button class="secondary" type="button" @click=${c.onCancel}>${s.cancel}</button>
    </div>`;
}

/** A local partner: name, what it offers, phone, website, themes. */
export function localForm(c: LocalFormContext) {
  const { s, draft: d } = c;
  const set = (key: 'name' | 'description' | 'phone' | 'website') => (value: string) => c.onChange({ [key]: value });
  const themes = c.themes ?? [];
  return html`<form class="local-form" part="form" @submit=${c.onSubmit} novalidate aria-labelledby="form-title">
    ${field(c, 'name', s.name, d.name, set('name'), { hint: s.nameHint, required: true, max: 120 })}
    ${field(c, 'description', s.description, d.description, set('description'), { hint: s.descriptionHint, max: 500, textarea: true })}
    ${field(c, 'phone', s.phoneLabel, d.phone, set('phone'), { hint: s.phoneHint, type: 'tel', max: 25 })}
    ${field(c, 'website', s.websiteLabel, d.website, set('website'), { hint: s.websiteHint, type: 'url', max: 300 })}
    ${boxes(
      fieldsOf(c),
      'themes',
      html`${s.themes} <span class="small">${s.optional}</span>`,
      'checkbox',
      themes.map((t) => t.id),
      (id) => themes.find((t) => t.id === id)?.label ?? id,
      (id) => d.themes.includes(id),
      (id, on) => c.onChange({ themes: toggle(d.themes, id, on) }),
      { hint: c.themes ? s.themesHint : s.themesUnavailable },
    )}
    ${footer(c)}
  </form>`;
}

/** A permanence: whose, when (the recurrence builder), hours, period, note. */
export function permanenceForm(c: PermanenceFormContext) {
  const { s, draft: d, onChange: update } = c;
  const freq = d.recurrence.freq;
  const everyN = freq === 'every-n-weeks';
  return html`<form class="permanence-form" part="form" @submit=${c.onSubmit} novalidate aria-labelledby="form-title">
    ${selectField(
      fieldsOf(c),
      'partner',
      label(c, 'partner', s.partner, true),
      html`${option('', s.partnerChoose, !d.partner)}
        <optgroup label=${s.nationalGroup}>
          ${c.nationals.map((p) => option(`national:${p.id}`, p.name, d.partner === `national:${p.id}`))}
        </optgroup>
        ${
          c.locals.length
            ? html`<optgroup label=${s.localGroup}>${c.locals.map((p) => option(`local:${p.id}`, p.name, d.partner === `local:${p.id}`))}</optgroup>`
            : nothing
        }`,
      (partner) => update({ partner }),
      html`${s.partnerHint}${c.locals.length ? nothing : ` ${s.noLocalYet}`}`,
    )}
    ${recurrenceBuilder({
      ...c.recurrence,
      s: c.rs,
      ids: FIELD_IDS,
      legend: s.when,
      freqs: ALL_FREQS,
      draft: d.recurrence,
      errors: c.errors,
      required: s.required,
      optional: s.optional,
      days: c.days,
      ordinal: c.ordinal,
      onChange: c.onRecurrenceChange,
    })}
    ${
      freq !== 'appointment'
        ? html`<fieldset id="pm-hours" aria-describedby="pm-hours-hint">
          <legend>${s.hours} <span class="small">${s.optional}</span></legend>
          <p class="small" id="pm-hours-hint">${s.hoursHint}</p>
          <div class="pair">
            <div>${field(c, 'opens', s.opens, d.opens, (opens) => update({ opens }), { type: 'time', required: null })}</div>
            <div>${field(c, 'closes', s.closes, d.closes, (closes) => update({ closes }), { type: 'time', required: null })}</div>
          </div>
          <label class="box single">
            <input
              id="pm-by-appointment"
              type="checkbox"
              .checked=${d.byAppointment}
              @change=${(e: Event) => update({ byAppointment: (e.target as HTMLInputElement).checked })}
            /><span>${s.byAppointment}</span>
          </label>
          ${error(c, 'byAppointment')}
        </fieldset>`
        : nothing
    }
    <fieldset id="pm-period" aria-describedby="pm-period-hint">
      <legend>${s.period}${everyN ? nothing : html` <span class="small">${s.optional}</span>`}</legend>
      <p class="small" id="pm-period-hint">${everyN ? s.periodHintInterval : s.periodHint}</p>
      <div class="pair">
        <div>${field(c, 'startsOn', s.startsOn, d.startsOn, (startsOn) => update({ startsOn }), { type: 'date', required: everyN ? true : null })}</div>
        <div>${field(c, 'endsOn', s.endsOn, d.endsOn, (endsOn) => update({ endsOn }), { type: 'date', required: everyN ? false : null })}</div>
      </div>
    </fieldset>
    ${field(c, 'note', s.note, d.note, (note) => update({ note }), { hint: s.noteHint, max: 200 })} ${footer(c)}
  </form>`;
}
