import type { DayRange } from '../../kernel/day';
import type { Db } from '../../storage/schema';

const inList = (ids: readonly number[]) => (ids.length > 0 ? ids : [-1]);

/** A group bound to a unit, with its language and reminder setting. */
export interface RegisteredGroup {
  readonly chatId: number;
  readonly unitId: number;
  readonly locale: string | null;
  readonly reminders: boolean;
  /** The forum topic weekly posts go to, if one was chosen. */
  readonly threadId: number | null;
}

/** Every group bound to a unit, by chat id. */
export async function registeredGroups(db: Db): Promise<RegisteredGroup[]> {
  const rows = await db
    .selectFrom('chats')
    .leftJoin('group_settings', 'group_settings.chat_id', 'chats.chat_id')
    .select([
      'chats.chat_id',
      'chats.unit_id',
      'chats.locale',
      'group_settings.reminders',
      'group_settings.posts_thread_id',
    ])
    .where('chats.unit_id', 'is not', null)
    .where('chats.type', '<>', 'private')
    .orderBy('chats.chat_id')
    .execute();
  return rows.map((row) => ({
    chatId: row.chat_id,
    unitId: row.unit_id!,
    locale: row.locale,
    reminders: row.reminders !== 'off',
    threadId: row.posts_thread_id ?? null,
  }));
}

/** Whether the group wants reminders; on until someone turns them off. */
export async function remindersOn(db: Db, chatId: number): Promise<boolean> {
  const row = await db
    .selectFrom('group_settings')
    .select('reminders')
    .where('chat_id', '=', chatId)
    .executeTakeFirst();
  return row?.reminders !== 'off';
}

export async function setReminders(db: Db, chatId: number, on: boolean, by: number, now: Date): Promise<void> {
  const values = { reminders: on ? 'on' : 'off', updated_by: by, updated_at: now.toISOString() };
  await db
    .insertInto('group_settings')
    .values({ chat_id: chatId, ...values })
    .onConflict((oc) => oc.column('chat_id').doUpdateSet(values))
    .execute();
}

/** Sends the group's weekly posts to a forum topic, or back to General with null. */
export async function setPostsTopic(
  db: Db,
  chatId: number,
  threadId: number | null,
  by: number,
  now: Date,
): Promise<void> {
  const values = { posts_thread_id: threadId, updated_by: by, updated_at: now.toISOString() };
  await db
    .insertInto('group_settings')
    .values({ chat_id: chatId, reminders: 'on', ...values })
    .onConflict((oc) => oc.column('chat_id').doUpdateSet(values))
    .execute();
}

/** The languages chosen in these chats (private chats included); chats without a choice are left out. */
export async function chatLocales(db: Db, chatIds: readonly number[]): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('chats')
    .select(['chat_id', 'locale'])
    .where('chat_id', 'in', inList(chatIds))
    .where('locale', 'is not', null)
    .execute();
  return new Map(rows.map((row) => [row.chat_id, row.locale!]));
}

/**
 * Per unit and metric, the running totals summed over the days (only positive sums).
 *
 * `metric_code in (every metric)` adds nothing to the result (a total's metric is a foreign key to metrics) but lets
 * the primary key (unit, metric, day) seek each unit's and metric's days: without it SQLite can use the key for
 * the unit alone and reads the unit's two years to keep a week (about 5 ms instead of 0.3 ms at 5M entries).
 */
export async function unitTotals(
  db: Db,
  unitIds: readonly number[],
  range: DayRange,
): Promise<{ unitId: number; metricCode: string; total: number }[]> {
  const rows = await db
    .selectFrom('unit_day_totals')
    .select((eb) => ['unit_id', 'metric_code', eb.fn.sum<number>('total').as('total')])
    .where('unit_id', 'in', inList(unitIds))
    .where('metric_code', 'in', (eb) => eb.selectFrom('metrics').select('code'))
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .groupBy(['unit_id', 'metric_code'])
    .having((eb) => eb.fn.sum('total'), '>', 0)
    .execute();
  return rows.map((row) => ({ unitId: row.unit_id, metricCode: row.metric_code, total: Number(row.total) }));
}

/** The units among these that logged anything standing over the days. */
export async function unitsThatLogged(db: Db, unitIds: readonly number[], range: DayRange): Promise<Set<number>> {
  return new Set((await unitTotals(db, unitIds, range)).map((row) => row.unitId));
}

/** Per member, unit and metric, the standing amounts logged over the days. */
export async function memberTotals(
  db: Db,
  unitIds: readonly number[],
  range: DayRange,
): Promise<{ userId: number; name: string; unitId: number; metricCode: string; total: number }[]> {
  const rows = await db
    .selectFrom('tally_entries')
    .innerJoin('members', 'members.user_id', 'tally_entries.user_id')
    .select((eb) => [
      'tally_entries.user_id',
      'members.first_name',
      'members.last_name',
      'tally_entries.unit_id',
      'tally_entries.metric_code',
      eb.fn.sum<number>('tally_entries.amount').as('total'),
    ])
    .where('tally_entries.unit_id', 'in', inList(unitIds))
    .where('tally_entries.day', '>=', range.from)
    .where('tally_entries.day', '<=', range.to)
    .where('tally_entries.undone_at', 'is', null)
    .groupBy([
      'tally_entries.user_id',
      'members.first_name',
      'members.last_name',
      'tally_entries.unit_id',
      'tally_entries.metric_code',
    ])
    .execute();
  return rows.map((row) => ({
    userId: row.user_id,
    name: row.last_name ? `${row.first_name} ${row.last_name}` : row.first_name,
    unitId: row.unit_id,
    metricCode: row.metric_code,
    total: Number(row.total),
  }));
}

/** Every stored commander role: who commands which unit. */
export async function commanderRoles(db: Db): Promise<{ userId: number; unitId: number }[]> {
  const rows = await db
    .selectFrom('roles')
    .select(['user_id', 'unit_id'])
    .where('role', '=', 'commander')
    .where('unit_id', 'is not', null)
    .orderBy('user_id')
    .orderBy('unit_id')
    .execute();
  return rows.map((row) => ({ userId: row.user_id, unitId: row.unit_id! }));
}

/** The private chats (people) among these that Telegram refused to deliver to, with since when. */
export async function unreachablePeople(db: Db, userIds: readonly number[]): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('chats')
    .select(['chat_id', 'unreachable_at'])
    .where('chat_id', 'in', inList(userIds))
    .where('unreachable_at', 'is not', null)
    .execute();
  return new Map(rows.map((row) => [row.chat_id, row.unreachable_at!]));
}

/** How a group wants its /log entries confirmed. */
export type ConfirmMode = 'reply' | 'reaction' | 'auto';

export const CONFIRM_MODES: readonly ConfirmMode[] = ['reply', 'reaction', 'auto'];

/** The group's confirmation mode; auto until someone chooses. */
export async function confirmModeOf(db: Db, chatId: number): Promise<ConfirmMode> {
  const row = await db
    .selectFrom('group_settings')
    .select('confirm_mode')
    .where('chat_id', '=', chatId)
    .executeTakeFirst();
  const mode = row?.confirm_mode as ConfirmMode | undefined;
  return mode && CONFIRM_MODES.includes(mode) ? mode : 'auto';
}

export async function setConfirmMode(db: Db, chatId: number, mode: ConfirmMode, by: number, now: Date): Promise<void> {
  const values = { confirm_mode: mode, updated_by: by, updated_at: now.toISOString() };
  await db
    .insertInto('group_settings')
    .values({ chat_id: chatId, reminders: 'on', ...values })
    .onConflict((oc) => oc.column('chat_id').doUpdateSet(values))
    .execute();
}
