import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  type QueryCompiler,
  type QueryResult,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDatabase as SqliteDialectDatabase,
  sql,
  type TransactionSettings,
} from 'kysely';
import type pg from 'pg';
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

  override createDriver(): Driver {
    return new BusyRetryingDriver(super.createDriver());
  }
}

/** SQLite's driver, with every connection it hands out retrying a busy statement (see BusyRetryingConnection). */
class BusyRetryingDriver implements Driver {
  constructor(private readonly inner: Driver) {}
  init = () => this.inner.init();
  acquireConnection = async () => new BusyRetryingConnection(await this.inner.acquireConnection());
  async beginTransaction(connection: BusyRetryingConnection, settings: TransactionSettings) {
    await this.inner.beginTransaction(connection.inner, settings);
    connection.mark(true);
  }
  async commitTransaction(connection: BusyRetryingConnection) {
    try {
      await this.inner.commitTransaction(connection.inner);
    } finally {
      connection.mark(false);
    }
  }
  async rollbackTransaction(connection: BusyRetryingConnection) {
    try {
      await this.inner.rollbackTransaction(connection.inner);
    } finally {
      connection.mark(false);
    }
  }
  savepoint = (connection: BusyRetryingConnection, name: string, compile: QueryCompiler['compileQuery']) =>
    this.inner.savepoint!(connection.inner, name, compile);
  rollbackToSavepoint = (connection: BusyRetryingConnection, name: string, compile: QueryCompiler['compileQuery']) =>
    this.inner.rollbackToSavepoint!(connection.inner, name, compile);
  releaseSavepoint = (connection: BusyRetryingConnection, name: string, compile: QueryCompiler['compileQuery']) =>
    this.inner.releaseSavepoint!(connection.inner, name, compile);
  releaseConnection = (connection: BusyRetryingConnection) => this.inner.releaseConnection(connection.inner);
  destroy = () => this.inner.destroy();
}

/**
 * A statement outside a transaction that finds the file locked by another process is tried again after an
 * asynchronous wait, so busy_timeout (a synchronous wait that freezes every chat) can stay short. Inside a
 * transaction the error goes up: the whole transaction is retried by its owner (retryWhileBusy around a unit of
 * work), since a statement retried alone could not see what the transaction already read.
 */
class BusyRetryingConnection implements DatabaseConnection {
  constructor(readonly inner: DatabaseConnection) {}
  #inTransaction = false;

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#inTransaction) return this.inner.executeQuery(query);
    return retryWhileBusy(() => this.inner.executeQuery(query));
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery(query, chunkSize);
  }

  /** Kysely's SQLite driver opens and ends transactions by statements on the connection: follow them. */
  mark(inTransaction: boolean): void {
    this.#inTransaction = inTransaction;
  }
}

/**
 * PostgreSQL, its connections in pg's pipeline mode (a query is written at once, not after the answer to the one
 * before) and its transactions opened without a round trip of their own: `begin` is written and the transaction's
 * first statement follows it on the wire, their answers awaited together. A unit of work's last write goes with its
 * `commit` the same way (runUnitOfWork's `last`). Issue 19 §6: a /log's round trips (docs/PERFORMANCE.md).
 */
class PipelinedPostgresDialect extends PostgresDialect {
  override createDriver(): Driver {
    return new PipeliningDriver(super.createDriver());
  }
}

/** PostgreSQL's driver, its `begin` left to go with the transaction's first statement (see PipelinedConnection). */
class PipeliningDriver implements Driver {
  constructor(private readonly inner: Driver) {}
  init = () => this.inner.init();
  acquireConnection = async () => new PipelinedConnection(await this.inner.acquireConnection());
  async beginTransaction(connection: PipelinedConnection, settings: TransactionSettings) {
    if (settings.isolationLevel || settings.accessMode) return this.inner.beginTransaction(connection.inner, settings);
    connection.beginWithNext();
  }
  // Through the wrapper: an empty transaction's pending `begin` is awaited with its `commit` or `rollback`.
  commitTransaction = (connection: PipelinedConnection) => this.inner.commitTransaction(connection);
  rollbackTransaction = (connection: PipelinedConnection) => this.inner.rollbackTransaction(connection.discardable());
  savepoint = (connection: PipelinedConnection, name: string, compile: QueryCompiler['compileQuery']) =>
    this.inner.savepoint!(connection, name, compile);
  rollbackToSavepoint = (connection: PipelinedConnection, name: string, compile: QueryCompiler['compileQuery']) =>
    this.inner.rollbackToSavepoint!(connection, name, compile);
  releaseSavepoint = (connection: PipelinedConnection, name: string, compile: QueryCompiler['compileQuery']) =>
    this.inner.releaseSavepoint!(connection, name, compile);
  releaseConnection = (connection: PipelinedConnection) => this.inner.releaseConnection(connection.inner);
  destroy = () => this.inner.destroy();
}

/**
 * A pooled PostgreSQL connection whose `begin` waits to be written just before the next statement. pg writes a
 * query when it is asked to (pipeline mode), so both reach the server together and cost one round trip; the
 * statement's answer is given once both answered (a failed `begin` fails it: the connection was lost). Kysely's
 * connection calls pg synchronously, so the order on the wire is the order of the calls.
 */
class PipelinedConnection implements DatabaseConnection {
  constructor(readonly inner: DatabaseConnection) {}
  #begun: Promise<unknown> | undefined;

  beginWithNext(): void {
    const begun = this.inner.executeQuery(CompiledQuery.raw('begin'));
    // Awaited with the next statement; until then a failure must not count as unhandled.
    begun.catch(() => {});
    this.#begun = begun;
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const answer = this.inner.executeQuery<R>(query);
    const begun = this.#begun;
    if (!begun) return answer;
    this.#begun = undefined;
    return Promise.all([begun, answer]).then(([, result]) => result);
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery(query, chunkSize);
  }

  /** The connection a rollback goes through: pg's own (Kysely discards it if the rollback fails), `begin` settled. */
  discardable(): DatabaseConnection {
    this.#begun = undefined;
    return this.inner;
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
  /**
   * PostgreSQL only: a pooled connection died (the server restarted, a proxy cut it), idle or in use; told once per
   * connection. The pool opens another for the next query.
   */
  readonly onConnectionLost?: (error: Error) => void;
  /** PostgreSQL only: the most connections the pool opens (pg's default, 10). */
  readonly maxConnections?: number;
  /**
   * PostgreSQL only: statements go as named prepared statements, parsed and planned once per connection (default
   * true; see sendingStatements). Off for a pooler that cannot keep them, like PgBouncer in transaction mode
   * before 1.21.
   */
  readonly preparedStatements?: boolean;
}

/** The most distinct statement texts given a name: the bot has a few hundred shapes; lists of ids add more. */
const PREPARED_TEXTS = 2000;
/** Texts that return `*`: a column added by a later migration would change their result, which PostgreSQL refuses. */
const RETURNS_ALL = /(?:\b(?:select|returning)\s+|,\s*)\*|\w"?\.\*/i;

/** The prepared statement's name of a text, given the first time it is seen; null for a text that goes unnamed. */
function nameOf(names: Map<string, string | null>, text: string): string | null {
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= PREPARED_TEXTS) return null;
    name = RETURNS_ALL.test(text) ? null : `thidua_${names.size}`;
    names.set(text, name);
  }
  return name;
}

/** A pg client's socket, which pg writes each query's messages to (corked around them: one write per query). */
type Corkable = pg.PoolClient & { readonly connection: { readonly stream: { cork(): void; uncork(): void } } };

/**
 * How a pooled pg client sends its statements:
 * - **one write per tick**: its socket stays corked from a query to the end of the tick, so statements written one
 *   after another (a transaction's `begin` and first statement, its last write and `commit`: see
 *   PipelinedPostgresDialect) leave in one write. Each write to a local TCP socket costs about as much CPU as
 *   PostgreSQL spends on a small statement (docs/PERFORMANCE.md);
 * - **prepared statements** (`names`, unless DATABASE_PREPARED_STATEMENTS is off): a statement with values goes as a
 *   named prepared statement, which PostgreSQL parses and plans once per connection, then only binds and runs (half
 *   the server's CPU per /log). Names are given per process, the same text always the same name, for at most
 *   PREPARED_TEXTS texts; the rest, texts without values (`begin`, `commit`, a migration's DDL: several statements
 *   may share such a text, which a name cannot) and texts returning `*` (see RETURNS_ALL) go unnamed. pg keeps what
 *   each connection has prepared.
 */
function sendingStatements(client: pg.PoolClient, names: Map<string, string | null> | undefined): void {
  const { stream } = (client as Corkable).connection;
  let corked = false;
  const uncork = () => {
    corked = false;
    stream.uncork();
  };
  Object.defineProperty(client, 'query', {
    value(this: pg.PoolClient, text: unknown, values?: unknown, ...rest: unknown[]) {
      if (!corked) {
        corked = true;
        stream.cork();
        process.nextTick(uncork);
      }
      const send = Object.getPrototypeOf(this).query as (...args: unknown[]) => unknown;
      const name =
        names && typeof text === 'string' && Array.isArray(values) && values.length > 0 ? nameOf(names, text) : null;
      if (!name) return send.call(this, text, values, ...rest);
      return send.call(this, { name, text, values }, ...rest);
    },
  });
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

/**
 * pg, loaded on the first PostgreSQL connection: a bot on SQLite never pays its ~10 MB (docs/PERFORMANCE.md). A
 * require, so that `connect` stays synchronous; pg is CommonJS and left out of the bundle.
 */
const loadPg = (): typeof pg => createRequire(import.meta.url)('pg') as typeof pg;

/** pg's own parsers, but int8 and numeric as numbers; given to the pool alone, so pg's global parsers stay as they are. */
const pgTypesOf = (driver: typeof pg) =>
  ({
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if ((oid === INT8_OID || oid === NUMERIC_OID) && format !== 'binary') return parseSafeNumber;
      return driver.types.getTypeParser(oid, format);
    },
  }) as pg.CustomTypesConfig;

function connectPostgres(databaseUrl: string, options: ConnectOptions): Connection {
  const driver = loadPg();
  const pool = new driver.Pool({
    connectionString: databaseUrl,
    types: pgTypesOf(driver),
    // Queries written without waiting for the answer to the one before: see PipelinedPostgresDialect.
    pipeline: true,
    ...(options.maxConnections !== undefined && { max: options.maxConnections }),
  });
  // A connection that dies (a server restart) emits 'error', and an 'error' without a listener crashes the
  // process. The pool listens on idle connections only, drops them and tells its own 'error'; the next query opens
  // a new one. That is told below, with the connections in use.
  pool.on('error', () => {});
  // A connection in use (a transaction's) may die too: its query fails, which tells the caller, and the pool drops
  // it on release; but pg also emits 'error' on it, and the pool does not listen while it is checked out. pg may
  // emit more than one 'error' for one connection: it is told once.
  const names = new Map<string, string | null>();
  pool.on('connect', (client) => {
    sendingStatements(client, options.preparedStatements === false ? undefined : names);
    let told = false;
    client.on('error', (error) => {
      if (told) return;
      told = true;
      options.onConnectionLost?.(error);
    });
  });
  const db = new Kysely<Database>({ dialect: new PipelinedPostgresDialect({ pool }) });
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

/** Network failures on the way to PostgreSQL (Node's codes). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Whether the error says the database could not be reached or used at all, rather than that this update's work
 * failed: a network failure or a connection pg lost (it throws those without a code), PostgreSQL's connection
 * exceptions (class 08), a shutting-down or starting server (57P01-57P03), insufficient resources (class 53: too many
 * connections, disk full), or SQLite's locked, busy (past every retry), I/O, full, read-only and cannot-open errors.
 * Such a failure would hit any update: the intake holds updates while it lasts. Looks through `cause` too.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (isBusyError(error)) return true;
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (NETWORK_CODES.has(code)) return true;
      if (/^(08|53)[0-9A-Z]{3}$/.test(code) || /^57P0[123]$/.test(code)) return true;
      if (/^SQLITE_(IOERR|FULL|READONLY|CANTOPEN|NOMEM)(_|$)/.test(code)) return true;
    }
    if (
      typeof message === 'string' &&
      /^Connection terminated|is not queryable|timeout exceeded when trying to connect/i.test(message)
    )
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Waits between tries on a busy database, doubling from 25 ms, about 10 s in all. */
export const BUSY_RETRY_DELAYS_MS: readonly number[] = [25, 50, 100, 200, 400, 800, 1600, 3200, 3200];

/**
 * Runs `attempt` again while it fails because the database is busy, waiting without blocking the event loop
 * (SQLite's own busy_timeout waits synchronously, freezing every chat). The last error goes to the caller.
 */
export async function retryWhileBusy<T>(
  attempt: () => Promise<T>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  delays: readonly number[] = BUSY_RETRY_DELAYS_MS,
): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await attempt();
    } catch (error) {
      const delay = delays[retry];
      if (delay === undefined || !isBusyError(error)) throw error;
      await sleep(delay);
    }
  }
}

/** Whether the database answers a trivial query: what /healthz reports. */
export async function databaseAnswers(db: Kysely<Database>): Promise<true | string> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
