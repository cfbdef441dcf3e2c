import type { DayRange } from '../domain/day';
import type { Db } from './schema';

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
  readonly createdAt: string;
  readonly undoneAt: string | null;
}

export interface NewTally {
  readonly metricCode: string;
  readonly amount: number;
}

export interface TallyBatch {
  readonly updateId: number;
  readonly chatId: number;
  readonly messageId: number;
  readonly unitId: number;
  readonly userId: number;
  readonly day: string;
  readonly note: string | null;
  readonly items: readonly NewTally[];
}

/**
 * Marks an update as done, inside the caller's transaction.
 * False when it was done before: a redelivered update must change nothing.
 */
export async function claimUpdate(db: Db, updateId: number, now: Date): Promise<boolean> {
  const claimed = await db
    .insertInto('processed_updates')
    .values({ update_id: updateId, processed_at: now.toISOString() })
    .onConflict((oc) => oc.column('update_id').doNothing())
    .returning('update_id')
    .executeTakeFirst();
  return claimed !== undefined;
}

export async function insertTallies(db: Db, batch: TallyBatch, now: Date): Promise<void> {
  const createdAt = now.toISOString();
  await db
    .insertInto('tally_entries')
    .values(
      batch.items.map((item) => ({
        update_id: batch.updateId,
        chat_id: batch.chatId,
        message_id: batch.messageId,
        unit_id: batch.unitId,
        user_id: batch.userId,
        metric_code: item.metricCode,
        amount: item.amount,
        day: batch.day,
        note: batch.note,
        created_at: createdAt,
      })),
    )
    .execute();
}

/** Sum per metric over the given units and days, undone entries left out; optionally per member. */
export async function sumByMetric(
  db: Db,
  filter: { unitIds?: readonly number[]; userId?: number; range: DayRange; metricCodes?: readonly string[] },
): Promise<Map<string, number>> {
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

/** Per metric and unit, totals over the days (the caller rolls units up into subtrees). */
export async function sumByUnit(
  db: Db,
  filter: { unitIds: readonly number[]; range: DayRange; metricCode?: string },
): Promise<{ metricCode: string; unitId: number; total: number }[]> {
  let query = db
    .selectFrom('tally_entries')
    .select((eb) => ['metric_code', 'unit_id', eb.fn.sum<number>('amount').as('total')])
    .where('unit_id', 'in', filter.unitIds.length > 0 ? filter.unitIds : [-1])
    .where('day', '>=', filter.range.from)
    .where('day', '<=', filter.range.to)
    .where('undone_at', 'is', null)
    .groupBy(['metric_code', 'unit_id']);
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
      'created_at as createdAt',
      'undone_at as undoneAt',
    ]);

/** The entries one /log update created. */
export const entriesOfUpdate = (db: Db, updateId: number): Promise<TallyEntry[]> =>
  selectEntry(db).where('update_id', '=', updateId).orderBy('id').execute();

/** The entries a /log message created, found from a reply to it. */
export const entriesOfMessage = (db: Db, chatId: number, messageId: number): Promise<TallyEntry[]> =>
  selectEntry(db).where('chat_id', '=', chatId).where('message_id', '=', messageId).orderBy('id').execute();

/** The update id of the member's latest entry still standing, logged since the given instant. */
export async function latestUpdateOf(db: Db, userId: number, since: Date): Promise<number | undefined> {
  const row = await db
    .selectFrom('tally_entries')
    .select('update_id')
    .where('user_id', '=', userId)
    .where('created_at', '>=', since.toISOString())
    .where('undone_at', 'is', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.update_id;
}

/** Marks the entries undone; returns the ids that were still standing (so a double press undoes once). */
export async function markUndone(db: Db, ids: readonly number[], undoneBy: number, now: Date): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable('tally_entries')
    .set({ undone_at: now.toISOString(), undone_by: undoneBy })
    .where('id', 'in', ids)
    .where('undone_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}
