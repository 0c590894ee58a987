import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ObservatoryCarriers, Site, SiteCarrier } from '@fs-widgets/contract';
import { createToken } from '../src/auth/tokens.js';
import { importCarriers } from '../src/carriers/carriers.js';
import { cli, expectProblem, json, startTestServer, type TestServer } from './test-server.js';

/*
 * Carriers and observer tokens (issue 17): the command line (token create --departement /
 * --carrier / --network, carrier create, carriers import), the admin routes, the observers'
 * list of carriers, the activity figures an observer may read, and the set carrier published.
 */

const TOKEN = /^fsw_([0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/m;
/** France services de Mende (48) and Marvejols (48); Ambrières-les-Vallées (53). */
const MENDE = '2983';
const MARVEJOLS = '271';
const AMBRIERES = '301';

describe('carriers and observer tokens', () => {
  let server: TestServer;
  let admin: string;
  const observers: Record<string, string> = {};

  const call = (method: string, path: string, token?: string, body?: unknown) =>
    server.get(path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const history = async (site: string) =>
    server.db.selectFrom('site_history').selectAll().where('site_id', '=', site).where('entity', '=', 'carrier').orderBy('id').execute();

  before(async () => {
    server = await startTestServer();
    admin = (await createToken(server.db, { role: 'admin', label: 'carriers admin' })).token;
  });

  after(async () => {
    await server?.close();
  });

  test('the command line: carriers, observer tokens (one kind each, known scope), their list; a carriers file with bad rows refused', async () => {
    const env = server.databaseEnv;
    // Each CLI run is a process of its own (about a second), run side by side where they do not depend on each other;
    // the checks shared with the API (a carrier's id, name, kind; an id taken) are tested there.
    const [made, departement, unknownDepartement, both] = await Promise.all([
      cli(env, 'carrier', 'create', '--id', 'cc-coeur-lozere', '--name', 'CC Cœur de Lozère', '--kind', 'collectivite'),
      cli(env, 'token', 'create', '--departement', '48', '--label', 'Préfecture de la Lozère'),
      cli(env, 'token', 'create', '--departement', '99', '--label', 'x'),
      cli(env, 'token', 'create', '--network', '--departement', '48', '--label', 'x'),
    ]);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /Carrier cc-coeur-lozere "CC Cœur de Lozère" \(collectivite\) created/);
    assert.equal(unknownDepartement.code, 2);
    assert.match(unknownDepartement.stderr, /--departement must be the code of a French département/);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--departement or --network, not both/);
    assert.equal(departement.code, 0, departement.stderr);
    assert.match(departement.stdout, /for département 48 \(read-only observer\)/);
    observers.departement = TOKEN.exec(departement.stdout)![0];
    observers.carrier = (await createToken(server.db, { role: 'carrier', carrier: 'cc-coeur-lozere', label: 'CC' })).token;
    observers.network = (await createToken(server.db, { role: 'network', label: 'ANCT' })).token;

    const bad = join(server.dir, 'carriers-bad.csv');
    writeFileSync(
      bad,
      'site_id,carrier_id,carrier_name,carrier_kind\n' +
        `${MENDE},cc-coeur-lozere,,\n` +
        `999999,la-poste,La Poste,la-poste\n` +
        `${MARVEJOLS},la-poste,La Poste,poste\n` +
        `${MENDE},la-poste,La Poste,la-poste\n` +
        `${AMBRIERES},cc-coeur-lozere,Autre nom,collectivite\n`,
    );
    const [list, refused] = await Promise.all([cli(env, 'token', 'list'), cli(env, 'carriers', 'import', bad)]);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /departement {2}48 {2}"Préfecture de la Lozère"/);
    assert.match(list.stdout, /carrier {2}cc-coeur-lozere {2}"CC"/);
    assert.match(list.stdout, /network {2}\* {2}"ANCT"/);

    assert.equal(refused.code, 1, refused.stdout);
    assert.match(refused.stderr, /nothing changed/);
    assert.match(refused.stderr, /line 3: site_id "999999" is not a site/);
    assert.match(refused.stderr, /line 4: carrier_kind "poste" must be one of/);
    assert.match(refused.stderr, /line 5: site 2983 is already given line 2/);
    assert.match(refused.stderr, /line 6: carrier cc-coeur-lozere is stored as "CC Cœur de Lozère"/);
    assert.doesNotMatch(refused.stderr, /line 2:/);
    assert.equal((await server.db.selectFrom('site_carriers').selectAll().execute()).length, 0);
    assert.equal((await server.db.selectFrom('carriers').selectAll().execute()).length, 1);
  });

  test('carriers import: the file sets the sites and creates the carriers it names, history kept; the same file again changes nothing', async () => {
    const env = server.databaseEnv;
    const good = join(server.dir, 'carriers.csv');
    writeFileSync(
      good,
      '\uFEFFsite_id;carrier_id;carrier_name;carrier_kind\r\n' +
        `${MENDE};cc-coeur-lozere;;\r\n` +
        `${MARVEJOLS};la-poste;La Poste;la-poste\r\n` +
        `${AMBRIERES};la-poste;La Poste;la-poste\r\n`,
    );
    const imported = await cli(env, 'carriers', 'import', good);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /3 rows read: 3 sites changed their carrier, 0 kept it; 1 carriers created \(la-poste\)/);
    const again = await importCarriers(server.db, readFileSync(good, 'utf8'), { role: 'cli', label: 'again' });
    assert.deepEqual(again, { rows: 3, carriersCreated: [], sitesChanged: 0, sitesUnchanged: 3 });
    const [entry] = await history(MARVEJOLS);
    assert.equal((await history(MARVEJOLS)).length, 1, 'importing the same file again writes no history');
    assert.deepEqual(
      { role: entry!.access_role, label: entry!.access_label, action: entry!.action, after: JSON.parse(entry!.after!) },
      { role: 'cli', label: 'import carriers.csv', action: 'create', after: { id: 'la-poste', name: 'La Poste', kind: 'la-poste' } },
    );
  });

  test('the admin routes: a new carrier, a site’s carrier set, changed and removed, each in the history', async () => {
    const created = await call('POST', '/api/v1/admin/carriers', admin, { id: 'msa-languedoc', name: 'MSA du Languedoc', kind: 'msa' });
    assert.equal(created.status, 201, await created.clone().text());
    assert.equal((await created.json()).kind, 'msa');
    await expectProblem(await call('POST', '/api/v1/admin/carriers', admin, { id: 'msa-languedoc', name: 'X', kind: 'msa' }), 409);
    await expectProblem(await call('POST', '/api/v1/admin/carriers', admin, { id: 'MSA', name: 'X', kind: 'msa' }), 400, 'id');
    await expectProblem(await call('POST', '/api/v1/admin/carriers', admin, { id: 'x', name: '   ', kind: 'msa' }), 400, 'name');
    await expectProblem(await call('POST', '/api/v1/admin/carriers', admin, { id: 'x', name: 'X', kind: 'mairie' }), 400);
    await expectProblem(await call('POST', '/api/v1/admin/carriers', observers.network, { id: 'y', name: 'Y', kind: 'msa' }), 403);

    const put = (site: string, carrier_id: string | null) => call('PUT', `/api/v1/admin/sites/${site}/carrier`, admin, { carrier_id });
    const set = await json<SiteCarrier>(await put(MARVEJOLS, 'msa-languedoc'));
    assert.equal(set.carrier?.id, 'msa-languedoc');
    assert.equal(set.set_by, 'carriers admin');
    await expectProblem(await put(MARVEJOLS, 'nobody'), 422, 'carrier_id');
    await expectProblem(await put('999999', 'msa-languedoc'), 404);
    await expectProblem(await call('PUT', `/api/v1/admin/sites/${MARVEJOLS}/carrier`, admin, {}), 400);

    // Published as a fact on the site's public record, until removed (then the guess is back).
    const published = await json<Site>(await server.get(`/api/v1/sites/${MARVEJOLS}`));
    assert.deepEqual([published.carrier, published.carrier_inferred], ['msa', false]);
    const removed = await json<SiteCarrier>(await put(MARVEJOLS, null));
    assert.equal(removed.carrier, null);
    const guessed = await json<Site>(await server.get(`/api/v1/sites/${MARVEJOLS}`));
    assert.equal(guessed.carrier_inferred, true);
    const actions = (await history(MARVEJOLS)).map((h) => [h.action, h.access_role, h.entity_id]);
    assert.deepEqual(actions, [
      ['create', 'cli', 'la-poste'],
      ['update', 'admin', 'msa-languedoc'],
      ['delete', 'admin', 'msa-languedoc'],
    ]);
  });

  test('the carriers of a scope, for its observers; a guess is never counted', async () => {
    const carriers = (token: string, query = '') => call('GET', `/api/v1/observatory/carriers${query}`, token);
    const lozere = await json<ObservatoryCarriers>(await carriers(observers.departement!));
    assert.equal(lozere.scope.label, 'Lozère (48)');
    assert.deepEqual(
      lozere.items.map((c) => [c.id, c.sites]),
      [['cc-coeur-lozere', 1]],
    );
    assert.equal(lozere.unset.sites, lozere.scope.sites - 1);
    const lozereGuesses = await server.db
      .selectFrom('sites')
      .select('id')
      .where('department', '=', '48')
      .where('carrier', 'is not', null)
      .where('id', '!=', MENDE)
      .execute();
    assert.equal(lozere.unset.guessed, lozereGuesses.length);

    const network = await json<ObservatoryCarriers>(await carriers(observers.network!));
    assert.deepEqual(
      network.items.map((c) => [c.id, c.sites]),
      [
        ['cc-coeur-lozere', 1],
        ['la-poste', 1],
        ['msa-languedoc', 0],
      ],
    );
    assert.equal(network.scope.departments, null);
    const laPoste = await json<ObservatoryCarriers>(await carriers(observers.network!, '?carrier=la-poste'));
    assert.deepEqual(laPoste.scope.departments, ['53']);
    assert.equal(laPoste.scope.sites, 1);
    const own = await json<ObservatoryCarriers>(await carriers(observers.carrier!));
    assert.deepEqual([own.scope.kind, own.scope.carrier, own.scope.sites], ['carrier', 'cc-coeur-lozere', 1]);
    await expectProblem(await carriers(observers.departement!, '?departement=53'), 403);
    await expectProblem(await carriers(observers.network!, '?departement=99'), 404);
    await expectProblem(await carriers(observers.network!, '?departement=4'), 400, 'departement');
  });

  test('activity figures: an observer reads those of the sites its scope holds, the network observer the network’s', async () => {
    const stats = (token: string, query = '') => call('GET', `/api/v1/stats/activity${query}`, token);
    assert.equal((await stats(observers.departement!, `?site=${MENDE}`)).status, 200);
    assert.equal((await stats(observers.departement!, `?site=${AMBRIERES}`)).status, 403);
    assert.equal((await stats(observers.departement!)).status, 403);
    assert.equal((await stats(observers.carrier!, `?site=${MENDE}`)).status, 200);
    assert.equal((await stats(observers.carrier!, `?site=${MARVEJOLS}`)).status, 403);
    assert.equal((await stats(observers.network!, `?site=${AMBRIERES}`)).status, 200);
    assert.equal((await stats(observers.network!)).status, 200);
    // Read-only: no act recorded for a site, even one of the scope.
    const act = await call('POST', '/api/v1/acts', observers.departement, { site_id: MENDE });
    await expectProblem(act, 403);
  });
});
