import { html, nothing } from 'lit';
import type {
  DayKey,
  DirectoryTheme,
  InvalidParam,
  LocalPartner,
  LocalPartnerInput,
  PermanenceInput,
  Recurrence,
} from '@fs-widgets/contract';
import { MONTHLY_ORDINALS } from '@fs-widgets/contract/codes';
import { DAY_KEYS } from '@fs-widgets/opening-hours';
import type { PartnerEditorStrings } from '../strings/partner-editor-strings.js';
import type { FieldErrors, FieldKey, FormMessage, Freq, LocalDraft, PermanenceDraft } from './partner-drafts.js';

/**
 * The editor's two forms (a local partner; a permanence with its recurrence builder), what they
 * check before sending, and how the server's refusals land next to the fields. Pure functions of
 * the element's state: fetched by `<fs-partner-editor>` after its lists are shown, so the lists
 * come first and a page that only lists pays nothing for them.
 */

const FREQS: readonly Freq[] = ['weekly', 'every-n-weeks', 'monthly', 'appointment'];
const INTERVALS = [2, 3, 4] as const;
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
  opens: 'pm-opens',
  closes: 'pm-closes',
  byAppointment: 'pm-by-appointment',
  startsOn: 'pm-starts-on',
  endsOn: 'pm-ends-on',
  note: 'pm-note',
};

/** The id of the first field in error, in the form's order. */
export function firstErrorId(errors: FieldErrors): string | undefined {
  const first = (Object.keys(FIELD_IDS) as FieldKey[]).find((k) => errors[k]);
  return first && FIELD_IDS[first];
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
  const recurrence: Recurrence =
    d.freq === 'appointment'
      ? { freq: 'appointment' }
      : d.freq === 'monthly'
        ? { freq: 'monthly', day: d.day as DayKey, nth: MONTHLY_ORDINALS.filter((n) => d.nth.includes(n)) }
        : { freq: 'weekly', days: DAY_KEYS.filter((day) => d.days.includes(day)), interval: d.freq === 'every-n-weeks' ? d.interval : 1 };
  const [kind, id = ''] = d.partner.split(/:(.*)/s) as [string, string?];
  const fixedHours = d.freq !== 'appointment';
  return {
    ...(kind === 'national' ? { partner: id as Exclude<PermanenceInput['partner'], undefined> } : { local_partner_id: id }),
    recurrence,
    opens: fixedHours ? d.opens || null : null,
    closes: fixedHours ? d.closes || null : null,
    by_appointment: d.freq === 'appointment' || d.byAppointment,
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

export function checkPermanence(d: PermanenceDraft, s: PartnerEditorStrings): FieldErrors {
  const e = s.fieldErrors;
  const errors: FieldErrors = {};
  if (!d.partner) errors.partner = e.partner;
  if ((d.freq === 'weekly' || d.freq === 'every-n-weeks') && d.days.length === 0) errors.days = e.days;
  if (d.freq === 'monthly') {
    if (d.nth.length === 0) errors.nth = e.nth;
    if (!d.day) errors.day = e.day;
  }
  if (d.freq !== 'appointment' && !d.opens !== !d.closes) errors[d.opens ? 'closes' : 'opens'] = e.hoursPair;
  if (d.freq === 'every-n-weeks' && !d.startsOn) errors.startsOn = e.startsOn;
  return errors;
}

/** The API's name of a field (`invalid_params[].name`) as the form's. */
function fieldOf(name: string): FieldKey | undefined {
  const n = name.replace(/^body\./, '');
  if (['name', 'description', 'phone', 'website', 'note', 'opens', 'closes'].includes(n)) return n as FieldKey;
  if (n.startsWith('thematiques')) return 'themes';
  if (n === 'partner' || n === 'local_partner_id') return 'partner';
  if (n.startsWith('recurrence.days')) return 'days';
  if (n.startsWith('recurrence.nth')) return 'nth';
  if (n === 'recurrence.day') return 'day';
  if (n === 'recurrence.interval') return 'interval';
  if (n.startsWith('recurrence')) return 'freq';
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
): FieldErrors {
  const e = s.fieldErrors;
  const freq = permanence?.freq;
  const errors: FieldErrors = {};
  for (const { name, reason } of params) {
    const field = fieldOf(name);
    if (!field || errors[field]) continue;
    // A union's report names the fields of every kind of recurrence: keep the chosen kind's.
    if ((field === 'days' || field === 'interval') && freq !== 'weekly' && freq !== 'every-n-weeks') continue;
    if ((field === 'nth' || field === 'day') && freq !== 'monthly') continue;
    errors[field] =
      field === 'partner' && status === 422
        ? e.partnerGone
        : field === 'closes' && /after/.test(reason)
          ? e.closesAfter
          : field === 'closes' || field === 'opens'
            ? e.hoursPair
            : field === 'startsOn' && !(freq === 'every-n-weeks' && !permanence?.startsOn)
              ? e.startsOnInvalid
              : e[field];
  }
  if (errors.freq && (errors.days || errors.interval || errors.nth || errors.day)) delete errors.freq;
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
  draft: PermanenceDraft;
  nationals: readonly { id: string; name: string }[];
  locals: readonly LocalPartner[];
  onChange: (patch: Partial<PermanenceDraft>) => void;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const toggle = <T>(list: readonly T[], item: T, on: boolean): T[] =>
  on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);

/** `aria-describedby` of a field: its hint, and its error when there is one. */
function describedBy(c: FormContext, key: FieldKey, hint: boolean) {
  const id = FIELD_IDS[key];
  const ids = [hint ? `${id}-hint` : '', c.errors[key] ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : nothing;
}

function error(c: FormContext, key: FieldKey) {
  const message = c.errors[key];
  return message ? html`<p class="error-text field-error" id=${`${FIELD_IDS[key]}-error`}>${message}</p>` : nothing;
}

/** A label saying "(obligatoire)" or "(facultatif)", or neither (`null`: the fieldset's legend says it). */
function label(c: FormContext, key: FieldKey, text: string, required: boolean | null) {
  return html`<label class="field" for=${FIELD_IDS[key]}>
    ${text}${required === null ? nothing : html` <span class="small">${required ? c.s.required : c.s.optional}</span>`}
  </label>`;
}

/** A labelled text field (input or textarea) with its hint and its error, wired for screen readers. */
function field(
  c: FormContext,
  key: FieldKey,
  text: string,
  value: string,
  onInput: (value: string) => void,
  o: { hint?: string; required?: boolean | null; type?: string; max?: number; textarea?: boolean } = {},
) {
  const id = FIELD_IDS[key];
  const input = (e: Event) => onInput((e.target as HTMLInputElement).value);
  const invalid = c.errors[key] ? 'true' : 'false';
  const described = describedBy(c, key, !!o.hint);
  return html`${label(c, key, text, o.required === undefined ? false : o.required)}
    ${o.hint ? html`<p class="small" id=${`${id}-hint`}>${o.hint}</p>` : nothing}
    ${
      o.textarea
        ? html`<textarea id=${id} maxlength=${o.max ?? nothing} .value=${value} aria-invalid=${invalid} aria-describedby=${described} @input=${input}></textarea>`
        : html`<input
          id=${id}
          type=${o.type ?? 'text'}
          autocomplete="off"
          maxlength=${o.max ?? nothing}
          ?required=${!!o.required}
          aria-required=${o.required ? 'true' : nothing}
          .value=${value}
          aria-invalid=${invalid}
          aria-describedby=${described}
          @input=${input}
        />`
    }
    ${error(c, key)}`;
}

/** A fieldset of checkboxes or radio buttons, its error under the legend (focus goes to its first box). */
function boxes<T extends string | number>(
  c: FormContext,
  key: FieldKey,
  legend: unknown,
  type: 'checkbox' | 'radio',
  values: readonly T[],
  text: (v: T) => string,
  checked: (v: T) => boolean,
  pick: (v: T, on: boolean) => void,
  hint?: string,
) {
  const id = FIELD_IDS[key];
  return html`<fieldset id=${id} aria-describedby=${describedBy(c, key, !!hint)}>
    <legend>${legend}</legend>
    ${hint ? html`<p class="small" id=${`${id}-hint`}>${hint}</p>` : nothing} ${error(c, key)}
    <div class="boxes ${key}">
      ${values.map(
        (v) => html`<label class="box">
          <input type=${type} name=${key} value=${v} .checked=${checked(v)} @change=${(e: Event) => pick(v, (e.target as HTMLInputElement).checked)} /><span
            >${text(v)}</span
          >
        </label>`,
      )}
    </div>
  </fieldset>`;
}

/** A select with its label, hint and error. */
function select(c: FormContext, key: FieldKey, labelled: unknown, options: unknown, onChange: (value: string) => void, hint?: unknown) {
  const id = FIELD_IDS[key];
  return html`${labelled} ${hint ? html`<p class="small" id=${`${id}-hint`}>${hint}</p>` : nothing}
    <select
      id=${id}
      aria-invalid=${c.errors[key] ? 'true' : 'false'}
      aria-describedby=${describedBy(c, key, !!hint)}
      @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}
    >
      ${options}
    </select>
    ${error(c, key)}`;
}

const option = (value: string | number, text: string, selected: boolean) =>
  html`<option value=${value} ?selected=${selected}>${text}</option>`;

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
      c,
      'themes',
      html`${s.themes} <span class="small">${s.optional}</span>`,
      'checkbox',
      themes.map((t) => t.id),
      (id) => themes.find((t) => t.id === id)?.label ?? id,
      (id) => d.themes.includes(id),
      (id, on) => c.onChange({ themes: toggle(d.themes, id, on) }),
      c.themes ? s.themesHint : s.themesUnavailable,
    )}
    ${footer(c)}
  </form>`;
}

/** A permanence: whose, when (the recurrence builder), hours, period, note. */
export function permanenceForm(c: PermanenceFormContext) {
  const { s, draft: d, onChange: update } = c;
  const everyN = d.freq === 'every-n-weeks';
  const weekday = (day: DayKey) => capitalize(c.days[day]);
  return html`<form class="permanence-form" part="form" @submit=${c.onSubmit} novalidate aria-labelledby="form-title">
    ${select(
      c,
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
    ${boxes(
      c,
      'freq',
      s.when,
      'radio',
      FREQS,
      (f) => s.freqs[f],
      (f) => d.freq === f,
      (freq) => update({ freq }),
    )}
    ${
      everyN
        ? select(
            c,
            'interval',
            label(c, 'interval', s.interval, null),
            INTERVALS.map((n) => option(n, s.intervalOption(n), d.interval === n)),
            (value) => update({ interval: Number(value) }),
          )
        : nothing
    }
    ${
      d.freq === 'weekly' || everyN
        ? boxes(
            c,
            'days',
            s.days,
            'checkbox',
            DAY_KEYS,
            weekday,
            (day) => d.days.includes(day),
            (day, on) => update({ days: toggle(d.days, day, on) }),
          )
        : nothing
    }
    ${
      d.freq === 'monthly'
        ? html`${boxes(
            c,
            'nth',
            s.nth,
            'checkbox',
            MONTHLY_ORDINALS,
            (n) => c.ordinal(n),
            (n) => d.nth.includes(n),
            (n, on) => update({ nth: toggle(d.nth, n, on) }),
            s.nthHint,
          )}
        ${select(
          c,
          'day',
          label(c, 'day', s.day, null),
          html`${option('', s.partnerChoose, !d.day)} ${DAY_KEYS.map((day) => option(day, weekday(day), d.day === day))}`,
          (day) => update({ day: day as DayKey | '' }),
        )}`
        : nothing
    }
    ${
      d.freq !== 'appointment'
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
