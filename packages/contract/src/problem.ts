import Type, { type Static } from 'typebox';

/** One invalid input, named so a developer (or a widget) can point at it. */
export const InvalidParam = Type.Object(
  {
    name: Type.String({ description: 'The parameter or body field at fault, e.g. `limit` or `near`.' }),
    reason: Type.String({ description: 'What is expected, in plain English.' }),
  },
  { title: 'InvalidParam' },
);
export type InvalidParam = Static<typeof InvalidParam>;

/**
 * An error response, RFC 9457 `application/problem+json`.
 * `type` is a stable URI naming the kind of problem; clients switch on it, never on `detail`.
 */
export const Problem = Type.Object(
  {
    type: Type.String({ description: 'A URI reference naming the kind of problem.' }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    invalid_params: Type.Optional(Type.Array(InvalidParam)),
  },
  { title: 'Problem' },
);
export type Problem = Static<typeof Problem>;

/** The problem types this API emits (plain values in `codes.ts`, which widgets may import at run time). */
export { ProblemType } from './codes.js';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
