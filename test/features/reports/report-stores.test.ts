import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertNomination } from '../../../src/features/nominations/nomination-store';
import { namesOf, nominationsForExport, pageEntries } from '../../../src/features/reports/report-store';
import {
  countModels,
  insertModel,
  listModels,
  setTarget,
  targetsOfKind,
} from '../../../src/features/reports/target-store';
import { addToDayTotals, insertTallies, unitTotals } from '../../../src/features/tally/tally-store';
import type { Db } from '../../../src/storage/schema';
import { DIALECTS } from '../../helpers/dialects';
import { batch, NOW, type TempStore, tempStore } from '../../helpers/store-fixture';

async function log(db: Db, updateId: number, overrides: Parameters<typeof batch>[1] = {}): Promise<void> {
  const tallies = batch(updateId, overrides);
  await insertTallies(db, tallies, NOW);
  await addToDayTotals(
    db,
    tallies.items.map((item) => ({
      unitId: tallies.unitId,
      metricCode: item.metricCode,
      day: tallies.day,
      delta: item.amount,
    })),
  );
}

for (const dialect of DIALECTS) {
  describe(`report stores on ${dialect}`, () => {
    let store: TempStore;
    let db: Db;

    beforeEach(async () => {
      store = await tempStore(dialect);
      db = store.db;
    });
    afterEach(() => store.dispose());

    it('targets: set, replaced, removed with 0, read per kind', async () => {
      await setTarget(db, { unitId: 1, metricCode: 'cccd', kind: 'month', amount: 500, setBy: 11 }, NOW);
      await setTarget(db, { unitId: 1, metricCode: 'cccd', kind: 'month', amount: 700, setBy: 11 }, NOW);
      await setTarget(db, { unitId: 2, metricCode: 'cccd', kind: 'year', amount: 9000, setBy: 11 }, NOW);
      await setTarget(db, { unitId: 2, metricCode: 'dkoto', kind: 'month', amount: 5, setBy: 11 }, NOW);
      await setTarget(db, { unitId: 2, metricCode: 'dkoto', kind: 'month', amount: 0, setBy: 11 }, NOW);
      expect(await targetsOfKind(db, 'month')).toEqual(new Map([[1, new Map([['cccd', 700]])]]));
      expect(await targetsOfKind(db, 'year')).toEqual(new Map([[2, new Map([['cccd', 9000]])]]));
    });

    it('models: registered, counted and listed per unit', async () => {
      await insertModel(db, { unitId: 1, slogan: 'Với nụ cười - Vì nụ cười', createdBy: 11 }, NOW);
      await insertModel(db, { unitId: 2, slogan: 'CBCS gần gũi, sâu sát địa bàn', createdBy: 12 }, NOW);
      expect(await countModels(db, 1)).toBe(1);
      expect((await listModels(db)).map((model) => model.slogan)).toHaveLength(2);
      expect((await listModels(db, [2])).map((model) => model.unitId)).toEqual([2]);
    });

    it("every unit's totals over the days, positive sums only", async () => {
      await log(db, 1, { unitId: 1, day: '2026-11-24', items: [{ metricCode: 'cccd', amount: 10 }] });
      await log(db, 2, { unitId: 1, day: '2026-11-25', items: [{ metricCode: 'cccd', amount: 5 }] });
      await log(db, 3, { unitId: 2, day: '2026-11-25', items: [{ metricCode: 'dkoto', amount: 3 }] });
      await log(db, 4, { unitId: 3, day: '2026-12-01', items: [{ metricCode: 'cccd', amount: 99 }] });
      await addToDayTotals(db, [{ unitId: 2, metricCode: 'dkoto', day: '2026-11-25', delta: -3 }]);
      const rows = await unitTotals(db, { unitIds: 'all', range: { from: '2026-11-23', to: '2026-11-29' } });
      expect(rows).toEqual([{ unitId: 1, metricCode: 'cccd', total: 15 }]);
    });

    it('pages of entries by day then id, after a cursor, undone ones left out', async () => {
      for (let i = 1; i <= 5; i++)
        await log(db, i, { day: `2026-11-2${i}`, items: [{ metricCode: 'cccd', amount: i }] });
      await db.updateTable('tally_entries').set({ undone_at: NOW.toISOString() }).where('update_id', '=', 3).execute();
      const range = { from: '2026-11-22', to: '2026-11-30' };
      const first = await pageEntries(db, { unitId: 1, range, after: undefined, limit: 2 });
      expect(first.map((entry) => entry.amount)).toEqual([2, 4]);
      const last = first.at(-1)!;
      const next = await pageEntries(db, { unitId: 1, range, after: { day: last.day, id: last.id }, limit: 2 });
      expect(next.map((entry) => [entry.amount, entry.userId, entry.enteredBy])).toEqual([[5, 11, null]]);
    });

    it('entries typed by someone else name who; names read once per account, with the roster person if linked', async () => {
      await log(db, 1, { userId: 12, enteredBy: 11 });
      await log(db, 2, { userId: 12, enteredBy: 12 });
      const page = await pageEntries(db, {
        unitId: 1,
        range: { from: '2026-11-24', to: '2026-11-24' },
        after: undefined,
        limit: 10,
      });
      // Typed by themself reads as typed by nobody else.
      expect(page.map((entry) => [entry.userId, entry.enteredBy])).toEqual([
        [12, 11],
        [12, null],
      ]);
      await db
        .insertInto('people')
        .values({
          full_name: 'Trần Thị Bình',
          name_key: 'tran thi binh',
          rank: 'Trung úy',
          position: 'Cán bộ',
          unit_id: 1,
          service_number: 'A-2',
          role: 'officer',
          user_id: 12,
          pending_user_id: null,
          pending_username: null,
          left_on: null,
          created_at: NOW.toISOString(),
          updated_at: NOW.toISOString(),
        })
        .execute();
      const names = await namesOf(db, [11, 12, 99]);
      expect(names).toEqual(
        new Map([
          [11, { memberName: 'User 11', person: null }],
          [
            12,
            {
              memberName: 'User 12',
              person: { fullName: 'Trần Thị Bình', rank: 'Trung úy', position: 'Cán bộ', serviceNumber: 'A-2' },
            },
          ],
        ]),
      );
    });

    it('nominations for the export, with the latest decision record', async () => {
      const id = await insertNomination(
        db,
        {
          chatId: -100,
          threadId: null,
          sourceMessageId: 1,
          nomineeId: 12,
          unitId: 1,
          nominatorId: 11,
          reason: 'hiến máu cứu người',
          day: '2026-11-26',
        },
        NOW,
      );
      for (const number of ['1/QĐ', '2/QĐ'])
        await db
          .insertInto('commendation_decisions')
          .values({
            nomination_id: id,
            decision_number: number,
            decision_date: '2026-11-30',
            signer: 'Giám đốc',
            recorded_by: 11,
            recorded_at: NOW.toISOString(),
          })
          .execute();
      const rows = await nominationsForExport(db, { unitIds: [1], range: { from: '2026-11-01', to: '2026-11-30' } });
      expect(rows).toMatchObject([
        {
          nominee: 'User 12',
          nominator: 'User 11',
          status: 'pending',
          decision: { number: '2/QĐ', signer: 'Giám đốc' },
        },
      ]);
    });
  });
}
