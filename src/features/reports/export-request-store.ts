/**
 * /export's requests (migration 0013). The command stores one in its update's transaction and answers at once; the
 * export worker (src/workers/export-worker.ts) claims it with a lease, writes the files reading the store outside
 * any write transaction, and then, in one small transaction, marks it finished and puts the files (or the apology)
 * in the outbox. A claim that lapsed (its process died) is taken again; a worker that lost its lease finishes
 * nothing, so the documents go out once.
 */
import type { ExpressionBuilder } from 'kysely';
import { enqueueReplies, forgetSentDocumentBytes, type OutboxReply } from '../../outbox/outbox-store';
import { retryWhileBusy } from '../../storage/connect';
import type { Database, Db } from '../../storage/schema';
import { inTransaction } from '../../storage/unit-of-work';

export type ExportStatus = 'pending' | 'running' | 'done' | 'failed';

/** The after-sent hook of /export's acknowledgement: once it is sent, the export worker looks for the request. */
export const EXPORT_REQUESTED_HOOK = 'exportRequested';

/** What the command stores. */
export interface NewExportRequest {
  readonly chatId: number;
  readonly threadId: number | undefined;
  readonly replyTo: number | undefined;
  readonly requestedBy: number;
  readonly unitId: number;
  readonly range: { readonly from: string; readonly to: string };
  readonly locale: string;
}

/** A request a worker holds the lease of. */
export interface ClaimedExport extends NewExportRequest {
  readonly id: number;
  /** Claims so far, this one included. */
  readonly attempts: number;
  readonly owner: string;
  /** The lease as stored: a renewal or a finish lands only while it still reads so. */
  leaseUntil: Date;
}

/** last_error is for people reading the table. */
const MAX_ERROR_LENGTH = 500;

/** Stores an /export for the worker, in the caller's transaction; returns its id. */
export async function requestExport(db: Db, request: NewExportRequest, now: Date): Promise<number> {
  const row = await db
    .insertInto('export_requests')
    .values({
      chat_id: request.chatId,
      thread_id: request.threadId ?? null,
      reply_to: request.replyTo ?? null,
      requested_by: request.requestedBy,
      unit_id: request.unitId,
      day_from: request.range.from,
      day_to: request.range.to,
      locale: request.locale,
      status: 'pending' satisfies ExportStatus,
      attempts: 0,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * Claims the oldest request that waits, or whose worker's lease ran out, in one statement. The UPDATE re-checks the
 * condition on the row it changes, so two workers never hold the same request (as the outbox's claimDue).
 */
export async function claimExport(
  db: Db,
  claim: { readonly owner: string; readonly now: Date; readonly leaseMs: number },
): Promise<ClaimedExport | undefined> {
  const at = claim.now.toISOString();
  const leaseUntil = new Date(claim.now.getTime() + claim.leaseMs);
  const claimable = (eb: ExpressionBuilder<Database, 'export_requests'>) =>
    eb.or([
      eb('status', '=', 'pending' satisfies ExportStatus),
      eb.and([eb('status', '=', 'running' satisfies ExportStatus), eb('lease_until', '<', at)]),
    ]);
  const row = await retryWhileBusy(() =>
    db
      .updateTable('export_requests')
      .set((eb) => ({
        status: 'running' satisfies ExportStatus,
        lease_owner: claim.owner,
        lease_until: leaseUntil.toISOString(),
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', '=', (eb) => eb.selectFrom('export_requests').select('id').where(claimable).orderBy('id').limit(1))
      .where(claimable)
      .returningAll()
      .executeTakeFirst(),
  );
  if (!row) return undefined;
  return {
    id: Number(row.id),
    chatId: Number(row.chat_id),
    threadId: row.thread_id ?? undefined,
    replyTo: row.reply_to ?? undefined,
    requestedBy: Number(row.requested_by),
    unitId: Number(row.unit_id),
    range: { from: row.day_from, to: row.day_to },
    locale: row.locale,
    attempts: Number(row.attempts),
    owner: claim.owner,
    leaseUntil,
  };
}

/** Only the claim holding the lease may touch the request, while it runs. */
const heldBy = (db: Db, claim: ClaimedExport) =>
  db
    .updateTable('export_requests')
    .where('id', '=', claim.id)
    .where('status', '=', 'running' satisfies ExportStatus)
    .where('lease_owner', '=', claim.owner)
    .where('lease_until', '=', claim.leaseUntil.toISOString());

/** Extends the claim's lease to `now + leaseMs`; false when another worker has taken the request over. */
export async function renewExportLease(db: Db, claim: ClaimedExport, now: Date, leaseMs: number): Promise<boolean> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const result = await retryWhileBusy(() =>
    heldBy(db, claim).set({ lease_until: leaseUntil.toISOString() }).executeTakeFirst(),
  );
  if (result.numUpdatedRows === 0n) return false;
  claim.leaseUntil = leaseUntil;
  return true;
}

/** The outbox key of a request's answers: its rows' periods are "export-<id>.<sequence>". */
const answerKey = (id: number) => `export-${id}`;

/**
 * Marks the request done or failed and writes its answers (the documents, or an apology) to the outbox, in one
 * transaction: both or neither. False, and nothing written, when the claim had lost its lease.
 */
export async function finishExport(
  db: Db,
  claim: ClaimedExport,
  outcome: { readonly status: 'done' | 'failed'; readonly error?: string },
  answers: readonly OutboxReply[],
  now: Date,
): Promise<boolean> {
  return retryWhileBusy(() =>
    inTransaction(db, async (trx) => {
      const result = await heldBy(trx, claim)
        .set({
          status: outcome.status,
          lease_owner: null,
          lease_until: null,
          last_error: outcome.error?.slice(0, MAX_ERROR_LENGTH) ?? null,
          finished_at: now.toISOString(),
        })
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      await enqueueReplies(trx, answerKey(claim.id), answers, now);
      return true;
    }),
  );
}

/** Hands a claimed request back (the process is stopping): the next worker takes it at once. */
export async function releaseExport(db: Db, claim: ClaimedExport): Promise<boolean> {
  const result = await retryWhileBusy(() =>
    heldBy(db, claim)
      .set({ status: 'pending' satisfies ExportStatus, lease_owner: null, lease_until: null })
      .executeTakeFirst(),
  );
  return result.numUpdatedRows > 0n;
}

/**
 * Drops the file bytes of a request's documents that went out: the outbox keeps the row (what was sent, when,
 * Telegram's message id), not megabytes of base64 nobody will send again.
 */
export function forgetSentExportFiles(db: Db, id: number): Promise<number> {
  return forgetSentDocumentBytes(db, `${answerKey(id)}.`);
}
