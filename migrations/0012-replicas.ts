import { type Kysely, type Migration, sql } from 'kysely';
import type { MigrationDialect } from './columns';

/**
 * What each cache of the directory (src/directory/directory.ts) is read from, and when a change there moves its
 * version. A chat's row changes often (titles, reachability); the cache holds only its unit and language.
 */
const CACHED: readonly { cache: string; table: string; columns?: readonly string[] }[] = [
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

    const bump = (cache: string) =>
      `insert into cache_versions (name, version) values ('${cache}', 1) on conflict (name) do update set version = cache_versions.version + 1`;
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
      for (const { cache, table, columns } of CACHED) {
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
    for (const { cache, table, columns } of CACHED) {
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
  },
});
