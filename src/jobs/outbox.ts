/**
 * The outbox: scheduled posts (leaderboards, digests, reminders) as rows, delivered by a worker that claims them
 * with a lease.
 *
 * Once, on time. A post is keyed by (job, period, chat): whichever process wakes first for a period creates the
 * rows, the others' inserts do nothing. A row goes out no earlier than `not_before` and never after `expires_at`
 * (a reminder for a day that has ended is skipped, not sent late).
 *
 * The one window. A worker claims a row (status sending, a lease until now + leaseMs), Telegram accepts the
 * message, then the worker marks the row sent. A crash, or a lost database, between Telegram's answer and the mark
 * leaves the row `sending` with its lease running; when the lease expires another worker claims it again and the
 * post goes out a second time. That is the one place a duplicate can come from, and it errs that way on purpose:
 * marking before sending would turn the same crash into a lost post, and a week's leaderboard that never arrives is
 * worse than one that arrives twice. Everywhere else delivery is exactly once: claims never overlap (see claimDue)
 * and a mark only lands while the marking worker still holds the lease. The lease must outlast the longest wait in
 * the transport (a group's minute window, a 429's retry_after, back-offs), hence minutes, not seconds.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Clock } from '../clock';
import type { Database, Db } from '../db/schema';
import type { Logger } from '../logger';
import {
  ChatUnreachableError,
  classifyFailure,
  isTransientFailure,
  SendCancelledError,
  type Transport,
} from '../telegram/transport';
import { markChatUnreachable } from './chat-reachability';

/** Where a post stands. */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

/** A post to enqueue. */
export interface OutboxPost {
  readonly job: string;
  /** The period the post reports on ("2026-W47", "2026-11-27"): with job and chat, its unique key. */
  readonly period: string;
  readonly chatId: number;
  readonly html: string;
  /** A forum topic to post in. */
  readonly threadId?: number | null;
  /** Not sent before this instant; by default, as soon as a worker runs. */
  readonly notBefore?: Date;
  /** Stale after this instant: skipped, never sent late. */
  readonly expiresAt?: Date | null;
}

/** A post a worker holds the lease of. */
export interface ClaimedPost {
  readonly id: number;
  readonly job: string;
  readonly period: string;
  readonly chatId: number;
  readonly threadId: number | null;
  readonly html: string;
  /** Claims so far, this one included. */
  readonly attempts: number;
  readonly expiresAt: Date | null;
  readonly leaseUntil: Date;
}

/** SQLite allows 32,766 bound values a statement; 9 columns × 500 rows stays far below. */
const INSERT_CHUNK = 500;
/** last_error is for people reading the table; a whole stack trace is not. */
const MAX_ERROR_LENGTH = 500;

/** Creates the posts that do not exist yet (by job, period and chat); returns how many were new. */
export async function enqueuePosts(db: Db, posts: readonly OutboxPost[], now: Date): Promise<number> {
  const at = now.toISOString();
  const rows = posts.map((post) => ({
    job: post.job,
    period: post.period,
    chat_id: post.chatId,
    thread_id: post.threadId ?? null,
    html: post.html,
    status: 'pending' satisfies OutboxStatus,
    attempts: 0,
    not_before: (post.notBefore ?? now).toISOString(),
    expires_at: post.expiresAt ? post.expiresAt.toISOString() : null,
    created_at: at,
  }));
  if (rows.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    let created = 0;
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const inserted = await trx
        .insertInto('outbox')
        .values(rows.slice(start, start + INSERT_CHUNK))
        .onConflict((oc) => oc.columns(['job', 'period', 'chat_id']).doNothing())
        .returning('id')
        .execute();
      created += inserted.length;
    }
    return created;
  });
}

/** Due and not stale: pending and past not_before, or abandoned (sending with its lease run out). */
function claimable(eb: ExpressionBuilder<Database, 'outbox'>, at: string): Expression<SqlBool> {
  return eb.and([
    eb.or([
      eb.and([eb('status', '=', 'pending'), eb('not_before', '<=', at)]),
      eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', at)]),
    ]),
    eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]),
  ]);
}

/**
 * Claims up to `limit` due posts in one statement: the oldest first, at most one per chat, and none in a chat that
 * already has a post out under a live lease (or in `excludeChatIds`). So a chat's posts go in order, even across
 * workers, and a batch never queues a chat's posts behind its own limit while their leases run.
 *
 * Why two workers never claim the same row: the UPDATE re-checks the claimable condition on each row it changes.
 * On SQLite a write statement runs alone (one writer holds the database lock from the subquery to RETURNING), so
 * a second worker's UPDATE runs wholly after the first and finds those rows `sending` with a live lease. On
 * PostgreSQL two UPDATEs may pick the same ids in their subqueries, but the second blocks on the row lock and, once
 * the first commits, re-evaluates its WHERE against the new row version, which no longer matches: it gets fewer
 * rows, never the same ones. (FOR UPDATE SKIP LOCKED in the subquery would only spare PostgreSQL that wait; SQLite
 * has no such clause and needs none.)
 */
export async function claimDue(
  db: Db,
  options: {
    readonly owner: string;
    readonly now: Date;
    readonly leaseMs: number;
    readonly limit: number;
    readonly excludeChatIds?: readonly number[];
  },
): Promise<ClaimedPost[]> {
  if (options.limit <= 0) return [];
  const at = options.now.toISOString();
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs).toISOString();
  const exclude = options.excludeChatIds ?? [];
  const rows = await db
    .updateTable('outbox')
    .set((eb) => ({
      status: 'sending' satisfies OutboxStatus,
      lease_owner: options.owner,
      lease_until: leaseUntil,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select((inner) => inner.fn.min<number>('id').as('id'))
        .where((inner) => claimable(inner, at))
        .where((inner) =>
          inner(
            'chat_id',
            'not in',
            inner
              .selectFrom('outbox as busy')
              .select('busy.chat_id')
              .where('busy.status', '=', 'sending')
              .where('busy.lease_until', '>=', at),
          ),
        )
        .$if(exclude.length > 0, (query) => query.where('chat_id', 'not in', exclude))
        .groupBy('chat_id')
        .orderBy((inner) => inner.fn.min('id'))
        .limit(options.limit),
    )
    .where((eb) => claimable(eb, at))
    .returningAll()
    .execute();
  return rows
    .map((row) => ({
      id: row.id,
      job: row.job,
      period: row.period,
      chatId: Number(row.chat_id),
      threadId: row.thread_id,
      html: row.html,
      attempts: row.attempts,
      expiresAt: row.expires_at ? new Date(row.expires_at) : null,
      leaseUntil: new Date(leaseUntil),
    }))
    .sort((a, b) => a.id - b.id);
}

/** Who may mark a row: the worker holding its lease, while the row is still out for delivery. */
const heldBy = (db: Db, id: number, owner: string) =>
  db.updateTable('outbox').where('id', '=', id).where('status', '=', 'sending').where('lease_owner', '=', owner);

const marked = (result: { numUpdatedRows: bigint }) => result.numUpdatedRows > 0n;

/** Records Telegram's message id; false when the lease was lost to another worker (the post may go out twice). */
export async function markSent(
  db: Db,
  mark: { readonly id: number; readonly owner: string; readonly messageId: number; readonly now: Date },
): Promise<boolean> {
  const result = await heldBy(db, mark.id, mark.owner)
    .set({
      status: 'sent' satisfies OutboxStatus,
      telegram_message_id: mark.messageId,
      sent_at: mark.now.toISOString(),
      lease_until: null,
      last_error: null,
    })
    .executeTakeFirst();
  return marked(result);
}

/** Gives up on a post for good (the chat is unreachable, Telegram refused the message, or attempts ran out). */
export async function markFailed(
  db: Db,
  mark: { readonly id: number; readonly owner: string; readonly error: string },
): Promise<boolean> {
  const result = await heldBy(db, mark.id, mark.owner)
    .set({
      status: 'failed' satisfies OutboxStatus,
      lease_until: null,
      last_error: mark.error.slice(0, MAX_ERROR_LENGTH),
    })
    .executeTakeFirst();
  return marked(result);
}

/** Drops a post that went stale before it could go out. */
export async function markSkipped(
  db: Db,
  mark: { readonly id: number; readonly owner: string; readonly reason: string },
): Promise<boolean> {
  const result = await heldBy(db, mark.id, mark.owner)
    .set({ status: 'skipped' satisfies OutboxStatus, lease_until: null, last_error: mark.reason })
    .executeTakeFirst();
  return marked(result);
}

/** Hands a post back for a later try after a transient failure. */
export async function retryLater(
  db: Db,
  mark: { readonly id: number; readonly owner: string; readonly notBefore: Date; readonly error: string },
): Promise<boolean> {
  const result = await heldBy(db, mark.id, mark.owner)
    .set({
      status: 'pending' satisfies OutboxStatus,
      lease_owner: null,
      lease_until: null,
      not_before: mark.notBefore.toISOString(),
      last_error: mark.error.slice(0, MAX_ERROR_LENGTH),
    })
    .executeTakeFirst();
  return marked(result);
}

/** Skips every post that went stale while waiting (unclaimed, or abandoned by a worker); returns how many. */
export async function skipExpired(db: Db, now: Date): Promise<number> {
  const at = now.toISOString();
  const result = await db
    .updateTable('outbox')
    .set({ status: 'skipped' satisfies OutboxStatus, lease_until: null, last_error: 'expired' })
    .where('expires_at', '<=', at)
    .where((eb) =>
      eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', at)])]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** What a delivery pass needs; the numbers have defaults. */
export interface DeliverOutboxOptions {
  readonly db: Db;
  readonly transport: Transport;
  readonly clock: Clock;
  readonly logger: Logger;
  /** This worker's name in lease_owner: unique per process (host, pid and a random part, say). */
  readonly owner: string;
  /** How long a claim holds; must outlast the transport's longest wait. Default 5 minutes. */
  readonly leaseMs?: number;
  /** Posts in flight at once. Default 50. */
  readonly batch?: number;
  /** Claims before a post that keeps failing transiently is given up. Default 5. */
  readonly maxAttempts?: number;
  /** Wait before the first retry of a transient failure; it doubles with each attempt, up to an hour. Default 1 min. */
  readonly retryDelayMs?: number;
}

/** What one delivery pass did. */
export interface DeliveryReport {
  claimed: number;
  sent: number;
  failed: number;
  skipped: number;
  /** Handed back for a later try after a transient failure. */
  retrying: number;
  /** Sent, but another worker had taken the lease over: the post may have gone out twice. */
  leaseLost: number;
}

/** A claim's lease: longer than a group's minute window plus a 429's retry_after and the back-offs. */
export const DEFAULT_LEASE_MS = 5 * 60_000;
/** Posts a worker keeps in flight: enough to fill Telegram's 30 a second, few enough to keep the queue short. */
export const DEFAULT_BATCH = 50;
const MAX_RETRY_DELAY_MS = 60 * 60_000;

function describe(error: unknown): string {
  if (error instanceof ChatUnreachableError) return `${error.errorCode} ${error.description}`;
  const response = (error as { response?: { error_code?: unknown; description?: unknown } }).response;
  if (response && typeof response.error_code === 'number') return `${response.error_code} ${response.description}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Delivers every due post: keeps up to `batch` in flight through the transport (which keeps Telegram's limits),
 * one per chat at a time, claiming more as they finish, until nothing due is left. Marks each sent (with Telegram's
 * message id), failed (an unreachable chat is also recorded on the chat), skipped (stale) or back to pending with a
 * later not_before (a transient failure the transport's own retries did not outlast).
 */
export async function deliverOutbox(options: DeliverOutboxOptions): Promise<DeliveryReport> {
  const { db, transport, clock, logger, owner } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const batch = options.batch ?? DEFAULT_BATCH;
  const maxAttempts = options.maxAttempts ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 60_000;
  const report: DeliveryReport = { claimed: 0, sent: 0, failed: 0, skipped: 0, retrying: 0, leaseLost: 0 };

  report.skipped += await skipExpired(db, clock.now());

  async function deliver(post: ClaimedPost): Promise<void> {
    if (post.expiresAt && post.expiresAt <= clock.now()) {
      await markSkipped(db, { id: post.id, owner, reason: 'expired' });
      report.skipped += 1;
      return;
    }
    const expired = () => post.expiresAt !== null && post.expiresAt <= clock.now();
    let messageId: number;
    try {
      const sent = await transport.sendMessage(post.chatId, post.html, {
        threadId: post.threadId ?? undefined,
        priority: 'bulk',
        // Checked when the limits let the post go: it may have waited for its chat long enough to go stale, or
        // for its lease to run out (another worker may have it by now).
        stillWanted: () => !expired() && clock.now() < post.leaseUntil,
      });
      messageId = sent.messageId;
    } catch (error) {
      await settleFailure(post, error);
      return;
    }
    if (await markSent(db, { id: post.id, owner, messageId, now: clock.now() })) {
      report.sent += 1;
    } else {
      report.leaseLost += 1;
      logger.warn({ postId: post.id, owner }, 'outbox post sent after its lease was taken over; it may go out twice');
    }
  }

  async function settleFailure(post: ClaimedPost, error: unknown): Promise<void> {
    const reason = describe(error);
    if (error instanceof SendCancelledError) {
      if (post.expiresAt !== null && post.expiresAt <= clock.now()) {
        await markSkipped(db, { id: post.id, owner, reason: 'expired' });
        report.skipped += 1;
      } else {
        // The lease ran out while the post queued: hand it back unless another worker has it already.
        await retryLater(db, { id: post.id, owner, notBefore: clock.now(), error: 'lease expired before sending' });
        report.retrying += 1;
      }
    } else if (error instanceof ChatUnreachableError) {
      await markFailed(db, { id: post.id, owner, error: reason });
      await markChatUnreachable(db, error.chatId, clock.now());
      report.failed += 1;
      logger.info({ postId: post.id, chatId: error.chatId, reason }, 'outbox post failed: chat unreachable');
    } else if (isTransientFailure(error) && post.attempts < maxAttempts) {
      const delay = Math.min(MAX_RETRY_DELAY_MS, retryDelayMs * 2 ** (post.attempts - 1));
      await retryLater(db, { id: post.id, owner, notBefore: new Date(clock.now().getTime() + delay), error: reason });
      report.retrying += 1;
      logger.warn({ postId: post.id, attempts: post.attempts, delayMs: delay, reason }, 'outbox post will be retried');
    } else {
      await markFailed(db, { id: post.id, owner, error: reason });
      report.failed += 1;
      const kind = classifyFailure(error).kind;
      logger.error({ postId: post.id, attempts: post.attempts, kind, reason }, 'outbox post failed');
    }
  }

  const inFlight = new Map<number, Promise<void>>();
  // Refill when half the batch is done; after a claim that came back short (everything claimable taken), try
  // again as each post finishes, since that frees its chat.
  let lastClaimShort = false;
  let mayClaim = true;
  for (;;) {
    const room = batch - inFlight.size;
    if (mayClaim && room > 0 && (lastClaimShort || inFlight.size <= batch / 2)) {
      const posts = await claimDue(db, {
        owner,
        now: clock.now(),
        leaseMs,
        limit: room,
        excludeChatIds: [...inFlight.keys()],
      });
      report.claimed += posts.length;
      lastClaimShort = posts.length < room;
      mayClaim = false;
      for (const post of posts) {
        const delivery = deliver(post)
          .catch((error: unknown) => {
            // The database failed under a mark: the lease will expire and the post be tried again.
            logger.error({ err: error, postId: post.id }, 'outbox post left unmarked');
          })
          .finally(() => inFlight.delete(post.chatId));
        inFlight.set(post.chatId, delivery);
      }
    }
    if (inFlight.size === 0) break;
    await Promise.race(inFlight.values());
    mayClaim = true;
  }
  return report;
}

/** Timers the worker loop uses; tests pass fakes. */
export interface WorkerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** A delivery pass's needs, plus how often the loop polls. */
export interface OutboxWorkerOptions extends DeliverOutboxOptions {
  /** Pause between passes when nothing is due. Default 5 s. */
  readonly intervalMs?: number;
  readonly timers?: WorkerTimers;
}

/** A running worker: `wake` starts a pass now (after enqueuing, say); `stop` waits for the pass under way. */
export interface OutboxWorker {
  wake(): void;
  stop(): Promise<void>;
}

const realTimers: WorkerTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Runs deliverOutbox now and then every `intervalMs` after each pass ends, until stopped. */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const timers = options.timers ?? realTimers;
  const intervalMs = options.intervalMs ?? 5000;
  let stopped = false;
  let again = false;
  let timer: unknown;
  let running: Promise<void> | undefined;

  function pass(): void {
    timer = undefined;
    running = (async () => {
      do {
        again = false;
        try {
          const report = await deliverOutbox(options);
          if (report.claimed > 0 || report.skipped > 0) options.logger.info({ ...report }, 'outbox pass');
        } catch (error) {
          options.logger.error({ err: error }, 'outbox pass failed');
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
      if (!stopped) timer = timers.setTimeout(pass, intervalMs);
    });
  }

  pass();
  return {
    wake() {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      if (timer !== undefined) timers.clearTimeout(timer);
      pass();
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}

/** Counts of the outbox's rows by status, for logs and tests. */
export async function outboxCounts(db: Db): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', sql<number>`count(*)`.as('count')])
    .groupBy('status')
    .execute();
  const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0 };
  for (const row of rows) counts[row.status as OutboxStatus] = Number(row.count);
  return counts;
}
