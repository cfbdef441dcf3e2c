import type { Logger } from '../logger';
import type { BotApi } from './bot-api';

/** The update kinds the bot asks Telegram for; the rest are never sent to it. */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;

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
 */
export function startPolling(options: PollingOptions): Polling {
  const { api, handle, logger } = options;
  const timeout = options.timeoutSeconds ?? 30;
  const backoff = options.backoffMs ?? [500, 1000, 2000, 5000, 10_000, 30_000];
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const abort = new AbortController();
  let offset: number | undefined;
  let stopping = false;

  async function handleBatch(updates: readonly unknown[]): Promise<void> {
    await Promise.all(
      updates.map((update) =>
        handle(update).catch((error: unknown) =>
          logger.error({ err: error, updateId: updateIdOf(update) }, 'update not handled; Telegram will not resend it'),
        ),
      ),
    );
    for (const update of updates) {
      const id = updateIdOf(update);
      if (id !== undefined && (offset === undefined || id >= offset)) offset = id + 1;
    }
  }

  const loop = (async () => {
    let failures = 0;
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
      if (Array.isArray(updates) && updates.length > 0) await handleBatch(updates);
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
