import { type MigrationResultSet, Migrator } from 'kysely';
import { migrationsFor } from '../../migrations';
import type { Connection } from './connect';

/** Brings the schema up to date; returns Kysely's result set and never throws, the caller decides. */
export function migrateToLatest(connection: Connection): Promise<MigrationResultSet> {
  const migrations = migrationsFor(connection.dialect);
  const migrator = new Migrator({
    db: connection.db,
    provider: { getMigrations: async () => migrations },
  });
  return migrator.migrateToLatest();
}
