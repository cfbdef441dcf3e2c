/**
 * A pass after the app's clock jumped ahead (the console's `:clock`, a fixed clock in tests): the claims this process
 * renewed a moment ago by the process's own time have lapsed by the app's, so the pass renews the lease and sends
 * at once, rather than leaving the row until the lease timer's next renewal.
 */
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock';
import { createMetrics } from '../../src/metrics';
import { createDelivery } from '../../src/outbox/delivery';
import { enqueuePosts } from '../../src/outbox/outbox-store';
import { openTestStore, type TestStore } from '../helpers/dialects';

const START = new Date('2026-01-05T02:00:00Z');

describe('the sender after the app clock jumps a week', () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await openTestStore('sqlite');
  });
  afterEach(() => store.dispose());

  it('sends a row queued after the jump in the very next pass', async () => {
    const clock = fixedClock(START);
    const sent: string[] = [];
    let messageId = 0;
    const delivery = createDelivery({
      db: store.db,
      clock,
      logger: pino({ level: 'silent' }),
      metrics: createMetrics(),
      api: {
        call: async (method, payload) => {
          sent.push(`${method} ${String(payload.text)}`);
          messageId += 1;
          return { message_id: messageId, date: 0, chat: { id: Number(payload.chat_id), type: 'private' } };
        },
      },
      botToken: '123:token',
      owner: 'test',
      hookOf: () => undefined,
      onChatMigrated: async () => {},
      render: async () => {
        throw new Error('nothing to draw');
      },
      unreachableNotice: async () => undefined,
      wake: () => {},
      transport: { sleep: async () => {} },
    });
    const post = (period: string) => ({ job: 'test', period, chatId: 42, html: period });

    await enqueuePosts(store.db, [post('monday')], clock.now());
    expect(await delivery.pass()).toBe(true);
    expect(sent).toEqual(['sendMessage monday']);

    clock.advance(7 * 86_400_000);
    await enqueuePosts(store.db, [post('next monday')], clock.now());
    expect(await delivery.pass()).toBe(true);
    expect(sent).toEqual(['sendMessage monday', 'sendMessage next monday']);
    await delivery.releaseLease();
  });
});
