import {
  Kysely,
  Migrator,
  sql,
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
} from 'kysely';
import { dialectOf } from './dialect.js';

/**
 * The counter columns of the satisfaction aggregates, written out here (not imported) so this
 * migration keeps creating the same tables whatever the code later does with them.
 */
function addSatisfactionCounters(table: CreateTableBuilder<any, any>) {
  for (const column of [
    'very_satisfied',
    'satisfied',
    'dissatisfied',
    'very_dissatisfied',
    'resolved_yes',
    'resolved_partly',
    'resolved_no',
    'resolved_unanswered',
  ]) {
    table = table.addColumn(column, 'integer', (c) => c.notNull().defaultTo(0));
  }
  return table;
}

/** An auto-numbered key: `integer primary key autoincrement` in SQLite, `serial primary key` in PostgreSQL. */
const serialType = (db: Kysely<any>) => (dialectOf(db) === 'postgres' ? 'serial' : 'integer');
const serialKey = (db: Kysely<any>, column: ColumnDefinitionBuilder) =>
  dialectOf(db) === 'postgres' ? column.primaryKey() : column.primaryKey().autoIncrement();

/**
 * Migrations live in code (not files on disk) so the bundled server and the tests run the same
 * list. Each one uses the portable schema builder; the two engine-specific details (auto-numbered
 * keys, the append-only trigger) are written for SQLite and PostgreSQL alike.
 */
const migrations: Record<string, Migration> = {
  '0001_sites_communes_meta': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('sites')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('itinerant', 'integer', (c) => c.notNull())
        .addColumn('street', 'text', (c) => c.notNull())
        .addColumn('complement', 'text')
        .addColumn('postcode', 'text', (c) => c.notNull())
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('insee_commune', 'text', (c) => c.notNull())
        .addColumn('department', 'text', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('phone', 'text')
        .addColumn('hours', 'text', (c) => c.notNull())
        .addColumn('opening_hours', 'text')
        .addColumn('weekly_minutes', 'integer', (c) => c.notNull())
        .addColumn('appointment', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('group_name', 'text')
        .addColumn('labelled_on', 'text')
        .addColumn('carrier', 'text')
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('source_line', 'integer', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sites_department').on('sites').column('department').execute();

      await db.schema
        .createTable('communes')
        .addColumn('insee', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('search_name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('parent_insee', 'text')
        .addColumn('department', 'text', (c) => c.notNull())
        .addColumn('region', 'text')
        .addColumn('population', 'integer')
        .addColumn('lat', 'double precision')
        .addColumn('lon', 'double precision')
        .execute();
      await db.schema.createIndex('communes_search_name').on('communes').column('search_name').execute();

      await db.schema
        .createTable('commune_postcodes')
        .addColumn('insee', 'text', (c) => c.notNull())
        .addColumn('postcode', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('commune_postcodes_pk', ['insee', 'postcode'])
        .execute();
      await db.schema.createIndex('commune_postcodes_postcode').on('commune_postcodes').column('postcode').execute();

      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('import_issues')
        .addColumn('id', serialType(db), (c) => serialKey(db, c))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('record_id', 'text')
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['import_issues', 'meta', 'commune_postcodes', 'communes', 'sites']) {
        await db.schema.dropTable(t).ifExists().execute();
      }
    },
  },
  '0002_itinerant_stops': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('itinerant_stops')
        .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
        .addColumn('stop_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('street', 'text', (c) => c.notNull())
        .addColumn('postcode', 'text', (c) => c.notNull())
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('insee_commune', 'text', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('opening_hours', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('itinerant_stops_pk', ['site_id', 'stop_id'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('itinerant_stops').ifExists().execute();
    },
  },
  '0003_tokens': {
    async up(db: Kysely<any>) {
      // No foreign key to sites: a re-import may drop a site, and its tokens stay listed (and refused).
      await db.schema
        .createTable('tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('site_id', 'text')
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('last_used_at', 'text')
        .addCheckConstraint('tokens_role_site', sql`(role = 'admin' and site_id is null) or (role = 'agent' and site_id is not null)`)
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('tokens').ifExists().execute();
    },
  },
  '0004_feedback': {
    async up(db: Kysely<any>) {
      // Answers are history: no foreign key, so a site leaving the list keeps its answers.
      await db.schema
        .createTable('feedback')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('rating', 'text', (c) => c.notNull())
        .addColumn('resolved', 'text')
        .addColumn('comment', 'text')
        .addColumn('answered_at', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('feedback_key').on('feedback').column('key').unique().execute();
      // The agents' export: one site, a range of days.
      await db.schema.createIndex('feedback_site_day').on('feedback').columns(['site_id', 'day']).execute();

      await addSatisfactionCounters(
        db.schema
          .createTable('satisfaction_daily')
          .addColumn('site_id', 'text', (c) => c.notNull())
          .addColumn('day', 'text', (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull()),
      )
        .addPrimaryKeyConstraint('satisfaction_daily_pk', ['site_id', 'day', 'channel'])
        .execute();
      await addSatisfactionCounters(
        db.schema
          .createTable('satisfaction_daily_network')
          .addColumn('day', 'text', (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull()),
      )
        .addPrimaryKeyConstraint('satisfaction_daily_network_pk', ['day', 'channel'])
        .execute();

      await db.schema
        .createTable('rate_limits')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('window_ends_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rate_limits_window_ends_at').on('rate_limits').column('window_ends_at').execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['rate_limits', 'satisfaction_daily_network', 'satisfaction_daily', 'feedback']) {
        await db.schema.dropTable(t).ifExists().execute();
      }
    },
  },
  '0005_acts_cases': {
    async up(db: Kysely<any>) {
      // Acts and cases are history: no foreign key to sites (like feedback), so a site leaving
      // the list on a re-import keeps its acts and cases and the import is not refused.
      await db.schema
        .createTable('acts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('partner', 'text', (c) => c.notNull())
        .addColumn('theme', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('referred_to', 'text')
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('acted_at', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('acts_key').on('acts').column('key').unique().execute();
      await db.schema.createIndex('acts_site_day').on('acts').columns(['site_id', 'day']).execute();

      // referred_to is a dimension of the aggregates: '' when the act was not referred (a
      // primary key column cannot be NULL), so referrals by partner are a GROUP BY of the same rows.
      const activityCounters = (table: CreateTableBuilder<any, any>) =>
        table
          .addColumn('partner', 'text', (c) => c.notNull())
          .addColumn('theme', 'text', (c) => c.notNull())
          .addColumn('referred_to', 'text', (c) => c.notNull())
          .addColumn('acts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('solved', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('referred', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('follow_up', 'integer', (c) => c.notNull().defaultTo(0));
      await activityCounters(
        db.schema
          .createTable('activity_daily')
          .addColumn('site_id', 'text', (c) => c.notNull())
          .addColumn('day', 'text', (c) => c.notNull()),
      )
        .addPrimaryKeyConstraint('activity_daily_pk', ['site_id', 'day', 'partner', 'theme', 'referred_to'])
        .execute();
      await activityCounters(db.schema.createTable('activity_daily_network').addColumn('day', 'text', (c) => c.notNull()))
        .addPrimaryKeyConstraint('activity_daily_network_pk', ['day', 'partner', 'theme', 'referred_to'])
        .execute();

      await db.schema
        .createTable('cases')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('partner', 'text', (c) => c.notNull())
        .addColumn('demarche', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('step', 'text', (c) => c.notNull())
        .addColumn('documents', 'text', (c) => c.notNull())
        .addColumn('appointment', 'text')
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('expires_on', 'text', (c) => c.notNull())
        .addColumn('created_key', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('cases_created_key').on('cases').column('created_key').unique().execute();
      await db.schema.createIndex('cases_expires_on').on('cases').column('expires_on').execute();

      await db.schema
        .createTable('case_events')
        .addColumn('id', serialType(db), (c) => serialKey(db, c))
        .addColumn('code', 'text', (c) => c.notNull().references('cases.code'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('step', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('case_events_key').on('case_events').column('key').unique().execute();
      await db.schema.createIndex('case_events_code').on('case_events').columns(['code', 'id']).execute();
      // Append-only, enforced by the database itself: no code path can rewrite the history.
      if (dialectOf(db) === 'postgres') {
        await sql`create function case_events_append_only() returns trigger language plpgsql as $$ begin raise exception 'case_events is append-only'; end $$`.execute(
          db,
        );
        await sql`create trigger case_events_no_update before update on case_events for each row execute function case_events_append_only()`.execute(
          db,
        );
        await sql`create trigger case_events_no_delete before delete on case_events for each row execute function case_events_append_only()`.execute(
          db,
        );
      } else {
        await sql`create trigger case_events_no_update before update on case_events begin select raise(abort, 'case_events is append-only'); end`.execute(
          db,
        );
        await sql`create trigger case_events_no_delete before delete on case_events begin select raise(abort, 'case_events is append-only'); end`.execute(
          db,
        );
      }
    },
    async down(db: Kysely<any>) {
      for (const t of ['case_events', 'cases', 'activity_daily_network', 'activity_daily', 'acts']) {
        await db.schema.dropTable(t).ifExists().execute();
      }
    },
  },
  '0006_local_partners_permanences': {
    async up(db: Kysely<any>) {
      // Written by each site's agents. No foreign key to sites: a site leaving the list on a
      // re-import keeps its rows (they come back with it), and the import is not refused.
      await db.schema
        .createTable('local_partners')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('thematiques', 'text', (c) => c.notNull())
        .addColumn('phone', 'text')
        .addColumn('website', 'text')
        .addColumn('created_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('local_partners_created_key').on('local_partners').column('created_key').unique().execute();
      await db.schema.createIndex('local_partners_site').on('local_partners').column('site_id').execute();

      await db.schema
        .createTable('permanences')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('partner', 'text')
        .addColumn('local_partner_id', 'text', (c) => c.references('local_partners.id').onDelete('cascade'))
        .addColumn('recurrence', 'text', (c) => c.notNull())
        .addColumn('opens', 'text')
        .addColumn('closes', 'text')
        .addColumn('by_appointment', 'integer', (c) => c.notNull())
        .addColumn('starts_on', 'text')
        .addColumn('ends_on', 'text')
        .addColumn('note', 'text')
        .addColumn('created_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('permanences_created_key').on('permanences').column('created_key').unique().execute();
      await db.schema.createIndex('permanences_site').on('permanences').column('site_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('permanences').ifExists().execute();
      await db.schema.dropTable('local_partners').ifExists().execute();
    },
  },
  '0007_activity_rollups': {
    async up(db: Kysely<any>) {
      // One transaction on SQLite too (Kysely runs only PostgreSQL's migrations in one): a crash
      // halfway leaves the 0006 tables, and the next start runs this again from the start.
      await inTransaction(db, async (trx) => {
        for (const table of ACTIVITY_ROLLUPS) await trx.schema.dropTable(table.name).ifExists().execute();
        for (const table of ACTIVITY_ROLLUPS) await createRollup(trx, table);
        await rebuildActivityRollups(trx, { siteTotals: false });
      });
    },
    async down(db: Kysely<any>) {
      // Back to 0005's daily aggregates (referred_to one of their dimensions), recounted from the acts.
      await inTransaction(db, async (trx) => {
        for (const table of ACTIVITY_ROLLUPS) await trx.schema.dropTable(table.name).ifExists().execute();
        const counters = (table: CreateTableBuilder<any, any>) =>
          table
            .addColumn('partner', 'text', (c) => c.notNull())
            .addColumn('theme', 'text', (c) => c.notNull())
            .addColumn('referred_to', 'text', (c) => c.notNull())
            .addColumn('acts', 'integer', (c) => c.notNull().defaultTo(0))
            .addColumn('solved', 'integer', (c) => c.notNull().defaultTo(0))
            .addColumn('referred', 'integer', (c) => c.notNull().defaultTo(0))
            .addColumn('follow_up', 'integer', (c) => c.notNull().defaultTo(0));
        await counters(
          trx.schema
            .createTable('activity_daily')
            .addColumn('site_id', 'text', (c) => c.notNull())
            .addColumn('day', 'text', (c) => c.notNull()),
        )
          .addPrimaryKeyConstraint('activity_daily_pk', ['site_id', 'day', 'partner', 'theme', 'referred_to'])
          .execute();
        await counters(trx.schema.createTable('activity_daily_network').addColumn('day', 'text', (c) => c.notNull()))
          .addPrimaryKeyConstraint('activity_daily_network_pk', ['day', 'partner', 'theme', 'referred_to'])
          .execute();
        await sql
          .raw(
            `insert into activity_daily (site_id, day, partner, theme, referred_to, acts, solved, referred, follow_up)
             select site_id, day, partner, theme, coalesce(referred_to, ''), ${OUTCOME_SUMS} from acts
             group by site_id, day, partner, theme, coalesce(referred_to, '')`,
          )
          .execute(trx);
        await sql`
          insert into activity_daily_network (day, partner, theme, referred_to, acts, solved, referred, follow_up)
          select day, partner, theme, referred_to, sum(acts), sum(solved), sum(referred), sum(follow_up) from activity_daily
          group by day, partner, theme, referred_to`.execute(trx);
      });
    },
  },
  '0008_site_self_service': {
    async up(db: Kysely<any>) {
      // Tokens gain the site manager's role (issue 16) and who created each one.
      const roleRule = `(role = 'admin' and site_id is null) or (role in ('agent', 'manager') and site_id is not null)`;
      if (dialectOf(db) === 'postgres') {
        await sql`alter table tokens drop constraint tokens_role_site`.execute(db);
        await sql.raw(`alter table tokens add constraint tokens_role_site check (${roleRule})`).execute(db);
        await db.schema.alterTable('tokens').addColumn('created_by', 'text').execute();
      } else {
        // SQLite cannot change a check constraint: the table is written again.
        await db.schema
          .createTable('tokens_0008')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('site_id', 'text')
          .addColumn('label', 'text', (c) => c.notNull())
          .addColumn('secret_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text')
          .addColumn('revoked_at', 'text')
          .addColumn('last_used_at', 'text')
          .addColumn('created_by', 'text')
          .addCheckConstraint('tokens_role_site', sql.raw(roleRule))
          .execute();
        await sql`insert into tokens_0008 (id, role, site_id, label, secret_hash, created_at, expires_at, revoked_at, last_used_at)
          select id, role, site_id, label, secret_hash, created_at, expires_at, revoked_at, last_used_at from tokens`.execute(db);
        await db.schema.dropTable('tokens').execute();
        await db.schema.alterTable('tokens_0008').renameTo('tokens').execute();
      }
      await db.schema.createIndex('tokens_site').on('tokens').column('site_id').execute();

      // Every change to a site's public information, append-only (as case_events).
      await db.schema
        .createTable('site_history')
        .addColumn('id', serialType(db), (c) => serialKey(db, c))
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('access_id', 'text')
        .addColumn('access_label', 'text', (c) => c.notNull())
        .addColumn('access_role', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .execute();
      await db.schema.createIndex('site_history_site').on('site_history').columns(['site_id', 'id']).execute();
      if (dialectOf(db) === 'postgres') {
        await sql`create function site_history_append_only() returns trigger language plpgsql as $$ begin raise exception 'site_history is append-only'; end $$`.execute(
          db,
        );
        await sql`create trigger site_history_no_update before update on site_history for each row execute function site_history_append_only()`.execute(
          db,
        );
        await sql`create trigger site_history_no_delete before delete on site_history for each row execute function site_history_append_only()`.execute(
          db,
        );
      } else {
        await sql`create trigger site_history_no_update before update on site_history begin select raise(abort, 'site_history is append-only'); end`.execute(
          db,
        );
        await sql`create trigger site_history_no_delete before delete on site_history begin select raise(abort, 'site_history is append-only'); end`.execute(
          db,
        );
      }

      // What a site publishes itself. No foreign key to sites, as for local partners: a site
      // leaving the list on a re-import keeps its rows, and they come back with it.
      await db.schema
        .createTable('site_edits')
        .addColumn('site_id', 'text', (c) => c.primaryKey())
        .addColumn('hours', 'text')
        .addColumn('hours_updated_at', 'text')
        .addColumn('offers', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('verified_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('site_exceptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('starts_on', 'text', (c) => c.notNull())
        .addColumn('ends_on', 'text', (c) => c.notNull())
        .addColumn('closed', 'integer', (c) => c.notNull())
        .addColumn('hours', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('site_exceptions_created_key').on('site_exceptions').column('created_key').unique().execute();
      await db.schema.createIndex('site_exceptions_site').on('site_exceptions').columns(['site_id', 'ends_on']).execute();

      await db.schema
        .createTable('outreach_stops')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('street', 'text', (c) => c.notNull())
        .addColumn('postcode', 'text', (c) => c.notNull())
        .addColumn('commune', 'text', (c) => c.notNull())
        .addColumn('insee_commune', 'text', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('location_from', 'text', (c) => c.notNull())
        .addColumn('rules', 'text', (c) => c.notNull())
        .addColumn('changes', 'text', (c) => c.notNull())
        .addColumn('offer', 'text', (c) => c.notNull())
        .addColumn('partner', 'text')
        .addColumn('note', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('outreach_stops_created_key').on('outreach_stops').column('created_key').unique().execute();
      await db.schema.createIndex('outreach_stops_site').on('outreach_stops').column('site_id').execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['outreach_stops', 'site_exceptions', 'site_edits', 'site_history'])
        await db.schema.dropTable(t).ifExists().execute();
      if (dialectOf(db) === 'postgres') await sql`drop function if exists site_history_append_only()`.execute(db);
      await db.schema.dropIndex('tokens_site').ifExists().execute();
      await db.deleteFrom('tokens').where('role', '=', 'manager').execute();
      if (dialectOf(db) === 'postgres') {
        await sql`alter table tokens drop constraint tokens_role_site`.execute(db);
        await sql`alter table tokens add constraint tokens_role_site check ((role = 'admin' and site_id is null) or (role = 'agent' and site_id is not null))`.execute(
          db,
        );
      }
      await db.schema.alterTable('tokens').dropColumn('created_by').execute();
    },
  },
  '0009_observer_scopes': {
    async up(db: Kysely<any>) {
      // Tokens gain the read-only observers of issue 17: a département's, a carrier's, the network's.
      const roleRule =
        "(role = 'admin' and site_id is null and scope_department is null and scope_carrier is null)" +
        " or (role in ('agent', 'manager') and site_id is not null and scope_department is null and scope_carrier is null)" +
        " or (role = 'departement' and site_id is null and scope_department is not null and scope_carrier is null)" +
        " or (role = 'carrier' and site_id is null and scope_department is null and scope_carrier is not null)" +
        " or (role = 'network' and site_id is null and scope_department is null and scope_carrier is null)";
      if (dialectOf(db) === 'postgres') {
        await db.schema.alterTable('tokens').addColumn('scope_department', 'text').execute();
        await db.schema.alterTable('tokens').addColumn('scope_carrier', 'text').execute();
        await sql`alter table tokens drop constraint tokens_role_site`.execute(db);
        await sql.raw(`alter table tokens add constraint tokens_role_site check (${roleRule})`).execute(db);
      } else {
        // SQLite cannot change a check constraint: the table is written again (as in 0008).
        await db.schema
          .createTable('tokens_0009')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('site_id', 'text')
          .addColumn('label', 'text', (c) => c.notNull())
          .addColumn('secret_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text')
          .addColumn('revoked_at', 'text')
          .addColumn('last_used_at', 'text')
          .addColumn('created_by', 'text')
          .addColumn('scope_department', 'text')
          .addColumn('scope_carrier', 'text')
          .addCheckConstraint('tokens_role_site', sql.raw(roleRule))
          .execute();
        await sql`insert into tokens_0009 (id, role, site_id, label, secret_hash, created_at, expires_at, revoked_at, last_used_at, created_by)
          select id, role, site_id, label, secret_hash, created_at, expires_at, revoked_at, last_used_at, created_by from tokens`.execute(
          db,
        );
        await db.schema.dropTable('tokens').execute();
        await db.schema.alterTable('tokens_0009').renameTo('tokens').execute();
        await db.schema.createIndex('tokens_site').on('tokens').column('site_id').execute();
      }

      // The carriers (structures porteuses) that network administrators name, and the carrier
      // SET for a site. No foreign key to sites: a re-import of the ANCT list (which has no
      // carrier) may drop a site for a while, and its carrier comes back with it.
      await db.schema
        .createTable('carriers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('site_carriers')
        .addColumn('site_id', 'text', (c) => c.primaryKey())
        .addColumn('carrier_id', 'text', (c) => c.notNull().references('carriers.id'))
        .addColumn('set_by', 'text', (c) => c.notNull())
        .addColumn('set_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('site_carriers_carrier').on('site_carriers').columns(['carrier_id', 'site_id']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('site_carriers').ifExists().execute();
      await db.schema.dropTable('carriers').ifExists().execute();
      await db.deleteFrom('tokens').where('role', 'in', ['departement', 'carrier', 'network']).execute();
      const roleRule = `(role = 'admin' and site_id is null) or (role in ('agent', 'manager') and site_id is not null)`;
      if (dialectOf(db) === 'postgres') {
        await sql`alter table tokens drop constraint tokens_role_site`.execute(db);
        await sql.raw(`alter table tokens add constraint tokens_role_site check (${roleRule})`).execute(db);
        await db.schema.alterTable('tokens').dropColumn('scope_carrier').execute();
        await db.schema.alterTable('tokens').dropColumn('scope_department').execute();
      } else {
        await db.schema
          .createTable('tokens_0008')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('site_id', 'text')
          .addColumn('label', 'text', (c) => c.notNull())
          .addColumn('secret_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text')
          .addColumn('revoked_at', 'text')
          .addColumn('last_used_at', 'text')
          .addColumn('created_by', 'text')
          .addCheckConstraint('tokens_role_site', sql.raw(roleRule))
          .execute();
        await sql`insert into tokens_0008 (id, role, site_id, label, secret_hash, created_at, expires_at, revoked_at, last_used_at, created_by)
          select id, role, site_id, label, secret_hash, created_at, expires_at, revoked_at, last_used_at, created_by from tokens`.execute(
          db,
        );
        await db.schema.dropTable('tokens').execute();
        await db.schema.alterTable('tokens_0008').renameTo('tokens').execute();
        await db.schema.createIndex('tokens_site').on('tokens').column('site_id').execute();
      }
    },
  },
  '0010_activity_site_rollups': {
    async up(db: Kysely<any>) {
      // A site's counters whatever the partner and theme, by day and by month (issue 17): the
      // observatory's per-site tables of a département or of the network read 12 rows per site
      // and year instead of a few hundred. Counted from the stored acts, then act by act.
      await inTransaction(db, async (trx) => {
        for (const table of SITE_ROLLUPS) await trx.schema.dropTable(table.name).ifExists().execute();
        for (const table of SITE_ROLLUPS) await createRollup(trx, table);
        await rebuildSiteRollups(trx);
      });
    },
    async down(db: Kysely<any>) {
      for (const table of SITE_ROLLUPS) await db.schema.dropTable(table.name).ifExists().execute();
    },
  },
  '0011_appointments': {
    async up(db: Kysely<any>) {
      // Appointments (issue 19). No foreign key to sites, as for acts and cases: a site leaving
      // the list on a re-import keeps its settings and appointments.
      await db.schema
        .createTable('booking_settings')
        .addColumn('site_id', 'text', (c) => c.primaryKey())
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('duration_minutes', 'integer', (c) => c.notNull().defaultTo(30))
        .addColumn('capacity', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('horizon_days', 'integer', (c) => c.notNull().defaultTo(28))
        .addColumn('min_notice_minutes', 'integer', (c) => c.notNull().defaultTo(1440))
        .addColumn('reasons', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('booking_settings_ranges', sql`duration_minutes between 10 and 240 and capacity between 1 and 20`)
        .execute();

      await db.schema
        .createTable('appointments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('resource', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('partner', 'text')
        .addColumn('theme', 'text')
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('booked_by', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('first_name', 'text')
        .addColumn('phone', 'text')
        .addColumn('email', 'text')
        .addColumn('reminder', 'text', (c) => c.notNull())
        .addColumn('reminder_claimed_at', 'text')
        .addColumn('reminder_claimed_by', 'text')
        .addColumn('reminder_sent_at', 'text')
        .addColumn('cancelled_at', 'text')
        .addColumn('erased_at', 'text')
        .addColumn('act_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('appointments_status', sql`status in ('booked', 'cancelled', 'arrived', 'done', 'no-show')`)
        .addCheckConstraint('appointments_reminder', sql`reminder in ('email', 'sms', 'none')`)
        .execute();
      await db.schema.createIndex('appointments_site_key').on('appointments').columns(['site_id', 'idempotency_key']).unique().execute();
      // The agenda (a site's days), the slots engine (a site's booked times) and the statistics.
      await db.schema.createIndex('appointments_site_start').on('appointments').columns(['site_id', 'starts_at']).execute();
      // Reminders (booked appointments of tomorrow) and erasure (appointments long past).
      await db.schema.createIndex('appointments_start').on('appointments').columns(['starts_at', 'status']).execute();

      // One row per seat taken: the primary key is what makes over-booking impossible, whatever
      // the number of API nodes (docs/security.md, « Appointments »).
      await db.schema
        .createTable('appointment_seats')
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('resource', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('seat', 'integer', (c) => c.notNull())
        .addColumn('appointment_id', 'text', (c) => c.notNull().references('appointments.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('appointment_seats_pk', ['site_id', 'resource', 'starts_at', 'seat'])
        .execute();
      await db.schema.createIndex('appointment_seats_appointment').on('appointment_seats').column('appointment_id').unique().execute();

      await db.schema
        .createTable('appointment_blocks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('resource', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('created_key', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('appointment_blocks_site').on('appointment_blocks').columns(['site_id', 'ends_at']).execute();
      // Several NULLs are allowed by both engines: a block made without a key is never a duplicate.
      await db.schema.createIndex('appointment_blocks_key').on('appointment_blocks').columns(['site_id', 'created_key']).unique().execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['appointment_blocks', 'appointment_seats', 'appointments', 'booking_settings'])
        await db.schema.dropTable(t).ifExists().execute();
    },
  },
  '0012_appointment_reminders': {
    async up(db: Kysely<any>) {
      // The language the person booked in (the reminder's), and the reminder's failed attempts:
      // retried a few times, then given up (`reminder_failed_at`) and counted (docs/reminders.md).
      await db.schema
        .alterTable('appointments')
        .addColumn('language', 'text', (c) => c.notNull().defaultTo('fr'))
        .execute();
      await db.schema
        .alterTable('appointments')
        .addColumn('reminder_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('appointments').addColumn('reminder_failed_at', 'text').execute();
      // Erasure: the appointments whose personal data is still held, by end.
      await db.schema.createIndex('appointments_erasure').on('appointments').columns(['erased_at', 'ends_at']).execute();
      // The agents' changes to appointments (move, cancel, status), once per idempotency key:
      // a change sent twice by the offline outbox is applied once.
      await db.schema
        .createTable('appointment_changes')
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('appointment_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('appointment_changes_pk', ['site_id', 'key'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('appointment_changes').ifExists().execute();
      await db.schema.dropIndex('appointments_erasure').ifExists().execute();
      for (const column of ['reminder_failed_at', 'reminder_attempts', 'language'])
        await db.schema.alterTable('appointments').dropColumn(column).execute();
    },
  },
};

/** Creates a roll-up table: its key columns (text), its counters (integer, 0 by default), the key as primary key. */
async function createRollup(db: Kysely<any>, table: { name: string; key: readonly string[]; counters: readonly string[] }): Promise<void> {
  let create: CreateTableBuilder<any, any> = db.schema.createTable(table.name);
  for (const column of table.key) create = create.addColumn(column, 'text', (c) => c.notNull());
  for (const column of table.counters) create = create.addColumn(column, 'integer', (c) => c.notNull().defaultTo(0));
  create = create.addPrimaryKeyConstraint(`${table.name}_pk`, [...table.key]);
  // SQLite: the rows stored in primary key order, no separate index (half the size, one lookup per upsert).
  if (dialectOf(db) === 'sqlite') create = create.modifyEnd(sql`without rowid`);
  await create.execute();
  // PostgreSQL: no parallel scan. The statistics read a site's or the network's few hundred
  // rows, which parallel workers (a few milliseconds to start) would only slow down.
  if (dialectOf(db) === 'postgres') await sql`alter table ${sql.table(table.name)} set (parallel_workers = 0)`.execute(db);
}

/** The per-site roll-ups of migration 0010, in the order `countAct` writes them. */
const SITE_ROLLUPS = [
  { name: 'activity_site_daily', key: ['site_id', 'day'], counters: ['acts', 'solved', 'referred', 'follow_up'] },
  { name: 'activity_site_monthly', key: ['site_id', 'month'], counters: ['acts', 'solved', 'referred', 'follow_up'] },
] as const;

/** Empties the per-site roll-ups of migration 0010 and counts every stored act in them again. */
async function rebuildSiteRollups(db: Kysely<any>): Promise<void> {
  for (const table of SITE_ROLLUPS) await db.deleteFrom(table.name).execute();
  await sql
    .raw(
      `insert into activity_site_daily (site_id, day, acts, solved, referred, follow_up)
       select site_id, day, ${OUTCOME_SUMS} from acts group by site_id, day`,
    )
    .execute(db);
  await sql`insert into activity_site_monthly (site_id, month, acts, solved, referred, follow_up)
    select site_id, substr(day, 1, 7), sum(acts), sum(solved), sum(referred), sum(follow_up) from activity_site_daily
    group by site_id, substr(day, 1, 7)`.execute(db);
}

/**
 * The activity roll-ups of migration 0007 (written out here, as the other migrations' tables
 * are): counters by partner and theme, referrals by partner referred to, per site (`site_id`)
 * and for the network, per local day and per local month. Listed in the order `countAct`
 * writes them.
 */
const ACTIVITY_ROLLUPS = [
  { name: 'activity_daily', key: ['site_id', 'day', 'partner', 'theme'], counters: ['acts', 'solved', 'referred', 'follow_up'] },
  { name: 'activity_daily_network', key: ['day', 'partner', 'theme'], counters: ['acts', 'solved', 'referred', 'follow_up'] },
  { name: 'activity_monthly', key: ['site_id', 'month', 'partner', 'theme'], counters: ['acts', 'solved', 'referred', 'follow_up'] },
  { name: 'activity_monthly_network', key: ['month', 'partner', 'theme'], counters: ['acts', 'solved', 'referred', 'follow_up'] },
  { name: 'activity_referrals_daily', key: ['site_id', 'day', 'referred_to'], counters: ['referred'] },
  { name: 'activity_referrals_daily_network', key: ['day', 'referred_to'], counters: ['referred'] },
  { name: 'activity_referrals_monthly', key: ['site_id', 'month', 'referred_to'], counters: ['referred'] },
  { name: 'activity_referrals_monthly_network', key: ['month', 'referred_to'], counters: ['referred'] },
] as const;

/** The four counters of a group of acts: all of them, and those of each outcome. */
const OUTCOME_SUMS =
  "count(*), sum(case when outcome = 'solved' then 1 else 0 end), sum(case when outcome = 'referred' then 1 else 0 end), " +
  "sum(case when outcome = 'follow-up' then 1 else 0 end)";

/**
 * Empties the activity roll-ups of migration 0007 and counts every stored act in them again:
 * one INSERT … SELECT … GROUP BY per table, the site's daily rows from the acts and each other
 * table from a finer one (a month is its days; the network is its sites); with `siteTotals` (the
 * default, every migration run) the per-site roll-ups of migration 0010 too. The migrations'
 * backfill, and how the bench builds the roll-ups of the millions of acts it loads in bulk.
 * Run it in a transaction (the migrations do).
 */
export async function rebuildActivityRollups(db: Kysely<any>, { siteTotals = true }: { siteTotals?: boolean } = {}): Promise<void> {
  for (const table of ACTIVITY_ROLLUPS) await db.deleteFrom(table.name).execute();
  const counters = 'sum(acts), sum(solved), sum(referred), sum(follow_up)';
  const statements = [
    `insert into activity_daily (site_id, day, partner, theme, acts, solved, referred, follow_up)
     select site_id, day, partner, theme, ${OUTCOME_SUMS} from acts group by site_id, day, partner, theme`,
    `insert into activity_daily_network (day, partner, theme, acts, solved, referred, follow_up)
     select day, partner, theme, ${counters} from activity_daily group by day, partner, theme`,
    `insert into activity_monthly (site_id, month, partner, theme, acts, solved, referred, follow_up)
     select site_id, substr(day, 1, 7), partner, theme, ${counters} from activity_daily group by site_id, substr(day, 1, 7), partner, theme`,
    `insert into activity_monthly_network (month, partner, theme, acts, solved, referred, follow_up)
     select month, partner, theme, ${counters} from activity_monthly group by month, partner, theme`,
    `insert into activity_referrals_daily (site_id, day, referred_to, referred)
     select site_id, day, referred_to, count(*) from acts where referred_to is not null group by site_id, day, referred_to`,
    `insert into activity_referrals_daily_network (day, referred_to, referred)
     select day, referred_to, sum(referred) from activity_referrals_daily group by day, referred_to`,
    `insert into activity_referrals_monthly (site_id, month, referred_to, referred)
     select site_id, substr(day, 1, 7), referred_to, sum(referred) from activity_referrals_daily group by site_id, substr(day, 1, 7), referred_to`,
    `insert into activity_referrals_monthly_network (month, referred_to, referred)
     select month, referred_to, sum(referred) from activity_referrals_monthly group by month, referred_to`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
  if (siteTotals) await rebuildSiteRollups(db);
}

/** Runs `work` in a transaction: the caller's (PostgreSQL's migrations run in one) or a new one. */
async function inTransaction(db: Kysely<any>, work: (trx: Kysely<any>) => Promise<void>): Promise<void> {
  if (db.isTransaction) return work(db);
  await db.transaction().execute(work);
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the database to the latest schema; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  check(await new Migrator({ db, provider }).migrateToLatest());
}

/** Brings the database to the schema of migration `name`, up or down (what a migration's tests start from). */
export async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
  check(await new Migrator({ db, provider }).migrateTo(name));
}

function check({ error, results }: MigrationResultSet): void {
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Database migration failed${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
