import { expect } from 'vitest';
import { upsertMember } from '../../src/directory/member-store';
import { insertUnit } from '../../src/directory/unit-store';
import type { TallyBatch } from '../../src/features/tally/tally-store';
import type { Dialect } from '../../src/storage/connect';
import type { Db } from '../../src/storage/schema';
import { openTestStore, type TestStore } from './dialects';

export const NOW = new Date('2026-11-26T03:00:00Z');
export const UNIT_IDS = [1, 2, 3];
export const USER_IDS = [11, 12, 13];

/**
 * A store of its own on the dialect (test/helpers/dialects.ts): a temporary SQLite file or PostgreSQL schema;
 * `dispose` closes it and removes it. `file` is its DATABASE_URL (the file path, on SQLite).
 */
export interface TempStore extends TestStore {
  readonly file: string;
}

/** A store of its own, not yet migrated. */
export async function openTempStore(dialect: Dialect = 'sqlite'): Promise<TempStore> {
  const store = await openTestStore(dialect, { migrate: false });
  return { ...store, file: store.url };
}

/** A migrated store of its own, with three units (ids 1–3) and three members (ids 11–13). */
export async function tempStore(dialect: Dialect = 'sqlite'): Promise<TempStore> {
  const store = await openTestStore(dialect);
  try {
    await seedPeople(store.db);
  } catch (error) {
    await store.dispose();
    throw error;
  }
  return { ...store, file: store.url };
}

export async function seedPeople(db: Db): Promise<void> {
  for (const id of UNIT_IDS) await insertUnit(db, { code: `U${id}`, name: `Unit ${id}`, parentId: null }, NOW);
  for (const userId of USER_IDS) {
    await upsertMember(db, { userId, firstName: `User ${userId}`, lastName: null, username: null }, 1, NOW);
  }
}

/** A one-metric /log of unit 1 by member 11 on 2026-11-24, unless overridden. */
export function batch(updateId: number, overrides: Partial<TallyBatch> = {}): TallyBatch {
  return {
    updateId,
    chatId: -100,
    messageId: updateId,
    unitId: 1,
    userId: 11,
    day: '2026-11-24',
    note: null,
    items: [{ metricCode: 'cccd', amount: 10 }],
    ...overrides,
  };
}

/** What the running totals must hold: per unit, metric and day, the sum over the standing entries. */
async function expectedTotals(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('tally_entries')
    .select((eb) => ['unit_id', 'metric_code', 'day', eb.fn.sum<number>('amount').as('total')])
    .where('undone_at', 'is', null)
    .groupBy(['unit_id', 'metric_code', 'day'])
    .execute();
  return new Map(rows.map((row) => [`${row.unit_id}/${row.metric_code}/${row.day}`, Number(row.total)]));
}

/** The running totals as "unit/metric/day" → total, rows at zero left out (an undone key keeps its row at zero). */
export async function storedTotals(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('unit_day_totals').selectAll().execute();
  return new Map(
    rows
      .filter((row) => Number(row.total) !== 0)
      .map((row) => [`${row.unit_id}/${row.metric_code}/${row.day}`, Number(row.total)]),
  );
}

export async function expectTotalsMatchEntries(db: Db): Promise<void> {
  expect(await storedTotals(db)).toEqual(await expectedTotals(db));
}

export async function countRows(db: Db, table: 'tally_entries' | 'processed_updates'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
