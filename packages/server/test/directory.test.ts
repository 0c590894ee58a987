import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DIRECTORY_THEMES,
  PARTNERS,
  type Directory,
  type LocalPartner,
  type LocalPartnerCreate,
  type Permanence,
  type PermanenceCreate,
  type SitePartners,
} from '@fs-widgets/contract';
import { createToken, revokeToken } from '../src/auth/tokens.js';
import { dataInclusionValues, DIRECTORY_DIR, DirectoryError, loadDirectory, localScope } from '../src/directory/catalogue.js';
import { expectProblem, json, makeTempDir, removeTempDir, startTestServer, type TestServer } from './test-server.js';

let keys = 0;
const newKey = () => `directory-key-${process.pid}-${Date.now().toString(36)}-${keys++}`;

/** Where the catalogue's links may point: official sites only (the State, the partners). */
const OFFICIAL_HOSTS =
  /(^|\.)(service-public\.fr|gouv\.fr|ants\.gouv\.fr|impots\.gouv\.fr|caf\.fr|ameli\.fr|lassuranceretraite\.fr|info-retraite\.fr|francetravail\.fr|msa\.fr|laposte\.fr|labanquepostale\.fr|labanquepostale\.com|cleiss\.fr|justice\.fr|franceconnect\.gouv\.fr|legifrance\.gouv\.fr|mesdroitssociaux\.gouv\.fr|monparcourshandicap\.gouv\.fr|retraite\.com|agirc-arrco\.fr|france-identite\.gouv\.fr|laposte\.fr)$/;

describe('partner directory: the catalogue', () => {
  const directory = loadDirectory();

  test('the catalogue passes the contract’s schemas and its own references', () => {
    assert.ok(directory.demarches.length >= 60, `${directory.demarches.length} démarches`);
    assert.deepEqual(directory.partners.map((p) => p.id).sort(), PARTNERS.filter((p) => p !== 'local').sort());
    assert.deepEqual(
      directory.themes.map((t) => t.id),
      [...DIRECTORY_THEMES],
    );
  });

  test('every national partner handles at least four démarches, every theme has at least two', () => {
    for (const partner of directory.partners) {
      const count = directory.demarches.filter((d) => d.partners.includes(partner.id)).length;
      assert.ok(count >= 4, `${partner.id}: ${count} démarches`);
    }
    for (const theme of directory.themes) {
      const count = directory.demarches.filter((d) => d.theme === theme.id).length;
      assert.ok(count >= 2, `${theme.id}: ${count} démarches`);
    }
  });

  test('every link points at an official site, every entry cites its source', () => {
    const links = [
      ...directory.partners.flatMap((p) => [p.website, p.source, ...p.online_services.map((s) => s.url)]),
      ...directory.demarches.flatMap((d) => [d.source, ...(d.online ? [d.online.url] : [])]),
    ];
    for (const link of links) {
      const url = new URL(link);
      assert.equal(url.protocol, 'https:', link);
      assert.match(url.hostname, OFFICIAL_HOSTS, link);
    }
    // service-public.fr pages are cited by their fiche number (F…, N…), not by a search.
    for (const demarche of directory.demarches) {
      const url = new URL(demarche.source);
      if (url.hostname.endsWith('service-public.fr'))
        assert.match(url.pathname, /\/(vosdroits|particuliers\/vosdroits)\/[FNR]\d+$/, demarche.source);
    }
  });

  test('themes and démarches use the national data·inclusion thématiques', () => {
    const referential = dataInclusionValues('thematiques');
    const used = new Set([...directory.themes.flatMap((t) => t.thematiques), ...directory.demarches.flatMap((d) => d.thematiques)]);
    assert.ok(used.size >= 10, `${used.size} thématiques used`);
    for (const value of used) assert.ok(referential.has(value), value);
  });

  test('a broken catalogue is refused with the file, the entry and the reason', () => {
    const dir = makeTempDir();
    try {
      const copy = () => cpSync(DIRECTORY_DIR, dir, { recursive: true });
      const edit = (file: string, change: (data: any) => void) => {
        const data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
        change(data);
        writeFileSync(join(dir, file), JSON.stringify(data));
      };
      const refused = (pattern: RegExp) =>
        assert.throws(
          () => loadDirectory(`${dir}/`),
          (e: unknown) => e instanceof DirectoryError && pattern.test(e.message),
        );

      copy();
      edit('demarches.json', (d) => (d.demarches[0].partners = ['pole-emploi']));
      refused(/demarches\.json: démarche [a-z0-9-]+: \/partners\/0/);

      copy();
      edit('demarches.json', (d) => (d.demarches[1].id = d.demarches[0].id));
      refused(/listed twice/);

      copy();
      edit('demarches.json', (d) => (d.demarches[0].thematiques = ['famille--garde-des-chats']));
      refused(/famille--garde-des-chats is not a data·inclusion thématique/);

      copy();
      edit('partners.json', (p) =>
        p.splice(
          p.findIndex((x: { id: string }) => x.id === 'msa'),
          1,
        ),
      );
      refused(/the national partner msa is missing/);

      copy();
      edit('demarches.json', (d) => (d.demarches[0].source = 'http://example.com/page'));
      refused(/\/source/);

      copy();
      writeFileSync(join(dir, 'themes.json'), '[{');
      refused(/themes\.json: .*JSON/);
    } finally {
      removeTempDir(dir);
    }
  });
});

describe('partner directory: national sources', () => {
  const read = (file: string) => JSON.parse(readFileSync(join(DIRECTORY_DIR, file), 'utf8'));

  test('local and regional pages are recognised, national ones are not', () => {
    const local = [
      'https://vaucluse.gouv.fr/Demarches/Immigration/Demarches-et-reglementation/Deposer-une-demande-en-ligne-via-l-ANEF',
      'https://www.haute-savoie.gouv.fr/demarches',
      'https://www.nord.pref.gouv.fr/etrangers',
      'https://www.prefectures-regions.gouv.fr/bretagne/demarches',
      'https://portesdebretagne.msa.fr/lfp/web/msa-des-portes-de-bretagne/ma-famille-mes-droits',
      'https://armorique.msa.fr/lfy/famille',
      'https://caf.fr/allocataires/caf-du-val-d-oise/actualites-departementales/pension-alimentaire-la-caf-comme-intermediaire',
      'https://www.caf.fr/allocataires/caf-de-la-haute-savoie/actualites-departementales/votre-situation-personnelle-change',
      'https://www.caf.fr/allocataires/caf-des-yvelines/offre-de-service',
      'https://www.ameli.fr/bas-rhin/assure/remboursements',
      'https://www.carsat-bretagne.fr/home/retraites.html',
      'https://cdad-cotedor.justice.fr/aide-juridictionelle',
      'https://www.francetravail.fr/region/bretagne/candidat.html',
      'https://lannuaire.service-public.fr/auvergne-rhone-alpes/haute-savoie/caf-74010-01',
    ];
    for (const link of local) assert.ok(localScope(link), `${link} should be recognised as local or regional`);
    const national = [
      'https://www.service-public.fr/particuliers/vosdroits/F1367',
      'https://www.msa.fr/lfp/retraite',
      'https://msa.fr/lfp/famille',
      'https://www.caf.fr/allocataires/aides-et-demarches/droits-et-prestations/logement',
      'https://www.pension-alimentaire.caf.fr',
      'https://www.ameli.fr/assure/droits-demarches',
      'https://www.interieur.gouv.fr',
      'https://administration-etrangers-en-france.interieur.gouv.fr',
      'https://www.impots.gouv.fr/particulier/questions/comment-creer-votre-espace-particulier',
      'https://franceconnect.gouv.fr',
      'https://www.justice.fr/acces-droit',
      'https://www.francetravail.fr/candidat/mes-droits-aux-aides-et-allocations.html',
    ];
    for (const link of national) assert.equal(localScope(link), null, link);
  });

  test('the catalogue cites national pages: a local or regional one only with the reason in source_scope_note', () => {
    const found: string[] = [];
    for (const partner of read('partners.json') as Directory['partners']) {
      for (const link of [partner.website, partner.source, ...partner.online_services.map((s) => s.url)]) {
        const scope = localScope(link);
        if (scope) found.push(`partner ${partner.id}: ${link} (${scope})`);
      }
    }
    for (const demarche of (read('demarches.json') as { demarches: Directory['demarches'] }).demarches) {
      for (const link of [demarche.source, ...(demarche.online ? [demarche.online.url] : [])]) {
        const scope = localScope(link);
        if (scope && !demarche.source_scope_note) found.push(`démarche ${demarche.id}: ${link} (${scope})`);
      }
    }
    assert.deepEqual(found, [], `local or regional pages cited for national entries:\n${found.join('\n')}`);
  });

  test('the server refuses a regional source without a reason, and takes it with one', () => {
    const dir = makeTempDir();
    try {
      cpSync(DIRECTORY_DIR, dir, { recursive: true });
      const edit = (file: string, change: (data: any) => void) => {
        const data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
        change(data);
        writeFileSync(join(dir, file), JSON.stringify(data));
      };
      const regional = 'https://armorique.msa.fr/lfy/demenagement-naissance-perte-d-un-proche-ou-separation';
      edit('demarches.json', (d) => (d.demarches[0].source = regional));
      assert.throws(
        () => loadDirectory(`${dir}/`),
        (e: unknown) =>
          e instanceof DirectoryError && /demarches\.json: démarche [a-z0-9-]+: .*regional MSA.*source_scope_note/.test(e.message),
      );
      edit('demarches.json', (d) => (d.demarches[0].source_scope_note = 'Seule la caisse d’Armorique publie ce dispositif expérimental.'));
      assert.equal(loadDirectory(`${dir}/`).demarches[0]!.source, regional);
      edit('demarches.json', (d) => (d.demarches[0].source_scope_note = 'court'));
      assert.throws(
        () => loadDirectory(`${dir}/`),
        (e: unknown) => e instanceof DirectoryError && /source_scope_note/.test(e.message),
      );

      cpSync(DIRECTORY_DIR, dir, { recursive: true });
      edit(
        'partners.json',
        (p) => (p.find((x: { id: string }) => x.id === 'caf').source = 'https://www.caf.fr/allocataires/caf-du-val-d-oise/offre'),
      );
      assert.throws(
        () => loadDirectory(`${dir}/`),
        (e: unknown) => e instanceof DirectoryError && /partners\.json: partner caf: .*departmental CAF/.test(e.message),
      );
    } finally {
      removeTempDir(dir);
    }
  });
});

type Who = 'anonymous' | 'agent' | 'otherAgent' | 'revoked' | 'expired' | 'admin';

describe('partner directory: API', () => {
  let server: TestServer;
  const tokens = {} as Record<Exclude<Who, 'anonymous'>, string>;
  const SITE = '2983'; // Mende (Lozère)

  const send = (method: string, path: string, who: Who, body?: unknown) =>
    server.get(`/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(who === 'anonymous' ? {} : { authorization: `Bearer ${tokens[who]}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const localPartner = (fields: Partial<LocalPartnerCreate> = {}): LocalPartnerCreate => ({
    key: newKey(),
    name: 'Mission locale Lozère',
    description: 'Accompagne les jeunes de 16 à 25 ans : emploi, formation, logement, santé.',
    thematiques: ['trouver-un-emploi--repondre-a-des-offres-demploi'],
    phone: '04 66 00 00 00',
    website: 'https://www.example.org/mission-locale',
    ...fields,
  });

  before(async () => {
    server = await startTestServer();
    const make = async (siteId: string | undefined, label: string) =>
      (await createToken(server.db, { role: siteId ? 'agent' : 'admin', siteId, label, expiresAt: new Date(Date.now() + 86_400_000) }))
        .token;
    tokens.agent = await make(SITE, 'accueil Mende');
    tokens.otherAgent = await make('271', 'accueil Marvejols');
    tokens.revoked = await make(SITE, 'ancienne tablette');
    tokens.expired = await make(SITE, 'stagiaire');
    tokens.admin = await make(undefined, 'national');
    await revokeToken(server.db, tokens.revoked.slice(4, 16));
    await server.db
      .updateTable('tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('label', '=', 'stagiaire')
      .execute();
  });

  after(async () => {
    await server?.close();
  });

  test('GET /directory answers the catalogue, cacheable with an ETag', async () => {
    const res = await server.get('/api/v1/directory');
    const directory = await json<Directory>(res);
    assert.ok(directory.demarches.length >= 60);
    assert.match(res.headers.get('cache-control') ?? '', /public/);
    const etag = res.headers.get('etag')!;
    assert.ok(etag);
    const again = await server.get('/api/v1/directory', { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
  });

  test('a site without local partners: the nine national partners, nothing else', async () => {
    const partners = await json<SitePartners>(await server.get('/api/v1/sites/3255/partners'));
    assert.deepEqual(partners, { site_id: '3255', national: PARTNERS.filter((p) => p !== 'local'), local: [], permanences: [] });
    await expectProblem(await server.get('/api/v1/sites/99999999/partners'), 404);
    await expectProblem(await server.get('/api/v1/sites/abc/partners'), 400, 'id');
  });

  test('who may write: the site’s agents and admins only', async () => {
    const expected: Record<Who, number> = { anonymous: 401, agent: 201, otherAgent: 403, revoked: 401, expired: 401, admin: 201 };
    for (const [who, status] of Object.entries(expected) as [Who, number][]) {
      const res = await send('POST', `/sites/${SITE}/local-partners`, who, localPartner({ name: `Partenaire ${who}` }));
      assert.equal(res.status, status, `${who}: ${await res.clone().text()}`);
      if (status >= 400) await expectProblem(res, status);
    }
    // The token is checked before the body: an anonymous request with a bad body is a 401, not a 400.
    assert.equal((await send('POST', `/sites/${SITE}/local-partners`, 'anonymous', { nonsense: true })).status, 401);

    const created = await json<LocalPartner>(await send('GET', `/sites/${SITE}/partners`, 'anonymous')).then(
      (p: any) => p.local[0] as LocalPartner,
    );
    for (const [method, body] of [
      ['PUT', localPartner()],
      ['DELETE', undefined],
    ] as const) {
      const { key: _key, ...input } = (body ?? {}) as LocalPartnerCreate;
      for (const who of ['anonymous', 'otherAgent', 'revoked', 'expired'] as Who[]) {
        const res = await send(method, `/sites/${SITE}/local-partners/${created.id}`, who, body === undefined ? undefined : input);
        await expectProblem(res, expected[who]);
      }
    }
    // Another site's agent cannot reach this site's partner through its own site either.
    const viaOtherSite = await send('DELETE', `/sites/271/local-partners/${created.id}`, 'otherAgent');
    await expectProblem(viaOtherSite, 404);
    assert.ok((await json<SitePartners>(await send('GET', `/sites/${SITE}/partners`, 'anonymous'))).local.some((p) => p.id === created.id));
  });

  test('local partners: create once per key, edit, remove with their permanences', async () => {
    const input = localPartner({
      name: 'Conciliateur de justice',
      description: 'Joindre Mme Martin au 06 12 34 56 78 ou martin@example.org',
    });
    const first = await send('POST', `/sites/${SITE}/local-partners`, 'agent', input);
    assert.equal(first.status, 201);
    const partner = (await first.json()) as LocalPartner;
    // Personal contacts written in free text never reach the public answer.
    assert.doesNotMatch(partner.description ?? '', /06 12|martin@/);

    const retry = await send('POST', `/sites/${SITE}/local-partners`, 'agent', input);
    assert.equal(retry.status, 200);
    assert.equal(((await retry.json()) as LocalPartner).id, partner.id);
    await expectProblem(await send('POST', `/sites/${SITE}/local-partners`, 'agent', { ...input, name: 'Autre' }), 409, 'key');

    const { key: _key, ...edit } = localPartner({ name: 'Conciliateur de justice du canton', phone: null });
    const edited = await json<LocalPartner>(await send('PUT', `/sites/${SITE}/local-partners/${partner.id}`, 'agent', edit));
    assert.equal(edited.name, 'Conciliateur de justice du canton');
    assert.equal(edited.phone, null);

    const permanence = await send('POST', `/sites/${SITE}/permanences`, 'agent', {
      key: newKey(),
      local_partner_id: partner.id,
      recurrence: { freq: 'appointment' },
      by_appointment: true,
    } satisfies PermanenceCreate);
    assert.equal(permanence.status, 201, await permanence.clone().text());
    assert.equal((await send('DELETE', `/sites/${SITE}/local-partners/${partner.id}`, 'agent')).status, 204);
    const after = await json<SitePartners>(await send('GET', `/sites/${SITE}/partners`, 'anonymous'));
    assert.ok(!after.local.some((p) => p.id === partner.id));
    assert.ok(!after.permanences.some((p) => p.local_partner_id === partner.id), 'its permanences went with it');
    await expectProblem(await send('DELETE', `/sites/${SITE}/local-partners/${partner.id}`, 'agent'), 404);
  });

  test('permanences: the next dates skip public holidays, the rule is kept structured', async () => {
    const partner = (await (
      await send('POST', `/sites/${SITE}/local-partners`, 'agent', localPartner({ name: 'CCAS de Mende' }))
    ).json()) as LocalPartner;
    // Every Friday from Friday 18 December 2026 to 8 January 2027: Christmas and New Year's Day are skipped.
    const res = await send('POST', `/sites/${SITE}/permanences`, 'agent', {
      key: newKey(),
      local_partner_id: partner.id,
      recurrence: { freq: 'weekly', days: ['fr'], interval: 1 },
      opens: '09:00',
      closes: '12:00',
      by_appointment: false,
      starts_on: '2026-12-18',
      ends_on: '2027-01-08',
      note: 'Salle du conseil',
    } satisfies PermanenceCreate);
    assert.equal(res.status, 201, await res.clone().text());
    const weekly = (await res.json()) as Permanence;
    const today = new Date().toISOString().slice(0, 10);
    const expected = ['2026-12-18', '2027-01-08'].filter((d) => d >= today);
    assert.deepEqual(
      weekly.next.map((d) => d.date),
      expected,
    );
    assert.deepEqual(weekly.recurrence, { freq: 'weekly', days: ['fr'], interval: 1 });
    // Bounded in time: written with its dates, from the start of the ISO year it is written in at the earliest.
    assert.equal(
      weekly.opening_hours,
      today <= '2027-01-03'
        ? '2026 Dec 18-2027 Jan 08 Fr 09:00-12:00; PH off'
        : today <= '2028-01-02'
          ? '2027 Jan 04-2027 Jan 08 Fr 09:00-12:00; PH off'
          : null,
    );

    // The CAF's own permanence, on the second and last Tuesday of each month.
    const caf = await send('POST', `/sites/${SITE}/permanences`, 'agent', {
      key: newKey(),
      partner: 'caf',
      recurrence: { freq: 'monthly', day: 'tu', nth: [2, -1] },
      opens: '13:30',
      closes: '16:30',
      by_appointment: true,
    } satisfies PermanenceCreate);
    assert.equal(caf.status, 201, await caf.clone().text());
    const monthly = (await caf.json()) as Permanence;
    assert.equal(monthly.opening_hours, 'Tu[2,-1] 13:30-16:30; PH off');
    assert.equal(monthly.next.length, 3);
    for (const date of monthly.next) {
      assert.equal(new Date(`${date.date}T12:00:00Z`).getUTCDay(), 2, `${date.date} is a Tuesday`);
      const day = Number(date.date.slice(8));
      const daysInMonth = new Date(Date.UTC(Number(date.date.slice(0, 4)), Number(date.date.slice(5, 7)), 0)).getUTCDate();
      assert.ok((day >= 8 && day <= 14) || day + 7 > daysInMonth, `${date.date} is a 2nd or last Tuesday`);
    }

    const site = await json<SitePartners>(await send('GET', `/sites/${SITE}/partners`, 'anonymous'));
    const withDates = site.permanences.filter((p) => p.next.length > 0).map((p) => p.next[0]!.date);
    assert.deepEqual(withDates, [...withDates].sort(), 'sorted by next date');
  });

  test('permanences refuse what cannot give dates, naming the field', async () => {
    const base = { key: newKey(), partner: 'caf', by_appointment: false, opens: '09:00', closes: '12:00' } as const;
    const post = (body: object) => send('POST', `/sites/${SITE}/permanences`, 'agent', body);
    await expectProblem(
      await post({ ...base, key: newKey(), recurrence: { freq: 'weekly', days: ['mo'], interval: 2 } }),
      400,
      'starts_on',
    );
    await expectProblem(
      await post({ ...base, key: newKey(), closes: '08:00', recurrence: { freq: 'weekly', days: ['mo'], interval: 1 } }),
      400,
      'closes',
    );
    await expectProblem(await post({ ...base, key: newKey(), recurrence: { freq: 'monthly', day: 'mo', nth: [6] } }), 400);
    await expectProblem(
      await post({ ...base, key: newKey(), recurrence: { freq: 'appointment' }, opens: null, closes: null }),
      400,
      'by_appointment',
    );
    await expectProblem(await post({ key: newKey(), recurrence: { freq: 'appointment' }, by_appointment: true }), 400, 'partner');
    await expectProblem(
      await post({ key: newKey(), partner: 'caf', local_partner_id: 'abc', recurrence: { freq: 'appointment' }, by_appointment: true }),
      400,
      'local_partner_id',
    );
    const otherSitePartner = (await (
      await send('POST', '/sites/271/local-partners', 'otherAgent', localPartner({ name: 'Mission locale de Marvejols' }))
    ).json()) as LocalPartner;
    await expectProblem(
      await post({ key: newKey(), local_partner_id: otherSitePartner.id, recurrence: { freq: 'appointment' }, by_appointment: true }),
      422,
      'local_partner_id',
    );
    await expectProblem(await post({ ...base, key: newKey(), recurrence: { freq: 'weekly', days: ['xx'], interval: 1 } }), 400);
    await expectProblem(
      await send('POST', `/sites/${SITE}/local-partners`, 'agent', localPartner({ thematiques: ['famille--garde-des-chats'] })),
      400,
      'thematiques.0',
    );
  });

  test('the agents’ writes are open to any embedding origin (CORS preflight)', async () => {
    const res = await server.get(`/api/v1/sites/${SITE}/permanences/abc`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://intranet.mairie.example',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    assert.equal(res.status, 204);
    assert.match(res.headers.get('access-control-allow-methods') ?? '', /PUT/);
    assert.match(res.headers.get('access-control-allow-methods') ?? '', /DELETE/);
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /authorization/);
  });
});
