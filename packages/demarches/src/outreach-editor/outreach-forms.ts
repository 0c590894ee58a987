import { html, nothing } from 'lit';
import type { DayKey } from '@fs-widgets/contract';
import { OUTREACH_KINDS, OUTREACH_OFFERS } from '@fs-widgets/contract/codes';
import type { Locale } from '@fs-widgets/core';
import type { FsPlaceSelectDetail } from '@fs-widgets/site-locator/commune-search.js';
import type { FsMapPickDetail } from '@fs-widgets/site-locator/site-map.js';
import type { OutreachEditorStrings } from '../strings/outreach-editor-strings.js';
import type { RecurrenceBuilderStrings } from '../strings/recurrence-builder-strings.js';
import { boxes, fieldError, fieldLabel, option, selectField, textField, type FieldsContext } from '../shared/form-fields.js';
import { ALL_FREQS, recurrenceBuilder, type RecurrenceDraft, type RecurrenceErrors } from '../shared/recurrence-builder.js';
import type { EditorErrors } from '../shared/site-items-editor.js';
import { RULE_FIELDS, ruleFieldId, type MoveDraft, type RuleDraft, type RuleField, type StopDraft } from './outreach-drafts.js';

/**
 * The outreach editor's forms (a place with its rhythms; a visit moved): templates of the
 * element's state, fetched by `<fs-outreach-editor>` once its list is shown, so a page that only
 * lists pays nothing for them (nor for the recurrence builder and the form fields).
 */

/** The builders' kinds of rhythm for stops: the contract's `OutreachRule` has no "by appointment". */
const STOP_FREQS = ALL_FREQS.filter((f) => f !== 'appointment');
/** The contract's `rules` maxItems. */
const MAX_RULES = 12;

/** What the place's form needs from the element. */
export interface StopFormHost {
  o: OutreachEditorStrings;
  rs: RecurrenceBuilderStrings;
  required: string;
  optional: string;
  draft: StopDraft;
  errors: EditorErrors;
  ids: Readonly<Record<string, string>>;
  api: string;
  locale: Locale;
  days: Readonly<Record<DayKey, string>>;
  ordinal: (n: number) => string;
  today: string;
  nationals: readonly { id: string; short_name: string }[];
  locals: readonly { id: string; name: string }[];
  set: (patch: Partial<StopDraft>) => void;
  setRule: (index: number, patch: Partial<RuleDraft>) => void;
  setRecurrence: (index: number, patch: Partial<RecurrenceDraft>) => void;
  onPlace: (event: CustomEvent<FsPlaceSelectDetail>) => void;
  /** « Choisir sur la carte »: whether the map is shown, could not be loaded, its base map. */
  map: { open: boolean; failed: boolean; tileUrl: string };
  toggleMap: () => void;
  onPick: (event: CustomEvent<FsMapPickDetail>) => void;
  addRule: () => void;
  removeRule: (index: number) => void;
  onErrors: (errors: EditorErrors) => void;
  announce: (text: string) => void;
  focus: (id: string) => void;
}

/** What the move form needs from the element. */
export interface MoveFormHost {
  o: OutreachEditorStrings;
  required: string;
  optional: string;
  cancelText: string;
  title: string;
  moving: MoveDraft;
  busy: boolean;
  set: (patch: Partial<MoveDraft>) => void;
  submit: (event: Event) => void;
  cancel: () => void;
}

/** The form of a place: kind, name, commune, address, coordinates, rhythms, offer, note. */
export function stopFormFields(h: StopFormHost) {
  const o = h.o;
  const d = h.draft;
  const fc: FieldsContext<string> = { ids: h.ids, errors: h.errors, required: h.required, optional: h.optional };
  const text = (key: keyof StopDraft & string, label: string, opts: Parameters<typeof textField>[5] = {}) =>
    textField(fc, key, label, d[key] as string, (value) => h.set({ [key]: value }), opts);
  return html`${boxes(
    fc,
    'kind',
    o.kind,
    'radio',
    OUTREACH_KINDS,
    (k) => o.kinds[k] ?? k,
    (k) => d.kind === k,
    (kind) => h.set({ kind }),
  )}
    ${text('name', o.name, { hint: o.nameHint, required: true, max: 120 })}
    <fieldset id="oe-commune" aria-describedby=${['oe-commune-hint', h.errors.commune ? 'oe-commune-error' : ''].filter(Boolean).join(' ')}>
      <legend>${o.commune} <span class="small">${h.required}</span></legend>
      <p class="small" id="oe-commune-hint">${o.communeHint}</p>
      ${fieldError(fc, 'commune')}
      <fs-commune-search api=${h.api || nothing} commune=${d.commune?.insee ?? ''} lang=${h.locale} @fs-place-select=${h.onPlace}></fs-commune-search>
      ${d.commune ? html`<p class="small chosen" role="status">${o.communeChosen(d.commune.name, d.commune.insee)}</p>` : html`<p class="small chosen" role="status"></p>`}
    </fieldset>
    <div class="pair">
      <div>${text('street', o.street, { max: 200 })}</div>
      <div>
        ${text('postcode', o.postcode, {
          required: true,
          max: 5,
          hint: d.commune && d.commune.postcodes.length > 1 ? o.postcodeHint(d.commune.postcodes.join(', ')) : undefined,
        })}
      </div>
    </div>
    <fieldset id="oe-location" aria-describedby="oe-location-hint">
      <legend>${o.location} <span class="small">${h.optional}</span></legend>
      <p class="small" id="oe-location-hint">${o.locationHint}</p>
      <div class="pair">
        <div>${text('lat', o.lat, { required: null, type: 'text' })}</div>
        <div>${text('lon', o.lon, { required: null, type: 'text' })}</div>
      </div>
      <div class="actions">
        <button
          class="secondary"
          type="button"
          id="oe-map-toggle"
          aria-expanded=${h.map.open ? 'true' : 'false'}
          aria-controls="oe-map"
          @click=${h.toggleMap}
        >
          ${o.mapToggle}
        </button>
      </div>
      <div id="oe-map" class="pick-map">${h.map.open ? pickMap(h) : nothing}</div>
    </fieldset>
    <fieldset class="rules">
      <legend>${o.rules}</legend>
      ${d.rules.map((r, i) => ruleFields(h, r, i, fc))}
      ${
        d.rules.length < MAX_RULES
          ? html`<div class="actions">
            <button class="secondary" type="button" id="add-rule" @click=${h.addRule}>${o.addRule}</button>
          </div>`
          : nothing
      }
    </fieldset>
    ${boxes(
      fc,
      'offer',
      o.offer,
      'radio',
      OUTREACH_OFFERS,
      (k) => o.offers[k] ?? k,
      (k) => d.offer === k,
      (offer) => h.set({ offer }),
    )}
    ${d.offer === 'partner' ? partnerSelect(h, fc) : nothing}
    ${text('note', o.note, { hint: o.noteHint, max: 200 })}`;
}

/** The typed coordinates as a point, when both are numbers in range. */
function typedPoint(d: StopDraft): { lat: number; lon: number } | undefined {
  const lat = Number(d.lat.trim().replace(',', '.'));
  const lon = Number(d.lon.trim().replace(',', '.'));
  if (!d.lat.trim() || !d.lon.trim() || !Number.isFinite(lat) || !Number.isFinite(lon)) return undefined;
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : undefined;
}

/** The map to pick the point (`<fs-site-map pick>`, fetched when first opened): opens on the point, or the commune. */
function pickMap(h: StopFormHost) {
  if (h.map.failed) return html`<p class="notice error" role="alert">${h.o.mapLoadFailed}</p>`;
  return html`<fs-site-map
    pick
    lang=${h.locale}
    tile-url=${h.map.tileUrl || nothing}
    origin-label=${h.o.mapCommuneCentre}
    .origin=${h.draft.commune?.centre ?? undefined}
    .picked=${typedPoint(h.draft)}
    @fs-map-pick=${h.onPick}
  ></fs-site-map>`;
}

function partnerSelect(h: StopFormHost, fc: FieldsContext<string>) {
  const o = h.o;
  const d = h.draft;
  const nationals = h.nationals;
  const locals = h.locals;
  return selectField(
    fc,
    'partner',
    fieldLabel(fc, 'partner', o.partner, true),
    html`${option('', o.partnerChoose, !d.partner)}
      <optgroup label=${o.nationalGroup}>${nationals.map((p) => option(p.id, p.short_name, d.partner === p.id))}</optgroup>
      ${
        locals.length
          ? html`<optgroup label=${o.localGroup}>${locals.map((p) => option(`local:${p.id}`, p.name, d.partner === `local:${p.id}`))}</optgroup>`
          : nothing
      }`,
    (partner) => h.set({ partner }),
  );
}

function ruleFields(h: StopFormHost, r: RuleDraft, i: number, fc: FieldsContext<string>) {
  const o = h.o;
  const p = `r${i}.`;
  const ruleErrors: RecurrenceErrors = {};
  for (const f of RULE_FIELDS) if (h.errors[p + f]) (ruleErrors as Record<string, string | undefined>)[f] = h.errors[p + f];
  const ids = Object.fromEntries(RULE_FIELDS.map((f) => [f, ruleFieldId(i, f)])) as Record<RuleField, string>;
  const many = h.draft.rules.length > 1;
  const everyN = r.recurrence.freq === 'every-n-weeks';
  return html`<div class="rule-box" role="group" aria-labelledby=${`r${i}-title`}>
    <p class="rule-title" id=${`r${i}-title`}><strong>${o.rule(i + 1)}</strong></p>
    ${recurrenceBuilder({
      s: h.rs,
      ids,
      group: `r${i}`,
      legend: o.ruleWhen,
      freqs: STOP_FREQS,
      draft: r.recurrence,
      errors: ruleErrors,
      required: h.required,
      optional: h.optional,
      days: h.days,
      ordinal: h.ordinal,
      locale: h.locale,
      today: h.today,
      onChange: (patch) => h.setRecurrence(i, patch),
      onErrors: (errors) => h.onErrors(Object.fromEntries(Object.entries(errors).map(([k, v]) => [p + k, v]))),
      announce: h.announce,
      focus: h.focus,
    })}
    <div class="pair">
      <div>${textField(fc, p + 'opens', `${o.hours} — ${o.opens}`, r.opens, (opens) => h.setRule(i, { opens }), { type: 'time', required: true })}</div>
      <div>${textField(fc, p + 'closes', o.closes, r.closes, (closes) => h.setRule(i, { closes }), { type: 'time', required: true })}</div>
    </div>
    <div class="pair" role="group" aria-label=${o.period}>
      <div>
        ${textField(fc, p + 'startsOn', o.startsOn, r.startsOn, (startsOn) => h.setRule(i, { startsOn }), {
          type: 'date',
          required: everyN ? true : false,
          hint: o.periodHint,
        })}
      </div>
      <div>${textField(fc, p + 'endsOn', o.endsOn, r.endsOn, (endsOn) => h.setRule(i, { endsOn }), { type: 'date' })}</div>
    </div>
    ${
      many
        ? html`<div class="actions">
          <button class="secondary danger" type="button" id=${`remove-rule-${i}`} @click=${() => h.removeRule(i)}>${o.removeRule(i + 1)}</button>
        </div>`
        : nothing
    }
  </div>`;
}

/** « Déplacer » a visit: its new date and hours. */
export function moveVisitForm(h: MoveFormHost) {
  const o = h.o;
  const m = h.moving;
  const fc: FieldsContext<'to' | 'opens' | 'closes'> = {
    ids: { to: 'mv-date', opens: 'mv-opens', closes: 'mv-closes' },
    errors: m.errors,
    required: h.required,
    optional: h.optional,
  };
  const set = h.set;
  return html`<form class="move-form" aria-labelledby="mv-title" novalidate @submit=${h.submit}>
    <p id="mv-title" class="move-title"><strong>${h.title}</strong></p>
    <div class="pair">
      <div>${textField(fc, 'to', o.moveDate, m.to, (to) => set({ to }), { type: 'date', required: true })}</div>
      <div>${textField(fc, 'opens', o.opens, m.opens, (opens) => set({ opens }), { type: 'time', required: true })}</div>
      <div>${textField(fc, 'closes', o.closes, m.closes, (closes) => set({ closes }), { type: 'time', required: true })}</div>
    </div>
    <div class="actions">
      <button class="primary" type="submit" aria-disabled=${h.busy ? 'true' : 'false'}>${o.moveSave}</button>
      <button
        class="secondary"
        type="button"
        @click=${h.cancel}
      >
        ${h.cancelText}
      </button>
    </div>
  </form>`;
}
