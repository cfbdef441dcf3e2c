import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UpdateMessage, User } from '../../src/telegram/update-schema';
import { startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, commandEntities, users } from '../helpers/updates';

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
  await bot.setUpUnits();
});
afterEach(() => bot.close());

const MINUTE = 60_000;

/** Sends a message and returns it with what the bot answered. */
async function post(from: User, text: string, replyTo?: UpdateMessage) {
  const update = bot.updates.message({ from, chat: chats.pc06, text, ...(replyTo && { replyTo }) });
  const answer = await bot.deliver(update);
  return { message: update.message, answer };
}

/** The edited_message update Telegram sends when `message` is edited to `text` now. */
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

/** An HTML payload's text as the reader sees it. */
const plain = (html: unknown) => String(html).replace(/<[^>]+>/g, '');

const weekTotals = () =>
  bot.db.selectFrom('unit_day_totals').select(['metric_code', 'day', 'total']).orderBy('metric_code').execute();

describe('editing a /log', () => {
  it('replaces its entries with the edited ones, as a new record, and edits the confirmation', async () => {
    const { message, answer } = await post(users.alice, '/log cccd 120 dkoto 5');
    const confirmation = answer.sent[0]!;
    bot.clock.advance(2 * MINUTE);
    const edit = await bot.deliver(edited(message, '/log cccd 12 hôm qua sửa lại'));

    const all = await bot.allEntries();
    expect(all.map((e) => [e.metric_code, e.amount, e.day, e.undone_at !== null, e.note])).toEqual([
      ['cccd', 120, '2026-11-24', true, null],
      ['dkoto', 5, '2026-11-24', true, null],
      ['cccd', 12, '2026-11-23', false, 'sửa lại'],
    ]);
    expect(all[0]?.undone_by).toBe(users.alice.id);
    // Same update and message as the original: the confirmation's undo button and a reply to it still find them.
    expect(new Set(all.map((e) => `${e.update_id}/${e.message_id}`)).size).toBe(1);
    expect(await weekTotals()).toEqual(
      expect.arrayContaining([
        { metric_code: 'cccd', day: '2026-11-24', total: 0 },
        { metric_code: 'cccd', day: '2026-11-23', total: 12 },
        { metric_code: 'dkoto', day: '2026-11-24', total: 0 },
      ]),
    );
    const call = edit.calls.find((c) => c.method === 'editMessageText');
    expect(call?.payload).toMatchObject({ message_id: confirmation.message_id });
    const text = plain(call?.payload.text);
    expect(text).toContain('Đã sửa');
    expect(text).toContain('Cấp mới căn cước công dân 12 thẻ · 23/11/2026 · «sửa lại»');
    expect(edit.sent).toEqual([]);

    // The button under the corrected confirmation undoes the corrected entries.
    const press = await bot.press(users.alice, confirmation);
    expect(press.calls.some((c) => c.method === 'editMessageText')).toBe(true);
    expect(await bot.standingEntries()).toEqual([]);
  });

  it('answers the edited message instead when the confirmation cannot be edited, its button bound to the answer', async () => {
    const { message } = await post(users.alice, '/log cccd 120');
    // As if the confirmation had never gone out (a chat short of budget, say).
    await bot.db.updateTable('outbox').set({ status: 'failed', telegram_message_id: null }).execute();
    const edit = await bot.deliver(edited(message, '/log cccd 12'));

    expect(edit.calls.some((c) => c.method === 'editMessageText')).toBe(false);
    expect(plain(edit.text)).toContain('Cấp mới căn cước công dân 12 thẻ');
    expect(edit.sent[0]?.reply_to_message?.message_id).toBe(message.message_id);
    const data = edit.sent[0]?.reply_markup?.inline_keyboard[0]?.[0]?.callback_data;
    expect(data).toMatch(/^undo:\d+:\d+$/);
    await bot.press(users.alice, edit.sent[0]!);
    expect(await bot.standingEntries()).toEqual([]);
  });

  it('changes nothing and says nothing when edited again with the same content', async () => {
    const { message } = await post(users.alice, '/log cccd 120 dkoto 5');
    await bot.deliver(edited(message, '/log cccd 100'));
    const before = await bot.allEntries();
    const again = await bot.deliver(edited(message, '/log  cccd 100'));

    expect(again.calls).toEqual([]);
    expect(await bot.allEntries()).toEqual(before);
  });

  it('keeps the entries and says why when the edit no longer parses', async () => {
    const { message } = await post(users.alice, '/log cccd 120');
    const edit = await bot.deliver(edited(message, '/log cccd 12O'));

    expect(edit.text).toContain('kết quả vẫn giữ như cũ');
    expect(edit.text).toContain('"12O" không phải số lượng hợp lệ');
    expect(edit.sent[0]?.reply_to_message?.message_id).toBe(message.message_id);
    expect((await bot.standingEntries()).map((e) => e.amount)).toEqual([120]);
  });

  it('keeps the entries when the edit names a retired metric', async () => {
    const { message } = await post(users.alice, '/log cccd 120');
    await bot.send(users.admin, chats.private(users.admin), '/metric retire qua');
    const edit = await bot.deliver(edited(message, '/log qua 3'));

    expect(edit.text).toContain('kết quả vẫn giữ như cũ');
    expect(edit.text).toContain('đã ngừng theo dõi');
    expect((await bot.standingEntries()).map((e) => e.metric_code)).toEqual(['cccd']);
  });

  it('keeps the entries when the edit is no longer a /log', async () => {
    const { message } = await post(users.alice, '/log cccd 120');
    const edit = await bot.deliver(edited(message, 'cảm ơn các đồng chí'));

    expect(edit.text).toContain('không còn là lệnh /log');
    expect((await bot.standingEntries()).map((e) => e.amount)).toEqual([120]);
  });

  it('says the entry can no longer be edited after the undo window', async () => {
    const { message } = await post(users.alice, '/log cccd 120');
    bot.clock.advance(16 * MINUTE);
    const edit = await bot.deliver(edited(message, '/log cccd 12'));

    expect(edit.text).toContain('đã quá 15 phút');
    expect((await bot.standingEntries()).map((e) => e.amount)).toEqual([120]);
  });

  it('does not extend the window: a second edit counts from the /log itself', async () => {
    const { message } = await post(users.alice, '/log cccd 120');
    bot.clock.advance(10 * MINUTE);
    await bot.deliver(edited(message, '/log cccd 12'));
    bot.clock.advance(6 * MINUTE);
    const late = await bot.deliver(edited(message, '/log cccd 13'));

    expect(late.text).toContain('đã quá 15 phút');
    expect((await bot.standingEntries()).map((e) => e.amount)).toEqual([12]);
  });

  it('ignores edits of messages that stored nothing: not a /log, or a refused one', async () => {
    const { message: hello } = await post(users.alice, 'xin chào');
    const { message: me } = await post(users.alice, '/me');
    const { message: refused } = await post(users.alice, '/log cccd');

    expect((await bot.deliver(edited(hello, 'xin chào các đồng chí'))).calls).toEqual([]);
    expect((await bot.deliver(edited(me, '/top'))).calls).toEqual([]);
    expect((await bot.deliver(edited(hello, '/log cccd 5'))).calls).toEqual([]);
    expect((await bot.deliver(edited(refused, '/log cccd 5'))).calls).toEqual([]);
    expect(await bot.allEntries()).toEqual([]);
  });

  it('does not bring back an undone /log', async () => {
    const { message, answer } = await post(users.alice, '/log cccd 120');
    await bot.press(users.alice, answer.sent[0]!);
    const edit = await bot.deliver(edited(message, '/log cccd 12'));

    expect(edit.text).toContain('đã được hoàn tác');
    expect(await bot.standingEntries()).toEqual([]);
  });

  it('changes nothing when Telegram delivers the same edit twice', async () => {
    const { message } = await post(users.alice, '/log cccd 120');
    const update = edited(message, '/log cccd 12');
    await bot.deliver(update);
    const again = await bot.deliver(update);

    expect(again.calls).toEqual([]);
    expect((await bot.allEntries()).map((e) => [e.amount, e.undone_at !== null])).toEqual([
      [120, true],
      [12, false],
    ]);
  });
});

describe('a commander logging for someone else', () => {
  beforeEach(() => bot.appointCommander(users.binh, chats.pc06));

  it('counts the entry for the replied-to author and records who entered it', async () => {
    const { message: report } = await post(users.alice, 'em xong 7 hồ sơ tuần trước');
    const { answer } = await post(users.binh, '/log cccd 7 10/11', report);

    expect(await bot.standingEntries()).toMatchObject([
      { user_id: users.alice.id, entered_by: users.binh.id, day: '2026-11-10', amount: 7 },
    ]);
    expect(answer.text).toContain('Nguyễn Văn An');
    expect(answer.text).toContain('Người nhập: Trần Thị Bình');
  });

  it("leaves entered_by empty for one's own /log", async () => {
    await post(users.binh, '/log cccd 7');
    expect(await bot.standingEntries()).toMatchObject([{ user_id: users.binh.id, entered_by: null }]);
  });

  it("refuses an officer's reply-/log for a colleague, storing nothing", async () => {
    const { message: report } = await post(users.binh, 'xong');
    const { answer } = await post(users.alice, '/log cccd 7', report);

    expect(answer.text).toContain('Chỉ chỉ huy của đơn vị hoặc quản trị viên mới được ghi thay');
    expect(await bot.allEntries()).toEqual([]);
  });

  it("logs for the officer himself when he replies /log to the bot's message", async () => {
    const { answer } = await post(users.alice, '/log cccd 1');
    const confirmation = answer.sent[0]!;
    const reply = bot.updates.message({
      from: users.alice,
      chat: chats.pc06,
      text: '/log cccd 2',
      replyTo: confirmation,
    });
    await bot.deliver(reply);

    expect((await bot.standingEntries()).map((e) => [e.user_id, e.amount])).toEqual([
      [users.alice.id, 1],
      [users.alice.id, 2],
    ]);
  });

  it('lets the commander undo what he entered with the button and with /undo, not the officer', async () => {
    const { message: report } = await post(users.alice, 'xong');
    const { answer } = await post(users.binh, '/log cccd 7', report);
    const officerPress = await bot.press(users.alice, answer.sent[0]!);
    expect(officerPress.calls.find((c) => c.method === 'answerCallbackQuery')?.payload.show_alert).toBe(true);
    expect(await bot.standingEntries()).toHaveLength(1);

    const undo = await post(users.binh, '/undo');
    expect(undo.answer.text).toContain('Đã hoàn tác');
    expect(await bot.standingEntries()).toEqual([]);
  });

  it('corrects a log-for-another by editing, keeping whom it counts for', async () => {
    const { message: report } = await post(users.alice, 'xong');
    const { message } = await post(users.binh, '/log cccd 7', report);
    const edit = await bot.deliver(edited(message, '/log cccd 8'));

    expect(await bot.standingEntries()).toMatchObject([
      { user_id: users.alice.id, entered_by: users.binh.id, amount: 8 },
    ]);
    const text = plain(edit.calls.find((c) => c.method === 'editMessageText')?.payload.text);
    expect(text).toContain('Nguyễn Văn An');
    expect(text).toContain('Người nhập: Trần Thị Bình');
  });
});

describe('forwarded and relayed commands', () => {
  const GROUP_ANONYMOUS_BOT: User = {
    id: 1087968824,
    is_bot: true,
    first_name: 'Group',
    username: 'GroupAnonymousBot',
  };
  const otherBot: User = { id: 5550001, is_bot: true, first_name: 'Other', username: 'OtherBot' };

  const relayed = (text: string, extra: Record<string, unknown>, from: User = users.alice) => {
    const update = bot.updates.message({ from, chat: chats.pc06, text });
    return { ...update, message: { ...update.message, ...extra } };
  };

  it.each([
    ['/log cccd 120', { forward_origin: { type: 'user', date: 1, sender_user: users.binh } }, 'chuyển tiếp'],
    [
      '/khen giúp dân làm căn cước',
      { forward_origin: { type: 'hidden_user', date: 1, sender_user_name: 'X' } },
      'chuyển tiếp',
    ],
    ['/undo', { forward_origin: { type: 'user', date: 1, sender_user: users.alice } }, 'chuyển tiếp'],
    ['/log cccd 120', { via_bot: { id: 5550001, is_bot: true, first_name: 'Other' } }, 'qua một bot khác'],
  ])('%s with %j is explained and stores nothing', async (text, extra, expected) => {
    const answer = await bot.deliver(relayed(text, extra));

    expect(answer.text).toContain(expected);
    expect(await bot.allEntries()).toEqual([]);
  });

  it('answers a command sent by a bot without acting on it', async () => {
    const answer = await bot.deliver(relayed('/log cccd 120', {}, otherBot));
    expect(answer.text).toContain('không nhận lệnh từ một bot khác');
    expect(await bot.allEntries()).toEqual([]);
  });

  it('tells an anonymous admin to post as themselves', async () => {
    const answer = await bot.deliver(relayed('/log cccd 120', { sender_chat: chats.pc06 }, GROUP_ANONYMOUS_BOT));
    expect(answer.text).toContain('ẩn danh');
    expect(await bot.allEntries()).toEqual([]);
  });

  it('ignores forwarded ordinary messages and commands to other bots', async () => {
    const forward = { forward_origin: { type: 'user', date: 1, sender_user: users.binh } };
    expect((await bot.deliver(relayed('xin chào', forward))).calls).toEqual([]);
    expect((await bot.deliver(relayed('/log@OtherBot cccd 1', forward))).calls).toEqual([]);
  });

  it('an unknown kind of forward origin still counts as forwarded', async () => {
    const answer = await bot.deliver(relayed('/log cccd 1', { forward_origin: { type: 'future_kind', date: 1 } }));
    expect(answer.text).toContain('chuyển tiếp');
    expect(await bot.allEntries()).toEqual([]);
  });
});
