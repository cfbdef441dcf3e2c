import type { Migration } from 'kysely';
import { initial } from './0001-initial';
import { seedMetrics } from './0002-seed-metrics';
import type { MigrationDialect } from './columns';

/** Every migration, in order, registered in code so a bundled or installed bot never reads the disk for them. */
export const migrationsFor = (dialect: MigrationDialect): Record<string, Migration> => ({
  '0001-initial': initial(dialect),
  '0002-seed-metrics': seedMetrics,
});
