import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_MEDIA_TYPE, ProblemType, type InvalidParam, type Problem } from '@fs-widgets/contract';

/** An error the API answers with as RFC 9457 problem+json. Throw it from a handler. */
export class HttpProblem extends Error {
  /** Response headers that belong with the problem (`Retry-After`, `WWW-Authenticate`). */
  headers: Record<string, string> = {};

  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly invalidParams?: InvalidParam[],
  ) {
    super(detail ?? title);
  }

  withHeaders(headers: Record<string, string>): this {
    Object.assign(this.headers, headers);
    return this;
  }
}

export const invalidParam = (name: string, reason: string) =>
  new HttpProblem(400, ProblemType.validation, 'Invalid request', `${name}: ${reason}`, [{ name, reason }]);

export const notFound = (detail: string) => new HttpProblem(404, ProblemType.notFound, 'Not found', detail);

/** A 429 with the `Retry-After` of a rate-limit verdict (seconds to the next window). */
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new HttpProblem(429, ProblemType.tooManyRequests, 'Too many requests', detail).withHeaders({ 'retry-after': String(retryAfterSeconds) });

/** 422: a write names a site that is not in the France services list. */
export const unknownSite = (site: string) =>
  new HttpProblem(422, ProblemType.unknownSite, 'Unknown site', `No France services site has the id ${site}.`, [
    { name: 'site_id', reason: 'is not the identifier of a site of the France services list' },
  ]);

/** 409: an idempotency key sent again with other content. */
export const keyConflict = (key: string, what: string) =>
  new HttpProblem(409, ProblemType.conflict, 'Key already used', `The key ${key} was already used for another ${what}.`, [
    { name: 'key', reason: `key already used for another ${what}: make a new key for each one` },
  ]);

export function sendProblem(reply: FastifyReply, problem: Problem) {
  return reply.code(problem.status).type(PROBLEM_MEDIA_TYPE).send(problem);
}

interface AjvIssue {
  instancePath: string;
  message?: string;
  params?: { missingProperty?: string; additionalProperty?: string; limit?: number };
}

/** Turns Ajv's report into named parameters: `/limit must be <= 100` becomes `limit: must be <= 100`. */
function invalidParamsFrom(issues: AjvIssue[]): InvalidParam[] {
  return issues.map((issue) => {
    const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const name = issue.params?.missingProperty
      ? [path, issue.params.missingProperty].filter(Boolean).join('.')
      : issue.params?.additionalProperty
        ? [path, issue.params.additionalProperty].filter(Boolean).join('.')
        : path || '(request)';
    const reason = issue.params?.additionalProperty ? 'is not an accepted field' : (issue.message ?? 'is invalid');
    return { name, reason };
  });
}

/**
 * Fastify's `frameworkErrors`: what the router refuses before any route or error handler runs
 * (a URL whose percent-encoding is not UTF-8, a path parameter over `maxParamLength`) answers
 * problem+json too, naming the path.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const status = tooLong ? 414 : 400;
  const reason = tooLong ? 'a path segment is too long: identifiers are short' : 'is not a valid URL: its percent-encoding must be UTF-8';
  return sendProblem(reply, {
    type: ProblemType.validation,
    title: tooLong ? 'URI too long' : 'Invalid request',
    status,
    detail: `path: ${reason}`,
    instance: request.url.slice(0, 200),
    ...(tooLong ? {} : { invalid_params: [{ name: 'path', reason }] }),
  });
}

/** Every error leaves the API as problem+json; nothing internal leaks, nothing crashes the process. */
export function registerProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) {
      reply.headers(error.headers);
      return sendProblem(reply, {
        type: error.type,
        title: error.title,
        status: error.status,
        detail: error.detail,
        instance: request.url,
        ...(error.invalidParams ? { invalid_params: error.invalidParams } : {}),
      });
    }
    if (error.validation) {
      const invalid = invalidParamsFrom(error.validation as AjvIssue[]);
      return sendProblem(reply, {
        type: ProblemType.validation,
        title: 'Invalid request',
        status: 400,
        detail: invalid.map((p) => `${p.name}: ${p.reason}`).join('; '),
        instance: request.url,
        invalid_params: invalid,
      });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(reply, {
        type: ProblemType.internal,
        title: 'Internal error',
        status,
        detail: 'The server could not answer this request. Try again later.',
        instance: request.url,
      });
    }
    // Fastify's own 4xx (malformed JSON, body too large, unsupported media type…). A 400 names
    // what is wrong like a validation error does: the body, for what the body parsers refuse.
    return sendProblem(reply, {
      type: status === 429 ? ProblemType.tooManyRequests : ProblemType.validation,
      title: status === 429 ? 'Too many requests' : 'Invalid request',
      status,
      detail: error.message,
      instance: request.url,
      ...(status === 400
        ? { invalid_params: [{ name: error.code?.startsWith('FST_ERR_CTP') ? 'body' : '(request)', reason: error.message }] }
        : {}),
    });
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      type: ProblemType.notFound,
      title: 'Not found',
      status: 404,
      detail: `No resource at ${request.method} ${request.url.split('?')[0]}.`,
      instance: request.url,
    }),
  );
}
