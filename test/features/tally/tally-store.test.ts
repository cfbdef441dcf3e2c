import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordTallies, replaceTallies, undoTallies } from '../../../src/features/tally/record-tallies';
import {
  entriesOfUpdate,
  latestUpdateOf,
  markUndone,
  personTotals,
  standingEntriesOf,
  unitTotals,
  weeklyUnitTotals,
} from '../../../src/features/tally/tally-store';
import { addDays } from '../../../src/kernel/period';
import { createMigrator, migrateToLatest } from '../../../src/storage/migrate';
import type { Db } from '../../../src/storage/schema';
import { DIALECTS } from '../../helpers/dialects';
import {
  batch,
  expectTotalsMatchEntries,
  NOW,
  openTempStore,
  seedPeople,
  storedTotals,
  type TempStore,
  tempStore,
  UNIT_IDS,
  USER_IDS,
} from '../../helpers/store-fixture';

const WEEK = { from: '2026-11-23', to: '2026-11-29' };
const DAYS = ['2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26'];
const METRICS = ['cccd', 'dkoto', 'vlnc', 'qua'];

/** Per metric, the week's totals of the units (of the metrics named), as the boards add them up. */
async function unitSums(db: Db, unitIds: readonly number[], metricCodes?: readonly string[]) {
  const sums = new Map<string, number>();
  for (const row of await unitTotals(db, { unitIds, range: WEEK }))
    if (!metricCodes || metricCodes.includes(row.metricCode))
      sums.set(row.metricCode, (sums.get(row.metricCode) ?? 0) + row.total);
  return sums;
}

for (const dialect of DIALECTS) {
  describe(`tally store on ${dialect}`, () => {
    let store: TempStore;
    let db: Db;

    beforeEach(async () => {
      store = await tempStore(dialect);
      db = store.db;
    });

    afterEach(() => store.dispose());

    it('keeps the running totals equal to the sums over the entries as tallies are recorded', async () => {
      await recordTallies(db, batch(1), NOW);
      await recordTallies(
        db,
        batch(2, {
          items: [
            { metricCode: 'cccd', amount: 5 },
            { metricCode: 'dkoto', amount: 2 },
          ],
        }),
        NOW,
      );
      await recordTallies(db, batch(3, { unitId: 2, day: '2026-11-23' }), NOW);
      await expectTotalsMatchEntries(db);
      expect(await storedTotals(db)).toEqual(
        new Map([
          ['1/cccd/2026-11-24', 15],
          ['1/dkoto/2026-11-24', 2],
          ['2/cccd/2026-11-23', 10],
        ]),
      );
    });

    it("answers with the unit's week totals, this log included", async () => {
      expect(await recordTallies(db, batch(1), NOW)).toEqual({ weekTotals: new Map([['cccd', 10]]) });
      expect(await recordTallies(db, batch(2, { userId: 12 }), NOW)).toEqual({ weekTotals: new Map([['cccd', 20]]) });
      expect(await entriesOfUpdate(db, 1)).toHaveLength(1);
      expect(await storedTotals(db)).toEqual(new Map([['1/cccd/2026-11-24', 20]]));
    });

    it('takes /undo off the totals once, even when asked twice', async () => {
      await recordTallies(
        db,
        batch(1, {
          items: [
            { metricCode: 'cccd', amount: 5 },
            { metricCode: 'dkoto', amount: 2 },
          ],
        }),
        NOW,
      );
      await recordTallies(db, batch(2), NOW);
      const ids = (await entriesOfUpdate(db, 1)).map((entry) => entry.id);
      const request = { entryIds: ids, undoneBy: 11 };
      expect(await undoTallies(db, request, NOW)).toEqual(ids);
      expect(await undoTallies(db, request, NOW)).toEqual([]);
      await expectTotalsMatchEntries(db);
      expect(await storedTotals(db)).toEqual(new Map([['1/cccd/2026-11-24', 10]]));
    });

    it('takes the undo button off the totals once, however often it is pressed', async () => {
      await recordTallies(db, batch(1, { items: [{ metricCode: 'vlnc', amount: 7 }] }), NOW);
      const ids = (await entriesOfUpdate(db, 1)).map((entry) => entry.id);
      const presses = await Promise.all([markUndone(db, ids, 11, NOW), markUndone(db, ids, 11, NOW)]);
      expect(presses.flat()).toEqual(ids);
      expect(await markUndone(db, ids, 11, NOW)).toEqual([]);
      await expectTotalsMatchEntries(db);
      expect(await unitSums(db, [1])).toEqual(new Map());
    });

    it('leaves the entries standing when the undo button cannot update the totals', async () => {
      await recordTallies(db, batch(1), NOW);
      const ids = (await entriesOfUpdate(db, 1)).map((entry) => entry.id);
      await db.schema.alterTable('unit_day_totals').renameTo('unit_day_totals_gone').execute();
      await expect(markUndone(db, ids, 11, NOW)).rejects.toThrow();
      await db.schema.alterTable('unit_day_totals_gone').renameTo('unit_day_totals').execute();
      expect((await entriesOfUpdate(db, 1)).map((entry) => entry.undoneAt)).toEqual([null]);
      await expectTotalsMatchEntries(db);
    });

    it("returns the unit's week totals of the metrics logged, this log included", async () => {
      await recordTallies(db, batch(1, { day: '2026-11-22' }), NOW);
      await recordTallies(db, batch(2, { day: '2026-11-23', items: [{ metricCode: 'dkoto', amount: 4 }] }), NOW);
      await recordTallies(db, batch(3, { day: '2026-11-25' }), NOW);
      await recordTallies(db, batch(4, { unitId: 2, day: '2026-11-25' }), NOW);
      await recordTallies(db, batch(5, { day: '2026-11-29' }), NOW);
      await markUndone(
        db,
        (await entriesOfUpdate(db, 5)).map((entry) => entry.id),
        11,
        NOW,
      );
      const outcome = await recordTallies(
        db,
        batch(6, {
          day: '2026-11-25',
          items: [
            { metricCode: 'cccd', amount: 1 },
            { metricCode: 'dkoto', amount: 2 },
            { metricCode: 'qua', amount: 3 },
          ],
        }),
        NOW,
      );
      const expected = new Map([
        ['cccd', 11],
        ['dkoto', 6],
        ['qua', 3],
      ]);
      expect(outcome).toEqual({ weekTotals: expected });
      expect(await unitSums(db, [1], ['cccd', 'dkoto', 'qua'])).toEqual(expected);
    });

    it('answers unit sums from the totals and member sums from the entries, alike', async () => {
      await recordTallies(db, batch(1, { userId: 11, day: '2026-11-22' }), NOW);
      await recordTallies(db, batch(2, { userId: 11, items: [{ metricCode: 'dkoto', amount: 3 }] }), NOW);
      await recordTallies(db, batch(3, { userId: 12, day: '2026-11-26' }), NOW);
      await recordTallies(db, batch(4, { unitId: 2, userId: 13 }), NOW);
      expect(await unitSums(db, [1])).toEqual(
        new Map([
          ['cccd', 10],
          ['dkoto', 3],
        ]),
      );
      expect(await unitSums(db, [1, 2], ['cccd'])).toEqual(new Map([['cccd', 20]]));
      expect(await personTotals(db, 11, WEEK)).toEqual(new Map([['dkoto', 3]]));
      expect(await unitSums(db, [])).toEqual(new Map());
      expect(
        (await unitTotals(db, { unitIds: [1, 2, 3], range: WEEK })).sort((a, b) =>
          `${a.unitId}${a.metricCode}`.localeCompare(`${b.unitId}${b.metricCode}`),
        ),
      ).toEqual([
        { metricCode: 'cccd', unitId: 1, total: 10 },
        { metricCode: 'dkoto', unitId: 1, total: 3 },
        { metricCode: 'cccd', unitId: 2, total: 10 },
      ]);
      expect(await unitTotals(db, { unitIds: [1], range: WEEK, metricCode: 'dkoto' })).toEqual([
        { metricCode: 'dkoto', unitId: 1, total: 3 },
      ]);
    });

    it('reads consecutive weeks in one query as unitTotals reads each week, up to the last day asked', async () => {
      // Sunday 22/11 ends the first week; 23–26/11 are the second; one entry a week later, one on the cut-off.
      const days = ['2026-11-16', '2026-11-22', '2026-11-23', '2026-11-26', '2026-11-30', '2026-12-02'];
      for (const [index, day] of days.entries())
        await recordTallies(db, batch(index + 1, { unitId: UNIT_IDS[index % 2]!, userId: 11, day }), NOW);
      await recordTallies(
        db,
        batch(20, { unitId: 2, userId: 13, day: '2026-11-24', items: [{ metricCode: 'dkoto', amount: 4 }] }),
        NOW,
      );
      const sorted = (rows: readonly { unitId: number; metricCode: string; total: number }[]) =>
        [...rows].sort((a, b) => a.unitId - b.unitId || a.metricCode.localeCompare(b.metricCode));
      const starts = ['2026-11-16', '2026-11-23', '2026-11-30'];
      for (const unitIds of [[1, 2, 3], 'all'] as const) {
        const weeks = await weeklyUnitTotals(db, { unitIds, from: starts[0]!, weeks: 3, to: '2026-12-01' });
        expect(weeks).toHaveLength(3);
        for (const [index, from] of starts.entries()) {
          const to = index === 2 ? '2026-12-01' : addDays(from, 6);
          expect(sorted(weeks[index]!)).toEqual(sorted(await unitTotals(db, { unitIds, range: { from, to } })));
        }
        expect(weeks[2]!.length).toBeGreaterThan(0);
      }
      const dkoto = await weeklyUnitTotals(db, { unitIds: [2], from: starts[0]!, weeks: 2, metricCode: 'dkoto' });
      expect(dkoto).toEqual([[], [{ unitId: 2, metricCode: 'dkoto', total: 4 }]]);
    });

    it('keeps the totals equal to the entries under any mix of logs, redeliveries and undos', async () => {
      type Step =
        | { kind: 'log'; updateId: number; unitId: number; userId: number; day: string; items: [string, number][] }
        | { kind: 'undo'; updateId: number; target: number; button: boolean };
      const step: fc.Arbitrary<Step> = fc.oneof(
        fc.record({
          kind: fc.constant('log' as const),
          updateId: fc.integer({ min: 1, max: 30 }),
          unitId: fc.constantFrom(...UNIT_IDS),
          userId: fc.constantFrom(...USER_IDS),
          day: fc.constantFrom(...DAYS),
          items: fc.uniqueArray(fc.tuple(fc.constantFrom(...METRICS), fc.integer({ min: 1, max: 1000 })), {
            minLength: 1,
            maxLength: 3,
            selector: ([metric]) => metric,
          }),
        }),
        fc.record({
          kind: fc.constant('undo' as const),
          updateId: fc.integer({ min: 31, max: 40 }),
          target: fc.integer({ min: 1, max: 30 }),
          button: fc.boolean(),
        }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
          await db.deleteFrom('tally_entries').execute();
          await db.deleteFrom('processed_updates').execute();
          await db.deleteFrom('unit_day_totals').execute();
          for (const s of steps) {
            if (s.kind === 'log') {
              const items = s.items.map(([metricCode, amount]) => ({ metricCode, amount }));
              await recordTallies(
                db,
                batch(s.updateId, { unitId: s.unitId, userId: s.userId, day: s.day, items }),
                NOW,
              );
            } else {
              const ids = (await entriesOfUpdate(db, s.target)).map((entry) => entry.id);
              if (s.button) await markUndone(db, ids, 11, NOW);
              else await undoTallies(db, { entryIds: ids, undoneBy: 11 }, NOW);
            }
          }
          await expectTotalsMatchEntries(db);
        }),
        { numRuns: 40 },
      );
    });

    it('records who entered an entry for someone else, and reads it back with the note', async () => {
      await recordTallies(db, batch(1, { userId: 12, enteredBy: 11, note: 'báo cáo muộn' }), NOW);
      await recordTallies(db, batch(2), NOW);

      const [forOther] = await entriesOfUpdate(db, 1);
      const [own] = await entriesOfUpdate(db, 2);
      expect(forOther).toMatchObject({ userId: 12, enteredBy: 11, note: 'báo cáo muộn' });
      expect(own).toMatchObject({ userId: 11, enteredBy: null, note: null });
    });

    it("finds the latest /log a member entered, whether for themself or for someone else, not others' for them", async () => {
      const since = new Date(NOW.getTime() - 60_000);
      await recordTallies(db, batch(1, { userId: 11 }), NOW);
      await recordTallies(db, batch(2, { userId: 12, enteredBy: 11 }), NOW);
      expect(await latestUpdateOf(db, 11, since)).toBe(2);
      expect(await latestUpdateOf(db, 12, since)).toBeUndefined();
      await recordTallies(db, batch(3, { userId: 11, enteredBy: 13 }), NOW);
      expect(await latestUpdateOf(db, 11, since)).toBe(2);
      expect(await latestUpdateOf(db, 13, since)).toBe(3);
    });

    it("lists a member's standing entries in a range, the latest day first, within the limit", async () => {
      await recordTallies(db, batch(1, { day: '2026-11-23' }), NOW);
      await recordTallies(db, batch(2, { day: '2026-11-25', items: [{ metricCode: 'dkoto', amount: 2 }] }), NOW);
      await recordTallies(db, batch(3, { day: '2026-11-24' }), NOW);
      await recordTallies(db, batch(4, { day: '2026-11-10' }), NOW);
      await recordTallies(db, batch(5, { userId: 12 }), NOW);
      await undoTallies(db, { entryIds: (await entriesOfUpdate(db, 3)).map((e) => e.id), undoneBy: 11 }, NOW);

      const listed = await standingEntriesOf(db, { userId: 11, range: WEEK, limit: 10 });
      expect(listed.map((e) => [e.updateId, e.day])).toEqual([
        [2, '2026-11-25'],
        [1, '2026-11-23'],
      ]);
      expect(await standingEntriesOf(db, { userId: 11, range: WEEK, limit: 1 })).toHaveLength(1);
    });

    it('replaces entries by a correction: old ones undone by the editor, new ones under the same update, totals moved', async () => {
      await recordTallies(
        db,
        batch(1, {
          items: [
            { metricCode: 'cccd', amount: 10 },
            { metricCode: 'dkoto', amount: 3 },
          ],
        }),
        NOW,
      );
      const old = await entriesOfUpdate(db, 1);
      const outcome = await replaceTallies(
        db,
        {
          replacedIds: old.map((e) => e.id),
          editedBy: 11,
          batch: batch(1, { day: '2026-11-23', items: [{ metricCode: 'cccd', amount: 4 }] }),
        },
        NOW,
      );

      expect(outcome?.weekTotals).toEqual(new Map([['cccd', 4]]));
      const all = await entriesOfUpdate(db, 1);
      expect(all.map((e) => [e.metricCode, e.amount, e.day, e.undoneAt !== null])).toEqual([
        ['cccd', 10, '2026-11-24', true],
        ['dkoto', 3, '2026-11-24', true],
        ['cccd', 4, '2026-11-23', false],
      ]);
      await expectTotalsMatchEntries(db);
      // Replacing entries no longer standing changes nothing.
      expect(
        await replaceTallies(db, { replacedIds: old.map((e) => e.id), editedBy: 11, batch: batch(1) }, NOW),
      ).toBeUndefined();
      expect(await entriesOfUpdate(db, 1)).toHaveLength(3);
    });
  });

  describe(`migration 0003 on ${dialect}`, () => {
    it('backfills the running totals from the standing entries', async () => {
      const store = await openTempStore(dialect);
      const { connection, db } = store;
      try {
        const migrator = await createMigrator(connection);
        const before = await migrator.migrateTo('0002-seed-metrics');
        if (before.error) throw before.error;
        await seedPeople(db);
        const entry = (updateId: number, unitId: number, metric: string, amount: number, day: string) => ({
          update_id: updateId,
          chat_id: -100,
          message_id: updateId,
          unit_id: unitId,
          user_id: 11,
          metric_code: metric,
          amount,
          day,
          note: null,
          created_at: NOW.toISOString(),
        });
        await db
          .insertInto('tally_entries')
          .values([
            entry(1, 1, 'cccd', 10, '2026-11-23'),
            entry(2, 1, 'cccd', 5, '2026-11-23'),
            entry(2, 1, 'dkoto', 2, '2026-11-23'),
            entry(3, 1, 'cccd', 7, '2026-11-24'),
            entry(4, 2, 'cccd', 1, '2026-11-23'),
            { ...entry(5, 2, 'qua', 100, '2026-11-23'), undone_at: NOW.toISOString(), undone_by: 11 },
          ])
          .execute();

        const after = await migrateToLatest(connection);
        if (after.error) throw after.error;
        expect(after.results?.map((result) => [result.migrationName, result.status])).toContainEqual([
          '0003-unit-day-totals',
          'Success',
        ]);
        await expectTotalsMatchEntries(db);
        expect(await storedTotals(db)).toEqual(
          new Map([
            ['1/cccd/2026-11-23', 15],
            ['1/dkoto/2026-11-23', 2],
            ['1/cccd/2026-11-24', 7],
            ['2/cccd/2026-11-23', 1],
          ]),
        );
      } finally {
        await store.dispose();
      }
    });
  });
}
