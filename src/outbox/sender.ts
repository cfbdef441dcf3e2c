/**
 * The one sender: delivers every outbox row (replies, confirmations, edits, reactions, weekly posts) through the
 * transport, which keeps Telegram's limits. It is woken when an update's replies are committed, so no polling
 * interval sits between a command and its answer; it also looks again every `intervalMs` for rows that became due.
 */
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Db } from '../storage/schema';
import { markChatUnreachable } from './chat-reachability-store';
import {
  type AfterSentHook,
  type ClaimedRow,
  claimDue,
  claimWaitingConfirmations,
  markFailed,
  markSent,
  markSkipped,
  REPLY_JOB,
  retryLater,
  skipExpired,
  waitingInChat,
} from './outbox-store';
import {
  ChatUnreachableError,
  classifyFailure,
  isTransientFailure,
  SendCancelledError,
  type Transport,
} from './transport';

/** Told with Telegram's message id once a row carrying the hook went out; runs in its own small transaction. */
export type AfterSent = (db: Db, hook: AfterSentHook, messageId: number) => Promise<void>;

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
  /** Rows in flight at once. Default 50. */
  readonly batch?: number;
  /** Claims before a row that keeps failing transiently is given up. Default 5. */
  readonly maxAttempts?: number;
  /** Wait before the first retry of a transient failure; it doubles with each attempt, up to an hour. Default 5 s. */
  readonly retryDelayMs?: number;
  /** Hooks by kind, told each sent row's message id (a nomination card learns its message). */
  readonly afterSent?: Readonly<Record<string, AfterSent>>;
  /** Told of every row's outcome, for metrics. */
  readonly onOutcome?: (kind: string, outcome: 'sent' | 'failed' | 'skipped' | 'retrying') => void;
  /** Resolves when there may be new work (a wake): a pass then claims again without waiting for a row to finish. */
  readonly woken?: () => Promise<void>;
}

/** What one delivery pass did. */
export interface DeliveryReport {
  claimed: number;
  sent: number;
  failed: number;
  skipped: number;
  /** Handed back for a later try after a transient failure. */
  retrying: number;
  /** Sent, but another worker had taken the lease over: the row may have gone out twice. */
  leaseLost: number;
  /** Confirmations that went out merged into another's message. */
  merged: number;
}

/** A claim's lease: longer than a group's minute window plus a 429's retry_after and the back-offs. */
export const DEFAULT_LEASE_MS = 5 * 60_000;
/** Rows a worker keeps in flight: enough to fill Telegram's 30 a second, few enough to keep the queue short. */
export const DEFAULT_BATCH = 50;
const MAX_RETRY_DELAY_MS = 60 * 60_000;
/** How long a sent row's mark is tried again while the database does not answer: a restart's length, with room. */
const MARK_RETRY_MS = 30_000;
/** Confirmations one merged message lists at most; the rest follow in the next. */
const MERGE_LIMIT = 40;

function describe(error: unknown): string {
  if (error instanceof ChatUnreachableError) return `${error.errorCode} ${error.description}`;
  const response = (error as { response?: { error_code?: unknown; description?: unknown } }).response;
  if (response && typeof response.error_code === 'number') return `${response.error_code} ${response.description}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Delivers every due row: keeps up to `batch` in flight, one per chat and lane at a time, claiming more as they
 * finish or when woken, until nothing due is left. Marks each sent (with Telegram's message id), failed (an
 * unreachable chat is also recorded on the chat), skipped (stale) or back to pending with a later not_before.
 */
export async function deliverOutbox(options: DeliverOutboxOptions): Promise<DeliveryReport> {
  const { db, transport, clock, logger, owner } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const batch = options.batch ?? DEFAULT_BATCH;
  const maxAttempts = options.maxAttempts ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 5000;
  const report: DeliveryReport = { claimed: 0, sent: 0, failed: 0, skipped: 0, retrying: 0, leaseLost: 0, merged: 0 };
  const outcome = (row: ClaimedRow, what: 'sent' | 'failed' | 'skipped' | 'retrying') => {
    report[what] += 1;
    options.onOutcome?.(row.kind, what);
  };

  report.skipped += await skipExpired(db, clock.now());

  /** Calls Telegram for one row; returns the message id it made, if any. */
  async function call(row: ClaimedRow, others: readonly ClaimedRow[]): Promise<number | null> {
    const { payload } = row;
    const stillWanted = () => (row.expiresAt === null || row.expiresAt > clock.now()) && clock.now() < row.leaseUntil;
    switch (row.kind) {
      case 'edit':
        await transport.editMessageText(row.chatId, payload.messageId ?? 0, row.html, payload.keyboard);
        return payload.messageId ?? null;
      case 'reaction':
        await transport.setMessageReaction(row.chatId, payload.messageId ?? 0, payload.emoji ?? '👍');
        return null;
      case 'document': {
        const file = payload.document ?? { base64: '', filename: 'file' };
        const sent = await transport.sendDocument(
          row.chatId,
          Buffer.from(file.base64, 'base64'),
          file.filename,
          row.html || undefined,
          { threadId: row.threadId ?? undefined, replyToMessageId: payload.replyTo, stillWanted },
        );
        return sent.messageId;
      }
      case 'photo': {
        const sent = await transport.sendPhoto(
          row.chatId,
          Buffer.from(payload.photo?.base64 ?? '', 'base64'),
          row.html || undefined,
          {
            threadId: row.threadId ?? undefined,
            replyToMessageId: payload.replyTo,
            priority: row.job === REPLY_JOB ? 'interactive' : 'bulk',
            stillWanted,
          },
        );
        return sent.messageId;
      }
      default: {
        const merged = others.length > 0;
        const html = merged
          ? [row.payload.mergeHeading ?? '', ...[row, ...others].map((each) => each.payload.mergeLine ?? '')].join('\n')
          : row.html;
        const sent = await transport.sendMessage(row.chatId, html, {
          threadId: row.threadId ?? undefined,
          replyToMessageId: merged ? undefined : payload.replyTo,
          keyboard: merged ? undefined : payload.keyboard,
          priority: row.kind === 'post' ? 'bulk' : 'interactive',
          stillWanted,
        });
        return sent.messageId;
      }
    }
  }

  async function deliver(row: ClaimedRow): Promise<void> {
    if (row.expiresAt && row.expiresAt <= clock.now()) {
      await markSkipped(db, { id: row.id, owner, leaseUntil: row.leaseUntil, reason: 'expired' });
      outcome(row, 'skipped');
      return;
    }
    // Confirmations that piled up behind this one go out with it, as one message, once the chat's budget cannot
    // give each its own; while it can, each gets its reply.
    const others =
      row.kind === 'confirmation' && (await waitingInChat(db, row.chatId)) > transport.freeSlots(row.chatId)
        ? await claimWaitingConfirmations(db, {
            chatId: row.chatId,
            owner,
            now: clock.now(),
            leaseUntil: row.leaseUntil,
            limit: MERGE_LIMIT - 1,
          })
        : [];
    let messageId: number | null;
    try {
      messageId = await call(row, others);
    } catch (error) {
      for (const each of [row, ...others]) await settleFailure(each, error);
      return;
    }
    for (const each of [row, ...others]) {
      if (await markDelivered(each, messageId)) outcome(each, 'sent');
      else {
        report.leaseLost += 1;
        logger.warn({ rowId: each.id, owner }, 'outbox row sent after its lease was taken over; it may go out twice');
      }
    }
    report.merged += others.length;
    const hook = row.payload.afterSent;
    const told = hook && messageId !== null ? options.afterSent?.[hook.kind] : undefined;
    if (told && hook && messageId !== null) await told(db, hook, messageId);
  }

  /**
   * Marks a row that went out as sent; false when another worker had taken its claim over. A send cannot be taken
   * back, so a mark the database refused (a restart, a lost connection) is tried again, for as long as the claim
   * holds and at most MARK_RETRY_MS: unmarked, the row would go out a second time once its claim lapsed.
   */
  async function markDelivered(row: ClaimedRow, messageId: number | null): Promise<boolean> {
    const started = performance.now();
    const budget = Math.min(MARK_RETRY_MS, row.leaseUntil.getTime() - clock.now().getTime());
    for (let wait = 100; ; wait = Math.min(wait * 2, 2000)) {
      try {
        return await markSent(db, { id: row.id, owner, leaseUntil: row.leaseUntil, messageId, now: clock.now() });
      } catch (error) {
        if (performance.now() - started + wait > budget) throw error;
        logger.warn({ err: error, rowId: row.id, waitMs: wait }, 'could not mark a sent outbox row; trying again');
        await new Promise((resolve) => setTimeout(resolve, wait).unref());
      }
    }
  }

  async function settleFailure(row: ClaimedRow, error: unknown): Promise<void> {
    const reason = describe(error);
    if (error instanceof SendCancelledError) {
      if (row.expiresAt !== null && row.expiresAt <= clock.now()) {
        await markSkipped(db, { id: row.id, owner, leaseUntil: row.leaseUntil, reason: 'expired' });
        outcome(row, 'skipped');
      } else {
        // The lease ran out while the row queued: hand it back unless another worker has it already.
        await retryLater(db, {
          id: row.id,
          owner,
          leaseUntil: row.leaseUntil,
          notBefore: clock.now(),
          error: 'lease expired before sending',
        });
        outcome(row, 'retrying');
      }
    } else if (error instanceof ChatUnreachableError) {
      await markFailed(db, { id: row.id, owner, leaseUntil: row.leaseUntil, error: reason });
      await markChatUnreachable(db, error.chatId, clock.now());
      outcome(row, 'failed');
      logger.info({ rowId: row.id, chatId: error.chatId, reason }, 'outbox row failed: chat unreachable');
    } else if (isTransientFailure(error) && row.attempts < maxAttempts) {
      const delay = Math.min(MAX_RETRY_DELAY_MS, retryDelayMs * 2 ** (row.attempts - 1));
      await retryLater(db, {
        id: row.id,
        owner,
        leaseUntil: row.leaseUntil,
        notBefore: new Date(clock.now().getTime() + delay),
        error: reason,
      });
      outcome(row, 'retrying');
      logger.warn({ rowId: row.id, attempts: row.attempts, delayMs: delay, reason }, 'outbox row will be retried');
    } else {
      await markFailed(db, { id: row.id, owner, leaseUntil: row.leaseUntil, error: reason });
      outcome(row, 'failed');
      const kind = classifyFailure(error).kind;
      logger.error({ rowId: row.id, attempts: row.attempts, kind, reason }, 'outbox row failed');
    }
  }

  const inFlight = new Set<Promise<void>>();
  // Claim again when woken (new rows), when half the batch is done, or, after a claim that came back short
  // (everything claimable taken), as each row finishes, since that frees its chat.
  let claimAgain = true;
  let lastClaimShort = false;
  for (;;) {
    const room = batch - inFlight.size;
    if (claimAgain && room > 0) {
      claimAgain = false;
      const rows = await claimDue(db, { owner, now: clock.now(), leaseMs, limit: room });
      report.claimed += rows.length;
      lastClaimShort = rows.length < room;
      for (const row of rows) {
        const delivery: Promise<void> = deliver(row)
          .catch((error: unknown) => {
            // The database failed under a mark: the lease will expire and the row be tried again.
            logger.error({ err: error, rowId: row.id }, 'outbox row left unmarked');
          })
          .finally(() => inFlight.delete(delivery));
        inFlight.add(delivery);
      }
    }
    if (inFlight.size === 0) break;
    const woke = await Promise.race([
      ...[...inFlight].map((delivery) => delivery.then(() => false)),
      ...(options.woken ? [options.woken().then(() => true)] : []),
    ]);
    claimAgain = woke || lastClaimShort || inFlight.size <= batch / 2;
  }
  return report;
}

/** Timers the worker loop uses; tests pass fakes. */
export interface WorkerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** A delivery pass's needs, plus how often the loop looks for rows that became due by time alone. */
export interface SenderOptions extends Omit<DeliverOutboxOptions, 'woken'> {
  /** Pause between passes when nothing is due. Default 5 s. */
  readonly intervalMs?: number;
  readonly timers?: WorkerTimers;
  /**
   * Asked before each pass once started: false skips the pass (another process holds the token's sender lease, so
   * this one only writes to the outbox). Default: always true. `drain` does not ask.
   */
  readonly mayDeliver?: () => Promise<boolean>;
}

/** The running sender: `wake` after committing rows; `drain` delivers what is due now (tests); `stop` waits. */
export interface Sender {
  wake(): void;
  drain(): Promise<DeliveryReport>;
  stop(): Promise<void>;
}

const realTimers: WorkerTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Wake-ups that are never missed: a signal given while nobody waits resolves the next wait at once. */
function signalSource(): { next(): Promise<void>; signal(): void } {
  let signaled = false;
  let resolve: () => void = () => {};
  let pending = new Promise<void>((r) => {
    resolve = r;
  });
  return {
    next() {
      if (!signaled) return pending;
      signaled = false;
      return Promise.resolve();
    },
    signal() {
      signaled = true;
      resolve();
      pending = new Promise<void>((r) => {
        resolve = r;
      });
    },
  };
}

/**
 * Creates the sender. Until `start`, it delivers only when drained; once started it runs a pass at once, on every
 * wake, and `intervalMs` after each pass ends, until stopped.
 */
export function createSender(options: SenderOptions): Sender & { start(): void } {
  const timers = options.timers ?? realTimers;
  const intervalMs = options.intervalMs ?? 5000;
  const wakes = signalSource();
  let started = false;
  let stopped = false;
  let again = false;
  let timer: unknown;
  let running: Promise<void> | undefined;

  const passOptions: DeliverOutboxOptions = { ...options, woken: () => wakes.next() };

  function pass(): void {
    timer = undefined;
    running = (async () => {
      do {
        again = false;
        try {
          if (options.mayDeliver && !(await options.mayDeliver())) break;
          const report = await deliverOutbox(passOptions);
          if (report.claimed > 0 || report.skipped > 0) options.logger.debug({ ...report }, 'outbox pass');
        } catch (error) {
          options.logger.error({ err: error }, 'outbox pass failed');
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
      if (!stopped) timer = timers.setTimeout(pass, intervalMs);
    });
  }

  return {
    start() {
      if (started || stopped) return;
      started = true;
      pass();
    },
    wake() {
      if (!started || stopped) return;
      if (running) {
        again = true;
        wakes.signal();
        return;
      }
      if (timer !== undefined) timers.clearTimeout(timer);
      pass();
    },
    async drain() {
      const total: DeliveryReport = {
        claimed: 0,
        sent: 0,
        failed: 0,
        skipped: 0,
        retrying: 0,
        leaseLost: 0,
        merged: 0,
      };
      for (;;) {
        const report = await deliverOutbox(options);
        for (const key of Object.keys(total) as (keyof DeliveryReport)[]) total[key] += report[key];
        if (report.claimed === 0) return total;
      }
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      wakes.signal();
      await running;
    },
  };
}
