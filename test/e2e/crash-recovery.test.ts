import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import TelegramServer from 'telegram-test-api';
import { afterEach, describe, expect, it } from 'vitest';
import { type BotApiProxy, startBotApiProxy } from '../helpers/bot-api-proxy';
import { exitOf, freePort, until } from '../helpers/processes';

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'src/main.ts');
const TOKEN = '123456789:E2E_token_for_local_runs_only';
const GROUPS = 10;
const LOGS_PER_GROUP = 10;
const ADMIN_ID = 9001;

/** The bot's own process (node with tsx's loader, no wrapper), so SIGKILL reaches it, as a crash would. */
function startBot(env: Record<string, string>, cwd: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
}

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The emulator behind a proxy that honours getUpdates' offset, ten registered groups, and a bot to run. */
async function world() {
  const port = await freePort();
  const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
  await server.start();
  cleanups.push(() => server.stop());
  const proxy: BotApiProxy = await startBotApiProxy({ target: server.config.apiURL });
  cleanups.push(() => proxy.close());
  const dir = mkdtempSync(join(tmpdir(), 'thidua-crash-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'bot.sqlite');
  const env = {
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: proxy.url,
    DATABASE_URL: file,
    ADMIN_IDS: String(ADMIN_ID),
    LOG_LEVEL: 'silent',
    OUTBOX_POLL_MS: '200',
  };
  let bot: ChildProcess | undefined;
  cleanups.push(() => bot?.kill('SIGKILL'));
  const run = () => {
    bot = startBot(env, dir);
    return bot;
  };
  const client = (chat: number, userId: number, name: string) =>
    server.getClient(TOKEN, {
      userId,
      firstName: name,
      chatId: -1_001_000_000_000 - chat,
      type: 'supergroup',
      chatTitle: `Đội ${chat}`,
      timeout: 60_000,
    });
  const admins = Array.from({ length: GROUPS }, (_, g) => client(g, ADMIN_ID, 'Quản trị'));
  const officers = Array.from({ length: GROUPS }, (_, g) => client(g, 2000 + g, `Cán bộ ${g}`));

  /** Confirmations the bot sent, as "chat:message it replies to", with how many times each went out. */
  const confirmed = () => {
    const seen = new Map<string, number>();
    for (const call of proxy.calls('sendMessage')) {
      const payload = call.payload as {
        chat_id?: unknown;
        text?: unknown;
        reply_parameters?: { message_id?: unknown };
      };
      // A /log's confirmation: a reply starting with ✍. (A Monday run also catches up last week's leaderboard,
      // whose "Tuần qua …" line is no confirmation.)
      if (!String(payload.text).startsWith('✍') || payload.reply_parameters?.message_id === undefined) continue;
      const k = `${payload.chat_id}:${payload.reply_parameters?.message_id}`;
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    return seen;
  };
  const entries = () => {
    const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    try {
      return db
        .prepare('select chat_id, message_id, count(*) as n from tally_entries group by chat_id, message_id')
        .all() as {
        chat_id: number;
        message_id: number;
        n: number;
      }[];
    } finally {
      db.close();
    }
  };

  async function setUp() {
    run();
    for (let g = 0; g < GROUPS; g += 1) {
      await admins[g]!.sendCommand(admins[g]!.makeCommand(`/unit add D${g} Đội ${g}`));
      await admins[g]!.sendCommand(admins[g]!.makeCommand(`/register D${g}`));
    }
    await until(
      () =>
        proxy.calls('sendMessage').filter((call) => String((call.payload as { text?: unknown }).text).includes('D'))
          .length >=
        2 * GROUPS,
      30_000,
      'the groups to be registered',
    );
  }

  /** Sends a burst of /log across the groups; `during` runs once half of it is out. */
  async function burst(during: () => Promise<void> | void) {
    let sent = 0;
    for (let n = 0; n < LOGS_PER_GROUP; n += 1) {
      for (let g = 0; g < GROUPS; g += 1) {
        await officers[g]!.sendCommand(officers[g]!.makeCommand(`/log cccd ${n + 1}`));
        sent += 1;
        if (sent === (GROUPS * LOGS_PER_GROUP) / 2) await during();
      }
    }
  }

  return { proxy, run, setUp, burst, confirmed, entries, bot: () => bot! };
}

describe('a bot process killed or starved of its Bot API', () => {
  it('confirms every entry of a burst exactly once after kill -9 and a restart, and counts none twice', async () => {
    const w = await world();
    await w.setUp();
    await w.burst(async () => {
      w.bot().kill('SIGKILL');
      await exitOf(w.bot());
    });
    w.run();
    const total = GROUPS * LOGS_PER_GROUP;
    await until(() => w.confirmed().size >= total, 60_000, 'every entry to be confirmed').catch((error) => {
      const methods = new Map<string, number>();
      for (const call of w.proxy.attempts())
        methods.set(`${call.method}:${call.outcome}`, (methods.get(`${call.method}:${call.outcome}`) ?? 0) + 1);
      console.log('DEBUG', w.confirmed().size, w.entries().length, [...methods]);
      console.log(
        w.proxy
          .calls('sendMessage')
          .slice(-3)
          .map((c) => JSON.stringify(c.payload).slice(0, 300)),
      );
      throw error;
    });

    const rows = w.entries();
    expect(rows).toHaveLength(total);
    expect(rows.every((row) => row.n === 1)).toBe(true);
    // Every stored entry has its confirmation, a reply to the /log it stored.
    const confirmedKeys = new Set(w.confirmed().keys());
    const unconfirmed = rows.filter((row) => !confirmedKeys.has(`${row.chat_id}:${row.message_id}`));
    expect(unconfirmed).toEqual([]);
    // And none answers a message that stored nothing.
    const strays = [...confirmedKeys].filter((k) => !rows.some((row) => `${row.chat_id}:${row.message_id}` === k));
    expect(strays).toEqual([]);
    // Only the window the outbox documents sends twice: a message Telegram accepted just before the kill, not yet
    // marked sent. The sender has at most one message out per chat, so at most one per group.
    const twice = [...w.confirmed().values()].filter((n) => n > 1).length;
    expect(twice).toBeLessThanOrEqual(GROUPS);
    console.log(
      `kill -9 in a burst of ${total}: ${total} entries stored once, ${total} confirmed, ${twice} sent twice`,
    );
  }, 120_000);

  it.each([
    ['answers 500', (proxy: BotApiProxy) => proxy.failWith(500, 30_000)],
    ['hangs', (proxy: BotApiProxy) => proxy.hang(30_000)],
  ])(
    'stores a burst while the Bot API %s for 30 s and confirms every entry once it is back',
    async (_, fault) => {
      // The claims live with the sender lease: a message waiting out the failures is not taken over meanwhile.
      const w = await world();
      await w.setUp();
      const before = Date.now();
      fault(w.proxy);
      await w.burst(() => {});
      const total = GROUPS * LOGS_PER_GROUP;
      // Everything is stored while nothing can be sent.
      await until(() => w.entries().length >= total, 20_000, 'every entry to be stored');
      expect(Date.now() - before).toBeLessThan(30_000);
      await until(() => w.confirmed().size >= total, 90_000, 'every entry to be confirmed');

      expect(w.entries().every((row) => row.n === 1)).toBe(true);
      expect([...w.confirmed().entries()].filter(([, n]) => n > 1)).toEqual([]);
    },
    150_000,
  );
});
