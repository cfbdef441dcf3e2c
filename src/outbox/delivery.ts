/**
 * The one delivery: the app and the job CLI wire it here, once, with everything a row may need (its after-sent hook,
 * the chat-migration handler, the renderers), so a row goes out the same whichever process sends it.
 *
 * One sender per bot token across processes: a pass runs only while this process holds the token's sender lease
 * (15 s, renewed every 5 s and before a pass when due). The claims this process makes live and die with that lease:
 * each renewal renews them, and they lapse when it lapses; a process that takes the lease hands back at once what
 * an earlier holder still had claimed. So a dead process holds its chats back for at most the lease, not minutes.
 *
 * Telegram failing (5xx, network) is waited out: rows go back with a growing delay, never given up for it, and the
 * first answer after the failures brings every waiting row forward.
 */
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Db } from '../storage/schema';
import type { BotApi } from '../telegram/bot-api';
import { renewClaims, retryWaitingNow, takeBackClaims } from './outbox-store';
import {
  type AfterSent,
  addReport,
  type DeliverOutboxOptions,
  type DeliveryReport,
  deliverOutbox,
  emptyReport,
  type HeldClaims,
  type RenderFile,
  type Wakes,
} from './sender';
import { SENDER_LEASE_MS, senderLease } from './sender-lease-store';
import { createTransport, type Transport, type TransportOptions } from './transport';
import { noticingUnreachable, type UnreachableNotice } from './unreachable-notices';

export interface DeliveryDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Sends, 429s and refused rows are counted here. */
  readonly metrics: Metrics;
  readonly api: BotApi;
  /** The token whose sender lease this process must hold to send. */
  readonly botToken: string;
  /** This process's name in the leases: unique per process. */
  readonly owner: string;
  /** The after-sent hook of a name, or undefined when nobody registered it (such a row is refused, loudly). */
  readonly hookOf: (name: string) => AfterSent | undefined;
  /** A send found a group upgraded to a supergroup: its unit, language and history follow it. */
  readonly onChatMigrated: (fromChatId: number, toChatId: number) => Promise<void>;
  /** Draws the files queued as render requests (charts, certificates) just before they are sent. */
  readonly render: RenderFile;
  /** A commander's private chat refused a post: the notice for their group, if one is due. */
  readonly unreachableNotice: UnreachableNotice;
  /** Told when the delivery made rows due by itself (a notice queued, Telegram answering again): run a pass. */
  readonly wake: () => void;
  /** The transport's limits, waits and retries; tests pass instant waits. */
  readonly transport?: Omit<TransportOptions, 'onChatMigrated' | 'observe' | 'logger'>;
  /** Rows in flight at once (see DEFAULT_BATCH). */
  readonly batch?: number;
}

export interface Delivery {
  /** The one transport: the bot answers button presses and reads a chat's budget through it too. */
  readonly transport: Transport;
  /**
   * One delivery pass if this process holds the sender lease (taking or renewing it when due); false when another
   * process holds it, or the database did not answer. With `wakes`, the pass takes new work in as it is woken for.
   */
  pass(wakes?: Wakes): Promise<boolean>;
  /** Everything due now, outside the lease (tests and tools; the running bot sends under the lease). */
  drain(): Promise<DeliveryReport>;
  /**
   * The job CLI's send: takes the sender lease, delivers everything due, and gives the lease back; or names the
   * holder when another process has it (that process sends). Throws when the database refuses the lease.
   */
  deliverUnderLease(): Promise<{ readonly delivered: DeliveryReport } | { readonly holder: string }>;
  /** Renews the lease every third of it while held, takes it once free; `onTaken` when this process took it. */
  keepLease(onTaken: () => void): void;
  /** Stops renewing and gives the lease up, so another process takes it at once. */
  releaseLease(): Promise<void>;
}

/** How often the running sender marks rows that went stale unclaimed as skipped (see DeliverOutboxOptions). */
const SWEEP_EXPIRED_MS = 60_000;
/** A lease renewed less than this long ago is not renewed again before a pass (the timer renews it anyway). */
const RENEW_AFTER_MS = SENDER_LEASE_MS / 3;

export function createDelivery(deps: DeliveryDeps): Delivery {
  const { db, clock, logger, metrics, owner } = deps;
  let telegramFailing = false;

  const transport = createTransport(deps.api, {
    ...deps.transport,
    logger,
    onChatMigrated: deps.onChatMigrated,
    observe: (method, outcome, failure) => {
      metrics.sends.inc({ method, outcome });
      if (failure === 'rateLimited') metrics.rateLimited.inc();
      if (failure === 'transient') telegramFailing = true;
      else if (outcome === 'ok' && telegramFailing) {
        telegramFailing = false;
        bringWaitingForward();
      }
    },
  });

  /** Telegram answers again: rows that backed off from its failures go now rather than at the end of their wait. */
  function bringWaitingForward(): void {
    retryWaitingNow(db, clock.now()).then(
      (count) => {
        if (count === 0) return;
        logger.info({ rows: count }, 'the Bot API answers again: waiting rows go now');
        deps.wake();
      },
      (error: unknown) => logger.warn({ err: error }, 'could not bring waiting outbox rows forward'),
    );
  }

  const lease = senderLease(db, { botToken: deps.botToken, owner });
  /** Until when this process's claims hold (app clock): its lease's end when last renewed, else the past. */
  let claimsUntil = new Date(0);
  let renewedAt = 0;
  /** Whether this spell of holding the lease has handed back what earlier holders had claimed. */
  let takenOver = false;

  /** Takes or renews the lease, and with it this process's claims; on taking it, hands back an earlier holder's. */
  async function holdLease(): Promise<boolean> {
    const now = clock.now();
    let held = false;
    try {
      held = await lease.hold();
    } finally {
      if (!held) {
        claimsUntil = new Date(0);
        takenOver = false;
      }
    }
    if (!held) return false;
    const until = new Date(now.getTime() + SENDER_LEASE_MS);
    if (!takenOver) {
      const taken = await takeBackClaims(db, { owner });
      takenOver = true;
      if (taken > 0) logger.info({ rows: taken }, 'sender lease taken: rows an earlier holder had claimed go again');
    }
    await renewClaims(db, { owner, now, until, ids: [...claims.held] });
    claimsUntil = until;
    renewedAt = performance.now();
    return true;
  }

  const passOptions: DeliverOutboxOptions = {
    db,
    transport: noticingUnreachable(transport, {
      db,
      clock,
      logger,
      notice: deps.unreachableNotice,
      onQueued: deps.wake,
    }),
    clock,
    logger,
    owner,
    hookOf: deps.hookOf,
    render: deps.render,
    onRefused: (reason) => metrics.outboxRefused.inc({ reason }),
    ...(deps.batch !== undefined && { batch: deps.batch }),
  };
  const claims: HeldClaims = { until: () => claimsUntil, held: new Set() };
  const underLease: DeliverOutboxOptions = { ...passOptions, claims };

  /** Passes until one claims nothing: everything due now has gone (or waits for a later try). */
  async function deliverAllDue(options: DeliverOutboxOptions): Promise<DeliveryReport> {
    const total = emptyReport();
    for (;;) {
      const report = await deliverOutbox(options);
      addReport(total, report);
      if (report.claimed === 0) return total;
    }
  }

  let keeping: ReturnType<typeof setInterval> | undefined;
  /** When the running sender last swept stale rows (the app's clock, which the console may move either way). */
  let sweptAt = Number.NEGATIVE_INFINITY;

  return {
    transport,
    async pass(wakes) {
      try {
        // Renewed lately by both clocks: the app's clock may jump (the console's `:clock`), leaving the claims behind.
        const fresh =
          lease.held && performance.now() - renewedAt < RENEW_AFTER_MS && clock.now().getTime() < claimsUntil.getTime();
        if (!fresh && !(await holdLease())) return false;
      } catch (error) {
        logger.warn({ err: error }, 'could not renew the sender lease');
        return false;
      }
      const now = clock.now().getTime();
      const sweepExpired = Math.abs(now - sweptAt) >= SWEEP_EXPIRED_MS;
      if (sweepExpired) sweptAt = now;
      const report = await deliverOutbox({ ...underLease, sweepExpired, ...(wakes && { wakes }) });
      if (report.claimed > 0 || report.skipped > 0) logger.debug({ ...report }, 'outbox pass');
      return true;
    },
    drain: () => deliverAllDue(passOptions),
    async deliverUnderLease() {
      if (!(await holdLease())) return { holder: (await lease.holder()) ?? 'another process' };
      this.keepLease(() => {});
      try {
        return { delivered: await deliverAllDue(underLease) };
      } finally {
        await this.releaseLease();
      }
    },
    keepLease(onTaken) {
      if (keeping) return;
      keeping = setInterval(async () => {
        const had = lease.held;
        const held = await holdLease().catch((error: unknown) => {
          logger.warn({ err: error }, 'could not renew the sender lease');
          return false;
        });
        if (held && !had) onTaken();
      }, SENDER_LEASE_MS / 3);
      keeping.unref();
    },
    async releaseLease() {
      if (keeping) clearInterval(keeping);
      keeping = undefined;
      claimsUntil = new Date(0);
      await lease.release();
    },
  };
}
