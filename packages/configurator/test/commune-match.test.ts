/**
 * Which commune a text left in the configurator's commune field names (`matchCommune`): only
 * an exact name or a postcode of one commune is taken; namesakes and shared postcodes are
 * offered, never guessed. The candidates are what `GET /communes?q=` answers (real records).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Commune } from '@fs-widgets/contract';
import { communeKey, communeQuery, matchCommune } from '../src/configurator/commune-match.js';

/** A commune as `GET /communes` answers it, with the label and département name newer servers give. */
const commune = (insee: string, name: string, postcodes: string[], department: string, departmentName = '', label = name): Commune =>
  ({
    insee,
    name,
    label,
    postcodes,
    department,
    department_name: departmentName || null,
    region: null,
    population: null,
    location: null,
  }) as Commune;
/** The same, from a server that gives neither label nor département name. */
const older = (c: Commune): Commune => {
  const { label: _label, department_name: _name, ...rest } = c as Commune & { label?: string; department_name?: string | null };
  return rest as Commune;
};

const MENDE = commune('48095', 'Mende', ['48000'], '48');
const BADAROUX = commune('48013', 'Badaroux', ['48000'], '48');
const NANTEUIL = commune('16242', 'Nanteuil-en-Vallée', ['16700'], '16');
const RUFFEC = commune('16292', 'Ruffec', ['16700'], '16');
const COURCOME = commune('16110', 'Courcôme', ['16240', '16700'], '16');
const BREST = commune('29019', 'Brest', ['29200'], '29');
const SAINT_DENIS_974 = commune('97411', 'Saint-Denis', ['97400', '97417', '97490'], '974', 'La Réunion', 'Saint-Denis (La Réunion)');
const SAINT_DENIS_93 = commune(
  '93066',
  'Saint-Denis',
  ['93200', '93210', '93380'],
  '93',
  'Seine-Saint-Denis',
  'Saint-Denis (Seine-Saint-Denis)',
);
const SAINT_DENIS_11 = commune('11339', 'Saint-Denis', ['11310'], '11', 'Aude', 'Saint-Denis (Aude)');
const SAINT_DENIS_EN_VAL = commune('45274', 'Saint-Denis-en-Val', ['45560'], '45');
const L_HAY = commune('94038', 'L’Haÿ-les-Roses', ['94240'], '94');

test('communeKey ignores case, accents, ligatures, hyphens, apostrophes and extra spaces', () => {
  assert.equal(communeKey('Nanteuil-en-Vallée'), communeKey('  nanteuil en   vallee '));
  assert.equal(communeKey('L’Haÿ-les-Roses'), communeKey("l'hay les roses"));
  assert.equal(communeKey('Saint-Œuf'), communeKey('saint oeuf'));
  assert.notEqual(communeKey('Mende'), communeKey('Mend'));
});

test('an exact name is one commune, whatever its case and accents; a beginning of a name is none', () => {
  assert.deepEqual(matchCommune('mende', [MENDE, BADAROUX]), { kind: 'one', commune: MENDE });
  assert.deepEqual(matchCommune('nanteuil en vallee', [NANTEUIL]), { kind: 'one', commune: NANTEUIL });
  assert.deepEqual(matchCommune("l'hay-les-roses", [L_HAY]), { kind: 'one', commune: L_HAY });
  assert.deepEqual(matchCommune('Mend', [MENDE]), { kind: 'none', by: 'name', key: 'Mend' });
  assert.deepEqual(matchCommune('Zzyzx', []), { kind: 'none', by: 'name', key: 'Zzyzx' });
});

test('a name shared by several communes is never guessed; a longer name is not a namesake', () => {
  const match = matchCommune('saint denis', [SAINT_DENIS_974, SAINT_DENIS_93, SAINT_DENIS_11, SAINT_DENIS_EN_VAL]);
  assert.equal(match.kind, 'several');
  assert.ok(match.kind === 'several');
  assert.equal(match.by, 'name');
  assert.deepEqual(
    match.communes.map((c) => c.insee),
    ['97411', '93066', '11339'],
  );
});

test('a name told apart as the list writes it names the commune whose postcodes or département it gives', () => {
  for (const all of [[SAINT_DENIS_974, SAINT_DENIS_93, SAINT_DENIS_11], [SAINT_DENIS_974, SAINT_DENIS_93, SAINT_DENIS_11].map(older)]) {
    const [reunion, seine, aude] = all as [Commune, Commune, Commune];
    assert.deepEqual(matchCommune('Saint-Denis (93200, 93210, 93380)', all), { kind: 'one', commune: seine });
    assert.deepEqual(matchCommune('Saint-Denis (97400…)', all), { kind: 'one', commune: reunion });
    assert.deepEqual(matchCommune('Saint-Denis (11)', all), { kind: 'one', commune: aude });
    assert.deepEqual(matchCommune('saint denis 974', all), { kind: 'one', commune: reunion });
  }
  const all = [SAINT_DENIS_974, SAINT_DENIS_93, SAINT_DENIS_11];
  // The server's label, and the département's name with or without its article.
  assert.deepEqual(matchCommune('Saint-Denis (La Réunion)', all), { kind: 'one', commune: SAINT_DENIS_974 });
  assert.deepEqual(matchCommune('saint denis reunion', all), { kind: 'one', commune: SAINT_DENIS_974 });
  assert.deepEqual(matchCommune('Saint Denis Seine-Saint-Denis', all), { kind: 'one', commune: SAINT_DENIS_93 });
  assert.deepEqual(matchCommune('Saint-Denis (aude)', all), { kind: 'one', commune: SAINT_DENIS_11 });
  assert.equal(matchCommune('Saint-Denis (Lozère)', all).kind, 'none');
  assert.deepEqual(matchCommune('Mende (48000)', [MENDE]), { kind: 'one', commune: MENDE });
  assert.deepEqual(matchCommune('Mende 48000', [MENDE]), { kind: 'one', commune: MENDE });
  assert.equal(matchCommune('Mende (16700)', [MENDE]).kind, 'none');
  assert.equal(communeQuery('Saint-Denis (93200, 93210, 93380)'), 'Saint-Denis');
  assert.equal(communeQuery(' 16700 '), '16700');
});

test('a postcode of one commune is that commune; a shared postcode lists its communes', () => {
  assert.deepEqual(matchCommune('29200', [BREST]), { kind: 'one', commune: BREST });
  const shared = matchCommune('16700', [RUFFEC, NANTEUIL, COURCOME, NANTEUIL]);
  assert.ok(shared.kind === 'several');
  assert.equal(shared.by, 'postcode');
  assert.equal(shared.key, '16700');
  assert.deepEqual(
    shared.communes.map((c) => c.name),
    ['Ruffec', 'Nanteuil-en-Vallée', 'Courcôme'],
  );
  assert.deepEqual(matchCommune('99999', []), { kind: 'none', by: 'postcode', key: '99999' });
  // A prefix of a postcode is no postcode.
  assert.equal(matchCommune('1670', [RUFFEC]).kind, 'none');
});
