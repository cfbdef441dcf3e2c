import { type MigrationResultSet, Migrator, sql } from 'kysely';
import { migrationsFor } from '../../migrations';
import { type Connection, SQLITE_BUSY_TIMEOUT_MS } from './connect';

/** How long a SQLite migration waits for another process migrating the same file (the bot itself waits 50 ms). */
const SQLITE_MIGRATION_BUSY_TIMEOUT_MS = 30_000;

/**
 * Brings the schema up to date; returns Kysely's result set and never throws, the caller decides.
 *
 * Several processes may start at once, and the migrations run once, inside one transaction:
 * - on PostgreSQL, Kysely's Migrator holds a session advisory lock around its transaction; its bookkeeping tables
 *   are named in the connection's current schema, so that the same tables in another schema do not count;
 * - on SQLite (one connection per process), the whole run, bookkeeping included, is one `begin immediate`
 *   transaction: it takes the file's write lock before reading anything, so a second process waits, then finds
 *   every migration done (a deferred transaction would fail with SQLITE_BUSY_SNAPSHOT instead).
 */
export async function migrateToLatest(connection: Connection): Promise<MigrationResultSet> {
  const { db } = connection;
  try {
    if (connection.dialect === 'postgres') return await (await createMigrator(connection)).migrateToLatest();
    await sql.raw(`pragma busy_timeout = ${SQLITE_MIGRATION_BUSY_TIMEOUT_MS}`).execute(db);
    try {
      await sql`begin immediate`.execute(db);
      let result: MigrationResultSet;
      try {
        const provider = { getMigrations: async () => migrationsFor(connection.dialect) };
        result = await new Migrator({ db, provider, disableTransactions: true }).migrateToLatest();
      } catch (error) {
        result = { error };
      }
      await sql.raw(result.error ? 'rollback' : 'commit').execute(db);
      return result;
    } finally {
      await sql.raw(`pragma busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`).execute(db);
    }
  } catch (error) {
    return { error };
  }
}

/**
 * A Migrator over the registered migrations, for steps other than "to latest" (tests stop half-way); each step
 * runs in a transaction. On PostgreSQL its bookkeeping tables are named in the connection's current schema.
 */
export async function createMigrator(connection: Connection): Promise<Migrator> {
  const provider = { getMigrations: async () => migrationsFor(connection.dialect) };
  if (connection.dialect === 'sqlite') return new Migrator({ db: connection.db, provider });
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(connection.db);
  const migrationTableSchema = rows[0]?.schema;
  if (!migrationTableSchema) throw new Error('PostgreSQL has no current schema: check search_path');
  return new Migrator({ db: connection.db, provider, migrationTableSchema });
}
