import type { Db } from '../../storage/schema';
import type { DecisionRecord, Nomination, NominationStatus, Recommendation } from './nomination';

const fullName = (first: string, last: string | null) => (last ? `${first} ${last}` : first);

/** Nominations with their people's names: the roster's full name for a linked account, read now, else the display name. */
function selectNominations(db: Db) {
  return db
    .selectFrom('nominations as n')
    .innerJoin('members as nominee', 'nominee.user_id', 'n.nominee_id')
    .innerJoin('members as nominator', 'nominator.user_id', 'n.nominator_id')
    .leftJoin('people as nominee_person', 'nominee_person.user_id', 'n.nominee_id')
    .leftJoin('people as nominator_person', 'nominator_person.user_id', 'n.nominator_id')
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
      'nominee_person.full_name as nominee_official',
      'n.unit_id',
      'n.nominator_id',
      'nominator.first_name as nominator_first',
      'nominator.last_name as nominator_last',
      'nominator_person.full_name as nominator_official',
      'n.reason',
      'n.status',
      'n.level',
      'n.card_message_id',
      'n.day',
      'n.created_at',
      'd.decided_by',
      'd.outcome',
      'd.reason as decision_reason',
      'd.decided_at',
      'decider.first_name as decider_first',
      'decider.last_name as decider_last',
      eb
        .selectFrom('nomination_endorsements as e')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('e.nomination_id', '=', 'n.id')
        .whereRef('e.user_id', '<>', 'n.nominee_id')
        .whereRef('e.user_id', '<>', 'n.nominator_id')
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
    nomineeName: row.nominee_official ?? fullName(row.nominee_first, row.nominee_last),
    unitId: row.unit_id,
    nominatorId: row.nominator_id,
    nominatorName: row.nominator_official ?? fullName(row.nominator_first, row.nominator_last),
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
    decidedAt: row.outcome && row.outcome !== 'reopened' ? row.decided_at : null,
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

/** Every approved commendation of a person, over all years, oldest first. */
export async function commendationsOf(db: Db, nomineeId: number): Promise<Nomination[]> {
  const rows = await selectNominations(db)
    .where('n.status', '=', 'approved')
    .where('n.nominee_id', '=', nomineeId)
    .orderBy('d.decided_at')
    .orderBy('n.id')
    .execute();
  return rows.map(toNomination);
}

/** Records a recommendation upward; a second press of the same person for the same level adds nothing. */
export async function addRecommendation(
  db: Db,
  recommendation: { nominationId: number; level: string; by: number },
  now: Date,
): Promise<boolean> {
  const inserted = await db
    .insertInto('nomination_recommendations')
    .values({
      nomination_id: recommendation.nominationId,
      level: recommendation.level,
      recommended_by: recommendation.by,
      recommended_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['nomination_id', 'level', 'recommended_by']).doNothing())
    .returning('id')
    .execute();
  return inserted.length > 0;
}

/** The recommendations of the given nominations, oldest first, grouped by nomination. */
export async function recommendationsOf(
  db: Db,
  nominationIds: readonly number[],
): Promise<Map<number, Recommendation[]>> {
  const out = new Map<number, Recommendation[]>();
  if (nominationIds.length === 0) return out;
  const rows = await db
    .selectFrom('nomination_recommendations as r')
    .leftJoin('members as m', 'm.user_id', 'r.recommended_by')
    .select(['r.nomination_id', 'r.level', 'r.recommended_by', 'r.recommended_at', 'm.first_name', 'm.last_name'])
    .where('r.nomination_id', 'in', nominationIds)
    .orderBy('r.id')
    .execute();
  for (const row of rows) {
    const list = out.get(row.nomination_id) ?? [];
    list.push({
      level: row.level,
      byId: row.recommended_by,
      byName: row.first_name ? fullName(row.first_name, row.last_name) : String(row.recommended_by),
      at: row.recommended_at,
    });
    out.set(row.nomination_id, list);
  }
  return out;
}

/** Records an official decision; an earlier one stays, the latest stands. Returns its id. */
export async function insertDecisionRecord(
  db: Db,
  record: { nominationId: number; number: string; date: string; signer: string; recordedBy: number },
  now: Date,
): Promise<number> {
  const row = await db
    .insertInto('commendation_decisions')
    .values({
      nomination_id: record.nominationId,
      decision_number: record.number,
      decision_date: record.date,
      signer: record.signer,
      recorded_by: record.recordedBy,
      recorded_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Every decision record of the nominations, oldest first, grouped by nomination; the last of each stands. */
export async function decisionRecordsOf(
  db: Db,
  nominationIds: readonly number[],
): Promise<Map<number, DecisionRecord[]>> {
  const out = new Map<number, DecisionRecord[]>();
  if (nominationIds.length === 0) return out;
  const rows = await db
    .selectFrom('commendation_decisions')
    .selectAll()
    .where('nomination_id', 'in', nominationIds)
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const list = out.get(row.nomination_id) ?? [];
    list.push({
      id: row.id,
      nominationId: row.nomination_id,
      number: row.decision_number,
      date: row.decision_date,
      signer: row.signer,
      recordedBy: row.recorded_by,
      recordedAt: row.recorded_at,
    });
    out.set(row.nomination_id, list);
  }
  return out;
}

/** The standing (latest) decision record of each nomination that has one. */
export async function latestDecisionRecords(
  db: Db,
  nominationIds: readonly number[],
): Promise<Map<number, DecisionRecord>> {
  const all = await decisionRecordsOf(db, nominationIds);
  return new Map([...all].map(([id, records]) => [id, records[records.length - 1]!]));
}

/** The outbox job of private copies; their period is "copy-<id>". */
export const PRIVATE_COPY_JOB = 'nomination-private';
/** At most one private copy per decider an hour. */
export const PRIVATE_COPY_INTERVAL_MS = 60 * 60_000;

export interface PrivateCopy {
  readonly id: number;
  readonly deciderId: number;
  readonly dueAt: Date;
  readonly messageId: number | null;
  readonly nominationIds: readonly number[];
}

async function copyWithItems(
  db: Db,
  row: { id: number; decider_id: number; due_at: string; message_id: number | null },
): Promise<PrivateCopy> {
  const items = await db
    .selectFrom('nomination_private_items')
    .select('nomination_id')
    .where('copy_id', '=', row.id)
    .orderBy('nomination_id')
    .execute();
  return {
    id: row.id,
    deciderId: row.decider_id,
    dueAt: new Date(row.due_at),
    messageId: row.message_id,
    nominationIds: items.map((item) => item.nomination_id),
  };
}

/**
 * Puts a nomination in the decider's next private copy. The copy still waiting (due later than now, so no worker
 * can have claimed its outbox row) takes it; otherwise a new copy is made, due an hour after the decider's last
 * one, or now. Returns the copy and whether it is new (its outbox row is still to be written) or amended.
 */
export async function addToPrivateCopy(
  db: Db,
  notice: { deciderId: number; nominationId: number },
  now: Date,
): Promise<{ copy: PrivateCopy; fresh: boolean; added: boolean }> {
  const at = now.toISOString();
  const last = await db
    .selectFrom('nomination_private_copies')
    .select(['id', 'decider_id', 'due_at', 'message_id'])
    .where('decider_id', '=', notice.deciderId)
    .orderBy('due_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  let fresh = false;
  let copyId: number;
  if (last && last.message_id === null && last.due_at > at) copyId = last.id;
  else {
    const lastDue = last ? new Date(last.due_at).getTime() + PRIVATE_COPY_INTERVAL_MS : 0;
    const due = new Date(Math.max(now.getTime(), lastDue)).toISOString();
    const inserted = await db
      .insertInto('nomination_private_copies')
      .values({ decider_id: notice.deciderId, due_at: due, message_id: null, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    copyId = inserted.id;
    fresh = true;
  }
  const added = await db
    .insertInto('nomination_private_items')
    .values({ copy_id: copyId, nomination_id: notice.nominationId, created_at: at })
    .onConflict((oc) => oc.columns(['copy_id', 'nomination_id']).doNothing())
    .returning('copy_id')
    .execute();
  const row = await db
    .selectFrom('nomination_private_copies')
    .select(['id', 'decider_id', 'due_at', 'message_id'])
    .where('id', '=', copyId)
    .executeTakeFirstOrThrow();
  return { copy: await copyWithItems(db, row), fresh, added: added.length > 0 };
}

/** The private copies that list the nomination. */
export async function privateCopiesOf(db: Db, nominationId: number): Promise<PrivateCopy[]> {
  const rows = await db
    .selectFrom('nomination_private_copies as c')
    .innerJoin('nomination_private_items as i', 'i.copy_id', 'c.id')
    .select(['c.id', 'c.decider_id', 'c.due_at', 'c.message_id'])
    .where('i.nomination_id', '=', nominationId)
    .orderBy('c.id')
    .execute();
  return Promise.all(rows.map((row) => copyWithItems(db, row)));
}

/** The private copy that is this message in the decider's chat, if any. */
export async function findPrivateCopy(db: Db, deciderId: number, messageId: number): Promise<PrivateCopy | undefined> {
  const row = await db
    .selectFrom('nomination_private_copies')
    .select(['id', 'decider_id', 'due_at', 'message_id'])
    .where('decider_id', '=', deciderId)
    .where('message_id', '=', messageId)
    .executeTakeFirst();
  return row && copyWithItems(db, row);
}

/** The after-sent hook: the copy learns its message, which binds its buttons. */
export async function setPrivateCopyMessage(db: Db, copyId: number, messageId: number): Promise<void> {
  await db.updateTable('nomination_private_copies').set({ message_id: messageId }).where('id', '=', copyId).execute();
}

/**
 * Writes (a fresh copy) or rewrites (an amended one, while its row is still pending) the copy's outbox row: a
 * message to the decider's private chat, not before the copy is due. Returns false when the row was already taken
 * for delivery and could not be rewritten.
 */
export async function writePrivateCopyRow(
  db: Db,
  row: { copy: PrivateCopy; html: string; payload: object },
  now: Date,
): Promise<boolean> {
  const period = `copy-${row.copy.id}`;
  const payload = JSON.stringify(row.payload);
  const updated = await db
    .updateTable('outbox')
    .set({ html: row.html, payload })
    .where('job', '=', PRIVATE_COPY_JOB)
    .where('period', '=', period)
    .where('chat_id', '=', row.copy.deciderId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return true;
  const exists = await db
    .selectFrom('outbox')
    .select('id')
    .where('job', '=', PRIVATE_COPY_JOB)
    .where('period', '=', period)
    .where('chat_id', '=', row.copy.deciderId)
    .executeTakeFirst();
  if (exists) return false;
  await db
    .insertInto('outbox')
    .values({
      job: PRIVATE_COPY_JOB,
      period,
      kind: 'message',
      lane: 'message',
      chat_id: row.copy.deciderId,
      thread_id: null,
      html: row.html,
      payload,
      status: 'pending',
      attempts: 0,
      not_before: row.copy.dueAt.toISOString(),
      expires_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  return true;
}

/** The private chats among these people that Telegram refused (they never opened one, or blocked the bot). */
export async function unreachablePrivateChats(db: Db, userIds: readonly number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('chats')
    .select('chat_id')
    .where('chat_id', 'in', userIds)
    .where('unreachable_at', 'is not', null)
    .execute();
  return new Set(rows.map((row) => row.chat_id));
}

/** The language a person chose in their private chat, if any. */
export async function privateLocaleOf(db: Db, userId: number): Promise<string | null> {
  const row = await db.selectFrom('chats').select('locale').where('chat_id', '=', userId).executeTakeFirst();
  return row?.locale ?? null;
}
