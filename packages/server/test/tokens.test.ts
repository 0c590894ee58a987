import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { FeedbackInput } from '@fs-widgets/contract';
import { csvField } from '../src/feedback/feedback-csv.js';
import { cli, expectProblem, startTestServer, type CliResult, type TestServer } from './test-server.js';

const TOKEN = /^fsw_([0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/m;

/** The token printed by `token create`, and its id. */
function printedToken(result: CliResult): { token: string; id: string; secret: string } {
  assert.equal(result.code, 0, result.stderr);
  const m = TOKEN.exec(result.stdout);
  assert.ok(m, `no token in:\n${result.stdout}`);
  return { token: m[0], id: m[1]!, secret: m[2]! };
}

describe('tokens: the command line, and the CSV export of a site’s answers', () => {
  let server: TestServer;
  let dbEnv: Record<string, string>;
  const tokens: Record<'mende' | 'marvejols' | 'admin' | 'revoked' | 'expired', { token: string; id: string; secret: string }> =
    {} as never;

  before(async () => {
    server = await startTestServer();
    dbEnv = server.databaseEnv;
  });

  after(async () => {
    await server?.close();
  });

  const exportCsv = (site: string, authorization?: string, query = '') =>
    server.get(`/api/v1/sites/${site}/feedback.csv${query}`, authorization ? { headers: { Authorization: authorization } } : {});

  const post = async (body: FeedbackInput) => {
    const res = await server.get('/api/v1/feedback', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(res.status, 201, await res.text());
  };

  test('token create prints the token once and stores only the hash of its secret', async () => {
    const [mende, marvejols, admin, revoked, expired] = await Promise.all([
      cli(dbEnv, 'token', 'create', '--site', '2983', '--label', 'accueil', '--expires', '2099-12-31'),
      cli(dbEnv, 'token', 'create', '--site', '271', '--label', 'accueil Marvejols'),
      cli(dbEnv, 'token', 'create', '--admin', '--label', 'national'),
      cli(dbEnv, 'token', 'create', '--site', '2983', '--label', 'ancienne tablette'),
      cli(
        dbEnv,
        'token',
        'create',
        '--site',
        '2983',
        '--label',
        'stagiaire',
        '--expires',
        new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10),
      ),
    ]);
    Object.assign(tokens, {
      mende: printedToken(mende),
      marvejols: printedToken(marvejols),
      admin: printedToken(admin),
      revoked: printedToken(revoked),
      expired: printedToken(expired),
    });
    assert.match(mende.stdout, /site 2983 \(France services de Mende\)/);
    assert.match(mende.stdout, /refused from 2100-01-01T00:00:00\.000Z/);
    assert.match(mende.stdout, /cannot be shown again/);
    assert.match(admin.stdout, /every site \(admin\)/);
    assert.equal(mende.stdout.split(tokens.mende.secret).length, 2, 'the secret is printed once');

    const rows = await server.db.selectFrom('tokens').selectAll().execute();
    assert.equal(rows.length, 5);
    const mendeRow = rows.find((r) => r.id === tokens.mende.id)!;
    assert.deepEqual(
      {
        role: mendeRow.role,
        site_id: mendeRow.site_id,
        label: mendeRow.label,
        expires_at: mendeRow.expires_at,
        revoked_at: mendeRow.revoked_at,
      },
      { role: 'agent', site_id: '2983', label: 'accueil', expires_at: '2100-01-01T00:00:00.000Z', revoked_at: null },
    );
    assert.equal(mendeRow.secret_hash, createHash('sha256').update(tokens.mende.secret).digest('hex'));
    const adminRow = rows.find((r) => r.id === tokens.admin.id)!;
    assert.equal(adminRow.role, 'admin');
    assert.equal(adminRow.site_id, null);
    // No column of any row holds a secret.
    const dump = JSON.stringify(rows);
    for (const t of Object.values(tokens)) assert.ok(!dump.includes(t.secret));
    // 256 random bits each: all different.
    assert.equal(new Set(Object.values(tokens).map((t) => t.secret)).size, 5);
  });

  test('token create refuses an unknown site, a missing label, a past or impossible expiry, --site with --admin', async () => {
    const results = await Promise.all([
      cli(dbEnv, 'token', 'create', '--site', '999999', '--label', 'x'),
      cli(dbEnv, 'token', 'create', '--site', '2983'),
      cli(dbEnv, 'token', 'create', '--site', '2983', '--label', 'x', '--expires', '2020-01-01'),
      cli(dbEnv, 'token', 'create', '--site', '2983', '--label', 'x', '--expires', '2027-02-30'),
      cli(dbEnv, 'token', 'create', '--site', '2983', '--admin', '--label', 'x'),
      cli(dbEnv, 'token', 'create', '--label', 'x'),
    ]);
    const messages = [
      /no France services site has the id 999999/,
      /--label/,
      /--expires must be in the future/,
      /--expires must be a date/,
      /--admin or --site, not both/,
      /--site ID .* or --admin/,
    ];
    results.forEach((result, i) => {
      assert.equal(result.code, 2, result.stdout + result.stderr);
      assert.match(result.stderr, messages[i]!);
      assert.doesNotMatch(result.stdout, /fsw_/);
    });
    const count = await server.db
      .selectFrom('tokens')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 5, 'nothing created');
  });

  test('token revoke, then token list shows every token without its secret', async () => {
    const revoked = await cli(dbEnv, 'token', 'revoke', tokens.revoked.id);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, new RegExp(`Token ${tokens.revoked.id} revoked`));
    const [again, unknown, list] = await Promise.all([
      cli(dbEnv, 'token', 'revoke', tokens.revoked.id),
      cli(dbEnv, 'token', 'revoke', '000000000000'),
      cli(dbEnv, 'token', 'list'),
    ]);
    assert.match(again.stdout, /already revoked/);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no token has the id 000000000000/);
    assert.equal(list.code, 0, list.stderr);
    const lines = list.stdout.trim().split('\n');
    assert.equal(lines.length, 5);
    const line = (id: string) => lines.find((l) => l.startsWith(id)) ?? assert.fail(`${id} not listed`);
    assert.match(
      line(tokens.mende.id),
      /^\w+ {2}agent {2}2983 {2}"accueil" {2}created \S+ {2}expires 2100-01-01T00:00:00\.000Z {2}last used never {2}active$/,
    );
    assert.match(line(tokens.admin.id), /admin {2}\* {2}"national"/);
    assert.match(line(tokens.revoked.id), /revoked \d{4}-/);
    for (const t of Object.values(tokens)) assert.ok(!list.stdout.includes(t.secret));
  });

  test('the export answers by token: anonymous 401, this site 200, another site 403, revoked 401, expired 401, admin 200, malformed 401', async () => {
    await server.db
      .updateTable('tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', tokens.expired.id)
      .execute();
    const bearer = (t: { token: string }) => `Bearer ${t.token}`;

    const anonymous = await expectProblem(await exportCsv('2983'), 401);
    assert.equal(anonymous.type, 'https://fs-widgets.dev/problems/unauthorized');
    assert.match(anonymous.detail ?? '', /Authorization: Bearer/);

    const agent = await exportCsv('2983', bearer(tokens.mende));
    assert.equal(agent.status, 200, await agent.clone().text());
    assert.equal(agent.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(agent.headers.get('cache-control'), 'no-store');
    assert.equal(agent.headers.get('etag'), null);
    assert.equal(agent.headers.get('content-disposition'), 'attachment; filename="avis-2983.csv"');
    assert.equal(await agent.text(), 'answered_at,channel,rating,resolved,comment\r\n');

    const otherSite = await expectProblem(await exportCsv('2983', bearer(tokens.marvejols)), 403);
    assert.equal(otherSite.type, 'https://fs-widgets.dev/problems/forbidden');
    assert.equal((await exportCsv('271', bearer(tokens.marvejols))).status, 200);

    const revoked = await expectProblem(await exportCsv('2983', bearer(tokens.revoked)), 401);
    assert.match(revoked.detail ?? '', /revoked/);
    const expired = await expectProblem(await exportCsv('2983', bearer(tokens.expired)), 401);
    assert.match(expired.detail ?? '', /expired/);

    const admin = await exportCsv('2983', bearer(tokens.admin));
    assert.equal(admin.status, 200);
    assert.equal((await exportCsv('271', bearer(tokens.admin))).status, 200);
    // The admin learns that a site does not exist; an agent of another site does not get that far.
    await expectProblem(await exportCsv('999999', bearer(tokens.admin)), 404);
    await expectProblem(await exportCsv('999999', bearer(tokens.mende)), 403);

    const wrongSecret = `Bearer fsw_${tokens.mende.id}.${tokens.admin.secret}`;
    const unknownId = `Bearer fsw_000000000000.${tokens.mende.secret}`;
    const [wrong, unknown] = [
      await expectProblem(await exportCsv('2983', wrongSecret), 401),
      await expectProblem(await exportCsv('2983', unknownId), 401),
    ];
    assert.equal(wrong.detail, unknown.detail, 'a wrong secret and an unknown id get the same answer');
    for (const malformed of [
      'Bearer',
      `Basic ${Buffer.from('agent:secret').toString('base64')}`,
      'Bearer fsw_123',
      `Bearer ${tokens.mende.token}x`,
      `Token ${tokens.mende.token}`,
      tokens.mende.token,
    ]) {
      const problem = await expectProblem(await exportCsv('2983', malformed), 401);
      assert.match(problem.detail ?? '', /Bearer fsw_<id>\.<secret>/, malformed);
    }
    const challenge = (await exportCsv('2983')).headers.get('www-authenticate');
    assert.match(challenge ?? '', /^Bearer /);

    // The last use is noted (for token list), the unused tokens stay "never".
    const used = await server.db.selectFrom('tokens').select(['id', 'last_used_at']).execute();
    assert.ok(used.find((t) => t.id === tokens.mende.id)!.last_used_at);
    assert.equal(used.find((t) => t.id === tokens.revoked.id)!.last_used_at, null);
  });

  test('the CSV holds the site’s answers only, quoted where needed and safe from formulas', async () => {
    const now = Date.now();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    const comments = [
      'Bien accueillie, merci',
      'Il a dit "revenez demain"',
      'Première ligne\nseconde ligne',
      '=HYPERLINK("https://evil.example","cliquez")',
      '+ de 2 h d’attente',
      '-1 pour le parking',
      '@mairie à prévenir',
      'Simple',
    ];
    let i = 0;
    for (const comment of comments) {
      await post({
        key: `csv-test-key-${i}-${now}`,
        site_id: '2983',
        rating: 'satisfied',
        channel: 'kiosk',
        answered_at: at(60 - i++),
        comment,
        resolved: 'partly',
      });
    }
    await post({ key: `csv-test-key-none-${now}`, site_id: '2983', rating: 'very-dissatisfied', channel: 'phone', answered_at: at(1) });
    await post({
      key: `csv-test-key-other-${now}`,
      site_id: '271',
      rating: 'satisfied',
      channel: 'kiosk',
      answered_at: at(1),
      comment: 'Marvejols',
    });

    const res = await exportCsv('2983', `Bearer ${tokens.mende.token}`);
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.ok(text.startsWith('answered_at,channel,rating,resolved,comment\r\n'));
    assert.ok(text.includes(',"Bien accueillie, merci"\r\n'));
    assert.ok(text.includes(',"Il a dit ""revenez demain"""\r\n'));
    assert.ok(text.includes(',"Première ligne\nseconde ligne"\r\n'));
    assert.ok(text.includes(`,"'=HYPERLINK(""https://evil.example"",""cliquez"")"\r\n`));
    assert.ok(text.includes(',Simple\r\n'));

    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
    assert.deepEqual(
      rows.map((r) => r.comment),
      [...comments.map((c) => (/^[=+\-@]/.test(c) ? `'${c}` : c)), ''],
    );
    assert.deepEqual(rows[0], {
      answered_at: at(60),
      channel: 'kiosk',
      rating: 'satisfied',
      resolved: 'partly',
      comment: 'Bien accueillie, merci',
    });
    assert.deepEqual(rows.at(-1), { answered_at: at(1), channel: 'phone', rating: 'very-dissatisfied', resolved: '', comment: '' });
    assert.ok(!text.includes('Marvejols'), 'another site’s answers are not in it');
  });

  test('the CSV export by days: from and to are the site’s local days; a reversed range is a 400', async () => {
    const now = Date.now();
    const threeDaysAgo = new Date(now - 3 * 86_400_000);
    await post({
      key: `csv-days-key-${now}`,
      site_id: '271',
      rating: 'dissatisfied',
      channel: 'web',
      answered_at: threeDaysAgo.toISOString(),
    });
    const day = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
    const auth = `Bearer ${tokens.marvejols.token}`;
    const lines = async (query: string) => (await (await exportCsv('271', auth, query)).text()).trim().split('\r\n').slice(1);
    assert.equal((await lines('')).length, 2);
    assert.deepEqual(
      (await lines(`?from=${day(threeDaysAgo)}&to=${day(threeDaysAgo)}`)).map((l) => l.split(',')[2]),
      ['dissatisfied'],
    );
    assert.deepEqual(
      (await lines(`?from=${day(new Date(now))}`)).map((l) => l.split(',')[2]),
      ['satisfied'],
    );
    assert.deepEqual(await lines(`?to=${day(new Date(now - 10 * 86_400_000))}`), []);
    await expectProblem(await exportCsv('271', auth, '?from=2026-03-10&to=2026-03-01'), 400, 'from');
    await expectProblem(await exportCsv('271', auth, '?from=2026-13-01'), 400, 'from');
  });

  test('token create --manager: the site’s first manager, listed with its role, kept in the site’s history, who then makes agents', async () => {
    const made = await cli(dbEnv, 'token', 'create', '--site', '2983', '--manager', '--label', 'responsable Mende');
    const manager = printedToken(made);
    assert.match(made.stdout, /for the manager of site 2983 \(France services de Mende\), no expiry/);
    const list = await cli(dbEnv, 'token', 'list');
    assert.match(
      list.stdout,
      new RegExp(
        `^${manager.id} {2}manager {2}2983 {2}"responsable Mende" {2}created \\S+ {2}expires never {2}last used never {2}active$`,
        'm',
      ),
    );
    assert.ok(!list.stdout.includes(manager.secret));
    const bearer = { authorization: `Bearer ${manager.token}`, 'content-type': 'application/json' };

    const me = await server.get('/api/v1/sites/2983/access/me', { headers: bearer });
    assert.equal(me.status, 200, await me.clone().text());
    assert.equal(((await me.json()) as { role: string }).role, 'manager');
    const agent = await server.get('/api/v1/sites/2983/access', {
      method: 'POST',
      headers: bearer,
      body: JSON.stringify({ role: 'agent', label: 'tablette accueil' }),
    });
    assert.equal(agent.status, 201, await agent.clone().text());
    const created = (await agent.json()) as { access: { id: string; created_by: string } };
    assert.equal(created.access.created_by, 'responsable Mende');

    // Revoked on the command line: refused at the next request, and both changes are in the history.
    const revoked = await cli(dbEnv, 'token', 'revoke', created.access.id);
    assert.equal(revoked.code, 0, revoked.stderr);
    const history = await server.get('/api/v1/sites/2983/history', { headers: bearer });
    assert.equal(history.status, 200, await history.clone().text());
    const entries = (
      (await history.json()) as { items: { entity: string; action: string; entity_id: string; by: { role: string; label: string } }[] }
    ).items;
    const summary = entries.map((e) => `${e.action} ${e.entity_id} by ${e.by.role} ${e.by.label}`);
    assert.deepEqual(summary.slice(0, 3), [
      `revoke ${created.access.id} by cli serveur (ligne de commande)`,
      `create ${created.access.id} by manager responsable Mende`,
      `create ${manager.id} by cli serveur (ligne de commande)`,
    ]);
    const refused = await server.get('/api/v1/sites/2983/access', { headers: bearer });
    assert.equal(refused.status, 200);
    assert.equal(
      ((await refused.json()) as { items: { id: string; state: string }[] }).items.find((i) => i.id === created.access.id)?.state,
      'revoked',
    );
  });
});

describe('csvField', () => {
  test('quotes what must be, doubles quotes, and neutralises formulas', () => {
    assert.equal(csvField(null), '');
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('cr\rhere'), '"cr\rhere"');
    assert.equal(csvField('=1+1'), "'=1+1");
    assert.equal(csvField('+33'), "'+33");
    assert.equal(csvField('-2'), "'-2");
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField('\t=1'), "'\t=1");
    assert.equal(csvField('=A1,"x"'), `"'=A1,""x"""`);
    assert.equal(csvField('2026-03-01T10:00:00.000Z'), '2026-03-01T10:00:00.000Z');
  });
});
