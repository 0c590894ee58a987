import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatClockTime, formatDayAndDate, formatDistance } from '../src/i18n/format.js';

describe('formats shared by every widget', () => {
  test('a date with its weekday: French writes the first of the month "1er"', () => {
    assert.equal(formatDayAndDate('2026-12-01', 'fr'), 'Mardi 1er décembre');
    assert.equal(formatDayAndDate('2026-12-01', 'fr', { inSentence: true }), 'mardi 1er décembre');
    assert.equal(formatDayAndDate('2026-12-11', 'fr'), 'Vendredi 11 décembre');
    assert.equal(formatDayAndDate('2026-12-21', 'fr'), 'Lundi 21 décembre');
    assert.equal(formatDayAndDate('2026-12-01', 'en'), 'Tuesday 1 December');
  });

  test('clock times and distances', () => {
    assert.equal(formatClockTime('09:00', 'fr'), '9 h');
    assert.equal(formatClockTime('13:30', 'fr'), '13 h 30');
    assert.match(formatDistance(0.38, 'fr'), /380\s?m/);
  });
});
