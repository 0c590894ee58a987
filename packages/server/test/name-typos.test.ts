import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCogCommunes } from '../src/import/communes.js';
import { nameTypos, TypoKeys } from '../src/communes/name-typos.js';
import { departmentName, departmentsNamed } from '../src/communes/departments.js';
import { searchName } from '@fs-widgets/contract/search-name';

/** The name keys of the real communes and arrondissements, as the index sorts them (with and without their article). */
async function realKeys(): Promise<string[]> {
  const cog = await loadCogCommunes();
  const keys: string[] = [];
  for (const c of cog) {
    if (c.type !== 'commune-actuelle' && c.type !== 'arrondissement-municipal') continue;
    const name = searchName(c.nom);
    keys.push(name);
    for (const article of ['le ', 'la ', 'les ', 'l ']) if (name.startsWith(article)) keys.push(name.slice(article.length));
  }
  return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

describe('names typed with typos', () => {
  test('one typo from 4 letters, two from 8; the start of a name being typed with one typo fewer', () => {
    assert.equal(nameTypos('mnde', 'mende'), 1);
    assert.equal(nameTypos('mende', 'mende'), 0);
    assert.equal(nameTypos('men', 'mende'), 0); // its start
    assert.equal(nameTypos('mnd', 'mende'), undefined); // 3 letters: no typo
    assert.equal(nameTypos('nanteuil en valee', 'nanteuil en vallee'), 1);
    assert.equal(nameTypos('clermon ferand', 'clermont ferrand'), 2);
    assert.equal(nameTypos('nantueil en v', 'nanteuil en vallee'), 1); // a start, one typo
    assert.equal(nameTypos('mende', 'mendionde'), undefined); // a right name does not bring names one typo from its start
    assert.equal(nameTypos('saintdenis', 'saint denis en val'), 1); // a missing space
  });

  test('the walk over the sorted names finds exactly what comparing each name finds', async () => {
    const keys = await realKeys();
    const index = new TypoKeys(keys);
    const queries = [
      'mnde',
      'mende',
      'nanteuil en valee',
      'nantueil en v',
      'marseile',
      'bordeaus',
      'saint etiene',
      'clermon ferand',
      'sanit',
      'saintdenis',
      'la rochele',
      'paris 15e arrondisement',
      'zzzz',
      'aaaa',
      'y',
      'lyonn',
      'st malo',
    ];
    // Every 997th name, with one letter dropped and two swapped.
    for (let i = 0; i < keys.length; i += 997) {
      const key = keys[i]!;
      queries.push(key.slice(0, 2) + key.slice(3), key.slice(0, 1) + key.slice(2, 3) + key.slice(1, 2) + key.slice(3, 9));
    }
    // At most 2, 1, then 2 again (the rows kept from a search serve the next one), any start or the first letters kept.
    for (const [atMost, sameStart] of [
      [2, 0],
      [1, 0],
      [1, 1],
      [1, 2],
      [2, 1],
      [2, 0],
    ] as const) {
      for (const typed of queries) {
        const walked = new Map<number, number>();
        for (const run of index.typoRuns(typed, atMost, sameStart)) {
          for (let k = run.lo; k < run.hi; k++) {
            assert.ok(!walked.has(k), `"${typed}": ${keys[k]} twice`);
            walked.set(k, run.typos);
            if (run.prefix !== null) assert.ok(keys[k]!.startsWith(run.prefix));
          }
        }
        const compared = new Map<number, number>();
        keys.forEach((key, k) => {
          const typos = nameTypos(typed, key);
          if (typos !== undefined && typos > 0 && typos <= atMost && key.startsWith(typed.slice(0, sameStart))) compared.set(k, typos);
        });
        assert.deepEqual(
          [...walked].sort((a, b) => a[0] - b[0]),
          [...compared].sort((a, b) => a[0] - b[0]),
          `"${typed}" at most ${atMost}, same ${sameStart} first letters`,
        );
      }
    }
  });
});

describe('départements named at the end of a query', () => {
  test('by name, without its article, by its start (3 letters), Corsica by code', () => {
    assert.deepEqual(departmentsNamed('reunion'), ['974']);
    assert.deepEqual(departmentsNamed('la reunion'), ['974']);
    assert.deepEqual(departmentsNamed('reu'), ['974']);
    assert.deepEqual(departmentsNamed('seine saint denis'), ['93']);
    assert.deepEqual(departmentsNamed('lozere'), ['48']);
    assert.deepEqual(departmentsNamed('2a'), ['2A']);
    assert.deepEqual(departmentsNamed('re'), []);
    assert.deepEqual(departmentsNamed('denis'), []);
    // No typo: "marme" is not the Marne (a river in a name, "Nogent-sur-Marme", would be read as one).
    assert.deepEqual(departmentsNamed('marme'), []);
  });

  test('their names come from the official geographic code', () => {
    assert.equal(departmentName('48'), 'Lozère');
    assert.equal(departmentName('974'), 'La Réunion');
    assert.equal(departmentName('2A'), 'Corse-du-Sud');
    assert.equal(departmentName('976'), 'Mayotte');
    assert.equal(departmentName('99'), undefined);
  });
});
