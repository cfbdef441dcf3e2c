import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Safe administration: units and metrics are retired, never deleted (their history stays), and an alias keeps the
 * form it was typed in (with its diacritics) beside the folded one it is looked up by.
 * - `units.retired_at`, `metrics.retired_at`: null while in use.
 * - `metric_aliases.display`: the alias as typed; rows from before keep their folded text as display.
 */
export const retire: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('units').addColumn('retired_at', 'text').execute();
    await db.schema.alterTable('metrics').addColumn('retired_at', 'text').execute();
    await db.schema.alterTable('metric_aliases').addColumn('display', 'text').execute();
    await sql`update metric_aliases set display = alias`.execute(db);
  },
};
