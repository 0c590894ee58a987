import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { PROBLEM_MEDIA_TYPE, ProblemType, type Problem } from '@fs-widgets/contract';
import { createToken } from '../src/auth/tokens.js';
import { expectProblem, startTestServer, type TestServer } from './test-server.js';

/*
 * Bounded work per request: every number of a query is finite and within its schema's bounds
 * (Ajv's type coercion lets `1e309` through as Infinity otherwise), and what Node's HTTP parser
 * refuses is problem+json like every other error.
 */

type ParameterSchema = { type?: string; minimum?: number; maximum?: number; exclusiveMinimum?: number };
type Parameter = { in: string; name: string; required?: boolean; schema: ParameterSchema };
type OpenApi = { paths: Record<string, Record<string, { parameters?: Parameter[]; security?: unknown[] }>> };

/** Valid values of the required parameters of the routes that have numbers in their query. */
const REQUIRED_VALUES: Record<string, string> = { q: 'mende', reason: 'other' };

/** What a raw connection receives until the server closes it (or 5 s pass). */
function rawExchange(url: string, request: string): Promise<{ text: string; closed: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closed: false });
    }, 5000);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
  });
}

/** Status, headers (lower-case names) and body of a raw HTTP/1.1 answer. */
function parseAnswer(text: string): { status: number; headers: Record<string, string>; body: string } {
  const end = text.indexOf('\r\n\r\n');
  assert.ok(end > 0, `not an HTTP answer: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(statusLine!)?.[1]);
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { status, headers, body: text.slice(end + 4) };
}

describe('request limits', () => {
  let server: TestServer;
  let numericQueries: { method: string; path: string; param: Parameter; base: URLSearchParams; secured: boolean }[];
  let adminToken: string;

  before(async () => {
    server = await startTestServer();
    adminToken = (await createToken(server.db, { role: 'admin', label: 'request limits' })).token;
    const doc = (await (await server.get('/api/openapi.json')).json()) as OpenApi;
    numericQueries = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
        for (const param of query.filter((p) => p.schema.type === 'number' || p.schema.type === 'integer')) {
          const base = new URLSearchParams();
          for (const required of query.filter((p) => p.required && p.name !== param.name)) {
            assert.ok(REQUIRED_VALUES[required.name], `add a valid value of ${required.name} (${method} ${path}) to REQUIRED_VALUES`);
            base.set(required.name, REQUIRED_VALUES[required.name]!);
          }
          if (path === '/api/v1/sites') base.set('near', '44.5,3.5');
          numericQueries.push({ method: method.toUpperCase(), path, param, base, secured: (operation.security ?? []).length > 0 });
        }
      }
    }
  });

  after(async () => {
    await server?.close();
  });

  test('the numbers of every query are bounded: a minimum and a maximum in the schema', () => {
    const names = numericQueries.map((q) => `${q.method} ${q.path} ${q.param.name}`);
    // The routes known today; a new one is checked the same way without touching this test.
    for (const known of [
      'GET /api/v1/sites limit',
      'GET /api/v1/sites radius',
      'GET /api/v1/communes limit',
      'GET /api/v1/exports/data-inclusion/structures size',
      'GET /api/v1/exports/data-inclusion/structures page',
      'GET /api/v1/stats/key-figures year',
    ]) {
      assert.ok(names.includes(known), `${known} not among ${names.join(', ')}`);
    }
    for (const { method, path, param } of numericQueries) {
      const where = `${method} ${path} ${param.name}`;
      assert.equal(typeof param.schema.maximum, 'number', `${where} has no maximum`);
      assert.ok(typeof param.schema.minimum === 'number' || typeof param.schema.exclusiveMinimum === 'number', `${where} has no minimum`);
    }
  });

  test('non-finite, negative, too large and fractional numbers are 400 problem+json naming the parameter, on every route', async () => {
    let checked = 0;
    for (const { method, path, param, base, secured } of numericQueries) {
      const max = param.schema.maximum!;
      const values = ['1e309', '-1e309', 'Infinity', '-Infinity', 'NaN', '-1', String(max + 1), String(max * 1e6), 'abc', ''];
      if (max < 1_000_000) values.push('1000000');
      if (param.schema.type === 'integer') values.push('1.5', `${max - 1}.5`);
      for (const value of values) {
        const query = new URLSearchParams(base);
        query.set(param.name, value);
        // A path parameter (`{id}`, a site) takes a real value: the query is what is checked.
        const url = `${path.replace('{id}', '2983')}?${query}`;
        const res = await server.get(url, { method, headers: secured ? { authorization: `Bearer ${adminToken}` } : {} });
        const problem = await expectProblem(res, 400);
        assert.equal(problem.type, ProblemType.validation, url);
        assert.deepEqual(
          problem.invalid_params?.map((p) => p.name),
          [param.name],
          `${url}: ${JSON.stringify(problem)}`,
        );
        assert.equal(problem.instance, url);
        checked++;
      }
    }
    assert.ok(checked >= 60, `${checked} requests`);
  });

  test('the answers that used to escape: a 500 for the communes, every site for the sites', async () => {
    const communes = await expectProblem(await server.get('/api/v1/communes?q=x&limit=1e309'), 400, 'limit');
    assert.equal(communes.detail, 'limit: must be a finite integer, at most 50');
    const sites = await expectProblem(await server.get('/api/v1/sites?near=44.5,3.5&limit=1e309'), 400, 'limit');
    assert.equal(sites.detail, 'limit: must be a finite integer, at most 100');
    await expectProblem(await server.get('/api/v1/sites?near=44.5,3.5&radius=Infinity'), 400, 'radius');
    await expectProblem(await server.get('/api/v1/sites?near=44.5,3.5&limit=10&limit=1e309'), 400, 'limit');
    await expectProblem(await server.get('/api/v1/exports/data-inclusion/structures?size=-1e309'), 400, 'size');
    // The bounds themselves are accepted.
    const res = await server.get('/api/v1/sites?near=44.5,3.5&limit=100&radius=200');
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { count: number }).count, 100);
  });

  describe('what the HTTP parser refuses', () => {
    const head = 'GET /api/v1/sites/2983 HTTP/1.1\r\nHost: 127.0.0.1\r\n';
    const cases: Array<[string, string, number, string]> = [
      ['a control character in a header value', `${head}X-Note: a\x01b\r\n\r\n`, 400, 'headers'],
      ['a header line without a colon', `${head}this is not a header\r\n\r\n`, 400, 'headers'],
      ['a space in a header name', `${head}X Note: b\r\n\r\n`, 400, 'headers'],
      ['headers over the size limit', `${head}X-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'headers'],
      ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n', 400, '(request)'],
    ];
    for (const [what, request, status, name] of cases) {
      test(`${what}: ${status} problem+json, then the connection is closed`, async () => {
        const { text, closed } = await rawExchange(server.url, request);
        const answer = parseAnswer(text);
        assert.equal(answer.status, status, text);
        assert.equal(answer.headers['content-type'], PROBLEM_MEDIA_TYPE);
        assert.equal(Number(answer.headers['content-length']), Buffer.byteLength(answer.body, 'latin1'));
        assert.equal(answer.headers.connection, 'close');
        const problem = JSON.parse(answer.body) as Problem;
        assert.equal(problem.status, status);
        assert.equal(problem.type, ProblemType.validation);
        assert.deepEqual(
          problem.invalid_params?.map((p) => p.name),
          [name],
        );
        assert.ok(closed, 'the server closes the connection');
      });
    }

    test('a well-formed request on the same kind of connection is answered, and the server still serves', async () => {
      const { text } = await rawExchange(server.url, `${head}Connection: close\r\n\r\n`);
      assert.equal(parseAnswer(text).status, 200);
      assert.equal((await server.get('/api/v1/sites/2983')).status, 200);
    });
  });
});
