import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
  await bot.setUpUnits();
});
afterEach(() => bot.close());

describe('the day of an entry is never in the future, whatever message.date says', () => {
  it.each([
    ['/log cccd 5', '01/01/2100'],
    ['/log cccd 5 hôm qua', '01/01/2100'],
    ['/log cccd 5 24/11/2026', '01/01/2100'],
  ])('refuses %j sent with a date in 2100, storing nothing', async (text, day) => {
    const update = bot.updates.message({ from: users.alice, chat: chats.pc06, text });
    update.message.date = Date.parse('2100-01-01T03:00:00Z') / 1000;
    const answer = await bot.deliver(update);
    expect(answer.text).toContain(`ngày gửi ${day}`);
    expect(answer.text).toContain('muộn hơn giờ hiện tại của bot');
    expect(await bot.allEntries()).toEqual([]);
  });

  it('accepts a message dated a little ahead of the clock (drift), for today', async () => {
    const update = bot.updates.message({ from: users.alice, chat: chats.pc06, text: '/log cccd 5' });
    update.message.date += 60;
    const answer = await bot.deliver(update);
    expect(answer.text).toContain('24/11/2026');
    expect((await bot.standingEntries()).map((entry) => [entry.amount, entry.day])).toEqual([[5, '2026-11-24']]);
  });

  it('refuses an edit into a /log of a message dated in the future, changing nothing', async () => {
    await bot.send(users.alice, chats.pc06, '/log cccd 5');
    const [entry] = await bot.standingEntries();
    const edited = bot.updates.raw({
      edited_message: {
        message_id: entry!.message_id,
        from: users.alice,
        chat: chats.pc06,
        date: Date.parse('2100-01-01T03:00:00Z') / 1000,
        edit_date: Date.parse('2026-11-24T02:01:00Z') / 1000,
        text: '/log cccd 7',
      },
    });
    const answer = await bot.deliver(edited);
    expect(answer.text).toContain('ngày gửi 01/01/2100');
    expect((await bot.standingEntries()).map((each) => [each.amount, each.day])).toEqual([[5, '2026-11-24']]);
  });
});

describe('a command in a caption', () => {
  /** A photo (or document) sent with a caption: Telegram puts the text and its entities under caption. */
  function captioned(caption: string) {
    const { message, update_id } = bot.updates.message({ from: users.alice, chat: chats.pc06, text: caption });
    const { text: _text, entities, ...rest } = message;
    return {
      update_id,
      message: { ...rest, caption, caption_entities: entities, photo: [{ file_id: 'p', width: 90, height: 90 }] },
    };
  }

  it('is handled as the command: a photo captioned /log cccd 5 logs and is confirmed', async () => {
    const answer = await bot.deliver(captioned('/log cccd 5'));
    expect(answer.text).toContain('Cấp mới căn cước công dân 5 thẻ');
    expect((await bot.standingEntries()).map((entry) => [entry.metric_code, entry.amount])).toEqual([['cccd', 5]]);
  });

  it('is refused as a malformed command would be, storing nothing', async () => {
    const answer = await bot.deliver(captioned('/log cccd'));
    expect(answer.text).toContain('Thiếu số lượng cho "cccd"');
    expect(await bot.allEntries()).toEqual([]);
  });

  it('leaves a photo with an ordinary caption alone', async () => {
    const answer = await bot.deliver(captioned('ảnh buổi tuyên truyền'));
    expect(answer.calls).toEqual([]);
  });
});
