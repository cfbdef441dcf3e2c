import type { Db } from '../db/schema';
import { claimUpdate, insertTallies, markUndone, type TallyBatch } from '../db/tally-store';

/** Stores one /log message's tallies once: a redelivered update finds its id claimed and stores nothing. */
export function recordTallies(db: Db, batch: TallyBatch, now: Date): Promise<'recorded' | 'duplicate'> {
  return db.transaction().execute(async (trx) => {
    if (!(await claimUpdate(trx, batch.updateId, now))) return 'duplicate';
    await insertTallies(trx, batch, now);
    return 'recorded';
  });
}

/** Undoes entries on behalf of a command update, once; returns the ids it undid. */
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
