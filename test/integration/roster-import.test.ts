import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRosterWorkbook } from '../../src/features/roster/import-sheets';
import { readWorkbook } from '../../src/files/workbook-reader';
import type { Message, User } from '../../src/telegram/update-schema';
import { PEOPLE_HEADERS, THREE_UNITS, workbookBytes } from '../features/roster/roster-fixture';
import { type Answer, startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';

/** A second admin: may import, but not press another admin's buttons. */
const other = users.alice;

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot({ env: { ADMIN_IDS: `${users.admin.id},${other.id}` } });
});
afterEach(() => bot.close());

const ROSTER = {
  'Đơn vị': THREE_UNITS,
  'Cán bộ': [
    PEOPLE_HEADERS,
    ['Hà Văn Hưng', 'Thiếu úy', 'Cán bộ', 'PC06', '067890', '@hung_pc06', 'cán bộ'],
    ['Lê Thị Lan', 'Đại úy', 'Đội trưởng', 'PC08', '054321', null, 'chỉ huy'],
    [null, 'Trung úy', null, 'PC06', '011111', null, null],
  ],
};

/** Sends `bytes` as a document in `from`'s private chat with `caption`; what the bot answered. */
async function sendFile(from: User, bytes: Uint8Array, caption = '/nhap', fileName = 'danhsach.xlsx') {
  const document = bot.api.uploadDocument(bytes, fileName);
  return bot.deliver(bot.updates.document({ from, chat: chats.private(from), document, caption }));
}

const button = (message: Message, text: string) => {
  const found = message.reply_markup?.inline_keyboard.flat().find((b) => b.text.includes(text));
  if (!found?.callback_data) throw new Error(`no button ${text} in ${JSON.stringify(message.reply_markup)}`);
  return found.callback_data;
};
const alertOf = (answer: Answer) => answer.calls.find((call) => call.method === 'answerCallbackQuery')?.payload;
const people = async () =>
  (await bot.db.selectFrom('people').select('full_name').orderBy('id').execute()).map((p) => p.full_name);
const called = (answer: Answer, method: string) => answer.calls.some((call) => call.method === method);

/** The admin's dry run of ROSTER: the preview message with its buttons. */
async function preview(): Promise<Message> {
  const answer = await sendFile(users.admin, await workbookBytes(ROSTER));
  const message = answer.sent[0];
  if (!message) throw new Error(`no preview: ${JSON.stringify(answer.calls)}`);
  return message;
}

describe('/import: the dry run', () => {
  it('says what would change, lists the bad row with its number, and stores nothing of the roster', async () => {
    const message = await preview();
    expect(message.text).toContain('Xem trước nhập danh sách');
    expect(message.text).toContain('danhsach.xlsx');
    expect(message.text).toContain('3 mới'); // units
    expect(message.text).toContain('2 mới'); // people
    expect(message.text).toMatch(/Cán bộ, dòng 4: thiếu họ tên/);
    const texts = message.reply_markup?.inline_keyboard.flat().map((b) => b.text);
    expect(texts).toEqual(['✅ Áp dụng', '❌ Hủy']);
    expect(await people()).toEqual([]);
  });

  it('takes a reply to the document as well as its caption', async () => {
    const document = bot.api.uploadDocument(await workbookBytes(ROSTER), 'ds.xlsx');
    const sent = bot.updates.document({ from: users.admin, chat: chats.private(users.admin), document });
    await bot.deliver(sent);
    const answer = await bot.send(users.admin, chats.private(users.admin), '/import', { replyTo: sent.message });
    expect(answer.text).toContain('Xem trước nhập danh sách «ds.xlsx»');
  });

  it('without a file, explains how to send one', async () => {
    const answer = await bot.send(users.admin, chats.private(users.admin), '/nhap');
    expect(answer.text).toContain('/nhap mau');
  });

  it('refuses a file past 5 MB without downloading it, and stores nothing', async () => {
    const answer = await sendFile(users.admin, new Uint8Array(5 * 1024 * 1024 + 1), '/nhap', 'big.csv');
    expect(answer.text).toContain('Tệp quá lớn');
    expect(answer.text).toContain('5 MB');
    expect(called(answer, 'getFile')).toBe(false);
    expect(await bot.db.selectFrom('roster_imports').selectAll().execute()).toEqual([]);
  });

  it('refuses an officer, and in a group, without downloading the file', async () => {
    const officer = await sendFile(users.binh, await workbookBytes(ROSTER));
    expect(officer.text).toContain('Chỉ quản trị viên');
    expect(called(officer, 'getFile')).toBe(false);
    const document = bot.api.uploadDocument(await workbookBytes(ROSTER), 'ds.xlsx');
    const inGroup = await bot.deliver(
      bot.updates.document({ from: users.admin, chat: chats.pc06, document, caption: '/nhap' }),
    );
    expect(inGroup.text).toContain('tin nhắn riêng');
    expect(called(inGroup, 'getFile')).toBe(false);
  });

  it('refuses a file that is not a spreadsheet', async () => {
    const answer = await sendFile(users.admin, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), '/nhap', 'x.xlsx');
    expect(answer.text).not.toContain('Xem trước');
    expect(await bot.db.selectFrom('roster_imports').selectAll().execute()).toEqual([]);
  });
});

describe('/import: the buttons', () => {
  it('apply writes the roster once; a second press changes nothing and says so', async () => {
    const message = await preview();
    const applied = await bot.press(users.admin, message, button(message, 'Áp dụng'));
    expect(String(alertOf(applied)?.text)).toContain('Đã nhập danh sách');
    expect(await people()).toEqual(['Hà Văn Hưng', 'Lê Thị Lan']);
    const edited = bot.api.message(message.chat.id, message.message_id);
    expect(edited?.text).toContain('Đã nhập danh sách');
    expect(edited?.reply_markup?.inline_keyboard.flat() ?? []).toEqual([]);

    const again = await bot.press(users.admin, message, button(message, 'Áp dụng'));
    expect(alertOf(again)?.show_alert).toBe(true);
    expect(String(alertOf(again)?.text)).toContain('không còn hiệu lực');
    expect(await people()).toEqual(['Hà Văn Hưng', 'Lê Thị Lan']);
  });

  it('cancel drops the dry run and writes nothing', async () => {
    const message = await preview();
    const cancelled = await bot.press(users.admin, message, button(message, 'Hủy'));
    expect(String(alertOf(cancelled)?.text)).toContain('Đã hủy');
    expect(await people()).toEqual([]);
    expect(bot.api.message(message.chat.id, message.message_id)?.text).toContain('Đã hủy lần nhập');
  });

  it('only the admin who sent the file may press them', async () => {
    const message = await preview();
    const pressed = await bot.press(other, message, button(message, 'Áp dụng'));
    expect(alertOf(pressed)?.show_alert).toBe(true);
    expect(String(alertOf(pressed)?.text)).toContain('Chỉ quản trị viên đã gửi tệp');
    expect(await people()).toEqual([]);
  });

  it('a press after 30 minutes changes nothing and says so', async () => {
    const message = await preview();
    bot.clock.advance(31 * 60_000);
    const late = await bot.press(users.admin, message, button(message, 'Áp dụng'));
    expect(alertOf(late)?.show_alert).toBe(true);
    expect(String(alertOf(late)?.text)).toContain('quá 30 phút');
    expect(await people()).toEqual([]);
  });

  it('a dry run overtaken by another import is not applied: its preview is shown again as it now reads', async () => {
    const first = await preview();
    const second = await preview();
    await bot.press(users.admin, first, button(first, 'Áp dụng'));
    const stale = await bot.press(users.admin, second, button(second, 'Áp dụng'));
    expect(alertOf(stale)?.show_alert).toBe(true);
    expect(String(alertOf(stale)?.text)).toContain('đã thay đổi từ lúc xem trước');
    const shown = bot.api.message(second.chat.id, second.message_id);
    expect(shown?.text).toContain('không có gì thay đổi');
    expect(shown?.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['❌ Hủy']);
    expect(await people()).toEqual(['Hà Văn Hưng', 'Lê Thị Lan']);
  });

  it('offers to mark the people missing from a new file as left, and does so only when asked', async () => {
    const hung = ROSTER['Cán bộ'][1]!;
    const mai = ['Vũ Thị Mai', 'Thượng úy', 'Cán bộ', 'PC06', '022222', null, 'cán bộ'];
    const first = (
      await sendFile(users.admin, await workbookBytes({ 'Đơn vị': THREE_UNITS, 'Cán bộ': [PEOPLE_HEADERS, hung, mai] }))
    ).sent[0]!;
    await bot.press(users.admin, first, button(first, 'Áp dụng'));
    const answer = await sendFile(users.admin, await workbookBytes({ 'Cán bộ': [PEOPLE_HEADERS, hung] }));
    const message = answer.sent[0]!;
    expect(message.text).toContain('Không có trong tệp: 1');
    expect(message.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      '✅ Áp dụng, đánh dấu người vắng là đã nghỉ',
      '❌ Hủy',
    ]);
    await bot.press(users.admin, message, button(message, 'đánh dấu'));
    const left = await bot.db
      .selectFrom('people')
      .select(['full_name', 'left_on'])
      .where('left_on', 'is not', null)
      .execute();
    expect(left.map((p) => p.full_name)).toEqual(['Vũ Thị Mai']);
  });
});

/** The files the bot sent as documents in one answer: name and bytes. */
const documentsOf = (answer: Answer) =>
  answer.calls
    .filter((call) => call.method === 'sendDocument')
    .map((call) => call.payload.document as { filename: string; source: Uint8Array });

const parsedRoster = async (bytes: Uint8Array) => {
  const read = await readWorkbook(bytes, 'x.xlsx');
  if (!read.ok) throw new Error(read.error);
  const parsed = parseRosterWorkbook(read.value);
  if (!parsed.ok) throw new Error(parsed.error.kind);
  return parsed.value;
};

describe('/import template and /export roster', () => {
  it('/nhap mau sends the template, which the import reads without an error', async () => {
    const answer = await bot.send(users.admin, chats.private(users.admin), '/nhap mau');
    const [file] = documentsOf(answer);
    expect(file?.filename).toBe('mau-danh-sach-can-bo.xlsx');
    const parsed = await parsedRoster(new Uint8Array(file!.source));
    expect(parsed.errors).toEqual([]);
    expect(parsed.people?.length).toBe(2);
  });

  it('/xuat danhsach sends the roster back, and importing it again changes nothing', async () => {
    const message = await preview();
    await bot.press(users.admin, message, button(message, 'Áp dụng'));
    const answer = await bot.send(users.admin, chats.private(users.admin), '/xuat danhsach');
    const [file] = documentsOf(answer);
    expect(file?.filename).toMatch(/^danh-sach-can-bo-2026-11-24\.xlsx$/);
    const parsed = await parsedRoster(new Uint8Array(file!.source));
    expect(parsed.people?.map((p) => p.fullName)).toEqual(['Hà Văn Hưng', 'Lê Thị Lan']);

    const again = await sendFile(users.admin, new Uint8Array(file!.source));
    expect(again.text).toContain('không có gì thay đổi');
  });

  it('refuses the roster to an officer, and in a group', async () => {
    const officer = await bot.send(users.binh, chats.private(users.binh), '/export roster');
    expect(officer.text).toContain('chỉ dành cho chỉ huy');
    expect(documentsOf(officer)).toEqual([]);
    const group = await bot.send(users.admin, chats.pc06, '/xuat danhsach');
    expect(group.text).toContain('tin nhắn riêng');
    expect(documentsOf(group)).toEqual([]);
  });
});
