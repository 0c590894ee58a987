import Type, { type Static } from 'typebox';

const hhmm = { pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$' };

/** One opening interval within a day, local time of the site. `closes` is after `opens`. */
export const TimeRange = Type.Object(
  {
    opens: Type.String({ ...hhmm, description: 'HH:MM, local time of the site.' }),
    closes: Type.String({ ...hhmm, description: 'HH:MM, local time of the site.' }),
  },
  { title: 'TimeRange' },
);
export type TimeRange = Static<typeof TimeRange>;

export const DAY_KEYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as const;
export type DayKey = (typeof DAY_KEYS)[number];

const day = () => Type.Array(TimeRange, { maxItems: 6 });

/** A regular week of opening hours. An empty day is closed (or unknown when the whole week is empty). */
export const Week = Type.Object({ mo: day(), tu: day(), we: day(), th: day(), fr: day(), sa: day(), su: day() }, { title: 'Week' });
export type Week = Static<typeof Week>;

/**
 * An exception to the weekly hours published by the site's agents (issue 16): closed for one day
 * or a date range, or open at other hours. It overrides the weekly hours and public holidays on
 * its days (public: in `Site.exceptions` until its last day is past).
 */
export const ExceptionalHours = Type.Object(
  {
    id: Type.String(),
    starts_on: Type.String({ format: 'date', description: 'First day, the site’s local date.' }),
    ends_on: Type.String({ format: 'date', description: 'Last day (inclusive).' }),
    closed: Type.Boolean(),
    hours: Type.Array(TimeRange, { description: 'Empty when closed; the hours of each day of the range otherwise.' }),
    reason: Type.String({ description: 'In plain words: « congés », « formation », « fermeture exceptionnelle ».' }),
  },
  { title: 'ExceptionalHours' },
);
export type ExceptionalHours = Static<typeof ExceptionalHours>;
