import {
  exceptionParts,
  formatClockTime,
  reopeningText,
  sessionDays,
  stopSessionText,
  stopVisitText,
  type Locale,
  type Strings,
} from '@fs-widgets/core';
import { type NextOpening } from '@fs-widgets/opening-hours';
import type { KitStrings } from '../strings/kit-strings.js';
import type { SiteDay } from './nearest-site.js';

/** "ouvre demain à 9 h", "ouvre lundi à 9 h", or "no opening within 14 days". */
export function nextOpeningText(next: NextOpening | null, s: Strings, locale: Locale): string {
  if (!next) return s.hours.noNextOpening;
  const time = formatClockTime(next.time, locale);
  if (next.inDays === 0) return s.hours.opensToday(time);
  if (next.inDays === 1) return s.hours.opensTomorrow(time);
  return s.hours.opensOn(s.days[next.day], time);
}

/**
 * The site's day in two parts: what a glance needs ("Ouvert maintenant", "Fermé aujourd’hui")
 * and the detail ("jusqu’à 17 h", "Noël, ouvre lundi à 9 h"), for the banner.
 */
export function siteDayText(day: SiteDay, k: KitStrings, s: Strings, locale: Locale): { state: string; detail: string } {
  const t = k.teaser;
  switch (day.kind) {
    case 'open-now':
      return { state: t.openNow, detail: t.openUntil(formatClockTime(day.closesAt, locale)) };
    case 'opens-later-today':
      return { state: t.openToday, detail: t.opensTodayAt(formatClockTime(day.opensAt, locale)) };
    case 'closed-for-today':
      return { state: t.closedForToday, detail: nextOpeningText(day.next, s, locale) };
    case 'closed-today':
      if (day.exception) {
        // « Fermé exceptionnellement » du 24 décembre au 2 janvier (congés) — réouverture le lundi 4 janvier à 9 h
        const { head, detail } = exceptionParts(day.exception, s, locale, day.today);
        return { state: head, detail: `${detail} — ${reopeningText(day.next, s, locale)}` };
      }
      return {
        state: t.closedToday,
        detail: `${day.holiday ? `${s.holidays[day.holiday]}, ` : ''}${nextOpeningText(day.next, s, locale)}`,
      };
    case 'next-visit': {
      // « Prochain passage à Tusson : mardi 9 h – 12 h », « Prochaine permanence à Gouesnou : … »
      return { state: stopVisitText(day.stop, day.stops, s, locale, day.today), detail: '' };
    }
    case 'unknown':
      return { state: t.unknownHours, detail: '' };
  }
}

/** The badge's few words: "ouvert maintenant", "ouvert aujourd’hui", "fermé aujourd’hui", "passage à Tusson mardi"… */
export function siteDayShort(day: SiteDay, k: KitStrings, s: Strings, locale: Locale): string {
  const b = k.badge;
  switch (day.kind) {
    case 'next-visit': {
      const next = sessionDays(day.stop.next)[0];
      const permanence = day.stops.find((stop) => stop.id === day.stop.stop_id)?.kind === 'permanence';
      if (!next) return b.noVisit(day.stop.commune);
      const when = stopSessionText(next, s, locale, day.today);
      return permanence ? b.nextPermanence(day.stop.commune, when) : b.nextVisit(day.stop.commune, when);
    }
    case 'open-now':
      return b.openNow;
    case 'opens-later-today':
      return b.openToday;
    case 'closed-for-today':
      return b.closedForToday;
    case 'closed-today':
      return day.exception ? b.closedExceptionally : b.closedToday;
    case 'unknown':
      return b.unknownHours;
  }
}
