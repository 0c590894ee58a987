import Type, { type Static } from 'typebox';
import {
  ACT_CHANNELS,
  CASE_STATUSES,
  OUTCOMES,
  PARTNERS,
  type CaseStatus as CaseStatusCode,
  type PartnerId as PartnerIdCode,
  SITE_ID_PATTERN,
} from './codes.js';

export {
  ACT_CHANNELS,
  CASE_CODE_PATTERN,
  CASE_STATUSES,
  OUTCOMES,
  PARTNERS,
  THEMES,
  type ActChannel,
  type Outcome,
  type ThemeId,
} from './codes.js';

export type PartnerId = PartnerIdCode;
export const PartnerId = Type.Union(PARTNERS.map((p) => Type.Literal(p)) as [ReturnType<typeof Type.Literal<PartnerId>>], {
  title: 'PartnerId',
});

const literals = <T extends string>(values: readonly T[], title: string) =>
  Type.Union(values.map((v) => Type.Literal(v)) as [ReturnType<typeof Type.Literal<T>>], { title });

const idempotencyKey = () =>
  Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$', description: 'Idempotency key made by the client: stored once.' });
const siteId = () => Type.String({ pattern: SITE_ID_PATTERN, description: 'ANCT identifier of the site (`id_fs`).' });

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

export const WriteReceipt = Type.Object({ id: Type.String(), key: Type.String(), duplicate: Type.Boolean() }, { title: 'WriteReceipt' });
export type WriteReceipt = Static<typeof WriteReceipt>;

export type CaseStatus = CaseStatusCode;
export const CaseStatus = literals(CASE_STATUSES, 'CaseStatus');

/** Short free texts: no name, no number; e-mail addresses and phone numbers are removed anyway. */
const shortText = (max: number, description: string) => Type.String({ minLength: 1, maxLength: max, description });

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
