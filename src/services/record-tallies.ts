import { groupCommitOf } from '../db/group-commit';
import type { Db } from '../db/schema';
import { addToDayTotalsForRange, claimUpdate, insertTallies, markUndone, type TallyBatch } from '../db/tally-store';
import { weekOf } from '../domain/period';

/** What recording a /log did: stored it, with the unit's week totals of the metrics it named; or nothing. */
export type RecordOutcome =
  | { readonly status: 'recorded'; readonly weekTotals: ReadonlyMap<string, number> }
  | { readonly status: 'duplicate' };

/**
 * Stores one /log message's tallies once, and adds them to the unit's running totals in the same transaction:
 * a redelivered update finds its id claimed and stores nothing. The week totals are read in that transaction too,
 * so they include this log. Logs arriving together share one transaction (src/db/group-commit.ts), each in its
 * own savepoint; the promise settles once that transaction has committed.
 */
export function recordTallies(db: Db, batch: TallyBatch, now: Date): Promise<RecordOutcome> {
  const record = async (trx: Db): Promise<RecordOutcome> => {
    if (!(await claimUpdate(trx, batch.updateId, now))) return { status: 'duplicate' };
    await insertTallies(trx, batch, now);
    const weekTotals = await addToDayTotalsForRange(trx, batch, weekOf(batch.day));
    return { status: 'recorded', weekTotals };
  };
  return db.isTransaction ? record(db) : groupCommitOf(db).run(record);
}

/** Undoes entries on behalf of a command update, once, taking them off the running totals; returns the ids it undid. */
export function undoTallies(
  db: Db,
  request: { updateId: number; entryIds: readonly number[]; undoneBy: number },
  now: Date,
): Promise<number[] | 'duplicate'> {
  return db.transaction().execute(async (trx) => {
    if (!(await claimUpdate(trx, request.updateId, now))) return 'duplicate';
    return markUndone(trx, request.entryIds, request.undoneBy, now);
  });
}
