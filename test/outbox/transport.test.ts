import fc from 'fast-check';
import { TelegramError } from 'telegraf';
import { describe, expect, it, vi } from 'vitest';
import { FakeBotApi } from '../../src/console/fake-bot-api';
import {
  ChatUnreachableError,
  classifyFailure,
  createTransport,
  TELEGRAM_LIMITS,
  type TransportOptions,
} from '../../src/outbox/transport';
import type { BotApi } from '../../src/telegram/bot-api';
import { createVirtualTime } from '../helpers/virtual-time';

const START = new Date('2026-11-30T01:00:00Z');
const GROUP = -1001234567890;
const OLD_GROUP = -4000123;
const NEW_GROUP = -1004000123;
const USER = 1001;

/** A transport on a virtual clock over a recording fake, with each call's virtual time and chat kept. */
function setUp(options: Partial<TransportOptions> = {}, api: BotApi = new FakeBotApi()) {
  const time = createVirtualTime(START);
  const fake = api instanceof FakeBotApi ? api : undefined;
  const calls: { method: string; chatId: unknown; at: number; ok: boolean }[] = [];
  fake?.onCall((call, outcome) =>
    calls.push({ method: call.method, chatId: call.payload.chat_id, at: time.now(), ok: outcome.ok }),
  );
  const transport = createTransport(api, { sleep: time.sleep, now: time.now, marginMs: 0, ...options });
  return { time, transport, calls, api: fake as FakeBotApi };
}

/** The most calls that fell in any window of `windowMs` (a call at t covers [t, t + windowMs)). */
function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last += 1) {
    while ((sorted[last] ?? 0) - (sorted[first] ?? 0) >= windowMs) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

const tooMany = (seconds: number) => ({
  error_code: 429,
  description: `Too Many Requests: retry after ${seconds}`,
  parameters: { retry_after: seconds },
});
const serverError = { error_code: 500, description: 'Internal Server Error' };

describe('transport: failures', () => {
  it('waits out a 429 for retry_after seconds, then sends', async () => {
    const { time, transport, calls, api } = setUp();
    api.failNext('sendMessage', tooMany(7));

    const sent = await time.run(transport.sendMessage(GROUP, 'hello'));

    expect(sent).toEqual({ messageId: 1, chatId: GROUP });
    expect(calls.map((call) => [call.ok, call.at])).toEqual([
      [false, 0],
      [true, 7000],
    ]);
    expect(time.clock.now().toISOString()).toBe('2026-11-30T01:00:07.000Z');
  });

  it('backs off exponentially from 5xx answers and sends on the third try', async () => {
    const { time, transport, calls, api } = setUp({ backoffMs: 500 });
    api.failNext('sendMessage', serverError, 2);

    await time.run(transport.sendMessage(USER, 'hello'));

    expect(calls.map((call) => [call.ok, call.at])).toEqual([
      [false, 0],
      [false, 500],
      [true, 1500],
    ]);
  });

  it('retries a network error, which carries no Telegram answer', async () => {
    const fake = new FakeBotApi();
    let failures = 1;
    const flaky: BotApi = {
      call(method, payload) {
        if (failures-- > 0) return Promise.reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
        return fake.call(method, payload);
      },
    };
    const { time, transport } = setUp({ backoffMs: 250 }, flaky);

    const sent = await time.run(transport.sendMessage(USER, 'hello'));

    expect(sent.messageId).toBe(1);
    expect(time.now()).toBe(250);
    expect(fake.sentMessages(USER)).toHaveLength(1);
  });

  it('does not retry a bug: an error that is neither Telegram nor the network goes straight to the caller', async () => {
    const broken: BotApi = { call: () => Promise.reject(new TypeError('payload is not a function')) };
    const { time, transport } = setUp({}, broken);

    await expect(time.run(transport.sendMessage(USER, 'hello'))).rejects.toThrow(TypeError);
    expect(time.now()).toBe(0);
  });

  it('gives up after maxRetries and rethrows the last answer', async () => {
    const { time, transport, calls, api } = setUp({ maxRetries: 3, backoffMs: 100 });
    api.failNext('sendMessage', serverError, 10);

    await expect(time.run(transport.sendMessage(USER, 'hello'))).rejects.toMatchObject({ code: 500 });
    expect(calls).toHaveLength(4);
  });

  it.each([
    [403, 'Forbidden: bot was blocked by the user'],
    [403, 'Forbidden: bot was kicked from the supergroup chat'],
    [403, "Forbidden: bot can't initiate conversation with a user"],
    [400, 'Bad Request: chat not found'],
  ])('throws ChatUnreachableError at once on %i "%s"', async (code, description) => {
    const { time, transport, calls, api } = setUp();
    api.failNext('sendMessage', { error_code: code, description });

    const error = await time.run(transport.sendMessage(GROUP, 'hello')).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ChatUnreachableError);
    expect(error).toMatchObject({ chatId: GROUP, errorCode: code, description });
    expect(calls).toHaveLength(1);
    expect(time.now()).toBe(0);
  });

  it('passes other refusals through unchanged and untried again', async () => {
    const { time, transport, calls } = setUp();

    await expect(time.run(transport.sendMessage(GROUP, '<b>unclosed'))).rejects.toBeInstanceOf(TelegramError);
    expect(calls).toHaveLength(1);
  });

  it('follows a group upgraded to a supergroup: tells the hook once, resends there, and goes there directly next', async () => {
    const onChatMigrated = vi.fn();
    const { time, transport, calls, api } = setUp({ onChatMigrated });
    api.failNext('sendMessage', {
      error_code: 400,
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      parameters: { migrate_to_chat_id: NEW_GROUP },
    });

    const first = await time.run(transport.sendMessage(OLD_GROUP, 'leaderboard', { threadId: 7 }));
    const second = await time.run(transport.sendMessage(OLD_GROUP, 'reminder'));

    expect(first.chatId).toBe(NEW_GROUP);
    expect(second.chatId).toBe(NEW_GROUP);
    expect(onChatMigrated).toHaveBeenCalledExactlyOnceWith(OLD_GROUP, NEW_GROUP);
    expect(calls.map((call) => [call.chatId, call.ok])).toEqual([
      [OLD_GROUP, false],
      [NEW_GROUP, true],
      [NEW_GROUP, true],
    ]);
    expect(api.lastSent(NEW_GROUP)).toBeDefined();
    expect(api.sentMessages(NEW_GROUP)[0]?.message_thread_id).toBe(7);
  });

  it('tells the hook once when several sends to the old group fail together', async () => {
    const onChatMigrated = vi.fn(async () => {});
    const { time, transport, api } = setUp({ onChatMigrated });
    api.failNext(
      'sendMessage',
      {
        error_code: 400,
        description: 'Bad Request: group chat was upgraded to a supergroup chat',
        parameters: { migrate_to_chat_id: NEW_GROUP },
      },
      3,
    );

    const sent = await time.run(Promise.all([1, 2, 3].map((n) => transport.sendMessage(OLD_GROUP, `post ${n}`))));

    expect(sent.map((post) => post.chatId)).toEqual([NEW_GROUP, NEW_GROUP, NEW_GROUP]);
    expect(onChatMigrated).toHaveBeenCalledTimes(1);
    expect(api.sentMessages(NEW_GROUP)).toHaveLength(3);
  });

  it('edits throw ChatUnreachableError too, and take "message is not modified" as done', async () => {
    const { time, transport, api } = setUp();
    const sent = await time.run(transport.sendMessage(GROUP, 'card'));
    api.failNext('editMessageText', { error_code: 403, description: 'Forbidden: bot was kicked from the group chat' });

    await expect(time.run(transport.editMessageText(GROUP, sent.messageId, 'new'))).rejects.toBeInstanceOf(
      ChatUnreachableError,
    );
    await expect(time.run(transport.editMessageText(GROUP, sent.messageId, 'card'))).resolves.toBeUndefined();
  });

  it('retries a callback answer only while Telegram still wants one', async () => {
    const { time, transport, api } = setUp();
    api.failNext('answerCallbackQuery', tooMany(2));
    await time.run(transport.answerCallbackQuery('query-1'));
    expect(time.now()).toBe(2000);

    api.failNext('answerCallbackQuery', tooMany(30));
    await expect(time.run(transport.answerCallbackQuery('query-2'))).rejects.toMatchObject({ code: 429 });
    expect(time.now()).toBe(2000);
  });

  it('does not retry a command menu: the caller warns, and the next start publishes it again', async () => {
    const { time, transport, api } = setUp();
    api.failNext('setMyCommands', serverError);

    await expect(time.run(transport.setMyCommands([], 'all_group_chats'))).rejects.toMatchObject({ code: 500 });
    expect(api.calls.filter((call) => call.method === 'setMyCommands')).toHaveLength(1);
  });

  it('classifies answers by what the caller should do', () => {
    const answer = (response: object) => new TelegramError(response as never);
    expect(classifyFailure(answer(tooMany(3)))).toEqual({ kind: 'rateLimited', retryAfterMs: 3000 });
    expect(classifyFailure(answer({ error_code: 502, description: 'Bad Gateway' }))).toEqual({ kind: 'transient' });
    expect(classifyFailure(answer({ error_code: 400, description: 'Bad Request: message is too long' }))).toEqual({
      kind: 'permanent',
    });
    expect(classifyFailure(Object.assign(new Error('timeout'), { name: 'FetchError' }))).toEqual({ kind: 'transient' });
  });
});

describe('transport: limits', () => {
  it('sends at most 20 messages a minute to one group: 25 posts take a minute', async () => {
    const { time, transport, calls } = setUp();

    await time.run(Promise.all(Array.from({ length: 25 }, (_, i) => transport.sendMessage(GROUP, `post ${i}`))));

    const times = calls.map((call) => call.at);
    expect(times.slice(0, 20).every((at) => at < 1000)).toBe(true);
    expect(times[20]).toBeGreaterThanOrEqual(60_000);
    expect(time.now()).toBeGreaterThanOrEqual(60_000);
    expect(busiestWindow(times, 60_000)).toBe(20);
  });

  it('sends at most 30 messages a second overall: 40 posts to 40 chats take a second', async () => {
    const { time, transport, calls } = setUp();

    await time.run(Promise.all(Array.from({ length: 40 }, (_, i) => transport.sendMessage(USER + i, `post ${i}`))));

    expect(time.now()).toBeGreaterThanOrEqual(1000);
    expect(
      busiestWindow(
        calls.map((call) => call.at),
        1000,
      ),
    ).toBe(30);
  });

  it('sends about one message a second to a private chat', async () => {
    const { time, transport, calls } = setUp();

    await time.run(Promise.all([1, 2, 3].map((n) => transport.sendMessage(USER, `reply ${n}`))));

    expect(calls.map((call) => call.at)).toEqual([0, 1000, 2000]);
  });

  it('lets a reply overtake a backlog of bulk posts', async () => {
    const { time, transport, calls } = setUp();
    const bulk = Array.from({ length: 300 }, (_, i) =>
      transport.sendMessage(USER + i, `digest ${i}`, { priority: 'bulk' }),
    );
    const reply = transport.sendMessage(GROUP, 'reply');

    await time.run(Promise.all([...bulk, reply]));

    const replyCall = calls.find((call) => call.chatId === GROUP);
    expect(replyCall?.at).toBeLessThanOrEqual(1000);
    expect(time.now()).toBeGreaterThanOrEqual(9000);
  });

  it('answers callback queries at once, whatever is queued', async () => {
    const { time, transport, api } = setUp();
    const bulk = Array.from({ length: 300 }, (_, i) =>
      transport.sendMessage(USER + i, `digest ${i}`, { priority: 'bulk' }),
    );
    let answeredAt: number | undefined;
    const answer = transport.answerCallbackQuery('query-1', 'ok').then(() => {
      answeredAt = time.now();
    });

    await time.run(Promise.all([...bulk, answer]));

    expect(answeredAt).toBe(0);
    expect(api.calls.filter((call) => call.method === 'answerCallbackQuery')).toHaveLength(1);
  });

  it('never lets a window see more than its limit, whatever the mix of chats and priorities', async () => {
    const post = fc.record({
      chat: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: -4, max: -1 })),
      bulk: fc.boolean(),
      delayMs: fc.integer({ min: 0, max: 3000 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(post, { minLength: 1, maxLength: 80 }), async (posts) => {
        const { time, transport, calls } = setUp();
        const sends = posts.map(async ({ chat, bulk, delayMs }, i) => {
          await time.sleep(delayMs);
          return transport.sendMessage(chat, `post ${i}`, { priority: bulk ? 'bulk' : 'interactive' });
        });
        await time.run(Promise.all(sends));

        expect(calls).toHaveLength(posts.length);
        expect(
          busiestWindow(
            calls.map((call) => call.at),
            TELEGRAM_LIMITS.global.windowMs,
          ),
        ).toBeLessThanOrEqual(30);
        for (const chat of new Set(posts.map((p) => p.chat))) {
          const limit = chat < 0 ? TELEGRAM_LIMITS.group : TELEGRAM_LIMITS.private;
          const times = calls.filter((call) => call.chatId === chat).map((call) => call.at);
          expect(busiestWindow(times, limit.windowMs)).toBeLessThanOrEqual(limit.count);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('takes its limits from options', async () => {
    const { time, transport, calls } = setUp({ limits: { group: { count: 2, windowMs: 10_000 } } });

    await time.run(Promise.all([1, 2, 3].map((n) => transport.sendMessage(GROUP, `post ${n}`))));

    expect(calls.map((call) => call.at)).toEqual([0, 0, 10_000]);
  });
});
