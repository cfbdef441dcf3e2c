import { sql } from 'kysely';
import type { DayRange } from '../../kernel/day';
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

/** Stores one /log's entries, inside the caller's transaction. */
export async function insertTallies(db: Db, batch: TallyBatch, now: Date): Promise<void> {
  const createdAt = now.toISOString();
  const rows = batch.items.map(
    (item) => sql`(${batch.updateId}, ${batch.chatId}, ${batch.messageId}, ${batch.unitId}, ${batch.userId},
      ${item.metricCode}, ${item.amount}, ${batch.day}, ${batch.note}, ${createdAt}, ${batch.enteredBy ?? null})`,
  );
  await sql`
    insert into tally_entries
      (update_id, chat_id, message_id, unit_id, user_id, metric_code, amount, day, note, created_at, entered_by)
    values ${sql.join(rows)}`.execute(db);
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
  const values = batch.items.map((item) => sql`(${batch.unitId}, ${item.metricCode}, ${batch.day}, ${item.amount})`);
  const { rows } = await sql<{ metric_code: string; range_total: number }>`
    insert into unit_day_totals (unit_id, metric_code, day, total) values ${sql.join(values)}
    on conflict (unit_id, metric_code, day) do update set total = unit_day_totals.total + excluded.total
    returning metric_code, total + coalesce((
      select sum(other.total) from unit_day_totals as other
      where other.unit_id = ${batch.unitId} and other.metric_code = unit_day_totals.metric_code
        and other.day >= ${range.from} and other.day <= ${range.to} and other.day <> ${batch.day}
    ), 0) as range_total`.execute(db);
  return new Map(rows.map((row) => [row.metric_code, Number(row.range_total)]));
}

/**
 * Sum per metric over the given units and days, undone entries left out; optionally per member.
 * Unit sums read the running totals (at most one row per unit, metric and day); member sums read the entries.
 */
export async function sumByMetric(
  db: Db,
  filter: { unitIds?: readonly number[]; userId?: number; range: DayRange; metricCodes?: readonly string[] },
): Promise<Map<string, number>> {
  if (filter.unitIds && filter.userId === undefined) {
    let totals = db
      .selectFrom('unit_day_totals')
      .select((eb) => ['metric_code', eb.fn.sum<number>('total').as('total')])
      .where('unit_id', 'in', filter.unitIds.length > 0 ? filter.unitIds : [-1])
      .where('day', '>=', filter.range.from)
      .where('day', '<=', filter.range.to)
      .groupBy('metric_code')
      .having((eb) => eb.fn.sum('total'), '>', 0);
    if (filter.metricCodes) totals = totals.where('metric_code', 'in', filter.metricCodes);
    const rows = await totals.execute();
    return new Map(rows.map((row) => [row.metric_code, Number(row.total)]));
  }
  let query = db
    .selectFrom('tally_entries')
    .select((eb) => ['metric_code', eb.fn.sum<number>('amount').as('total')])
    .where('day', '>=', filter.range.from)
    .where('day', '<=', filter.range.to)
    .where('undone_at', 'is', null)
    .groupBy('metric_code');
  if (filter.unitIds) query = query.where('unit_id', 'in', filter.unitIds.length > 0 ? filter.unitIds : [-1]);
  if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
  if (filter.metricCodes) query = query.where('metric_code', 'in', filter.metricCodes);
  const rows = await query.execute();
  return new Map(rows.map((row) => [row.metric_code, Number(row.total)]));
}

/** Per metric and member, the totals of one unit's members over the days. */
export async function sumByMember(
  db: Db,
  filter: { unitIds: readonly number[]; range: DayRange; metricCode?: string },
): Promise<{ metricCode: string; userId: number; firstName: string; lastName: string | null; total: number }[]> {
  let query = db
    .selectFrom('tally_entries')
    .innerJoin('members', 'members.user_id', 'tally_entries.user_id')
    .select((eb) => [
      'tally_entries.metric_code',
      'tally_entries.user_id',
      'members.first_name',
      'members.last_name',
      eb.fn.sum<number>('tally_entries.amount').as('total'),
    ])
    .where('tally_entries.unit_id', 'in', filter.unitIds.length > 0 ? filter.unitIds : [-1])
    .where('tally_entries.day', '>=', filter.range.from)
    .where('tally_entries.day', '<=', filter.range.to)
    .where('tally_entries.undone_at', 'is', null)
    .groupBy(['tally_entries.metric_code', 'tally_entries.user_id', 'members.first_name', 'members.last_name']);
  if (filter.metricCode) query = query.where('tally_entries.metric_code', '=', filter.metricCode);
  const rows = await query.execute();
  return rows.map((row) => ({
    metricCode: row.metric_code,
    userId: row.user_id,
    firstName: row.first_name,
    lastName: row.last_name,
    total: Number(row.total),
  }));
}

/** Per metric and unit, totals over the days from the running totals (the caller rolls units up into subtrees). */
export async function sumByUnit(
  db: Db,
  filter: { unitIds: readonly number[]; range: DayRange; metricCode?: string },
): Promise<{ metricCode: string; unitId: number; total: number }[]> {
  let query = db
    .selectFrom('unit_day_totals')
    .select((eb) => ['metric_code', 'unit_id', eb.fn.sum<number>('total').as('total')])
    .where('unit_id', 'in', filter.unitIds.length > 0 ? filter.unitIds : [-1])
    .where('day', '>=', filter.range.from)
    .where('day', '<=', filter.range.to)
    .groupBy(['metric_code', 'unit_id'])
    .having((eb) => eb.fn.sum('total'), '>', 0);
  if (filter.metricCode) query = query.where('metric_code', '=', filter.metricCode);
  const rows = await query.execute();
  return rows.map((row) => ({ metricCode: row.metric_code, unitId: row.unit_id, total: Number(row.total) }));
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
