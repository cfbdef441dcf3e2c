import {
  addEndorsement,
  countNominationsBy,
  type DecisionChange,
  findSameNomination,
  insertNomination,
  type NewNomination,
  recordDecision,
  toggleEndorsement,
} from '../db/nomination-store';
import type { Db } from '../db/schema';
import { claimUpdate } from '../db/tally-store';

export type NominateOutcome =
  | { kind: 'created'; id: number }
  | { kind: 'joined'; id: number }
  | { kind: 'dailyCap' }
  | { kind: 'duplicate' };

/**
 * Records a nomination once per update. A second nomination of the same person for the same message joins the
 * first as an endorsement; past the daily cap nothing is stored.
 */
export function nominate(
  db: Db,
  request: NewNomination & { updateId: number; dailyCap: number },
  now: Date,
): Promise<NominateOutcome> {
  return db.transaction().execute(async (trx): Promise<NominateOutcome> => {
    if (!(await claimUpdate(trx, request.updateId, now))) return { kind: 'duplicate' };
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

/** Toggles a person's endorsement once per update (a redelivered press changes nothing). */
export function endorse(
  db: Db,
  request: { updateId: number; nominationId: number; userId: number },
  now: Date,
): Promise<'endorsed' | 'withdrawn' | 'duplicate'> {
  return db.transaction().execute(async (trx) => {
    if (!(await claimUpdate(trx, request.updateId, now))) return 'duplicate';
    return (await toggleEndorsement(trx, request.nominationId, request.userId, now)) ? 'endorsed' : 'withdrawn';
  });
}

/** One decision: approve, reject or reopen. Only the first of competing presses wins; the rest are stale. */
export function decide(
  db: Db,
  request: DecisionChange & { updateId: number },
  now: Date,
): Promise<'decided' | 'stale' | 'duplicate'> {
  return db.transaction().execute(async (trx) => {
    if (!(await claimUpdate(trx, request.updateId, now))) return 'duplicate';
    return (await recordDecision(trx, request, now)) ? 'decided' : 'stale';
  });
}
