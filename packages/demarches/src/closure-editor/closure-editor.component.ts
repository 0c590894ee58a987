import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { ExceptionalHours, ExceptionalHoursInput, InvalidParam } from '@fs-widgets/contract';
import { exceptionText } from '@fs-widgets/core';
import type { ClosureEditorStrings } from '../strings/closure-editor-strings.js';
import '../strings/closure-editor-strings.js';
import { boxes, textField, type FieldsContext } from '../shared/form-fields.js';
import { FsSiteItemsEditor, type EditorErrors, type ItemsEditorWords, type SiteItemsChangeDetail } from '../shared/site-items-editor.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'fs-closures-change': CustomEvent<SiteItemsChangeDetail>;
  }
}

/** What the agent is typing: kept by the element, so a refused token, a lost connection or a refused field loses nothing. */
export interface ClosureDraft {
  closed: boolean;
  range: boolean;
  startsOn: string;
  endsOn: string;
  opens: string;
  closes: string;
  opens2: string;
  closes2: string;
  reason: string;
}

type ClosureField = 'closed' | 'range' | 'startsOn' | 'endsOn' | 'opens' | 'closes' | 'opens2' | 'closes2' | 'reason';

/** The element id of each field, in the form's order; its error is `<id>-error`. */
const FIELD_IDS: Readonly<Record<ClosureField, string>> = {
  closed: 'ce-closed',
  range: 'ce-range',
  startsOn: 'ce-starts-on',
  endsOn: 'ce-ends-on',
  opens: 'ce-opens',
  closes: 'ce-closes',
  opens2: 'ce-opens-2',
  closes2: 'ce-closes-2',
  reason: 'ce-reason',
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const emptyDraft = (): ClosureDraft => ({
  closed: true,
  range: false,
  startsOn: '',
  endsOn: '',
  opens: '',
  closes: '',
  opens2: '',
  closes2: '',
  reason: '',
});

/**
 * The site agents' tool to publish exceptional closures and exceptional hours: « Fermé le 24
 * décembre (congés) », « Du 21 au 25 avril : 9 h – 12 h (formation) ». What they publish
 * replaces the weekly hours on those days wherever the public sees the site.
 *
 * @summary Asks once for the agent's access token (the one the other agents' tools use, kept on
 * the device for this site), then lists the site's current and upcoming closures and exceptional
 * hours in plain words. Add one day or a date range, closed or open at other hours (one or two
 * ranges), with a reason in plain words (« Congés », « Formation », « Fermeture exceptionnelle »
 * suggested, free text allowed); edit; remove after a confirmation. Checks before sending (a
 * range ending before it starts, hours the wrong way round) and the server's refusals are said at
 * the field. Offline, a write is kept on the device, listed as « En attente d'envoi », and sent
 * once when the connection is back.
 *
 * @fires fs-closures-change - A closure or exceptional hours were created, updated or removed on the server (or queued to be). detail: `{ action, id, queued }` (`id` null for a creation).
 *
 * @csspart base - The widget.
 * @csspart list - The list of closures and exceptional hours.
 * @csspart item - One of them.
 * @csspart form - The form.
 * @csspart confirmation - The message after a save or a removal.
 * @csspart pending - The writes waiting to be sent (offline).
 * @csspart refused - The writes the server refused after they waited, until the agent dismisses them.
 *
 * @cssprop [--fs-demarches-accent=var(--fs-color-primary)] - Buttons, links, selection.
 */
export class FsClosureEditor extends FsSiteItemsEditor<ExceptionalHours, ExceptionalHoursInput> {
  @state() private draft: ClosureDraft = emptyDraft();

  protected readonly collection = 'exceptions';
  protected readonly outboxKind = 'site-exception';
  protected get fieldIds() {
    return FIELD_IDS;
  }
  protected readonly changeEvent = 'fs-closures-change';

  get #c(): ClosureEditorStrings {
    return this.i18n.part<ClosureEditorStrings>('closure-editor');
  }

  protected get words(): ItemsEditorWords {
    return this.#c;
  }

  protected describe(item: ExceptionalHours | ExceptionalHoursInput): string {
    return exceptionText(item, this.i18n.strings, this.i18n.locale);
  }

  /** Current and upcoming ones, soonest first (the past ones stay in the site's history). */
  protected override visibleItems(items: readonly ExceptionalHours[]): readonly ExceptionalHours[] {
    const today = this.today;
    return items.filter((e) => e.ends_on >= today).sort((a, b) => a.starts_on.localeCompare(b.starts_on));
  }

  protected renderItem(item: ExceptionalHours) {
    const current = item.starts_on <= this.today;
    return html`<p class="item-name">${this.describe(item)}</p>
      ${current ? html`<p class="small current">${this.#c.current}</p>` : nothing}`;
  }

  protected startDraft(item: ExceptionalHours | null): void {
    if (!item) {
      this.draft = emptyDraft();
      return;
    }
    const [first, second] = item.hours;
    this.draft = {
      closed: item.closed,
      range: item.ends_on !== item.starts_on,
      startsOn: item.starts_on,
      endsOn: item.ends_on !== item.starts_on ? item.ends_on : '',
      opens: first?.opens ?? '',
      closes: first?.closes ?? '',
      opens2: second?.opens ?? '',
      closes2: second?.closes ?? '',
      reason: item.reason,
    };
  }

  protected input(): ExceptionalHoursInput {
    const d = this.draft;
    const hours = d.closed
      ? []
      : [{ opens: d.opens, closes: d.closes }, ...(d.opens2 && d.closes2 ? [{ opens: d.opens2, closes: d.closes2 }] : [])];
    return { starts_on: d.startsOn, ends_on: d.range ? d.endsOn : d.startsOn, closed: d.closed, hours, reason: d.reason.trim() };
  }

  protected check(): EditorErrors {
    const d = this.draft;
    const e = this.#c.fieldErrors;
    const errors: Partial<Record<ClosureField, string>> = {};
    const validDate = (v: string) => ISO_DATE.test(v) && !Number.isNaN(Date.parse(`${v}T12:00:00Z`));
    if (!validDate(d.startsOn)) errors.startsOn = e.startsOn;
    if (d.range) {
      if (!validDate(d.endsOn)) errors.endsOn = e.endsOn;
      else if (!errors.startsOn && d.endsOn < d.startsOn) errors.endsOn = e.endsBefore;
      // A range over a year (366 days at most) is the server's to refuse: its 422 lands here in plain words.
    }
    const last = d.range ? d.endsOn : d.startsOn;
    if (!errors.startsOn && !errors.endsOn && last < this.today) errors[d.range ? 'endsOn' : 'startsOn'] = e.past;
    if (!d.closed) {
      if (!d.opens) errors.opens = e.opens;
      if (!d.closes) errors.closes = e.closes;
      else if (d.opens && d.closes <= d.opens) errors.closes = e.closesAfter;
      if (!d.opens2 !== !d.closes2) errors[d.opens2 ? 'closes2' : 'opens2'] = e.pair;
      else if (d.opens2 && d.closes2) {
        if (d.closes && d.opens2 < d.closes) errors.opens2 = e.secondAfter;
        else if (d.closes2 <= d.opens2) errors.closes2 = e.closesAfter;
      }
    }
    const reason = d.reason.trim();
    if (reason.length < 2 || reason.length > 120) errors.reason = e.reason;
    return errors;
  }

  protected fieldErrorsOf(params: readonly InvalidParam[]): EditorErrors {
    const e = this.#c.fieldErrors;
    const errors: Partial<Record<ClosureField, string>> = {};
    for (const { name, reason } of params) {
      const n = name.replace(/^body\./, '');
      const second = /^hours(\.|\[)1/.test(n);
      const [field, message]: [ClosureField, string] | [undefined, undefined] =
        n === 'starts_on'
          ? ['startsOn', e.startsOn]
          : n === 'ends_on'
            ? [
                'endsOn',
                /past/.test(reason) ? e.past : /at most|days/.test(reason) ? e.tooLong : /before/.test(reason) ? e.endsBefore : e.endsOn,
              ]
            : n === 'reason'
              ? ['reason', e.reason]
              : n === 'closed'
                ? ['closed', e.closed]
                : n.startsWith('hours')
                  ? n.endsWith('opens')
                    ? [second ? 'opens2' : 'opens', e.opens]
                    : [second ? 'closes2' : 'closes', /after/.test(reason) ? e.closesAfter : e.closes]
                  : [undefined, undefined];
      if (field && !errors[field]) errors[field] = message;
    }
    return errors;
  }

  protected renderFields() {
    const c = this.#c;
    const d = this.draft;
    const fc: FieldsContext<ClosureField> = { ids: FIELD_IDS, errors: this.errors, required: this.s.required, optional: this.s.optional };
    const set = (patch: Partial<ClosureDraft>) => (this.draft = { ...this.draft, ...patch });
    const time = (key: 'opens' | 'closes' | 'opens2' | 'closes2', label: string, required: boolean | null) =>
      textField(fc, key, label, d[key], (value) => set({ [key]: value }), { type: 'time', required });
    return html`${boxes(
      fc,
      'closed',
      c.what,
      'radio',
      ['closed', 'open'] as const,
      (v) => (v === 'closed' ? c.closed : c.open),
      (v) => d.closed === (v === 'closed'),
      (v) => set({ closed: v === 'closed' }),
    )}
      ${boxes(
        fc,
        'range',
        c.span,
        'radio',
        ['one', 'range'] as const,
        (v) => (v === 'one' ? c.oneDay : c.range),
        (v) => d.range === (v === 'range'),
        (v) => set({ range: v === 'range' }),
      )}
      <div class="pair">
        <div>${textField(fc, 'startsOn', d.range ? c.startsOn : c.day, d.startsOn, (startsOn) => set({ startsOn }), { type: 'date', required: true })}</div>
        ${
          d.range
            ? html`<div>
              ${textField(fc, 'endsOn', c.endsOn, d.endsOn, (endsOn) => set({ endsOn }), { type: 'date', required: true, hint: c.rangeHint })}
            </div>`
            : nothing
        }
      </div>
      ${
        d.closed
          ? nothing
          : html`<fieldset id="ce-hours" aria-describedby="ce-hours-hint">
            <legend>${c.hours}</legend>
            <p class="small" id="ce-hours-hint">${c.hoursHint}</p>
            <div class="pair">
              <div>${time('opens', c.opens, true)}</div>
              <div>${time('closes', c.closes, true)}</div>
            </div>
            <p class="small second-range">${c.secondRange} <span>${this.s.optional}</span></p>
            <div class="pair">
              <div>${time('opens2', c.opens, null)}</div>
              <div>${time('closes2', c.closes, null)}</div>
            </div>
          </fieldset>`
      }
      ${textField(fc, 'reason', c.reason, d.reason, (reason) => set({ reason }), {
        required: true,
        hint: c.reasonHint,
        max: 120,
        list: 'ce-reasons',
      })}
      <datalist id="ce-reasons">${c.suggestions.map((r) => html`<option value=${r}></option>`)}</datalist>`;
  }
}
