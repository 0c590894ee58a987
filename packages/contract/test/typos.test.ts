import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { damerauLevenshtein, distanceRow, firstDistanceRow, mostTyposAllowed, typosAllowed } from '../src/typos.js';

describe('Damerau–Levenshtein distance and the typos allowed (one rule for every search)', () => {
  test('counts insertions, deletions, substitutions and transpositions', () => {
    assert.equal(damerauLevenshtein('passeport', 'passeport'), 0);
    assert.equal(damerauLevenshtein('passeprt', 'passeport'), 1); // a deletion
    assert.equal(damerauLevenshtein('retraitte', 'retraite'), 1); // an insertion
    assert.equal(damerauLevenshtein('impto', 'impot'), 1); // a transposition
    assert.equal(damerauLevenshtein('pasport', 'passeport'), 2);
    assert.equal(damerauLevenshtein('mnde', 'mende'), 1);
    assert.equal(damerauLevenshtein('nanteuil en valee', 'nanteuil en vallee'), 1);
    assert.equal(damerauLevenshtein('', 'abc'), 3);
    assert.equal(damerauLevenshtein('abc', ''), 3);
  });

  test('is symmetric', () => {
    const words = ['mende', 'mnde', 'emnde', 'ande', 'passeport', 'pasport', 'saint denis', 'saintdenis', 'a', ''];
    for (const a of words) for (const b of words) assert.equal(damerauLevenshtein(a, b), damerauLevenshtein(b, a), `${a} / ${b}`);
  });

  test('stops early above the maximum asked for', () => {
    assert.equal(damerauLevenshtein('rsa', 'retraite', 1), 2);
    assert.equal(damerauLevenshtein('chomage', 'fromage', 1), 2);
  });

  test('its rows, computed one known letter at a time, end on the distance', () => {
    const typed = 'nantueil';
    const known = 'nanteuil en vallee';
    const rows = [firstDistanceRow(typed)];
    for (let i = 1; i <= known.length; i++) {
      rows[i] = new Int32Array(typed.length + 1);
      distanceRow(typed, known, i, rows[i - 2] ?? rows[0]!, rows[i - 1]!, rows[i]!);
      // The last cell of row i: the distance from the typed text to the first i letters.
      assert.equal(rows[i]![typed.length], damerauLevenshtein(typed, known.slice(0, i)), known.slice(0, i));
    }
    assert.equal(rows[8]![typed.length], 1); // "nantueil" is one transposition from "nanteuil"
  });

  test('1 typo from 4 letters, 2 from 8 (by the right spelling), none for short words', () => {
    assert.equal(typosAllowed('caf', 'caf'), 0);
    assert.equal(typosAllowed('rse', 'rsa'), 0);
    assert.equal(typosAllowed('impt', 'impot'), 1);
    assert.equal(typosAllowed('pasport', 'passeport'), 2);
    assert.equal(typosAllowed('retraitte', 'retraite'), 2);
    assert.equal(typosAllowed('cart', 'carte'), 1);
    assert.equal(typosAllowed('mnde', 'mende'), 1);
  });

  test('the most typos a typed word can get is what it gets against a long word', () => {
    for (const typed of ['', 'a', 'mnd', 'mnde', 'mende', 'marsei', 'nanteuil en valee']) {
      assert.equal(mostTyposAllowed(typed), typosAllowed(typed, 'x'.repeat(40)), typed);
    }
  });
});
