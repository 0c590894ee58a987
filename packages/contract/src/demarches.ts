import Type, { type Static } from 'typebox';

/**
 * The nine national partners every France services offers by charter, and `local` for a site's
 * own local partners (mission locale, CCAS, conciliator…: named in the site's list, issue of the
 * partner directory).
 */
export const PARTNERS = [
  'france-travail',
  'caf',
  'assurance-maladie',
  'assurance-retraite',
  'la-poste',
  'msa',
  'interieur',
  'justice',
  'finances-publiques',
  'local',
] as const;
export type PartnerId = (typeof PARTNERS)[number];
export const PartnerId = Type.Union(PARTNERS.map((p) => Type.Literal(p)) as [ReturnType<typeof Type.Literal<PartnerId>>], {
  title: 'PartnerId',
});

/** A short list of themes per partner: what an agent picks in one tap. Labels are in the widgets' strings. */
export const THEMES = {
  'france-travail': ['inscription', 'actualisation', 'indemnisation', 'recherche-emploi', 'autre'],
  caf: ['prestations-familiales', 'logement', 'rsa', 'prime-activite', 'declaration-ressources', 'autre'],
  'assurance-maladie': ['carte-vitale', 'remboursements', 'complementaire-sante-solidaire', 'arrets-travail', 'autre'],
  'assurance-retraite': ['demande-retraite', 'releve-carriere', 'aspa', 'autre'],
  'la-poste': ['services-bancaires', 'courrier-colis', 'identite-numerique', 'autre'],
  msa: ['prestations', 'cotisations', 'sante', 'retraite', 'autre'],
  interieur: ['carte-identite-passeport', 'permis-conduire', 'carte-grise', 'titre-sejour', 'autre'],
  justice: ['acces-droit', 'casier-judiciaire', 'aide-juridictionnelle', 'autre'],
  'finances-publiques': ['declaration-revenus', 'prelevement-source', 'impots-locaux', 'paiement', 'autre'],
  local: ['accompagnement-social', 'emploi-jeunes', 'handicap', 'logement', 'autre'],
} as const satisfies Record<PartnerId, readonly string[]>;
export type ThemeId = (typeof THEMES)[PartnerId][number];

export const OUTCOMES = ['solved', 'referred', 'follow-up'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const ACT_CHANNELS = ['counter', 'phone', 'itinerant', 'video'] as const;
export type ActChannel = (typeof ACT_CHANNELS)[number];

const literals = <T extends string>(values: readonly T[], title: string) =>
  Type.Union(values.map((v) => Type.Literal(v)) as [ReturnType<typeof Type.Literal<T>>], { title });

const idempotencyKey = () =>
  Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$', description: 'Idempotency key made by the client: stored once.' });
const siteId = () => Type.String({ pattern: '^[0-9]{1,9}$', description: 'ANCT identifier of the site (`id_fs`).' });

/** One request handled by an agent. No personal data: only what, how and with which outcome. */
export const ActInput = Type.Object(
  {
    key: idempotencyKey(),
    site_id: siteId(),
    partner: PartnerId,
    theme: Type.String({ pattern: '^[a-z-]{2,40}$', description: 'One of THEMES[partner].' }),
    outcome: literals(OUTCOMES, 'Outcome'),
    referred_to: Type.Optional(PartnerId),
    channel: literals(ACT_CHANNELS, 'ActChannel'),
    acted_at: Type.String({ format: 'date-time', description: 'When the request was handled. Not in the future, at most 30 days old.' }),
  },
  { title: 'ActInput', additionalProperties: false },
);
export type ActInput = Static<typeof ActInput>;

export const WriteReceipt = Type.Object(
  { id: Type.String(), key: Type.String(), duplicate: Type.Boolean() },
  { title: 'WriteReceipt' },
);
export type WriteReceipt = Static<typeof WriteReceipt>;

export const CASE_STATUSES = ['received', 'in-progress', 'awaiting-documents', 'sent-to-partner', 'done'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CaseStatus = literals(CASE_STATUSES, 'CaseStatus');

/** Short free texts: no name, no number; e-mail addresses and phone numbers are removed anyway. */
const shortText = (max: number, description: string) => Type.String({ minLength: 1, maxLength: max, description });

/**
 * A follow-up case's code: 10 symbols of Crockford's base 32 (no I, L, O, U) plus a check
 * symbol (mod 37), shown as `XXXX-XXXX-XXC`. 50 random bits: see docs/security.md.
 */
export const CASE_CODE_PATTERN = '^[0-9A-HJKMNP-TV-Z]{4}-?[0-9A-HJKMNP-TV-Z]{4}-?[0-9A-HJKMNP-TV-Z]{2}[0-9A-HJKMNP-TV-Z*~$=U]$';

export const CaseInput = Type.Object(
  {
    key: idempotencyKey(),
    site_id: siteId(),
    partner: PartnerId,
    demarche: shortText(120, 'The démarche, e.g. "Demande de carte grise".'),
    step: shortText(200, 'The current step, e.g. "Dossier envoyé à l’ANTS".'),
    documents: Type.Array(shortText(120, 'A document to bring.'), { maxItems: 10 }),
    appointment: Type.Optional(Type.String({ format: 'date-time', description: 'Next appointment at the site, if any.' })),
  },
  { title: 'CaseInput', additionalProperties: false },
);
export type CaseInput = Static<typeof CaseInput>;

export const CaseUpdate = Type.Object(
  {
    key: idempotencyKey(),
    status: Type.Optional(CaseStatus),
    step: Type.Optional(shortText(200, 'The new current step.')),
    documents: Type.Optional(Type.Array(shortText(120, 'A document to bring.'), { maxItems: 10 })),
    appointment: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  },
  { title: 'CaseUpdate', additionalProperties: false },
);
export type CaseUpdate = Static<typeof CaseUpdate>;

export const CaseEvent = Type.Object({
  at: Type.String({ format: 'date-time' }),
  status: CaseStatus,
  step: Type.String(),
});
export type CaseEvent = Static<typeof CaseEvent>;

/** What anyone holding the code sees: no personal data is ever stored, so none is shown. */
export const CasePublic = Type.Object(
  {
    code: Type.String(),
    site_id: Type.String(),
    partner: PartnerId,
    demarche: Type.String(),
    status: CaseStatus,
    step: Type.String(),
    documents: Type.Array(Type.String()),
    appointment: Type.Union([Type.String(), Type.Null()]),
    opened_at: Type.String(),
    updated_at: Type.String(),
    expires_on: Type.String({ format: 'date', description: 'After this day the code answers 410 Gone.' }),
    history: Type.Array(CaseEvent, { description: 'Append-only, oldest first.' }),
  },
  { title: 'CasePublic' },
);
export type CasePublic = Static<typeof CasePublic>;

export const CaseCreated = Type.Intersect([WriteReceipt, Type.Object({ code: Type.String(), case: CasePublic })], {
  title: 'CaseCreated',
});
export type CaseCreated = Static<typeof CaseCreated>;

export const ActivityStatsQuery = Type.Object({
  site: Type.Optional(siteId()),
  from: Type.Optional(Type.String({ format: 'date' })),
  to: Type.Optional(Type.String({ format: 'date' })),
  group_by: Type.Optional(Type.Union([Type.Literal('partner'), Type.Literal('theme'), Type.Literal('month')])),
});
export type ActivityStatsQuery = Static<typeof ActivityStatsQuery>;

export const ActivityGroup = Type.Object({
  key: Type.String(),
  acts: Type.Integer({ minimum: 0 }),
  solved: Type.Integer({ minimum: 0 }),
  referred: Type.Integer({ minimum: 0 }),
  follow_up: Type.Integer({ minimum: 0 }),
});

export const ActivityStats = Type.Object(
  {
    scope: Type.Object({
      site: Type.Union([Type.String(), Type.Null()]),
      from: Type.Union([Type.String(), Type.Null()]),
      to: Type.Union([Type.String(), Type.Null()]),
      group_by: Type.Union([Type.String(), Type.Null()]),
    }),
    acts: Type.Integer({ minimum: 0 }),
    first_visit_share: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
      description: 'Share of requests solved at the first visit; null without acts.',
    }),
    referrals: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), { description: 'Referrals by partner referred to.' }),
    groups: Type.Array(ActivityGroup),
  },
  { title: 'ActivityStats' },
);
export type ActivityStats = Static<typeof ActivityStats>;
