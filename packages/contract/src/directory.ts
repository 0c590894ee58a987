import Type, { type Static } from 'typebox';
import { DAY_KEYS } from './opening-hours.js';
import { PARTNERS, type PartnerId } from './codes.js';
import { DIRECTORY_THEMES, HELP_MODES, MONTHLY_ORDINALS } from './codes.js';

export { DIRECTORY_THEMES, HELP_MODES, MONTHLY_ORDINALS } from './codes.js';
export type { DirectoryThemeId, HelpMode } from './codes.js';

/*
 * The partner directory (issue 6): the catalogue of national partners and common démarches
 * (data in `packages/server/data/directory/`, validated by these schemas when the server starts
 * and in tests), and each site's local partners and recurring permanences (written by the
 * site's agents, read by anyone).
 */

const literals = <T extends string>(values: readonly T[], title: string) =>
  Type.Union(values.map((v) => Type.Literal(v)) as [ReturnType<typeof Type.Literal<T>>], { title });

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** An https link to an official page (service-public.fr, a partner's site…). */
const officialUrl = (description: string) =>
  Type.String({ pattern: '^https://[a-z0-9.-]+\\.[a-z]{2,}(/[^\\s]*)?$', maxLength: 300, description });

const NationalPartnerId = literals(
  PARTNERS.filter((p): p is Exclude<PartnerId, 'local'> => p !== 'local'),
  'NationalPartnerId',
);

/** A data·inclusion `thematique` (referential `thematiques.json`, v1.0.8), e.g. `famille--garde-denfants`. */
const Thematique = Type.String({
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*--[a-z0-9]+(-[a-z0-9]+)*$',
  description: 'A data·inclusion thématique value.',
});

export const OnlineService = Type.Object(
  {
    label: Type.String({ minLength: 3, maxLength: 120, description: 'What the page lets one do, in French.' }),
    url: officialUrl('The official page.'),
  },
  { title: 'OnlineService', additionalProperties: false },
);
export type OnlineService = Static<typeof OnlineService>;

/** A national partner of the France services charter, as data (a new partner is a data change). */
export const DirectoryPartner = Type.Object(
  {
    id: NationalPartnerId,
    name: Type.String({ minLength: 2, maxLength: 120, description: 'Usual name, e.g. "Caisse d’allocations familiales (CAF)".' }),
    short_name: Type.String({ minLength: 2, maxLength: 40, description: 'e.g. "CAF".' }),
    description: Type.String({ minLength: 20, maxLength: 400, description: 'Plain French: who they are, for whom.' }),
    description_en: Type.String({ minLength: 20, maxLength: 400 }),
    handles: Type.Array(Type.String({ minLength: 3, maxLength: 120 }), {
      minItems: 2,
      maxItems: 12,
      description: 'What they handle, in plain French ("Allocations familiales", "Aides au logement (APL)"…).',
    }),
    website: officialUrl('Official website.'),
    online_services: Type.Array(OnlineService, { minItems: 1, maxItems: 8 }),
    aliases: Type.Array(Type.String({ minLength: 2, maxLength: 60 }), {
      maxItems: 20,
      description: 'Other names people use (former names, acronyms, "chômage" for France Travail), for the search.',
    }),
    source: officialUrl('Page the description comes from.'),
  },
  { title: 'DirectoryPartner', additionalProperties: false },
);
export type DirectoryPartner = Static<typeof DirectoryPartner>;

export const DirectoryTheme = Type.Object(
  {
    id: literals(DIRECTORY_THEMES, 'DirectoryThemeId'),
    label: Type.String({ minLength: 3, maxLength: 60 }),
    label_en: Type.String({ minLength: 3, maxLength: 60 }),
    thematiques: Type.Array(Thematique, { description: 'The data·inclusion thématiques this theme maps to (empty when none fits).' }),
  },
  { title: 'DirectoryTheme', additionalProperties: false },
);
export type DirectoryTheme = Static<typeof DirectoryTheme>;

/** One common démarche: who handles it, what to bring, where it is done. */
export const DirectoryDemarche = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 60 }),
    title: Type.String({
      minLength: 5,
      maxLength: 100,
      description: 'What the person wants to do, in French: "Renouveler sa carte d’identité".',
    }),
    title_en: Type.String({ minLength: 5, maxLength: 100 }),
    summary: Type.String({ minLength: 10, maxLength: 220, description: 'One plain-French line.' }),
    summary_en: Type.String({ minLength: 10, maxLength: 220 }),
    partners: Type.Array(NationalPartnerId, { minItems: 1, maxItems: 4, uniqueItems: true, description: 'Who handles it, main first.' }),
    theme: literals(DIRECTORY_THEMES, 'DirectoryThemeId'),
    thematiques: Type.Array(Thematique, { maxItems: 4 }),
    documents: Type.Array(Type.String({ minLength: 2, maxLength: 160 }), {
      maxItems: 12,
      description: 'Documents usually needed, in French (empty when the démarche needs none).',
    }),
    help: literals(HELP_MODES, 'HelpMode'),
    help_note: Type.String({
      minLength: 10,
      maxLength: 240,
      description: 'Plain French: what happens at the counter, what is left to the partner.',
    }),
    online: Nullable(OnlineService),
    source: officialUrl('The official page the entry is written from (service-public.fr or the partner’s).'),
    source_scope_note: Type.Optional(
      Type.String({
        minLength: 10,
        maxLength: 240,
        description:
          'Why a local or regional page (a département’s préfecture, a regional MSA, a departmental CAF or CPAM page, a CDAD…) ' +
          'is cited instead of a national one. Without it, such a source is refused: a démarche is described for the whole country.',
      }),
    ),
    keywords: Type.Array(Type.String({ minLength: 2, maxLength: 60 }), {
      maxItems: 20,
      description: 'Words people use for this need ("cni", "papiers", "chômage"…), for the search.',
    }),
  },
  { title: 'DirectoryDemarche', additionalProperties: false },
);
export type DirectoryDemarche = Static<typeof DirectoryDemarche>;

/** `GET /directory`: the whole catalogue in one cacheable answer (searched in the browser). */
export const Directory = Type.Object(
  {
    updated_on: Type.String({ format: 'date', description: 'When the catalogue was last reviewed.' }),
    partners: Type.Array(DirectoryPartner),
    themes: Type.Array(DirectoryTheme),
    demarches: Type.Array(DirectoryDemarche),
  },
  { title: 'Directory' },
);
export type Directory = Static<typeof Directory>;

// ---------------------------------------------------------------------------------------------
// Local partners and permanences of a site.

const hhmm = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, local time of the site.' });
const date = (description: string) => Type.String({ format: 'date', description });
const idempotencyKey = () =>
  Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$', description: 'Idempotency key made by the client: a retried creation stores one row.' });
const Day = literals(DAY_KEYS, 'DayKey');

/**
 * When a permanence happens, in a structured form (never free text):
 * - `weekly`: on `days`, every `interval` weeks counted from the week of `starts_on`;
 * - `monthly`: on the `nth` (1–5, or -1 for the last) `day` of the month: "2e mardi du mois";
 * - `appointment`: no fixed date, by appointment only ("sur rendez-vous");
 * - `dates`: one-off dates.
 * Public holidays of the site's département are always skipped.
 */
export const Recurrence = Type.Union(
  [
    Type.Object(
      {
        freq: Type.Literal('weekly'),
        days: Type.Array(Day, { minItems: 1, maxItems: 7, uniqueItems: true }),
        interval: Type.Integer({ minimum: 1, maximum: 4, description: '1 every week, 2 every other week…' }),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        freq: Type.Literal('monthly'),
        day: Day,
        nth: Type.Array(Type.Union(MONTHLY_ORDINALS.map((n) => Type.Literal(n)) as [ReturnType<typeof Type.Literal<number>>]), {
          minItems: 1,
          maxItems: 5,
          uniqueItems: true,
          description: '1 to 5, or -1 for the last one of the month.',
        }),
      },
      { additionalProperties: false },
    ),
    Type.Object({ freq: Type.Literal('appointment') }, { additionalProperties: false }),
    Type.Object(
      {
        freq: Type.Literal('dates'),
        dates: Type.Array(date('YYYY-MM-DD, local.'), {
          minItems: 1,
          maxItems: 60,
          uniqueItems: true,
          description: 'One-off dates ("le 3 et le 17 mars"), in any order.',
        }),
      },
      { additionalProperties: false },
    ),
  ],
  { title: 'Recurrence' },
);
export type Recurrence = Static<typeof Recurrence>;

const shortText = (min: number, max: number, description: string) => Type.String({ minLength: min, maxLength: max, description });
const optionalUrl = () => Type.Optional(Nullable(Type.String({ format: 'uri', pattern: '^https?://', maxLength: 300 })));

/** What an agent writes for a local partner (an organisation: no person's name or private contact). */
export const LocalPartnerInput = Type.Object(
  {
    name: shortText(3, 120, 'The organisation: "Mission locale du Pays de Mende", "Conciliateur de justice".'),
    description: Type.Optional(Nullable(shortText(1, 500, 'What they do for people, in plain French.'))),
    thematiques: Type.Optional(Type.Array(Thematique, { maxItems: 6, uniqueItems: true })),
    phone: Type.Optional(Nullable(Type.String({ pattern: '^[0-9 +().-]{6,25}$', description: 'The organisation’s phone.' }))),
    website: optionalUrl(),
  },
  { title: 'LocalPartnerInput', additionalProperties: false },
);
export type LocalPartnerInput = Static<typeof LocalPartnerInput>;

export const LocalPartnerCreate = Type.Object(
  { key: idempotencyKey(), ...LocalPartnerInput.properties },
  { title: 'LocalPartnerCreate', additionalProperties: false },
);
export type LocalPartnerCreate = Static<typeof LocalPartnerCreate>;

export const LocalPartner = Type.Object(
  {
    id: Type.String(),
    site_id: Type.String(),
    name: Type.String(),
    description: Nullable(Type.String()),
    thematiques: Type.Array(Type.String()),
    phone: Nullable(Type.String()),
    website: Nullable(Type.String()),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { title: 'LocalPartner' },
);
export type LocalPartner = Static<typeof LocalPartner>;

/** What an agent writes for a permanence: a local partner's (`local_partner_id`) or a national one's (`partner`). */
export const PermanenceInput = Type.Object(
  {
    partner: Type.Optional(NationalPartnerId),
    local_partner_id: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$' })),
    recurrence: Recurrence,
    opens: Type.Optional(Nullable(hhmm)),
    closes: Type.Optional(Nullable(hhmm)),
    by_appointment: Type.Boolean({ description: 'An appointment is needed (always true for `appointment` recurrences).' }),
    starts_on: Type.Optional(Nullable(date('First day it runs; also where `weekly` intervals are counted from.'))),
    ends_on: Type.Optional(Nullable(date('Last day it runs, if it stops.'))),
    note: Type.Optional(Nullable(shortText(1, 200, '"Salle du conseil", "Prendre rendez-vous à l’accueil"…'))),
  },
  { title: 'PermanenceInput', additionalProperties: false },
);
export type PermanenceInput = Static<typeof PermanenceInput>;

export const PermanenceCreate = Type.Object(
  { key: idempotencyKey(), ...PermanenceInput.properties },
  { title: 'PermanenceCreate', additionalProperties: false },
);
export type PermanenceCreate = Static<typeof PermanenceCreate>;

/** One upcoming date of a permanence, local time of the site. */
export const PermanenceDate = Type.Object(
  {
    date: date('YYYY-MM-DD, local.'),
    opens: Nullable(Type.String()),
    closes: Nullable(Type.String()),
  },
  { title: 'PermanenceDate' },
);
export type PermanenceDate = Static<typeof PermanenceDate>;

export const Permanence = Type.Object(
  {
    id: Type.String(),
    site_id: Type.String(),
    partner: Nullable(NationalPartnerId),
    local_partner_id: Nullable(Type.String()),
    recurrence: Recurrence,
    opens: Nullable(Type.String()),
    closes: Nullable(Type.String()),
    by_appointment: Type.Boolean(),
    starts_on: Nullable(Type.String()),
    ends_on: Nullable(Type.String()),
    note: Nullable(Type.String()),
    opening_hours: Nullable(Type.String({ description: 'The same rule in OpenStreetMap `opening_hours` syntax, when it has one.' })),
    next: Type.Array(PermanenceDate, { description: 'The next dates (up to 3, within about four months), public holidays skipped.' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { title: 'Permanence' },
);
export type Permanence = Static<typeof Permanence>;

/** `GET /sites/{id}/partners`: who can be met at a site. Public. */
export const SitePartners = Type.Object(
  {
    site_id: Type.String(),
    national: Type.Array(NationalPartnerId, { description: 'Every site offers the nine national partners by charter.' }),
    local: Type.Array(LocalPartner),
    permanences: Type.Array(Permanence, { description: 'Sorted by next date; `appointment` ones last.' }),
  },
  { title: 'SitePartners' },
);
export type SitePartners = Static<typeof SitePartners>;
