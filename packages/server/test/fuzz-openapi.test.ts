import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PROBLEM_MEDIA_TYPE } from '@fs-widgets/contract';
import { createToken, revokeToken } from '../src/auth/tokens.js';
import { startTestServer, type TestServer } from './test-server.js';

/*
 * Bad input, everywhere: requests generated from the server's own OpenAPI document (so a new
 * route is fuzzed without touching this file) — plausible values from each schema, then
 * mutated: wrong types, missing and extra fields, huge and odd bodies, odd encodings,
 * injection strings, bad and foreign tokens. Whatever arrives, the server never answers 5xx,
 * never crashes, and every error is problem+json naming what is wrong.
 *
 * `FUZZ_RUNS` (default 120 per operation, about 3,000 requests) raises the count: the heavier
 * run in docs/reliability.md uses 2,000.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
};

type Operation = {
  method: string;
  path: string;
  parameters: { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: JsonSchema }[];
  body: JsonSchema | null;
  secured: boolean;
};

/** Strings that have broken servers before: injections, encodings, control characters, sizes. */
const NASTY_STRINGS = [
  "' OR '1'='1' --",
  '"; DROP TABLE sites; --',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '\u202e\u0041',
  '${7*7}{{7*7}}',
  '%E9t%E9',
  '\ud800',
  'é'.normalize('NFD'),
  '𝔉𝔯𝔞𝔫𝔠𝔢 🇫🇷',
  '-1',
  '1e309',
  'NaN',
  '0x1A',
  ' ',
  '',
  'null',
  'true',
  '[]',
  '{}',
  'x'.repeat(5000),
];

const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** Plausible values for a schema: mostly valid, so requests reach the handlers' own checks. */
function plausible(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 5) return garbage;
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => plausible(s, depth + 1)));
  if (schema.allOf?.length) {
    const merged: JsonSchema = { type: 'object', properties: {}, required: [] };
    for (const part of schema.allOf) {
      Object.assign(merged.properties!, part.properties ?? {});
      merged.required!.push(...(part.required ?? []));
    }
    return plausible(merged, depth + 1);
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'date')
        return fc
          .date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
      if (schema.format === 'date-time')
        return fc
          .date({ min: new Date(Date.now() - 40 * 86_400_000), max: new Date(Date.now() + 86_400_000), noInvalidDate: true })
          .map((d) => d.toISOString());
      if (schema.pattern) {
        try {
          return fc
            .stringMatching(new RegExp(schema.pattern))
            .filter((s) => s.length <= (schema.maxLength ?? 200) && s.length >= (schema.minLength ?? 0));
        } catch {
          return fc.string();
        }
      }
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 60, 60) });
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(plausible(schema.items, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties)) record[name] = plausible(property, depth + 1);
      return fc.record(record, { requiredKeys: [...required].filter((k) => k in properties) });
    }
    default:
      return garbage;
  }
}

/** A plausible object with one mutation: a field dropped, of the wrong type, or an extra one. */
function mutated(schema: JsonSchema): fc.Arbitrary<unknown> {
  return fc
    .tuple(plausible(schema), fc.nat(), garbage, fc.constantFrom('drop', 'retype', 'extra', 'none'))
    .map(([value, index, junk, how]) => {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
      const copy = { ...(value as Record<string, unknown>) };
      const keys = Object.keys(schema.properties ?? {});
      const key = keys.length ? keys[index % keys.length]! : 'x';
      if (how === 'drop') delete copy[key];
      if (how === 'retype') copy[key] = junk;
      if (how === 'extra') copy[`unexpected_${index % 7}`] = junk;
      return copy;
    });
}

type Body = { payload?: string | Buffer; contentType?: string };

function bodies(schema: JsonSchema): fc.Arbitrary<Body> {
  const json = (value: unknown, contentType = 'application/json') => ({ payload: JSON.stringify(value), contentType });
  return fc.oneof(
    { weight: 4, arbitrary: mutated(schema).map((v) => json(v)) },
    { weight: 2, arbitrary: plausible(schema).map((v) => json(v)) },
    { weight: 1, arbitrary: fc.anything().map((v) => json(v ?? null)) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('{', '{"key":', 'not json', '\u0000', '[1,2', '{"a":1}}')
        .map((payload) => ({ payload, contentType: 'application/json' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x')
        .chain((contentType) => plausible(schema).map((v) => json(v, contentType))),
    },
    { weight: 1, arbitrary: fc.constant({ payload: JSON.stringify({ key: 'k'.repeat(70 * 1024) }), contentType: 'application/json' }) },
    {
      weight: 1,
      arbitrary: fc.constant({ payload: Buffer.from([0xff, 0xfe, 0x7b, 0x22]), contentType: 'application/json; charset=utf-8' }),
    },
    { weight: 1, arbitrary: fc.constant({}) },
  );
}

function operationsOf(doc: any): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters ?? []).map((p: any) => ({ in: p.in, name: p.name, required: p.required, schema: p.schema ?? {} })),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
        secured: Array.isArray(op.security) && op.security.length > 0,
      });
    }
  }
  return operations;
}

/** Percent-encodes; a lone surrogate (which `encodeURIComponent` refuses) goes out as its WTF-8 bytes, invalid UTF-8 the server must refuse. */
function encode(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
  return text.replace(/[\s\S]/gu, (char) => {
    if (char.length === 1 && char.charCodeAt(0) >= 0xd800 && char.charCodeAt(0) <= 0xdfff) {
      const c = char.charCodeAt(0);
      return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    }
    return encodeURIComponent(char);
  });
}

describe('fuzzing every route of the OpenAPI document', () => {
  let server: TestServer;
  let operations: Operation[];
  const tokens: Record<string, string> = {};

  before(async () => {
    server = await startTestServer();
    const make = async (siteId: string | undefined, label: string) =>
      (await createToken(server.db, { role: siteId ? 'agent' : 'admin', siteId, label })).token;
    tokens.agent = await make('2983', 'fuzz agent');
    tokens.other = await make('271', 'fuzz other');
    tokens.admin = await make(undefined, 'fuzz admin');
    tokens.revoked = await make('2983', 'fuzz revoked');
    await revokeToken(server.db, tokens.revoked.slice(4, 16));
    operations = operationsOf(server.app.swagger());
  });

  after(async () => {
    await server?.close();
  });

  test('the document lists the routes, writes and private reads among them', () => {
    assert.ok(operations.length >= 20, `${operations.length} operations`);
    assert.ok(operations.some((o) => o.method === 'POST' && o.body));
    assert.ok(operations.some((o) => o.secured));
  });

  test('no request gets a 5xx; every error is problem+json naming the issue', async () => {
    let requests = 0;
    const statuses = new Map<number, number>();
    for (const operation of operations) {
      const pathParams = operation.parameters.filter((p) => p.in === 'path');
      const queryParams = operation.parameters.filter((p) => p.in === 'query');
      const request = fc.record({
        path: fc.record(
          Object.fromEntries(
            pathParams.map((p) => [p.name, fc.oneof({ weight: 3, arbitrary: plausible(p.schema) }, { weight: 1, arbitrary: garbage })]),
          ),
        ),
        query: fc.record(
          Object.fromEntries(
            queryParams.map((p) => [p.name, fc.oneof({ weight: 3, arbitrary: plausible(p.schema) }, { weight: 1, arbitrary: garbage })]),
          ),
          { requiredKeys: [] },
        ),
        extraQuery: fc.option(fc.tuple(fc.constantFrom('unknown', 'limit', '__proto__', 'constructor', 'q'), garbage), { freq: 4 }),
        body: operation.body ? bodies(operation.body) : fc.constant<Body>({}),
        auth: fc.constantFrom('none', 'agent', 'other', 'admin', 'revoked', 'garbage', 'malformed'),
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ path, query, extraQuery, body, auth }) => {
          const url =
            operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => encode((path as Record<string, unknown>)[name] ?? 'x')) +
            '?' +
            [...Object.entries(query), ...(extraQuery ? [extraQuery] : [])]
              .map(([k, v]) => `${encodeURIComponent(String(k))}=${encode(v)}`)
              .join('&');
          const headers: Record<string, string> = {};
          if (body.contentType) headers['content-type'] = body.contentType;
          if (auth === 'garbage') headers.authorization = 'Bearer fsw_000000000000.' + 'A'.repeat(43);
          else if (auth === 'malformed') headers.authorization = 'Basic dXNlcjpwYXNz';
          else if (auth !== 'none') headers.authorization = `Bearer ${tokens[auth]}`;
          const res = await server.app.inject({ method: operation.method as 'GET', url, headers, payload: body.payload });
          requests++;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          const where = `${operation.method} ${url.slice(0, 300)} (${auth}, ${body.contentType ?? 'no body'}) → ${res.statusCode} ${res.body.slice(0, 300)}`;
          assert.ok(res.statusCode < 500, where);
          if (res.statusCode >= 400) {
            assert.match(String(res.headers['content-type']), new RegExp(`^${PROBLEM_MEDIA_TYPE.replace('+', '\\+')}`), where);
            const problem = JSON.parse(res.body);
            assert.equal(problem.status, res.statusCode, where);
            assert.equal(typeof problem.type, 'string', where);
            assert.ok(problem.title, where);
            if (res.statusCode === 400 || res.statusCode === 422) {
              assert.ok(Array.isArray(problem.invalid_params) && problem.invalid_params.length > 0, `no invalid_params: ${where}`);
              for (const param of problem.invalid_params) assert.ok(param.name && param.reason, where);
            } else {
              assert.ok(problem.detail, `no detail: ${where}`);
            }
          }
        }),
        { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261127) },
      );
    }
    // Still serving after everything it was sent.
    assert.equal((await server.get('/api/v1/meta')).status, 200);
    const summary = [...statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    console.log(`fuzz: ${requests} requests over ${operations.length} operations: ${summary}`);
    assert.ok(requests >= operations.length * RUNS);
  });
});
