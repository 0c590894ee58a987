import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { writeTransaction } from '../db/database.js';
import Type from 'typebox';
import { CaseCreated, CaseInput, CasePublic, CaseUpdate, Problem, ProblemType } from '@fs-widgets/contract';
import { agentOfBodySite, authenticate, authorizeSite } from '../auth/tokens.js';
import { formatCaseCode, parseCaseCode } from '@fs-widgets/contract/case-code';
import { createCase, readCase, updateCase } from '../cases/cases.js';
import { countRequest } from '../http/rate-limit.js';
import { HttpProblem, invalidParam, keyConflict, notFound, tooManyRequests, unknownSite } from '../http/problem.js';
import type { AppContext } from '../app-context.js';
import { AGENT_WRITE_CORS } from './demarches-cors.js';

/**
 * Lookups of a case by code per client IP and hour, whatever their answer: failed lookups
 * (unknown, mistyped, malformed) count too, which is what makes guessing codes hopeless
 * (docs/security.md).
 */
export const CASE_LOOKUP_LIMIT = 30;

const CodeParams = Type.Object({
  code: Type.String({
    maxLength: 40,
    description: 'The case code, `XXXX-XXXX-XXC`; any case, dashes optional, O read as 0, I and L as 1.',
  }),
});

/** The canonical code of a path parameter, or a 400 problem: malformed, or mistyped (check symbol). */
function codeOf(raw: string): string {
  const parsed = parseCaseCode(raw);
  if (parsed.ok) return parsed.canonical;
  if (parsed.problem !== 'check') {
    throw invalidParam('code', 'must be 10 symbols of 0-9 and A-Z without I, L, O, U, then a check symbol, written XXXX-XXXX-XXC');
  }
  throw new HttpProblem(
    400,
    ProblemType.mistypedCode,
    'Mistyped code',
    'The check symbol of this code does not match: a symbol was mistyped, or two were swapped.',
    [{ name: 'code', reason: 'the check symbol does not match: check each symbol of the code' }],
  );
}

const gone = (code: string) =>
  new HttpProblem(
    410,
    ProblemType.expired,
    'Expired',
    `The case ${formatCaseCode(code)} was last updated more than 12 months ago: its code no longer answers.`,
  );

export const casesRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const withoutExpired = <T extends { expired: boolean }>({ expired: _e, ...rest }: T) => rest;

  app.post(
    '/cases',
    {
      config: { cors: AGENT_WRITE_CORS },
      preValidation: agentOfBodySite(ctx),
      schema: {
        summary: 'Open a follow-up case',
        description:
          'For the agents of the site (a token of `site_id`, or an admin token). Opens a case with status `received` and answers its ' +
          'code, to hand to the person. E-mail addresses and phone numbers are removed from the texts. Idempotent by `key`: the same ' +
          'key again answers the same code (200 `duplicate: true`); with another site, partner or démarche 409.',
        tags: ['demarches'],
        security: [{ bearerToken: [] }],
        body: CaseInput,
        response: { 200: CaseCreated, 201: CaseCreated, 400: Problem, 401: Problem, 403: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const input = request.body;
      if (!ctx.catalogue().get(input.site_id)) throw unknownSite(input.site_id);
      const result = await writeTransaction(ctx.db, (trx) => createCase(trx, input));
      if (result.outcome === 'conflict') throw keyConflict(input.key, 'case');
      const stored = (await readCase(ctx.db, result.code))!;
      const duplicate = result.outcome === 'duplicate';
      return reply
        .code(duplicate ? 200 : 201)
        .send({ id: stored.code, key: input.key, duplicate, code: stored.code, case: withoutExpired(stored) });
    },
  );

  app.options('/cases', { config: { cors: AGENT_WRITE_CORS }, schema: { hide: true } }, async (_request, reply) => reply.code(204).send());

  app.patch(
    '/cases/:code',
    {
      config: { cors: AGENT_WRITE_CORS },
      onRequest: async (request) => {
        request.agentToken = await authenticate(ctx.db, request);
      },
      schema: {
        summary: 'Update a follow-up case',
        description:
          'For the agents of the case’s site (or an admin token). Changes status, step, documents or appointment, appends an event ' +
          'to the history and moves the expiry 12 months ahead. Idempotent by `key`: the same key again 200 `duplicate: true`, on ' +
          'another case 409. Unknown code 404, expired 410.',
        tags: ['demarches'],
        security: [{ bearerToken: [] }],
        params: CodeParams,
        body: CaseUpdate,
        response: { 200: CaseCreated, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 410: Problem },
      },
    },
    async (request, reply) => {
      const code = codeOf(request.params.code);
      const found = await ctx.db.selectFrom('cases').select('site_id').where('code', '=', code).executeTakeFirst();
      if (!found) throw notFound(`No case has the code ${formatCaseCode(code)}.`);
      authorizeSite(request.agentToken!, found.site_id);
      const result = await writeTransaction(ctx.db, (trx) => updateCase(trx, code, request.body));
      if (result.outcome === 'unknown') throw notFound(`No case has the code ${formatCaseCode(code)}.`);
      if (result.outcome === 'expired') throw gone(code);
      if (result.outcome === 'conflict') throw keyConflict(request.body.key, 'update');
      const stored = (await readCase(ctx.db, code))!;
      return reply.code(200).send({
        id: stored.code,
        key: request.body.key,
        duplicate: result.outcome === 'duplicate',
        code: stored.code,
        case: withoutExpired(stored),
      });
    },
  );

  app.options('/cases/:code', { config: { cors: AGENT_WRITE_CORS }, schema: { hide: true } }, async (_request, reply) =>
    reply.code(204).send(),
  );

  app.get(
    '/cases/:code',
    {
      config: { cacheControl: 'no-store' },
      // Counted before anything else, whatever the answer: guesses spend the same budget as lookups.
      onRequest: async (request) => {
        const verdict = await countRequest(ctx.db, { subject: ['case-lookup', request.ip], limit: CASE_LOOKUP_LIMIT });
        if (!verdict.allowed) {
          throw tooManyRequests(
            `At most ${CASE_LOOKUP_LIMIT} case lookups an hour from one client; try again in ${verdict.retryAfterSeconds} s.`,
            verdict.retryAfterSeconds,
          );
        }
      },
      schema: {
        summary: 'Follow a case with its code',
        description:
          'For whoever holds the code (no token): the démarche, its status and step, the documents to bring, the next appointment ' +
          'and the history. `Cache-Control: no-store`. Malformed code 400 (`validation`), mistyped code 400 (`mistyped-code`: the ' +
          `check symbol does not match), unknown 404, expired 410 (\`expired\`). At most ${CASE_LOOKUP_LIMIT} lookups per client and ` +
          'hour, failed ones included (429 with `Retry-After`).',
        tags: ['demarches'],
        params: CodeParams,
        response: { 200: CasePublic, 400: Problem, 404: Problem, 410: Problem, 429: Problem },
      },
    },
    async (request) => {
      const code = codeOf(request.params.code);
      const found = await readCase(ctx.db, code);
      if (!found) throw notFound(`No case has the code ${formatCaseCode(code)}.`);
      if (found.expired) throw gone(code);
      return withoutExpired(found);
    },
  );
};
