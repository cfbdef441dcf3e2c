import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/texts';
import { parseCommandText, resolveCommandName } from '../../src/kernel/parsing/parse-command';
import type { UpdateMessage, User } from '../../src/telegram/update-schema';
import { startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, commandEntities, users } from '../helpers/updates';
import { readBadInputCorpus } from '../kernel/parsing/bad-input-corpus';

// The whole bad-input corpus through the real bot, in a registered group, as one officer; then the forwarded,
// relayed, other-bot, anonymous and edited variants. Nothing may be stored, and every command of this bot gets a
// clear answer in the chat's language (never the generic error); everything else is ignored, answered by nothing.

const BOT_USERNAME = 'ThiDuaBot';
const corpus = readBadInputCorpus();
const GENERIC_ERROR = t('vi', 'error.generic');
/** A Vietnamese answer has letters only Vietnamese writes (the English catalog has none). */
const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/iu;

let bot: TestBot;

/** Row counts of every table, and the sums that matter; the ledger and the bot's replies are expected to grow. */
async function snapshot(): Promise<Record<string, number>> {
  const tables = (await bot.db.introspection.getTables())
    .filter(({ name }) => !name.startsWith('kysely_'))
    .sort((a, b) => a.name.localeCompare(b.name));
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    if (name === 'processed_updates') continue;
    const filter = name === 'outbox' ? sql`where job <> 'reply'` : sql``;
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)} ${filter}`.execute(bot.db);
    counts[name] = Number(rows[0]?.n);
  }
  const sums = await sql<{ amount: number | null; standing: number; total: number | null; nominations: number }>`
    select (select sum(amount) from tally_entries) as amount,
      (select count(*) from tally_entries where undone_at is null) as standing,
      (select sum(total) from unit_day_totals) as total,
      (select count(*) from nominations where status <> 'pending') as nominations`.execute(bot.db);
  const sum = sums.rows[0]!;
  return {
    ...counts,
    'tally_entries.amount': Number(sum.amount ?? 0),
    'tally_entries.standing': Number(sum.standing),
    'unit_day_totals.total': Number(sum.total ?? 0),
    'nominations.decided': Number(sum.nominations),
  };
}

/** Whether the bot should answer the text at all: a command of this bot (unknown ones in a group are ignored). */
function isOurCommand(text: string): boolean {
  const command = parseCommandText(text, BOT_USERNAME);
  return command !== undefined && resolveCommandName(command.name) !== undefined;
}

function expectClearAnswer(answer: { text: string; sent: unknown[] }, label: string): void {
  expect(answer.sent.length, `${label}: an answer`).toBeGreaterThan(0);
  expect(answer.text, label).not.toBe(GENERIC_ERROR);
  expect(answer.text, `${label}: in Vietnamese`).toMatch(VIETNAMESE);
}

let before: Record<string, number>;

beforeAll(async () => {
  bot = await startTestBot();
  await bot.setUpUnits();
  // Alice has logged before, so /undo and the boards have something they must not touch.
  await bot.send(users.alice, chats.pc06, '/log cccd 5 hôm kia');
  bot.clock.advance(25 * 60 * 60_000);
  before = await snapshot();
}, 20_000);
afterAll(() => bot.close());

describe('the bad-input corpus through the real bot', () => {
  it('answers every command of this bot clearly and ignores the rest, storing nothing', async () => {
    const wrong: string[] = [];
    for (const { line, text } of corpus) {
      const answer = await bot.send(users.alice, chats.pc06, text);
      const label = `line ${line}: ${JSON.stringify(text.slice(0, 50))}`;
      if (isOurCommand(text)) {
        if (answer.sent.length === 0 || answer.text === GENERIC_ERROR || !VIETNAMESE.test(answer.text)) {
          wrong.push(`${label} → ${JSON.stringify(answer.text.slice(0, 80))}`);
        }
      } else if (answer.calls.length > 0) {
        wrong.push(`${label} → answered ${answer.calls.map((call) => call.method).join(', ')}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
  }, 60_000);
});

describe('forwarded, relayed and edited variants', () => {
  const otherBot: User = { id: 5550001, is_bot: true, first_name: 'Other', username: 'OtherBot' };
  const anonymousAdmin: User = { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' };
  // Commands that would store something if they were the sender's own.
  const working = ['/log cccd 120', '/ghi cccd 120 dkoto 5 hôm qua', '/undo', '/hoantac'];

  const variants: [string, (text: string) => object][] = [
    [
      'forwarded from a colleague',
      (text) => withMessage(users.alice, text, { forward_origin: { type: 'user', date: 1, sender_user: users.binh } }),
    ],
    [
      'forwarded from a hidden user',
      (text) =>
        withMessage(users.alice, text, { forward_origin: { type: 'hidden_user', date: 1, sender_user_name: 'A' } }),
    ],
    [
      'forwarded from a channel',
      (text) =>
        withMessage(users.alice, text, {
          forward_origin: {
            type: 'channel',
            date: 1,
            chat: { id: -100777, type: 'channel', title: 'Tin tức' },
            message_id: 9,
          },
        }),
    ],
    ['relayed through another bot', (text) => withMessage(users.alice, text, { via_bot: otherBot })],
    ['sent by another bot', (text) => withMessage(otherBot, text, {})],
    ['sent by an anonymous admin', (text) => withMessage(anonymousAdmin, text, { sender_chat: chats.pc06 })],
  ];

  function withMessage(from: User, text: string, extra: Record<string, unknown>) {
    const update = bot.updates.message({ from, chat: chats.pc06, text });
    return { ...update, message: { ...update.message, ...extra } };
  }

  it.each(variants)('%s: explained, storing nothing', async (_label, build) => {
    for (const text of [...working, '/khen giúp dân làm căn cước gắn chip']) {
      const answer = await bot.deliver(build(text));
      expectClearAnswer(answer, text);
    }
    expect(await snapshot()).toEqual(before);
  });

  it.each(variants)('%s, and not a command of this bot: ignored', async (_label, build) => {
    for (const text of ['xin chào', '/log@OtherBot cccd 5', '/unknown 5']) {
      expect((await bot.deliver(build(text))).calls, text).toEqual([]);
    }
  });

  function edited(message: UpdateMessage, text: string) {
    return bot.updates.raw({
      edited_message: {
        ...message,
        text,
        entities: commandEntities(text),
        edit_date: Math.floor(bot.clock.now().getTime() / 1000),
      },
    });
  }

  it('edits of messages that were not a /log are ignored, even into a /log', async () => {
    for (const original of ['xin chào', '/me', '/top', '/log@OtherBot cccd 5']) {
      const sent = bot.updates.message({ from: users.alice, chat: chats.pc06, text: original });
      await bot.deliver(sent);
      for (const text of ['xin chào các đồng chí', '/top cccd', '/log@OtherBot cccd 7', '/log cccd 5']) {
        expect((await bot.deliver(edited(sent.message, text))).calls, `${original} → ${text}`).toEqual([]);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('edits of refused /logs, even into good ones, are ignored and store nothing', async () => {
    const refused = corpus.filter(({ text }) => /^\/(log|ghi)\s/.test(text)).slice(0, 40);
    for (const { text } of refused) {
      const sent = bot.updates.message({ from: users.alice, chat: chats.pc06, text });
      await bot.deliver(sent);
      expect((await bot.deliver(edited(sent.message, '/log cccd 5'))).calls, text).toEqual([]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('edits of a stored /log into every bad /log of the corpus keep the entry and say why', async () => {
    const { message } = await (async () => {
      const sent = bot.updates.message({ from: users.alice, chat: chats.pc06, text: '/log dkoto 3' });
      await bot.deliver(sent);
      return sent;
    })();
    const stored = await snapshot();
    const bad = corpus.filter(({ text }) => /^\/(log|ghi)\s/.test(text) && isOurCommand(text)).slice(0, 120);
    for (const { text, line } of bad) {
      const answer = await bot.deliver(edited(message, text));
      expectClearAnswer(answer, `line ${line}`);
    }
    expect(await snapshot()).toEqual(stored);
    await bot.send(users.alice, chats.pc06, '/undo');
  }, 30_000);
});
