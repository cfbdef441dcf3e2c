import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger';
import type { BotApi } from '../../src/telegram/bot-api';
import { MAX_TRIES, type PollingOptions, startPolling } from '../../src/telegram/polling';

/** A Bot API serving `queue` to getUpdates as Telegram does: updates from the offset on, the ones before confirmed. */
function telegram(ids: readonly number[]) {
  let queue = ids.map((id) => ({ update_id: id }));
  const offsets: (number | undefined)[] = [];
  let idle: () => void = () => {};
  const api: BotApi = {
    async call(method, payload, options) {
      if (method !== 'getUpdates') return true;
      const offset = payload.offset as number | undefined;
      if (payload.limit !== 1) offsets.push(offset);
      if (offset !== undefined) queue = queue.filter((update) => update.update_id >= offset);
      if (queue.length > 0) return queue;
      idle();
      // Nothing new: a long poll waits until stopped (the confirming call at stop has no signal and waits not).
      const { signal } = options ?? {};
      if (signal) await new Promise((resolve) => signal.addEventListener('abort', resolve));
      return [];
    },
  };
  const drained = new Promise<void>((resolve) => {
    idle = resolve;
  });
  return { api, offsets, drained, pending: () => queue.map((update) => update.update_id) };
}

const logger = createLogger('silent');

/** Polls `server` with `handle` (given each update's id) until it has nothing left to give, then stops. */
async function pollUntilDrained(
  server: ReturnType<typeof telegram>,
  handle: (id: number) => Promise<void>,
  more: Partial<PollingOptions> = {},
) {
  const polling = startPolling({
    api: server.api,
    logger,
    sleep: async () => {},
    handle: (update) => handle((update as { update_id: number }).update_id),
    ...more,
  });
  await server.drained;
  await polling.stop();
}

describe('long polling', () => {
  it('fetches again, from it, an update that could not be handled, and confirms it once handled', async () => {
    const server = telegram([1, 2, 3]);
    const handled: number[] = [];
    let failuresLeft = 2;
    await pollUntilDrained(server, async (id) => {
      if (id === 2 && failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('Connection terminated unexpectedly');
      }
      handled.push(id);
    });
    // 2 failed twice: each next poll started from it (1 confirmed, 3 fetched again: the ledger skips it in the bot).
    expect(server.offsets).toEqual([undefined, 2, 2, 4]);
    expect(handled.filter((id) => id === 2)).toHaveLength(1);
    expect(server.pending()).toEqual([]);
  });

  it(`gives an update up after ${MAX_TRIES} tries, so that one update cannot stop the intake`, async () => {
    const server = telegram([1, 2]);
    let tries = 0;
    await pollUntilDrained(server, async (id) => {
      if (id !== 1) return;
      tries += 1;
      throw new Error('the database is unreachable');
    });
    expect(tries).toBe(MAX_TRIES);
    expect(server.offsets.at(-1)).toBe(3);
    expect(server.pending()).toEqual([]);
  });

  /** An outage: every update fails with the store's error for `outageTries` fetches, then the store answers. */
  class Unreachable extends Error {}
  const isOutage = (error: unknown) => error instanceof Unreachable;

  it('holds every update, uncounted, for as long as the store is unreachable, then handles each once', async () => {
    const server = telegram([1, 2, 3]);
    const handled: number[] = [];
    const held: number[] = [];
    await pollUntilDrained(
      server,
      async (id) => {
        // Unreachable for the first MAX_TRIES × 5 fetches.
        if (server.offsets.length <= MAX_TRIES * 5) throw new Unreachable('connect ECONNREFUSED 127.0.0.1:5432');
        handled.push(id);
      },
      { isOutage, onHeld: (count) => held.push(count) },
    );
    // Far more fetches than MAX_TRIES, every one from the first update; none given up.
    expect(server.offsets.slice(0, MAX_TRIES * 5 + 1)).toEqual([undefined, ...Array(MAX_TRIES * 5).fill(1)]);
    expect(server.offsets.at(-1)).toBe(4);
    expect(handled.sort()).toEqual([1, 2, 3]);
    expect(server.pending()).toEqual([]);
    // /metrics: three held while it lasted, none after.
    expect(held).toEqual([3, 0]);
  });

  it('still gives up an update that fails by itself, beside an outage that is not counted', async () => {
    const server = telegram([1, 2]);
    let ownTries = 0;
    let outageLeft = MAX_TRIES * 2;
    await pollUntilDrained(
      server,
      async (id) => {
        if (outageLeft > 0) {
          outageLeft -= id === 1 ? 1 : 0;
          throw new Unreachable('Connection terminated unexpectedly');
        }
        if (id === 1) {
          ownTries += 1;
          throw new Error('CHECK constraint failed');
        }
      },
      { isOutage },
    );
    expect(ownTries).toBe(MAX_TRIES);
    expect(server.pending()).toEqual([]);
  });

  it('gives an update up once the store has been unreachable for longer than Telegram keeps it', async () => {
    const server = telegram([1, 2]);
    let clock = 0;
    const tried: number[] = [];
    await pollUntilDrained(
      server,
      async (id) => {
        tried.push(id);
        clock += 1000;
        if (id === 1) throw new Unreachable('ECONNREFUSED');
      },
      { isOutage, now: () => clock, outageGiveUpMs: 30_000 },
    );
    // Fetched again until 30 s of outage had passed (about 15 fetches: each costs the two updates 2 s), then given up.
    const fetchesOfOne = tried.filter((id) => id === 1).length;
    expect(fetchesOfOne).toBeGreaterThan(MAX_TRIES);
    expect(fetchesOfOne).toBeLessThan(20);
    expect(server.pending()).toEqual([]);
  });
});
