import ExcelJS from 'exceljs';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';

let bot: TestBot;
const SEPTEMBER_2021 = new Date('2021-09-06T02:00:00Z');

beforeEach(async () => {
  bot = await startTestBot({ now: SEPTEMBER_2021 });
  await bot.setUpUnits();
  await bot.appointCommander(users.alice, chats.pc06);
  await bot.appointCommander(users.binh, chats.pc08);
  await bot.send(users.alice, chats.pc06, '/log cccd 1.000 vlnc 400 antt 8 15/05/2021');
  await bot.send(users.alice, chats.pc06, '/log cccd 400 vlnc 47 20/08/2021');
  await bot.send(users.binh, chats.pc08, '/log dkoto 510 dktam 2.222 bienvang 461 01/06/2021');
  await bot.send(users.binh, chats.pc08, '/log dktam 3.000 02/06/2021');
});
afterEach(() => bot.close());

/** The files the bot sent as documents in one answer: name and bytes (the fake keeps the uploaded Buffer). */
const documentsOf = (calls: { method: string; payload: Record<string, unknown> }[]) =>
  calls
    .filter((call) => call.method === 'sendDocument')
    .map((call) => call.payload.document as { filename: string; source: Uint8Array });

describe('/export', () => {
  it('sends an XLSX whose totals match the report, and a CSV with a BOM', async () => {
    const answer = await bot.send(users.admin, chats.province, '/xuat 05/2021-08/2021');
    const [xlsx, csv] = documentsOf(answer.calls);
    expect(xlsx?.filename).toBe('thidua-CAT-2021-05-01-2021-08-31.xlsx');
    expect(csv?.filename).toBe('thidua-CAT-2021-05-01-2021-08-31.csv');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx!.source) as never);
    const [entries, totals, commendations] = workbook.worksheets;
    expect(entries?.getRow(1).values).toEqual([
      undefined,
      'Ngày',
      'Mã đơn vị',
      'Đơn vị',
      'Cán bộ',
      'Mã chỉ tiêu',
      'Chỉ tiêu',
      'Số lượng',
      'Đơn vị tính',
      'Ghi chú',
      'Mã lượt ghi',
    ]);
    expect(entries?.rowCount).toBe(1 + 9);
    const first = entries!.getRow(2);
    expect(first.getCell(1).value).toEqual(new Date(Date.UTC(2021, 4, 15)));
    expect(typeof first.getCell(7).value).toBe('number');

    // The last row of the totals sheet is the subtree's total: the report's numbers.
    const header = totals!.getRow(1).values as unknown[];
    const total = totals!.getRow(totals!.rowCount).values as unknown[];
    const column = (name: string) => total[header.indexOf(name)];
    expect(total[1]).toBe('Tổng cộng');
    expect(column('Cấp mới căn cước công dân')).toBe(1400);
    expect(column('Đăng ký tạm thời')).toBe(5222);
    const report = await bot.send(users.admin, chats.province, '/baocao 05/2021-08/2021');
    const reported = report.sent.map((message) => message.text).join('\n');
    expect(reported).toContain('1.400 căn cước công dân');
    expect(reported).toContain('đăng ký tạm thời 5.222 trường hợp');

    expect(commendations?.getRow(1).values).toEqual([
      undefined,
      'Họ tên',
      'Đơn vị',
      'Hình thức',
      'Thành tích',
      'Người đề nghị',
      'Ngày',
      'Số quyết định',
      'Ngày quyết định',
      'Người ký',
    ]);

    const text = Buffer.from(csv!.source).toString('utf8');
    expect(text.startsWith('\uFEFFNgày,Mã đơn vị')).toBe(true);
    expect(text).toContain('15/05/2021,PC06,Phòng Cảnh sát QLHC về TTXH');
  });

  it('fills the decision columns from the recorded commendation decision', async () => {
    const now = SEPTEMBER_2021.toISOString();
    const unit = await bot.db.selectFrom('units').select('id').where('code', '=', 'PC06').executeTakeFirstOrThrow();
    const { id } = await bot.db
      .insertInto('nominations')
      .values({
        chat_id: chats.pc06.id,
        thread_id: null,
        source_message_id: null,
        nominee_id: users.alice.id,
        unit_id: unit.id,
        nominator_id: users.binh.id,
        reason: 'Hiến máu cứu người bị nạn',
        status: 'approved',
        level: 'giaykhen',
        card_message_id: null,
        day: '2021-07-26',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await bot.db
      .insertInto('commendation_decisions')
      .values({
        nomination_id: id,
        decision_number: '123/QĐ-CAT',
        decision_date: '2021-08-05',
        signer: 'Đại tá Đỗ Ngọc Bình',
        recorded_by: users.admin.id,
        recorded_at: now,
      })
      .execute();
    const answer = await bot.send(users.admin, chats.province, '/xuat 05/2021-08/2021');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(documentsOf(answer.calls)[0]!.source) as never);
    expect(workbook.worksheets[2]?.getRow(2).values).toEqual([
      undefined,
      'Nguyễn Văn An',
      'Phòng Cảnh sát QLHC về TTXH',
      'Giấy khen của Giám đốc Công an tỉnh',
      'Hiến máu cứu người bị nạn',
      'Trần Thị Bình',
      new Date(Date.UTC(2021, 6, 26)),
      '123/QĐ-CAT',
      new Date(Date.UTC(2021, 7, 5)),
      'Đại tá Đỗ Ngọc Bình',
    ]);
  });

  it('lets a commander export only their subtree', async () => {
    const own = await bot.send(users.alice, chats.pc06, '/xuat 05/2021-08/2021');
    expect(documentsOf(own.calls)).toHaveLength(2);
    const other = await bot.send(users.alice, chats.pc06, '/xuat PC08 05/2021-08/2021');
    expect(documentsOf(other.calls)).toHaveLength(0);
    expect(other.text).toContain('Chỉ chỉ huy');
    const officer = await bot.send(users.chi, chats.pc06, '/xuat thang');
    expect(officer.text).toContain('Chỉ chỉ huy');
  });
});

describe('/chart', () => {
  it('sends two PNG photos of one metric: ranking and trend, not blank', async () => {
    const answer = await bot.send(users.admin, chats.province, '/bieudo cccd 05/2021-08/2021');
    const photos = answer.calls.filter((call) => call.method === 'sendPhoto');
    expect(photos).toHaveLength(2);
    for (const call of photos) {
      const png = PNG.sync.read(Buffer.from((call.payload.photo as { source: Uint8Array }).source));
      expect(png.width).toBe(960);
      expect(png.height).toBeGreaterThan(100);
      const colours = new Set<number>();
      for (let i = 0; i < png.data.length; i += 4 * 97) colours.add(png.data.readUInt32BE(i));
      expect(colours.size).toBeGreaterThan(2);
    }
  });
});
