import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Week } from '@fs-widgets/contract';
import {
  addDays,
  type AnctHoursRow,
  DAY_KEYS,
  dayKeyOf,
  departmentOf,
  easterSunday,
  isPublicHoliday,
  OpeningHoursError,
  openingStatus,
  parseAnctDay,
  readAnctWeek,
  publicHolidays,
  timeZoneForDepartment,
  toOsmOpeningHours,
  weekFromAnct,
  weeklyMinutes,
  weekWithDates,
  zonedInstant,
  zonedParts,
} from '../src/index.js';

/*
 * Real rows of the ANCT list of France services: the hour columns copied verbatim, with the
 * row's id_fs and insee_dep. "fixture" rows come from fixtures/fs-fixture-sample.csv, "full
 * list" rows from packages/server/data/liste-fs-20240801.csv (the fixture has no row in
 * Bas-Rhin, none with a Friday only, and not id 1).
 */
type Row = AnctHoursRow & { id_fs: string; insee_dep: string };

const ROWS = {
  // full list, id_fs 1, France services de Valserhône (01)
  valserhone: {
    id_fs: '1',
    insee_dep: '01',
    h_lundi: '13:30 - 17:00',
    h_mardi: '09:00 - 12:00 / 13:30 - 17:00',
    h_mercredi: '09:00 - 12:00 / 13:30 - 17:00',
    h_jeudi: '09:00 - 12:00 / 13:30 - 17:00',
    h_vendredi: '09:00 - 12:00 / 13:30 - 16:00',
    h_samedi: '',
  },
  // fixture, id_fs 3, Bus France services Thiérache Sambre et Oise (02)
  thierache: {
    id_fs: '3',
    insee_dep: '02',
    h_lundi: '09:30 - 16:30',
    h_mardi: '09:30 - 16:30',
    h_mercredi: '09:30 - 16:30',
    h_jeudi: '09:30 - 16:30',
    h_vendredi: '09:30 - 16:30',
    h_samedi: '',
  },
  // fixture, id_fs 2, France services La Poste de Saint-Trivier-de-Courtes (01): Saturday mornings
  saintTrivier: {
    id_fs: '2',
    insee_dep: '01',
    h_lundi: '',
    h_mardi: '09:00 - 12:00 / 14:00 - 16:30',
    h_mercredi: '09:00 - 12:00 / 14:00 - 16:30',
    h_jeudi: '09:00 - 12:00 / 14:00 - 16:30',
    h_vendredi: '09:00 - 12:00 / 14:00 - 16:30',
    h_samedi: '09:00 - 12:00',
  },
  // fixture, id_fs 79, France services Caen Pierre Heuzé (14): midday break every weekday
  caen: {
    id_fs: '79',
    insee_dep: '14',
    h_lundi: '09:00 - 12:00 / 13:00 - 18:00',
    h_mardi: '09:00 - 12:00 / 13:00 - 18:00',
    h_mercredi: '09:00 - 12:00 / 13:00 - 18:00',
    h_jeudi: '09:00 - 12:00 / 13:00 - 18:00',
    h_vendredi: '09:00 - 12:00 / 13:00 - 18:00',
    h_samedi: '',
  },
  // fixture, id_fs 99, France services Neussargues en Pinatelle (15): Monday closes at 12:00
  neussargues: {
    id_fs: '99',
    insee_dep: '15',
    h_lundi: '09:00 - 12:00',
    h_mardi: '09:00 - 12:00 / 13:30 - 17:00',
    h_mercredi: '09:00 - 12:00 / 13:30 - 17:00',
    h_jeudi: '13:30 - 17:30',
    h_vendredi: '13:30 - 17:30',
    h_samedi: '',
  },
  // fixture, id_fs 75, France services itinérante Pays Ségali - Naucelle (12): Tuesday only
  naucelle: {
    id_fs: '75',
    insee_dep: '12',
    h_lundi: '',
    h_mardi: '09:00 - 12:00 / 13:15 - 16:45',
    h_mercredi: '',
    h_jeudi: '',
    h_vendredi: '',
    h_samedi: '',
  },
  // fixture, id_fs 143, France services Thenon Hautefort - Antenne de Hautefort (24)
  hautefort: {
    id_fs: '143',
    insee_dep: '24',
    h_lundi: '14:00 - 16:00',
    h_mardi: '',
    h_mercredi: '',
    h_jeudi: '09:30 - 11:30',
    h_vendredi: '',
    h_samedi: '',
  },
  // fixture, id_fs 942, France services multisites Pimms Médiation Paris (75): no hours at all
  pimmsParis: {
    id_fs: '942',
    insee_dep: '75',
    h_lundi: '',
    h_mardi: '',
    h_mercredi: '',
    h_jeudi: '',
    h_vendredi: '',
    h_samedi: '',
  },
  // fixture, id_fs 124, France services d'Ajaccio - Jardins de l'Empereur (2A)
  ajaccio: {
    id_fs: '124',
    insee_dep: '2A',
    h_lundi: '08:00 - 15:00',
    h_mardi: '08:00 - 15:00',
    h_mercredi: '08:00 - 15:00',
    h_jeudi: '08:00 - 15:00',
    h_vendredi: '08:00 - 15:00',
    h_samedi: '',
  },
  // fixture, id_fs 271, France services Marvejols (48)
  marvejols: {
    id_fs: '271',
    insee_dep: '48',
    h_lundi: '08:30 - 12:00 / 13:30 - 17:30',
    h_mardi: '08:30 - 12:00 / 13:30 - 17:30',
    h_mercredi: '08:30 - 12:00 / 13:30 - 17:30',
    h_jeudi: '08:30 - 12:00 / 13:30 - 17:30',
    h_vendredi: '08:30 - 12:00 / 13:30 - 17:30',
    h_samedi: '',
  },
  // fixture, id_fs 903, France services Massegros Causses Gorges (48): Saturday mornings
  massegros: {
    id_fs: '903',
    insee_dep: '48',
    h_lundi: '08:00 - 12:00',
    h_mardi: '08:00 - 12:00',
    h_mercredi: '08:00 - 12:00 / 13:30 - 16:30',
    h_jeudi: '08:00 - 12:00',
    h_vendredi: '08:00 - 12:00',
    h_samedi: '09:00 - 12:00',
  },
  // full list, id_fs 3115, France services de Sélestat (67)
  selestat: {
    id_fs: '3115',
    insee_dep: '67',
    h_lundi: '09:00 - 12:00 / 14:00 - 17:00',
    h_mardi: '09:00 - 12:00 / 14:00 - 17:00',
    h_mercredi: '09:00 - 12:00 / 14:00 - 17:00',
    h_jeudi: '09:00 - 12:00 / 14:00 - 17:00',
    h_vendredi: '09:00 - 12:00 / 14:00 - 17:00',
    h_samedi: '',
  },
  // full list, id_fs 406, France services La Poste de Villé (67): Saturday mornings
  ville: {
    id_fs: '406',
    insee_dep: '67',
    h_lundi: '09:00 - 12:00 / 14:00 - 17:00',
    h_mardi: '09:00 - 12:00 / 14:00 - 17:00',
    h_mercredi: '09:00 - 12:00 / 14:00 - 17:00',
    h_jeudi: '09:00 - 12:00 / 14:00 - 17:00',
    h_vendredi: '09:00 - 12:00 / 14:00 - 17:00',
    h_samedi: '09:00 - 12:00',
  },
  // full list, id_fs 2808, France services de Bayonne (64): Friday mornings only
  bayonne: {
    id_fs: '2808',
    insee_dep: '64',
    h_lundi: '',
    h_mardi: '',
    h_mercredi: '',
    h_jeudi: '',
    h_vendredi: '10:00 - 12:00',
    h_samedi: '',
  },
  // full list, id_fs 292, France services Dormans - Paysages de la Champagne (51): touching ranges
  dormans: {
    id_fs: '292',
    insee_dep: '51',
    h_lundi: '09:00 - 11:00 / 11:00 - 12:00 / 13:30 - 17:00',
    h_mardi: '09:00 - 11:00 / 11:00 - 12:00 / 13:30 - 17:00',
    h_mercredi: '09:00 - 11:00 / 11:00 - 12:00',
    h_jeudi: '09:00 - 11:00 / 11:00 - 12:00 / 13:30 - 17:00',
    h_vendredi: '09:00 - 11:00 / 11:00 - 12:00 / 13:30 - 17:00',
    h_samedi: '',
  },
  // fixture, id_fs 798, France services Le Moule (971)
  leMoule: {
    id_fs: '798',
    insee_dep: '971',
    h_lundi: '08:00 - 13:00',
    h_mardi: '08:00 - 13:00 / 14:00 - 17:00',
    h_mercredi: '08:00 - 13:00',
    h_jeudi: '08:00 - 13:00 / 14:00 - 17:00',
    h_vendredi: '08:00 - 13:00',
    h_samedi: '',
  },
  // fixture, id_fs 555, France services Le Lorrain (972)
  leLorrain: {
    id_fs: '555',
    insee_dep: '972',
    h_lundi: '07:00 - 13:00 / 14:00 - 17:00',
    h_mardi: '07:00 - 13:00 / 14:00 - 17:00',
    h_mercredi: '07:00 - 13:00',
    h_jeudi: '07:00 - 13:00',
    h_vendredi: '07:00 - 13:00',
    h_samedi: '',
  },
  // fixture, id_fs 559, France services Sincère Mandé (973)
  sincereMande: {
    id_fs: '559',
    insee_dep: '973',
    h_lundi: '07:30 - 14:30',
    h_mardi: '08:00 - 12:00 / 14:00 - 16:00',
    h_mercredi: '07:30 - 17:30',
    h_jeudi: '08:00 - 12:00 / 14:00 - 16:00',
    h_vendredi: '07:30 - 14:30',
    h_samedi: '',
  },
  // fixture, id_fs 561, France services Saint-Louis - Makes (974)
  makes: {
    id_fs: '561',
    insee_dep: '974',
    h_lundi: '08:00 - 16:00',
    h_mardi: '08:00 - 16:00',
    h_mercredi: '08:00 - 16:00',
    h_jeudi: '08:00 - 16:00',
    h_vendredi: '08:00 - 16:00',
    h_samedi: '',
  },
  // fixture, id_fs 565, France services La Poste de Kani-Kéli (976): Saturday mornings
  kaniKeli: {
    id_fs: '565',
    insee_dep: '976',
    h_lundi: '',
    h_mardi: '08:00 - 16:00',
    h_mercredi: '08:00 - 15:00',
    h_jeudi: '08:00 - 15:00',
    h_vendredi: '08:00 - 15:00',
    h_samedi: '08:00 - 12:00',
  },
  // fixture, id_fs 1684, France services de Sandy Ground (978, Saint-Martin)
  sandyGround: {
    id_fs: '1684',
    insee_dep: '978',
    h_lundi: '08:30 - 13:30',
    h_mardi: '08:30 - 13:30',
    h_mercredi: '08:30 - 13:00',
    h_jeudi: '08:30 - 13:30',
    h_vendredi: '08:30 - 13:00',
    h_samedi: '',
  },
} satisfies Record<string, Row>;

type SiteName = keyof typeof ROWS;

/** The week of a copied row. */
function week(name: SiteName): Week {
  return weekFromAnct(ROWS[name]);
}

/** Opening status of a copied row at a fixed instant, in its department. */
function statusAt(name: SiteName, iso: string, timeZone?: string) {
  const row = ROWS[name];
  return openingStatus(week(name), { now: new Date(iso), department: row.insee_dep, ...(timeZone ? { timeZone } : {}) });
}

describe('parseAnctDay', () => {
  test('reads one range and two ranges', () => {
    assert.deepEqual(parseAnctDay('13:30 - 17:00'), [{ opens: '13:30', closes: '17:00' }]);
    assert.deepEqual(parseAnctDay('09:00 - 12:00 / 13:30 - 17:00'), [
      { opens: '09:00', closes: '12:00' },
      { opens: '13:30', closes: '17:00' },
    ]);
  });

  test('an empty value, undefined, null or blanks is a day without hours', () => {
    assert.deepEqual(parseAnctDay(''), []);
    assert.deepEqual(parseAnctDay(undefined), []);
    assert.deepEqual(parseAnctDay(null), []);
    assert.deepEqual(parseAnctDay('   '), []);
  });

  test('tolerates extra or missing spaces around "-" and "/"', () => {
    const expected = [
      { opens: '09:00', closes: '12:00' },
      { opens: '13:30', closes: '17:00' },
    ];
    assert.deepEqual(parseAnctDay('  09:00   -  12:00  /  13:30 -   17:00 '), expected);
    assert.deepEqual(parseAnctDay('09:00-12:00/13:30-17:00'), expected);
    assert.deepEqual(parseAnctDay('\t09:00 - 12:00 /\t13:30 - 17:00\n'), expected);
  });

  test('returns ranges sorted by opening time', () => {
    assert.deepEqual(parseAnctDay('13:30 - 17:00 / 09:00 - 12:00'), [
      { opens: '09:00', closes: '12:00' },
      { opens: '13:30', closes: '17:00' },
    ]);
  });

  test('touching ranges are not overlapping (id_fs 292)', () => {
    assert.deepEqual(parseAnctDay(ROWS.dormans.h_lundi), [
      { opens: '09:00', closes: '11:00' },
      { opens: '11:00', closes: '12:00' },
      { opens: '13:30', closes: '17:00' },
    ]);
  });

  test('reads four ranges (full list, id_fs 1892, Bus France services Vierzon Sologne Berry, mardi)', () => {
    assert.equal(parseAnctDay('08:45 - 10:00 / 10:30 - 11:30 / 13:30 - 14:30 / 15:00 - 16:15').length, 4);
  });

  test('accepts 24:00 as a closing time only', () => {
    assert.deepEqual(parseAnctDay('20:00 - 24:00'), [{ opens: '20:00', closes: '24:00' }]);
    assert.throws(() => parseAnctDay('24:00 - 24:00'), OpeningHoursError);
  });

  const malformed: Array<[string, string]> = [
    ['9:00 - 12:00', 'one-digit hour'],
    ['09h00 - 12h00', '"h" instead of ":"'],
    ['09:00 - 12:00 /', 'trailing separator'],
    ['/ 09:00 - 12:00', 'leading separator'],
    ['09:00 - 12:00 // 13:30 - 17:00', 'double separator'],
    ['09:00 12:00', 'no dash'],
    ['09:00 - 12:00 - 13:00', 'three times'],
    ['Fermé', 'text'],
    ['25:00 - 26:00', 'hour out of range'],
    ['09:60 - 10:00', 'minute out of range'],
    ['24:30 - 24:45', 'past 24:00'],
    ['12:00 - 09:00', 'closes before it opens'],
    ['09:00 - 09:00', 'closes when it opens'],
    ['09:00 - 12:00 / 11:00 - 14:00', 'overlapping ranges'],
    ['09:00 - 17:00 / 10:00 - 11:00', 'nested ranges'],
    ['08:00 - 09:00 / 09:00 - 10:00 / 10:00 - 11:00 / 11:00 - 12:00 / 13:00 - 14:00 / 14:00 - 15:00 / 15:00 - 16:00', 'more than 6 ranges'],
  ];
  for (const [value, why] of malformed) {
    test(`throws an OpeningHoursError for ${why}: ${JSON.stringify(value)}`, () => {
      assert.throws(
        () => parseAnctDay(value),
        (error: unknown) => {
          assert.ok(error instanceof OpeningHoursError);
          assert.ok(error instanceof Error);
          assert.equal(error.name, 'OpeningHoursError');
          assert.equal(error.value, value.trim());
          return true;
        },
      );
    });
  }

  test('rejects the "00:00 - 00:00" placeholder found in the list (full list, id_fs 404, mercredi)', () => {
    // France services La Poste de Strasbourg Lizé (67), h_mercredi.
    assert.throws(() => parseAnctDay('00:00 - 00:00 / 09:00 - 12:00'), OpeningHoursError);
  });

  test('rejects duplicated ranges found in the list (full list, id_fs 1255, lundi)', () => {
    // France services La Poste de Murato (2B), h_lundi.
    assert.throws(() => parseAnctDay('08:30 - 11:30 / 08:30 - 11:30'), /Overlapping/);
  });
});

describe('weekFromAnct', () => {
  test('builds the week of id_fs 1 (Valserhône), Saturday and Sunday empty', () => {
    assert.deepEqual(week('valserhone'), {
      mo: [{ opens: '13:30', closes: '17:00' }],
      tu: [
        { opens: '09:00', closes: '12:00' },
        { opens: '13:30', closes: '17:00' },
      ],
      we: [
        { opens: '09:00', closes: '12:00' },
        { opens: '13:30', closes: '17:00' },
      ],
      th: [
        { opens: '09:00', closes: '12:00' },
        { opens: '13:30', closes: '17:00' },
      ],
      fr: [
        { opens: '09:00', closes: '12:00' },
        { opens: '13:30', closes: '16:00' },
      ],
      sa: [],
      su: [],
    });
  });

  test('reads Saturday hours (fixture, id_fs 2)', () => {
    const saintTrivier = week('saintTrivier');
    assert.deepEqual(saintTrivier.sa, [{ opens: '09:00', closes: '12:00' }]);
    assert.deepEqual(saintTrivier.mo, []);
    assert.deepEqual(saintTrivier.su, []);
  });

  test('missing columns are days without hours', () => {
    assert.deepEqual(weekFromAnct({ h_mardi: '09:00 - 12:00' }), {
      mo: [],
      tu: [{ opens: '09:00', closes: '12:00' }],
      we: [],
      th: [],
      fr: [],
      sa: [],
      su: [],
    });
  });

  test('every copied row parses, and Sunday is always empty', () => {
    for (const [name, row] of Object.entries(ROWS)) {
      const parsed = weekFromAnct(row);
      assert.deepEqual(Object.keys(parsed), [...DAY_KEYS], name);
      assert.deepEqual(parsed.su, [], name);
    }
  });

  test('the error names the column of the malformed value (full list, id_fs 404)', () => {
    // France services La Poste de Strasbourg Lizé (67).
    const row = {
      h_lundi: '09:00 - 12:00',
      h_mardi: '09:00 - 12:00 / 14:00 - 17:00',
      h_mercredi: '00:00 - 00:00 / 09:00 - 12:00',
      h_jeudi: '09:00 - 12:00 / 14:00 - 17:00',
      h_vendredi: '09:00 - 12:00 / 14:00 - 17:00',
      h_samedi: '',
    };
    assert.throws(
      () => weekFromAnct(row),
      (error: unknown) =>
        error instanceof OpeningHoursError && error.message.startsWith('h_mercredi: ') && error.value === '00:00 - 00:00 / 09:00 - 12:00',
    );
  });
});

describe('toOsmOpeningHours and weeklyMinutes', () => {
  test('id_fs 1 (Valserhône) in OpenStreetMap syntax', () => {
    assert.equal(
      toOsmOpeningHours(week('valserhone')),
      'Mo 13:30-17:00; Tu-Th 09:00-12:00,13:30-17:00; Fr 09:00-12:00,13:30-16:00; PH off',
    );
  });

  test('groups the whole working week (fixture, id_fs 3)', () => {
    assert.equal(toOsmOpeningHours(week('thierache')), 'Mo-Fr 09:30-16:30; PH off');
  });

  test('leaves out days without hours and keeps Saturday (fixture, id_fs 565 and 2)', () => {
    assert.equal(toOsmOpeningHours(week('kaniKeli')), 'Tu 08:00-16:00; We-Fr 08:00-15:00; Sa 08:00-12:00; PH off');
    assert.equal(toOsmOpeningHours(week('saintTrivier')), 'Tu-Fr 09:00-12:00,14:00-16:30; Sa 09:00-12:00; PH off');
  });

  test('groups only consecutive days (fixture, id_fs 1684 and 143)', () => {
    assert.equal(toOsmOpeningHours(week('sandyGround')), 'Mo-Tu 08:30-13:30; We 08:30-13:00; Th 08:30-13:30; Fr 08:30-13:00; PH off');
    assert.equal(toOsmOpeningHours(week('hautefort')), 'Mo 14:00-16:00; Th 09:30-11:30; PH off');
  });

  test('writes Sunday hours too', () => {
    const withSunday: Week = { ...week('thierache'), sa: [{ opens: '09:00', closes: '12:00' }], su: [{ opens: '09:00', closes: '12:00' }] };
    assert.equal(toOsmOpeningHours(withSunday), 'Mo-Fr 09:30-16:30; Sa-Su 09:00-12:00; PH off');
  });

  test('null for a week without hours (fixture, id_fs 942)', () => {
    assert.equal(toOsmOpeningHours(week('pimmsParis')), null);
  });

  test('every copied row but id_fs 942 gives a string ending with "; PH off"', () => {
    for (const [name, row] of Object.entries(ROWS)) {
      const osm = toOsmOpeningHours(weekFromAnct(row));
      if (name === 'pimmsParis') {
        assert.equal(osm, null);
        continue;
      }
      assert.ok(osm !== null, name);
      assert.ok(osm.endsWith('; PH off'), name);
      assert.equal(osm.split('PH off').length, 2, name);
    }
  });

  test('weekly minutes', () => {
    // Mo 3h30, Tu-Th 3 × 6h30, Fr 5h30 = 28h30.
    assert.equal(weeklyMinutes(week('valserhone')), 1710);
    assert.equal(weeklyMinutes(week('thierache')), 5 * 7 * 60);
    // Mo-Fr 3h + 5h each.
    assert.equal(weeklyMinutes(week('caen')), 5 * 8 * 60);
    // Touching ranges add up: 3h, 3h + 3h30 on four days.
    assert.equal(weeklyMinutes(week('dormans')), 3 * 60 + 4 * (3 * 60 + 210));
    assert.equal(weeklyMinutes(week('pimmsParis')), 0);
  });

  test('weekly minutes count overlapping ranges once', () => {
    const overlapping: Week = {
      ...week('pimmsParis'),
      mo: [
        { opens: '09:00', closes: '12:00' },
        { opens: '11:00', closes: '13:00' },
      ],
    };
    assert.equal(weeklyMinutes(overlapping), 4 * 60);
  });
});

describe('easterSunday and publicHolidays', () => {
  const easter: Array<[number, string]> = [
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'], // latest possible date
    [2285, '2285-03-22'], // earliest possible date
  ];
  for (const [year, date] of easter) {
    test(`Easter ${year} is ${date}`, () => {
      assert.equal(easterSunday(year), date);
      assert.equal(dayKeyOf(date), 'su');
    });
  }

  test('rejects a year that is not a whole Gregorian year', () => {
    assert.throws(() => easterSunday(2026.5), RangeError);
    assert.throws(() => easterSunday(1500), RangeError);
    assert.throws(() => publicHolidays(Number.NaN, '75'), RangeError);
  });

  test('the 11 nationwide holidays of 2026, sorted', () => {
    assert.deepEqual(publicHolidays(2026, '75'), [
      { date: '2026-01-01', key: 'new-year' },
      { date: '2026-04-06', key: 'easter-monday' },
      { date: '2026-05-01', key: 'labour-day' },
      { date: '2026-05-08', key: 'victory-1945' },
      { date: '2026-05-14', key: 'ascension' },
      { date: '2026-05-25', key: 'whit-monday' },
      { date: '2026-07-14', key: 'bastille-day' },
      { date: '2026-08-15', key: 'assumption' },
      { date: '2026-11-01', key: 'all-saints' },
      { date: '2026-11-11', key: 'armistice' },
      { date: '2026-12-25', key: 'christmas' },
    ]);
  });

  test('Alsace-Moselle adds Good Friday and St Stephen', () => {
    for (const department of ['57', '67', '68']) {
      const holidays = publicHolidays(2026, department);
      assert.equal(holidays.length, 13, department);
      assert.deepEqual(holidays[1], { date: '2026-04-03', key: 'good-friday' }, department);
      assert.deepEqual(holidays.at(-1), { date: '2026-12-26', key: 'st-stephen' }, department);
    }
    for (const department of ['48', '54', '88', '90']) {
      assert.equal(publicHolidays(2026, department).length, 11, department);
    }
  });

  test('abolition of slavery day by overseas department', () => {
    const expected: Array<[string, string]> = [
      ['971', '2026-05-27'],
      ['972', '2026-05-22'],
      ['973', '2026-06-10'],
      ['974', '2026-12-20'],
      ['976', '2026-04-27'],
      ['977', '2026-10-09'],
      ['978', '2026-05-28'],
    ];
    for (const [department, date] of expected) {
      const holidays = publicHolidays(2026, department);
      assert.equal(holidays.length, 12, department);
      assert.deepEqual(
        holidays.filter((holiday) => holiday.key === 'abolition-of-slavery'),
        [{ date, key: 'abolition-of-slavery' }],
        department,
      );
      assert.deepEqual(isPublicHoliday(date, department), { date, key: 'abolition-of-slavery' }, department);
      assert.equal(isPublicHoliday(date, '75'), undefined, department);
    }
    assert.equal(publicHolidays(2026, '975').length, 11);
  });

  test('lists are sorted by date in every year and department', () => {
    for (const year of [2024, 2025, 2026, 2027, 2028]) {
      for (const department of ['01', '2A', '67', '971', '974', '976', '977', '978']) {
        const dates = publicHolidays(year, department).map((holiday) => holiday.date);
        assert.deepEqual(dates, [...dates].sort(), `${year} ${department}`);
      }
    }
  });

  test('Ascension on 1 May (2008): both holidays listed, isPublicHoliday returns the first', () => {
    const holidays = publicHolidays(2008, '75');
    assert.deepEqual(
      holidays.filter((holiday) => holiday.date === '2008-05-01'),
      [
        { date: '2008-05-01', key: 'labour-day' },
        { date: '2008-05-01', key: 'ascension' },
      ],
    );
    assert.deepEqual(isPublicHoliday('2008-05-01', '75'), { date: '2008-05-01', key: 'labour-day' });
    assert.deepEqual(isPublicHoliday('2008-05-12', '75'), { date: '2008-05-12', key: 'whit-monday' });
  });

  test('isPublicHoliday', () => {
    assert.deepEqual(isPublicHoliday('2026-04-06', '14'), { date: '2026-04-06', key: 'easter-monday' });
    assert.deepEqual(isPublicHoliday('2026-12-25', '14'), { date: '2026-12-25', key: 'christmas' });
    assert.equal(isPublicHoliday('2026-12-24', '14'), undefined);
    assert.equal(isPublicHoliday('2026-04-03', '48'), undefined);
    assert.deepEqual(isPublicHoliday('2026-04-03', '67'), { date: '2026-04-03', key: 'good-friday' });
    assert.deepEqual(isPublicHoliday('2026-12-26', '57'), { date: '2026-12-26', key: 'st-stephen' });
    // A commune code gives its department.
    assert.deepEqual(isPublicHoliday('2026-04-03', '67462'), { date: '2026-04-03', key: 'good-friday' });
    assert.deepEqual(isPublicHoliday('2026-05-28', '97801'), { date: '2026-05-28', key: 'abolition-of-slavery' });
  });

  test('isPublicHoliday answers are copies: the memoised list cannot be altered', () => {
    const first = isPublicHoliday('2026-07-14', '75');
    assert.ok(first);
    (first as { key: string }).key = 'altered';
    assert.deepEqual(isPublicHoliday('2026-07-14', '75'), { date: '2026-07-14', key: 'bastille-day' });
  });

  test('isPublicHoliday rejects what is not a YYYY-MM-DD date', () => {
    assert.throws(() => isPublicHoliday('14/07/2026', '75'), RangeError);
    assert.throws(() => isPublicHoliday('2026-7-14', '75'), RangeError);
  });
});

describe('time zones and calendar dates', () => {
  test('timeZoneForDepartment', () => {
    const expected: Record<string, string> = {
      '01': 'Europe/Paris',
      '2A': 'Europe/Paris',
      '2B': 'Europe/Paris',
      '67': 'Europe/Paris',
      '75': 'Europe/Paris',
      '971': 'America/Guadeloupe',
      '972': 'America/Martinique',
      '973': 'America/Cayenne',
      '974': 'Indian/Reunion',
      '975': 'America/Miquelon',
      '976': 'Indian/Mayotte',
      '977': 'America/St_Barthelemy',
      '978': 'America/Marigot',
      '986': 'Pacific/Wallis',
      '987': 'Pacific/Tahiti',
      '988': 'Pacific/Noumea',
    };
    for (const [department, timeZone] of Object.entries(expected)) {
      assert.equal(timeZoneForDepartment(department), timeZone, department);
      // Every zone is known to the ICU data of this runtime.
      assert.doesNotThrow(() => zonedParts(new Date('2026-03-10T12:00:00Z'), timeZone), timeZone);
    }
  });

  test('a commune code or a padded code gives the department', () => {
    assert.equal(timeZoneForDepartment('97801'), 'America/Marigot');
    assert.equal(timeZoneForDepartment('97411'), 'Indian/Reunion');
    assert.equal(timeZoneForDepartment(' 974 '), 'Indian/Reunion');
    assert.equal(timeZoneForDepartment('67482'), 'Europe/Paris');
    assert.equal(departmentOf('97801'), '978');
    assert.equal(departmentOf('2a004'), '2A');
    assert.equal(departmentOf('67482'), '67');
    assert.equal(departmentOf('974'), '974');
  });

  test('addDays is pure calendar arithmetic', () => {
    assert.equal(addDays('2026-03-10', 0), '2026-03-10');
    assert.equal(addDays('2026-03-10', 1), '2026-03-11');
    assert.equal(addDays('2026-02-28', 1), '2026-03-01');
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
    assert.equal(addDays('2026-01-01', 365), '2027-01-01');
    // Daylight-saving days in Paris are ordinary days of the calendar.
    assert.equal(addDays('2026-03-28', 1), '2026-03-29');
    assert.equal(addDays('2026-03-29', 1), '2026-03-30');
    assert.equal(addDays('2026-10-24', 2), '2026-10-26');
  });

  test('addDays and dayKeyOf reject invalid dates', () => {
    assert.throws(() => addDays('2026-02-30', 1), RangeError);
    assert.throws(() => addDays('2026-3-1', 1), RangeError);
    assert.throws(() => addDays('2026-03-01', 0.5), RangeError);
    assert.throws(() => dayKeyOf('not a date'), RangeError);
  });

  test('dayKeyOf', () => {
    assert.equal(dayKeyOf('2026-03-09'), 'mo');
    assert.equal(dayKeyOf('2026-03-10'), 'tu');
    assert.equal(dayKeyOf('2026-04-03'), 'fr');
    assert.equal(dayKeyOf('2026-04-06'), 'mo');
    assert.equal(dayKeyOf('2026-05-01'), 'fr');
    assert.equal(dayKeyOf('2026-12-25'), 'fr');
    assert.equal(dayKeyOf('2026-03-29'), 'su');
    assert.equal(dayKeyOf('2024-02-29'), 'th');
  });

  test('zonedParts in La Réunion and Martinique', () => {
    assert.deepEqual(zonedParts(new Date('2026-03-10T06:30:00Z'), 'Indian/Reunion'), {
      date: '2026-03-10',
      day: 'tu',
      minutes: 10 * 60 + 30,
    });
    assert.deepEqual(zonedParts(new Date('2026-03-10T13:30:00Z'), 'America/Martinique'), {
      date: '2026-03-10',
      day: 'tu',
      minutes: 9 * 60 + 30,
    });
  });

  test('zonedParts gives the local calendar date, not the UTC one', () => {
    // 02:00 UTC on Tuesday is 22:00 on Monday in Martinique (UTC-4).
    assert.deepEqual(zonedParts(new Date('2026-03-10T02:00:00Z'), 'America/Martinique'), {
      date: '2026-03-09',
      day: 'mo',
      minutes: 22 * 60,
    });
    // 21:00 UTC on Monday is 01:00 on Tuesday in La Réunion (UTC+4).
    assert.deepEqual(zonedParts(new Date('2026-03-09T21:00:00Z'), 'Indian/Reunion'), {
      date: '2026-03-10',
      day: 'tu',
      minutes: 60,
    });
    // Midnight is 0 minutes, seconds are dropped.
    assert.equal(zonedParts(new Date('2026-03-09T23:00:00Z'), 'Europe/Paris').minutes, 0);
    assert.equal(zonedParts(new Date('2026-03-10T10:59:59Z'), 'Europe/Paris').minutes, 11 * 60 + 59);
  });

  test('zonedParts across the daylight-saving changes in Paris', () => {
    // 29 March 2026: 02:00 CET becomes 03:00 CEST (01:00 UTC).
    assert.deepEqual(zonedParts(new Date('2026-03-29T00:59:00Z'), 'Europe/Paris'), {
      date: '2026-03-29',
      day: 'su',
      minutes: 60 + 59,
    });
    assert.equal(zonedParts(new Date('2026-03-29T01:00:00Z'), 'Europe/Paris').minutes, 3 * 60);
    // 25 October 2026: 03:00 CEST becomes 02:00 CET (01:00 UTC).
    assert.equal(zonedParts(new Date('2026-10-25T00:59:00Z'), 'Europe/Paris').minutes, 2 * 60 + 59);
    assert.equal(zonedParts(new Date('2026-10-25T01:00:00Z'), 'Europe/Paris').minutes, 2 * 60);
  });

  test('zonedInstant is the reverse of zonedParts', () => {
    assert.equal(zonedInstant('2026-03-10', 10 * 60 + 30, 'Indian/Reunion').toISOString(), '2026-03-10T06:30:00.000Z');
    assert.equal(zonedInstant('2026-03-10', 9 * 60 + 30, 'America/Martinique').toISOString(), '2026-03-10T13:30:00.000Z');
    assert.equal(zonedInstant('2026-03-27', 9 * 60, 'Europe/Paris').toISOString(), '2026-03-27T08:00:00.000Z');
    assert.equal(zonedInstant('2026-03-30', 9 * 60, 'Europe/Paris').toISOString(), '2026-03-30T07:00:00.000Z');
    assert.equal(zonedInstant('2026-03-29', 4 * 60, 'Europe/Paris').toISOString(), '2026-03-29T02:00:00.000Z');
    assert.equal(zonedInstant('2026-10-25', 4 * 60, 'Europe/Paris').toISOString(), '2026-10-25T03:00:00.000Z');
    assert.equal(zonedInstant('2026-03-10', 24 * 60, 'Europe/Paris').toISOString(), '2026-03-10T23:00:00.000Z');
    // Wall times in the hour before each change, where the offset at the answer differs from
    // the offset at the first guess.
    assert.equal(zonedInstant('2026-03-29', 60 + 30, 'Europe/Paris').toISOString(), '2026-03-29T00:30:00.000Z');
    assert.equal(zonedInstant('2026-10-25', 60 + 30, 'Europe/Paris').toISOString(), '2026-10-24T23:30:00.000Z');
  });

  test('an unknown time zone or an invalid date is a RangeError', () => {
    assert.throws(() => zonedParts(new Date('2026-03-10T12:00:00Z'), 'Mars/Olympus_Mons'), RangeError);
    assert.throws(() => zonedParts(new Date('not a date'), 'Europe/Paris'), RangeError);
  });
});

describe('openingStatus', () => {
  test('a week without hours is unknown (fixture, id_fs 942)', () => {
    assert.deepEqual(statusAt('pimmsParis', '2026-03-10T10:00:00Z'), { state: 'unknown' });
    // Even on a public holiday.
    assert.deepEqual(statusAt('pimmsParis', '2026-05-01T10:00:00Z'), { state: 'unknown' });
  });

  describe('midday break (fixture, id_fs 79, Caen, Tuesday 10 March 2026, UTC+1)', () => {
    test('open in the morning, reopening after the break', () => {
      assert.deepEqual(statusAt('caen', '2026-03-10T10:00:00Z'), {
        state: 'open',
        closesAt: '12:00',
        closesInMinutes: 60,
        reopensAt: '13:00',
      });
    });

    test('closed during the break, next opening the same afternoon', () => {
      assert.deepEqual(statusAt('caen', '2026-03-10T11:30:00Z'), {
        state: 'closed',
        reason: 'outside-hours',
        next: { date: '2026-03-10', day: 'tu', time: '13:00', inDays: 0 },
      });
    });

    test('open in the afternoon, no reopening that day', () => {
      assert.deepEqual(statusAt('caen', '2026-03-10T12:00:00Z'), {
        state: 'open',
        closesAt: '18:00',
        closesInMinutes: 300,
      });
    });

    test('closed before opening, next opening the same morning', () => {
      assert.deepEqual(statusAt('caen', '2026-03-10T07:15:00Z'), {
        state: 'closed',
        reason: 'outside-hours',
        next: { date: '2026-03-10', day: 'tu', time: '09:00', inDays: 0 },
      });
    });

    test('closed in the evening, next opening tomorrow', () => {
      assert.deepEqual(statusAt('caen', '2026-03-10T17:00:00Z'), {
        state: 'closed',
        reason: 'outside-hours',
        next: { date: '2026-03-11', day: 'we', time: '09:00', inDays: 1 },
      });
    });
  });

  describe('closing time exactly (fixture, id_fs 99, Neussargues, Monday 9 March 2026, closes at 12:00)', () => {
    test('open at opening time exactly', () => {
      assert.deepEqual(statusAt('neussargues', '2026-03-09T08:00:00Z'), {
        state: 'open',
        closesAt: '12:00',
        closesInMinutes: 180,
      });
    });

    test('open at 11:59, closing in 1 minute', () => {
      assert.equal((statusAt('neussargues', '2026-03-09T10:59:00Z') as { closesInMinutes: number }).closesInMinutes, 1);
      // 30 s before closing still counts as 1 minute.
      assert.equal((statusAt('neussargues', '2026-03-09T10:59:30Z') as { closesInMinutes: number }).closesInMinutes, 1);
    });

    test('closed at 12:00, next opening Tuesday', () => {
      assert.deepEqual(statusAt('neussargues', '2026-03-09T11:00:00Z'), {
        state: 'closed',
        reason: 'outside-hours',
        next: { date: '2026-03-10', day: 'tu', time: '09:00', inDays: 1 },
      });
    });
  });

  test('touching ranges make one opening period (full list, id_fs 292)', () => {
    // Monday 9 March 2026, 10:30 local: 09:00-11:00 then 11:00-12:00 then 13:30-17:00.
    assert.deepEqual(statusAt('dormans', '2026-03-09T09:30:00Z'), {
      state: 'open',
      closesAt: '12:00',
      closesInMinutes: 90,
      reopensAt: '13:30',
    });
  });

  describe('next opening across the weekend', () => {
    test('Friday evening: opens Monday (fixture, id_fs 79)', () => {
      assert.deepEqual(statusAt('caen', '2026-03-13T17:30:00Z'), {
        state: 'closed',
        reason: 'outside-hours',
        next: { date: '2026-03-16', day: 'mo', time: '09:00', inDays: 3 },
      });
    });

    test('Sunday: opens Monday, in the afternoon for id_fs 1 (Valserhône)', () => {
      assert.deepEqual(statusAt('valserhone', '2026-03-15T10:00:00Z'), {
        state: 'closed',
        reason: 'outside-hours',
        next: { date: '2026-03-16', day: 'mo', time: '13:30', inDays: 1 },
      });
    });

    test('a Tuesday-only site, on Wednesday: opens next Tuesday (fixture, id_fs 75)', () => {
      assert.deepEqual(statusAt('naucelle', '2026-03-11T09:00:00Z'), {
        state: 'closed',
        reason: 'outside-hours',
        next: { date: '2026-03-17', day: 'tu', time: '09:00', inDays: 6 },
      });
    });
  });

  describe('Saturday hours', () => {
    test('open on Saturday morning (fixture, id_fs 2)', () => {
      // Saturday 14 March 2026, 10:30 local.
      assert.deepEqual(statusAt('saintTrivier', '2026-03-14T09:30:00Z'), {
        state: 'open',
        closesAt: '12:00',
        closesInMinutes: 90,
      });
    });

    test('Saturday afternoon: closed Sunday and Monday, opens Tuesday (fixture, id_fs 2)', () => {
      assert.deepEqual(statusAt('saintTrivier', '2026-03-14T11:30:00Z'), {
        state: 'closed',
        reason: 'outside-hours',
        next: { date: '2026-03-17', day: 'tu', time: '09:00', inDays: 3 },
      });
    });

    test('Friday evening: opens Saturday (fixture, id_fs 903)', () => {
      assert.deepEqual(statusAt('massegros', '2026-03-13T17:00:00Z'), {
        state: 'closed',
        reason: 'outside-hours',
        next: { date: '2026-03-14', day: 'sa', time: '09:00', inDays: 1 },
      });
    });

    test('open on Saturday morning in Mayotte, UTC+3 (fixture, id_fs 565)', () => {
      // Saturday 14 March 2026, 06:00 UTC = 09:00 in Mayotte.
      assert.deepEqual(statusAt('kaniKeli', '2026-03-14T06:00:00Z'), {
        state: 'open',
        closesAt: '12:00',
        closesInMinutes: 180,
      });
    });
  });

  describe('public holidays', () => {
    test('Labour Day, Friday 1 May 2026: closed all day, opens Monday (fixture, id_fs 79)', () => {
      assert.deepEqual(statusAt('caen', '2026-05-01T08:00:00Z'), {
        state: 'closed',
        reason: 'holiday',
        holiday: 'labour-day',
        next: { date: '2026-05-04', day: 'mo', time: '09:00', inDays: 3 },
      });
    });

    test('the evening before Labour Day, the next opening skips it (fixture, id_fs 79)', () => {
      assert.deepEqual(statusAt('caen', '2026-04-30T17:00:00Z'), {
        state: 'closed',
        reason: 'outside-hours',
        next: { date: '2026-05-04', day: 'mo', time: '09:00', inDays: 4 },
      });
    });

    test('Easter Monday, 6 April 2026: closed, opens Tuesday (fixture, id_fs 79)', () => {
      assert.deepEqual(statusAt('caen', '2026-04-06T08:00:00Z'), {
        state: 'closed',
        reason: 'holiday',
        holiday: 'easter-monday',
        next: { date: '2026-04-07', day: 'tu', time: '09:00', inDays: 1 },
      });
    });

    test('Whit Monday, 25 May 2026: opens Thursday (fixture, id_fs 143)', () => {
      assert.deepEqual(statusAt('hautefort', '2026-05-25T12:30:00Z'), {
        state: 'closed',
        reason: 'holiday',
        holiday: 'whit-monday',
        next: { date: '2026-05-28', day: 'th', time: '09:30', inDays: 3 },
      });
    });

    test('Christmas Eve 2026 (Thursday): opens Monday 28 (fixture, id_fs 79)', () => {
      assert.deepEqual(statusAt('caen', '2026-12-24T17:30:00Z'), {
        state: 'closed',
        reason: 'outside-hours',
        next: { date: '2026-12-28', day: 'mo', time: '09:00', inDays: 4 },
      });
    });

    test('Christmas 2026 with Saturday hours: opens Saturday 26 in Ain (fixture, id_fs 2) but not in Bas-Rhin (full list, id_fs 406)', () => {
      assert.deepEqual(statusAt('saintTrivier', '2026-12-25T10:00:00Z'), {
        state: 'closed',
        reason: 'holiday',
        holiday: 'christmas',
        next: { date: '2026-12-26', day: 'sa', time: '09:00', inDays: 1 },
      });
      assert.deepEqual(statusAt('ville', '2026-12-25T10:00:00Z'), {
        state: 'closed',
        reason: 'holiday',
        holiday: 'christmas',
        next: { date: '2026-12-28', day: 'mo', time: '09:00', inDays: 3 },
      });
      assert.deepEqual(statusAt('ville', '2026-12-26T09:00:00Z'), {
        state: 'closed',
        reason: 'holiday',
        holiday: 'st-stephen',
        next: { date: '2026-12-28', day: 'mo', time: '09:00', inDays: 2 },
      });
    });

    test('a Friday-only site at Christmas 2026: no opening within 14 days (full list, id_fs 2808)', () => {
      // Fridays 25 December and 1 January are holidays; 8 January is 15 days after Christmas Eve.
      assert.deepEqual(statusAt('bayonne', '2026-12-24T12:00:00Z'), {
        state: 'closed',
        reason: 'outside-hours',
        next: null,
      });
      // From Christmas Day, 8 January is 14 days ahead: found.
      assert.deepEqual(statusAt('bayonne', '2026-12-25T12:00:00Z'), {
        state: 'closed',
        reason: 'holiday',
        holiday: 'christmas',
        next: { date: '2027-01-08', day: 'fr', time: '10:00', inDays: 14 },
      });
    });

    test('Good Friday, 3 April 2026: closed in Bas-Rhin (full list, id_fs 3115)…', () => {
      // 08:00 UTC = 10:00 CEST. Easter Monday is a holiday too: next opening Tuesday.
      assert.deepEqual(statusAt('selestat', '2026-04-03T08:00:00Z'), {
        state: 'closed',
        reason: 'holiday',
        holiday: 'good-friday',
        next: { date: '2026-04-07', day: 'tu', time: '09:00', inDays: 4 },
      });
    });

    test('…and open in Lozère (fixture, id_fs 271)', () => {
      assert.deepEqual(statusAt('marvejols', '2026-04-03T08:00:00Z'), {
        state: 'open',
        closesAt: '12:00',
        closesInMinutes: 120,
        reopensAt: '13:30',
      });
    });

    test('the same week is closed on Good Friday in department 67 only', () => {
      const marvejols = week('marvejols');
      const now = new Date('2026-04-03T08:00:00Z');
      assert.equal(openingStatus(marvejols, { now, department: '67' }).state, 'closed');
      assert.equal(openingStatus(marvejols, { now, department: '48' }).state, 'open');
    });

    test('La Réunion, 20 December 2027 (Monday): closed for 974 (fixture, id_fs 561)', () => {
      // 06:00 UTC = 10:00 in La Réunion.
      assert.deepEqual(statusAt('makes', '2027-12-20T06:00:00Z'), {
        state: 'closed',
        reason: 'holiday',
        holiday: 'abolition-of-slavery',
        next: { date: '2027-12-21', day: 'tu', time: '08:00', inDays: 1 },
      });
      // The same hours, in mainland France, are open that day.
      assert.equal(openingStatus(week('makes'), { now: new Date('2027-12-20T09:00:00Z'), department: '75' }).state, 'open');
    });

    test('Saint-Martin, 28 May 2026 (Thursday): closed for 978 (fixture, id_fs 1684)', () => {
      // 13:00 UTC = 09:00 in Saint-Martin (UTC-4).
      assert.deepEqual(statusAt('sandyGround', '2026-05-28T13:00:00Z'), {
        state: 'closed',
        reason: 'holiday',
        holiday: 'abolition-of-slavery',
        next: { date: '2026-05-29', day: 'fr', time: '08:30', inDays: 1 },
      });
    });
  });

  describe('time zones', () => {
    test('La Réunion at 2026-03-10T06:30:00Z is 10:30 local: open (fixture, id_fs 561)', () => {
      assert.deepEqual(statusAt('makes', '2026-03-10T06:30:00Z'), {
        state: 'open',
        closesAt: '16:00',
        closesInMinutes: 330,
      });
      // In Paris time (07:30) the same instant would be before opening.
      assert.equal(statusAt('makes', '2026-03-10T06:30:00Z', 'Europe/Paris').state, 'closed');
    });

    test('Martinique at 2026-03-10T13:30:00Z is 09:30 local: open (fixture, id_fs 555)', () => {
      assert.deepEqual(statusAt('leLorrain', '2026-03-10T13:30:00Z'), {
        state: 'open',
        closesAt: '13:00',
        closesInMinutes: 210,
        reopensAt: '14:00',
      });
    });

    test('Martinique late on Monday evening, which is already Tuesday in UTC (fixture, id_fs 555)', () => {
      // 2026-03-10T02:00Z is Monday 9 March, 22:00 in Martinique.
      assert.deepEqual(statusAt('leLorrain', '2026-03-10T02:00:00Z'), {
        state: 'closed',
        reason: 'outside-hours',
        next: { date: '2026-03-10', day: 'tu', time: '07:00', inDays: 1 },
      });
    });

    test('Guadeloupe and Guyane, UTC-4 and UTC-3 (fixture, id_fs 798 and 559)', () => {
      // Tuesday 10 March 2026, 12:30 UTC = 08:30 in Guadeloupe, 09:30 in Guyane.
      assert.deepEqual(statusAt('leMoule', '2026-03-10T12:30:00Z'), {
        state: 'open',
        closesAt: '13:00',
        closesInMinutes: 270,
        reopensAt: '14:00',
      });
      assert.deepEqual(statusAt('sincereMande', '2026-03-10T12:30:00Z'), {
        state: 'open',
        closesAt: '12:00',
        closesInMinutes: 150,
        reopensAt: '14:00',
      });
    });

    test('Corsica is in Paris time (fixture, id_fs 124)', () => {
      assert.deepEqual(statusAt('ajaccio', '2026-03-10T13:30:00Z'), {
        state: 'open',
        closesAt: '15:00',
        closesInMinutes: 30,
      });
    });

    test('an explicit timeZone wins over the department', () => {
      // 07:30 UTC is 08:30 in Paris (closed until 09:00) and 09:30 in Moscow.
      const caen = week('caen');
      const now = new Date('2026-03-10T07:30:00Z');
      assert.equal(openingStatus(caen, { now, department: '14' }).state, 'closed');
      assert.equal(openingStatus(caen, { now, department: '14', timeZone: 'Europe/Moscow' }).state, 'open');
    });
  });

  describe('daylight-saving days in Paris (fixture, id_fs 79)', () => {
    test('09:00 is 08:00 UTC before 29 March 2026 and 07:00 UTC after', () => {
      // Friday 27 March, 07:30 UTC = 08:30 CET: not open yet.
      assert.deepEqual(statusAt('caen', '2026-03-27T07:30:00Z'), {
        state: 'closed',
        reason: 'outside-hours',
        next: { date: '2026-03-27', day: 'fr', time: '09:00', inDays: 0 },
      });
      // Monday 30 March, 07:30 UTC = 09:30 CEST: open.
      assert.deepEqual(statusAt('caen', '2026-03-30T07:30:00Z'), {
        state: 'open',
        closesAt: '12:00',
        closesInMinutes: 150,
        reopensAt: '13:00',
      });
    });

    test('on Sunday 29 March 2026 itself, next opening Monday', () => {
      for (const iso of ['2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z', '2026-03-29T21:59:00Z']) {
        assert.deepEqual(
          statusAt('caen', iso),
          { state: 'closed', reason: 'outside-hours', next: { date: '2026-03-30', day: 'mo', time: '09:00', inDays: 1 } },
          iso,
        );
      }
      // 22:00 UTC is already Monday 00:00 CEST.
      assert.deepEqual((statusAt('caen', '2026-03-29T22:00:00Z') as { next: unknown }).next, {
        date: '2026-03-30',
        day: 'mo',
        time: '09:00',
        inDays: 0,
      });
    });

    test('09:00 is 07:00 UTC before 25 October 2026 and 08:00 UTC after', () => {
      // Friday 23 October, 07:30 UTC = 09:30 CEST: open.
      assert.equal(statusAt('caen', '2026-10-23T07:30:00Z').state, 'open');
      // Monday 26 October, 07:30 UTC = 08:30 CET: not open yet.
      assert.deepEqual(statusAt('caen', '2026-10-26T07:30:00Z'), {
        state: 'closed',
        reason: 'outside-hours',
        next: { date: '2026-10-26', day: 'mo', time: '09:00', inDays: 0 },
      });
    });

    test('on Sunday 25 October 2026 itself, next opening Monday', () => {
      for (const iso of ['2026-10-24T22:30:00Z', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z', '2026-10-25T22:59:00Z']) {
        assert.deepEqual(
          statusAt('caen', iso),
          { state: 'closed', reason: 'outside-hours', next: { date: '2026-10-26', day: 'mo', time: '09:00', inDays: 1 } },
          iso,
        );
      }
    });

    test('closesInMinutes is real time across the change (synthetic Sunday night hours)', () => {
      // No real site opens at night: a synthetic week with Sunday 01:00-04:00.
      const night: Week = { mo: [], tu: [], we: [], th: [], fr: [], sa: [], su: [{ opens: '01:00', closes: '04:00' }] };
      // 01:30 CET; 04:00 CEST is 02:00 UTC: 90 minutes, not 150.
      assert.deepEqual(openingStatus(night, { now: new Date('2026-03-29T00:30:00Z'), department: '75' }), {
        state: 'open',
        closesAt: '04:00',
        closesInMinutes: 90,
      });
      // 02:30 CEST (first time); 04:00 CET is 03:00 UTC: 150 minutes, not 90.
      assert.deepEqual(openingStatus(night, { now: new Date('2026-10-25T00:30:00Z'), department: '75' }), {
        state: 'open',
        closesAt: '04:00',
        closesInMinutes: 150,
      });
    });
  });

  test('defaults now to the current time', () => {
    const status = openingStatus(week('caen'), { department: '14' });
    assert.ok(['open', 'closed'].includes(status.state));
  });
});

describe('weekWithDates', () => {
  test('7 days from today, with holidays (fixture, id_fs 79, from Thursday 30 April 2026)', () => {
    const days = weekWithDates(week('caen'), { now: new Date('2026-04-30T10:00:00Z'), department: '14' });
    const morningAndAfternoon = [
      { opens: '09:00', closes: '12:00' },
      { opens: '13:00', closes: '18:00' },
    ];
    assert.deepEqual(days, [
      { date: '2026-04-30', day: 'th', ranges: morningAndAfternoon, today: true },
      { date: '2026-05-01', day: 'fr', ranges: morningAndAfternoon, holiday: 'labour-day', today: false },
      { date: '2026-05-02', day: 'sa', ranges: [], today: false },
      { date: '2026-05-03', day: 'su', ranges: [], today: false },
      { date: '2026-05-04', day: 'mo', ranges: morningAndAfternoon, today: false },
      { date: '2026-05-05', day: 'tu', ranges: morningAndAfternoon, today: false },
      { date: '2026-05-06', day: 'we', ranges: morningAndAfternoon, today: false },
    ]);
  });

  test('Good Friday and Easter Monday in Bas-Rhin (full list, id_fs 3115)', () => {
    const days = weekWithDates(week('selestat'), { now: new Date('2026-04-02T10:00:00Z'), department: '67' });
    assert.deepEqual(
      days.map((day) => [day.date, day.day, day.holiday]),
      [
        ['2026-04-02', 'th', undefined],
        ['2026-04-03', 'fr', 'good-friday'],
        ['2026-04-04', 'sa', undefined],
        ['2026-04-05', 'su', undefined],
        ['2026-04-06', 'mo', 'easter-monday'],
        ['2026-04-07', 'tu', undefined],
        ['2026-04-08', 'we', undefined],
      ],
    );
  });

  test('starts from the local date of the site (fixture, id_fs 555, Martinique)', () => {
    // 2026-03-10T02:00Z is still Monday 9 March in Martinique.
    const days = weekWithDates(week('leLorrain'), { now: new Date('2026-03-10T02:00:00Z'), department: '972' });
    assert.equal(days[0]?.date, '2026-03-09');
    assert.equal(days[0]?.day, 'mo');
    assert.equal(days[0]?.today, true);
    assert.deepEqual(
      days.map((day) => day.today),
      [true, false, false, false, false, false, false],
    );
  });

  test('crosses the daylight-saving change with one entry per calendar day', () => {
    const days = weekWithDates(week('caen'), { now: new Date('2026-03-27T12:00:00Z'), department: '14' });
    assert.deepEqual(
      days.map((day) => day.date),
      ['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02'],
    );
  });

  test('does not share arrays with the week', () => {
    const caen = week('caen');
    const days = weekWithDates(caen, { now: new Date('2026-03-10T10:00:00Z'), department: '14' });
    days[0]?.ranges.pop();
    assert.equal(caen.tu.length, 2);
  });
});

describe('readAnctWeek (lenient import of the published list)', () => {
  test('ignores the 00:00 - 00:00 placeholder (real row id_fs 404, h_mercredi) and reports it', () => {
    const { week, corrections } = readAnctWeek({ h_mercredi: '00:00 - 00:00', h_jeudi: '09:00 - 12:00' });
    assert.deepEqual(week.we, []);
    assert.deepEqual(week.th, [{ opens: '09:00', closes: '12:00' }]);
    assert.equal(corrections.length, 1);
    assert.match(corrections[0]!, /h_mercredi .*placeholder/);
  });

  test('merges duplicated ranges (real row id_fs 1255, h_lundi)', () => {
    const { week, corrections } = readAnctWeek({ h_lundi: '08:30 - 11:30 / 08:30 - 11:30' });
    assert.deepEqual(week.mo, [{ opens: '08:30', closes: '11:30' }]);
    assert.match(corrections[0]!, /h_lundi .*merged/);
  });

  test('merges overlapping ranges (real row id_fs 2862, h_lundi)', () => {
    const { week } = readAnctWeek({ h_lundi: '08:00 - 15:00 / 08:30 - 13:30' });
    assert.deepEqual(week.mo, [{ opens: '08:00', closes: '15:00' }]);
  });

  test('keeps the real part of a day that also has a placeholder', () => {
    const { week } = readAnctWeek({ h_lundi: '09:00 - 12:00 / 00:00 - 00:00' });
    assert.deepEqual(week.mo, [{ opens: '09:00', closes: '12:00' }]);
  });

  test('leaves an unreadable day empty and says so', () => {
    const { week, corrections } = readAnctWeek({ h_mardi: 'le matin', h_jeudi: '14:00 - 17:00' });
    assert.deepEqual(week.tu, []);
    assert.deepEqual(week.th, [{ opens: '14:00', closes: '17:00' }]);
    assert.match(corrections[0]!, /h_mardi .*unreadable/);
  });

  test('a clean row needs no correction', () => {
    assert.deepEqual(readAnctWeek({ h_lundi: '09:00 - 12:00 / 13:30 - 17:00' }).corrections, []);
  });
});
