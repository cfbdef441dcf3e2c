// What `npm run backup` and `npm run restore` ask of a store (src/cli/backup.ts, src/cli/restore.ts): a consistent
// SQLite snapshot, and a census (rows and numeric totals per table, the running totals against the entries) to
// compare a restored store with the one it was taken from.
import { type Kysely, sql } from 'kysely';
import type { Connection } from './connect';

// biome-ignore lint/suspicious/noExplicitAny: the census is generic over whatever tables the migrations made.
type AnyDb = Kysely<any>;

/** One table of a store: its rows, and the total of each numeric column as exact decimal text (null over no rows). */
export interface TableCensus {
  readonly rows: number;
  readonly totals: Readonly<Record<string, string | null>>;
}

/** Every table of the store (Kysely's bookkeeping included), and how many running totals disagree with the entries. */
export interface StoreCensus {
  readonly tables: Readonly<Record<string, TableCensus>>;
  readonly totalsOffBy: number;
}

/**
 * A consistent copy of a SQLite store, taken while the bot writes: VACUUM INTO reads the whole file in one read
 * transaction (in WAL mode the bot's writers go on meanwhile) and writes a compact standalone file. Through the
 * store's own connection, so no driver is opened beside connect.ts.
 */
export async function snapshotSqlite(connection: Connection, destination: string): Promise<void> {
  if (connection.dialect !== 'sqlite') throw new Error('snapshotSqlite: a SQLite store only');
  await sql`vacuum into ${destination}`.execute(connection.db);
}

async function numericColumns(db: AnyDb, connection: Connection): Promise<Map<string, string[]>> {
  const columns = new Map<string, string[]>();
  if (connection.dialect === 'sqlite') {
    const { rows } = await sql<{ table: string; column: string; type: string }>`
      select m.name as "table", c.name as "column", c.type as "type"
      from sqlite_master m join pragma_table_info(m.name) c
      where m.type = 'table' and m.name not like 'sqlite_%'
      order by m.name, c.cid`.execute(db);
    for (const row of rows) {
      if (!columns.has(row.table)) columns.set(row.table, []);
      if (/INT|REAL|NUM|DOUB|FLOA|DEC/i.test(row.type)) columns.get(row.table)!.push(row.column);
    }
  } else {
    const { rows } = await sql<{ table: string; column: string; type: string }>`
      select t.table_name as "table", c.column_name as "column", c.data_type as "type"
      from information_schema.tables t
      left join information_schema.columns c on c.table_schema = t.table_schema and c.table_name = t.table_name
      where t.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      order by t.table_name, c.ordinal_position`.execute(db);
    for (const row of rows) {
      if (!columns.has(row.table)) columns.set(row.table, []);
      if (/int|numeric|real|double|decimal/i.test(row.type ?? '')) columns.get(row.table)!.push(row.column);
    }
  }
  return columns;
}

/** Running totals (unit, metric, day) whose value differs from the sum of the standing entries, both ways. */
async function totalsOffBy(db: AnyDb): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with entries as (
      select unit_id, metric_code, day, sum(amount) as total from tally_entries
      where undone_at is null group by unit_id, metric_code, day
    )
    select count(*) as n from (
      select t.unit_id from unit_day_totals t
      left join entries e on e.unit_id = t.unit_id and e.metric_code = t.metric_code and e.day = t.day
      where t.total <> coalesce(e.total, 0)
      union all
      select e.unit_id from entries e
      left join unit_day_totals t on t.unit_id = e.unit_id and t.metric_code = e.metric_code and t.day = e.day
      where t.unit_id is null and e.total <> 0
    ) off`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * The store's census, read in the caller's transaction when `db` is one (a PostgreSQL backup reads it in the very
 * snapshot pg_dump copies).
 */
export async function censusOf(connection: Connection, db: AnyDb = connection.db as AnyDb): Promise<StoreCensus> {
  const tables: Record<string, TableCensus> = {};
  for (const [table, numeric] of await numericColumns(db, connection)) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    const totals: Record<string, string | null> = {};
    for (const column of numeric) {
      const sum = await sql<{ total: string | null }>`
        select cast(sum(${sql.ref(column)}) as text) as total from ${sql.table(table)}`.execute(db);
      totals[column] = sum.rows[0]?.total ?? null;
    }
    tables[table] = { rows: Number(rows[0]?.n ?? 0), totals };
  }
  return { tables, totalsOffBy: 'tally_entries' in tables ? await totalsOffBy(db) : 0 };
}

/** SQLite's own check of a file: "ok", or what is wrong. */
export async function integrityOf(connection: Connection): Promise<string> {
  if (connection.dialect !== 'sqlite') return 'ok';
  const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(connection.db);
  return rows.map((row) => row.integrity_check).join('; ');
}

/** The schema the connection's tables live in (search_path), and whether it holds any table yet. */
export async function postgresSchemaOf(connection: Connection): Promise<{ schema: string; tables: number }> {
  const { rows } = await sql<{ schema: string; tables: number }>`
    select current_schema() as schema,
      (select count(*) from information_schema.tables where table_schema = current_schema()) as tables`.execute(
    connection.db,
  );
  return { schema: rows[0]?.schema ?? 'public', tables: Number(rows[0]?.tables ?? 0) };
}

/**
 * Runs `work` inside a repeatable-read transaction whose snapshot it exports (pg_export_snapshot): pg_dump
 * --snapshot=<id> then copies exactly what `work` reads. The transaction stays open until `work` resolves.
 */
export async function inExportedSnapshot<T>(
  connection: Connection,
  work: (snapshot: string, trx: AnyDb) => Promise<T>,
): Promise<T> {
  return (connection.db as AnyDb)
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const { rows } = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(trx);
      return work(rows[0]!.id, trx);
    });
}
