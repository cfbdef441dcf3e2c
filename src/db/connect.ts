import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDatabase as SqliteDialectDatabase,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';

/** Whether DATABASE_URL names a PostgreSQL server (postgres:// or postgresql://) rather than a SQLite file. */
export const isPostgresUrl = (databaseUrl: string): boolean => /^postgres(ql)?:\/\//i.test(databaseUrl);

/** SQLite can roll DDL back, so migrations may run inside a transaction (Kysely's adapter says it cannot). */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalSqliteAdapter();
  }
}

/** How many distinct SQL texts keep a prepared statement; the bot issues a few dozen shapes. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * How long a SQLite statement waits for another connection's write lock before failing with SQLITE_BUSY.
 * better-sqlite3 waits synchronously, blocking the event loop, so the wait is kept short: the caller retries the
 * whole transaction asynchronously instead (see isBusyError).
 */
export const SQLITE_BUSY_TIMEOUT_MS = 50;

/**
 * The database as Kysely's SQLite driver sees it, but reusing prepared statements by SQL text: Kysely prepares on
 * every execution, and preparing costs about as much as running a small statement. When full, the oldest entry
 * goes. Safe because the driver runs one statement at a time on its single connection and reads every row before
 * the next (a stream is read to its end or closed before the connection is released), and SQLite re-prepares a
 * statement by itself when the schema changes.
 */
function cachingStatements(sqlite: SqliteDatabase.Database): SqliteDialectDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

export interface Connection {
  readonly db: Kysely<Database>;
  /** Which database this is: callers choose group commit (SQLite) or one transaction per update (PostgreSQL). */
  readonly dialect: Dialect;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** PostgreSQL only: an idle pooled connection failed (the server restarted, say); the pool replaces it. */
  readonly onPoolError?: (error: Error) => void;
  /** PostgreSQL only: the most connections the pool opens (pg's default, 10). */
  readonly maxConnections?: number;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * A PostgreSQL int8 or numeric (what count() and sum() return) as a JavaScript number, refusing one that a number
 * cannot hold exactly: ids are compared with ===, so a string or a rounded number would silently mismatch.
 */
export function parseSafeNumber(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(`database value ${text} is beyond what a JavaScript number holds exactly (2^53 - 1)`);
  }
  return value;
}

/** pg's own parsers, but int8 and numeric as numbers; given to the pool alone, so pg's global parsers stay as they are. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if ((oid === INT8_OID || oid === NUMERIC_OID) && format !== 'binary') return parseSafeNumber;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function connectPostgres(databaseUrl: string, options: ConnectOptions): Connection {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    types: pgTypes,
    ...(options.maxConnections !== undefined && { max: options.maxConnections }),
  });
  // Without a listener an idle connection's error (a server restart) would crash the process; the pool drops the
  // connection and the next query opens a new one.
  pool.on('error', options.onPoolError ?? (() => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/**
 * Opens the store named by DATABASE_URL: postgres:// or postgresql:// for PostgreSQL (a lazy pool: nothing connects
 * before the first query), anything else a SQLite file path (or ":memory:").
 */
export function connect(databaseUrl: string, options: ConnectOptions = {}): Connection {
  if (isPostgresUrl(databaseUrl)) return connectPostgres(databaseUrl, options);
  if (databaseUrl !== ':memory:') mkdirSync(dirname(databaseUrl), { recursive: true });
  const sqlite = new SqliteDatabase(databaseUrl);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new TransactionalSqliteDialect({ database: cachingStatements(sqlite) }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

const BUSY_CODES = new Set([
  // better-sqlite3's SqliteError codes: another connection holds the lock (extended codes start the same way).
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  // PostgreSQL: serialization_failure and deadlock_detected, both safe to retry as a whole transaction.
  '40001',
  '40P01',
]);

/**
 * Whether the error says the transaction lost a race for a lock and may succeed if run again from the start:
 * SQLITE_BUSY / SQLITE_LOCKED (and their extended codes, like SQLITE_BUSY_SNAPSHOT) from better-sqlite3, or
 * PostgreSQL's serialization failure (40001) and deadlock (40P01). Looks through `cause` too.
 */
export function isBusyError(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (BUSY_CODES.has(code)) return true;
      if (/^SQLITE_(BUSY|LOCKED)_/.test(code)) return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
