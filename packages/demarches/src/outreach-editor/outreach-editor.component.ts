import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type {
  Directory,
  InvalidParam,
  OutreachChange,
  OutreachRule,
  OutreachStop,
  OutreachStopInput,
  SitePartners,
} from '@fs-widgets/contract';
import { ApiResource, formatDayAndDate, permanenceText, sessionText, stringAttribute } from '@fs-widgets/core';
import { permanenceDates } from '@fs-widgets/opening-hours';
import type { FsPlaceSelectDetail } from '@fs-widgets/site-locator/commune-search.js';
import type { FsMapPickDetail } from '@fs-widgets/site-locator/site-map.js';
import type { OutreachEditorStrings } from '../strings/outreach-editor-strings.js';
import '../strings/outreach-editor-strings.js';
import type { RecurrenceBuilderStrings } from '../strings/recurrence-builder-strings.js';
import '../strings/recurrence-builder-strings.js';
import { mergeErrors } from '../shared/field-errors.js';
import { checkRecurrence, recurrenceDraftOf, recurrenceFieldOf, recurrenceOf } from '../shared/recurrence-drafts.js';
import { FsSiteItemsEditor, type EditorErrors, type ItemsEditorWords, type SiteItemsChangeDetail } from '../shared/site-items-editor.js';
import { emptyRule, emptyStopDraft, RULE_FIELDS, ruleFieldId, type MoveDraft, type RuleDraft, type StopDraft } from './outreach-drafts.js';
import { outreachEditorStyles } from './outreach-editor.styles.js';

/** The forms, fetched after the list is shown (see `#loadForms`). */
type Forms = typeof import('./outreach-forms.js');

/** How far ahead the list shows a stop's visits, and how many. */
const HORIZON_DAYS = 56;
const NEXT_COUNT = 4;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

declare global {
  interface GlobalEventHandlersEventMap {
    'fs-stops-change': CustomEvent<SiteItemsChangeDetail>;
  }
}

/** What is sent for a saved stop (an edit of its changes keeps the rest as it is). */
export function stopInputOf(stop: OutreachStop): OutreachStopInput {
  return {
    kind: stop.kind,
    name: stop.name,
    address: { street: stop.address.street, postcode: stop.address.postcode, insee_commune: stop.address.insee_commune },
    location: stop.location_from === 'agent' ? stop.location : null,
    rules: stop.rules,
    changes: stop.changes,
    offer: stop.offer,
    partner: stop.partner,
    note: stop.note,
  };
}

/** One regular visit of a stop with what became of it. */
interface Visit {
  date: string;
  opens: string;
  closes: string;
  change?: OutreachChange;
}

/**
 * The next regular visits of a stop, from its rules (public holidays skipped, as the public sees
 * them), each with its change (cancelled, or moved elsewhere in time), soonest first.
 */
export function upcomingVisits(stop: Pick<OutreachStop, 'rules' | 'changes' | 'address'>, now = new Date()): Visit[] {
  const byDate = new Map<string, Visit>();
  for (const rule of stop.rules) {
    const dates = permanenceDates(
      {
        recurrence: rule.recurrence,
        opens: rule.opens,
        closes: rule.closes,
        starts_on: rule.starts_on ?? null,
        ends_on: rule.ends_on ?? null,
      },
      { department: stop.address.insee_commune, now, count: NEXT_COUNT, horizonDays: HORIZON_DAYS },
    );
    for (const d of dates)
      if (!byDate.has(d.date)) byDate.set(d.date, { date: d.date, opens: d.opens ?? rule.opens, closes: d.closes ?? rule.closes });
  }
  return [...byDate.values()]
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(0, NEXT_COUNT)
    .map((v) => ({ ...v, change: stop.changes.find((c) => c.date === v.date) }));
}

/**
 * The site agents' tool to publish where their France services goes: a bus's stops
 * (« Place de la mairie, Tusson — chaque mardi, 9 h – 12 h ») and its agents' permanences in
 * other communes, with what is offered there; a single visit can be cancelled or moved.
 *
 * @summary Asks once for the agent's access token (the one the other agents' tools use, kept on
 * the device for this site), then lists the site's stops and outreach permanences with their
 * rhythm in plain words and their next visits, each with « Annuler cette date » or « Déplacer »
 * (a new date and hours), and « Rétablir » for one cancelled or moved. Add or edit a place: a bus
 * stop or a permanence, its name, its commune chosen with the commune search (`<fs-commune-search>`),
 * street and postcode, optional coordinates typed or picked on a map (« Choisir sur la carte »: a
 * `<fs-site-map pick>` fetched when first opened, on the commune's centre or the typed point; a
 * click, or the arrow keys and « Placer le point au centre de la carte », fills the fields), one or more rhythms with the shared recurrence
 * builder (every week, every N weeks, nth or last weekday of the month, one-off dates) and their
 * hours, what is offered (the whole France services offer, a partner's permanence — a national or
 * one of the site's local partners —, a conseiller numérique), a note. Checks before sending and
 * the server's refusals are said at the field. Offline, a write waits on the device, listed as
 * « En attente d'envoi », and is sent once when the connection is back.
 *
 * @fires fs-stops-change - A stop was created, updated (a visit cancelled, moved or restored too) or removed on the server (or queued to be). detail: `{ action, id, queued }` (`id` null for a creation).
 *
 * @csspart base - The widget.
 * @csspart list - The list of places.
 * @csspart item - One place.
 * @csspart visits - A place's next visits.
 * @csspart form - The form of a place.
 * @csspart confirmation - The message after a save, a removal or a visit's change.
 * @csspart pending - The writes waiting to be sent (offline).
 * @csspart refused - The writes the server refused after they waited, until the agent dismisses them.
 *
 * @cssprop [--fs-demarches-accent=var(--fs-color-primary)] - Buttons, links, selection.
 */
export class FsOutreachEditor extends FsSiteItemsEditor<OutreachStop, OutreachStopInput> {
  static override styles = [...FsSiteItemsEditor.styles, outreachEditorStyles];

  /** The national partners' names (the list names a partner's permanence, the form offers them). */
  readonly #directory = new ApiResource<Directory>(this, () =>
    this.siteOk && this.token.token ? { client: this.client, path: 'directory' } : undefined,
  );

  /** The site's local partners (a partner's permanence may be theirs). */
  readonly #partners = new ApiResource<SitePartners>(this, () =>
    this.siteOk && this.token.token ? { client: this.client, path: `sites/${this.site}/partners` } : undefined,
  );

  /**
   * Base map tiles of the map to pick a place's point, a `{z}/{x}/{y}` URL template (as the
   * locator's `tile-url`). OpenStreetMap's when not set.
   */
  @property({ attribute: 'tile-url', converter: stringAttribute }) tileUrl = '';

  @state() private draft: StopDraft = emptyStopDraft();
  /** « Choisir sur la carte »: the map shown; `mapFailed` when its code could not be fetched. */
  @state() private mapOpen = false;
  @state() private mapFailed = false;
  /** The visit being moved (its stop and regular date) and what is typed for it. */
  @state() private moving: MoveDraft | null = null;
  @state() private visitError: { stop: string; text: string } | null = null;
  @state() private visitBusy = false;
  /** The forms' module, once fetched; `formsFailed` when it could not be (offline on a first visit). */
  @state() private forms?: Forms;
  @state() private formsFailed = false;
  #formsLoading?: Promise<void>;

  protected readonly collection = 'stops';
  protected readonly outboxKind = 'site-stop';
  protected readonly changeEvent = 'fs-stops-change';

  get #o(): OutreachEditorStrings {
    return this.i18n.part<OutreachEditorStrings>('outreach-editor');
  }

  get #rs(): RecurrenceBuilderStrings {
    return this.i18n.part<RecurrenceBuilderStrings>('recurrence-builder');
  }

  protected get words(): ItemsEditorWords {
    return this.#o;
  }

  protected get fieldIds(): Readonly<Record<string, string>> {
    const ids: Record<string, string> = {
      kind: 'oe-kind',
      name: 'oe-name',
      commune: 'oe-commune',
      postcode: 'oe-postcode',
      street: 'oe-street',
      lat: 'oe-lat',
      lon: 'oe-lon',
    };
    this.draft.rules.forEach((_, i) => RULE_FIELDS.forEach((f) => (ids[`r${i}.${f}`] = ruleFieldId(i, f))));
    return { ...ids, offer: 'oe-offer', partner: 'oe-partner', note: 'oe-note' };
  }

  protected describe(item: OutreachStop | OutreachStopInput): string {
    return 'id' in item ? `${item.name}, ${item.address.commune}` : `${item.name} (${item.address.postcode})`;
  }

  protected override updated(): void {
    // The forms as soon as the list is on screen: there when an agent opens one, even if the network drops meanwhile.
    if (!this.forms && this.items.state.status === 'ready') this.#loadForms();
  }

  #loadForms(): void {
    if (this.forms || this.#formsLoading) return;
    this.formsFailed = false;
    this.#formsLoading = import('./outreach-forms.js').then(
      (forms) => {
        this.forms = forms;
      },
      () => {
        this.#formsLoading = undefined;
        this.formsFailed = true;
      },
    );
  }

  protected override openForm(item: OutreachStop | null, opener: string) {
    this.#loadForms();
    // The commune search comes with the form (a page that only lists does not load it).
    void import('@fs-widgets/site-locator/commune-search.js');
    this.moving = null;
    this.visitError = null;
    this.mapOpen = false;
    super.openForm(item, opener);
  }

  protected startDraft(item: OutreachStop | null): void {
    if (!item) {
      this.draft = emptyStopDraft();
      return;
    }
    this.draft = {
      kind: item.kind,
      name: item.name,
      commune: {
        insee: item.address.insee_commune,
        name: item.address.commune,
        postcodes: [item.address.postcode],
        centre: item.location_from === 'commune' ? item.location : null,
      },
      postcode: item.address.postcode,
      street: item.address.street,
      lat: item.location_from === 'agent' ? String(item.location.lat) : '',
      lon: item.location_from === 'agent' ? String(item.location.lon) : '',
      rules: item.rules.map((r) => ({
        recurrence: recurrenceDraftOf(r.recurrence),
        opens: r.opens,
        closes: r.closes,
        startsOn: r.starts_on ?? '',
        endsOn: r.ends_on ?? '',
      })),
      offer: item.offer,
      partner: item.partner ?? '',
      note: item.note ?? '',
      changes: item.changes,
    };
  }

  protected input(): OutreachStopInput {
    const d = this.draft;
    const number = (v: string) => Number(v.trim().replace(',', '.'));
    return {
      kind: d.kind,
      name: d.name.trim(),
      address: { street: d.street.trim(), postcode: d.postcode.trim(), insee_commune: d.commune?.insee ?? '' },
      location: d.lat.trim() && d.lon.trim() ? { lat: number(d.lat), lon: number(d.lon) } : null,
      rules: d.rules.map((r): OutreachRule => ({
        recurrence: recurrenceOf(r.recurrence),
        opens: r.opens,
        closes: r.closes,
        starts_on: r.startsOn || null,
        ends_on: r.endsOn || null,
      })),
      changes: d.changes,
      offer: d.offer,
      partner: d.offer === 'partner' ? d.partner : null,
      note: d.note.trim() || null,
    };
  }

  protected check(): EditorErrors {
    const d = this.draft;
    const e = this.#o.fieldErrors;
    const errors: EditorErrors = {};
    const name = d.name.trim();
    if (name.length < 2 || name.length > 120) errors.name = e.name;
    if (!d.commune) errors.commune = e.commune;
    if (!/^\d{5}$/.test(d.postcode.trim())) errors.postcode = e.postcode;
    const lat = d.lat.trim().replace(',', '.');
    const lon = d.lon.trim().replace(',', '.');
    if (!lat !== !lon) errors[lat ? 'lon' : 'lat'] = e.location;
    else if (lat) {
      if (!Number.isFinite(Number(lat)) || Math.abs(Number(lat)) > 90) errors.lat = e.lat;
      if (!Number.isFinite(Number(lon)) || Math.abs(Number(lon)) > 180) errors.lon = e.lon;
    }
    d.rules.forEach((r, i) => {
      const p = `r${i}.`;
      for (const [field, message] of Object.entries(checkRecurrence(r.recurrence, this.#rs))) errors[p + field] = message;
      if (!r.opens) errors[`${p}opens`] = e.opens;
      if (!r.closes) errors[`${p}closes`] = e.closes;
      else if (r.opens && r.closes <= r.opens) errors[`${p}closes`] = e.closesAfter;
      if (r.recurrence.freq === 'every-n-weeks' && !r.startsOn) errors[`${p}startsOn`] = e.startsOn;
      if (r.startsOn && r.endsOn && r.endsOn < r.startsOn) errors[`${p}endsOn`] = e.endsOn;
    });
    if (d.offer === 'partner' && !d.partner) errors.partner = e.partner;
    return errors;
  }

  protected fieldErrorsOf(params: readonly InvalidParam[]): EditorErrors {
    const e = this.#o.fieldErrors;
    const errors: EditorErrors = {};
    for (const { name, reason } of params) {
      const n = name.replace(/^body\./, '').replace(/\[(\d+)\]/g, '.$1');
      let field: string | undefined;
      let message: string | undefined;
      const rule = /^rules\.(\d+)\.?(.*)$/.exec(n);
      if (rule) {
        const i = Number(rule[1]);
        const rest = rule[2] ?? '';
        const draft = this.draft.rules[i];
        if (!draft) continue;
        if (rest.startsWith('recurrence')) {
          const f = recurrenceFieldOf(rest.slice('recurrence'.length), draft.recurrence.freq);
          if (!f) continue;
          field = `r${i}.${f}`;
          message = this.#rs.fieldErrors[f === 'newDate' ? 'dateInvalid' : f];
        } else if (rest === 'opens' || rest === 'closes') {
          field = `r${i}.${rest}`;
          message = /after/.test(reason) ? e.closesAfter : e[rest];
        } else if (rest === 'starts_on') [field, message] = [`r${i}.startsOn`, draft.startsOn ? e.startsOnInvalid : e.startsOn];
        else if (rest === 'ends_on') [field, message] = [`r${i}.endsOn`, e.endsOn];
        else [field, message] = [`r${i}.freq`, this.#rs.fieldErrors.freq];
      } else if (n === 'rules') [field, message] = ['r0.freq', this.#rs.fieldErrors.freq];
      else if (n.startsWith('address.insee_commune') || n === 'address') [field, message] = ['commune', e.commune];
      else if (n.startsWith('address.postcode')) [field, message] = ['postcode', e.postcode];
      else if (n.startsWith('address.street')) [field, message] = ['street', e.street];
      else if (n.startsWith('location')) {
        const far = /far|km|France|commune/.test(reason);
        [field, message] = n.endsWith('lon') ? ['lon', far ? e.farAway : e.lon] : ['lat', far ? e.farAway : e.lat];
      } else if (n === 'kind' || n === 'name' || n === 'offer' || n === 'note' || n === 'partner') [field, message] = [n, e[n]];
      if (field && message && !errors[field]) errors[field] = message;
    }
    return errors;
  }

  // -------------------------------------------------------------------------------------------
  // The list: a place, its rhythm, its next visits and their changes.

  protected renderItem(stop: OutreachStop) {
    const o = this.#o;
    const { strings, locale } = this.i18n;
    const offer = stop.offer === 'partner' && stop.partner ? o.partnerOffer(this.#partnerName(stop.partner)) : o.offers[stop.offer];
    const visits = upcomingVisits(stop, this.now);
    return html`<p class="item-name">${stop.name}</p>
      <p class="small">${o.kinds[stop.kind]} · ${o.address(stop.address.street, stop.address.postcode, stop.address.commune)}</p>
      ${stop.rules.map(
        (r) =>
          html`<p class="rule">
            ${permanenceText(
              {
                recurrence: r.recurrence,
                opens: r.opens,
                closes: r.closes,
                starts_on: r.starts_on ?? null,
                ends_on: r.ends_on ?? null,
                by_appointment: false,
              },
              strings,
              locale,
            )}
          </p>`,
      )}
      <p class="small offer">${offer}</p>
      ${stop.note ? html`<p class="small note">${stop.note}</p>` : nothing}
      <div class="visits" part="visits">
        <p class="visits-title"><strong>${o.nextTitle}</strong></p>
        ${
          visits.length
            ? html`<ul class="visit-list">
              ${visits.map((v) => this.#visit(stop, v))}
            </ul>`
            : html`<p class="small">${o.noNext}</p>`
        }
        ${this.visitError?.stop === stop.id ? html`<p class="notice error visit-error" role="alert" tabindex="-1">${this.visitError.text}</p>` : nothing}
      </div>`;
  }

  #partnerName(partner: string): string {
    if (partner.startsWith('local:')) {
      const id = partner.slice('local:'.length);
      return this.#partners.state.status === 'ready' ? (this.#partners.state.data.local.find((p) => p.id === id)?.name ?? id) : id;
    }
    const national =
      this.#directory.state.status === 'ready' ? this.#directory.state.data.partners.find((p) => p.id === partner) : undefined;
    return national?.short_name ?? partner;
  }

  #when(date: string) {
    return formatDayAndDate(date, this.i18n.locale, { inSentence: true });
  }

  #visit(stop: OutreachStop, v: Visit) {
    const o = this.#o;
    const { strings, locale } = this.i18n;
    const text = sessionText({ date: v.date, opens: v.opens, closes: v.closes }, strings, locale);
    const id = `${stop.id}-${v.date}`;
    const about = html`<span class="visually-hidden">${this.s.about(`${text}, ${stop.name}`)}</span>`;
    const change = v.change;
    const movedTo =
      change?.status === 'moved'
        ? sessionText({ date: change.to.date, opens: change.to.opens, closes: change.to.closes }, strings, locale)
        : '';
    const moving = this.moving?.stop === stop.id && this.moving.date === v.date;
    return html`<li class="visit" data-date=${v.date} data-status=${change?.status ?? 'regular'}>
      <span class=${change ? 'changed' : ''}>${text}</span>
      ${change?.status === 'cancelled' ? html`<span class="tag">${o.cancelled}</span>` : nothing}
      ${change?.status === 'moved' ? html`<span class="tag">${o.movedTo(movedTo)}</span>` : nothing}
      <span class="visit-actions">
        ${
          change
            ? html`<button class="secondary" type="button" id=${`restore-${id}`} @click=${() => void this.#restore(stop, v)}>
              ${o.restore}${about}
            </button>`
            : html`<button class="secondary" type="button" id=${`cancel-${id}`} @click=${() => void this.#cancelVisit(stop, v)}>
                ${o.cancelDate}${about}
              </button>
              <button
                class="secondary"
                type="button"
                id=${`move-${id}`}
                aria-expanded=${moving ? 'true' : 'false'}
                @click=${() => this.#startMove(stop, v)}
              >
                ${o.move}${about}
              </button>`
        }
      </span>
      ${moving ? this.#moveForm(stop, v) : nothing}
    </li>`;
  }

  #startMove(stop: OutreachStop, v: Visit) {
    this.visitError = null;
    this.moving = { stop: stop.id, date: v.date, to: '', opens: v.opens, closes: v.closes, errors: {} };
    this.focusId('mv-date');
  }

  #moveForm(stop: OutreachStop, v: Visit) {
    const forms = this.forms;
    if (!forms) return html`<p class="hint loading" role="status" aria-busy="true">${this.s.formLoading}</p>`;
    return forms.moveVisitForm({
      o: this.#o,
      required: this.s.required,
      optional: this.s.optional,
      cancelText: this.s.cancel,
      title: this.#o.moveTitle(this.#when(v.date)),
      moving: this.moving!,
      busy: this.visitBusy,
      set: (patch) => (this.moving = { ...this.moving!, ...patch }),
      submit: (e) => void this.#saveMove(e, stop, v),
      cancel: () => {
        this.moving = null;
        this.focusId(`move-${stop.id}-${v.date}`);
      },
    });
  }

  async #saveMove(event: Event, stop: OutreachStop, v: Visit) {
    event.preventDefault();
    const m = this.moving;
    if (!m || this.visitBusy) return;
    const e = this.#o.fieldErrors;
    const errors: EditorErrors = {};
    if (!ISO_DATE.test(m.to)) errors.to = e.moveDate;
    if (!m.opens) errors.opens = e.opens;
    if (!m.closes) errors.closes = e.closes;
    else if (m.opens && m.closes <= m.opens) errors.closes = e.closesAfter;
    if (Object.keys(errors).length) {
      this.moving = { ...m, errors };
      this.focusId(errors.to ? 'mv-date' : errors.opens ? 'mv-opens' : 'mv-closes');
      return;
    }
    const change: OutreachChange = { date: v.date, status: 'moved', to: { date: m.to, opens: m.opens, closes: m.closes } };
    const to = sessionText(change.to, this.i18n.strings, this.i18n.locale);
    await this.#changeVisit(stop, v, change, this.#o.movedDone(this.#when(v.date), to));
  }

  #cancelVisit(stop: OutreachStop, v: Visit) {
    return this.#changeVisit(stop, v, { date: v.date, status: 'cancelled' }, this.#o.cancelledDone(this.#when(v.date), stop.name));
  }

  #restore(stop: OutreachStop, v: Visit) {
    return this.#changeVisit(stop, v, null, this.#o.restoredDone(this.#when(v.date)));
  }

  /** Sends the stop with one visit's change set (or removed): a PUT of the whole stop, through the outbox. */
  async #changeVisit(stop: OutreachStop, v: Visit, change: OutreachChange | null, done: string) {
    if (this.visitBusy) return;
    this.visitBusy = true;
    this.visitError = null;
    const input = stopInputOf(stop);
    input.changes = [...stop.changes.filter((c) => c.date !== v.date), ...(change ? [change] : [])].sort((a, b) =>
      a.date.localeCompare(b.date),
    );
    try {
      const result = await this.write('PUT', stop.id, input);
      if (result.outcome === 'refused') {
        if (result.status === 401 || result.status === 403) {
          this.authProblem = result.status === 401 ? 'unauthorized' : 'forbidden';
          this.focusSelector('.title');
          return;
        }
        const closes = result.params.find((p) => /changes.*to.*closes/.test(p.name.replace(/\[(\d+)\]/g, '.$1')));
        if (this.moving && closes) {
          this.moving = { ...this.moving, errors: { closes: this.#o.fieldErrors.closesAfter } };
          this.focusId('mv-closes');
          return;
        }
        this.visitError = { stop: stop.id, text: this.#o.changeRefused };
        this.focusSelector('.visit-error');
        return;
      }
      this.moving = null;
      this.done(result.outcome === 'queued' ? this.s.queued : done, result.outcome === 'queued');
      this.emit<SiteItemsChangeDetail>(this.changeEvent, { action: 'update', id: stop.id, queued: result.outcome === 'queued' });
    } finally {
      this.visitBusy = false;
    }
  }

  // -------------------------------------------------------------------------------------------
  // The form.

  #set(patch: Partial<StopDraft>) {
    this.draft = { ...this.draft, ...patch };
  }

  #setRule(index: number, patch: Partial<RuleDraft>) {
    this.draft = { ...this.draft, rules: this.draft.rules.map((r, i) => (i === index ? { ...r, ...patch } : r)) };
  }

  #onPlace(event: CustomEvent<FsPlaceSelectDetail>) {
    const commune = event.detail.commune;
    if (!commune) return;
    const postcodes = commune.postcodes;
    const keep = postcodes.includes(this.draft.postcode.trim());
    this.#set({
      commune: { insee: commune.insee, name: commune.name, postcodes, centre: commune.location },
      postcode: keep ? this.draft.postcode : (postcodes[0] ?? ''),
    });
    this.errors = mergeErrors(this.errors, { commune: undefined, postcode: undefined });
  }

  #toggleMap() {
    this.mapOpen = !this.mapOpen;
    if (!this.mapOpen) return;
    this.mapFailed = false;
    // The map (and Leaflet, through it) only when an agent asks for it.
    import('@fs-widgets/site-locator/site-map.js').catch(() => (this.mapFailed = true));
  }

  /** A point picked on the map fills the fields, to the 5th decimal (about a metre), written as the page's language writes numbers. */
  #onPick(event: CustomEvent<FsMapPickDetail>) {
    const write = (v: number) => {
      const text = String(Number(v.toFixed(5)));
      return this.i18n.locale === 'fr' ? text.replace('.', ',') : text;
    };
    this.#set({ lat: write(event.detail.lat), lon: write(event.detail.lon) });
    this.errors = mergeErrors(this.errors, { lat: undefined, lon: undefined });
  }

  protected renderFields() {
    const forms = this.forms;
    if (!forms) {
      return this.formsFailed
        ? html`<p class="notice error" role="alert">${this.s.formLoadFailed}</p>
            <div class="actions"><button class="secondary" type="button" @click=${() => this.#loadForms()}>${this.s.retry}</button></div>`
        : html`<p class="hint loading" role="status" aria-busy="true">${this.s.formLoading}</p>`;
    }
    return forms.stopFormFields({
      o: this.#o,
      rs: this.#rs,
      required: this.s.required,
      optional: this.s.optional,
      draft: this.draft,
      errors: this.errors,
      ids: this.fieldIds,
      api: this.api,
      locale: this.i18n.locale,
      days: this.i18n.strings.days,
      ordinal: this.i18n.strings.permanences.ordinal,
      today: this.today,
      nationals: this.#directory.state.status === 'ready' ? this.#directory.state.data.partners : [],
      locals: this.#partners.state.status === 'ready' ? this.#partners.state.data.local : [],
      set: (patch) => this.#set(patch),
      setRule: (index, patch) => this.#setRule(index, patch),
      setRecurrence: (index, patch) => this.#setRule(index, { recurrence: { ...this.draft.rules[index]!.recurrence, ...patch } }),
      onPlace: (event) => this.#onPlace(event),
      map: { open: this.mapOpen, failed: this.mapFailed, tileUrl: this.tileUrl },
      toggleMap: () => this.#toggleMap(),
      onPick: (event) => this.#onPick(event),
      addRule: () => this.#addRule(),
      removeRule: (index) => this.#removeRule(index),
      onErrors: (errors) => (this.errors = mergeErrors(this.errors, errors)),
      announce: (text) => (this.announcement = text),
      focus: (id) => this.focusId(id),
    });
  }

  #addRule() {
    const index = this.draft.rules.length;
    this.#set({ rules: [...this.draft.rules, emptyRule()] });
    void this.updateComplete.then(() => this.byId(ruleFieldId(index, 'freq'))?.querySelector<HTMLElement>('input:checked')?.focus());
  }

  #removeRule(index: number) {
    this.#set({ rules: this.draft.rules.filter((_, i) => i !== index) });
    // Errors are keyed by the rules' positions, which have just moved.
    this.errors = Object.fromEntries(Object.entries(this.errors).filter(([k]) => !/^r\d+\./.test(k)));
    this.focusId('add-rule');
  }
}
