import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message, NonChannelChat, User } from '../../src/telegram/update-schema';
import { COMMENDATION_HEADERS, importSheets, PEOPLE_HEADERS, type SheetCell } from '../features/roster/roster-fixture';
import { pdfText } from '../helpers/pdf-text';
import { type Answer, startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';

// Issue 16 §4: official outputs name people as the roster does, read when the paper or the file is made.
const team = { id: -1001000000088, type: 'supergroup', title: 'Đội Đăng ký xe' } satisfies NonChannelChat;
const hung = { id: 2001, is_bot: false, first_name: 'Hà Văn Hưng' } satisfies User;
const khoa = { id: 2002, is_bot: false, first_name: 'Đinh Văn Khoa' } satisfies User;
const rootCommander = { id: 1005, is_bot: false, first_name: 'Hoàng Thị Em' } satisfies User;
/** Hưng's account after he renamed it in Telegram. */
const renamed = { ...hung, first_name: 'Hưng', last_name: '❤️ PC08' } satisfies User;

const UNMATCHED = '(chưa đối chiếu danh sách)';

/** The roster: Hưng on the team (linked by his account id), with a past title; Khoa is not on it. */
const ROSTER: Record<string, readonly (readonly SheetCell[])[]> = {
  'Cán bộ': [PEOPLE_HEADERS, ['Hà Văn Hưng', 'Thiếu úy', 'Cán bộ đăng ký xe', 'PC08-DK', 'CA-2001', '2001', 'cán bộ']],
  'Khen thưởng': [
    COMMENDATION_HEADERS,
    ['CA-2001', 'Hà Văn Hưng', 'PC08-DK', 2025, 'Chiến sĩ tiên tiến', '45/QĐ-CAT', '15/12/2025', 'Công an tỉnh'],
  ],
};

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
  await bot.setUpUnits();
  await bot.send(users.admin, team, '/register PC08-DK');
  await bot.appointCommander(rootCommander, chats.province);
  for (const person of [hung, khoa]) await bot.send(person, team, 'xin chào');
  bot.api.clear();
});
afterEach(() => bot.close());

const documentsOf = (answer: Answer) =>
  answer.calls
    .filter((call) => call.method === 'sendDocument')
    .map((call) => call.payload.document as { filename: string; source: Uint8Array });

const buttonData = (message: Message, text: string) => {
  const found = message.reply_markup?.inline_keyboard.flat().find((b) => b.text.includes(text));
  if (!found?.callback_data) throw new Error(`no button ${text} under ${message.text}`);
  return found.callback_data;
};

/** Khoa nominates Hưng; the province's commander approves a Giấy khen and records its decision. */
async function commendHung(): Promise<void> {
  const source = bot.updates.message({ from: hung, chat: team, text: 'Em vừa hiến máu ở bệnh viện' });
  await bot.deliver(source);
  const answer = await bot.send(khoa, team, '/khen hiến máu cứu người bị tai nạn giao thông', {
    replyTo: source.message,
  });
  const card = answer.sent.find((message) => message.chat.id === team.id)!;
  await bot.press(rootCommander, card, buttonData(card, 'Giấy khen'));
  await bot.send(rootCommander, chats.province, '/quyetdinh 1 123/QĐ-CAT 24/11/2026 Đại tá Nguyễn Văn A');
}

/** The rows of a sheet as arrays of plain values, header first. */
function rowsOf(sheet: ExcelJS.Worksheet | undefined): unknown[][] {
  const rows: unknown[][] = [];
  sheet?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

describe('official names from the roster', () => {
  it('a certificate made after a display-name change names the roster\'s "Thiếu úy Hà Văn Hưng"', async () => {
    await commendHung();
    await importSheets(bot.db, ROSTER);
    await bot.send(renamed, team, 'tên mới');

    const answer = await bot.send(renamed, team, '/chungnhan 1');
    const text = await pdfText(documentsOf(answer)[0]!.source);
    expect(text).toContain('Thiếu úy Hà Văn Hưng');
    expect(text).toContain('Đội Đăng ký xe');
    expect(text).not.toContain('PC08 Hưng');
    expect(text).not.toContain(UNMATCHED);
  });

  it('a certificate of an account not on the roster keeps the display name, marked unmatched', async () => {
    await commendHung();
    const answer = await bot.send(hung, team, '/chungnhan 1');
    const text = await pdfText(documentsOf(answer)[0]!.source);
    expect(text).toContain(`Hà Văn Hưng ${UNMATCHED}`);
    expect(text).not.toContain('Thiếu úy');
  });

  it('the export names people from the roster when it is made, and marks the unmatched rows', async () => {
    await bot.send(hung, team, '/log cccd 12');
    await bot.send(khoa, team, '/log cccd 3');
    // The province's commander logs for Hưng, replying to his message: Hưng's row, the commander as Người nhập.
    const work = bot.updates.message({ from: hung, chat: team, text: 'Em làm xong 4 thẻ' });
    await bot.deliver(work);
    await bot.send(rootCommander, team, '/log cccd 4', { replyTo: work.message });
    await commendHung();
    await importSheets(bot.db, ROSTER);
    await bot.send(renamed, team, 'tên mới');

    const answer = await bot.send(users.admin, chats.province, '/xuat nam');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(documentsOf(answer)[0]!.source) as never);
    const [entries, , commendations] = workbook.worksheets;
    const [header, ...rows] = rowsOf(entries);
    expect(header).toEqual([
      'Ngày',
      'Mã đơn vị',
      'Đơn vị',
      'Họ tên',
      'Cấp bậc',
      'Chức vụ',
      'Số hiệu',
      'Mã chỉ tiêu',
      'Chỉ tiêu',
      'Số lượng',
      'Đơn vị tính',
      'Ghi chú',
      'Người nhập',
      'Mã lượt ghi',
    ]);
    const person = (row: unknown[]) => [row[3], row[4], row[5], row[6], row[9], row[12]];
    expect(rows.map(person)).toEqual([
      ['Hà Văn Hưng', 'Thiếu úy', 'Cán bộ đăng ký xe', 'CA-2001', 12, 'Thiếu úy Hà Văn Hưng'],
      [`Đinh Văn Khoa ${UNMATCHED}`, undefined, undefined, undefined, 3, `Đinh Văn Khoa ${UNMATCHED}`],
      ['Hà Văn Hưng', 'Thiếu úy', 'Cán bộ đăng ký xe', 'CA-2001', 4, `Hoàng Thị Em ${UNMATCHED}`],
    ]);
    const [commendationHeader, commendation] = rowsOf(commendations);
    expect(commendationHeader?.slice(0, 5)).toEqual(['Họ tên', 'Cấp bậc', 'Chức vụ', 'Số hiệu', 'Đơn vị']);
    expect(commendation?.slice(0, 4)).toEqual(['Hà Văn Hưng', 'Thiếu úy', 'Cán bộ đăng ký xe', 'CA-2001']);
    expect(JSON.stringify(rowsOf(entries))).not.toContain('❤️');
  });

  it("the commendations list names the roster's person, without the rank, in a group", async () => {
    await commendHung();
    await importSheets(bot.db, ROSTER);
    await bot.send(renamed, team, 'tên mới');
    const list = await bot.send(khoa, team, '/khenthuong nam');
    expect(list.text).toContain('Hà Văn Hưng được tặng Giấy khen');
    expect(list.text).not.toContain('Thiếu úy');
  });
});

describe("/hoso and a person's unit from the roster", () => {
  it('shows rank, position, the roster unit and past titles in private; the name alone in a group', async () => {
    await importSheets(bot.db, ROSTER);
    await bot.send(renamed, chats.pc06, 'xin chào PC06');

    const own = await bot.send(renamed, chats.private(hung), '/hoso');
    expect(own.text).toContain('Thiếu úy Hà Văn Hưng');
    expect(own.text).toContain('Chức vụ: Cán bộ đăng ký xe');
    // He last wrote in PC06's group: his unit is still the roster's.
    expect(own.text).toContain('Đơn vị: Đội Đăng ký xe');
    expect(own.text).toContain('• 2025: Chiến sĩ tiên tiến (QĐ số 45/QĐ-CAT ngày 15/12/2025, Công an tỉnh)');

    const inGroup = await bot.send(renamed, team, '/hoso');
    expect(inGroup.text).toContain('Hà Văn Hưng');
    expect(inGroup.text).not.toContain('Thiếu úy');
    expect(inGroup.text).not.toContain('Cán bộ đăng ký xe');
  });

  it("a /log in another unit's group counts for that unit, and the confirmation says so", async () => {
    await importSheets(bot.db, ROSTER);
    const elsewhere = await bot.send(hung, chats.pc06, '/log cccd 5');
    expect(elsewhere.text).toContain('Kết quả được tính cho Phòng Cảnh sát QLHC về TTXH (đơn vị của nhóm này)');
    expect(elsewhere.text).toContain('đồng chí thuộc Đội Đăng ký xe');
    const rows = await bot.db.selectFrom('tally_entries').select(['unit_id', 'amount']).execute();
    const pc06 = await bot.db.selectFrom('units').select('id').where('code', '=', 'PC06').executeTakeFirstOrThrow();
    expect(rows.map((row) => [row.unit_id, Number(row.amount)])).toEqual([[pc06.id, 5]]);

    const home = await bot.send(hung, team, '/log cccd 2');
    expect(home.text).not.toContain('Kết quả được tính cho');
    const unlinked = await bot.send(khoa, chats.pc06, '/log cccd 1');
    expect(unlinked.text).not.toContain('Kết quả được tính cho');
  });
});
