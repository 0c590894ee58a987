import { sql } from 'kysely';
import type { Commune } from '@fs-widgets/contract';
import type { Db } from '../db/database.js';
import type { CommuneTable } from '../db/schema.js';
import { searchNameVariants } from './search-name.js';

/** Leading articles a person may leave out: "nouvion" finds "Le Nouvion-en-Thiérache". */
const ARTICLES = ['le ', 'la ', 'les ', 'l '];

async function withPostcodes(db: Db, rows: CommuneTable[]): Promise<Commune[]> {
  if (rows.length === 0) return [];
  const codes = await db
    .selectFrom('commune_postcodes')
    .select(['insee', 'postcode'])
    .where(
      'insee',
      'in',
      rows.map((r) => r.insee),
    )
    .orderBy('postcode')
    .execute();
  const byInsee = new Map<string, string[]>();
  for (const { insee, postcode } of codes) byInsee.set(insee, [...(byInsee.get(insee) ?? []), postcode]);
  return rows.map((r) => communeFromRow(r, byInsee.get(r.insee) ?? []));
}

export function communeFromRow(r: CommuneTable, postcodes: string[]): Commune {
  return {
    insee: r.insee,
    name: r.name,
    postcodes,
    department: r.department,
    region: r.region,
    population: r.population,
    location: r.lat != null && r.lon != null ? { lat: r.lat, lon: r.lon } : null,
  };
}

/**
 * Communes (and Paris, Lyon, Marseille arrondissements) by name prefix or postcode prefix.
 * Exact names come first, then the most populated: "saint-denis" lists the big ones first.
 */
export async function searchCommunes(db: Db, q: string, limit: number): Promise<Commune[]> {
  const query = q.trim();
  if (/^\d+$/.test(query)) {
    const rows = await db
      .selectFrom('communes')
      .innerJoin('commune_postcodes', 'commune_postcodes.insee', 'communes.insee')
      .selectAll('communes')
      .select((eb) => eb.fn.min('commune_postcodes.postcode').as('first_postcode'))
      .where('commune_postcodes.postcode', 'like', `${query}%`)
      .where('communes.kind', 'in', ['commune', 'arrondissement'])
      .groupBy('communes.insee')
      .orderBy('first_postcode')
      .orderBy(sql`coalesce(communes.population, 0)`, 'desc')
      .limit(limit)
      .execute();
    return withPostcodes(db, rows);
  }

  const variants = searchNameVariants(query);
  const patterns = variants.flatMap((v) => [`${v}%`, ...ARTICLES.map((a) => `${a}${v}%`)]);
  const rows = await db
    .selectFrom('communes')
    .selectAll()
    .where('kind', 'in', ['commune', 'arrondissement'])
    .where((eb) => eb.or(patterns.map((p) => eb('search_name', 'like', p))))
    .orderBy(sql`case when search_name in (${sql.join(variants)}) then 0 else 1 end`)
    .orderBy(sql`coalesce(population, 0)`, 'desc')
    .orderBy('name')
    .limit(limit)
    .execute();
  return withPostcodes(db, rows);
}

export async function findCommune(db: Db, insee: string): Promise<CommuneTable | undefined> {
  return db.selectFrom('communes').selectAll().where('insee', '=', insee).executeTakeFirst();
}
