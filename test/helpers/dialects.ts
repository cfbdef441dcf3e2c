import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type Connection, connect, type Dialect } from '../../src/storage/connect';
import { migrateToLatest } from '../../src/storage/migrate';
import type { Db } from '../../src/storage/schema';

/** The PostgreSQL server the tests may use (a database in it, really); unset, they run on SQLite alone. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

/** The dialects the storage tests run on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const DIALECTS: readonly Dialect[] = TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** A fresh store of its own: a temporary SQLite file, or a schema of its own on the test PostgreSQL server. */
export interface TestStore {
  readonly dialect: Dialect;
  readonly connection: Connection;
  readonly db: Db;
  /** A DATABASE_URL for this very store, for a second connection or another process. */
  readonly url: string;
  /** SQLite: the file; PostgreSQL: the schema. */
  readonly location: string;
  /** Closes the connection and removes the file or drops the schema. */
  dispose(): Promise<void>;
}

/** The process id namespace: containers sharing a host name (and a server) do not see each other's pids. */
const pidNamespace = () => {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '';
  }
};

/**
 * This machine and pid namespace, in schema names: a sweep only drops schemas of dead processes it can see, never
 * those of a container next door whose pids mean something else.
 */
const HOST = createHash('sha256').update(`${hostname()}\0${pidNamespace()}`).digest('hex').slice(0, 8);

/** A random schema name: parallel test files and concurrent runs never share one. */
const schemaName = () => `test_${HOST}_${process.pid}_${randomBytes(6).toString('hex')}`;

/** The test server's URL, its connections starting in the schema (pg passes `options` to the server). */
export function urlWithSchema(baseUrl: string, schema: string): string {
  const url = new URL(baseUrl);
  // Tests need no durability: commits do not wait for the disk (a session setting, this connection's alone).
  url.searchParams.set('options', `-c search_path=${schema} -c synchronous_commit=off`);
  return url.toString();
}

/** Runs one statement on the test server, outside any store (creating and dropping schemas). */
export async function onTestServer(statement: string): Promise<void> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

let swept: Promise<void> | undefined;

/**
 * Drops the schemas left by test processes of this machine that died before disposing of their stores (a killed
 * run): their names carry the machine and the pid. Once per process; a schema of a live process is never touched.
 */
function sweepDeadSchemas(): Promise<void> {
  swept ??= (async () => {
    if (!TEST_DATABASE_URL) return;
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        "select nspname as name from pg_namespace where nspname ~ '^test_[0-9a-f]{8}_[0-9]+_[0-9a-f]+$'",
      );
      for (const { name } of rows) {
        const [, host, pid] = name.split('_');
        if (host === HOST && !alive(Number(pid))) await client.query(`drop schema if exists "${name}" cascade`);
      }
    } finally {
      await client.end();
    }
  })();
  return swept;
}

/** A new, empty schema on the test server (dropped by `dropTestSchema`), and a URL whose connections use it. */
export async function createTestSchema(): Promise<{ schema: string; url: string }> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set: PostgreSQL tests cannot run');
  await sweepDeadSchemas();
  const schema = schemaName();
  await onTestServer(`create schema "${schema}"`);
  return { schema, url: urlWithSchema(TEST_DATABASE_URL, schema) };
}

export const dropTestSchema = (schema: string): Promise<void> =>
  onTestServer(`drop schema if exists "${schema}" cascade`);

/** A fresh store on the dialect, migrated to the latest schema unless `migrate: false`. */
export async function openTestStore(dialect: Dialect, options: { migrate?: boolean } = {}): Promise<TestStore> {
  let store: TestStore;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-store-'));
    const file = join(dir, 'test.sqlite');
    const connection = connect(file);
    store = {
      dialect,
      connection,
      db: connection.db,
      url: file,
      location: file,
      async dispose() {
        await connection.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } else {
    const { schema, url } = await createTestSchema();
    const connection = connect(url);
    store = {
      dialect,
      connection,
      db: connection.db,
      url,
      location: schema,
      async dispose() {
        await connection.close();
        await dropTestSchema(schema);
      },
    };
  }
  if (options.migrate ?? true) {
    const { error } = await migrateToLatest(store.connection);
    if (error) {
      await store.dispose();
      throw error;
    }
  }
  return store;
}

/** Migrated PostgreSQL schemas this process emptied and may hand out again (a migration costs seconds there). */
const idleSchemas: { schema: string; url: string; reset: string }[] = [];

/**
 * The statements that bring a migrated schema back to how the migrations left it: every table emptied (foreign
 * keys not checked meanwhile), the seeded rows put back and the sequences restarted. One round trip.
 */
async function resetScriptOf(db: Db, schema: string): Promise<string> {
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const literal = (value: unknown) =>
    value === null ? 'null' : typeof value === 'number' ? String(value) : `'${String(value).replaceAll("'", "''")}'`;
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = ${schema} and table_type = 'BASE TABLE' and table_name not like 'kysely_migration%'`.execute(
    db,
  );
  const { rows: sequences } = await sql<{ name: string }>`
    select sequence_name as name from information_schema.sequences where sequence_schema = ${schema}`.execute(db);
  const statements = ['set session_replication_role = replica'];
  const seeds: string[] = [];
  for (const { name } of tables) {
    statements.push(`delete from ${quote(name)}`);
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    for (const row of rows) {
      const columns = Object.keys(row);
      seeds.push(
        `insert into ${quote(name)} (${columns.map(quote).join(', ')}) values (${columns.map((column) => literal(row[column])).join(', ')})`,
      );
    }
  }
  for (const { name } of sequences) statements.push(`alter sequence ${quote(name)} restart`);
  statements.push(...seeds, 'set session_replication_role = default');
  return `begin; ${statements.join('; ')}; commit`;
}

/**
 * A migrated store for a test bot, its own while held. SQLite: a fresh file. PostgreSQL: a schema this process
 * migrated once and empties on dispose for the next test, so the bot suite does not pay a migration per test.
 * The app opens its own connection to `url`; dispose once that connection is closed.
 */
export async function borrowMigratedStore(dialect: Dialect): Promise<TestStore> {
  if (dialect === 'sqlite') return openTestStore(dialect);
  let idle = idleSchemas.pop();
  if (!idle) {
    const fresh = await openTestStore(dialect);
    idle = { schema: fresh.location, url: fresh.url, reset: await resetScriptOf(fresh.db, fresh.location) };
    await fresh.connection.close();
  }
  const { schema, url, reset } = idle;
  const connection = connect(url, { maxConnections: 1 });
  const held = idle;
  let disposed: Promise<void> | undefined;
  return {
    dialect,
    connection,
    db: connection.db,
    url,
    location: schema,
    // Once only: a schema handed back twice would be lent to two tests at once.
    dispose: () => {
      disposed ??= (async () => {
        try {
          await sql.raw(reset).execute(connection.db);
          idleSchemas.push(held);
        } catch {
          await dropTestSchema(schema).catch(() => {});
        } finally {
          await connection.close();
        }
      })();
      return disposed;
    },
  };
}
