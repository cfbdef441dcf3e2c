import type { Logger } from '../logger';
import type { BotApi } from './bot-api';

/** The update kinds the bot asks Telegram for; the rest are never sent to it. */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;

/** How many times an update that failed by itself (not for want of the store) is fetched again before it is given up. */
export const MAX_TRIES = 10;

/** Telegram keeps an unconfirmed update this long: while the store is unreachable, an update is held at most this long. */
export const OUTAGE_GIVE_UP_MS = 24 * 60 * 60 * 1000;

export interface PollingOptions {
  readonly api: BotApi;
  /** Handles one update; resolves once its effect and replies are committed (never waits for a send). */
  readonly handle: (update: unknown) => Promise<void>;
  readonly logger: Logger;
  /** How long one getUpdates waits for news. Default 30 s. */
  readonly timeoutSeconds?: number;
  /** Waits after a failed getUpdates or batch, growing to the last; tests pass short ones. */
  readonly backoffMs?: readonly number[];
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /**
   * Whether a failure is the store being unreachable rather than the update's own: such a failure is not counted
   * against MAX_TRIES, and the update is fetched again for up to `outageGiveUpMs`. Default: none is.
   */
  readonly isOutage?: (error: unknown) => boolean;
  /** Default OUTAGE_GIVE_UP_MS (Telegram's 24 hours); tests pass a short one. */
  readonly outageGiveUpMs?: number;
  /** Told how many updates are held for want of the store (0 when it answers again), for /metrics. */
  readonly onHeld?: (held: number) => void;
}

export interface Polling {
  /** Ends the poll under way, waits for the batch being handled, then confirms it to Telegram. */
  stop(): Promise<void>;
}

const updateIdOf = (update: unknown): number | undefined => {
  const id = (update as { update_id?: unknown } | null)?.update_id;
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : undefined;
};

/** An update that failed: how often by its own fault, and since when the store has been unreachable for it. */
interface Failing {
  tries: number;
  outageSince?: number;
}

/**
 * Long polling that confirms an update to Telegram only once it is safe: each batch is handed to `handle` (which
 * runs different chats side by side and one chat in order), and the next getUpdates, whose offset confirms the
 * batch, is asked only after every update of it was committed. Handling never waits for a send, so a batch takes
 * milliseconds, whatever a busy group's budget or a failing Bot API does to its replies. A crash before the next
 * poll gets the batch delivered again, and the ledger makes the redelivery change nothing and send nothing twice.
 *
 * An update that could not be handled is not confirmed: the next poll, after a back-off, starts from it (the ledger
 * skips those after it that were handled). While the store is unreachable (`isOutage`) that goes on for as long as
 * Telegram keeps the update (24 hours), so an outage loses nothing; an update that fails by itself is given up after
 * MAX_TRIES, so that one update cannot stop the intake.
 */
export function startPolling(options: PollingOptions): Polling {
  const { api, handle, logger } = options;
  const timeout = options.timeoutSeconds ?? 30;
  const backoff = options.backoffMs ?? [500, 1000, 2000, 5000, 10_000, 30_000];
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const isOutage = options.isOutage ?? (() => false);
  const giveUpMs = options.outageGiveUpMs ?? OUTAGE_GIVE_UP_MS;
  const abort = new AbortController();
  let offset: number | undefined;
  let stopping = false;
  const stopped = new Promise<void>((resolve) => abort.signal.addEventListener('abort', () => resolve()));

  const failing = new Map<number, Failing>();
  /** When the intake started holding updates for want of the store; undefined while it answers. */
  let outageSince: number | undefined;
  let held = 0;

  const giveUp = (id: number | undefined, error: unknown, detail: Record<string, unknown>) => {
    if (id !== undefined) failing.delete(id);
    logger.error({ err: error, updateId: id, ...detail }, 'update not handled; given up');
  };

  /** Handles one update; the id to fetch again from when it failed and is to be tried again. */
  async function handleOne(update: unknown): Promise<{ retry?: number; outage: boolean }> {
    const id = updateIdOf(update);
    try {
      await handle(update);
      if (id !== undefined) failing.delete(id);
      return { outage: false };
    } catch (error) {
      if (id === undefined) {
        giveUp(id, error, {});
        return { outage: false };
      }
      const state = failing.get(id) ?? { tries: 0 };
      failing.set(id, state);
      if (isOutage(error)) {
        state.outageSince ??= now();
        const waitedMs = now() - state.outageSince;
        if (waitedMs >= giveUpMs) {
          giveUp(id, error, { waitedMs, reason: 'the store was unreachable for as long as Telegram keeps an update' });
          return { outage: true };
        }
        logger.debug({ err: error, updateId: id, waitedMs }, 'update held: the store is unreachable');
        return { retry: id, outage: true };
      }
      state.tries += 1;
      if (state.tries >= MAX_TRIES) {
        giveUp(id, error, { tries: state.tries });
        return { outage: false };
      }
      logger.warn({ err: error, updateId: id, tries: state.tries }, 'update not handled; it will be fetched again');
      return { retry: id, outage: false };
    }
  }

  /** Handles a batch and moves the offset past it, or only up to its first update to try again; true if one is. */
  async function handleBatch(updates: readonly unknown[]): Promise<boolean> {
    const results = await Promise.all(updates.map(handleOne));
    const retries = results.flatMap((result) => (result.retry === undefined ? [] : [result.retry]));
    const outage = results.some((result) => result.outage);
    const firstFailed = retries.length > 0 ? Math.min(...retries) : undefined;
    for (const update of updates) {
      const id = updateIdOf(update);
      if (id === undefined || (firstFailed !== undefined && id >= firstFailed)) continue;
      if (offset === undefined || id >= offset) offset = id + 1;
    }
    if (firstFailed !== undefined && (offset === undefined || firstFailed > offset)) offset = firstFailed;
    noteOutage(outage, retries.length);
    return firstFailed !== undefined;
  }

  /** Says in the log when the intake starts and stops holding updates for want of the store. */
  function noteOutage(outage: boolean, heldNow: number) {
    if (outage && outageSince === undefined) {
      outageSince = now();
      logger.warn(
        { offset, giveUpAfterMs: giveUpMs },
        'the store is unreachable: updates are held (not confirmed to Telegram) and fetched again with back-off',
      );
    } else if (!outage && outageSince !== undefined) {
      logger.info({ outageMs: now() - outageSince }, 'the store answers again: held updates handled');
      outageSince = undefined;
    }
    const nextHeld = outage ? heldNow : 0;
    if (nextHeld !== held) {
      held = nextHeld;
      options.onHeld?.(held);
    }
  }

  const loop = (async () => {
    let failures = 0;
    let unhandled = 0;
    while (!stopping) {
      let updates: unknown;
      try {
        updates = await api.call(
          'getUpdates',
          { timeout, allowed_updates: ALLOWED_UPDATES, ...(offset !== undefined && { offset }) },
          { signal: abort.signal },
        );
        failures = 0;
      } catch (error) {
        if (stopping) break;
        const wait = backoff[Math.min(failures, backoff.length - 1)] ?? 1000;
        failures += 1;
        logger.warn({ err: error, waitMs: wait }, 'getUpdates failed; polling again soon');
        await sleep(wait);
        continue;
      }
      if (!Array.isArray(updates) || updates.length === 0) continue;
      if (!(await handleBatch(updates))) unhandled = 0;
      else if (!stopping) {
        // The store is failing: wait before fetching the same updates again (a stop ends the wait).
        await Promise.race([sleep(backoff[Math.min(unhandled, backoff.length - 1)] ?? 1000), stopped]);
        unhandled += 1;
      }
    }
  })();

  return {
    async stop() {
      stopping = true;
      abort.abort();
      await loop;
      // Confirms the last batch, so a restart does not fetch it again (the ledger would skip it anyway).
      if (offset !== undefined) {
        await api
          .call('getUpdates', { offset, timeout: 0, limit: 1, allowed_updates: ALLOWED_UPDATES })
          .catch((error: unknown) => logger.debug({ err: error }, 'could not confirm the last updates'));
      }
    },
  };
}
