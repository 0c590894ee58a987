import type { DayKey, SiteHistoryEntry, TimeRange } from '@fs-widgets/contract';
import { DAY_KEYS } from '@fs-widgets/opening-hours';
import { formatClockTime, permanenceText, type Locale, type Strings } from '@fs-widgets/core';
import type { SiteAdminStrings } from '../strings/site-admin-strings.js';
import { dayText, lastDayOf } from './dates.js';

/** What the sentences need: the widget's texts, the core's (days, offers, ranges) and the locale. */
export interface HistoryTextContext {
  s: SiteAdminStrings;
  strings: Strings;
  locale: Locale;
  /** The site's time zone: an access's last day is a day there. */
  timeZone?: string;
}

type Loose = Record<string, unknown> | null;

const record = (value: unknown): Loose =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** "9 h – 12 h et 14 h – 17 h", or "fermé". */
function rangesText(ranges: unknown, ctx: HistoryTextContext): string {
  const list = Array.isArray(ranges) ? (ranges as TimeRange[]) : [];
  if (list.length === 0) return ctx.s.history.closed;
  return list
    .map((r) => ctx.strings.hours.range(formatClockTime(text(r.opens), ctx.locale), formatClockTime(text(r.closes), ctx.locale)))
    .join(ctx.strings.hours.rangeSeparator);
}

/** A week as the history keeps it: the week itself, or an object holding it under `hours`. */
function weekOf(value: unknown): Partial<Record<DayKey, unknown>> {
  const r = record(value);
  if (!r) return {};
  const inner = record(r.hours);
  return (inner && DAY_KEYS.some((d) => d in inner) ? inner : r) as Partial<Record<DayKey, unknown>>;
}

function hoursText(entry: SiteHistoryEntry, ctx: HistoryTextContext): string {
  const before = weekOf(entry.before);
  const after = weekOf(entry.after);
  const changes = DAY_KEYS.flatMap((day) => {
    const a = rangesText(before[day], ctx);
    const b = rangesText(after[day], ctx);
    return a === b ? [] : [ctx.s.history.hoursDay(ctx.strings.days[day], a, b)];
  });
  return changes.length ? ctx.s.history.hoursDays(changes) : ctx.s.history.hoursSaved;
}

function whenText(exception: Record<string, unknown>, ctx: HistoryTextContext, year: number): string {
  const from = text(exception.starts_on);
  const to = text(exception.ends_on) || from;
  return from === to
    ? ctx.s.history.onDay(dayText(from, ctx.locale, year))
    : ctx.s.history.fromTo(dayText(from, ctx.locale, year), dayText(to, ctx.locale, year));
}

function closureWhat(exception: Record<string, unknown>, ctx: HistoryTextContext, year: number): string {
  return ctx.s.history.closureWhat(exception.closed !== false, whenText(exception, ctx, year), text(exception.reason));
}

function closureText(entry: SiteHistoryEntry, ctx: HistoryTextContext, year: number): string {
  const before = record(entry.before);
  const after = record(entry.after);
  const h = ctx.s.history;
  if (after && !before) {
    return after.closed !== false
      ? h.closureCreate(whenText(after, ctx, year), text(after.reason))
      : h.exceptionalCreate(whenText(after, ctx, year), rangesText(after.hours, ctx), text(after.reason));
  }
  if (before && !after) return h.closureDelete(closureWhat(before, ctx, year));
  if (before && after) {
    const describe = (e: Record<string, unknown>) =>
      e.closed !== false ? closureWhat(e, ctx, year) : h.withHours(closureWhat(e, ctx, year), rangesText(e.hours, ctx));
    return h.closureUpdate(describe(before), describe(after));
  }
  return h.other;
}

function stopText(entry: SiteHistoryEntry, ctx: HistoryTextContext): string {
  const stop = record(entry.after) ?? record(entry.before);
  if (!stop) return ctx.s.history.other;
  const what = ctx.s.history.stopWhat(text(stop.kind), text(stop.name), text(record(stop.address)?.commune));
  const h = ctx.s.history;
  return entry.action === 'create' ? h.stopCreate(what) : entry.action === 'delete' ? h.stopDelete(what) : h.stopUpdate(what);
}

function offersOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  const r = record(value);
  return r && Array.isArray(r.offers) ? offersOf(r.offers) : [];
}

function offersText(entry: SiteHistoryEntry, ctx: HistoryTextContext): string {
  const before = offersOf(entry.before);
  const after = offersOf(entry.after);
  const label = (o: string) => (ctx.strings.offers as Record<string, string>)[o] ?? o;
  const list = (items: string[]) => new Intl.ListFormat(ctx.locale === 'fr' ? 'fr-FR' : 'en-GB').format(items.map(label));
  const added = after.filter((o) => !before.includes(o));
  const removed = before.filter((o) => !after.includes(o));
  const parts = [
    ...(added.length ? [ctx.s.history.offersAdded(list(added))] : []),
    ...(removed.length ? [ctx.s.history.offersRemoved(list(removed))] : []),
  ];
  return parts.length ? parts.join(ctx.s.history.and) : ctx.s.history.offersSaved;
}

function accessText(entry: SiteHistoryEntry, ctx: HistoryTextContext, year: number): string {
  const before = record(entry.before);
  const after = record(entry.after);
  const h = ctx.s.history;
  const expiry = (a: Record<string, unknown> | null) => {
    const day = lastDayOf(text(a?.expires_at) || null, ctx.timeZone);
    return day ? dayText(day, ctx.locale, year) : '';
  };
  const role = (a: Record<string, unknown>) => ctx.s.roles[text(a.role)] ?? text(a.role);
  if (entry.action === 'revoke' || (after && text(after.revoked_at) && !text(before?.revoked_at))) {
    return h.accessRevoke(text((after ?? before)?.label));
  }
  if (after && !before) return h.accessCreate(role(after), text(after.label), expiry(after));
  if (before && after) {
    const parts: string[] = [];
    if (text(before.label) !== text(after.label)) parts.push(h.accessRenamed(text(before.label), text(after.label)));
    if (expiry(before) !== expiry(after))
      parts.push(h.accessExpiry(text(after.label), expiry(before) || h.noEnd, expiry(after) || h.noEnd));
    if (parts.length) return parts.join(h.and);
  }
  return h.other;
}

function namedText(entry: SiteHistoryEntry, phrases: Record<string, string>, ctx: HistoryTextContext): string {
  const thing = record(entry.after) ?? record(entry.before);
  const name = text(thing?.name);
  const phrase = phrases[entry.action] ?? ctx.s.history.other;
  return name ? `${phrase} ${ctx.s.history.quoted(name)}` : phrase;
}

/** « a ajouté une permanence : Le 2e mardi du mois, 9 h – 12 h » (its rule in words, as the partner editor says it). */
function permanenceChange(entry: SiteHistoryEntry, ctx: HistoryTextContext): string {
  const phrase = ctx.s.history.permanence[entry.action] ?? ctx.s.history.other;
  const rule = (value: unknown) => {
    const permanence = record(value);
    return permanence && record(permanence.recurrence) ? permanenceText(permanence as never, ctx.strings, ctx.locale) : '';
  };
  try {
    const before = rule(entry.before);
    const after = rule(entry.after);
    const words = before && after && before !== after ? `${before} → ${after}` : after || before;
    return words ? ctx.s.history.withHours(phrase, words) : phrase;
  } catch {
    return phrase; // a rule this version does not know: the change is still told
  }
}

/**
 * One change of a site's history as a sentence following its author's label, from the entity's
 * state before and after: « a modifié les horaires du mardi : 9 h – 12 h → 9 h – 12 h 30 »,
 * « a fermé le site le 24 décembre (congés) ». Never raw JSON: what is not understood is said
 * plainly (« a modifié les informations de la France services »).
 */
export function historyText(entry: SiteHistoryEntry, ctx: HistoryTextContext): string {
  const year = new Date(entry.at).getUTCFullYear();
  switch (entry.entity) {
    case 'verification':
      return ctx.s.history.verified;
    case 'hours':
      return hoursText(entry, ctx);
    case 'closure':
      return closureText(entry, ctx, year);
    case 'stop':
      return stopText(entry, ctx);
    case 'offers':
      return offersText(entry, ctx);
    case 'access':
      return accessText(entry, ctx, year);
    case 'local-partner':
      return namedText(entry, ctx.s.history.localPartner, ctx);
    case 'permanence':
      return permanenceChange(entry, ctx);
    case 'carrier':
      return namedText(entry, ctx.s.history.carrier, ctx);
    default:
      return ctx.s.history.other;
  }
}

/** Who made it: the access's label, or « ligne de commande » / « importation ». */
export function historyAuthor(entry: SiteHistoryEntry, ctx: HistoryTextContext): string {
  if (entry.by.role === 'cli' && !entry.by.label) return ctx.s.history.cli;
  if (entry.by.role === 'import' && !entry.by.label) return ctx.s.history.import;
  return entry.by.label || (entry.by.role === 'cli' ? ctx.s.history.cli : entry.by.role);
}
