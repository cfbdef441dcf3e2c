import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decisionsOf } from '../../src/features/nominations/nomination-store';
import type { Message, User } from '../../src/telegram/update-schema';
import { type Answer, startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';

const dung = { id: 1004, is_bot: false, first_name: 'Phạm Văn Dũng' } satisfies User;
const em = { id: 1005, is_bot: false, first_name: 'Hoàng Thị Em' } satisfies User;
const giang = { id: 1006, is_bot: false, first_name: 'Vũ Thị Giang' } satisfies User;

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
  await bot.setUpUnits();
  await bot.appointCommander(dung, chats.pc06);
  await bot.appointCommander(users.chi, chats.pc08);
  await bot.appointCommander(em, chats.province);
  await bot.send(giang, chats.pc06, 'xin chào');
  bot.api.clear();
});
afterEach(() => bot.close());

const REASON = 'hiến máu cứu người bị tai nạn giao thông';

/** Alice writes in PC06; Bình nominates her by replying; returns the card. */
async function nominateAlice(reason = REASON): Promise<{ card: Message; source: Message }> {
  const source = bot.updates.message({ from: users.alice, chat: chats.pc06, text: 'Em vừa hiến máu ở bệnh viện' });
  await bot.deliver(source);
  const answer = await bot.send(users.binh, chats.pc06, `/khen ${reason}`, { replyTo: source.message });
  const card = answer.sent.find((message) => message.chat.id === chats.pc06.id);
  if (!card) throw new Error(`no card: ${JSON.stringify(answer.calls)}`);
  return { card, source: source.message };
}

const alertOf = (answer: Answer) => answer.calls.find((call) => call.method === 'answerCallbackQuery')?.payload;
const buttons = (card: Message) => card.reply_markup?.inline_keyboard.flat() ?? [];
const button = (card: Message, text: string) => {
  const found = buttons(card).find((b) => b.text.includes(text));
  if (!found?.callback_data) throw new Error(`no button ${text}`);
  return found.callback_data;
};
const currentCard = (card: Message) => bot.api.message(card.chat.id, card.message_id)!;
const status = async () => (await bot.db.selectFrom('nominations').select(['status', 'level']).execute()).at(0);

describe('/nominate', () => {
  it('posts a card with nominee, nominator, reason, a link to the message and the buttons', async () => {
    const { card, source } = await nominateAlice();

    expect(card.text).toContain('Đề cử khen thưởng #1');
    expect(card.text).toContain('Đồng chí: Nguyễn Văn An');
    expect(card.text).toContain('Người đề cử: Trần Thị Bình');
    expect(card.text).toContain(`Lý do: ${REASON}`);
    expect(card.entities).toContainEqual(
      expect.objectContaining({ type: 'text_link', url: `https://t.me/c/1000000006/${source.message_id}` }),
    );
    expect(buttons(card).map((b) => b.text)).toEqual([
      '👍 Ủng hộ (0)',
      'Biểu dương',
      'Giấy khen',
      'Bằng khen',
      '❌ Từ chối',
    ]);
  });

  it('nominates by @username and by text mention', async () => {
    await bot.send(users.alice, chats.pc06, '/log cccd 1');
    const byUsername = await bot.send(users.binh, chats.pc06, `/nominate @an_pc06 ${REASON}`);
    const text = `/khen Lê Văn Chí ${REASON}`;
    await bot.send(users.chi, chats.pc08, '/log dkoto 1');
    const byMention = await bot.deliver(
      bot.updates.message({
        from: users.binh,
        chat: chats.pc06,
        text,
        entities: [
          { type: 'bot_command', offset: 0, length: 5 },
          { type: 'text_mention', offset: 6, length: 'Lê Văn Chí'.length, user: users.chi },
        ],
      }),
    );

    expect(byUsername.text).toContain('Đồng chí: Nguyễn Văn An');
    expect(byMention.text).toContain('Đồng chí: Lê Văn Chí');
    expect(byMention.text).toContain(`Lý do: ${REASON}`);
  });

  describe('refuses, storing nothing', () => {
    it.each([
      ['no target', async () => bot.send(users.binh, chats.pc06, `/khen ${REASON}`), 'Trả lời tin nhắn'],
      [
        'a reply to oneself',
        async () => {
          const own = bot.updates.message({ from: users.binh, chat: chats.pc06, text: 'tôi' });
          await bot.deliver(own);
          return bot.send(users.binh, chats.pc06, `/khen ${REASON}`, { replyTo: own.message });
        },
        'thể tự đề cử',
      ],
      [
        'a bot',
        async () => {
          const fromBot = await bot.send(users.alice, chats.pc06, '/me');
          return bot.send(users.binh, chats.pc06, `/khen ${REASON}`, { replyTo: fromBot.sent[0] });
        },
        'Không thể đề cử một bot',
      ],
      [
        'a stranger by @username',
        async () => bot.send(users.binh, chats.pc06, `/khen @nobody_here ${REASON}`),
        'chưa thấy',
      ],
      [
        'an empty reason',
        async () => {
          const source = bot.updates.message({ from: users.alice, chat: chats.pc06, text: 'x' });
          await bot.deliver(source);
          return bot.send(users.binh, chats.pc06, '/khen', { replyTo: source.message });
        },
        'Trả lời tin nhắn',
      ],
      [
        'a reason too short',
        async () => {
          const source = bot.updates.message({ from: users.alice, chat: chats.pc06, text: 'x' });
          await bot.deliver(source);
          return bot.send(users.binh, chats.pc06, '/khen tốt', { replyTo: source.message });
        },
        'ít nhất 10 ký tự',
      ],
      [
        'a reply to the forum topic header',
        async () => {
          const header = bot.updates.raw({
            message: {
              message_id: 77,
              date: 1,
              chat: chats.pc08,
              from: users.alice,
              forum_topic_created: { name: 'Chung', icon_color: 1 },
            },
          });
          await bot.deliver(header);
          return bot.send(users.binh, chats.pc08, `/khen ${REASON}`, {
            replyTo: header.message as unknown as Message,
            threadId: 77,
          });
        },
        'tin mở chủ đề',
      ],
      [
        'a private chat',
        async () => bot.send(users.binh, chats.private(users.binh), `/khen ${REASON}`),
        'nhóm của đơn vị',
      ],
    ])('%s', async (_label, act, expected) => {
      const answer = await act();

      expect(answer.text).toContain(expected);
      expect(await bot.db.selectFrom('nominations').selectAll().execute()).toEqual([]);
    });
  });

  it('caps nominations per person per day', async () => {
    for (let i = 0; i < 3; i++) await nominateAlice(`${REASON} lần ${i + 1}`);
    const source = bot.updates.message({ from: users.alice, chat: chats.pc06, text: 'nữa' });
    await bot.deliver(source);
    const fourth = await bot.send(users.binh, chats.pc06, `/khen ${REASON}`, { replyTo: source.message });
    bot.clock.advance(24 * 3600_000);
    const nextDay = await bot.send(users.binh, chats.pc06, `/khen ${REASON}`, { replyTo: source.message });

    expect(fourth.text).toContain('3 lần mỗi ngày');
    expect(nextDay.sent.find((m) => m.chat.id === chats.pc06.id)?.text).toContain('Đề cử khen thưởng #4');
  });

  it('joins a second nomination of the same person for the same message to the first', async () => {
    const { card, source } = await nominateAlice();
    const second = await bot.send(dung, chats.pc06, `/khen ${REASON} nữa`, { replyTo: source });

    expect(second.text).toContain('đã được đề cử cho việc này');
    expect(await bot.db.selectFrom('nominations').select('id').execute()).toHaveLength(1);
    expect(currentCard(card).text).toContain('👍 Ủng hộ: 1');
  });

  it('escapes HTML in names and reasons', async () => {
    const mallory = { id: 1666, is_bot: false, first_name: '<b>Mal</b>' } satisfies User;
    const source = bot.updates.message({ from: mallory, chat: chats.pc06, text: 'hi' });
    await bot.deliver(source);
    const answer = await bot.send(users.binh, chats.pc06, '/khen <i>giúp</i> người dân & trẻ em', {
      replyTo: source.message,
    });

    expect(answer.calls[0]?.payload.text).toContain('&lt;b&gt;Mal&lt;/b&gt;');
    expect(answer.text).toContain('Lý do: <i>giúp</i> người dân & trẻ em');
  });
});

describe('the card', () => {
  it('counts an endorsement once per person, withdraws on a second press, and ignores the nominee and the nominator', async () => {
    const { card } = await nominateAlice();
    await bot.press(dung, card, button(card, 'Ủng hộ'));
    const byNominee = await bot.press(users.alice, card, button(card, 'Ủng hộ'));
    const byNominator = await bot.press(users.binh, card, button(card, 'Ủng hộ'));
    await bot.press(users.admin, card, button(card, 'Ủng hộ'));

    expect(alertOf(byNominee)).toMatchObject({ show_alert: true });
    expect(alertOf(byNominator)).toMatchObject({ show_alert: true });
    expect(currentCard(card).text).toContain('👍 Ủng hộ: 2');
    await bot.press(dung, card, button(card, 'Ủng hộ'));
    expect(currentCard(card).text).toContain('👍 Ủng hộ: 1');
    expect(buttons(currentCard(card))[0]?.text).toBe('👍 Ủng hộ (1)');
  });

  it('approves at a level in one tap: the card shows it, the nominee is mentioned, the decision is kept', async () => {
    const { card } = await nominateAlice();
    const press = await bot.press(em, card, button(card, 'Giấy khen'));

    expect(currentCard(card).text).toContain(
      '✅ Đồng chí được tặng Giấy khen của Giám đốc Công an tỉnh (Hoàng Thị Em quyết định).',
    );
    expect(buttons(currentCard(card)).map((b) => b.text)).toEqual(['↩️ Xem xét lại']);
    expect(press.sent.find((m) => m.chat.id === chats.pc06.id)?.text).toContain(
      'Chúc mừng đồng chí Nguyễn Văn An được tặng Giấy khen của Giám đốc Công an tỉnh!',
    );
    expect(press.calls.find((call) => call.method === 'sendMessage')?.payload.text).toContain(
      `<a href="tg://user?id=${users.alice.id}">`,
    );
    expect(await status()).toEqual({ status: 'approved', level: 'giaykhen' });
    expect(await decisionsOf(bot.db, 1)).toMatchObject([{ outcome: 'approved', level: 'giaykhen', decided_by: em.id }]);
  });

  it('records exactly one decision for a double press, two deciders at once, or a redelivered callback', async () => {
    const { card } = await nominateAlice();
    const press = bot.updates.callback({ from: em, message: card, data: button(card, 'Giấy khen') });
    const other = bot.updates.callback({ from: users.admin, message: card, data: button(card, 'Bằng khen') });
    await Promise.all([bot.deliver(press), bot.deliver(other), bot.deliver(press)]);
    await bot.deliver(press);

    expect(await decisionsOf(bot.db, 1)).toHaveLength(1);
  });

  it('rejects with a reason of at least 10 characters given by replying /reject to the card', async () => {
    const { card } = await nominateAlice();
    const pressed = await bot.press(dung, card, button(card, 'Từ chối'));
    const noReason = await bot.send(dung, chats.pc06, '/tuchoi', { replyTo: card });
    const tooShort = await bot.send(dung, chats.pc06, '/tuchoi ngắn', { replyTo: card });
    const rejected = await bot.send(dung, chats.pc06, '/tuchoi chưa đủ tiêu chuẩn', { replyTo: card });

    expect(alertOf(pressed)?.text).toContain('/tuchoi');
    expect(noReason.text).toContain('Trả lời thẻ đề cử bằng');
    expect(tooShort.text).toContain('ít nhất 10 ký tự');
    expect(rejected.sent.find((m) => m.chat.id === chats.pc06.id)?.text).toContain('Đã ghi nhận quyết định');
    expect(currentCard(card).text).toContain('❌ Không được duyệt (Phạm Văn Dũng quyết định).');
    expect(currentCard(card).text).not.toContain('chưa đủ tiêu chuẩn');
    expect(await decisionsOf(bot.db, 1)).toMatchObject([{ outcome: 'rejected', reason: 'chưa đủ tiêu chuẩn' }]);
  });

  it('reverses a decision as a new record, never deleting one', async () => {
    const { card } = await nominateAlice();
    await bot.press(dung, card, button(card, 'Biểu dương'));
    await bot.press(dung, currentCard(card), button(currentCard(card), 'Xem xét lại'));
    await bot.press(em, currentCard(card), button(currentCard(card), 'Bằng khen'));

    expect((await decisionsOf(bot.db, 1)).map((d) => [d.outcome, d.level])).toEqual([
      ['approved', 'bieuduong'],
      ['reopened', null],
      ['approved', 'bangkhen'],
    ]);
    expect(await status()).toEqual({ status: 'approved', level: 'bangkhen' });
  });

  it.each([
    ['unknown nomination', 'nom:999:a:giaykhen'],
    ['tampered level', 'nom:1:a:huanchuong'],
    ['missing level', 'nom:1:a'],
    ['bad action', 'nom:1:x'],
    ['garbage', 'nom:abc'],
  ])('answers a stale, unknown or tampered payload (%s) with an alert and changes nothing', async (_label, data) => {
    const { card } = await nominateAlice();
    const press = await bot.press(dung, card, data);

    expect(alertOf(press)).toMatchObject({
      show_alert: true,
      text: 'Nút này không còn hiệu lực; không có gì thay đổi.',
    });
    expect(await status()).toEqual({ status: 'pending', level: null });
  });

  it('refuses a decision button pressed under a different message', async () => {
    const { card } = await nominateAlice();
    const other = await bot.send(users.alice, chats.pc06, '/me');
    const press = await bot.press(dung, other.sent[0]!, button(card, 'Giấy khen'));

    expect(alertOf(press)).toMatchObject({ show_alert: true });
    expect(await status()).toEqual({ status: 'pending', level: null });
  });
});

describe('who may do what on a card', () => {
  const people: [string, User][] = [
    ['officer', giang],
    ['nominee', users.alice],
    ['nominator', users.binh],
    ['commander of a sibling unit', users.chi],
    ['commander of the unit', dung],
    ['commander of an ancestor unit', em],
    ['admin', users.admin],
  ];
  const mayDecide = new Set(['commander of the unit', 'commander of an ancestor unit', 'admin']);

  it.each(people)('endorse: %s', async (role, person) => {
    const { card } = await nominateAlice();
    const press = await bot.press(person, card, button(card, 'Ủng hộ'));

    const counted = role !== 'nominee' && role !== 'nominator';
    expect(currentCard(card).text).toContain(`👍 Ủng hộ: ${counted ? 1 : 0}`);
    expect(Boolean(alertOf(press)?.show_alert)).toBe(!counted);
  });

  const refusal = (role: string) =>
    role === 'nominee' || role === 'nominator' ? 'không được quyết định' : 'không có thẩm quyền';

  it.each(people)('approve Biểu dương: %s', async (role, person) => {
    const { card } = await nominateAlice();
    const press = await bot.press(person, card, button(card, 'Biểu dương'));

    expect((await status())?.status).toBe(mayDecide.has(role) ? 'approved' : 'pending');
    if (!mayDecide.has(role))
      expect(alertOf(press)).toMatchObject({ show_alert: true, text: expect.stringContaining(refusal(role)) });
  });

  it.each(people)('reject: %s', async (role, person) => {
    const { card } = await nominateAlice();
    const answer = await bot.send(person, chats.pc06, '/tuchoi không phù hợp', { replyTo: card });

    expect((await status())?.status).toBe(mayDecide.has(role) ? 'rejected' : 'pending');
    if (!mayDecide.has(role)) expect(answer.text).toContain(refusal(role));
  });
});

describe('/nominations and /commendations', () => {
  it('lists the nominations waiting for the caller, oldest first, across the units under them', async () => {
    await nominateAlice();
    const source = bot.updates.message({ from: users.chi, chat: chats.pc08, text: 'x' });
    await bot.deliver(source);
    await bot.send(users.binh, chats.pc08, `/khen ${REASON}`, { replyTo: source.message });

    const forEm = await bot.send(em, chats.private(em), '/decu');
    const forDung = await bot.send(dung, chats.private(dung), '/decu');
    const forOfficer = await bot.send(users.binh, chats.private(users.binh), '/decu');

    expect(forEm.text).toMatch(/#1 Nguyễn Văn An[\s\S]*#2 Lê Văn Chí/);
    expect(forDung.text).toContain('#1 Nguyễn Văn An');
    expect(forDung.text).not.toContain('#2');
    expect(forOfficer.text).toContain('Không có đề cử nào');
  });

  it('counts a commendation in the week it was approved, not the week it was proposed', async () => {
    bot.clock.set(new Date('2026-11-29T15:00:00Z'));
    const { card } = await nominateAlice();
    bot.clock.set(new Date('2026-11-30T02:00:00Z'));
    await bot.press(em, card, button(card, 'Giấy khen'));
    const thisWeek = await bot.send(users.binh, chats.pc06, '/khenthuong tuan');

    expect(thisWeek.text).toContain('tuần 30/11/2026–06/12/2026');
    expect(thisWeek.text).toContain('Nguyễn Văn An được tặng Giấy khen của Giám đốc Công an tỉnh');
  });

  it('shows approved commendations by unit and level for the period', async () => {
    const { card } = await nominateAlice();
    await bot.press(em, card, button(card, 'Giấy khen'));
    const inGroup = await bot.send(users.binh, chats.province, '/khenthuong');
    const nextYear = await bot.send(users.binh, chats.province, '/khenthuong nam');

    expect(inGroup.text).toContain('Khen thưởng Công an tỉnh Lạng Sơn (tháng 11/2026)');
    expect(inGroup.text).toContain(
      `Phòng Cảnh sát QLHC về TTXH\n• Nguyễn Văn An được tặng Giấy khen của Giám đốc Công an tỉnh (${REASON})`,
    );
    expect(nextYear.text).toContain('năm 2026');
  });
});
