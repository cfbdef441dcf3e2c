import { createApp } from '../../src/app';
import { fixedClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import { FakeBotApi } from '../../src/console/fake-bot-api';
import type { Renderers } from '../../src/files/renderers';
import { createLogger, type Logger } from '../../src/logger';
import type { Dialect } from '../../src/storage/connect';
import type { Message, NonChannelChat, User } from '../../src/telegram/update-schema';
import { borrowMigratedStore } from './dialects';
import { asMessage, chats, createUpdateFactory, users } from './updates';
import { createWarpTime } from './virtual-time';

/** Tuesday 24/11/2026 09:00 in Vietnam. */
export const TUESDAY_MORNING = new Date('2026-11-24T02:00:00Z');

/**
 * The dialect a test bot runs on unless told: TEST_BOT_DIALECT (the PostgreSQL project of vitest.config.ts sets it
 * to run the bot suite again on PostgreSQL), else SQLite.
 */
export const TEST_BOT_DIALECT: Dialect = process.env.TEST_BOT_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

/** What the bot did in answer to one update. */
export interface Answer {
  /** Messages the bot sent, as Telegram stored them. */
  readonly sent: Message[];
  /** Every Bot API call it made. */
  readonly calls: { method: string; payload: Record<string, unknown> }[];
  /** The text of the first message sent, or '' when nothing was sent. */
  readonly text: string;
}

/**
 * The real bot on a fresh store of the dialect (a SQLite file by default, or a schema of its own on the test
 * PostgreSQL server), talking to a recording fake Bot API, with a fixed clock.
 * Admin is users.admin; tests drive it through bot.handleUpdate.
 */
export async function startTestBot(
  options: {
    env?: Record<string, string>;
    now?: Date;
    dialect?: Dialect;
    /** Another bot's store (its `url`): a second process on the same database, which it leaves in place. */
    databaseUrl?: string;
    /** Where this bot's update ids start (a second bot on one database takes other ids). */
    firstUpdateId?: number;
    /** The app's logger (tests that read the log); silent by default. */
    logger?: Logger;
    /** The renderers the sender draws with (tests that hold a render back); src/files/'s by default. */
    renderers?: Renderers;
    /** The built web app the bot serves under /app/ (with PUBLIC_URL set); dist/app/ by default. */
    webAppDir?: string;
  } = {},
) {
  // A migrated file or schema; the app opens its own connection to it (and finds nothing left to migrate).
  const store = options.databaseUrl
    ? { url: options.databaseUrl, dialect: options.dialect ?? TEST_BOT_DIALECT, dispose: async () => {} }
    : await borrowMigratedStore(options.dialect ?? TEST_BOT_DIALECT);
  const clock = fixedClock(options.now ?? TUESDAY_MORNING);
  const api = new FakeBotApi({ clock });
  const loaded = loadConfig({
    BOT_TOKEN: '123456789:TEST_token_for_local_runs_only',
    DATABASE_URL: store.url,
    ADMIN_IDS: String(users.admin.id),
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const app = await createApp({
    config: loaded.config,
    clock,
    botApi: api,
    logger: options.logger ?? createLogger('silent'),
    transport: createWarpTime(),
    ...(options.renderers && { renderers: options.renderers }),
    ...(options.webAppDir && { webAppDir: options.webAppDir }),
  }).catch(async (error: unknown) => {
    await store.dispose();
    throw error;
  });
  const updates = createUpdateFactory({
    now: () => clock.now(),
    nextMessageId: (chatId) => api.nextMessageId(chatId),
    ...(options.firstUpdateId !== undefined && { firstUpdateId: options.firstUpdateId }),
  });
  const db = app.connection.db;

  async function deliver(update: object): Promise<Answer> {
    const calls: Answer['calls'] = [];
    const sent: Message[] = [];
    const unsubscribe = api.onCall((call, outcome) => {
      calls.push({ method: call.method, payload: call.payload });
      if (call.method === 'sendMessage' && outcome.ok) sent.push(asMessage(outcome.result));
    });
    try {
      api.pushUpdate(update);
      await app.handleUpdate(update);
      // The sender's work, as it would do it once woken: everything the update answered with.
      await app.drain();
    } finally {
      unsubscribe();
    }
    return { sent, calls, text: sent[0]?.text ?? '' };
  }

  return {
    app,
    dialect: store.dialect,
    /** This bot's DATABASE_URL, for a second bot on the same database. */
    url: store.url,
    api,
    clock,
    db,
    updates,
    /** Sends a text message from `from` in `chat` and returns what the bot answered. */
    send(
      from: User,
      chatOrPrivate: NonChannelChat,
      text: string,
      extra: { replyTo?: Message; threadId?: number } = {},
    ): Promise<Answer> {
      return deliver(updates.message({ from, chat: chatOrPrivate, text, ...extra }));
    },
    /** Presses an inline button under `message`. */
    press(from: User, message: Message, data?: string): Promise<Answer> {
      const button = message.reply_markup?.inline_keyboard[0]?.[0]?.callback_data;
      return deliver(updates.callback({ from, message, data: data ?? button ?? '' }));
    },
    deliver,
    /** Units CAT (province) → PC06, PC08 → PC08-DK (team); groups pc06 → PC06, pc08 → PC08, province → CAT. */
    async setUpUnits(): Promise<void> {
      for (const line of [
        '/unit add CAT Công an tỉnh Lạng Sơn',
        '/unit add PC06 Phòng Cảnh sát QLHC về TTXH parent=CAT',
        '/unit add PC08 Phòng Cảnh sát Giao thông parent=CAT',
        '/unit add PC08-DK Đội Đăng ký xe parent=PC08',
      ]) {
        await deliver(updates.message({ from: users.admin, chat: chats.private(users.admin), text: line }));
      }
      await deliver(updates.message({ from: users.admin, chat: chats.pc06, text: '/register PC06' }));
      await deliver(updates.message({ from: users.admin, chat: chats.pc08, text: '/register PC08' }));
      await deliver(updates.message({ from: users.admin, chat: chats.province, text: '/register CAT' }));
      api.clear();
    },
    /** Makes `user` a commander of the unit bound to `group`, as an admin would: by replying /role commander. */
    async appointCommander(user: User, group: NonChannelChat): Promise<void> {
      const hello = updates.message({ from: user, chat: group, text: 'xin chào' });
      await deliver(hello);
      const answer = await deliver(
        updates.message({ from: users.admin, chat: group, text: '/role commander', replyTo: hello.message }),
      );
      if (!answer.text.includes('chỉ huy')) throw new Error(`could not appoint: ${answer.text}`);
    },
    /** Standing (not undone) entries, oldest first. */
    standingEntries() {
      return db.selectFrom('tally_entries').selectAll().where('undone_at', 'is', null).orderBy('id').execute();
    },
    allEntries() {
      return db.selectFrom('tally_entries').selectAll().orderBy('id').execute();
    },
    async close(): Promise<void> {
      await app.stop();
      api.close();
      await store.dispose();
    },
  };
}

export type TestBot = Awaited<ReturnType<typeof startTestBot>>;
