import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
  await bot.setUpUnits();
});
afterEach(() => bot.close());

const MINUTE = 60_000;

describe('the undo button', () => {
  it('undoes every pair of the /log for its author and edits the confirmation', async () => {
    const logged = await bot.send(users.alice, chats.pc06, '/log cccd 120 dkoto 5');
    const press = await bot.press(users.alice, logged.sent[0]!);

    expect(await bot.standingEntries()).toEqual([]);
    const edit = press.calls.find((call) => call.method === 'editMessageText');
    expect(edit?.payload.text).toContain('Đã hoàn tác');
    expect(press.calls.find((call) => call.method === 'answerCallbackQuery')?.payload.show_alert).toBeUndefined();
  });

  it('refuses anyone but the author with an alert, changing nothing', async () => {
    const logged = await bot.send(users.alice, chats.pc06, '/log cccd 120');
    const press = await bot.press(users.binh, logged.sent[0]!);

    const answer = press.calls.find((call) => call.method === 'answerCallbackQuery');
    expect(answer?.payload).toMatchObject({ show_alert: true, text: 'Chỉ người ghi mới được hoàn tác bằng nút này.' });
    expect(await bot.standingEntries()).toHaveLength(1);
  });

  it('expires after UNDO_BUTTON_MINUTES', async () => {
    const logged = await bot.send(users.alice, chats.pc06, '/log cccd 120');
    bot.clock.advance(16 * MINUTE);
    const press = await bot.press(users.alice, logged.sent[0]!);

    expect(press.calls.find((call) => call.method === 'answerCallbackQuery')?.payload.text).toContain('hết hạn');
    expect(await bot.standingEntries()).toHaveLength(1);
  });

  it('undoes once when pressed twice', async () => {
    const logged = await bot.send(users.alice, chats.pc06, '/log cccd 120');
    await bot.press(users.alice, logged.sent[0]!);
    const second = await bot.press(users.alice, logged.sent[0]!);

    // The first press took the button away with the confirmation's edit: the second is no longer honoured.
    expect(second.calls.find((call) => call.method === 'answerCallbackQuery')?.payload.text).toContain(
      'không còn hiệu lực',
    );
    expect((await bot.allEntries()).filter((entry) => entry.undone_at !== null)).toHaveLength(1);
  });

  it.each(['undo:', 'undo:abc', 'undo:999999', 'undo:1e3', 'undo:-1', 'nonsense', ''])(
    'answers a stale or tampered payload %j without changing anything',
    async (data) => {
      const logged = await bot.send(users.alice, chats.pc06, '/log cccd 120');
      const press = await bot.press(users.alice, logged.sent[0]!, data);

      expect(press.calls.some((call) => call.method === 'answerCallbackQuery')).toBe(true);
      expect(press.calls.some((call) => call.method === 'editMessageText')).toBe(false);
      expect(await bot.standingEntries()).toHaveLength(1);
    },
  );
});

describe('/undo', () => {
  it("undoes the caller's latest /log from the last 24 hours", async () => {
    await bot.send(users.alice, chats.pc06, '/log cccd 100');
    await bot.send(users.alice, chats.pc06, '/log cccd 120 dkoto 5');
    const answer = await bot.send(users.alice, chats.pc06, '/hoantac');

    expect(answer.text).toContain('Đã hoàn tác');
    expect(answer.text).toContain('Cấp mới căn cước công dân: 120 thẻ');
    expect((await bot.standingEntries()).map((e) => e.amount)).toEqual([100]);
  });

  it('has nothing to undo after 24 hours', async () => {
    await bot.send(users.alice, chats.pc06, '/log cccd 100');
    bot.clock.advance(24 * 60 * MINUTE + 1);
    const answer = await bot.send(users.alice, chats.pc06, '/undo');

    expect(answer.text).toContain('không có lần ghi nào');
    expect(await bot.standingEntries()).toHaveLength(1);
  });

  it('undoes once when the /undo update is delivered twice', async () => {
    await bot.send(users.alice, chats.pc06, '/log cccd 100');
    await bot.send(users.alice, chats.pc06, '/log cccd 120');
    const update = bot.updates.message({ from: users.alice, chat: chats.pc06, text: '/undo' });
    await bot.deliver(update);
    const again = await bot.deliver(update);

    expect(again.calls).toEqual([]);
    expect((await bot.standingEntries()).map((e) => e.amount)).toEqual([100]);
  });

  describe('by reply to an entry', () => {
    it("lets a commander of the unit undo an officer's entry, naming who did it", async () => {
      await bot.appointCommander(users.binh, chats.pc06);
      const logged = await bot.send(users.alice, chats.pc06, '/log cccd 120');
      const answer = await bot.send(users.binh, chats.pc06, '/undo', { replyTo: logged.sent[0] });

      expect(answer.text).toContain('Trần Thị Bình đã hoàn tác');
      expect(await bot.standingEntries()).toEqual([]);
    });

    it("lets a commander of an ancestor unit undo, replying to the officer's /log message", async () => {
      await bot.appointCommander(users.chi, chats.province);
      const log = bot.updates.message({ from: users.alice, chat: chats.pc06, text: '/log cccd 120' });
      await bot.deliver(log);
      const answer = await bot.send(users.chi, chats.pc06, '/undo', { replyTo: log.message });

      expect(answer.text).toContain('đã hoàn tác');
      expect(await bot.standingEntries()).toEqual([]);
    });

    it("refuses an officer undoing a colleague's entry", async () => {
      const logged = await bot.send(users.alice, chats.pc06, '/log cccd 120');
      const answer = await bot.send(users.binh, chats.pc06, '/undo', { replyTo: logged.sent[0] });

      expect(answer.text).toContain('Chỉ chỉ huy của đơn vị');
      expect(await bot.standingEntries()).toHaveLength(1);
    });

    it('refuses a commander of a sibling unit', async () => {
      await bot.appointCommander(users.chi, chats.pc08);
      const logged = await bot.send(users.alice, chats.pc06, '/log cccd 120');
      const answer = await bot.send(users.chi, chats.pc06, '/undo', { replyTo: logged.sent[0] });

      expect(answer.text).toContain('Chỉ chỉ huy của đơn vị');
      expect(await bot.standingEntries()).toHaveLength(1);
    });

    it('says so when the replied message holds no entry', async () => {
      const chat = await bot.send(users.alice, chats.pc06, '/me');
      const answer = await bot.send(users.alice, chats.pc06, '/undo', { replyTo: chat.sent[0] });

      expect(answer.text).toContain('Không tìm thấy');
    });
  });
});
