import type { OutreachChange, OutreachKind, OutreachOffer } from '@fs-widgets/contract';
import { emptyRecurrenceDraft, type RecurrenceDraft, type RecurrenceField } from '../shared/recurrence-drafts.js';

/**
 * What an agent is typing in the outreach editor's forms, kept by the element (so a refused
 * token, a lost connection or a refused field never loses it), and where each field is. The
 * forms themselves (`outreach-forms.ts`) are fetched when the list is shown.
 */

/** One rhythm of visits being typed: the shared recurrence builder's draft, hours, period. */
export interface RuleDraft {
  recurrence: RecurrenceDraft;
  opens: string;
  closes: string;
  startsOn: string;
  endsOn: string;
}

/** A place being typed. */
export interface StopDraft {
  kind: OutreachKind;
  name: string;
  /**
   * The commune chosen with the commune search (its INSEE code is what is sent), with its centre
   * when known (where the map to pick the point opens).
   */
  commune: { insee: string; name: string; postcodes: string[]; centre?: { lat: number; lon: number } | null } | null;
  postcode: string;
  street: string;
  lat: string;
  lon: string;
  rules: RuleDraft[];
  offer: OutreachOffer;
  /** A national partner's id or `local:<id>`, for `offer: partner`. */
  partner: string;
  note: string;
  /** Sessions cancelled or moved, kept as they are through an edit. */
  changes: OutreachChange[];
}

/** A visit being moved: its stop, its regular date, and the new date and hours typed. */
export interface MoveDraft {
  stop: string;
  date: string;
  to: string;
  opens: string;
  closes: string;
  errors: Partial<Record<string, string>>;
}

export type RuleField = RecurrenceField | 'opens' | 'closes' | 'startsOn' | 'endsOn';

/** A rule's fields, in the form's order (its errors are `r<i>.<field>`). */
export const RULE_FIELDS: readonly RuleField[] = [
  'freq',
  'interval',
  'days',
  'nth',
  'day',
  'dates',
  'newDate',
  'opens',
  'closes',
  'startsOn',
  'endsOn',
];

/** The id of the element of a rule's field: `r0-days`, `r1-opens`. */
export const ruleFieldId = (index: number, field: RuleField) =>
  `r${index}-${{ startsOn: 'starts-on', endsOn: 'ends-on', newDate: 'date-new' }[field as string] ?? field}`;

export const emptyRule = (): RuleDraft => ({ recurrence: emptyRecurrenceDraft(), opens: '', closes: '', startsOn: '', endsOn: '' });

export const emptyStopDraft = (): StopDraft => ({
  kind: 'bus-stop',
  name: '',
  commune: null,
  postcode: '',
  street: '',
  lat: '',
  lon: '',
  rules: [emptyRule()],
  offer: 'france-services',
  partner: '',
  note: '',
  changes: [],
});
