import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
  await bot.setUpUnits();
});
afterEach(() => bot.close());

describe('/log', () => {
  it('stores the tally and confirms unit, metric, amount, day and the week total, with an undo button', async () => {
    const answer = await bot.send(users.alice, chats.pc06, '/log cccd 1.400');

    expect(answer.text).toContain('Phòng Cảnh sát QLHC về TTXH');
    expect(answer.text).toContain('Cấp mới căn cước công dân 1.400 thẻ');
    expect(answer.text).toContain('24/11/2026');
    expect(answer.sent[0]?.reply_to_message?.message_id).toBeDefined();
    expect(answer.sent[0]?.reply_markup?.inline_keyboard[0]?.[0]?.text).toBe('↩️ Hoàn tác');
    const entries = await bot.standingEntries();
    expect(entries).toMatchObject([{ metric_code: 'cccd', amount: 1400, day: '2026-11-24', user_id: users.alice.id }]);
  });

  it('adds every pair of one message and shows the running total for the week', async () => {
    await bot.send(users.binh, chats.pc06, '/log cccd 100');
    const answer = await bot.send(users.alice, chats.pc06, '/ghi cccd 120 dkoto 5 hôm qua đợt cao điểm');

    expect(answer.text).toContain('23/11/2026');
    expect(answer.text).toContain('«đợt cao điểm»');
    expect(answer.text).toMatch(
      /\nTuần 23\/11–29\/11, Phòng Cảnh sát QLHC về TTXH: Cấp mới căn cước công dân 220 thẻ; Đăng ký mới xe ô tô 5 xe$/,
    );
    // Three lines at most: who, what and which day; the unit's week; the undo button under them.
    expect(answer.text.split('\n')).toHaveLength(2);
    const entries = await bot.standingEntries();
    expect(entries.map((e) => [e.metric_code, e.amount, e.day, e.note])).toEqual([
      ['cccd', 100, '2026-11-24', null],
      ['cccd', 120, '2026-11-23', 'đợt cao điểm'],
      ['dkoto', 5, '2026-11-23', 'đợt cao điểm'],
    ]);
  });

  it('accepts the command addressed to this bot and ignores one addressed to another', async () => {
    await bot.send(users.alice, chats.pc06, '/log@ThiDuaBot cccd 1');
    const other = await bot.send(users.alice, chats.pc06, '/log@OtherBot cccd 2');

    expect(other.calls).toEqual([]);
    expect((await bot.standingEntries()).map((e) => e.amount)).toEqual([1]);
  });

  it.each([
    ['/log', 'Cú pháp: /log chỉ_tiêu số_lượng'],
    ['/log xyz 5', 'Không có chỉ tiêu "xyz"'],
    ['/log cccd', 'Thiếu số lượng cho "cccd"'],
    ['/log cccd abc', '"abc" không phải số lượng hợp lệ'],
    ['/log cccd 1.5', '"1.5" không phải số lượng hợp lệ'],
    ['/log cccd 0', 'Số lượng phải lớn hơn 0'],
    ['/log cccd -3', 'Số lượng phải lớn hơn 0'],
    ['/log cccd 999999', 'vượt mức tối đa 5.000'],
    ['/log cccd 1 cccd 2', 'xuất hiện hai lần'],
    ['/log cccd 5 25/12/2026', 'vì ngày đó chưa đến'],
    ['/log cccd 5 01/11/2026', 'đã quá 7 ngày'],
    ['/log cccd 5 31/02/2026', 'không hợp lệ'],
  ])('refuses %j with a clear reply and stores nothing', async (text, expected) => {
    const answer = await bot.send(users.alice, chats.pc06, text);

    expect(answer.sent).toHaveLength(1);
    expect(answer.text).toContain(expected);
    expect(await bot.allEntries()).toEqual([]);
  });

  it('answers in English in a chat switched to English', async () => {
    await bot.send(users.admin, chats.pc06, '/lang en');
    const bad = await bot.send(users.alice, chats.pc06, '/log cccd abc');
    const good = await bot.send(users.alice, chats.pc06, '/log cccd 1400');

    expect(bad.text).toContain('"abc" is not a valid amount');
    expect(good.text).toContain('New citizen ID cards issued 1,400 cards');
  });

  it('explains what to do in an unregistered group and in a private chat, storing nothing', async () => {
    const stranger = { id: -1009999, type: 'supergroup' as const, title: 'Nhóm lạ' };
    const unregistered = await bot.send(users.alice, stranger, '/log cccd 5');
    const inPrivate = await bot.send(users.alice, chats.private(users.alice), '/log cccd 5');

    expect(unregistered.text).toContain('/register');
    expect(inPrivate.text).toContain('nhóm của đơn vị');
    expect(await bot.allEntries()).toEqual([]);
  });

  it('changes nothing when Telegram delivers the same update twice', async () => {
    const update = bot.updates.message({ from: users.alice, chat: chats.pc06, text: '/log cccd 7' });
    const first = await bot.deliver(update);
    const again = await bot.deliver(update);

    expect(first.sent).toHaveLength(1);
    expect(again.calls).toEqual([]);
    expect((await bot.allEntries()).map((e) => e.amount)).toEqual([7]);
  });

  it('counts the day in Vietnam time: Sunday 23:59:59 and Monday 00:00 fall in different weeks', async () => {
    bot.clock.set(new Date('2026-11-29T16:59:59Z'));
    const sunday = await bot.send(users.alice, chats.pc06, '/log cccd 1');
    bot.clock.set(new Date('2026-11-29T17:00:00Z'));
    const monday = await bot.send(users.alice, chats.pc06, '/log cccd 2');

    expect(sunday.text).toContain('29/11/2026');
    expect(sunday.text).toContain('Tuần 23/11–29/11');
    expect(monday.text).toContain('30/11/2026');
    expect(monday.text).toMatch(/Tuần 30\/11–06\/12, Phòng Cảnh sát QLHC về TTXH: Cấp mới căn cước công dân 2 thẻ/);
  });

  it('ignores unknown commands in groups and explains them in private', async () => {
    const inGroup = await bot.send(users.alice, chats.pc06, '/weather');
    const inPrivate = await bot.send(users.alice, chats.private(users.alice), '/weather');

    expect(inGroup.calls).toEqual([]);
    expect(inPrivate.text).toContain('/help');
  });

  it('answers in the forum topic the command came from', async () => {
    const answer = await bot.send(users.alice, chats.pc08, '/log dkoto 3', { threadId: 42 });

    expect(answer.calls[0]?.payload.message_thread_id).toBe(42);
  });
});
