import Type, { type Static } from 'typebox';
import {
  COMMENT_MAX_LENGTH,
  RATINGS,
  RESOLUTIONS,
  type FeedbackChannel as FeedbackChannelCode,
  type Rating as RatingCode,
  type Resolution as ResolutionCode,
  SITE_ID_PATTERN,
} from './codes.js';

export { COMMENT_MAX_LENGTH, FEEDBACK_CHANNELS, RATINGS, RESOLUTIONS } from './codes.js';
export type Rating = RatingCode;
export type Resolution = ResolutionCode;
export type FeedbackChannel = FeedbackChannelCode;

export const Rating = Type.Union(
  [Type.Literal('very-satisfied'), Type.Literal('satisfied'), Type.Literal('dissatisfied'), Type.Literal('very-dissatisfied')],
  { title: 'Rating' },
);

export const Resolution = Type.Union([Type.Literal('yes'), Type.Literal('partly'), Type.Literal('no')], {
  title: 'Resolution',
});

export const FeedbackChannel = Type.Union([Type.Literal('kiosk'), Type.Literal('web'), Type.Literal('phone')], {
  title: 'FeedbackChannel',
});

/** One answer, as a widget sends it (possibly long after it was given, from its offline outbox). */
export const FeedbackInput = Type.Object(
  {
    key: Type.String({
      pattern: '^[A-Za-z0-9_-]{16,64}$',
      description: 'Idempotency key made by the client (e.g. a UUID without dashes): the same key is stored once.',
    }),
    site_id: Type.String({ pattern: SITE_ID_PATTERN, description: 'ANCT identifier of the site (`id_fs`).' }),
    rating: Rating,
    resolved: Type.Optional(Resolution),
    comment: Type.Optional(
      Type.String({
        maxLength: COMMENT_MAX_LENGTH,
        description: `Free text, at most ${COMMENT_MAX_LENGTH} characters. Never published; e-mail addresses and phone numbers are removed before storage.`,
      }),
    ),
    channel: FeedbackChannel,
    answered_at: Type.String({
      format: 'date-time',
      description: 'When the person answered (ISO 8601). Not in the future, at most 30 days old.',
    }),
  },
  { title: 'FeedbackInput', additionalProperties: false },
);
export type FeedbackInput = Static<typeof FeedbackInput>;

export const FeedbackReceipt = Type.Object(
  {
    id: Type.String(),
    key: Type.String(),
    duplicate: Type.Boolean({ description: 'True when this key was already stored: nothing was counted twice.' }),
  },
  { title: 'FeedbackReceipt' },
);
export type FeedbackReceipt = Static<typeof FeedbackReceipt>;

export const SatisfactionStatsQuery = Type.Object({
  site: Type.Optional(Type.String({ pattern: SITE_ID_PATTERN, description: 'A site; the whole network when absent.' })),
  from: Type.Optional(Type.String({ format: 'date', description: 'First day included (YYYY-MM-DD).' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Last day included (YYYY-MM-DD).' })),
  channel: Type.Optional(FeedbackChannel),
});
export type SatisfactionStatsQuery = Static<typeof SatisfactionStatsQuery>;

const counts = <K extends string>(keys: readonly K[]) =>
  Type.Object(Object.fromEntries(keys.map((k) => [k, Type.Integer({ minimum: 0 })])) as Record<K, ReturnType<typeof Type.Integer>>);

export const SatisfactionStats = Type.Object(
  {
    scope: Type.Object({
      site: Type.Union([Type.String(), Type.Null()]),
      from: Type.Union([Type.String(), Type.Null()]),
      to: Type.Union([Type.String(), Type.Null()]),
      channel: Type.Union([FeedbackChannel, Type.Null()]),
    }),
    count: Type.Integer({ minimum: 0 }),
    satisfied_share: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
      description: 'Share of the two top levels; null when there is no answer.',
    }),
    distribution: counts(RATINGS),
    resolved: counts([...RESOLUTIONS, 'unanswered'] as const),
    resolved_share: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
      description: 'Share of "yes" among the answers to the resolution question; null when none.',
    }),
    first_answer_on: Type.Union([Type.String(), Type.Null()]),
    last_answer_on: Type.Union([Type.String(), Type.Null()]),
  },
  { title: 'SatisfactionStats' },
);
export type SatisfactionStats = Static<typeof SatisfactionStats>;
