import { PostgresAdapter, SqliteAdapter, sql } from 'kysely';
import { displayName } from '../../directory/member-store';
import type { DayRange } from '../../kernel/day';
import { addDays } from '../../kernel/period';
import type { Db } from '../../storage/schema';
import { inTransaction } from '../../storage/unit-of-work';

/** One stored tally: an amount of one metric, logged by a member for a unit on a local day. */
export interface TallyEntry {
  readonly id: number;
  readonly updateId: number;
  readonly chatId: number;
  readonly messageId: number;
  readonly unitId: number;
  readonly userId: number;
  readonly metricCode: string;
  readonly amount: number;
  readonly day: string;
  readonly note: string | null;
  readonly createdAt: string;
  readonly undoneAt: string | null;
  /** Who typed the /log when not the person it counts for (a commander logging for them); else null. */
  readonly enteredBy: number | null;
}

export interface NewTally {
  readonly metricCode: string;
  readonly amount: number;
}

/** One /log message's tallies: one unit, member and day; each metric at most once (the parser refuses repeats). */
export interface TallyBatch {
  readonly updateId: number;
  readonly chatId: number;
  readonly messageId: number;
  readonly unitId: number;
  readonly userId: number;
  readonly day: string;
  readonly note: string | null;
  readonly items: readonly NewTally[];
  /** Who typed the /log, when not `userId`: a commander or admin logging for them. */
  readonly enteredBy?: number | null;
}

// The /log path's statements (insertTallies, addToDayTotalsForRange, and the ledger's claimUpdate) are written with Kysely's `sql`
// tag rather than its builders: the same portable SQL, placeholders still the dialect's, without building and
// compiling a query tree on every /log, which cost about as much as running the statements (docs/PERFORMANCE.md).

/** The statement storing one /log's entries. */
function insertTalliesQuery(batch: TallyBatch, now: Date) {
  const createdAt = now.toISOString();
  const rows = batch.items.map(
    (item) => sql`(${batch.updateId}, ${batch.chatId}, ${batch.messageId}, ${batch.unitId}, ${batch.userId},
      ${item.metricCode}, ${item.amount}, ${batch.day}, ${batch.note}, ${createdAt}, ${batch.enteredBy ?? null})`,
  );
  return sql`
    insert into tally_entries
      (update_id, chat_id, message_id, unit_id, user_id, metric_code, amount, day, note, created_at, entered_by)
    values ${sql.join(rows)}`;
}

/** Stores one /log's entries, inside the caller's transaction. */
export async function insertTallies(db: Db, batch: TallyBatch, now: Date): Promise<void> {
  await insertTalliesQuery(batch, now).execute(db);
}

/** A change to one unit's running total of one metric on one day. */
export interface TotalChange {
  readonly unitId: number;
  readonly metricCode: string;
  readonly day: string;
  readonly delta: number;
}

/** Adds the changes to the running totals, inside the caller's transaction; changes to one key are merged first. */
export async function addToDayTotals(db: Db, changes: readonly TotalChange[]): Promise<void> {
  const merged = new Map<string, TotalChange>();
  for (const change of changes) {
    const key = JSON.stringify([change.unitId, change.metricCode, change.day]);
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, delta: seen.delta + change.delta } : change);
  }
  if (merged.size === 0) return;
  await db
    .insertInto('unit_day_totals')
    .values(
      [...merged.values()].map((change) => ({
        unit_id: change.unitId,
        metric_code: change.metricCode,
        day: change.day,
        total: change.delta,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['unit_id', 'metric_code', 'day'])
        .doUpdateSet((eb) => ({ total: eb('unit_day_totals.total', '+', eb.ref('excluded.total')) })),
    )
    .execute();
}

/**
 * Adds one /log's amounts to its unit's running totals for its day, inside the caller's transaction, and returns
 * the unit's totals for those metrics over the week (or any range holding the day): the upsert's RETURNING adds
 * the other days of the range, which this statement does not touch, so one statement does both.
 */
export async function addToDayTotalsForRange(
  db: Db,
  batch: Pick<TallyBatch, 'unitId' | 'day' | 'items'>,
  range: DayRange,
): Promise<Map<string, number>> {
  return rangeTotalsOf(await addToDayTotalsQuery(batch, range).execute(db));
}

/** The upsert of addToDayTotalsForRange, returning per metric its total over the range. */
function addToDayTotalsQuery(batch: Pick<TallyBatch, 'unitId' | 'day' | 'items'>, range: DayRange) {
  const values = batch.items.map((item) => sql`(${batch.unitId}, ${item.metricCode}, ${batch.day}, ${item.amount})`);
  return sql<RangeTotalRow>`
    insert into unit_day_totals (unit_id, metric_code, day, total) values ${sql.join(values)}
    on conflict (unit_id, metric_code, day) do update set total = unit_day_totals.total + excluded.total
    returning metric_code, total + coalesce((
      select sum(other.total) from unit_day_totals as other
      where other.unit_id = ${batch.unitId} and other.metric_code = unit_day_totals.metric_code
        and other.day >= ${range.from} and other.day <= ${range.to} and other.day <> ${batch.day}
    ), 0) as range_total`;
}

interface RangeTotalRow {
  readonly metric_code: string;
  readonly range_total: number | string;
}

const rangeTotalsOf = ({ rows }: { rows: readonly RangeTotalRow[] }) =>
  new Map(rows.map((row) => [row.metric_code, Number(row.range_total)]));

/**
 * Stores one /log's entries and adds them to its unit's running totals (insertTallies, then
 * addToDayTotalsForRange, inside the caller's transaction); returns the unit's totals of those metrics over the
 * range. On PostgreSQL the two statements go as one, the entries' insert a data-modifying CTE of the upsert: one
 * round trip. SQLite has no data-modifying CTEs and no round trips to save: it runs them one after the other.
 */
export async function storeTallies(
  db: Db,
  batch: TallyBatch,
  now: Date,
  range: DayRange,
): Promise<Map<string, number>> {
  const entries = insertTalliesQuery(batch, now);
  const totals = addToDayTotalsQuery(batch, range);
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    return rangeTotalsOf(await sql<RangeTotalRow>`with entries as (${entries}) ${totals}`.execute(db));
  await entries.execute(db);
  return rangeTotalsOf(await totals.execute(db));
}

const inList = (ids: readonly number[]) => (ids.length > 0 ? ids : [-1]);

/** Per unit and metric, a total over some days. */
export interface UnitMetricRow {
  readonly unitId: number;
  readonly metricCode: string;
  readonly total: number;
}

/**
 * Per unit and metric, the running totals summed over the days (only positive sums): the one read of units'
 * totals; kernel/totals.ts rolls them up. `unitIds: 'all'` reads every unit's with one range scan of the by-day
 * covering index (migration 0011), where a list of every unit id would seek each unit's rows in turn.
 *
 * With a list, `metric_code in (every metric)` adds nothing to the result (a total's metric is a foreign key to
 * metrics) but lets the primary key (unit, metric, day) seek each unit's and metric's days: without it SQLite can
 * use the key for the unit alone and reads the unit's two years to keep a week (about 5 ms instead of 0.3 ms at
 * 5M entries).
 */
export async function unitTotals(
  db: Db,
  filter: { readonly unitIds: readonly number[] | 'all'; readonly range: DayRange; readonly metricCode?: string },
): Promise<UnitMetricRow[]> {
  const { range, unitIds, metricCode } = filter;
  if (unitIds === 'all') {
    // SQLite's planner, once it has statistics, prefers a skip-scan of the primary key (50 units × 10 metrics
    // seeks) to spare the group-by a sort; on a week that is many times slower than the by-day range, so it is named.
    const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
    const { rows } = await sql<{ unit_id: number; metric_code: string; total: number }>`
      select unit_id, metric_code, sum(total) as total
      from unit_day_totals ${sqlite ? sql.raw('indexed by unit_day_totals_day') : sql``}
      where day >= ${range.from} and day <= ${range.to}
        ${metricCode === undefined ? sql`` : sql`and metric_code = ${metricCode}`}
      group by unit_id, metric_code
      having sum(total) > 0`.execute(db);
    return rows.map((row) => ({ unitId: Number(row.unit_id), metricCode: row.metric_code, total: Number(row.total) }));
  }
  const query = db
    .selectFrom('unit_day_totals')
    .select((eb) => ['unit_id', 'metric_code', eb.fn.sum<number>('total').as('total')])
    .where('unit_id', 'in', inList(unitIds))
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .groupBy(['unit_id', 'metric_code'])
    .having((eb) => eb.fn.sum('total'), '>', 0);
  const rows = await (metricCode === undefined
    ? query.where('metric_code', 'in', (eb) => eb.selectFrom('metrics').select('code'))
    : query.where('metric_code', '=', metricCode)
  ).execute();
  return rows.map((row) => ({ unitId: row.unit_id, metricCode: row.metric_code, total: Number(row.total) }));
}

/**
 * Per consecutive week, the same rows as `unitTotals` over that week's days (to `to` at the latest), read with one
 * query grouped by the week's index instead of one query a week: a 52-week trend is one range scan.
 */
export async function weeklyUnitTotals(
  db: Db,
  filter: {
    readonly unitIds: readonly number[] | 'all';
    /** The first week's Monday. */
    readonly from: DayRange['from'];
    readonly weeks: number;
    /** The last day counted (today for a week under way); the last week's Sunday when absent. */
    readonly to?: DayRange['to'];
    readonly metricCode?: string;
  },
): Promise<UnitMetricRow[][]> {
  const { unitIds, from, weeks, metricCode } = filter;
  const lastSunday = addDays(from, weeks * 7 - 1);
  const to = filter.to !== undefined && filter.to < lastSunday ? filter.to : lastSunday;
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  // Days are ISO text in both stores; the week's index is whole days since `from`, divided by 7.
  const week = sqlite
    ? sql<number>`cast((julianday(day) - julianday(${from})) / 7 as integer)`
    : sql<number>`((cast(day as date) - cast(${from} as date)) / 7)`;
  const { rows } = await sql<{ week: number; unit_id: number; metric_code: string; total: number }>`
    select ${week} as week, unit_id, metric_code, sum(total) as total
    from unit_day_totals ${unitIds === 'all' && sqlite ? sql.raw('indexed by unit_day_totals_day') : sql``}
    where day >= ${from} and day <= ${to}
      ${unitIds === 'all' ? sql`` : sql`and unit_id in (${sql.join(inList(unitIds))})`}
      ${metricCode === undefined ? sql`` : sql`and metric_code = ${metricCode}`}
    group by week, unit_id, metric_code
    having sum(total) > 0`.execute(db);
  const byWeek = Array.from({ length: weeks }, (): UnitMetricRow[] => []);
  for (const row of rows)
    byWeek[Number(row.week)]?.push({
      unitId: Number(row.unit_id),
      metricCode: row.metric_code,
      total: Number(row.total),
    });
  return byWeek;
}

/** Per member, unit and metric, a total of standing entries over some days. */
export interface MemberMetricRow extends UnitMetricRow {
  readonly userId: number;
  /** As boards show it: first and last name. */
  readonly name: string;
}

/**
 * Per member, unit and metric, the standing amounts logged over the days, from the entries: the one read of
 * members' totals, for the units given, for one person, or both.
 */
export async function memberTotals(
  db: Db,
  filter: { readonly unitIds?: readonly number[]; readonly userId?: number; readonly range: DayRange },
): Promise<MemberMetricRow[]> {
  let query = db
    .selectFrom('tally_entries')
    .innerJoin('members', 'members.user_id', 'tally_entries.user_id')
    // The roster's full name for a linked account (boards and weekly posts name people as the office does).
    .leftJoin('people', 'people.user_id', 'tally_entries.user_id')
    .select((eb) => [
      'tally_entries.user_id',
      'members.first_name',
      'members.last_name',
      'people.full_name',
      'tally_entries.unit_id',
      'tally_entries.metric_code',
      eb.fn.sum<number>('tally_entries.amount').as('total'),
    ])
    .where('tally_entries.day', '>=', filter.range.from)
    .where('tally_entries.day', '<=', filter.range.to)
    .where('tally_entries.undone_at', 'is', null)
    .groupBy([
      'tally_entries.user_id',
      'members.first_name',
      'members.last_name',
      'people.full_name',
      'tally_entries.unit_id',
      'tally_entries.metric_code',
    ]);
  if (filter.unitIds) query = query.where('tally_entries.unit_id', 'in', inList(filter.unitIds));
  if (filter.userId !== undefined) query = query.where('tally_entries.user_id', '=', filter.userId);
  const rows = await query.execute();
  return rows.map((row) => ({
    userId: row.user_id,
    name: row.full_name ?? displayName({ firstName: row.first_name, lastName: row.last_name }),
    unitId: row.unit_id,
    metricCode: row.metric_code,
    total: Number(row.total),
  }));
}

/** One person's totals per metric over the days, whichever units they logged for. */
export async function personTotals(db: Db, userId: number, range: DayRange): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (const row of await memberTotals(db, { userId, range }))
    totals.set(row.metricCode, (totals.get(row.metricCode) ?? 0) + row.total);
  return totals;
}

const selectEntry = (db: Db) =>
  db
    .selectFrom('tally_entries')
    .select([
      'id',
      'update_id as updateId',
      'chat_id as chatId',
      'message_id as messageId',
      'unit_id as unitId',
      'user_id as userId',
      'metric_code as metricCode',
      'amount',
      'day',
      'note',
      'created_at as createdAt',
      'undone_at as undoneAt',
      'entered_by as enteredBy',
    ]);

/** The entries one /log update created. */
export const entriesOfUpdate = (db: Db, updateId: number): Promise<TallyEntry[]> =>
  selectEntry(db).where('update_id', '=', updateId).orderBy('id').execute();

/** The entries a /log message created, found from a reply to it. */
export const entriesOfMessage = (db: Db, chatId: number, messageId: number): Promise<TallyEntry[]> =>
  selectEntry(db).where('chat_id', '=', chatId).where('message_id', '=', messageId).orderBy('id').execute();

/**
 * The standing entries that count for a member over the days, newest day first (and, within a day, the latest
 * /log first); at most `limit` rows.
 */
export const standingEntriesOf = (
  db: Db,
  filter: { readonly userId: number; readonly range: DayRange; readonly limit: number },
): Promise<TallyEntry[]> =>
  selectEntry(db)
    .where('user_id', '=', filter.userId)
    .where('day', '>=', filter.range.from)
    .where('day', '<=', filter.range.to)
    .where('undone_at', 'is', null)
    .orderBy('day', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .execute();

/**
 * The update id of the latest entry still standing that the member entered (their own, or one they logged for
 * someone else), logged since the given instant.
 */
export async function latestUpdateOf(db: Db, userId: number, since: Date): Promise<number | undefined> {
  const row = await db
    .selectFrom('tally_entries')
    .select('update_id')
    .where((eb) =>
      eb.or([eb('entered_by', '=', userId), eb.and([eb('entered_by', 'is', null), eb('user_id', '=', userId)])]),
    )
    .where('created_at', '>=', since.toISOString())
    .where('undone_at', 'is', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.update_id;
}

/**
 * Marks the entries undone and takes their amounts off the running totals, in one transaction (the caller's, or
 * its own); returns the ids that were still standing (so a double press undoes once).
 */
export async function markUndone(db: Db, ids: readonly number[], undoneBy: number, now: Date): Promise<number[]> {
  if (ids.length === 0) return [];
  const undo = async (trx: Db) => {
    const rows = await trx
      .updateTable('tally_entries')
      .set({ undone_at: now.toISOString(), undone_by: undoneBy })
      .where('id', 'in', ids)
      .where('undone_at', 'is', null)
      .returning(['id', 'unit_id', 'metric_code', 'day', 'amount'])
      .execute();
    await addToDayTotals(
      trx,
      rows.map((row) => ({ unitId: row.unit_id, metricCode: row.metric_code, day: row.day, delta: -row.amount })),
    );
    return rows.map((row) => row.id);
  };
  return inTransaction(db, undo);
}
