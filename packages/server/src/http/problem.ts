import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRouteHookHandler,
  preValidationAsyncHookHandler,
} from 'fastify';
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
/** A site's item (an exception, a stop, a local partner, a permanence, an access) that is not there: see `ProblemType.unknownItem`. */
export const unknownItem = (detail: string) => new HttpProblem(404, ProblemType.unknownItem, 'Not found', detail);

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
  schemaPath?: string;
  keyword?: string;
  message?: string;
  params?: { missingProperty?: string; additionalProperty?: string; limit?: number };
}

/**
 * In a union of objects told apart by a constant (a recurrence's `freq: 'weekly'`), the input
 * names the branch it means: Ajv reports every branch's issues, and the others' (« must be equal
 * to constant », « is not an accepted field ») only hide the one that matters (« days: must NOT
 * have fewer than 1 items »). The branches whose constant failed are dropped, with the union's
 * own « must match a schema in anyOf », when another branch is left to tell what is wrong.
 */
function meantBranches(issues: AjvIssue[]): AjvIssue[] {
  let kept = issues;
  for (const union of issues.filter((i) => i.keyword === 'anyOf' && i.schemaPath)) {
    const prefix = `${union.schemaPath!}/`;
    const branchOf = (i: AjvIssue) => (i.schemaPath?.startsWith(prefix) ? i.schemaPath.slice(prefix.length).split('/')[0]! : null);
    const branches = new Set(kept.map(branchOf).filter((b) => b !== null));
    const wrong = new Set(
      kept
        .filter((i) => i.keyword === 'const')
        .map(branchOf)
        .filter((b) => b !== null),
    );
    if (wrong.size === 0 || wrong.size >= branches.size) continue;
    kept = kept.filter((i) => i !== union && !wrong.has(branchOf(i) ?? ''));
  }
  return kept;
}

/** Turns Ajv's report into named parameters: `/limit must be <= 100` becomes `limit: must be <= 100`. */
function invalidParamsFrom(issues: AjvIssue[]): InvalidParam[] {
  return meantBranches(issues).map((issue) => {
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

/** A JSON Schema as far as the numeric checks below read it. */
interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  minimum?: number;
  maximum?: number;
}

interface NumericParam {
  name: string;
  integer: boolean;
  maximum?: number;
}

function isNumeric(schema: SchemaNode): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes('number') || types.includes('integer') || [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].some(isNumeric);
}

/** The number and integer fields of a querystring or params schema. */
function numericParams(schema: unknown): NumericParam[] {
  const properties = (schema as SchemaNode | undefined)?.properties ?? {};
  return Object.entries(properties)
    .filter(([, property]) => isNumeric(property))
    .map(([name, property]) => ({
      name,
      integer: property.type === 'integer',
      ...(typeof property.maximum === 'number' ? { maximum: property.maximum } : {}),
    }));
}

/**
 * With `coerceTypes`, Ajv turns a query string such as `1e309` or `Infinity` into `Infinity`
 * and then skips `type: integer`, `minimum` and `maximum` for it: they only test finite numbers
 * (ajv-validator/ajv#2212, fastify/fastify#6718). `limit=1e309` reached the handlers as
 * `Infinity` (every site in one answer, or a 500 from SQL). This check runs before validation on
 * each route whose querystring or path parameters have a number: a value that reads as an
 * infinite number is refused as Ajv refuses `NaN`; every other value is left to the schema.
 */
function refuseInfiniteNumbers(query: NumericParam[], params: NumericParam[]): preValidationAsyncHookHandler {
  const check = (values: unknown, fields: NumericParam[]) => {
    for (const field of fields) {
      const value = (values as Record<string, unknown> | undefined)?.[field.name];
      for (const text of Array.isArray(value) ? value : [value]) {
        if (typeof text !== 'string' || Math.abs(Number(text)) !== Infinity) continue;
        const expected = `must be a finite ${field.integer ? 'integer' : 'number'}`;
        throw invalidParam(field.name, field.maximum === undefined ? expected : `${expected}, at most ${field.maximum}`);
      }
    }
  };
  return async (request) => {
    check(request.query, query);
    check(request.params, params);
  };
}

/** Adds {@link refuseInfiniteNumbers} to each route that has numbers in its querystring or path. */
const boundNumbers: onRouteHookHandler = (route) => {
  const schema = route.schema as { querystring?: unknown; params?: unknown } | undefined;
  const query = numericParams(schema?.querystring);
  const params = numericParams(schema?.params);
  if (query.length === 0 && params.length === 0) return;
  const hooks = route.preValidation === undefined ? [] : [route.preValidation].flat();
  route.preValidation = [refuseInfiniteNumbers(query, params), ...hooks];
};

/**
 * What Node's HTTP parser refuses before any request exists (a control character in a header
 * value, a malformed header line, headers too large, a request too slow to arrive) leaves as
 * problem+json too, instead of Fastify's default `{"error":"Bad Request"}`. There is no request,
 * hence no reply: the answer is written on the socket, which is then closed, as Node and
 * Fastify do (the parser cannot go on reading that connection). Same signature as Fastify's
 * `clientErrorHandler` option.
 */
export function clientErrorProblem(this: FastifyInstance | void, error: Error & { code?: string }, socket: Duplex): void {
  // The peer is gone (a reset), or an answer is already on its way: nothing to write.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const timeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const headerError = tooLarge || /HEADER|LF_EXPECTED|CR_EXPECTED/.test(error.code ?? '');
  const status = timeout ? 408 : tooLarge ? 431 : 400;
  const name = headerError ? 'headers' : '(request)';
  const reason = timeout
    ? 'the request did not arrive in time'
    : tooLarge
      ? 'the request headers are too large'
      : headerError
        ? 'a header is malformed: header lines are "name: value", without control characters'
        : 'is not a well-formed HTTP/1.1 request';
  const problem: Problem = {
    type: ProblemType.validation,
    title: timeout ? 'Request timeout' : tooLarge ? 'Request headers too large' : 'Invalid request',
    status,
    detail: `${name}: ${reason}`,
    invalid_params: [{ name, reason }],
  };
  this?.log?.trace({ err: error }, 'client error');
  const body = JSON.stringify(problem);
  // A response already started on this connection (keep-alive) would be corrupted by a second one.
  const started = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (socket.writable && !started) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        `Content-Type: ${PROBLEM_MEDIA_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Cache-Control: no-store\r\n' +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}

/** Every error leaves the API as problem+json; nothing internal leaks, nothing crashes the process. */
export function registerProblemHandlers(app: FastifyInstance) {
  // In place of the handler Fastify attached (its `clientErrorHandler` option would do the same).
  app.server.removeAllListeners('clientError');
  app.server.on('clientError', clientErrorProblem.bind(app));
  // Before any route is added: the hook sees every route of the app and of its plugins.
  app.addHook('onRoute', boundNumbers);

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
