import type { Db } from '../../storage/schema';
import { inTransaction } from '../../storage/unit-of-work';
import {
  addEndorsement,
  addRecommendation,
  countNominationsBy,
  type DecisionChange,
  decisionRecordsOf,
  findSameNomination,
  insertDecisionRecord,
  insertNomination,
  type NewNomination,
  recordDecision,
  toggleEndorsement,
} from './nomination-store';

export type NominateOutcome = { kind: 'created'; id: number } | { kind: 'joined'; id: number } | { kind: 'dailyCap' };

/**
 * Records a nomination (in the update's transaction, whose ledger entry makes a redelivery change nothing). A second nomination of the same person for the same message joins the
 * first as an endorsement; past the daily cap nothing is stored.
 */
export function nominate(db: Db, request: NewNomination & { dailyCap: number }, now: Date): Promise<NominateOutcome> {
  return inTransaction(db, async (trx): Promise<NominateOutcome> => {
    if (request.sourceMessageId !== null) {
      const same = await findSameNomination(trx, {
        chatId: request.chatId,
        sourceMessageId: request.sourceMessageId,
        nomineeId: request.nomineeId,
      });
      if (same !== undefined) {
        await addEndorsement(trx, same, request.nominatorId, now);
        return { kind: 'joined', id: same };
      }
    }
    if ((await countNominationsBy(trx, request.nominatorId, request.day)) >= request.dailyCap)
      return { kind: 'dailyCap' };
    return { kind: 'created', id: await insertNomination(trx, request, now) };
  });
}

/** Toggles a person's endorsement. */
export function endorse(
  db: Db,
  request: { nominationId: number; userId: number },
  now: Date,
): Promise<'endorsed' | 'withdrawn'> {
  return inTransaction(db, async (trx) => {
    return (await toggleEndorsement(trx, request.nominationId, request.userId, now)) ? 'endorsed' : 'withdrawn';
  });
}

/** One decision: approve, reject or reopen. Only the first of competing presses wins; the rest are stale. */
export function decide(db: Db, request: DecisionChange, now: Date): Promise<'decided' | 'stale'> {
  return inTransaction(db, async (trx) => {
    return (await recordDecision(trx, request, now)) ? 'decided' : 'stale';
  });
}

/** A recommendation upward; false when the person had already recommended that level. */
export function recommend(
  db: Db,
  request: { nominationId: number; level: string; by: number },
  now: Date,
): Promise<'recommended' | 'already'> {
  return inTransaction(db, async (trx) => ((await addRecommendation(trx, request, now)) ? 'recommended' : 'already'));
}

/** Records the official decision on a commendation; a second one is a correction, stored beside the first. */
export function recordOfficialDecision(
  db: Db,
  record: { nominationId: number; number: string; date: string; signer: string; recordedBy: number },
  now: Date,
): Promise<'recorded' | 'corrected'> {
  return inTransaction(db, async (trx) => {
    const earlier = (await decisionRecordsOf(trx, [record.nominationId])).get(record.nominationId) ?? [];
    await insertDecisionRecord(trx, record, now);
    return earlier.length > 0 ? 'corrected' : 'recorded';
  });
}
