import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UpdateMessage, User } from '../../src/telegram/update-schema';
import { startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
  await bot.setUpUnits();
});
afterEach(() => bot.close());

const MINUTE = 60_000;
const plain = (html: string) => html.replace(/<[^>]+>/g, '');

async function post(from: User, text: string, replyTo?: UpdateMessage) {
  const update = bot.updates.message({ from, chat: chats.pc06, text, ...(replyTo && { replyTo }) });
  const answer = await bot.deliver(update);
  return { message: update.message, answer };
}

describe('/history', () => {
  it("lists the caller's standing entries of this week and last: days, metrics, amounts, notes", async () => {
    await post(users.alice, '/log cccd 120 dkoto 5 hôm qua tại xã Đồng Đăng');
    await post(users.alice, '/log antt 2 20/11');
    const { answer: undone } = await post(users.alice, '/log qua 9');
    await bot.press(users.alice, undone.sent[0]!);
    await post(users.binh, '/log cccd 777');
    const { answer } = await post(users.alice, '/lichsu');

    const text = plain(answer.text);
    expect(text).toContain('Lịch sử ghi của Nguyễn Văn An');
    const thisWeek = text.indexOf('Tuần 23/11/2026–29/11/2026');
    const lastWeek = text.indexOf('Tuần 16/11/2026–22/11/2026');
    expect(thisWeek).toBeGreaterThan(0);
    expect(lastWeek).toBeGreaterThan(thisWeek);
    expect(text).toContain('• 23/11: Cấp mới căn cước công dân 120 thẻ; Đăng ký mới xe ô tô 5 xe · «tại xã Đồng Đăng»');
    expect(text.indexOf('• 20/11:')).toBeGreaterThan(lastWeek);
    // Undone entries and other people's are not listed.
    expect(text).not.toContain('Suất quà');
    expect(text).not.toContain('777');
  });

  it('gives each own /log still in its undo window a button that undoes it and shows the history again', async () => {
    await post(users.alice, '/log antt 2');
    bot.clock.advance(20 * MINUTE);
    await post(users.alice, '/log cccd 3');
    const { answer } = await post(users.alice, '/history');

    const buttons = answer.sent.at(-1)?.reply_markup?.inline_keyboard.flat() ?? [];
    expect(buttons.map((b) => b.text)).toEqual(['↩️ 24/11 cccd 3']);
    const press = await bot.press(users.alice, answer.sent.at(-1)!);

    expect((await bot.standingEntries()).map((e) => e.metric_code)).toEqual(['antt']);
    const edit = press.calls.find((c) => c.method === 'editMessageText');
    expect(plain(String(edit?.payload.text))).toContain('Đã hoàn tác');
    expect(plain(String(edit?.payload.text))).toContain('Lịch sử ghi');
    expect(plain(String(edit?.payload.text))).not.toContain('Cấp mới căn cước công dân 3 thẻ;');
  });

  it('refuses a button whose data names another message, and presses by someone else', async () => {
    await post(users.alice, '/log cccd 3');
    const { answer } = await post(users.alice, '/history');
    const data = answer.sent.at(-1)?.reply_markup?.inline_keyboard[0]?.[0]?.callback_data ?? '';
    const [, updateId] = data.split(':');

    // Bound to the /log's own update instead of the history's: not this message's button.
    const elsewhere = await bot.press(users.alice, answer.sent.at(-1)!, `hist:${updateId}:${updateId}`);
    expect(elsewhere.calls.find((c) => c.method === 'answerCallbackQuery')?.payload.show_alert).toBe(true);
    const stranger = await bot.press(users.binh, answer.sent.at(-1)!);
    expect(stranger.calls.find((c) => c.method === 'answerCallbackQuery')?.payload.show_alert).toBe(true);
    expect(await bot.standingEntries()).toHaveLength(1);
  });

  it("shows a commander an officer's history when he replies to one of their messages, without buttons", async () => {
    await bot.appointCommander(users.binh, chats.pc06);
    await post(users.alice, '/log cccd 3');
    const { message } = await post(users.alice, 'báo cáo');
    const { answer } = await post(users.binh, '/history', message);

    expect(plain(answer.text)).toContain('Lịch sử ghi của Nguyễn Văn An');
    expect(plain(answer.text)).toContain('Cấp mới căn cước công dân 3 thẻ');
    expect(answer.sent.at(-1)?.reply_markup).toBeUndefined();
  });

  it("refuses an officer replying /history to a colleague's message", async () => {
    const { message } = await post(users.binh, 'báo cáo');
    const { answer } = await post(users.alice, '/history', message);

    expect(answer.text).toContain('Chỉ chỉ huy của đơn vị hoặc quản trị viên mới xem được');
  });

  it('works in a private chat and says when there is nothing', async () => {
    const answer = await bot.send(users.chi, chats.private(users.chi), '/history');
    expect(plain(answer.text)).toContain('(chưa có)');
  });
});
