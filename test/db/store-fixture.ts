import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type Connection, connect } from '../../src/db/connect';
import { upsertMember } from '../../src/db/member-store';
import { migrateToLatest } from '../../src/db/migrate';
import type { Db } from '../../src/db/schema';
import type { TallyBatch } from '../../src/db/tally-store';
import { insertUnit } from '../../src/db/unit-store';

export const NOW = new Date('2026-11-26T03:00:00Z');
export const UNIT_IDS = [1, 2, 3];
export const USER_IDS = [11, 12, 13];

/** A store in a temporary SQLite file; `dispose` closes it and removes the file. */
export interface TempStore {
  readonly connection: Connection;
  readonly db: Db;
  readonly file: string;
  dispose(): Promise<void>;
}

/** A store in a temporary file, not yet migrated. */
export function openTempStore(): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-store-'));
  const file = join(dir, 'test.sqlite');
  const connection = connect(file);
  return {
    connection,
    db: connection.db,
    file,
    async dispose() {
      await connection.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A migrated store in a temporary file, with three units (ids 1–3) and three members (ids 11–13). */
export async function tempStore(): Promise<TempStore> {
  const store = openTempStore();
  const { error } = await migrateToLatest(store.connection);
  if (error) throw error;
  await seedPeople(store.db);
  return store;
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
