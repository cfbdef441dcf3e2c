import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KyselyPlugin, RawNode } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBotApi, type InjectedError } from '../../src/console/fake-bot-api';
import { createLogger } from '../../src/logger';
import { chatUnreachableSince, clearChatUnreachable } from '../../src/outbox/chat-reachability-store';
import {
  type ClaimedRow,
  claimDue,
  enqueuePosts,
  markSent,
  type OutboxPost,
  outboxCounts,
  renewClaims,
  takeBackClaims,
  writePendingMessage,
} from '../../src/outbox/outbox-store';
import { deliverOutbox } from '../../src/outbox/sender';
import { createTransport, type TransportOptions } from '../../src/outbox/transport';
import { type Connection, connect } from '../../src/storage/connect';
import { migrateToLatest } from '../../src/storage/migrate';
import type { Db } from '../../src/storage/schema';
import type { BotApi } from '../../src/telegram/bot-api';
import { TelegramError } from '../../src/telegram/telegram-client';
import { createLoop } from '../../src/workers/loop';
import { holdFirstSend } from '../helpers/held-send';
import { createVirtualTime, createWarpTime, type VirtualTime } from '../helpers/virtual-time';

/** Monday 30/11/2026 08:00 in Vietnam, when the weekly posts go out. */
const MONDAY_MORNING = new Date('2026-11-30T01:00:00Z');
const LEASE_MS = 5 * 60_000;
const LEASE_END = new Date(MONDAY_MORNING.getTime() + LEASE_MS);
const logger = createLogger('silent');

const leaderboard = (chatId: number, extra: Partial<OutboxPost> = {}): OutboxPost => ({
  job: 'leaderboard',
  period: '2026-W48',
  chatId,
  html: `<b>Leaderboard</b> for ${chatId}`,
  ...extra,
});

/** Posts to `count` chats: groups (negative ids) and commanders' private chats, alternately. */
const fanOut = (count: number) =>
  Array.from({ length: count }, (_, i) => leaderboard(i % 2 === 0 ? -1000 - i : 5000 + i));

/** A Bot API that answers scripted errors for chosen chats, and passes everything else to a FakeBotApi. */
class ScriptedBotApi implements BotApi {
  private readonly script = new Map<number, InjectedError[]>();
  constructor(readonly fake: FakeBotApi) {}

  failFor(chatId: number, error: InjectedError, times = 1): void {
    const queue = this.script.get(chatId) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(error);
    this.script.set(chatId, queue);
  }

  async call(method: string, payload: Record<string, unknown>): Promise<unknown> {
    const error = this.script.get(Number(payload.chat_id))?.shift();
    if (error) throw new TelegramError(structuredClone(error), { method, payload });
    return this.fake.call(method, payload);
  }
}

describe('outbox on sqlite', () => {
  let dir: string;
  let file: string;
  let connections: Connection[];
  let db: Db;
  let time: VirtualTime;

  async function open(): Promise<Db> {
    const connection = connect(file);
    connections.push(connection);
    const { error } = await migrateToLatest(connection);
    if (error) throw error;
    return connection.db;
  }

  const transportFor = (api: BotApi, options: Partial<TransportOptions> = {}) =>
    createTransport(api, { sleep: time.sleep, now: time.now, marginMs: 0, ...options });

  const worker = (owner: string, api: BotApi, options: { db?: Db; transport?: Partial<TransportOptions> } = {}) => ({
    db: options.db ?? db,
    transport: transportFor(api, options.transport),
    clock: time.clock,
    logger,
    owner,
    leaseMs: LEASE_MS,
    batch: 10,
    hookOf: () => undefined,
    render: () => undefined,
    onRefused: () => {},
  });

  const rows = () => db.selectFrom('outbox').selectAll().orderBy('id').execute();

  /** How many times each text went out, by successful sendMessage calls. */
  const deliveries = (api: FakeBotApi) => {
    const counts = new Map<string, number>();
    for (const payload of api.sentMessages())
      counts.set(String(payload.text), (counts.get(String(payload.text)) ?? 0) + 1);
    return counts;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'thidua-outbox-'));
    file = join(dir, 'bot.sqlite');
    connections = [];
    time = createVirtualTime(MONDAY_MORNING);
    db = await open();
  });

  afterEach(async () => {
    for (const connection of connections) await connection.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a post once, however many processes enqueue it', async () => {
    const posts = [leaderboard(-1001), leaderboard(-1002), leaderboard(5001, { job: 'digest' })];

    expect(await enqueuePosts(db, posts, MONDAY_MORNING)).toBe(3);
    expect(await enqueuePosts(db, [...posts, leaderboard(-1003)], MONDAY_MORNING)).toBe(1);
    expect(await enqueuePosts(await open(), posts, MONDAY_MORNING)).toBe(0);

    expect(await rows()).toHaveLength(4);
    expect((await rows())[0]).toMatchObject({
      job: 'leaderboard',
      period: '2026-W48',
      chat_id: -1001,
      status: 'pending',
      attempts: 0,
      not_before: MONDAY_MORNING.toISOString(),
      expires_at: null,
    });
  });

  it('claims the oldest due posts, one per chat, with a lease, up to the limit; not those not yet due', async () => {
    await enqueuePosts(
      db,
      [
        leaderboard(-1001),
        leaderboard(-1001, { job: 'reminder' }),
        leaderboard(-1002),
        leaderboard(-1003, { notBefore: new Date(MONDAY_MORNING.getTime() + 60_000) }),
        leaderboard(5001),
      ],
      MONDAY_MORNING,
    );

    const claimed = await claimDue(db, {
      owner: 'a',
      now: MONDAY_MORNING,
      leaseUntil: LEASE_END,
      limit: 2,
    });

    expect(claimed.map((post) => [post.id, post.chatId, post.job])).toEqual([
      [1, -1001, 'leaderboard'],
      [3, -1002, 'leaderboard'],
    ]);
    expect(claimed[0]?.leaseUntil).toEqual(LEASE_END);
    expect((await rows()).filter((row) => row.status === 'sending').map((row) => row.lease_owner)).toEqual(['a', 'a']);
    // The group's second post waits while its first is out: posts to a chat go in order, even across workers.
    const next = await claimDue(db, { owner: 'b', now: MONDAY_MORNING, leaseUntil: LEASE_END, limit: 10 });
    expect(next.map((post) => post.chatId)).toEqual([5001]);
  });

  it('gives two workers on one database disjoint claims that together cover every post', async () => {
    await enqueuePosts(db, fanOut(200), MONDAY_MORNING);
    const other = await open();
    const claims: Record<'a' | 'b', ClaimedRow[]> = { a: [], b: [] };

    for (;;) {
      const [a, b] = await Promise.all([
        claimDue(db, { owner: 'a', now: MONDAY_MORNING, leaseUntil: LEASE_END, limit: 7 }),
        claimDue(other, { owner: 'b', now: MONDAY_MORNING, leaseUntil: LEASE_END, limit: 7 }),
      ]);
      claims.a.push(...a);
      claims.b.push(...b);
      if (a.length === 0 && b.length === 0) break;
    }

    const ids = [...claims.a, ...claims.b].map((post) => post.id);
    expect(claims.a.length).toBeGreaterThan(0);
    expect(claims.b.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const owners = new Map((await rows()).map((row) => [row.id, row.lease_owner]));
    for (const post of claims.a) expect(owners.get(post.id)).toBe('a');
  });

  it('delivers every post exactly once with two workers running at the same time', async () => {
    await enqueuePosts(db, fanOut(120), MONDAY_MORNING);
    const api = new FakeBotApi();

    const [a, b] = await time.run(
      Promise.all([deliverOutbox(worker('a', api)), deliverOutbox(worker('b', api, { db: await open() }))]),
    );

    expect(a.sent + b.sent).toBe(120);
    expect(a.leaseLost + b.leaseLost).toBe(0);
    expect([...deliveries(api).values()].every((count) => count === 1)).toBe(true);
    expect(deliveries(api).size).toBe(120);
    const stored = await rows();
    expect(stored.every((row) => row.status === 'sent' && row.telegram_message_id === 1)).toBe(true);
    expect(stored.every((row) => row.sent_at !== null && row.attempts === 1)).toBe(true);
  });

  it('resends the posts of a worker that crashed once their lease expires', async () => {
    await enqueuePosts(db, fanOut(4), MONDAY_MORNING);
    await claimDue(db, { owner: 'crashed', now: MONDAY_MORNING, leaseUntil: LEASE_END, limit: 10 });
    const api = new FakeBotApi();

    const early = await time.run(deliverOutbox(worker('b', api)));
    expect(early.claimed).toBe(0);
    expect(api.sentMessages()).toHaveLength(0);

    time.advance(LEASE_MS + 1);
    const late = await time.run(deliverOutbox(worker('b', api)));

    expect(late.sent).toBe(4);
    expect(api.sentMessages()).toHaveLength(4);
    expect((await rows()).map((row) => [row.status, row.lease_owner, row.attempts])).toEqual(
      Array.from({ length: 4 }, () => ['sent', 'b', 2]),
    );
  });

  it('renews only the claims a holder still holds, and lets the rest lapse with its lease', async () => {
    await enqueuePosts(db, [leaderboard(-1001), leaderboard(-1002)], MONDAY_MORNING);
    const at = (seconds: number) => new Date(MONDAY_MORNING.getTime() + seconds * 1000);
    const [held, dropped] = await claimDue(db, { owner: 'a', now: at(0), leaseUntil: at(15), limit: 10 });

    // The lease renewed at 10 s: the row still being delivered goes on to 25 s; the other (its mark failed) does not.
    expect(await renewClaims(db, { owner: 'a', now: at(10), until: at(25), ids: [held!.id] })).toBe(1);
    expect(await renewClaims(db, { owner: 'b', now: at(10), until: at(25), ids: [dropped!.id] })).toBe(0);

    const later = await claimDue(db, { owner: 'b', now: at(16), leaseUntil: at(31), limit: 10 });
    expect(later.map((row) => row.chatId)).toEqual([-1002]);
    // A lapsed claim is not renewed back to life either.
    expect(await renewClaims(db, { owner: 'a', now: at(26), until: at(41), ids: [held!.id] })).toBe(0);
    // Whoever takes the lease takes back what others still hold, at once.
    expect(await takeBackClaims(db, { owner: 'c' })).toBe(2);
    expect((await rows()).map((row) => [row.status, row.lease_owner])).toEqual([
      ['pending', null],
      ['pending', null],
    ]);
  });

  it('writes a message due later, rewrites it while it waits, and leaves it once it is out', async () => {
    const due = new Date(MONDAY_MORNING.getTime() + 3600_000);
    const copy = (html: string) => ({
      job: 'nomination-copy',
      period: 'copy-7',
      chatId: 5001,
      html,
      payload: { afterSent: { kind: 'copySent', id: 7 } },
      notBefore: due,
    });

    expect(await writePendingMessage(db, copy('one nomination'), MONDAY_MORNING)).toBe(true);
    expect(await writePendingMessage(db, copy('two nominations'), MONDAY_MORNING)).toBe(true);
    expect((await rows()).map((row) => [row.kind, row.html, row.not_before, row.status])).toEqual([
      ['message', 'two nominations', due.toISOString(), 'pending'],
    ]);
    await claimDue(db, { owner: 'a', now: due, leaseUntil: new Date(due.getTime() + LEASE_MS), limit: 1 });
    expect(await writePendingMessage(db, copy('three nominations'), due)).toBe(false);
    expect((await rows())[0]).toMatchObject({ html: 'two nominations', status: 'sending' });
  });

  it('does not let a worker whose lease was taken over mark the post', async () => {
    await enqueuePosts(db, [leaderboard(-1001)], MONDAY_MORNING);
    const [slow] = await claimDue(db, { owner: 'slow', now: MONDAY_MORNING, leaseUntil: LEASE_END, limit: 1 });
    const later = new Date(MONDAY_MORNING.getTime() + LEASE_MS + 1);
    await claimDue(db, { owner: 'fast', now: later, leaseUntil: new Date(later.getTime() + LEASE_MS), limit: 1 });

    expect(await markSent(db, { id: slow!.id, owner: 'slow', messageId: 9, now: later })).toBe(false);
    expect(await markSent(db, { id: slow!.id, owner: 'fast', messageId: 10, now: later })).toBe(true);
    expect((await rows())[0]).toMatchObject({ status: 'sent', telegram_message_id: 10, lease_owner: 'fast' });
  });

  it('marks a sent post once the database answers again, instead of leaving it to go out twice', async () => {
    await enqueuePosts(db, [leaderboard(-1001)], MONDAY_MORNING);
    const api = new FakeBotApi();
    let sent = false;
    api.onCall(() => {
      sent = true;
    });
    // The database stops answering between the send and its mark (a restart), twice, then answers again.
    let refusals = 2;
    const flaky = db.withPlugin({
      transformQuery: (args) => {
        if (sent && refusals > 0 && args.node.kind === 'UpdateQueryNode') {
          refusals -= 1;
          throw new Error('Connection terminated unexpectedly');
        }
        return args.node;
      },
      transformResult: async (args) => args.result,
    });

    const report = await deliverOutbox({ ...worker('w', api, { transport: createWarpTime() }), db: flaky });

    expect(refusals).toBe(0);
    expect(report).toMatchObject({ sent: 1, leaseLost: 0 });
    expect(api.sentMessages()).toHaveLength(1);
    expect((await rows())[0]).toMatchObject({ status: 'sent', lease_until: null, attempts: 1 });
  });

  it('skips stale reminders instead of sending them late', async () => {
    const endOfMonday = new Date('2026-11-30T17:00:00Z');
    await enqueuePosts(
      db,
      [
        leaderboard(-1001, { job: 'reminder', period: '2026-11-29', expiresAt: MONDAY_MORNING }),
        leaderboard(-1002, { job: 'reminder', period: '2026-11-30', expiresAt: endOfMonday }),
      ],
      new Date('2026-11-29T01:00:00Z'),
    );
    const api = new FakeBotApi();

    const report = await time.run(deliverOutbox(worker('a', api)));

    expect(report).toMatchObject({ sent: 1, skipped: 1 });
    expect(api.sentMessages().map((payload) => payload.chat_id)).toEqual([-1002]);
    expect((await rows()).map((row) => [row.status, row.last_error])).toEqual([
      ['skipped', 'expired'],
      ['sent', null],
    ]);
  });

  it('skips a post that went stale while it waited for its chat', async () => {
    const api = new FakeBotApi();
    const transport = transportFor(api);
    const soon = new Date(MONDAY_MORNING.getTime() + 500);
    await enqueuePosts(db, [leaderboard(5001, { job: 'reminder', expiresAt: soon })], MONDAY_MORNING);
    // A reply to the same private chat takes its one-a-second slot first.
    await time.run(transport.sendMessage(5001, 'reply'));

    const report = await time.run(deliverOutbox({ ...worker('a', api), transport }));

    expect(report).toMatchObject({ claimed: 1, skipped: 1, sent: 0 });
    expect(api.sentMessages(5001).map((payload) => payload.text)).toEqual(['reply']);
    expect((await rows())[0]).toMatchObject({ status: 'skipped', last_error: 'expired' });
  });

  it('hands back a post whose lease ran out while it queued, instead of sending it under the stale lease', async () => {
    const api = new FakeBotApi();
    const transport = transportFor(api);
    await enqueuePosts(db, [leaderboard(5001)], MONDAY_MORNING);
    await time.run(transport.sendMessage(5001, 'reply'));

    // The lease (0.5 s) runs out while the post waits for the chat's one-a-second slot; at 1 s it is handed back,
    // claimed again under a fresh lease and sent.
    const report = await time.run(deliverOutbox({ ...worker('a', api), transport, leaseMs: 500 }));

    expect(report).toMatchObject({ claimed: 2, retrying: 1, sent: 1 });
    expect(api.sentMessages(5001)).toHaveLength(2);
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('marks a post failed and its chat unreachable on 403, and delivers the rest', async () => {
    await enqueuePosts(db, [leaderboard(5001), leaderboard(5002), leaderboard(-1003)], MONDAY_MORNING);
    const fake = new FakeBotApi();
    const api = new ScriptedBotApi(fake);
    api.failFor(5002, { error_code: 403, description: 'Forbidden: bot was blocked by the user' });

    const report = await time.run(deliverOutbox(worker('a', api)));

    expect(report).toMatchObject({ sent: 2, failed: 1 });
    const failed = (await rows()).find((row) => row.chat_id === 5002);
    expect(failed).toMatchObject({ status: 'failed', last_error: '403 Forbidden: bot was blocked by the user' });
    expect(await chatUnreachableSince(db, 5002)).toEqual(MONDAY_MORNING);
    expect(await chatUnreachableSince(db, 5001)).toBeUndefined();
    await clearChatUnreachable(db, 5002);
    expect(await chatUnreachableSince(db, 5002)).toBeUndefined();
  });

  it('hands a post back for later while Telegram fails, however often, and fails it only when Telegram refuses it', async () => {
    await enqueuePosts(db, [leaderboard(-1001), leaderboard(-1002)], MONDAY_MORNING);
    const api = new ScriptedBotApi(new FakeBotApi());
    api.failFor(-1001, { error_code: 502, description: 'Bad Gateway' }, 12);
    api.failFor(-1002, { error_code: 400, description: 'Bad Request: message text is empty' });
    const options = { ...worker('a', api, { transport: { maxRetries: 0 } }), retryDelayMs: 60_000 };

    expect(await time.run(deliverOutbox(options))).toMatchObject({ retrying: 1, failed: 1, sent: 0 });
    expect((await rows()).map((row) => [row.status, row.attempts, row.not_before, row.last_error])).toEqual([
      ['pending', 1, '2026-11-30T01:01:00.000Z', '502 Bad Gateway'],
      ['failed', 1, MONDAY_MORNING.toISOString(), '400 Bad Request: message text is empty'],
    ]);
    expect(await time.run(deliverOutbox(options))).toMatchObject({ claimed: 0 });

    // Twelve failures over hours: the back-off doubles up to MAX_RETRY_DELAY_MS (5 minutes), and the post still waits.
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 12; attempt += 1) {
      const before = (await rows())[0]!;
      const due = new Date(before.not_before).getTime() - time.clock.now().getTime();
      waits.push(due / 60_000);
      time.advance(due);
      expect(await time.run(deliverOutbox(options))).toMatchObject({ claimed: 1 });
    }
    expect(waits).toEqual([1, 2, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5]);
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 13 });
    expect(api.fake.sentMessages(-1001)).toHaveLength(1);
  });

  it('delivers every post once through 429s, 5xx answers, a blocked user and an upgraded group', async () => {
    const posts = fanOut(40);
    await enqueuePosts(db, posts, MONDAY_MORNING);
    const fake = new FakeBotApi();
    const api = new ScriptedBotApi(fake);
    api.failFor(
      -1000,
      { error_code: 429, description: 'Too Many Requests: retry after 5', parameters: { retry_after: 5 } },
      2,
    );
    api.failFor(5001, { error_code: 500, description: 'Internal Server Error' }, 2);
    api.failFor(-1002, { error_code: 502, description: 'Bad Gateway' });
    api.failFor(5003, { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    api.failFor(-1004, {
      error_code: 400,
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      parameters: { migrate_to_chat_id: -1009999 },
    });
    const onChatMigrated = vi.fn();

    const report = await time.run(deliverOutbox(worker('a', api, { transport: { onChatMigrated } })));

    expect(report).toMatchObject({ claimed: 40, sent: 39, failed: 1, retrying: 0, leaseLost: 0 });
    expect(onChatMigrated).toHaveBeenCalledExactlyOnceWith(-1004, -1009999);
    const sent = deliveries(fake);
    expect(sent.size).toBe(39);
    expect([...sent.values()].every((count) => count === 1)).toBe(true);
    expect(sent.has(posts.find((post) => post.chatId === 5003)!.html)).toBe(false);
    expect(fake.sentMessages(-1009999)).toHaveLength(1);
    expect(await outboxCounts(db)).toEqual({ pending: 0, sending: 0, sent: 39, failed: 1, skipped: 0 });
    expect(await chatUnreachableSince(db, 5003)).toEqual(expect.any(Date));
  });

  it('posts into a forum topic', async () => {
    await enqueuePosts(db, [leaderboard(-1001, { threadId: 42 })], MONDAY_MORNING);
    const api = new FakeBotApi();

    await time.run(deliverOutbox(worker('a', api)));

    expect(api.lastSent(-1001)?.message_thread_id).toBe(42);
  });

  it('tells with each claimed row how many of its chat and lane wait, itself included', async () => {
    await enqueuePosts(
      db,
      [leaderboard(-1), leaderboard(-1, { period: '2026-W49' }), leaderboard(-1, { period: '2026-W50' })],
      MONDAY_MORNING,
    );
    await enqueuePosts(db, [leaderboard(-2)], MONDAY_MORNING);
    const claimed = await claimDue(db, { owner: 'a', now: MONDAY_MORNING, leaseUntil: LEASE_END, limit: 10 });
    expect(claimed.map((row) => [row.chatId, row.waiting])).toEqual([
      [-1, 3],
      [-2, 1],
    ]);
  });

  /** Counts the claims (`claimDue`'s statement) made through the returned db. */
  const countingClaims = () => {
    const counter = { claims: 0 };
    const plugin: KyselyPlugin = {
      transformQuery({ node }) {
        const text = RawNode.is(node) ? node.sqlFragments.join('?') : '';
        if (/update outbox set status = 'sending'/.test(text) && !/o\.kind = 'confirmation'/.test(text)) {
          counter.claims += 1;
        }
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    return { counter, db: db.withPlugin(plugin) };
  };

  it('sends a lone row woken for with one claim and one pass, and a row queued behind it in the same pass', async () => {
    const api = new FakeBotApi();
    const { counter, db: counted } = countingClaims();
    const warp = createWarpTime();
    let passes = 0;
    const loop = createLoop({
      name: 'outbox pass',
      logger,
      run: async (wakes) => {
        passes += 1;
        await deliverOutbox({ ...worker('a', api, { db: counted, transport: warp }), wakes });
      },
    });
    /** Lets the pass go as far as it can: its waits take no time, its database answers at once. */
    const idle = async () => {
      for (let i = 0; i < 50; i += 1) await new Promise((resolve) => setImmediate(resolve));
    };

    await enqueuePosts(db, [leaderboard(-1)], MONDAY_MORNING);
    loop.start();
    await idle();
    expect(api.sentMessages()).toHaveLength(1);
    expect({ passes, claims: counter.claims }).toEqual({ passes: 1, claims: 1 });

    // Sending is held while a second row for the same chat and one for another chat are queued and woken for: the
    // first chat's next row waits behind the one out, and goes in the same pass once it is sent.
    const sending = holdFirstSend(api);
    await enqueuePosts(db, [leaderboard(-1, { period: '2026-W49', html: 'first' })], MONDAY_MORNING);
    loop.wake();
    await idle();
    await enqueuePosts(db, [leaderboard(-1, { period: '2026-W50', html: 'second' })], MONDAY_MORNING);
    await enqueuePosts(db, [leaderboard(-2, { html: 'other chat' })], MONDAY_MORNING);
    loop.wake();
    await idle();
    expect(api.sentMessages().map((payload) => payload.text)).toEqual(['<b>Leaderboard</b> for -1', 'other chat']);
    sending.release();
    await idle();
    expect(api.sentMessages().map((payload) => payload.text)).toEqual([
      '<b>Leaderboard</b> for -1',
      'other chat',
      'first',
      'second',
    ]);
    expect(passes).toBe(2);
    await loop.stop();
  });

  it('runs passes in the workers’ loop: on its timer, at once when woken, and stops after the pass under way', async () => {
    const api = new FakeBotApi();
    let fire: (() => void) | undefined;
    let scheduled: () => void = () => {};
    const timers = {
      setTimeout(callback: () => void, ms: number) {
        expect(ms).toBe(5000);
        fire = callback;
        scheduled();
        return 1;
      },
      clearTimeout: vi.fn(),
    };
    const nextSchedule = () =>
      new Promise<void>((resolve) => {
        scheduled = resolve;
      });
    await enqueuePosts(db, fanOut(3), MONDAY_MORNING);

    let passEnded = nextSchedule();
    const running = createLoop({
      name: 'outbox pass',
      logger,
      intervalMs: 5000,
      timers,
      run: async (wakes) => {
        await deliverOutbox({ ...worker('a', api), wakes });
      },
    });
    running.start();
    await time.run(passEnded);
    expect(api.sentMessages()).toHaveLength(3);

    await enqueuePosts(db, [leaderboard(-2001)], MONDAY_MORNING);
    passEnded = nextSchedule();
    fire?.();
    await time.run(passEnded);
    expect(api.sentMessages()).toHaveLength(4);

    await enqueuePosts(db, [leaderboard(-2002)], MONDAY_MORNING);
    passEnded = nextSchedule();
    running.wake();
    await time.run(passEnded);
    expect(timers.clearTimeout).toHaveBeenCalledTimes(1);
    expect(api.sentMessages()).toHaveLength(5);

    await running.stop();
    expect(timers.clearTimeout).toHaveBeenCalledTimes(2);
  });
});
