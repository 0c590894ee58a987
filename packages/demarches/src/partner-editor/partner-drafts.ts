import type { DirectoryTheme, LocalPartner, Permanence } from '@fs-widgets/contract';
import { emptyRecurrenceDraft, recurrenceDraftOf, type RecurrenceDraft, type RecurrenceField } from '../shared/recurrence-drafts.js';

/**
 * What an agent is typing in the editor's two forms, kept by the element (so a refused token, a
 * lost connection or a refused field never loses it), and how a saved row becomes a draft again.
 * The forms themselves (`partner-forms.ts`) are fetched when first needed.
 */

export interface LocalDraft {
  name: string;
  description: string;
  phone: string;
  website: string;
  /** Directory themes ticked. */
  themes: string[];
  /** Thématiques of the partner that no ticked theme stands for (set another way): kept as they are. */
  extra: string[];
}

export type { Freq } from '../shared/recurrence-drafts.js';

export interface PermanenceDraft {
  /** `national:<id>` or `local:<id>`; empty until chosen. */
  partner: string;
  /** The shared recurrence builder's draft. */
  recurrence: RecurrenceDraft;
  opens: string;
  closes: string;
  byAppointment: boolean;
  startsOn: string;
  endsOn: string;
  note: string;
}

/** The fields of both forms; errors are keyed by them. */
export type FieldKey =
  | 'name'
  | 'description'
  | 'phone'
  | 'website'
  | 'themes'
  | 'partner'
  | RecurrenceField
  | 'opens'
  | 'closes'
  | 'byAppointment'
  | 'startsOn'
  | 'endsOn'
  | 'note';

export type FieldErrors = Partial<Record<FieldKey, string>>;

/** Why the form is not saved: said under it. */
export type FormMessage = 'invalid' | 'refused' | 'offline' | 'server' | 'gone' | 'conflict';

export const emptyLocalDraft = (): LocalDraft => ({ name: '', description: '', phone: '', website: '', themes: [], extra: [] });

export const emptyPermanenceDraft = (partner = ''): PermanenceDraft => ({
  partner,
  recurrence: emptyRecurrenceDraft(),
  opens: '',
  closes: '',
  byAppointment: false,
  startsOn: '',
  endsOn: '',
  note: '',
});

/**
 * A saved local partner as a draft. Themes share thématiques (several stand for "accompagnement
 * aux démarches administratives"), so the ticked themes are the fewest that stand for the
 * partner's thématiques, in the catalogue's order; any other thématique is kept apart, untouched.
 */
export function localDraftOf(partner: LocalPartner, themes: readonly DirectoryTheme[]): LocalDraft {
  const stored = new Set(partner.thematiques);
  const covered = new Set<string>();
  const ticked: string[] = [];
  for (const theme of themes) {
    if (theme.thematiques.length === 0 || !theme.thematiques.every((t) => stored.has(t))) continue;
    if (theme.thematiques.every((t) => covered.has(t))) continue; // adds nothing (an equivalent theme is ticked)
    ticked.push(theme.id);
    theme.thematiques.forEach((t) => covered.add(t));
  }
  return {
    name: partner.name,
    description: partner.description ?? '',
    phone: partner.phone ?? '',
    website: partner.website ?? '',
    themes: ticked,
    extra: partner.thematiques.filter((t) => !covered.has(t)),
  };
}

export function permanenceDraftOf(p: Permanence): PermanenceDraft {
  const r = p.recurrence;
  return {
    ...emptyPermanenceDraft(p.partner ? `national:${p.partner}` : `local:${p.local_partner_id ?? ''}`),
    recurrence: recurrenceDraftOf(r),
    opens: p.opens ?? '',
    closes: p.closes ?? '',
    byAppointment: p.by_appointment && r.freq !== 'appointment',
    startsOn: p.starts_on ?? '',
    endsOn: p.ends_on ?? '',
    note: p.note ?? '',
  };
}
