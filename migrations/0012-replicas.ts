import { type Kysely, type Migration, sql } from 'kysely';
import type { MigrationDialect } from './columns';

/** A table a directory cache is read from; `columns`: only a change of these moves the version. */
export interface CachedTable {
  readonly cache: string;
  readonly table: string;
  readonly columns?: readonly string[];
}

/**
 * What each cache of the directory (src/directory/directory.ts) is read from, and when a change there moves its
 * version. A chat's row changes often (titles, reachability); the cache holds only its unit and language.
 */
const CACHED: readonly CachedTable[] = [
  { cache: 'units', table: 'units' },
  { cache: 'metrics', table: 'metrics' },
  { cache: 'metrics', table: 'metric_aliases' },
  { cache: 'roles', table: 'roles' },
  { cache: 'chats', table: 'chats', columns: ['unit_id', 'locale'] },
];

/**
 * Several processes on one database (replicas, the job CLI):
 * - `cache_versions`: one row per directory cache, its version moved by triggers in the very transaction that
 *   changes what the cache holds, whoever writes (the bot, a CLI, a hand-written statement). Each process reads the
 *   versions at most every second and drops the caches whose version moved.
 * - `sender_lease`: one row per bot token (a hash of it): the one process allowed to send until `until`.
 */
export const replicas = (dialect: MigrationDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('cache_versions')
      .addColumn('name', 'text', (col) => col.primaryKey())
      .addColumn('version', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema
      .createTable('sender_lease')
      .addColumn('token_hash', 'text', (col) => col.primaryKey())
      .addColumn('owner', 'text', (col) => col.notNull())
      .addColumn('until', 'text', (col) => col.notNull())
      .execute();

    if (dialect === 'postgres') {
      await sql
        .raw(
          `create function bump_cache_version() returns trigger language plpgsql as $$
           begin
             insert into cache_versions (name, version) values (tg_argv[0], 1)
               on conflict (name) do update set version = cache_versions.version + 1;
             return null;
           end $$`,
        )
        .execute(db);
    }
    await createCacheTriggers(db, dialect, CACHED);
  },
});

/**
 * The triggers that move `cache`'s version whenever its table changes (on PostgreSQL through bump_cache_version(),
 * which this migration creates): once per statement, or per row changing one of `columns` when given.
 */
export async function createCacheTriggers(
  db: Kysely<unknown>,
  dialect: MigrationDialect,
  cached: readonly CachedTable[],
): Promise<void> {
  const bump = (cache: string) =>
    `insert into cache_versions (name, version) values ('${cache}', 1) on conflict (name) do update set version = cache_versions.version + 1`;
  if (dialect === 'postgres') {
    for (const { cache, table, columns } of cached) {
      const name = `${table}_cache_version`;
      if (!columns) {
        await sql
          .raw(
            `create trigger ${name} after insert or update or delete or truncate on ${table}
             for each statement execute function bump_cache_version('${cache}')`,
          )
          .execute(db);
        continue;
      }
      const changed = columns.map((column) => `old.${column} is distinct from new.${column}`).join(' or ');
      await sql
        .raw(
          `create trigger ${name}_insert after insert or delete on ${table}
           for each statement execute function bump_cache_version('${cache}')`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger ${name}_update after update on ${table} for each row when (${changed})
           execute function bump_cache_version('${cache}')`,
        )
        .execute(db);
    }
    return;
  }
  for (const { cache, table, columns } of cached) {
    for (const event of ['insert', 'update', 'delete'] as const) {
      const when =
        event === 'update' && columns
          ? ` of ${columns.join(', ')} on ${table} when ${columns.map((column) => `old.${column} is not new.${column}`).join(' or ')}`
          : ` on ${table}`;
      await sql
        .raw(`create trigger ${table}_cache_version_${event} after ${event}${when} begin ${bump(cache)}; end`)
        .execute(db);
    }
  }
}
