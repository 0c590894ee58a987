import type { DataSource } from './meta.js';

/**
 * Where the data comes from and what every copy of it must say: shown by `GET /api/v1/meta`
 * and by the widgets next to the data. Plain data (no schema code), importable by widgets
 * from `@fs-widgets/contract/sources`.
 */
export const SOURCES = {
  sites: {
    id: 'anct-france-services',
    title: 'Liste des structures France services',
    publisher: 'ANCT (Agence nationale de la cohésion des territoires)',
    date: '2024-08-01',
    licence: 'Licence Ouverte / Etalab 2.0',
    licence_url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
    attribution: 'ANCT — Liste des structures France services, 01/08/2024',
    file: 'liste-fs-20240801.csv',
  },
  postcodes: {
    id: 'laposte-codes-postaux',
    title: 'Base officielle des codes postaux',
    publisher: 'La Poste',
    date: '2022-02-01',
    licence: 'ODbL 1.0',
    licence_url: 'https://opendatacommons.org/licenses/odbl/1-0/',
    attribution: 'La Poste — Base officielle des codes postaux (2022), ODbL 1.0',
    file: 'laposte_hexasmal-2022-02.csv',
  },
  cog: {
    id: 'etalab-decoupage-administratif',
    title: 'Découpage administratif (COG 2026), package @etalab/decoupage-administratif v6',
    publisher: 'Etalab / INSEE',
    date: '2026-01-01',
    licence: 'Licence Ouverte / Etalab 2.0',
    licence_url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
    attribution: 'INSEE — Code officiel géographique 2026, via @etalab/decoupage-administratif',
    file: '@etalab/decoupage-administratif/data/communes.json',
  },
  itinerantStops: {
    id: 'inclusion-numerique-bus-france-services-charente',
    title: "Cartographie nationale des lieux d'inclusion numérique — Bus France services en Charente (arrêts)",
    publisher: "ANCT (Cartographie nationale des lieux d'inclusion numérique)",
    date: '2023-10-03',
    licence: 'Licence Ouverte / Etalab 2.0',
    licence_url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
    attribution: "Cartographie nationale des lieux d'inclusion numérique — Bus France services en Charente, 03/10/2023",
    file: 'bus-france-services-charente-lmn-20231003.json',
  },
} as const satisfies Record<string, Omit<DataSource, 'records'> & { file: string }>;
