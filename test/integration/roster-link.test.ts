import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message, User } from '../../src/telegram/update-schema';
import { PEOPLE_HEADERS, workbookBytes } from '../features/roster/roster-fixture';
import { type Answer, startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';

const dung = { id: 1004, is_bot: false, first_name: 'Phạm Văn Dũng' } satisfies User;

let bot: TestBot;

/** The roster the tests start from: the units exist in the bot (setUpUnits); the people come from a file. */
const PEOPLE = [
  PEOPLE_HEADERS,
  ['Hà Văn Hưng', 'Thiếu úy', 'Cán bộ', 'PC06', '067890', '@binh_pc06', 'cán bộ'],
  ['Lê Thị Lan', 'Đại úy', 'Trưởng phòng', 'PC06', '054321', String(users.chi.id), 'chỉ huy'],
  ['Trần Văn Nam', 'Trung úy', 'Cán bộ', 'PC06', '033333', null, 'cán bộ'],
  ['Đinh Văn Toàn', 'Hạ sĩ', 'Cán bộ', 'PC08', '044444', null, 'cán bộ'],
  ['Trần Văn Nam', 'Thượng sĩ', 'Cán bộ', 'PC08', '055555', null, 'cán bộ'],
];

beforeEach(async () => {
  bot = await startTestBot();
  await bot.setUpUnits();
  await bot.appointCommander(dung, chats.pc08);
  const document = bot.api.uploadDocument(await workbookBytes({ 'Cán bộ': PEOPLE }), 'ds.xlsx');
  const answer = await bot.deliver(
    bot.updates.document({ from: users.admin, chat: chats.private(users.admin), document, caption: '/nhap' }),
  );
  const preview = answer.sent[0]!;
  const apply = preview.reply_markup?.inline_keyboard.flat().find((b) => b.text.includes('Áp dụng'));
  await bot.press(users.admin, preview, apply?.callback_data);
  bot.api.clear();
});
afterEach(() => bot.close());

const linkedTo = async (serviceNumber: string) =>
  (
    await bot.db
      .selectFrom('people')
      .select('user_id')
      .where('service_number', '=', serviceNumber)
      .executeTakeFirstOrThrow()
  ).user_id;
const alertOf = (answer: Answer) => answer.calls.find((call) => call.method === 'answerCallbackQuery')?.payload;
const button = (message: Message, text: string) => {
  const found = message.reply_markup?.inline_keyboard.flat().find((b) => b.text.includes(text));
  if (!found?.callback_data) throw new Error(`no button ${text}`);
  return found.callback_data;
};

describe('linking on sight', () => {
  it('links the row that named the @username once that account writes, and the row that named the id', async () => {
    expect(await linkedTo('067890')).toBeNull();
    await bot.send(users.binh, chats.pc06, 'xin chào');
    expect(Number(await linkedTo('067890'))).toBe(users.binh.id);

    await bot.send(users.chi, chats.private(users.chi), '/start');
    expect(Number(await linkedTo('054321'))).toBe(users.chi.id);
    // A commander in the roster holds the role of their unit once linked.
    const listing = await bot.send(users.chi, chats.private(users.chi), '/danhsach');
    expect(listing.text).toContain('PC06');
  });
});

describe('/link', () => {
  it('a commander links the officer they reply to, by service number', async () => {
    await bot.send(users.chi, chats.pc06, 'xin chào');
    const hello = bot.updates.message({ from: users.alice, chat: chats.pc06, text: 'em chào các anh' });
    await bot.deliver(hello);
    const answer = await bot.send(users.chi, chats.pc06, '/lienket 033333', { replyTo: hello.message });
    expect(answer.text).toContain('Đã liên kết tài khoản với Trung úy Trần Văn Nam');
    expect(Number(await linkedTo('033333'))).toBe(users.alice.id);
  });

  it('an admin links anywhere, by full name without diacritics', async () => {
    const hello = bot.updates.message({ from: users.alice, chat: chats.pc08, text: 'chào' });
    await bot.deliver(hello);
    const answer = await bot.send(users.admin, chats.pc08, '/link dinh van toan', { replyTo: hello.message });
    expect(answer.text).toContain('Hạ sĩ Đinh Văn Toàn');
    expect(Number(await linkedTo('044444'))).toBe(users.alice.id);
  });

  it('refuses an officer, a person of another unit, and one account for two people', async () => {
    const hello = bot.updates.message({ from: users.alice, chat: chats.pc06, text: 'chào' });
    await bot.deliver(hello);
    const officer = await bot.send(users.binh, chats.pc06, '/lienket 033333', { replyTo: hello.message });
    expect(officer.text).toContain('chỉ dành cho chỉ huy');
    // Dũng commands PC08, not PC06.
    const other = await bot.send(dung, chats.pc06, '/lienket 033333', { replyTo: hello.message });
    expect(other.text).toContain('chỉ dành cho chỉ huy');
    expect(await linkedTo('033333')).toBeNull();

    await bot.send(users.admin, chats.pc06, '/lienket 033333', { replyTo: hello.message });
    const twice = await bot.send(users.admin, chats.pc06, '/lienket 044444', { replyTo: hello.message });
    expect(twice.text).toContain('đã liên kết với Trung úy Trần Văn Nam');
    expect(await linkedTo('044444')).toBeNull();
  });

  it('offers namesakes as buttons; the pressed one is linked', async () => {
    const hello = bot.updates.message({ from: users.alice, chat: chats.pc08, text: 'chào' });
    await bot.deliver(hello);
    const answer = await bot.send(users.admin, chats.pc08, '/lienket Tran Van Nam', { replyTo: hello.message });
    expect(answer.text).toContain('nhiều cán bộ trùng tên');
    const choices = answer.sent[0]!.reply_markup?.inline_keyboard.flat().map((b) => b.text);
    expect(choices).toEqual(['Trung úy Trần Văn Nam (PC06)', 'Thượng sĩ Trần Văn Nam (PC08)']);
    expect(await linkedTo('033333')).toBeNull();

    // A commander of PC08 only may not pick the PC06 one.
    const refused = await bot.press(dung, answer.sent[0]!, button(answer.sent[0]!, 'Trung úy'));
    expect(alertOf(refused)?.show_alert).toBe(true);
    expect(await linkedTo('033333')).toBeNull();

    const picked = await bot.press(users.admin, answer.sent[0]!, button(answer.sent[0]!, 'Thượng sĩ'));
    expect(String(alertOf(picked)?.text)).toContain('Thượng sĩ Trần Văn Nam');
    expect(Number(await linkedTo('055555'))).toBe(users.alice.id);
    expect(await linkedTo('033333')).toBeNull();
  });

  it('without a reply, explains itself', async () => {
    const answer = await bot.send(users.admin, chats.pc06, '/lienket 033333');
    expect(answer.text).toContain('Trả lời');
  });
});

describe('/iam', () => {
  it('sends a card to the unit’s commanders; nothing links before one confirms; the asker is told', async () => {
    const asked = await bot.send(users.alice, chats.private(users.alice), '/toila 044444');
    const reply = asked.sent.find((message) => message.chat.id === users.alice.id);
    expect(reply?.text).toContain('Đã gửi yêu cầu');
    expect(reply?.text).not.toContain('Đinh Văn Toàn');
    const card = asked.sent.find((message) => message.chat.id === dung.id);
    expect(card?.text).toContain('Hạ sĩ Đinh Văn Toàn');
    expect(await linkedTo('044444')).toBeNull();

    // An officer cannot decide it, even with the card's data.
    const officer = await bot.press(users.binh, card!, button(card!, 'Đúng người'));
    expect(alertOf(officer)?.show_alert).toBe(true);
    expect(await linkedTo('044444')).toBeNull();

    const confirmed = await bot.press(dung, card!, button(card!, 'Đúng người'));
    expect(String(alertOf(confirmed)?.text)).toContain('Đã liên kết');
    expect(Number(await linkedTo('044444'))).toBe(users.alice.id);
    const told = confirmed.sent.find((message) => message.chat.id === users.alice.id);
    expect(told?.text).toContain('Chỉ huy đã xác nhận');

    const again = await bot.press(users.alice, card!, button(card!, 'Đúng người'));
    expect(alertOf(again)?.show_alert).toBe(true);
  });

  it('a refusal links nothing and tells the asker', async () => {
    const asked = await bot.send(users.alice, chats.private(users.alice), '/toila 044444');
    const card = asked.sent.find((message) => message.chat.id === dung.id)!;
    const refused = await bot.press(dung, card, button(card, 'Không phải'));
    expect(String(alertOf(refused)?.text)).toContain('từ chối');
    expect(await linkedTo('044444')).toBeNull();
    expect(refused.sent.find((message) => message.chat.id === users.alice.id)?.text).toContain('từ chối');
  });

  it('refuses an unknown number, a second request, and works only in private', async () => {
    const unknown = await bot.send(users.alice, chats.private(users.alice), '/iam 999999');
    expect(unknown.sent).toHaveLength(1);
    expect(unknown.text).toContain('Không tìm thấy');
    await bot.send(users.alice, chats.private(users.alice), '/iam 044444');
    const twice = await bot.send(users.alice, chats.private(users.alice), '/iam 044444');
    expect(twice.sent).toHaveLength(1);
    expect(twice.text).toContain('đang chờ chỉ huy');
    const group = await bot.send(users.alice, chats.pc08, '/iam 044444');
    expect(group.text).toContain('tin nhắn riêng');
  });
});

describe('/roster', () => {
  it('shows a commander their unit’s people with link status and who logged nothing this week', async () => {
    const answer = await bot.send(dung, chats.private(dung), '/danhsach');
    expect(answer.text).toContain('PC08');
    expect(answer.text).toContain('Hạ sĩ Đinh Văn Toàn · chưa liên kết');
    expect(answer.text).toContain('2/2 đồng chí chưa ghi nhận');
    expect(answer.text).toContain('Thượng sĩ Trần Văn Nam');
    expect(answer.text).not.toContain('Trung úy Trần Văn Nam');
  });

  it('counts a linked officer who logged this week as no longer silent', async () => {
    const hello = bot.updates.message({ from: users.alice, chat: chats.pc08, text: 'chào' });
    await bot.deliver(hello);
    await bot.send(dung, chats.pc08, '/lienket 044444', { replyTo: hello.message });
    const logged = await bot.send(users.alice, chats.pc08, '/log cccd 5');
    expect(logged.calls.length).toBeGreaterThan(0);
    const answer = await bot.send(dung, chats.private(dung), '/danhsach');
    expect(answer.text).toContain('1/2 đồng chí chưa ghi nhận');
    expect(answer.text).toMatch(/Hạ sĩ Đinh Văn Toàn · đã liên kết · ghi gần nhất 24\/11\/2026/);
  });

  it('refuses an officer and another commander’s unit', async () => {
    const officer = await bot.send(users.binh, chats.private(users.binh), '/roster');
    expect(officer.text).toContain('chỉ dành cho chỉ huy');
    const other = await bot.send(dung, chats.private(dung), '/roster PC06');
    expect(other.text).toContain('chỉ dành cho chỉ huy');
    const unknown = await bot.send(dung, chats.private(dung), '/roster XYZ');
    expect(unknown.text).toContain('Không có đơn vị mã "XYZ"');
  });
});

describe('/invite', () => {
  it('gives a commander a link that opens the /iam flow for the unit, and refuses an officer', async () => {
    const invited = await bot.send(dung, chats.pc08, '/moi');
    const link = /https:\/\/t\.me\/ThiDuaBot\?start=(iam-\d+)/.exec(invited.text);
    expect(invited.text).toContain('Phòng Cảnh sát Giao thông');
    expect(link).not.toBeNull();

    const opened = await bot.send(users.alice, chats.private(users.alice), `/start ${link![1]}`);
    expect(opened.text).toContain('Đồng chí được mời vào Phòng Cảnh sát Giao thông');
    expect(opened.text).toContain('/toila');
    expect(await linkedTo('044444')).toBeNull();

    const officer = await bot.send(users.binh, chats.pc06, '/moi PC06');
    expect(officer.text).toContain('Chỉ chỉ huy');
    const otherUnit = await bot.send(dung, chats.pc08, '/moi PC06');
    expect(otherUnit.text).toContain('Chỉ chỉ huy');
    const unknown = await bot.send(users.admin, chats.private(users.admin), '/moi XYZ');
    expect(unknown.text).toContain('Không có đơn vị mã "XYZ"');
    const bare = await bot.send(users.admin, chats.private(users.admin), '/moi');
    expect(bare.text).toContain('/moi MÃ_ĐƠN_VỊ');
  });

  it('tells an account that is linked already, instead of asking again', async () => {
    await bot.send(users.chi, chats.private(users.chi), '/start');
    const invited = await bot.send(users.admin, chats.private(users.admin), '/moi PC06');
    const payload = /start=(iam-\d+)/.exec(invited.text)![1];
    const opened = await bot.send(users.chi, chats.private(users.chi), `/start ${payload}`);
    expect(opened.text).toContain('đã được liên kết với đồng chí');
  });
});
