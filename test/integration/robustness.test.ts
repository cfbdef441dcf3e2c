import fc from 'fast-check';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
  await bot.setUpUnits();
});
afterEach(() => bot.close());

describe('malformed and unusual updates', () => {
  it.each([
    ['no update_id', { message: { message_id: 1, date: 1, chat: chats.pc06, text: '/log cccd 1' } }],
    [
      'a chat id that is a string',
      { update_id: 5, message: { message_id: 1, date: 1, chat: { id: 'x', type: 'group' }, text: '/log cccd 1' } },
    ],
    ['a null message', { update_id: 6, message: null }],
    [
      'a text that is a number',
      { update_id: 7, message: { message_id: 1, date: 1, chat: chats.pc06, from: users.alice, text: 42 } },
    ],
  ])('skips an update with %s, sending and storing nothing', async (_label, update) => {
    const answer = await bot.deliver(update);

    expect(answer.calls).toEqual([]);
    expect(await bot.allEntries()).toEqual([]);
  });

  it('tolerates fields it does not know', async () => {
    const update = bot.updates.message({ from: users.alice, chat: chats.pc06, text: '/log cccd 2' });
    const answer = await bot.deliver({
      ...update,
      brand_new_field: { nested: true },
      message: { ...update.message, future_flag: 1, chat: { ...update.message.chat, accent_color_id: 3 } },
    });

    expect(answer.text).toContain('✍ Nguyễn Văn An');
  });

  it('ignores messages from bots, edited messages and channel posts', async () => {
    const fromBot = await bot.send(users.bot, chats.pc06, '/log cccd 5');
    const edited = bot.updates.message({ from: users.alice, chat: chats.pc06, text: '/log cccd 5' });
    const editedAnswer = await bot.deliver({
      update_id: edited.update_id,
      edited_message: { ...edited.message, edit_date: 2 },
    });
    const channel = await bot.deliver(
      bot.updates.raw({
        channel_post: {
          message_id: 1,
          date: 1,
          chat: { id: -100777, type: 'channel', title: 'Tin' },
          text: '/log cccd 5',
        },
      }),
    );

    expect([fromBot.calls, editedAnswer.calls, channel.calls]).toEqual([[], [], []]);
    expect(await bot.allEntries()).toEqual([]);
  });

  it('never crashes on arbitrary JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        await bot.app.handleUpdate(value);
      }),
      { numRuns: 200 },
    );
    expect(await bot.allEntries()).toEqual([]);
  });

  it('never stores anything for arbitrary /log arguments it refuses, and always answers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), async (args) => {
        const before = (await bot.allEntries()).length;
        const answer = await bot.send(users.alice, chats.pc06, `/log ${args}`);
        const stored = (await bot.allEntries()).length - before;
        expect(answer.sent).toHaveLength(1);
        expect(stored === 0 || answer.text.startsWith('✍')).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('failures', () => {
  it('answers with a short generic error when handling fails, stores nothing of it, and the next update works', async () => {
    // A store that breaks half-way through a /log: the entry is written, then the running totals fail.
    await sql`alter table unit_day_totals rename to unit_day_totals_away`.execute(bot.db);
    const failed = await bot.send(users.alice, chats.pc06, '/log cccd 5');
    await sql`alter table unit_day_totals_away rename to unit_day_totals`.execute(bot.db);
    const next = await bot.send(users.alice, chats.pc06, '/me');

    expect(failed.text).toBe('Đã có lỗi xảy ra, vui lòng thử lại sau ít phút.');
    expect(await bot.allEntries()).toEqual([]);
    expect(next.text).toContain('Kết quả của');
  });

  it('answers a /log whose reply cannot be delivered yet once the Bot API is back, never with "try again"', async () => {
    bot.api.failNext('sendMessage', { error_code: 500, description: 'Internal Server Error' }, 6);
    const failed = await bot.send(users.alice, chats.pc06, '/log cccd 4');
    expect(failed.sent).toEqual([]);

    bot.clock.advance(5 * 60_000);
    const later = await bot.app.drain();
    expect(later.sent).toBe(1);
    expect(bot.api.sentMessages(chats.pc06.id).at(-1)?.text).toContain('Cấp mới căn cước công dân <b>4</b> thẻ');
  });

  it('keeps the entry when the confirmation cannot be sent, and a redelivery does not double it', async () => {
    const update = bot.updates.message({ from: users.alice, chat: chats.pc06, text: '/log cccd 9' });
    bot.api.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' }, 6);
    const first = await bot.deliver(update);
    const again = await bot.deliver(update);

    expect((await bot.standingEntries()).map((entry) => entry.amount)).toEqual([9]);
    // No "try again" after the entry was stored: it would invite a second, duplicate entry.
    expect(first.sent).toEqual([]);
    expect(again.calls).toEqual([]);
  });
});
