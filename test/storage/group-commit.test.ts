import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordTallies } from '../../src/features/tally/record-tallies';
import { addToDayTotalsForRange, insertTallies, type TallyBatch } from '../../src/features/tally/tally-store';
import { connect } from '../../src/storage/connect';
import { GroupCommit, type Work } from '../../src/storage/group-commit';
import type { Db } from '../../src/storage/schema';
import { runUnitOfWork } from '../../src/storage/unit-of-work';
import { claimUpdate } from '../../src/storage/update-ledger';
import {
  batch,
  countRows,
  expectTotalsMatchEntries,
  NOW,
  storedTotals,
  type TempStore,
  tempStore,
} from '../helpers/store-fixture';

const WEEK = { from: '2026-11-23', to: '2026-11-29' };

/** What recordTallies does for one /log, as a unit of work: 'duplicate' when the update id was claimed before. */
const logWork =
  (log: TallyBatch): Work<'recorded' | 'duplicate'> =>
  async (trx) => {
    if (!(await claimUpdate(trx, log.updateId, `log:${log.updateId}`, NOW))) return 'duplicate';
    await insertTallies(trx, log, NOW);
    await addToDayTotalsForRange(trx, log, WEEK);
    return 'recorded';
  };

/** Like logWork, but fails after its writes, as an update that breaks half-way would. */
const failingLogWork =
  (log: TallyBatch): Work<never> =>
  async (trx) => {
    await logWork(log)(trx);
    throw new Error(`update ${log.updateId} broke`);
  };

/** Settles every promise and reports each as a value or its error's message. */
const settle = (promises: Promise<unknown>[]) =>
  Promise.allSettled(promises).then((results) =>
    results.map((result) => (result.status === 'fulfilled' ? result.value : (result.reason as Error).message)),
  );

for (const dialect of ['sqlite'] as const) {
  describe(`group commit on ${dialect}`, () => {
    let store: TempStore;
    let db: Db;
    let groups: { size: number; committed: boolean }[];
    let group: GroupCommit;

    beforeEach(async () => {
      store = await tempStore();
      db = store.db;
      groups = [];
      group = new GroupCommit(db, { onGroupEnd: (size, committed) => groups.push({ size, committed }) });
    });

    afterEach(() => store.dispose());

    it('runs work arriving together in one transaction, and every piece of it', async () => {
      const first = Array.from({ length: 30 }, (_, i) => group.run(logWork(batch(i + 1))));
      const second = Array.from({ length: 30 }, (_, i) => group.run(logWork(batch(i + 101, { unitId: 2 }))));
      expect(await Promise.all([Promise.all(first), Promise.all(second)])).toEqual([
        Array(30).fill('recorded'),
        Array(30).fill('recorded'),
      ]);
      expect(groups).toEqual([{ size: 60, committed: true }]);
      expect(await countRows(db, 'tally_entries')).toBe(60);
      expect(await storedTotals(db)).toEqual(
        new Map([
          ['1/cccd/2026-11-24', 300],
          ['2/cccd/2026-11-24', 300],
        ]),
      );
    });

    it('takes work arriving during a commit into the next group', async () => {
      const early = group.run(logWork(batch(1)));
      await Promise.resolve();
      const results = await Promise.all([early, ...[2, 3].map((id) => group.run(logWork(batch(id))))]);
      expect(results).toEqual(['recorded', 'recorded', 'recorded']);
      const later = await Promise.all([4, 5].map((id) => group.run(logWork(batch(id)))));
      expect(later).toEqual(['recorded', 'recorded']);
      expect(groups.reduce((sum, g) => sum + g.size, 0)).toBe(5);
      expect(groups.length).toBeGreaterThanOrEqual(2);
      expect(await countRows(db, 'tally_entries')).toBe(5);
    });

    it('undoes only the failing work of a group and fails only its promise', async () => {
      const results = await settle([
        group.run(logWork(batch(1))),
        group.run(failingLogWork(batch(2, { unitId: 2 }))),
        group.run(logWork(batch(3))),
      ]);
      expect(results).toEqual(['recorded', 'update 2 broke', 'recorded']);
      expect(groups).toEqual([{ size: 3, committed: true }]);
      expect(await countRows(db, 'tally_entries')).toBe(2);
      expect(await countRows(db, 'processed_updates')).toBe(2);
      expect(await storedTotals(db)).toEqual(new Map([['1/cccd/2026-11-24', 20]]));
      await expectTotalsMatchEntries(db);
    });

    it('rolls the first work back alone when it fails, and commits the rest in the next group', async () => {
      const results = await settle([
        group.run(failingLogWork(batch(1))),
        group.run(logWork(batch(2))),
        group.run(logWork(batch(3))),
      ]);
      expect(results).toEqual(['update 1 broke', 'recorded', 'recorded']);
      expect(groups).toEqual([
        { size: 1, committed: false },
        { size: 2, committed: true },
      ]);
      expect(await countRows(db, 'processed_updates')).toBe(2);
      await expectTotalsMatchEntries(db);
    });

    it('stores a redelivered update once, in the same group or a later one', async () => {
      const together = await Promise.all([
        group.run(logWork(batch(1))),
        group.run(logWork(batch(1))),
        group.run(logWork(batch(2))),
      ]);
      expect(together).toEqual(['recorded', 'duplicate', 'recorded']);
      expect(await group.run(logWork(batch(2)))).toBe('duplicate');
      expect(await countRows(db, 'tally_entries')).toBe(2);
      expect(await storedTotals(db)).toEqual(new Map([['1/cccd/2026-11-24', 20]]));
    });

    it('leaves a failed update unclaimed, so its redelivery is recorded', async () => {
      const first = await settle([group.run(logWork(batch(1))), group.run(failingLogWork(batch(2)))]);
      expect(first).toEqual(['recorded', 'update 2 broke']);
      expect(await group.run(logWork(batch(2)))).toBe('recorded');
      expect(await countRows(db, 'tally_entries')).toBe(2);
      await expectTotalsMatchEntries(db);
    });

    it('fails every work of a group whose commit fails, and stores none of it', async () => {
      // A foreign key checked only at commit: the last work of the group logs a metric that does not exist.
      const brokenAtCommit: Work<'recorded' | 'duplicate'> = async (trx) => {
        await sql`pragma defer_foreign_keys = on`.execute(trx);
        return logWork(batch(3, { items: [{ metricCode: 'no-such-metric', amount: 1 }] }))(trx);
      };
      const results = await settle([
        group.run(logWork(batch(1))),
        group.run(logWork(batch(2))),
        group.run(brokenAtCommit),
      ]);
      expect(results).toEqual(Array(3).fill('FOREIGN KEY constraint failed'));
      expect(groups).toEqual([{ size: 3, committed: false }]);
      expect(await countRows(db, 'processed_updates')).toBe(0);
      expect(await countRows(db, 'tally_entries')).toBe(0);
      expect(await storedTotals(db)).toEqual(new Map());
      expect(await group.run(logWork(batch(1)))).toBe('recorded');
    });

    it('answers only after the commit: another connection already sees the writes', async () => {
      const other = connect(store.file);
      try {
        const seen = await Promise.all(
          [1, 2, 3].map((id) =>
            group.run(logWork(batch(id))).then(() =>
              // better-sqlite3 reads synchronously, so nothing else runs between the answer and this read.
              other.db
                .selectFrom('processed_updates')
                .select('update_id')
                .where('update_id', '=', id)
                .executeTakeFirst(),
            ),
          ),
        );
        expect(seen).toEqual([{ update_id: 1 }, { update_id: 2 }, { update_id: 3 }]);
      } finally {
        await other.close();
      }
    });

    it('records concurrent /log updates, redelivered ones included, like polling hands them over', async () => {
      const updates = Array.from({ length: 100 }, (_, i) =>
        batch(i + 1, { unitId: 1 + (i % 3), day: i % 2 ? '2026-11-24' : '2026-11-25' }),
      );
      // The bot's unit of work for a /log: its ledger entry, then recordTallies, in one group-committed transaction.
      const handle = (log: TallyBatch) =>
        runUnitOfWork(db, 'sqlite', async (trx) =>
          (await claimUpdate(trx, log.updateId, `log:${log.updateId}`, NOW))
            ? { status: 'recorded' as const, ...(await recordTallies(trx, log, NOW)) }
            : { status: 'duplicate' as const },
        );
      const poll = (logs: TallyBatch[]) => Promise.all(logs.map(handle));
      const [first, second] = await Promise.all([poll(updates.slice(0, 60)), poll(updates.slice(40))]);
      const statuses = [...first, ...second].map((outcome) => outcome.status);
      expect(statuses.filter((status) => status === 'recorded')).toHaveLength(100);
      expect(statuses.filter((status) => status === 'duplicate')).toHaveLength(20);
      expect(await countRows(db, 'tally_entries')).toBe(100);
      await expectTotalsMatchEntries(db);
      const weekTotals = first.flatMap((outcome) =>
        outcome.status === 'recorded' ? [outcome.weekTotals.get('cccd')] : [],
      );
      expect(weekTotals.every((total) => total !== undefined && total > 0 && total % 10 === 0)).toBe(true);
    });
  });
}
