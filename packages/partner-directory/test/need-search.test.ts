import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Directory, DirectoryDemarche } from '@fs-widgets/contract';
import { damerauLevenshtein as contractDistance, typosAllowed as contractTypos } from '@fs-widgets/contract/typos';
import { damerauLevenshtein, NeedSearch, normalize, typosAllowed, words } from '../src/search/need-search.js';

/** The real catalogue, as `GET /directory` serves it (packages/server/data/directory/). */
const DIR = new URL('../../server/data/directory/', import.meta.url);
const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, DIR), 'utf8'));
const { updated_on, demarches } = read('demarches.json') as { updated_on: string; demarches: Directory['demarches'] };
const directory: Directory = {
  updated_on,
  partners: read('partners.json') as Directory['partners'],
  themes: read('themes.json') as Directory['themes'],
  demarches,
};
const search = new NeedSearch(directory);

const top = (query: string, n = 1): DirectoryDemarche[] =>
  search
    .search(query)
    .demarches.slice(0, n)
    .map((hit) => hit.demarche);
const first = (query: string): DirectoryDemarche => {
  const found = top(query)[0];
  assert.ok(found, `"${query}" finds a démarche`);
  return found;
};
const describeHit = (d: DirectoryDemarche) => `${d.id} (${d.title})`;

describe('normalize and words', () => {
  test('drops accents and case, reads apostrophes, hyphens and punctuation as spaces', () => {
    assert.equal(normalize('Carte d’identité'), 'carte d identite');
    assert.equal(normalize("CARTE D'IDENTITÉ"), 'carte d identite');
    assert.equal(normalize('Sous-préfecture, Œuvre…'), 'sous prefecture oeuvre');
    assert.equal(normalize('  Prime   d’activité !  '), 'prime d activite');
  });

  test('keeps the words of the need: small words dropped, plurals folded', () => {
    assert.deepEqual(words('Je veux renouveler ma carte d’identité'), ['renouveler', 'carte', 'identite']);
    assert.deepEqual(words('mes impôts'), ['impot']);
    assert.deepEqual(words('Allocations familiales'), ['allocation', 'familiale']);
    assert.deepEqual(words('RSA'), ['rsa']);
  });
});

describe('typos', () => {
  test('are counted and tolerated by the contract’s rules, shared with the API’s commune search (no second copy)', () => {
    assert.equal(damerauLevenshtein, contractDistance);
    assert.equal(typosAllowed, contractTypos);
    assert.equal(typosAllowed('pasport', 'passeport'), 2);
  });
});

describe('need search over the real catalogue', () => {
  test('the catalogue is the real one', () => {
    assert.equal(directory.partners.length, 9);
    assert.equal(directory.themes.length, 14);
    assert.ok(directory.demarches.length >= 20, `${directory.demarches.length} démarches`);
  });

  test('"impot" (no accent, singular) finds the tax démarches', () => {
    const found = top('impot', 3);
    assert.ok(found.length >= 2);
    for (const d of found) assert.ok(d.theme === 'impots' || d.partners.includes('finances-publiques'), describeHit(d));
    assert.deepEqual(
      search.search('impot').partners.map((p) => p.partner.id),
      ['finances-publiques'],
    );
    assert.deepEqual(top('IMPÔTS', 3), found, 'case and accents do not matter');
  });

  test('"cartegrise" (no space) finds the vehicle registration', () => {
    const d = first('cartegrise');
    assert.equal(d.theme, 'vehicule-permis', describeHit(d));
    assert.match(normalize(`${d.title} ${d.keywords.join(' ')}`), /carte grise|immatriculation/);
    const ids = (query: string) => new Set(top(query, 3).map((hit) => hit.id));
    assert.deepEqual(ids('cartegrise'), ids('carte grise'));
    assert.deepEqual(ids('Carte-Grise'), ids('carte grise'));
  });

  test('other words typed without their spaces: split into words of the catalogue, or matched glued', () => {
    assert.equal(first('cartevitale').id, first('carte vitale').id);
    assert.match(first('cartevitale').title, /Vitale/);
    assert.match(first('primedactivite').title, /prime d'activité/);
    assert.equal(first('permisdeconduire').theme, 'vehicule-permis');
    assert.equal(first('allocationsfamiliales').id, first('allocations familiales').id);
    assert.equal(first('poleemploi').partners[0], 'france-travail');
  });

  test('"chomage" finds France Travail: registration or allowance first', () => {
    const found = top('chomage', 2);
    for (const d of found) {
      assert.equal(d.partners[0], 'france-travail', describeHit(d));
      assert.match(normalize(`${d.title} ${d.summary}`), /inscri|allocation|indemni|chomage/, describeHit(d));
    }
    assert.ok(search.search('chômage').partners.some((p) => p.partner.id === 'france-travail'));
    assert.equal(first('pole emploi').partners[0], 'france-travail');
  });

  test('"APL" finds the CAF’s housing benefit', () => {
    const d = first('APL');
    assert.ok(d.partners.includes('caf'), describeHit(d));
    assert.match(normalize(`${d.title} ${d.summary}`), /logement/, describeHit(d));
    assert.deepEqual(first('apl'), d);
  });

  test('"pasport" and "passeprt" (typos) find the passport', () => {
    for (const query of ['pasport', 'passeprt', 'passeport', 'PASSEPORT']) {
      const d = first(query);
      assert.match(normalize(d.title), /passeport/, `${query}: ${describeHit(d)}`);
    }
  });

  test('"retraitte" (typo) finds the pension démarches', () => {
    const d = first('retraitte');
    assert.equal(d.theme, 'retraite', describeHit(d));
    assert.deepEqual(first('retraite'), d);
    assert.ok(search.search('retraitte').demarches.length >= 2);
  });

  test('a whole sentence: "Je veux renouveler ma carte d’identité"', () => {
    const d = first('Je veux renouveler ma carte d’identité');
    assert.match(normalize(d.title), /carte nationale d identite|carte d identite/, describeHit(d));
    assert.deepEqual(first("renouveler ma carte d'identite"), d);
    for (const hit of top('cni', 4)) assert.match(hit.id, /^carte-identite/, describeHit(hit));
  });

  test('"RSA" and "ma retraite" (people’s words) find their démarches', () => {
    const rsa = first('RSA');
    assert.ok(rsa.partners.includes('caf') || rsa.partners.includes('msa'), describeHit(rsa));
    assert.match(normalize(`${rsa.title} ${rsa.keywords.join(' ')}`), /rsa|revenu de solidarite/);
    assert.equal(first('ma retraite').theme, 'retraite');
  });

  test('exact and keyword hits rank first', () => {
    const hits = search.search('carte grise').demarches;
    assert.ok(hits.length === 1 || hits[0]!.exact >= hits[1]!.exact);
    for (let i = 1; i < hits.length; i++) {
      const [a, b] = [hits[i - 1]!, hits[i]!];
      assert.ok(a.matched > b.matched || (a.matched === b.matched && (a.exact > b.exact || (a.exact === b.exact && a.score >= b.score))));
    }
  });

  test('a blank query, small words only or nonsense find nothing', () => {
    assert.deepEqual(search.search('').demarches, []);
    assert.deepEqual(search.search('   ').demarches, []);
    assert.deepEqual(search.search('je veux de la').demarches, []);
    assert.deepEqual(search.search('xqzwvk').demarches, []);
    assert.deepEqual(search.search('zzzzzzzz').partners, []);
  });

  test('a limit caps the démarches returned', () => {
    assert.ok(search.search('carte', { limit: 2 }).demarches.length <= 2);
  });

  test('fast enough to run on each keystroke', () => {
    const started = performance.now();
    for (const query of ['r', 're', 'ren', 'reno', 'renou', 'renouveler ma carte d identite', 'pasport', 'cartegrise'])
      search.search(query);
    const perQuery = (performance.now() - started) / 8;
    assert.ok(perQuery < 20, `${perQuery.toFixed(1)} ms per search`);
  });
});
