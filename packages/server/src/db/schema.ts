import type { ColumnType, Generated } from 'kysely';

/** Tables as stored. JSON columns are TEXT so the same schema runs on SQLite and PostgreSQL. */
export interface SiteTable {
  id: string;
  name: string;
  kind: string;
  role: string;
  itinerant: number;
  street: string;
  complement: string | null;
  postcode: string;
  commune: string;
  insee_commune: string;
  department: string;
  lat: number;
  lon: number;
  email: string | null;
  phone: string | null;
  /** JSON of the contract's `Week`. */
  hours: string;
  opening_hours: string | null;
  weekly_minutes: number;
  appointment: number;
  comment: string | null;
  group_name: string | null;
  labelled_on: string | null;
  carrier: string | null;
  time_zone: string;
  /** Line of the source file the record came from, for error reports. */
  source_line: number;
  imported_at: string;
}

export interface CommuneTable {
  insee: string;
  name: string;
  /** Lower case, no accents, words separated by one space, "st" spelled "saint". */
  search_name: string;
  /** commune | arrondissement | former (commune déléguée or associée, kept to resolve old codes). */
  kind: string;
  parent_insee: string | null;
  department: string;
  region: string | null;
  population: number | null;
  lat: number | null;
  lon: number | null;
}

export interface CommunePostcodeTable {
  insee: string;
  postcode: string;
}

export interface MetaTable {
  key: string;
  value: string;
  updated_at: ColumnType<string, string, string>;
}

export interface ImportIssueTable {
  id: Generated<number>;
  source: string;
  line: number;
  record_id: string | null;
  level: string;
  message: string;
  imported_at: string;
}

/** Where and when an itinerant site (a bus) stops, from a source other than the ANCT list. */
export interface ItinerantStopTable {
  site_id: string;
  /** The stop's identifier in its source. */
  stop_id: string;
  name: string;
  street: string;
  postcode: string;
  commune: string;
  insee_commune: string;
  lat: number;
  lon: number;
  /** OpenStreetMap `opening_hours` rule as published (kept even when it cannot be read). */
  opening_hours: string | null;
  /** `id` of the data source (`SOURCES`). */
  source: string;
}

export interface Database {
  sites: SiteTable;
  communes: CommuneTable;
  commune_postcodes: CommunePostcodeTable;
  meta: MetaTable;
  import_issues: ImportIssueTable;
  itinerant_stops: ItinerantStopTable;
}
