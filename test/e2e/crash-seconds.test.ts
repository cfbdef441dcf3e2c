import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import TelegramServer from 'telegram-test-api';
import { afterEach, describe, expect, it } from 'vitest';
import { startBotApiProxy } from '../helpers/bot-api-proxy';
import { exitOf, freePort, until } from '../helpers/processes';

const ROOT = resolve(import.meta.dirname, '../..');
/** What `npm start` runs: the bundle, built first when stale, in this very process (so SIGKILL reaches the bot). */
const START = join(ROOT, 'scripts/start.mjs');
const TOKEN = '123456789:E2E_token_for_local_runs_only';
const GROUPS = 3;
const LOGS_PER_GROUP = 30;
const ADMIN_ID = 9001;
/** Issue 15's bound: after a restart, every stored /log is acknowledged within this. */
const ACK_WITHIN_MS = 20_000;

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Payload = { chat_id?: unknown; text?: unknown; message_id?: unknown; reply_parameters?: { message_id?: unknown } };

describe('npm start, killed with -9 in the middle of a /log burst', () => {
  it('acknowledges every stored /log within 20 s of the restart, one double per group at most, and answers meanwhile', async () => {
    const port = await freePort();
    const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
    await server.start();
    cleanups.push(() => server.stop());
    const proxy = await startBotApiProxy({ target: server.config.apiURL });
    cleanups.push(() => proxy.close());
    const dir = mkdtempSync(join(tmpdir(), 'thidua-crash-seconds-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'bot.sqlite');
    // Defaults everywhere (OUTBOX_POLL_MS included): the bound is the product's, not a tuned test's.
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: proxy.url,
      DATABASE_URL: file,
      ADMIN_IDS: String(ADMIN_ID),
      LOG_LEVEL: 'silent',
    };
    let bot: ChildProcess | undefined;
    cleanups.push(() => bot?.kill('SIGKILL'));
    const start = () => {
      bot = spawn(process.execPath, [START], { cwd: dir, env, stdio: ['ignore', 'ignore', 'inherit'] });
      return bot;
    };
    const client = (g: number, userId: number, name: string) =>
      server.getClient(TOKEN, {
        userId,
        firstName: name,
        chatId: -1_001_000_000_000 - g,
        type: 'supergroup',
        chatTitle: `Đội ${g}`,
        timeout: 60_000,
      });
    const groups = Array.from({ length: GROUPS }, (_, g) => ({
      chatId: -1_001_000_000_000 - g,
      admin: client(g, ADMIN_ID, 'Quản trị'),
      officer: client(g, 2000 + g, `Cán bộ ${g}`),
    }));

    const sent = () => proxy.calls('sendMessage').map((call) => call.payload as Payload);
    const reacted = () => proxy.calls('setMessageReaction').map((call) => call.payload as Payload);
    /** Each stored /log (chat, message, amount): read from the store, as the officer's entry. */
    const stored = () => {
      const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
      try {
        return db.prepare('select chat_id, message_id, amount from tally_entries').all() as {
          chat_id: number;
          message_id: number;
          amount: number;
        }[];
      } finally {
        db.close();
      }
    };
    /** A /log is acknowledged by its own confirmation, by the ✍ reaction on it, or by its line in a merged one. */
    const unacknowledged = () => {
      const messages = sent();
      const replies = new Set(messages.map((m) => `${m.chat_id}:${m.reply_parameters?.message_id}`));
      const reactions = new Set(reacted().map((r) => `${r.chat_id}:${r.message_id}`));
      const merged = messages.filter((m) => String(m.text).startsWith('✍'));
      return stored().filter(
        (entry) =>
          !replies.has(`${entry.chat_id}:${entry.message_id}`) &&
          !reactions.has(`${entry.chat_id}:${entry.message_id}`) &&
          !merged.some((m) => m.chat_id === entry.chat_id && String(m.text).includes(`<b>${entry.amount}</b> `)),
      );
    };
    const acknowledgements = () => sent().length + reacted().length;

    start();
    for (const [g, group] of groups.entries()) {
      await group.admin.sendCommand(group.admin.makeCommand(`/unit add D${g} Đội ${g}`));
      await group.admin.sendCommand(group.admin.makeCommand(`/register D${g}`));
    }
    await until(
      () => sent().filter((m) => String(m.text).includes('D')).length >= 2 * GROUPS,
      60_000,
      'the groups to be registered (the first start builds dist/)',
    );
    const beforeBurst = acknowledgements();

    // Each officer logs 1, 2, … 30 cards: the amount names the /log in a merged confirmation.
    const logs = Array.from({ length: LOGS_PER_GROUP }, (_, n) => groups.map((group) => ({ group, amount: n + 1 })))
      .flat()
      .map(
        ({ group, amount }) =>
          () =>
            group.officer.sendCommand(group.officer.makeCommand(`/log cccd ${amount}`)),
      );
    const half = logs.length / 2;
    for (const log of logs.slice(0, half)) await log();
    // Killed while it is answering: some acknowledgements out, others queued or on their way.
    await until(() => acknowledgements() >= beforeBurst + 10, 30_000, 'the first acknowledgements');
    bot!.kill('SIGKILL');
    await exitOf(bot!);
    const restartedAt = Date.now();
    start();
    for (const log of logs.slice(half)) await log();
    // A new command in each group after the restart: answered within the bound too, not after the old claims.
    for (const group of groups) await group.officer.sendCommand(group.officer.makeCommand('/top'));

    const answeredTop = () =>
      groups.every((group) =>
        sent().some((m) => m.chat_id === group.chatId && String(m.text).includes('Bảng xếp hạng')),
      );
    await until(
      () => stored().length === logs.length && unacknowledged().length === 0 && answeredTop(),
      ACK_WITHIN_MS - (Date.now() - restartedAt),
      'every stored /log acknowledged and /top answered',
    ).catch((error: unknown) => {
      console.log('stored', stored().length, 'unacknowledged', unacknowledged().length, 'top', answeredTop());
      throw error;
    });
    const acknowledgedAfterMs = Date.now() - restartedAt;

    expect(stored()).toHaveLength(logs.length);
    // A double is a message sent twice to a group: the one per chat that was on its way when the process died.
    for (const group of groups) {
      const texts = new Map<string, number>();
      for (const m of sent().filter((each) => each.chat_id === group.chatId))
        texts.set(String(m.text), (texts.get(String(m.text)) ?? 0) + 1);
      expect([...texts.values()].filter((count) => count > 1).length).toBeLessThanOrEqual(1);
    }
    console.log(
      `kill -9 mid-burst of ${logs.length} /log over ${GROUPS} groups: all acknowledged and /top answered ${acknowledgedAfterMs} ms after the restart`,
    );
  }, 150_000);
});
