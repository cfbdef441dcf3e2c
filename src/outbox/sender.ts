/**
 * The one sender's pass: delivers every due outbox row (replies, confirmations, edits, reactions, files, weekly posts)
 * through the transport, which keeps Telegram's limits. src/outbox/delivery.ts wires it once for the app and the job
 * CLI, and runs it only while the process holds the token's sender lease.
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
  isOutboxKind,
  markFailed,
  markSent,
  markSkipped,
  type OutboxKind,
  REPLY_JOB,
  retryLater,
  type StoredFile,
  type StoredRender,
  skipExpired,
} from './outbox-store';
import { SENDER_LEASE_MS } from './sender-lease-store';
import {
  ChatUnreachableError,
  classifyFailure,
  isTransientFailure,
  SendCancelledError,
  type Transport,
} from './transport';

/** The wakes that come during a run, from the workers' loop (src/workers/loop.ts), for a pass that takes work in. */
export interface Wakes {
  /** Resolves at the next wake not yet taken in; at once if one came since `takenIn` was last called. */
  next(): Promise<void>;
  /** Says the run is about to look for work afresh: every wake until now is taken in, none needs a run of its own. */
  takenIn(): void;
}

/** Told with Telegram's message id once a row carrying the hook went out; runs in its own small transaction. */
export type AfterSent = (db: Db, hook: AfterSentHook, messageId: number) => Promise<void>;

/** Draws a file queued as a render request; undefined when no renderer has the request's name. */
export type RenderFile = (request: StoredRender) => Promise<Uint8Array> | undefined;

/**
 * Why a row was not sent as stored: a kind, after-sent hook or renderer this version does not know (a bug, or a row
 * a newer release wrote), or a renderer that failed. Each is logged as an error and counted in /metrics.
 */
export type OutboxRefusal = 'unknown_kind' | 'unknown_hook' | 'unknown_renderer' | 'render_failed';

/** What a delivery pass needs; the numbers have defaults. */
export interface DeliverOutboxOptions {
  readonly db: Db;
  readonly transport: Transport;
  readonly clock: Clock;
  readonly logger: Logger;
  /** This worker's name in lease_owner: unique per process (host, pid and a random part, say). */
  readonly owner: string;
  /**
   * The after-sent hook of a name (a nomination card learns its message id), or undefined for a name nobody
   * registered: such a row is refused before it is sent.
   */
  readonly hookOf: (name: string) => AfterSent | undefined;
  /** Draws the files queued as render requests (charts, certificates), just before they are sent. */
  readonly render: RenderFile;
  /** Told of each row refused (see OutboxRefusal), for /metrics. */
  readonly onRefused: (reason: OutboxRefusal, row: ClaimedRow) => void;
  /**
   * This worker's claims under its sender lease, whose renewals renew them (src/outbox/delivery.ts). A worker
   * without one (tests, tools) gives each claim `leaseMs` from the instant it claims it.
   */
  readonly claims?: HeldClaims;
  /** A claim's length without `claims`. Default SENDER_LEASE_MS. */
  readonly leaseMs?: number;
  /** Rows in flight at once. Default 50. */
  readonly batch?: number;
  /** Wait before the first retry of a transient failure; it doubles with each attempt, up to MAX_RETRY_DELAY_MS. */
  readonly retryDelayMs?: number;
  /**
   * Whether the pass first marks the rows that went stale unclaimed as skipped (default true). Claims never take a
   * stale row, so this only tidies: the running sender does it once a minute, not on every pass.
   */
  readonly sweepExpired?: boolean;
  /** New work as it is woken for: a pass claims again at a wake without waiting for a row to finish. */
  readonly wakes?: Wakes;
}

/** Claims that live with a sender lease: until when they hold, and which rows this process still holds. */
export interface HeldClaims {
  /** The lease's end when last renewed (the app's clock), or the past once it is lost. */
  until(): Date;
  /**
   * The rows out for delivery in this process: only these are renewed, so a row whose delivery ended without a mark
   * (the database away) lapses with the lease and goes again.
   */
  readonly held: Set<number>;
}

/** What one delivery pass did. */
export interface DeliveryReport {
  claimed: number;
  sent: number;
  failed: number;
  skipped: number;
  /** Handed back for a later try after a transient failure. */
  retrying: number;
  /** Sent, but another worker had taken the claim over: the row may have gone out twice. */
  leaseLost: number;
  /** Confirmations that went out merged into another's message. */
  merged: number;
  /** Not sent as stored (see OutboxRefusal). */
  refused: number;
}

export const emptyReport = (): DeliveryReport => ({
  claimed: 0,
  sent: 0,
  failed: 0,
  skipped: 0,
  retrying: 0,
  leaseLost: 0,
  merged: 0,
  refused: 0,
});

/** Adds `report` into `total`. */
export function addReport(total: DeliveryReport, report: DeliveryReport): DeliveryReport {
  for (const key of Object.keys(total) as (keyof DeliveryReport)[]) total[key] += report[key];
  return total;
}

/** Rows a worker keeps in flight: enough to fill Telegram's 30 a second, few enough to keep the queue short. */
export const DEFAULT_BATCH = 50;
/**
 * The longest back-off between tries while Telegram fails (5xx, network, 429s past the transport's retries): a row
 * is never given up for that, only for its own expiry, and the first answer after an outage brings every waiting row
 * forward (src/outbox/delivery.ts), so this only bounds how often each row knocks meanwhile.
 */
export const MAX_RETRY_DELAY_MS = 5 * 60_000;
/** How long a row this version cannot send waits before it is looked at again (a newer replica may send it). */
const REFUSED_RETRY_MS = 15 * 60_000;
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

/** A claimed row whose kind this version sends. */
type KnownRow = ClaimedRow & { readonly kind: OutboxKind };
const isKnown = (row: ClaimedRow): row is KnownRow => isOutboxKind(row.kind);

/** A render request this version cannot draw. */
class UnknownRenderer extends Error {
  override readonly name = 'UnknownRenderer';
}
/** A renderer that threw: the row is failed, not retried (the same input draws the same way). */
class RenderFailed extends Error {
  override readonly name = 'RenderFailed';
}

/**
 * Delivers every due row: keeps up to `batch` in flight, one per chat and lane at a time, claiming more as they
 * finish or when woken, until nothing due is left (or, under a sender lease, the lease is gone). Marks each sent
 * (with Telegram's message id), failed (Telegram refused it; an unreachable chat is also recorded on the chat),
 * skipped (stale) or back to pending with a later not_before (Telegram failing, however long: only a row's own
 * expiry ends its wait).
 */
export async function deliverOutbox(options: DeliverOutboxOptions): Promise<DeliveryReport> {
  const { db, transport, clock, logger, owner } = options;
  const leaseMs = options.leaseMs ?? SENDER_LEASE_MS;
  const batch = options.batch ?? DEFAULT_BATCH;
  const retryDelayMs = options.retryDelayMs ?? 5000;
  const report = emptyReport();
  const outcome = (what: 'sent' | 'failed' | 'skipped' | 'retrying') => {
    report[what] += 1;
  };
  /** Until when a row's claim holds: the sender lease's end when there is one, else the claim's own. */
  const leaseOf = (row: ClaimedRow): Date => options.claims?.until() ?? row.leaseUntil;
  const claimUntil = (): Date => options.claims?.until() ?? new Date(clock.now().getTime() + leaseMs);
  /** Rows this pass holds, for the lease's renewals; each is let go once its delivery has settled, marked or not. */
  const hold = (rows: readonly ClaimedRow[]) => {
    for (const row of rows) options.claims?.held.add(row.id);
  };
  const letGo = (rows: readonly ClaimedRow[]) => {
    for (const row of rows) options.claims?.held.delete(row.id);
  };
  const mark = (row: ClaimedRow) => ({
    id: row.id,
    owner,
    attempts: row.attempts,
    forget: row.payload.forget === true,
  });

  if (options.sweepExpired !== false) report.skipped += await skipExpired(db, clock.now());

  async function bytesOf(file: StoredFile | undefined): Promise<Buffer> {
    if (!file) return Buffer.alloc(0);
    if ('base64' in file) return Buffer.from(file.base64, 'base64');
    const drawing = options.render(file.render);
    if (!drawing) throw new UnknownRenderer(file.render.renderer);
    try {
      return Buffer.from(await drawing);
    } catch (error) {
      throw new RenderFailed(`${file.render.renderer}: ${describe(error)}`, { cause: error });
    }
  }

  /** Calls Telegram for one row; returns the message id it made, if any. */
  async function call(row: KnownRow, others: readonly ClaimedRow[]): Promise<number | null> {
    const { payload } = row;
    const stillWanted = () => (row.expiresAt === null || row.expiresAt > clock.now()) && clock.now() < leaseOf(row);
    const where = { threadId: row.threadId ?? undefined, replyToMessageId: payload.replyTo, stillWanted };
    switch (row.kind) {
      case 'post':
      case 'message':
      case 'confirmation': {
        const merged = others.length > 0;
        const html = merged
          ? [row.payload.mergeHeading ?? '', ...[row, ...others].map((each) => each.payload.mergeLine ?? '')].join('\n')
          : row.html;
        const sent = await transport.sendMessage(row.chatId, html, {
          ...where,
          replyToMessageId: merged ? undefined : payload.replyTo,
          keyboard: merged ? undefined : payload.keyboard,
          priority: row.kind === 'post' ? 'bulk' : 'interactive',
        });
        return sent.messageId;
      }
      case 'edit':
        await transport.editMessageText(row.chatId, payload.messageId ?? 0, row.html, payload.keyboard);
        return payload.messageId ?? null;
      case 'reaction':
        await transport.setMessageReaction(row.chatId, payload.messageId ?? 0, payload.emoji ?? '👍');
        return null;
      case 'document': {
        const bytes = await bytesOf(payload.document);
        const filename = payload.document?.filename ?? 'file';
        return (await transport.sendDocument(row.chatId, bytes, filename, row.html || undefined, where)).messageId;
      }
      case 'photo': {
        const bytes = await bytesOf(payload.photo);
        const priority = row.job === REPLY_JOB ? 'interactive' : 'bulk';
        return (await transport.sendPhoto(row.chatId, bytes, row.html || undefined, { ...where, priority })).messageId;
      }
      default: {
        const unreachable: never = row.kind;
        throw new Error(`unhandled outbox kind ${String(unreachable)}`);
      }
    }
  }

  /** A row this version cannot send as stored: an error in the log and /metrics; it waits for a sender that can. */
  async function refuse(row: ClaimedRow, reason: OutboxRefusal, detail: string): Promise<void> {
    report.refused += 1;
    options.onRefused(reason, row);
    logger.error({ rowId: row.id, kind: row.kind, chatId: row.chatId, reason, detail }, 'outbox row refused');
    if (reason === 'render_failed') {
      await markFailed(db, { ...mark(row), error: detail });
      return;
    }
    await retryLater(db, {
      ...mark(row),
      notBefore: new Date(clock.now().getTime() + REFUSED_RETRY_MS),
      error: `${reason}: ${detail}`,
    });
  }

  async function deliver(row: ClaimedRow): Promise<void> {
    if (row.expiresAt && row.expiresAt <= clock.now()) {
      await markSkipped(db, { ...mark(row), reason: 'expired' });
      outcome('skipped');
      return;
    }
    if (!isKnown(row)) return refuse(row, 'unknown_kind', row.kind);
    const hook = row.payload.afterSent;
    const told = hook ? options.hookOf(hook.kind) : undefined;
    if (hook && !told) return refuse(row, 'unknown_hook', hook.kind);
    // Confirmations that piled up behind this one go out with it, as one message, once the chat's budget cannot
    // give each its own; while it can, each gets its reply.
    const others =
      row.kind === 'confirmation' && row.waiting > transport.freeSlots(row.chatId)
        ? await claimWaitingConfirmations(db, {
            chatId: row.chatId,
            owner,
            now: clock.now(),
            leaseUntil: leaseOf(row),
            limit: MERGE_LIMIT - 1,
          })
        : [];
    hold(others);
    try {
      await send(row, others, told);
    } finally {
      letGo(others);
    }
  }

  async function send(row: KnownRow, others: readonly ClaimedRow[], told: AfterSent | undefined): Promise<void> {
    const hook = row.payload.afterSent;
    let messageId: number | null;
    try {
      messageId = await call(row, others);
    } catch (error) {
      if (error instanceof UnknownRenderer) return refuse(row, 'unknown_renderer', error.message);
      if (error instanceof RenderFailed) return refuse(row, 'render_failed', error.message);
      for (const each of [row, ...others]) await settleFailure(each, error);
      return;
    }
    for (const each of [row, ...others]) {
      if (await markDelivered(each, messageId)) outcome('sent');
      else {
        report.leaseLost += 1;
        logger.warn({ rowId: each.id, owner }, 'outbox row sent after its claim was taken over; it may go out twice');
      }
    }
    report.merged += others.length;
    if (told && hook && messageId !== null) await told(db, hook, messageId);
  }

  /**
   * Marks a row that went out as sent; false when another worker had taken its claim over. A send cannot be taken
   * back, so a mark the database refused (a restart, a lost connection) is tried again, for as long as the claim
   * holds and at most MARK_RETRY_MS: unmarked, the row would go out a second time once its claim lapsed.
   */
  async function markDelivered(row: ClaimedRow, messageId: number | null): Promise<boolean> {
    const started = performance.now();
    const budget = Math.min(MARK_RETRY_MS, leaseOf(row).getTime() - clock.now().getTime());
    for (let wait = 100; ; wait = Math.min(wait * 2, 2000)) {
      try {
        return await markSent(db, { ...mark(row), messageId, now: clock.now() });
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
        await markSkipped(db, { ...mark(row), reason: 'expired' });
        outcome('skipped');
      } else {
        // The claim ran out while the row queued: hand it back unless another worker has it already.
        await retryLater(db, { ...mark(row), notBefore: clock.now(), error: 'claim lapsed before sending' });
        outcome('retrying');
      }
    } else if (error instanceof ChatUnreachableError) {
      await markFailed(db, { ...mark(row), error: reason });
      await markChatUnreachable(db, error.chatId, clock.now());
      outcome('failed');
      logger.info({ rowId: row.id, chatId: error.chatId, reason }, 'outbox row failed: chat unreachable');
    } else if (isTransientFailure(error)) {
      // Telegram is failing, not refusing: wait for it, however long, up to the row's own expiry.
      const delay = Math.min(MAX_RETRY_DELAY_MS, retryDelayMs * 2 ** Math.min(row.attempts - 1, 20));
      await retryLater(db, { ...mark(row), notBefore: new Date(clock.now().getTime() + delay), error: reason });
      outcome('retrying');
      logger.warn({ rowId: row.id, attempts: row.attempts, delayMs: delay, reason }, 'outbox row will be retried');
    } else {
      await markFailed(db, { ...mark(row), error: reason });
      outcome('failed');
      const kind = classifyFailure(error).kind;
      logger.error({ rowId: row.id, attempts: row.attempts, kind, reason }, 'outbox row failed');
    }
  }

  const inFlight = new Set<Promise<void>>();
  // Claim again when woken (new rows), when half the batch is done, or, after a claim that came back short
  // (everything claimable taken), when a row finishes whose chat had more waiting behind it, or when rows of this
  // pass may have held a chat's next row back at that claim.
  let claimAgain = true;
  let lastClaimShort = false;
  let mayHoldBack = false;
  let freedWaiting = false;
  for (;;) {
    const room = batch - inFlight.size;
    // Under a sender lease, claims stop once it is gone: another process may be sending by now.
    if (claimAgain && room > 0 && clock.now() < claimUntil()) {
      claimAgain = false;
      freedWaiting = false;
      options.wakes?.takenIn();
      const outBefore = inFlight.size;
      const rows = await claimDue(db, { owner, now: clock.now(), leaseUntil: claimUntil(), limit: room });
      report.claimed += rows.length;
      lastClaimShort = rows.length < room;
      mayHoldBack = outBefore > 0 && (mayHoldBack || lastClaimShort);
      hold(rows);
      for (const row of rows) {
        const delivery: Promise<void> = deliver(row)
          .catch((error: unknown) => {
            // The database failed under a mark: the lease will expire and the row be tried again.
            logger.error({ err: error, rowId: row.id }, 'outbox row left unmarked');
          })
          .finally(() => {
            letGo([row]);
            inFlight.delete(delivery);
            if (row.waiting > 1) freedWaiting = true;
          });
        inFlight.add(delivery);
      }
    }
    if (inFlight.size === 0) {
      // Rows that finished while the claim ran may have held back the ones it could not take: claim once more.
      if (lastClaimShort && (freedWaiting || mayHoldBack) && clock.now() < claimUntil()) {
        claimAgain = true;
        continue;
      }
      break;
    }
    const woke = await Promise.race([
      ...[...inFlight].map((delivery) => delivery.then(() => false)),
      ...(options.wakes ? [options.wakes.next().then(() => true)] : []),
    ]);
    claimAgain = woke || (lastClaimShort ? freedWaiting || mayHoldBack || !options.wakes : inFlight.size <= batch / 2);
  }
  return report;
}
