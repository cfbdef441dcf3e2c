// npm run migrate-sqlite-to-postgres -- <sqlite file> <postgres url>
//
// Copies a SQLite store into an empty PostgreSQL database (or schema: search_path in the URL's `options`), with the
// bot stopped. Both are first brought to the latest schema; the target must hold nothing but what the migrations
// seed (the metric catalog), which the source's catalog replaces. Every table is copied in dependency order, in
// batches, inside one transaction; identity sequences are moved past the copied ids; then the row count and the
// total of every numeric column of every table are compared, a table of them is printed, and on any mismatch the
// transaction is rolled back and the command exits with 1.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { SEED_METRICS } from '../../migrations/0002-seed-metrics';
import { textTable } from '../kernel/text-table';
import { type Connection, connect, isPostgresUrl } from './connect';
import { migrateToLatest } from './migrate';

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
export const BATCH_ROWS = 500;

// biome-ignore lint/suspicious/noExplicitAny: the copy is generic over whatever tables the migrations made.
type AnyDb = Kysely<any>;
type Row = Record<string, unknown>;

/** What the migrations themselves put in the target: an empty store still holds exactly this. */
const SEEDED_ROWS: Readonly<Record<string, number>> = {
  metrics: SEED_METRICS.length,
  metric_aliases: SEED_METRICS.reduce((sum, metric) => sum + metric.aliases.length, 0),
};

interface SourceTable {
  readonly name: string;
  readonly columns: readonly string[];
  /** Columns referring to the table itself (units.parent_id): copied as null, then set once every row is in. */
  readonly selfReferences: readonly string[];
  readonly dependsOn: readonly string[];
}

/** One table's comparison: rows on each side and, per numeric column, the totals (as exact decimal text). */
export interface TableCheck {
  readonly table: string;
  readonly sourceRows: number;
  readonly targetRows: number;
  readonly totals: readonly { column: string; source: string | null; target: string | null }[];
  readonly ok: boolean;
}

export interface CopyReport {
  readonly checks: readonly TableCheck[];
  readonly ok: boolean;
}

/**
 * Running state of the processes, not data (migration 0012): cache versions are moved on the target by its own
 * triggers as the copy writes, and a sender lease names a process of the old deployment. Neither is copied.
 */
const RUNTIME_TABLES = new Set(['cache_versions', 'sender_lease']);

const isInternal = (table: string) =>
  table.startsWith('kysely_') || table.startsWith('sqlite_') || RUNTIME_TABLES.has(table);

async function sourceTables(db: AnyDb): Promise<SourceTable[]> {
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' order by name`.execute(db);
  const tables: SourceTable[] = [];
  for (const { name } of rows.filter((row) => !isInternal(row.name))) {
    const columns = (await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(db)).rows;
    const keys = (
      await sql<{ table: string; from: string }>`
      select "table", "from" from pragma_foreign_key_list(${name})`.execute(db)
    ).rows;
    tables.push({
      name,
      columns: columns.map((column) => column.name),
      selfReferences: keys.filter((key) => key.table === name).map((key) => key.from),
      dependsOn: [...new Set(keys.filter((key) => key.table !== name).map((key) => key.table))],
    });
  }
  return tables;
}

/** Parents before children, by the source's foreign keys. */
export function dependencyOrder<T extends { name: string; dependsOn: readonly string[] }>(tables: readonly T[]): T[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const ordered: T[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: T) => {
    if (state.get(table.name) === 'done') return;
    if (state.get(table.name) === 'visiting') throw new Error(`foreign keys form a cycle through ${table.name}`);
    state.set(table.name, 'visiting');
    for (const parent of table.dependsOn) {
      const found = byName.get(parent);
      if (found) visit(found);
    }
    state.set(table.name, 'done');
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered;
}

interface TargetColumn {
  readonly name: string;
  readonly dataType: string;
  readonly isAutoIncrementing: boolean;
}

async function targetColumns(db: AnyDb): Promise<Map<string, TargetColumn[]>> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  const tables = (await db.introspection.getTables()).filter((table) => table.schema === schema);
  return new Map(tables.map((table) => [table.name, table.columns]));
}

const NUMERIC_TYPES = new Set(['int2', 'int4', 'int8', 'numeric', 'float4', 'float8']);

const countOf = async (db: AnyDb, table: string) =>
  Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]?.n ?? 0);

/** The column's total as exact decimal text (null over no rows): a number would round totals of Telegram ids. */
async function totalOf(db: AnyDb, table: string, column: string): Promise<string | null> {
  const { rows } = await sql<{ total: string | null }>`
    select cast(sum(${sql.ref(column)}) as text) as total from ${sql.table(table)}`.execute(db);
  return rows[0]?.total ?? null;
}

/** Copies every row of the source into the target's transaction, batch by batch, in rowid order. */
async function copyTable(source: AnyDb, target: AnyDb, table: SourceTable): Promise<void> {
  const { name, columns, selfReferences } = table;
  const list = sql.join(columns.map((column) => sql.ref(column)));
  let after = Number.MIN_SAFE_INTEGER;
  const deferred: Row[] = [];
  for (;;) {
    const { rows } = await sql<Row & { __rowid: number }>`
      select rowid as __rowid, ${list} from ${sql.table(name)} where rowid > ${after}
      order by rowid limit ${BATCH_ROWS}`.execute(source);
    if (rows.length === 0) break;
    after = rows.at(-1)!.__rowid;
    const values = rows.map(({ __rowid, ...row }) => {
      if (selfReferences.some((column) => row[column] !== null)) deferred.push(row);
      return { ...row, ...Object.fromEntries(selfReferences.map((column) => [column, null])) };
    });
    await target.insertInto(name).values(values).execute();
  }
  if (deferred.length === 0) return;
  // Self-references once every row exists: needs a single-column primary key, which such tables have (units.id).
  const key = columns.includes('id') ? 'id' : undefined;
  if (!key) throw new Error(`${name} refers to itself but has no id column to set the references by`);
  for (const row of deferred) {
    await target
      .updateTable(name)
      .set(Object.fromEntries(selfReferences.map((column) => [column, row[column]])))
      .where(key, '=', row[key])
      .execute();
  }
}

/** Moves every identity sequence of the target past the largest copied id. */
async function resetSequences(target: AnyDb, columns: Map<string, TargetColumn[]>): Promise<void> {
  for (const [table, tableColumns] of columns) {
    for (const column of tableColumns.filter((c) => c.isAutoIncrementing)) {
      await sql`select setval(pg_get_serial_sequence(${table}, ${column.name}),
        coalesce((select max(${sql.ref(column.name)}) from ${sql.table(table)}), 0) + 1, false)`.execute(target);
    }
  }
}

async function compare(
  source: AnyDb,
  target: AnyDb,
  tables: readonly SourceTable[],
  columns: Map<string, TargetColumn[]>,
): Promise<TableCheck[]> {
  const checks: TableCheck[] = [];
  for (const table of tables) {
    const numeric = (columns.get(table.name) ?? []).filter((column) => NUMERIC_TYPES.has(column.dataType));
    const totals = [];
    for (const column of numeric) {
      totals.push({
        column: column.name,
        source: await totalOf(source, table.name, column.name),
        target: await totalOf(target, table.name, column.name),
      });
    }
    const sourceRows = await countOf(source, table.name);
    const targetRows = await countOf(target, table.name);
    const ok = sourceRows === targetRows && totals.every((total) => total.source === total.target);
    checks.push({ table: table.name, sourceRows, targetRows, totals, ok });
  }
  return checks;
}

/** The comparison as an aligned text table, one line per table, and a last line saying whether all matched. */
export function formatReport(report: CopyReport): string {
  const header = ['table', 'sqlite rows', 'postgres rows', 'numeric totals', 'check'];
  const lines = report.checks.map((check) => {
    const wrong = check.totals.filter((total) => total.source !== total.target);
    const totals =
      check.totals.length === 0
        ? '-'
        : wrong.length === 0
          ? `${check.totals.length} equal`
          : wrong.map((total) => `${total.column}: ${total.source} ≠ ${total.target}`).join('; ');
    return [check.table, String(check.sourceRows), String(check.targetRows), totals, check.ok ? 'ok' : 'MISMATCH'];
  });
  return [
    ...textTable(header, lines),
    report.ok ? 'every table matches' : 'MISMATCH: nothing was kept (rolled back)',
  ].join('\n');
}

/** Refuses a target holding anything the migrations did not put there. */
async function ensureEmpty(target: AnyDb, tables: readonly string[]): Promise<void> {
  const full: string[] = [];
  for (const table of tables) {
    const rows = await countOf(target, table);
    if (rows > (SEEDED_ROWS[table] ?? 0)) full.push(`${table} (${rows} rows)`);
  }
  if (full.length > 0) {
    throw new Error(`the PostgreSQL target is not empty: ${full.join(', ')}; copy only into a fresh database`);
  }
}

/** A mismatch found inside the transaction: thrown to roll it back, carrying the report. */
class MismatchError extends Error {
  constructor(readonly report: CopyReport) {
    super('row counts or totals differ');
  }
}

/** Migrates both stores, copies the SQLite store into the (empty) PostgreSQL one and compares them. */
export async function copySqliteToPostgres(source: Connection, target: Connection): Promise<CopyReport> {
  if (source.dialect !== 'sqlite' || target.dialect !== 'postgres') {
    throw new Error('copy from a SQLite store to a PostgreSQL one');
  }
  for (const [side, connection] of [
    ['SQLite source', source],
    ['PostgreSQL target', target],
  ] as const) {
    const { error } = await migrateToLatest(connection);
    if (error) throw new Error(`migrating the ${side} failed: ${String(error)}`, { cause: error });
  }
  const sourceDb = source.db as AnyDb;
  const tables = dependencyOrder(await sourceTables(sourceDb));
  const columns = await targetColumns(target.db as AnyDb);
  for (const table of tables) {
    const have = new Set((columns.get(table.name) ?? []).map((column) => column.name));
    const missing = table.columns.filter((column) => !have.has(column));
    if (!columns.has(table.name) || missing.length > 0) {
      throw new Error(`the target has no ${columns.has(table.name) ? `${missing.join(', ')} in ` : ''}${table.name}`);
    }
  }
  await ensureEmpty(target.db as AnyDb, [...columns.keys()]);
  try {
    return await (target.db as AnyDb).transaction().execute(async (trx) => {
      await ensureEmpty(trx, [...columns.keys()]);
      // The seeded catalog gives way to the source's own (children first).
      for (const table of [...tables].reverse())
        if (SEEDED_ROWS[table.name]) await trx.deleteFrom(table.name).execute();
      for (const table of tables) await copyTable(sourceDb, trx, table);
      await resetSequences(trx, columns);
      const checks = await compare(sourceDb, trx, tables, columns);
      const report = { checks, ok: checks.every((check) => check.ok) };
      if (!report.ok) throw new MismatchError(report);
      return report;
    });
  } catch (error) {
    if (error instanceof MismatchError) return error.report;
    throw error;
  }
}

async function main(args: readonly string[]): Promise<number> {
  const [file, url] = args;
  if (!file || !url || !isPostgresUrl(url)) {
    console.error('usage: npm run migrate-sqlite-to-postgres -- <sqlite file> <postgres://user@host:5432/database>');
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`no SQLite file at ${file}`);
    return 2;
  }
  const source = connect(file);
  const target = connect(url);
  try {
    const report = await copySqliteToPostgres(source, target);
    console.log(formatReport(report));
    return report.ok ? 0 : 1;
  } catch (error) {
    console.error(`migrate-sqlite-to-postgres: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await source.close();
    await target.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
