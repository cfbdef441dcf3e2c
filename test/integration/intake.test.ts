import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app';
import { fixedClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import { FakeBotApi } from '../../src/console/fake-bot-api';
import { createLogger } from '../../src/logger';
import { startTestBot, TEST_BOT_DIALECT, type TestBot, TUESDAY_MORNING } from '../helpers/test-bot';
import { asMessage, chats, createUpdateFactory, users } from '../helpers/updates';
import { createVirtualTime, createWarpTime } from '../helpers/virtual-time';

const silent = createLogger('silent');

/** A bot on its own file, with the clock, Bot API, limits and waits a test chooses. */
async function openApp(file: string, options: { api: FakeBotApi; env?: Record<string, string>; transport?: object }) {
  const loaded = loadConfig({
    BOT_TOKEN: '123456789:TEST_token_for_local_runs_only',
    DATABASE_URL: file,
    ADMIN_IDS: String(users.admin.id),
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  return createApp({
    config: loaded.config,
    clock: fixedClock(TUESDAY_MORNING),
    botApi: options.api,
    logger: silent,
    transport: options.transport ?? createWarpTime(),
  });
}

async function setUp(app: App, api: FakeBotApi) {
  const updates = createUpdateFactory({ now: () => TUESDAY_MORNING, nextMessageId: (id) => api.nextMessageId(id) });
  const send = async (from: (typeof users)[keyof typeof users], chat: (typeof chats)['pc06'], text: string) => {
    const update = updates.message({ from, chat, text });
    api.pushUpdate(update);
    await app.handleUpdate(update);
    return update;
  };
  await send(users.admin, chats.private(users.admin) as never, '/unit add PC06 Phòng PC06');
  await send(users.admin, chats.pc06, '/register PC06');
  return { updates, send };
}

describe('replies are stored with the update', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'thidua-intake-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('confirms a /log stored just before a crash once the bot is back, and a redelivery changes and sends nothing', async () => {
    const file = join(dir, 'bot.sqlite');
    const api = new FakeBotApi({ clock: fixedClock(TUESDAY_MORNING) });
    const first = await openApp(file, { api });
    const { send } = await setUp(first, api);
    const log = await send(users.alice, chats.pc06, '/log cccd 120');
    // The process dies here: committed, nothing sent yet.
    expect(api.sentMessages(chats.pc06.id)).toHaveLength(0);
    await first.connection.close();

    const second = await openApp(file, { api });
    try {
      await second.drain();
      const confirmations = api.sentMessages(chats.pc06.id).map((message) => String(message.text));
      expect(confirmations.filter((text) => text.includes('Cấp mới căn cước công dân <b>120</b> thẻ'))).toHaveLength(1);

      api.pushUpdate(log);
      await second.handleUpdate(log);
      await second.drain();
      const entries = await second.connection.db.selectFrom('tally_entries').selectAll().execute();
      expect(entries).toHaveLength(1);
      expect(api.sentMessages(chats.pc06.id)).toHaveLength(confirmations.length);
    } finally {
      await second.stop();
    }
  });

  it('reacts at once when the group has no budget left, and merges the confirmations that wait', async () => {
    const time = createVirtualTime(TUESDAY_MORNING);
    const api = new FakeBotApi({ clock: fixedClock(TUESDAY_MORNING) });
    const app = await openApp(join(dir, 'bot.sqlite'), {
      api,
      transport: { sleep: time.sleep, now: time.now, limits: { group: { count: 3, windowMs: 60_000 } } },
    });
    try {
      const { send } = await setUp(app, api);
      await time.run(app.drain());
      const people = [users.alice, users.binh, users.chi, users.admin] as const;
      const logs = [];
      // Three replies fit the group's budget (the registration's took one): each its own confirmation.
      for (const person of people.slice(0, 2)) {
        logs.push(await send(person, chats.pc06, '/log cccd 10'));
        await time.run(app.drain());
      }
      const replies = api.sentMessages(chats.pc06.id).length;
      expect(logs.map((log) => api.reactionOn(chats.pc06.id, log.message.message_id))).toEqual([undefined, undefined]);

      // The budget is spent: the next ones are acknowledged by a reaction at once, before any time passes.
      for (const person of people.slice(2)) logs.push(await send(person, chats.pc06, '/log cccd 5'));
      logs.push(await send(users.alice, chats.pc06, '/log dkoto 2'));
      const reactedAt = time.now();
      expect(logs.slice(2).map((log) => api.reactionOn(chats.pc06.id, log.message.message_id))).toEqual([
        undefined,
        undefined,
        undefined,
      ]);
      const when: Record<string, number[]> = {};
      api.onCall((call) => {
        when[call.method] = [...(when[call.method] ?? []), time.now()];
      });
      await time.run(app.drain());
      // The reactions went out at once; the merged message only when the group's window let it.
      expect(when.setMessageReaction).toEqual([reactedAt, reactedAt, reactedAt]);
      expect(when.sendMessage?.[0]).toBeGreaterThan(reactedAt);
      expect(logs.slice(2).map((log) => api.reactionOn(chats.pc06.id, log.message.message_id))).toEqual([
        '✍',
        '✍',
        '✍',
      ]);
      // ...and what waited went out merged, within the budget: fewer messages than entries.
      const after = api
        .sentMessages(chats.pc06.id)
        .slice(replies)
        .map((message) => String(message.text));
      expect(after.length).toBeLessThan(3);
      const merged = after.find((text) => text.includes('gộp lại'));
      expect(merged).toContain('Lê Văn Chí');
      expect(merged).toContain('Đỗ Ngọc Bình');
      console.log(after);
      expect(merged).toContain('Đăng ký mới xe ô tô <b>2</b> xe');
    } finally {
      await app.stop();
    }
  });
});

describe('the edge of intake', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
    await bot.setUpUnits();
  });
  afterEach(() => bot.close());

  it('counts an entry on the day its message was sent, however late it is handled', async () => {
    // Sent Sunday 29/11 at 23:50 in Vietnam, handled on Monday morning after downtime.
    const update = bot.updates.message({ from: users.alice, chat: chats.pc06, text: '/log cccd 3 hôm qua' });
    update.message.date = Math.floor(new Date('2026-11-29T16:50:00Z').getTime() / 1000);
    bot.clock.set(new Date('2026-11-30T02:00:00Z'));
    await bot.deliver(update);

    expect((await bot.standingEntries()).map((entry) => entry.day)).toEqual(['2026-11-28']);
  });

  it('honours undo data only under the confirmation it came with', async () => {
    const logged = await bot.send(users.alice, chats.pc06, '/log cccd 7');
    const updateId = Number(/undo:(\d+)/.exec(JSON.stringify(logged.sent[0]?.reply_markup))?.[1]);
    const other = await bot.send(users.alice, chats.pc06, '/me');
    const crafted = await bot.press(users.alice, other.sent[0]!, `undo:${updateId}`);

    expect(crafted.calls.find((call) => call.method === 'answerCallbackQuery')?.payload).toMatchObject({
      show_alert: true,
    });
    expect(crafted.calls.some((call) => call.method === 'editMessageText')).toBe(false);
    expect(await bot.standingEntries()).toHaveLength(1);

    const real = await bot.press(users.alice, logged.sent[0]!);
    expect(real.calls.some((call) => call.method === 'editMessageText')).toBe(true);
    expect(await bot.standingEntries()).toHaveLength(0);
  });

  it('confirms by reaction only when the group chose it', async () => {
    await bot.appointCommander(users.binh, chats.pc06);
    const chosen = await bot.send(users.binh, chats.pc06, '/caidat xacnhan bieutuong');
    expect(chosen.text).toContain('chỉ thả biểu tượng');
    const logged = await bot.send(users.alice, chats.pc06, '/log cccd 2');

    expect(logged.sent).toEqual([]);
    const reaction = logged.calls.find((call) => call.method === 'setMessageReaction');
    expect(reaction?.payload).toMatchObject({ chat_id: chats.pc06.id, reaction: [{ type: 'emoji', emoji: '✍' }] });
    expect(await bot.standingEntries()).toHaveLength(1);
    expect((await bot.send(users.binh, chats.pc06, '/caidat')).text).toContain('Xác nhận /log: chỉ thả biểu tượng');
  });

  it('answers a 4,090-character /log with a short refusal, and stores nothing', async () => {
    const answer = await bot.send(users.alice, chats.pc06, `/log cccd 5 ${'9'.repeat(4078)}`);

    expect(answer.sent).toHaveLength(1);
    expect(answer.text.length).toBeLessThan(1000);
    expect(await bot.allEntries()).toEqual([]);
  });

  it('lists twelve long nominations in messages that each fit Telegram', async () => {
    for (let i = 0; i < 12; i += 1) {
      const source = bot.updates.message({ from: users.binh, chat: chats.pc06, text: `việc tốt ${i}` });
      await bot.deliver(source);
      bot.clock.advance(24 * 60 * 60 * 1000);
      await bot.send(
        users.alice,
        chats.pc06,
        `/khen Việc số ${i}: ${'giúp dân vượt lũ, đưa người già qua suối an toàn. '.repeat(9)}`,
        {
          replyTo: asMessage(source.message),
        },
      );
    }
    const answer = await bot.send(users.admin, chats.private(users.admin), '/nominations');

    expect(answer.sent.length).toBeGreaterThan(1);
    for (const message of answer.sent) expect(String(message.text).length).toBeLessThanOrEqual(4096);
    expect(
      answer.sent
        .map((message) => message.text)
        .join('\n')
        .match(/Việc số \d+:/g)?.length,
    ).toBe(12);
  });
});

// SQLite's file lock; PostgreSQL has no such thing.
describe.skipIf(TEST_BOT_DIALECT !== 'sqlite')('a locked database', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
    await bot.setUpUnits();
  });
  afterEach(() => bot.close());

  it('keeps the event loop free while another process holds the write lock, then answers', async () => {
    const other = new SqliteDatabase(bot.app.services.config.databaseUrl);
    try {
      other.exec('begin immediate');
      let ticks = 0;
      const ticker = setInterval(() => {
        ticks += 1;
      }, 10);
      setTimeout(() => other.exec('commit'), 500);
      const answer = await bot.send(users.alice, chats.pc08, '/me');
      clearInterval(ticker);

      // busy_timeout's synchronous wait would have frozen the ticker for the whole half second.
      expect(ticks).toBeGreaterThan(20);
      expect(answer.text).toContain('Kết quả của');
    } finally {
      other.close();
    }
  });
});

/** A port nobody listens on, for a server the test starts through the config. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

describe('webhook intake', () => {
  it('takes updates by webhook, counts a redelivered or out-of-order one once, and serves /healthz and /metrics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-webhook-'));
    const api = new FakeBotApi({ clock: fixedClock(TUESDAY_MORNING) });
    const port = await freePort();
    const app = await openApp(join(dir, 'bot.sqlite'), {
      api,
      env: { WEBHOOK_URL: 'https://bot.example.vn/tg/hook', WEBHOOK_SECRET: 'sesame_42', PORT: String(port) },
    });
    try {
      await app.start();
      expect(api.calls.find((call) => call.method === 'setWebhook')?.payload).toMatchObject({
        url: 'https://bot.example.vn/tg/hook',
        secret_token: 'sesame_42',
      });
      const updates = createUpdateFactory({ now: () => TUESDAY_MORNING, nextMessageId: (id) => api.nextMessageId(id) });
      const post = (body: unknown, secret = 'sesame_42') =>
        fetch(`http://127.0.0.1:${port}/tg/hook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
          body: JSON.stringify(body),
        });
      const unit = updates.message({
        from: users.admin,
        chat: chats.private(users.admin),
        text: '/unit add PC06 Phòng PC06',
      });
      const register = updates.message({ from: users.admin, chat: chats.pc06, text: '/register PC06' });
      const first = updates.message({ from: users.alice, chat: chats.pc06, text: '/log cccd 1' });
      const second = updates.message({ from: users.binh, chat: chats.pc06, text: '/log cccd 2' });
      for (const update of [unit, register]) expect((await post(update)).status).toBe(200);
      expect((await post(first, 'wrong')).status).toBe(403);
      // Out of order, then both again.
      for (const update of [second, first, first, second]) expect((await post(update)).status).toBe(200);

      const entries = await app.connection.db.selectFrom('tally_entries').select('amount').orderBy('amount').execute();
      expect(entries.map((entry) => entry.amount)).toEqual([1, 2]);
      const deadline = Date.now() + 5000;
      while ((await app.backlog()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const confirmations = api.sentMessages(chats.pc06.id).filter((m) => String(m.text).includes('căn cước'));
      expect(confirmations).toHaveLength(2);

      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ ok: true, database: 'ok', intake: 'webhook' });
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/thidua_updates_total\{kind="duplicate"\} 2/);
      expect(metrics).toMatch(/thidua_updates_total\{kind="message"\} 4/);
      expect(metrics).toMatch(/thidua_sends_total\{method="sendMessage",outcome="ok"\} [1-9]/);
    } finally {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
