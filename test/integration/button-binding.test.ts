import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message, User } from '../../src/telegram/update-schema';
import { type Answer, startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';

const dung = { id: 1004, is_bot: false, first_name: 'Phạm Văn Dũng' } satisfies User;
const giang = { id: 1006, is_bot: false, first_name: 'Vũ Thị Giang' } satisfies User;
const REASON = 'hiến máu cứu người bị tai nạn giao thông';
const HOUR = 60 * 60_000;

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
  await bot.setUpUnits();
  await bot.appointCommander(dung, chats.pc06);
  await bot.appointCommander(users.chi, chats.pc08);
  await bot.send(giang, chats.pc06, 'xin chào');
  bot.api.clear();
});
afterEach(() => bot.close());

const alertOf = (answer: Answer) => answer.calls.find((call) => call.method === 'answerCallbackQuery')?.payload;
const dataUnder = (message: Message, text: string) => {
  const found = message.reply_markup?.inline_keyboard.flat().find((b) => b.text.includes(text));
  if (!found?.callback_data) throw new Error(`no button ${text} under ${message.text}`);
  return found.callback_data;
};
const now = (message: Message) => bot.api.message(message.chat.id, message.message_id)!;
const inChat = (answer: Answer, chatId: number) => answer.sent.filter((message) => message.chat.id === chatId);

/** Someone writes in PC06 and Bình nominates them by replying; returns the card and what was sent. */
async function nominate(nominee: User): Promise<{ card: Message; answer: Answer }> {
  const source = bot.updates.message({ from: nominee, chat: chats.pc06, text: 'Em vừa hiến máu ở bệnh viện' });
  await bot.deliver(source);
  const answer = await bot.send(users.binh, chats.pc06, `/khen ${REASON}`, { replyTo: source.message });
  const card = inChat(answer, chats.pc06.id)[0];
  if (!card) throw new Error(`no card: ${JSON.stringify(answer.calls)}`);
  return { card, answer };
}

/** What a press could have changed: entries, nominations, decisions, endorsements, groups' units. */
async function state() {
  const rows = <T>(query: Promise<T[]>) => query.then((all) => JSON.stringify(all));
  return [
    await rows(bot.db.selectFrom('tally_entries').select(['id', 'undone_at']).orderBy('id').execute()),
    await rows(bot.db.selectFrom('nominations').select(['id', 'status', 'level']).orderBy('id').execute()),
    await rows(bot.db.selectFrom('nomination_decisions').select('id').execute()),
    await rows(bot.db.selectFrom('nomination_endorsements').select(['nomination_id', 'user_id']).execute()),
    await rows(bot.db.selectFrom('nomination_recommendations').select('id').execute()),
    await rows(bot.db.selectFrom('chats').select(['chat_id', 'unit_id']).orderBy('chat_id').execute()),
  ];
}

describe('crafted data for every callback kind, pressed on a message it was not sent with', () => {
  it('changes nothing, leaves the message as it was and says the button is no longer valid', async () => {
    // The buttons, each real, under their own messages.
    const aliceLog = (await bot.send(users.alice, chats.pc06, '/log cccd 120')).sent[0]!;
    const aliceHistory = (await bot.send(users.alice, chats.pc06, '/lichsu')).sent[0]!;
    const { card: firstCard, answer: firstAnswer } = await nominate(users.alice);
    const privateCopy = inChat(firstAnswer, dung.id)[0]!;
    const { card: secondCard } = await nominate(giang);
    const registerRequest = (await bot.send(users.admin, chats.pc08, '/register PC06')).sent[0]!;
    const kinds: { kind: string; presser: User; data: string }[] = [
      { kind: 'undo', presser: users.alice, data: dataUnder(aliceLog, 'Hoàn tác') },
      { kind: 'history', presser: users.alice, data: dataUnder(aliceHistory, 'cccd') },
      {
        kind: 'nomination (the second, decided by its commander)',
        presser: dung,
        data: dataUnder(secondCard, 'Biểu dương'),
      },
      { kind: 'nomination endorsement', presser: giang, data: dataUnder(secondCard, 'Ủng hộ') },
      { kind: 'register', presser: users.admin, data: dataUnder(registerRequest, 'Chuyển sang') },
      { kind: 'register keep', presser: users.admin, data: dataUnder(registerRequest, 'Giữ nguyên') },
    ];
    // The messages they are pressed on.
    const foreign = (await bot.send(users.alice, chats.pc06, '/toi')).sent[0]!;
    const othersConfirmation = (await bot.send(users.binh, chats.pc06, '/log cccd 7')).sent[0]!;
    const otherChat = (await bot.send(users.chi, chats.pc08, '/log dkoto 3')).sent[0]!;
    const targets: [string, Message][] = [
      ['a foreign message', foreign],
      ['a confirmation of another user', othersConfirmation],
      ['a nomination card', firstCard],
      ['a private copy', privateCopy],
      ['a message of another chat', otherChat],
    ];
    expect(privateCopy.chat.id).toBe(dung.id);

    const before = await state();
    for (const { kind, presser, data } of kinds) {
      for (const [where, target] of targets) {
        const shown = now(target);
        const pressed = await bot.press(presser, target, data);
        const label = `${kind} on ${where}`;
        expect(alertOf(pressed), label).toMatchObject({
          show_alert: true,
          text: expect.stringContaining('không còn hiệu lực'),
        });
        expect(
          pressed.calls.map((call) => call.method),
          label,
        ).toEqual(['answerCallbackQuery']);
        expect(now(target), label).toEqual(shown);
      }
    }
    expect(await state()).toEqual(before);
  });

  it('still honours each button on its own message', async () => {
    const aliceLog = (await bot.send(users.alice, chats.pc06, '/log cccd 120')).sent[0]!;
    const undone = await bot.press(users.alice, aliceLog, dataUnder(aliceLog, 'Hoàn tác'));
    expect(now(aliceLog).text).toContain('Đã hoàn tác');
    expect(alertOf(undone)?.show_alert).toBeFalsy();

    const { card } = await nominate(users.alice);
    await bot.press(giang, card, dataUnder(card, 'Ủng hộ'));
    expect(now(card).text).toContain('👍 Ủng hộ: 1');
  });

  it('refuses a button the message no longer carries after an edit', async () => {
    const { card } = await nominate(users.alice);
    const approve = dataUnder(card, 'Biểu dương');
    await bot.press(dung, card, approve);
    expect(now(card).text).toContain('Biểu dương');
    const reopen = dataUnder(now(card), 'Xem xét lại');
    await bot.press(dung, now(card), reopen);
    const approvedAgain = await bot.press(dung, now(card), approve);
    expect(alertOf(approvedAgain)?.show_alert).toBeFalsy();
    // The confirmation's undo button, gone once pressed: a replay is refused by the dispatcher.
    const aliceLog = (await bot.send(users.alice, chats.pc06, '/log cccd 120')).sent[0]!;
    const data = dataUnder(aliceLog, 'Hoàn tác');
    await bot.press(users.alice, aliceLog, data);
    const shown = now(aliceLog);
    const replay = await bot.press(users.alice, shown, data);
    expect(alertOf(replay)?.text).toContain('không còn hiệu lực');
    expect(now(aliceLog)).toEqual(shown);
  });
});

describe("the buttons of the deciders' private copies", () => {
  it('follow the copy as nominations join it and as it is edited', async () => {
    const { answer: first } = await nominate(users.alice);
    const firstCopy = inChat(first, dung.id)[0]!;
    // Within the hour, the next nominations wait in one copy, rewritten as each joins.
    const { card: secondCard } = await nominate(giang);
    const { card: thirdCard } = await nominate(users.chi);
    bot.clock.set(new Date(bot.clock.now().getTime() + HOUR + 1000));
    const sent = await bot.deliver(bot.updates.message({ from: giang, chat: chats.pc06, text: 'xin chào' }));
    const secondCopy = inChat(sent, dung.id)[0]!;
    expect(secondCopy.text).toContain('#2');
    expect(secondCopy.text).toContain('#3');

    // A nomination is decided only from a copy that shows it.
    const thirdApprove = dataUnder(secondCopy, '#3 Biểu dương');
    const onFirstCopy = await bot.press(dung, firstCopy, thirdApprove);
    expect(alertOf(onFirstCopy)?.text).toContain('không còn hiệu lực');
    const onSecondCopy = await bot.press(dung, secondCopy, thirdApprove);
    expect(alertOf(onSecondCopy)?.text).toContain('Đã ghi nhận quyết định');
    expect(now(thirdCard).text).toContain('Biểu dương');
    // The copy, edited, shows the third decided; its reopen button works there, and the second's buttons still do.
    const edited = now(secondCopy);
    expect(dataUnder(edited, '#3 ↩️')).toBe('nom:3:o');
    const reopened = await bot.press(dung, edited, 'nom:3:o');
    expect(alertOf(reopened)?.text).toContain('Đã ghi nhận quyết định');
    await bot.press(dung, now(secondCopy), dataUnder(now(secondCopy), '#2 Biểu dương'));
    expect(now(secondCard).text).toContain('Biểu dương');
    // Another person's private chat never honours them.
    const inGiangsChat = await bot.press(giang, { ...secondCopy, chat: chats.private(giang) }, 'nom:2:o');
    expect(alertOf(inGiangsChat)?.text).toContain('không còn hiệu lực');
  });
});
