import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { SiteAccess, SiteAccessCreated, SiteAccessList, SiteAccessMe, SiteHistory, UnverifiedSites } from '@fs-widgets/contract';
import { createToken } from '../src/auth/tokens.js';
import { expectProblem, json, SITES_IN_LIST, startTestServer, type TestServer } from './test-server.js';

/*
 * A site's own administration through the real API: its managers and agents' access (who may
 * create, change and revoke which), the access of the token sent, the site's history (every
 * access change and every change to its local partners and permanences, append-only in the
 * database), and the network administrators' list of sites nobody verified.
 */

const SITE = '2983'; // Mende, Europe/Paris
const REUNION = '561'; // Saint-Louis - Makes, Indian/Reunion: UTC+4 all year
const OTHER_SITE = '271';
/** Next year: summer time in Paris from the last Sunday of March to the last of October. */
const NEXT_YEAR = new Date().getUTCFullYear() + 1;

describe('site access, history and unverified sites', () => {
  let server: TestServer;
  let admin: string;
  /** The site's first manager, made by an admin through the API. */
  let manager: SiteAccessCreated;
  let otherManager: string;
  const secrets: string[] = [];

  const call = async (method: string, path: string, token: string | null, body?: unknown) =>
    server.get(`/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const created = async (res: Response): Promise<SiteAccessCreated> => {
    const text = await res.text();
    assert.equal(res.status, 201, text);
    const value = JSON.parse(text) as SiteAccessCreated;
    secrets.push(value.token.split('.')[1]!);
    return value;
  };
  /** Today at the site (Paris or La Réunion), plus `days`. */
  const localDate = (timeZone: string, days = 0) =>
    new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(Date.now() + days * 86_400_000));

  before(async () => {
    server = await startTestServer();
    admin = (await createToken(server.db, { role: 'admin', label: 'réseau national' })).token;
    otherManager = (await createToken(server.db, { role: 'manager', siteId: OTHER_SITE, label: 'responsable Marvejols' })).token;
    secrets.push(admin.split('.')[1]!, otherManager.split('.')[1]!);
    manager = await created(await call('POST', `/sites/${SITE}/access`, admin, { role: 'manager', label: 'responsable Mende' }));
  });

  after(async () => {
    await server?.close();
  });

  test('an admin makes a site’s manager; its last day is the site’s own, to its local midnight', async () => {
    assert.deepEqual(
      { ...manager.access, id: '', created_at: '' },
      {
        id: '',
        role: 'manager',
        label: 'responsable Mende',
        created_at: '',
        created_by: 'réseau national',
        expires_at: null,
        revoked_at: null,
        last_used_at: null,
        state: 'active',
      },
    );
    assert.match(manager.token, new RegExp(`^fsw_${manager.access.id}\\.[A-Za-z0-9_-]{43}$`));
    // 14 July is the last day: refused from midnight in Paris (CEST, UTC+2); 10 January at La Réunion (UTC+4).
    const paris = await created(
      await call('POST', `/sites/${SITE}/access`, admin, { role: 'agent', label: 'été', expires_on: `${NEXT_YEAR}-07-14` }),
    );
    assert.equal(paris.access.expires_at, `${NEXT_YEAR}-07-14T22:00:00.000Z`);
    const reunion = await created(
      await call('POST', `/sites/${REUNION}/access`, admin, { role: 'agent', label: 'accueil', expires_on: `${NEXT_YEAR}-01-10` }),
    );
    assert.equal(reunion.access.expires_at, `${NEXT_YEAR}-01-10T20:00:00.000Z`);
    // Today is valid (until tonight), yesterday and over three years ahead are not.
    const today = await created(
      await call('POST', `/sites/${REUNION}/access`, admin, { role: 'agent', label: 'journée', expires_on: localDate('Indian/Reunion') }),
    );
    assert.equal(today.access.state, 'active');
    assert.ok(Date.parse(today.access.expires_at!) > Date.now());
    const yesterday = await expectProblem(
      await call('POST', `/sites/${SITE}/access`, admin, { role: 'agent', label: 'x', expires_on: localDate('Europe/Paris', -1) }),
      400,
      'expires_on',
    );
    assert.match(yesterday.detail ?? '', /today .* or later/);
    await expectProblem(
      await call('POST', `/sites/${SITE}/access`, admin, { role: 'agent', label: 'x', expires_on: localDate('Europe/Paris', 1100) }),
      400,
      'expires_on',
    );
    await expectProblem(
      await call('POST', `/sites/${SITE}/access`, admin, { role: 'agent', label: 'x', expires_on: `${NEXT_YEAR}-02-30` }),
      400,
    );
    await expectProblem(await call('POST', `/sites/${SITE}/access`, admin, { role: 'agent', label: 'x', secret: 'y' }), 400, 'secret');
    await expectProblem(await call('POST', `/sites/${SITE}/access`, admin, { role: 'admin', label: 'x' }), 400);
    await expectProblem(await call('POST', '/sites/999999/access', admin, { role: 'agent', label: 'x' }), 404);
  });

  test('a manager makes agents’ access for their site only, never a manager’s', async () => {
    const agent = await created(
      await call('POST', `/sites/${SITE}/access`, manager.token, {
        role: 'agent',
        label: ' tablette accueil jeanne.martin@example.org ',
        expires_on: localDate('Europe/Paris', 30),
      }),
    );
    assert.equal(agent.access.role, 'agent');
    assert.equal(agent.access.created_by, 'responsable Mende');
    assert.ok(!agent.access.label.includes('@'), agent.access.label);
    assert.match(agent.access.label, /^tablette accueil/);
    const asManager = await expectProblem(await call('POST', `/sites/${SITE}/access`, manager.token, { role: 'manager', label: 'x' }), 403);
    assert.match(asManager.detail ?? '', /agents’ access only/);
    await expectProblem(await call('POST', `/sites/${OTHER_SITE}/access`, manager.token, { role: 'agent', label: 'x' }), 403);
    await expectProblem(await call('POST', `/sites/${SITE}/access`, agent.token, { role: 'agent', label: 'x' }), 403);
    await expectProblem(await call('POST', `/sites/${SITE}/access`, manager.token, { role: 'agent', label: '   ' }), 400, 'label');
    // What the token sent may do here: the widgets show their screens from it.
    const me = await json<SiteAccessMe>(await call('GET', `/sites/${SITE}/access/me`, agent.token));
    assert.deepEqual(me, {
      id: agent.access.id,
      role: 'agent',
      label: agent.access.label,
      site_id: SITE,
      expires_at: agent.access.expires_at,
    });
    assert.equal((await json<SiteAccessMe>(await call('GET', `/sites/${SITE}/access/me`, manager.token))).role, 'manager');
    assert.deepEqual(await json<SiteAccessMe>(await call('GET', `/sites/${SITE}/access/me`, admin)), {
      id: admin.slice(4, 16),
      role: 'admin',
      label: 'réseau national',
      site_id: null,
      expires_at: null,
    });
    await expectProblem(await call('GET', `/sites/${OTHER_SITE}/access/me`, agent.token), 403);
    await expectProblem(await call('GET', `/sites/${SITE}/access/me`, null), 401);
  });

  test('changing and revoking: agents by their manager, managers by an admin, another site’s access is not found', async () => {
    const agent = await created(await call('POST', `/sites/${SITE}/access`, manager.token, { role: 'agent', label: 'bus' }));
    const secondManager = await created(await call('POST', `/sites/${SITE}/access`, admin, { role: 'manager', label: 'adjointe' }));
    const elsewhere = await created(await call('POST', `/sites/${OTHER_SITE}/access`, otherManager, { role: 'agent', label: 'ailleurs' }));

    const relabelled = await json<SiteAccess>(
      await call('PATCH', `/sites/${SITE}/access/${agent.access.id}`, manager.token, {
        label: 'bus du Causse',
        expires_on: `${NEXT_YEAR}-12-31`,
      }),
    );
    assert.equal(relabelled.label, 'bus du Causse');
    assert.equal(relabelled.expires_at, `${NEXT_YEAR}-12-31T23:00:00.000Z`); // CET, UTC+1
    assert.equal(
      (await json<SiteAccess>(await call('PATCH', `/sites/${SITE}/access/${agent.access.id}`, manager.token, { expires_on: null })))
        .expires_at,
      null,
    );
    await expectProblem(await call('PATCH', `/sites/${SITE}/access/${agent.access.id}`, manager.token, {}), 400);
    // Another manager's access, their own included: an admin's business.
    await expectProblem(await call('PATCH', `/sites/${SITE}/access/${secondManager.access.id}`, manager.token, { label: 'x' }), 403);
    await expectProblem(await call('PATCH', `/sites/${SITE}/access/${manager.access.id}`, manager.token, { expires_on: null }), 403);
    await expectProblem(await call('DELETE', `/sites/${SITE}/access/${secondManager.access.id}`, manager.token), 403);
    assert.equal(
      (
        await json<SiteAccess>(
          await call('PATCH', `/sites/${SITE}/access/${secondManager.access.id}`, admin, { label: 'adjointe (Mme R.)' }),
        )
      ).label,
      'adjointe (Mme R.)',
    );
    // Another site's access: 404 whoever asks through this site, as for an id that does not exist.
    const notFound = await expectProblem(
      await call('PATCH', `/sites/${SITE}/access/${elsewhere.access.id}`, manager.token, { label: 'x' }),
      404,
    );
    const unknown = await expectProblem(await call('PATCH', `/sites/${SITE}/access/000000000000`, manager.token, { label: 'x' }), 404);
    assert.equal(notFound.title, unknown.title);
    await expectProblem(await call('DELETE', `/sites/${SITE}/access/${elsewhere.access.id}`, admin), 404);
    await expectProblem(await call('DELETE', `/sites/${SITE}/access/not-an-id`, manager.token), 400, 'access');

    // Revoked from the next request on; revoking again is a 204 that changes nothing; a revoked access is final.
    assert.equal((await call('GET', `/sites/${SITE}/access/me`, agent.token)).status, 200);
    assert.equal((await call('DELETE', `/sites/${SITE}/access/${agent.access.id}`, manager.token)).status, 204);
    await expectProblem(await call('GET', `/sites/${SITE}/access/me`, agent.token), 401);
    assert.equal((await call('DELETE', `/sites/${SITE}/access/${agent.access.id}`, manager.token)).status, 204);
    await expectProblem(await call('PATCH', `/sites/${SITE}/access/${agent.access.id}`, admin, { label: 'x' }), 409);

    const list = await json<SiteAccessList>(await call('GET', `/sites/${SITE}/access`, manager.token));
    const byId = new Map(list.items.map((item) => [item.id, item]));
    assert.equal(byId.get(agent.access.id)?.state, 'revoked');
    assert.equal(byId.get(secondManager.access.id)?.role, 'manager');
    assert.ok(!byId.has(elsewhere.access.id), 'another site’s access listed');
    assert.ok(list.items.every((item) => !('secret_hash' in item)));
    for (const secret of secrets) assert.ok(!JSON.stringify(list).includes(secret), 'a secret in the list');
    await expectProblem(await call('GET', `/sites/${SITE}/access`, elsewhere.token), 403);

    // A manager revokes their own access (leaving the post); the second manager remains.
    assert.equal((await call('DELETE', `/sites/${SITE}/access/${secondManager.access.id}`, secondManager.token)).status, 204);
    await expectProblem(await call('GET', `/sites/${SITE}/access`, secondManager.token), 401);
  });

  test('an expired access is listed as expired and refused', async () => {
    const agent = await created(await call('POST', `/sites/${SITE}/access`, manager.token, { role: 'agent', label: 'stagiaire' }));
    await server.db
      .updateTable('tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', agent.access.id)
      .execute();
    await expectProblem(await call('GET', `/sites/${SITE}/access/me`, agent.token), 401);
    const list = await json<SiteAccessList>(await call('GET', `/sites/${SITE}/access`, admin));
    assert.equal(list.items.find((item) => item.id === agent.access.id)?.state, 'expired');
    // Its manager gives it a new last day: it works again.
    await json(
      await call('PATCH', `/sites/${SITE}/access/${agent.access.id}`, manager.token, { expires_on: localDate('Europe/Paris', 7) }),
    );
    assert.equal((await call('GET', `/sites/${SITE}/access/me`, agent.token)).status, 200);
  });

  test('the history keeps every access change and every local partner or permanence change, by label, without secrets', async () => {
    const agent = await created(await call('POST', `/sites/${SITE}/access`, manager.token, { role: 'agent', label: 'accueil historique' }));
    const key = () => `history-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    const partnerRes = await call('POST', `/sites/${SITE}/local-partners`, agent.token, { key: key(), name: 'Mission locale' });
    assert.equal(partnerRes.status, 201, await partnerRes.clone().text());
    const partner = (await partnerRes.json()) as { id: string };
    const updated = await call('PUT', `/sites/${SITE}/local-partners/${partner.id}`, agent.token, { name: 'Mission locale Lozère' });
    assert.equal(updated.status, 200, await updated.text());
    const permanenceRes = await call('POST', `/sites/${SITE}/permanences`, agent.token, {
      key: key(),
      local_partner_id: partner.id,
      recurrence: { freq: 'weekly', days: ['tu'], interval: 1 },
      by_appointment: false,
      opens: '09:00',
      closes: '12:00',
    });
    assert.equal(permanenceRes.status, 201, await permanenceRes.clone().text());
    const permanence = (await permanenceRes.json()) as { id: string };
    const moved = await call('PUT', `/sites/${SITE}/permanences/${permanence.id}`, agent.token, {
      local_partner_id: partner.id,
      recurrence: { freq: 'weekly', days: ['th'], interval: 1 },
      by_appointment: false,
      opens: '14:00',
      closes: '17:00',
    });
    assert.equal(moved.status, 200, await moved.text());
    // Removing the partner removes its permanence: both are in the history.
    assert.equal((await call('DELETE', `/sites/${SITE}/local-partners/${partner.id}`, manager.token)).status, 204);

    const history = await json<SiteHistory>(await call('GET', `/sites/${SITE}/history?limit=6`, manager.token));
    const summary = history.items.map((e) => `${e.entity} ${e.action} ${e.by.role} ${e.by.label}`);
    assert.deepEqual(summary, [
      'local-partner delete manager responsable Mende',
      'permanence delete manager responsable Mende',
      'permanence update agent accueil historique',
      'permanence create agent accueil historique',
      'local-partner update agent accueil historique',
      'local-partner create agent accueil historique',
    ]);
    const [removed, permanenceRemoved, permanenceMoved] = history.items;
    assert.deepEqual(removed!.before, { ...(removed!.before as object), id: partner.id, name: 'Mission locale Lozère' });
    assert.equal(removed!.after, null);
    assert.equal(permanenceRemoved!.entity_id, permanence.id);
    assert.deepEqual((permanenceMoved!.before as { recurrence: unknown }).recurrence, { freq: 'weekly', days: ['tu'], interval: 1 });
    assert.deepEqual((permanenceMoved!.after as { recurrence: unknown }).recurrence, { freq: 'weekly', days: ['th'], interval: 1 });
    assert.ok(!('next' in (permanenceMoved!.after as object)), 'computed dates kept in the history');
    assert.equal(history.items[0]!.by.access_id, manager.access.id);

    // The next pages go back to the access changes of the tests above, down to the first manager's creation.
    const all: SiteHistory['items'] = [...history.items];
    let before = history.next_before;
    while (before !== null) {
      const page = await json<SiteHistory>(await call('GET', `/sites/${SITE}/history?limit=4&before=${before}`, admin));
      assert.ok(page.items.length <= 4 && page.items.every((e) => e.id < before!));
      all.push(...page.items);
      before = page.next_before;
    }
    const first = all.at(-1)!;
    assert.deepEqual(
      { entity: first.entity, action: first.action, by: first.by, after: { ...(first.after as object), id: '' } },
      {
        entity: 'access',
        action: 'create',
        by: { access_id: admin.slice(4, 16), label: 'réseau national', role: 'admin' },
        after: { id: '', role: 'manager', label: 'responsable Mende', created_by: 'réseau national', expires_at: null, revoked_at: null },
      },
    );
    const accessActions = all.filter((e) => e.entity === 'access').map((e) => e.action);
    assert.ok(accessActions.includes('update') && accessActions.includes('revoke'), accessActions.join());
    // A revocation and a relabelling each wrote one entry; revoking again wrote none.
    const revokes = all.filter((e) => e.action === 'revoke');
    assert.equal(new Set(revokes.map((e) => e.entity_id)).size, revokes.length);
    const dump = JSON.stringify(all);
    for (const secret of secrets) assert.ok(!dump.includes(secret), 'a secret in the history');
    assert.ok(!dump.includes('secret_hash') && !dump.includes('@example.org'));
    // Only the site's history.
    assert.ok(!dump.includes('ailleurs'));

    // Reading it needs the site's manager (or an admin).
    await expectProblem(await call('GET', `/sites/${SITE}/history`, agent.token), 403);
    await expectProblem(await call('GET', `/sites/${SITE}/history`, otherManager), 403);
    await expectProblem(await call('GET', `/sites/${SITE}/history`, null), 401);
    await expectProblem(await call('GET', `/sites/${SITE}/history?limit=201`, manager.token), 400, 'limit');
  });

  test('the history is append-only in the database: UPDATE and DELETE are refused', async () => {
    const count = async () =>
      Number(
        (
          await server.db
            .selectFrom('site_history')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    assert.ok(before > 0);
    await assert.rejects(
      server.db.updateTable('site_history').set({ access_label: 'quelqu’un d’autre' }).where('site_id', '=', SITE).execute(),
      /append-only/,
    );
    await assert.rejects(server.db.deleteFrom('site_history').where('site_id', '=', SITE).execute(), /append-only/);
    assert.equal(await count(), before);
    const labels = await server.db.selectFrom('site_history').select('access_label').distinct().execute();
    assert.ok(!labels.some((row) => row.access_label === 'quelqu’un d’autre'));
  });

  test('the intranet page of any origin may call these routes with its token (CORS)', async () => {
    for (const [path, method] of [
      [`/sites/${SITE}/access/me`, 'GET'],
      [`/sites/${SITE}/access`, 'POST'],
      [`/sites/${SITE}/access/${manager.access.id}`, 'PATCH'],
      [`/sites/${SITE}/access/${manager.access.id}`, 'DELETE'],
      [`/sites/${SITE}/history`, 'GET'],
    ] as const) {
      const preflight = await server.get(`/api/v1${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://intranet.mairie-exemple.fr',
          'access-control-request-method': method,
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      assert.equal(preflight.status, 204, path);
      assert.match(preflight.headers.get('access-control-allow-methods') ?? '', new RegExp(method), path);
      assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /authorization/, path);
    }
    const read = await server.get(`/api/v1/sites/${SITE}/access`, {
      headers: { origin: 'https://intranet.mairie-exemple.fr', authorization: `Bearer ${manager.token}` },
    });
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('access-control-allow-origin'), '*');
    assert.equal(read.headers.get('cache-control'), 'no-store');
    assert.equal(read.headers.get('etag'), null);
  });

  test('unverified sites: never verified first, then the oldest, for admins only', async () => {
    const now = Date.now();
    const at = (monthsAgo: number) => new Date(now - monthsAgo * 30.5 * 86_400_000).toISOString();
    await server.db
      .insertInto('site_edits')
      .values([
        { site_id: SITE, verified_at: at(0.1), updated_at: at(0.1), offers: '[]' },
        { site_id: OTHER_SITE, verified_at: at(7), updated_at: at(7), offers: '[]' },
        { site_id: REUNION, verified_at: at(13), updated_at: at(13), offers: '[]' },
      ])
      .onConflict((oc) => oc.column('site_id').doUpdateSet((eb) => ({ verified_at: eb.ref('excluded.verified_at') })))
      .execute();

    const six = await json<UnverifiedSites>(await call('GET', '/admin/unverified-sites?size=1000&page=3', admin));
    assert.equal(six.months, 6);
    assert.equal(six.total, SITES_IN_LIST - 1);
    assert.equal(six.pages, 3);
    assert.deepEqual(
      six.items.slice(-2).map((s) => [s.id, s.verified_at]),
      [
        [REUNION, at(13)],
        [OTHER_SITE, at(7)],
      ],
    );
    assert.ok(six.items.slice(0, -2).every((s) => s.verified_at === null));
    const first = await json<UnverifiedSites>(await call('GET', '/admin/unverified-sites', admin));
    assert.equal(first.items.length, 200);
    assert.deepEqual(Object.keys(first.items[0]!).sort(), ['department', 'id', 'name', 'verified_at']);
    assert.ok(first.items.every((s, i) => i === 0 || s.department >= first.items[i - 1]!.department));
    assert.ok(!first.items.some((s) => s.id === SITE));

    const twelve = await json<UnverifiedSites>(await call('GET', '/admin/unverified-sites?months=12&size=1000&page=3', admin));
    assert.equal(twelve.total, SITES_IN_LIST - 2);
    assert.deepEqual(twelve.items.at(-1)?.id, REUNION);
    await expectProblem(await call('GET', '/admin/unverified-sites?months=0', admin), 400, 'months');
    await expectProblem(await call('GET', '/admin/unverified-sites?months=25', admin), 400, 'months');
    await expectProblem(await call('GET', '/admin/unverified-sites', manager.token), 403);
    await expectProblem(await call('GET', '/admin/unverified-sites', null), 401);
  });
});
