import { RawNode } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../../src/console/fake-bot-api';
import { createLogger } from '../../src/logger';
import { enqueuePosts, type OutboxPost } from '../../src/outbox/outbox-store';
import { deliverOutbox } from '../../src/outbox/sender';
import { createTransport } from '../../src/outbox/transport';
import { createLoop } from '../../src/workers/loop';
import { openTestStore, TEST_DATABASE_URL, type TestStore } from '../helpers/dialects';
import { holdFirstSend } from '../helpers/held-send';
import { createWarpTime } from '../helpers/virtual-time';

const MONDAY_MORNING = new Date('2026-11-30T01:00:00Z');
const logger = createLogger('silent');
const post = (period: string, html: string): OutboxPost => ({ job: 'leaderboard', period, chatId: -1, html });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits until `done`, or 5 s. */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await done()) && waited < 5000; waited += 10) await sleep(10);
}

// Only PostgreSQL's pool lets a row be marked while a claim is still answering: SQLite's one connection serializes them.
describe.skipIf(!TEST_DATABASE_URL)('a pass on PostgreSQL', () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await openTestStore('postgres');
  });
  afterEach(() => store.dispose());

  it('sends, in the same pass, a row held back by one that went out while the claim that missed it ran', async () => {
    const api = new FakeBotApi();
    const sending = holdFirstSend(api);
    // The claim made when the second row is woken for finds it behind the first, still out; the first goes out and
    // is marked before that claim's answer is taken, so the pass has nothing out when it looks again.
    const claims = new Set<unknown>();
    const firstSent = async () =>
      (await store.db.selectFrom('outbox').select('status').where('html', '=', 'first').executeTakeFirst())?.status ===
      'sent';
    let raced = false;
    const racing = store.db.withPlugin({
      transformQuery({ node, queryId }) {
        const text = RawNode.is(node) ? node.sqlFragments.join('?') : '';
        if (/update outbox set status = 'sending'/.test(text)) claims.add(queryId);
        return node;
      },
      async transformResult({ result, queryId }) {
        if (claims.has(queryId) && result.rows.length === 0 && !raced) {
          raced = true;
          sending.release();
          // The first row's mark answers on another of the pool's connections meanwhile.
          await until(firstSent);
          await sleep(50);
        }
        return result;
      },
    });
    let passes = 0;
    const loop = createLoop({
      name: 'outbox pass',
      logger,
      run: async (wakes) => {
        passes += 1;
        const warp = createWarpTime();
        await deliverOutbox({
          db: racing,
          transport: createTransport(api, { sleep: warp.sleep, now: warp.now, marginMs: 0 }),
          clock: { now: () => MONDAY_MORNING },
          logger,
          owner: 'a',
          leaseMs: 60_000,
          hookOf: () => undefined,
          render: () => undefined,
          onRefused: () => {},
          wakes,
        });
      },
    });

    await enqueuePosts(store.db, [post('2026-W48', 'first')], MONDAY_MORNING);
    loop.start();
    await until(() => !sending.holding);
    await enqueuePosts(store.db, [post('2026-W49', 'second')], MONDAY_MORNING);
    loop.wake();
    await until(() => api.sentMessages().length === 2);

    expect(raced).toBe(true);
    expect(api.sentMessages().map((payload) => payload.text)).toEqual(['first', 'second']);
    expect(passes).toBe(1);
    await loop.stop();
  });
});
