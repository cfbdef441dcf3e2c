import { weekOf } from '../../kernel/period';
import type { Db } from '../../storage/schema';
import { inTransaction } from '../../storage/unit-of-work';
import { markUndone, storeTallies, type TallyBatch } from './tally-store';

/** What recording a /log did: the unit's week totals of the metrics it named, this log included. */
export interface RecordOutcome {
  readonly weekTotals: ReadonlyMap<string, number>;
}

/**
 * Stores one /log message's tallies and adds them to the unit's running totals, in the update's transaction (whose
 * ledger entry makes a redelivery change nothing). The week totals are read there too, so they include this log.
 */
export function recordTallies(db: Db, batch: TallyBatch, now: Date): Promise<RecordOutcome> {
  return inTransaction(db, async (trx) => {
    return { weekTotals: await storeTallies(trx, batch, now, weekOf(batch.day)) };
  });
}

/** Undoes entries, taking them off the running totals; returns the ids it undid (none already undone). */
export function undoTallies(
  db: Db,
  request: { entryIds: readonly number[]; undoneBy: number },
  now: Date,
): Promise<number[]> {
  return inTransaction(db, (trx) => markUndone(trx, request.entryIds, request.undoneBy, now));
}

/**
 * Replaces an edited /log's standing entries by the edited ones, as a new record: the old entries are marked
 * undone by the editor (nothing is deleted), the new ones inserted under the same update and message, and the
 * running totals moved by both, in one transaction (the update's). Returns the unit's week totals of the new
 * entries' metrics, or undefined, changing nothing, when none of the old entries was still standing.
 */
export function replaceTallies(
  db: Db,
  request: { readonly replacedIds: readonly number[]; readonly editedBy: number; readonly batch: TallyBatch },
  now: Date,
): Promise<RecordOutcome | undefined> {
  return inTransaction(db, async (trx) => {
    const undone = await markUndone(trx, request.replacedIds, request.editedBy, now);
    if (undone.length === 0) return undefined;
    return { weekTotals: await storeTallies(trx, request.batch, now, weekOf(request.batch.day)) };
  });
}
