import type { Nomination, NominationStatus } from '../domain/nomination';
import type { Db } from './schema';

const fullName = (first: string, last: string | null) => (last ? `${first} ${last}` : first);

function selectNominations(db: Db) {
  return db
    .selectFrom('nominations as n')
    .innerJoin('members as nominee', 'nominee.user_id', 'n.nominee_id')
    .innerJoin('members as nominator', 'nominator.user_id', 'n.nominator_id')
    .leftJoin('nomination_decisions as d', (join) =>
      join.onRef('d.nomination_id', '=', 'n.id').on('d.id', '=', (eb) =>
        eb
          .selectFrom('nomination_decisions as latest')
          .select((inner) => inner.fn.max('latest.id').as('id'))
          .whereRef('latest.nomination_id', '=', 'n.id'),
      ),
    )
    .leftJoin('members as decider', 'decider.user_id', 'd.decided_by')
    .select((eb) => [
      'n.id',
      'n.chat_id',
      'n.thread_id',
      'n.source_message_id',
      'n.nominee_id',
      'nominee.first_name as nominee_first',
      'nominee.last_name as nominee_last',
      'n.unit_id',
      'n.nominator_id',
      'nominator.first_name as nominator_first',
      'nominator.last_name as nominator_last',
      'n.reason',
      'n.status',
      'n.level',
      'n.card_message_id',
      'n.day',
      'n.created_at',
      'd.decided_by',
      'd.outcome',
      'd.reason as decision_reason',
      'decider.first_name as decider_first',
      'decider.last_name as decider_last',
      eb
        .selectFrom('nomination_endorsements as e')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('e.nomination_id', '=', 'n.id')
        .whereRef('e.user_id', '<>', 'n.nominee_id')
        .as('endorsements'),
    ]);
}

type NominationRow = Awaited<ReturnType<ReturnType<typeof selectNominations>['executeTakeFirstOrThrow']>>;

function toNomination(row: NominationRow): Nomination {
  return {
    id: row.id,
    chatId: row.chat_id,
    threadId: row.thread_id,
    sourceMessageId: row.source_message_id,
    nomineeId: row.nominee_id,
    nomineeName: fullName(row.nominee_first, row.nominee_last),
    unitId: row.unit_id,
    nominatorId: row.nominator_id,
    nominatorName: fullName(row.nominator_first, row.nominator_last),
    reason: row.reason,
    status: row.status as NominationStatus,
    level: row.level,
    cardMessageId: row.card_message_id,
    day: row.day,
    createdAt: row.created_at,
    endorsements: Number(row.endorsements ?? 0),
    decidedBy: row.outcome && row.outcome !== 'reopened' ? row.decided_by : null,
    decidedByName:
      row.outcome && row.outcome !== 'reopened' && row.decider_first
        ? fullName(row.decider_first, row.decider_last)
        : null,
    rejectReason: row.outcome === 'rejected' ? row.decision_reason : null,
  };
}

export async function findNomination(db: Db, id: number): Promise<Nomination | undefined> {
  const row = await selectNominations(db).where('n.id', '=', id).executeTakeFirst();
  return row && toNomination(row);
}

/** The nomination whose card is this message of the bot's. */
export async function findNominationByCard(
  db: Db,
  chatId: number,
  cardMessageId: number,
): Promise<Nomination | undefined> {
  const row = await selectNominations(db)
    .where('n.chat_id', '=', chatId)
    .where('n.card_message_id', '=', cardMessageId)
    .executeTakeFirst();
  return row && toNomination(row);
}

/** Nominations waiting for a decision in the given units, oldest first. */
export async function pendingNominations(db: Db, unitIds: readonly number[]): Promise<Nomination[]> {
  if (unitIds.length === 0) return [];
  const rows = await selectNominations(db)
    .where('n.status', '=', 'pending')
    .where('n.unit_id', 'in', unitIds)
    .orderBy('n.id')
    .execute();
  return rows.map(toNomination);
}

/** Approved nominations of the given units whose standing approval was decided in [since, until). */
export async function approvedNominations(
  db: Db,
  filter: { unitIds: readonly number[]; since: Date; until: Date },
): Promise<Nomination[]> {
  if (filter.unitIds.length === 0) return [];
  const rows = await selectNominations(db)
    .where('n.status', '=', 'approved')
    .where('n.unit_id', 'in', filter.unitIds)
    .where('d.decided_at', '>=', filter.since.toISOString())
    .where('d.decided_at', '<', filter.until.toISOString())
    .orderBy('n.unit_id')
    .orderBy('n.id')
    .execute();
  return rows.map(toNomination);
}

export async function countNominationsBy(db: Db, nominatorId: number, day: string): Promise<number> {
  const row = await db
    .selectFrom('nominations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('nominator_id', '=', nominatorId)
    .where('day', '=', day)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** An earlier nomination of the same person for the same message, which a second one joins. */
export async function findSameNomination(
  db: Db,
  key: { chatId: number; sourceMessageId: number; nomineeId: number },
): Promise<number | undefined> {
  const row = await db
    .selectFrom('nominations')
    .select('id')
    .where('chat_id', '=', key.chatId)
    .where('source_message_id', '=', key.sourceMessageId)
    .where('nominee_id', '=', key.nomineeId)
    .orderBy('id')
    .executeTakeFirst();
  return row?.id;
}

export interface NewNomination {
  readonly chatId: number;
  readonly threadId: number | null;
  readonly sourceMessageId: number | null;
  readonly nomineeId: number;
  readonly unitId: number;
  readonly nominatorId: number;
  readonly reason: string;
  readonly day: string;
}

export async function insertNomination(db: Db, nomination: NewNomination, now: Date): Promise<number> {
  const at = now.toISOString();
  const row = await db
    .insertInto('nominations')
    .values({
      chat_id: nomination.chatId,
      thread_id: nomination.threadId,
      source_message_id: nomination.sourceMessageId,
      nominee_id: nomination.nomineeId,
      unit_id: nomination.unitId,
      nominator_id: nomination.nominatorId,
      reason: nomination.reason,
      status: 'pending',
      level: null,
      card_message_id: null,
      day: nomination.day,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setCardMessage(db: Db, id: number, cardMessageId: number): Promise<void> {
  await db.updateTable('nominations').set({ card_message_id: cardMessageId }).where('id', '=', id).execute();
}

/** Adds the endorsement, or withdraws it if it was there; returns whether the person now endorses. */
export async function toggleEndorsement(db: Db, nominationId: number, userId: number, now: Date): Promise<boolean> {
  const removed = await db
    .deleteFrom('nomination_endorsements')
    .where('nomination_id', '=', nominationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (Number(removed.numDeletedRows) > 0) return false;
  await db
    .insertInto('nomination_endorsements')
    .values({ nomination_id: nominationId, user_id: userId, created_at: now.toISOString() })
    .execute();
  return true;
}

/** Adds an endorsement if missing (a second nominator joining); idempotent. */
export async function addEndorsement(db: Db, nominationId: number, userId: number, now: Date): Promise<void> {
  await db
    .insertInto('nomination_endorsements')
    .values({ nomination_id: nominationId, user_id: userId, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['nomination_id', 'user_id']).doNothing())
    .execute();
}

/** A decision: approve (with a level), reject (with a reason) or reopen, moving the status `from` → `to`. */
export interface DecisionChange {
  readonly nominationId: number;
  readonly from: NominationStatus;
  readonly to: NominationStatus;
  readonly outcome: 'approved' | 'rejected' | 'reopened';
  readonly level: string | null;
  readonly reason: string | null;
  readonly decidedBy: number;
}

/**
 * Moves the nomination from `from` to `to` status and records the decision, only if it still stands at `from`:
 * of two deciders pressing at once, exactly one wins. Returns whether this call won.
 */
export async function recordDecision(db: Db, change: DecisionChange, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const moved = await db
    .updateTable('nominations')
    .set({ status: change.to, level: change.level, updated_at: at })
    .where('id', '=', change.nominationId)
    .where('status', '=', change.from)
    .returning('id')
    .executeTakeFirst();
  if (!moved) return false;
  await db
    .insertInto('nomination_decisions')
    .values({
      nomination_id: change.nominationId,
      decided_by: change.decidedBy,
      outcome: change.outcome,
      level: change.level,
      reason: change.reason,
      decided_at: at,
    })
    .execute();
  return true;
}

/** For tests and audits: every decision on a nomination, oldest first. */
export function decisionsOf(db: Db, nominationId: number) {
  return db
    .selectFrom('nomination_decisions')
    .selectAll()
    .where('nomination_id', '=', nominationId)
    .orderBy('id')
    .execute();
}
