import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../src/app-context.js';
import { requireScope, scopeHoldsSite, scopeView } from '../src/auth/scopes.js';
import { authenticate, createToken, revokeToken, TokenError, type TokenRole } from '../src/auth/tokens.js';
import { openDatabase, type Db } from '../src/db/database.js';
import { migrateTo, migrateToLatest } from '../src/db/migrations.js';
import { HttpProblem } from '../src/http/problem.js';
import { createTestDatabase, makeTempDir, removeTempDir, type TestDatabase } from './test-server.js';

/** A stored site of département `department` (only what the scopes read matters). */
const site = (id: string, department: string) => ({
  id,
  name: `Site ${id}`,
  kind: 'fixed',
  role: 'main',
  itinerant: 0,
  street: '1 rue de la Paix',
  complement: null,
  postcode: `${department}000`,
  commune: 'Ville',
  insee_commune: `${department}001`,
  department,
  lat: 44.5,
  lon: 3.5,
  email: null,
  phone: null,
  hours: '{}',
  opening_hours: null,
  weekly_minutes: 0,
  appointment: 0,
  comment: null,
  group_name: null,
  labelled_on: null,
  carrier: null,
  time_zone: 'Europe/Paris',
  source_line: 1,
  imported_at: '2026-01-01T00:00:00.000Z',
});

describe('observer scopes (auth/scopes.ts)', () => {
  let dir: string;
  let database: TestDatabase;
  let db: Db;
  let ctx: AppContext;
  const tokens: Record<string, string> = {};

  const request = (token?: string) => ({ headers: token ? { authorization: `Bearer ${token}` } : {} }) as FastifyRequest;

  async function status(token: string | undefined, asked: { departement?: string; carrier?: string }): Promise<number> {
    try {
      await requireScope(ctx, request(token), asked);
      return 200;
    } catch (err) {
      if (err instanceof HttpProblem) return err.status;
      throw err;
    }
  }

  before(async () => {
    dir = makeTempDir();
    database = await createTestDatabase(dir);
    db = await openDatabase(database.options);
    ctx = { db } as AppContext;
    // Two sites in Lozère, one in Charente; a guessed carrier (La Poste by its name) on one of them.
    await db
      .insertInto('sites')
      .values([site('48001', '48'), { ...site('48002', '48'), carrier: 'la-poste' }, site('16001', '16'), site('2A001', '2A')])
      .execute();
    const now = new Date().toISOString();
    await db
      .insertInto('carriers')
      .values([
        { id: 'la-poste', name: 'La Poste', kind: 'la-poste', created_at: now },
        { id: 'cc-val', name: 'CC du Val', kind: 'collectivite', created_at: now },
      ])
      .execute();
    await db.insertInto('site_carriers').values({ site_id: '16001', carrier_id: 'cc-val', set_by: 'test', set_at: now }).execute();
    await db.insertInto('site_carriers').values({ site_id: '48001', carrier_id: 'cc-val', set_by: 'test', set_at: now }).execute();
    const make = async (name: string, role: TokenRole, extra: { siteId?: string; department?: string; carrier?: string } = {}) => {
      tokens[name] = (await createToken(db, { role, label: name, ...extra })).token;
    };
    await make('admin', 'admin');
    await make('network', 'network');
    await make('lozere', 'departement', { department: '48' });
    await make('corse', 'departement', { department: '2A' });
    await make('cc-val', 'carrier', { carrier: 'cc-val' });
    await make('la-poste', 'carrier', { carrier: 'la-poste' });
    await make('agent', 'agent', { siteId: '48001' });
    await make('manager', 'manager', { siteId: '48001' });
    await make('revoked', 'departement', { department: '48' });
    await revokeToken(db, (await authenticate(db, request(tokens.revoked!))).id);
  });

  after(async () => {
    await db?.destroy();
    await database?.drop();
    removeTempDir(dir);
  });

  test('each token sees its own scope by default, with its sites sorted and its départements', async () => {
    const lozere = await requireScope(ctx, request(tokens.lozere), {});
    assert.deepEqual(lozere.scope, { kind: 'departement', department: '48' });
    assert.equal(lozere.label, 'Lozère (48)');
    assert.deepEqual(lozere.siteIds, ['48001', '48002']);
    assert.deepEqual(lozere.departments, ['48']);

    const ccVal = await requireScope(ctx, request(tokens['cc-val']), {});
    assert.deepEqual(ccVal.siteIds, ['16001', '48001']);
    assert.deepEqual(ccVal.departments, ['16', '48']);
    assert.equal(ccVal.label, 'CC du Val');

    // A guessed carrier grants nothing: site 48002 is La Poste by its name only.
    const laPoste = await requireScope(ctx, request(tokens['la-poste']), {});
    assert.deepEqual(laPoste.siteIds, []);

    for (const who of ['network', 'admin']) {
      const network = await requireScope(ctx, request(tokens[who]), {});
      assert.deepEqual(network.scope, { kind: 'network' });
      assert.deepEqual(network.siteIds, ['16001', '2A001', '48001', '48002']);
      assert.equal(network.departments, null);
      assert.deepEqual(scopeView(network), {
        kind: 'network',
        department: null,
        carrier: null,
        label: 'Réseau national',
        departments: null,
        sites: 4,
      });
    }
    assert.deepEqual((await requireScope(ctx, request(tokens.corse), {})).siteIds, ['2A001']);
  });

  test('the authorization of each kind of token against each scope', async () => {
    const cases: Array<[string | undefined, { departement?: string; carrier?: string }, number]> = [
      [tokens.lozere, { departement: '48' }, 200],
      [tokens.lozere, { departement: '16' }, 403],
      [tokens.lozere, { carrier: 'cc-val' }, 403],
      [tokens.corse, { departement: '48' }, 403],
      [tokens['cc-val'], { carrier: 'cc-val' }, 200],
      [tokens['cc-val'], { carrier: 'la-poste' }, 403],
      [tokens['cc-val'], { departement: '16' }, 403],
      [tokens.network, { departement: '16' }, 200],
      [tokens.network, { carrier: 'la-poste' }, 200],
      [tokens.admin, { departement: '2A' }, 200],
      [tokens.admin, { carrier: 'cc-val' }, 200],
      [tokens.agent, {}, 403],
      [tokens.agent, { departement: '48' }, 403],
      [tokens.manager, { departement: '48' }, 403],
      [undefined, { departement: '48' }, 401],
      [tokens.revoked, {}, 401],
      ['fsw_000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', {}, 401],
      // Unknown scopes (for those who may ask any): 404; malformed or doubled: 400.
      [tokens.network, { departement: '99' }, 404],
      [tokens.admin, { carrier: 'nobody' }, 404],
      [tokens.network, { departement: '4' }, 400],
      [tokens.network, { carrier: 'La Poste' }, 400],
      [tokens.network, { departement: '48', carrier: 'cc-val' }, 400],
    ];
    for (const [token, asked, expected] of cases) {
      const who = Object.entries(tokens).find(([, t]) => t === token)?.[0] ?? token ?? 'none';
      assert.equal(await status(token, asked), expected, `${who} asking ${JSON.stringify(asked)}`);
    }
  });

  test('whether a scope holds a site (activity figures of a site)', async () => {
    const info = async (name: string) => authenticate(db, request(tokens[name]));
    assert.equal(await scopeHoldsSite(ctx, await info('lozere'), '48002'), true);
    assert.equal(await scopeHoldsSite(ctx, await info('lozere'), '16001'), false);
    assert.equal(await scopeHoldsSite(ctx, await info('cc-val'), '16001'), true);
    assert.equal(await scopeHoldsSite(ctx, await info('la-poste'), '48002'), false, 'a guess grants nothing');
    assert.equal(await scopeHoldsSite(ctx, await info('network'), '2A001'), true);
    assert.equal(await scopeHoldsSite(ctx, await info('agent'), '48001'), false);
  });

  test('observer tokens are made for a known département or carrier only, and the database holds the rules', async () => {
    await assert.rejects(createToken(db, { role: 'departement', department: '99', label: 'x' }), TokenError);
    await assert.rejects(createToken(db, { role: 'carrier', carrier: 'nobody', label: 'x' }), TokenError);
    await assert.rejects(createToken(db, { role: 'network', department: '48', label: 'x' }), TokenError);
    await assert.rejects(createToken(db, { role: 'departement', department: '48', siteId: '48001', label: 'x' }), TokenError);
    // The check constraint of migration 0009, below the code: a département token without its département.
    await assert.rejects(
      db
        .insertInto('tokens')
        .values({
          id: 'aaaaaaaaaaaa',
          role: 'departement',
          site_id: null,
          label: 'x',
          secret_hash: '00',
          created_at: '2026-01-01T00:00:00Z',
          expires_at: null,
          revoked_at: null,
          last_used_at: null,
          created_by: null,
          scope_department: null,
          scope_carrier: null,
        })
        .execute(),
    );
  });

  // Last: it takes the schema down and up again.
  test('migration 0009 goes down (observers and carriers dropped, the sites’ tokens kept) and up again', async () => {
    const before = await db.selectFrom('tokens').select(['id', 'role']).orderBy('id').execute();
    await migrateTo(db, '0008_site_self_service');
    const down = await db.selectFrom('tokens').selectAll().orderBy('id').execute();
    assert.deepEqual(
      down.map((t) => [t.id, t.role]),
      before.filter((t) => ['agent', 'manager', 'admin'].includes(t.role)).map((t) => [t.id, t.role]),
    );
    assert.ok(!('scope_department' in down[0]!));
    await migrateToLatest(db);
    const agent = await authenticate(db, request(tokens.agent));
    assert.deepEqual([agent.role, agent.site_id, agent.scope_department], ['agent', '48001', null]);
    assert.equal((await db.selectFrom('carriers').selectAll().execute()).length, 0);
    await createToken(db, { role: 'departement', department: '48', label: 'again' });
  });
});
