import type { Logger } from '../logger';
import type { BotApi } from './bot-api';

/** The update kinds the bot asks Telegram for; the rest are never sent to it. */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;

/** How many times an update that could not be handled is fetched again before it is given up. */
export const MAX_TRIES = 10;

export interface PollingOptions {
  readonly api: BotApi;
  /** Handles one update; resolves once its effect and replies are committed (never waits for a send). */
  readonly handle: (update: unknown) => Promise<void>;
  readonly logger: Logger;
  /** How long one getUpdates waits for news. Default 30 s. */
  readonly timeoutSeconds?: number;
  /** Waits after a failed getUpdates, doubling from the first; tests pass short ones. */
  readonly backoffMs?: readonly number[];
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface Polling {
  /** Ends the poll under way, waits for the batch being handled, then confirms it to Telegram. */
  stop(): Promise<void>;
}

const updateIdOf = (update: unknown): number | undefined => {
  const id = (update as { update_id?: unknown } | null)?.update_id;
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : undefined;
};

/**
 * Long polling that confirms an update to Telegram only once it is safe: each batch is handed to `handle` (which
 * runs different chats side by side and one chat in order), and the next getUpdates, whose offset confirms the
 * batch, is asked only after every update of it was committed. Handling never waits for a send, so a batch takes
 * milliseconds, whatever a busy group's budget or a failing Bot API does to its replies. A crash before the next
 * poll gets the batch delivered again, and the ledger makes the redelivery change nothing and send nothing twice.
 * An update that could not be handled at all (the database unreachable: not even the apology was stored) is not
 * confirmed: the next poll, after a back-off, starts from it (the ledger skips those after it that were handled),
 * up to MAX_TRIES times, after which it is given up so that one update cannot stop the intake.
 */
export function startPolling(options: PollingOptions): Polling {
  const { api, handle, logger } = options;
  const timeout = options.timeoutSeconds ?? 30;
  const backoff = options.backoffMs ?? [500, 1000, 2000, 5000, 10_000, 30_000];
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const abort = new AbortController();
  let offset: number | undefined;
  let stopping = false;
  const stopped = new Promise<void>((resolve) => abort.signal.addEventListener('abort', () => resolve()));

  /** Tries so far of the updates that failed, by id. */
  const tries = new Map<number, number>();

  /** Handles a batch and moves the offset past it, or only up to its first update that failed; true if one did. */
  async function handleBatch(updates: readonly unknown[]): Promise<boolean> {
    const failed: number[] = [];
    await Promise.all(
      updates.map(async (update) => {
        const id = updateIdOf(update);
        try {
          await handle(update);
          if (id !== undefined) tries.delete(id);
        } catch (error) {
          const tried = (id === undefined ? MAX_TRIES : (tries.get(id) ?? 0)) + 1;
          if (id === undefined || tried >= MAX_TRIES) {
            if (id !== undefined) tries.delete(id);
            logger.error({ err: error, updateId: id, tries: tried }, 'update not handled; given up');
            return;
          }
          tries.set(id, tried);
          failed.push(id);
          logger.warn({ err: error, updateId: id, tries: tried }, 'update not handled; it will be fetched again');
        }
      }),
    );
    const firstFailed = failed.length > 0 ? Math.min(...failed) : undefined;
    for (const update of updates) {
      const id = updateIdOf(update);
      if (id === undefined || (firstFailed !== undefined && id >= firstFailed)) continue;
      if (offset === undefined || id >= offset) offset = id + 1;
    }
    if (firstFailed !== undefined && (offset === undefined || firstFailed > offset)) offset = firstFailed;
    return firstFailed !== undefined;
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
