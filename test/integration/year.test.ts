/**
 * A year of emulation through the chat, on the real bot with a fixed clock: registration in January (inside
 * PLEDGE_WINDOW), a flag, the unit's review of CSTT with its secret ballot in December, the close, the title
 * decision, the council's vote on the unit's collective title, its decision, and the papers; and the refusals
 * (wrong role, bad title, closed window, a repeated vote, a crafted token), each storing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { createDirectory } from '../../src/directory/directory';
import { closeDueBallots, rosterForYear } from '../../src/features/year';
import type { Message, User } from '../../src/telegram/update-schema';
import { docxText } from '../helpers/docx-text';
import { pdfText } from '../helpers/pdf-text';
import { type Answer, startTestBot, type TestBot } from '../helpers/test-bot';
import { asMessage, chats, users } from '../helpers/updates';

const dung = { id: 1004, is_bot: false, first_name: 'Dũng' } satisfies User;
const giang = { id: 1006, is_bot: false, first_name: 'Giang' } satisfies User;

const JANUARY = new Date('2026-01-12T02:00:00Z');
const APRIL = new Date('2026-04-06T02:00:00Z');
const DECEMBER = new Date('2026-12-10T02:00:00Z');

let bot: TestBot;
let pc06: number;
const personIds: Record<string, number> = {};

/** Puts a person on PC06's roster since 1 January 2026, linked to the account. */
async function onRoster(key: string, user: User, rank: string, fullName: string, position: string) {
  const at = JANUARY.toISOString();
  const row = await bot.db
    .insertInto('people')
    .values({
      full_name: fullName,
      name_key: fullName.toLowerCase(),
      rank,
      position,
      unit_id: pc06,
      service_number: null,
      role: 'officer',
      user_id: user.id,
      pending_user_id: null,
      pending_username: null,
      left_on: null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await bot.db
    .insertInto('person_units')
    .values({ person_id: row.id, unit_id: pc06, from_day: '2026-01-01', to_day: null, recorded_by: 1, recorded_at: at })
    .execute();
  personIds[key] = row.id;
}

/** Every row of the year's tables, to show a refusal stored nothing. */
const yearRows = async () => ({
  registrations: await bot.db.selectFrom('year_registrations').selectAll().execute(),
  flags: await bot.db.selectFrom('year_flags').selectAll().execute(),
  reviews: await bot.db.selectFrom('year_reviews').selectAll().execute(),
  choices: await bot.db.selectFrom('year_ballot_choices').selectAll().execute(),
  voters: await bot.db.selectFrom('year_ballot_voters').selectAll().execute(),
  council: await bot.db.selectFrom('year_council_members').selectAll().execute(),
  titles: await bot.db.selectFrom('year_titles').selectAll().execute(),
  written: await bot.db.selectFrom('year_written_ballots').selectAll().execute(),
  writtenTotals: await bot.db.selectFrom('year_written_totals').selectAll().execute(),
});

const say = (from: User, text: string, replyTo?: Message) =>
  bot.send(from, chats.pc06, text, replyTo ? { replyTo } : {});
/** A message of `from` in PC06's group, to reply to. */
const hello = async (from: User) => {
  const update = bot.updates.message({ from, chat: chats.pc06, text: 'xin chào' });
  await bot.deliver(update);
  return update.message;
};
const alertOf = (answer: Answer) =>
  String(answer.calls.find((call) => call.method === 'answerCallbackQuery')?.payload.text ?? '');
const groupText = (answer: Answer) => answer.sent.find((message) => message.chat.id === chats.pc06.id)?.text ?? '';
const privateTo = (answer: Answer, user: User) => answer.sent.filter((message) => message.chat.id === user.id);
/** The documents the answer uploaded: their names and bytes. */
const documentsOf = (answer: Answer) =>
  answer.calls
    .filter((call) => call.method === 'sendDocument')
    .map((call) => call.payload.document as { filename: string; source: Uint8Array });
/** The ballots the answer sent, by voter. */
const ballotsIn = (answer: Answer) =>
  new Map(
    answer.sent
      .filter((message) =>
        message.reply_markup?.inline_keyboard.flat().some((button) => button.callback_data?.startsWith('yb:')),
      )
      .map((message) => [message.chat.id, asMessage(message)] as const),
  );
/** The data of a ballot's button: the candidate's number (from 1) and the choice. */
const buttonOf = (ballot: Message, number: number, choice: 'y' | 'n') => {
  const data = ballot.reply_markup?.inline_keyboard[number - 1]?.find((button) =>
    button.callback_data?.includes(`:${choice}:`),
  )?.callback_data;
  if (!data) throw new Error(`no button ${number}${choice}`);
  return data;
};

beforeAll(async () => {
  bot = await startTestBot({ now: JANUARY, env: { PLEDGE_WINDOW: '1-3', PAPERS_PLACE: 'Thành phố Lạng Sơn' } });
  await bot.setUpUnits();
  pc06 = (await bot.db.selectFrom('units').select('id').where('code', '=', 'PC06').executeTakeFirstOrThrow()).id;
  await bot.appointCommander(users.chi, chats.pc06);
  await onRoster('chi', users.chi, 'Thiếu tá', 'Lê Văn Chí', 'Trưởng phòng');
  await onRoster('alice', users.alice, 'Thiếu úy', 'Nguyễn Văn An', 'Cán bộ');
  await onRoster('binh', users.binh, 'Trung úy', 'Trần Thị Bình', 'Cán bộ');
  await onRoster('dung', dung, 'Đại úy', 'Phạm Văn Dũng', 'Đội trưởng');
  for (const user of [users.chi, users.alice, users.binh, dung, giang, users.admin])
    await bot.send(user, chats.private(user), '/start');
  bot.api.clear();
}, 120_000);
afterAll(() => bot?.close());

describe('a year of emulation in chat', () => {
  let ballots: Map<number, Message>;

  it('January: officers pledge, a commander registers someone by reply and the unit’s title', async () => {
    const own = await say(users.alice, '/dangkythidua cstdcs');
    expect(own.text).toContain('Thiếu úy Nguyễn Văn An');
    expect(own.text).toContain('Chiến sĩ thi đua cơ sở');
    expect((await say(users.binh, '/pledge chiến sĩ tiên tiến')).text).toContain('Chiến sĩ tiên tiến');
    const byReply = await say(users.chi, '/dangkythidua CSTT', await hello(dung));
    expect(byReply.text).toContain('Đại úy Phạm Văn Dũng');
    expect((await say(users.chi, '/dangkythidua dvtt')).text).toContain('Đơn vị tiên tiến');

    const list = await say(users.binh, '/dangkythidua');
    expect(list.text).toContain('Tập thể: Đơn vị tiên tiến');
    expect(list.text).toMatch(/1\. Thiếu úy Nguyễn Văn An — Chiến sĩ thi đua cơ sở[\s\S]*3\. Đại úy Phạm Văn Dũng/);
    expect((await yearRows()).registrations).toHaveLength(4);
    expect((await say(users.alice, '/log cccd 12')).text).not.toBe('');
  });

  it('refuses a pledge off the roster, for a bad title, for someone else by a non-commander, and after the window', async () => {
    const before = await yearRows();
    expect((await say(giang, '/dangkythidua cstt')).text).toContain('danh sách');
    expect((await say(users.alice, '/dangkythidua chiến sĩ xuất sắc')).text).toContain(
      'Không rõ danh hiệu “chiến sĩ xuất sắc”',
    );
    expect((await say(users.alice, '/dangkythidua cstt', await hello(users.binh))).text).toContain('chỉ huy');
    expect((await say(users.alice, '/dangkythidua dvqt')).text).toContain('chỉ huy');
    bot.clock.set(APRIL);
    expect((await say(users.binh, '/dangkythidua cstdcs')).text).toContain('01/01');
    expect(await yearRows()).toEqual(before);
  });

  it('a commander flags a member privately; anyone else is refused', async () => {
    const before = await yearRows();
    const refused = await say(users.alice, '/canhbao kyluat đang xem xét vi phạm', await hello(users.binh));
    expect(refused.text).toContain('chỉ huy');
    expect(await yearRows()).toEqual(before);

    const flagged = await say(users.chi, '/canhbao kyluat đang xem xét vi phạm điều lệnh', await hello(users.binh));
    expect(groupText(flagged)).not.toContain('vi phạm');
    expect(
      privateTo(flagged, users.chi)
        .map((message) => message.text)
        .join('\n'),
    ).toContain('Trung úy Trần Thị Bình — Đang xem xét kỷ luật. Lý do: đang xem xét vi phạm điều lệnh');
    expect((await yearRows()).flags).toHaveLength(1);

    const list = await say(users.chi, '/canhbao');
    expect(groupText(list)).toContain('Đã gửi vào tin nhắn riêng');
    expect(privateTo(list, users.chi)[0]?.text).toMatch(/#\d+ Trung úy Trần Thị Bình — Đang xem xét kỷ luật/);
  });

  it('December: /review sends each member a secret ballot, the evidence privately to the commander', async () => {
    bot.clock.set(DECEMBER);
    expect((await say(users.alice, '/binhxet cstt')).text).toContain('chỉ huy');
    const before = await yearRows();
    const preview = await say(users.chi, '/binhxet cstt xem');
    expect(groupText(preview)).toContain('Đã gửi vào tin nhắn riêng');
    expect(privateTo(preview, users.chi)[0]?.text).toContain('Trung úy Trần Thị Bình: không đủ điều kiện');
    expect(await yearRows()).toEqual(before);
    const opened = await say(users.chi, '/binhxet cstt 24h');
    const group = groupText(opened);
    expect(group).toContain('Bình xét “Chiến sĩ tiên tiến” năm 2026');
    expect(group).toContain('1. Thiếu úy Nguyễn Văn An');
    expect(group).toContain('2. Đại úy Phạm Văn Dũng');
    expect(group).not.toContain('Trần Thị Bình');
    expect(group).not.toContain('kỷ luật');
    const evidence = privateTo(opened, users.chi).find((message) => message.text?.includes('Hồ sơ bình xét'));
    expect(evidence?.text).toContain('Trung úy Trần Thị Bình: không đủ điều kiện');
    expect(evidence?.text).toContain('vi phạm điều lệnh');
    expect(evidence?.text).toMatch(
      /1\. Thiếu úy Nguyễn Văn An: đủ điều kiện, có tên trên phiếu\n\s+Kết quả trong năm: .+ 12\n/,
    );
    expect(evidence?.text).toContain('Khen thưởng trong phong trào: không có');
    expect(evidence?.text).toContain('Danh hiệu các năm trước: chưa có');
    ballots = ballotsIn(opened);
    expect([...ballots.keys()].sort()).toEqual([users.alice.id, users.binh.id, users.chi.id, dung.id].sort());
  });

  it('counts a press once, refuses a crafted token and a press on another’s ballot, and stores nothing for them', async () => {
    const alice = ballots.get(users.alice.id)!;
    expect(alertOf(await bot.press(users.alice, alice, buttonOf(alice, 1, 'y')))).toContain('Đã ghi nhận');
    const once = await yearRows();
    expect(alertOf(await bot.press(users.alice, alice, buttonOf(alice, 1, 'y')))).toContain('Đã ghi nhận');
    expect(await yearRows()).toEqual(once);

    const crafted = buttonOf(alice, 2, 'y').replace(/:[A-Za-z0-9_-]{22}$/, ':AAAAAAAAAAAAAAAAAAAAAA');
    expect(alertOf(await bot.press(users.alice, alice, crafted))).toContain('không phải của đồng chí');
    const binh = ballots.get(users.binh.id)!;
    expect(alertOf(await bot.press(users.alice, binh, buttonOf(binh, 2, 'n')))).toContain('không phải của đồng chí');
    expect(await yearRows()).toEqual(once);
  });

  it('/closeballot posts the count to the group without anyone’s vote; a second close changes nothing', async () => {
    for (const [user, choices] of [
      [users.alice, ['y', 'y']],
      [users.binh, ['y', 'n']],
      [users.chi, ['y', 'y']],
      [dung, ['y', 'y']],
    ] as const) {
      const ballot = ballots.get(user.id)!;
      for (const [index, choice] of choices.entries())
        expect(alertOf(await bot.press(user, ballot, buttonOf(ballot, index + 1, choice)))).toContain('Đã ghi nhận');
    }
    // No table holds a ballot's token or a button's data once the presses are handled and their edits sent.
    const tokens = [...ballots.values()].map((ballot) => buttonOf(ballot, 1, 'y').split(':').at(-1)!);
    let scanned = '';
    for (const table of await bot.db.introspection.getTables()) {
      const rows = JSON.stringify(
        await bot.db
          .selectFrom(table.name as 'units')
          .selectAll()
          .execute(),
      );
      scanned += rows;
      for (const token of tokens) expect(rows, table.name).not.toContain(token);
      expect(rows, table.name).not.toContain('yb:');
    }
    expect(scanned).toContain('Nguyễn Văn An');
    expect(tokens).toHaveLength(4);
    expect((await say(users.alice, '/dongphieu')).text).toContain('chỉ huy');
    const closed = await say(users.chi, '/dongphieu');
    const result = groupText(closed);
    expect(result).toContain('Số phiếu: 4/4');
    expect(result).toContain('1. Thiếu úy Nguyễn Văn An: 4/4 đồng ý (100%) — được đề nghị');
    expect(result).toContain('2. Đại úy Phạm Văn Dũng: 3/4 đồng ý (75%) — được đề nghị');
    expect(result).toContain('Đủ số thành viên tham gia (cần 3)');
    expect(result).not.toContain('Trần Thị Bình');
    const rows = await yearRows();
    expect(rows.choices).toHaveLength(0);
    expect((await say(users.chi, '/dongphieu')).text).toContain('Không có cuộc bỏ phiếu nào đang mở');
    // After the close a ballot's press changes nothing.
    const alice = ballots.get(users.alice.id)!;
    expect(alertOf(await bot.press(users.alice, alice, buttonOf(alice, 1, 'n')))).toContain('đóng');
    expect(await yearRows()).toEqual(rows);
  });

  it('an admin records the CSTT decision for those proposed; a future date is refused', async () => {
    const admin = chats.private(users.admin);
    const before = await yearRows();
    expect(
      (await bot.send(users.chi, chats.private(users.chi), '/danhhieu cstt 2026 12/QĐ-CAT 10/12/2026 Đại tá X')).text,
    ).toContain('quản trị');
    expect((await bot.send(users.admin, admin, '/danhhieu cstt 2026 12/QĐ-CAT 31/12/2026 Đại tá X')).text).toContain(
      'sau hôm nay',
    );
    expect((await bot.send(users.admin, admin, '/danhhieu cstt 2026 12/QĐ-CAT 31/02/2026 Đại tá X')).text).toContain(
      'không hợp lệ',
    );
    expect(await yearRows()).toEqual(before);
    // Before the decision /hoso reads the review's proposal as a proposal.
    const proposed = await bot.send(users.alice, chats.private(users.alice), '/hoso');
    expect(proposed.text).toContain('Danh hiệu thi đua, khen thưởng theo năm');
    expect(proposed.text).toContain('• 2026: Chiến sĩ tiên tiến (đã được đề nghị, chờ quyết định)');
    const recorded = await bot.send(users.admin, admin, '/danhhieu cstt 2026 12/QĐ-CAT 10/12/2026 Đại tá Nguyễn Văn X');
    expect(recorded.text).toContain('cho 2 đối tượng: Thiếu úy Nguyễn Văn An, Đại úy Phạm Văn Dũng');
    expect((await yearRows()).titles).toHaveLength(2);

    const own = await bot.send(users.alice, chats.private(users.alice), '/danhhieu');
    expect(own.text).toContain('Danh hiệu thi đua — Thiếu úy Nguyễn Văn An');
    expect(own.text).toContain('2026: Chiến sĩ tiên tiến — Quyết định số 12/QĐ-CAT 10/12/2026');
    // After it, as an award with its decision, on /hoso as on /danhhieu.
    const awarded = await bot.send(users.alice, chats.private(users.alice), '/hoso');
    expect(awarded.text).toContain('• 2026: Chiến sĩ tiên tiến (QĐ số 12/QĐ-CAT ngày 10/12/2026)');
    expect(awarded.text).not.toContain('đề nghị');
    expect((await say(users.binh, '/danhhieu')).text).toContain('chưa có danh hiệu');
    expect((await bot.send(giang, chats.private(giang), '/danhhieu')).text).toContain('danh sách');
  });

  it('the council votes on the unit’s collective title, and its decision is recorded', async () => {
    expect((await say(users.chi, '/hoidong add', await hello(users.alice))).text).toContain('quản trị');
    expect((await say(users.admin, '/hoidong add', await hello(users.alice))).text).toContain('Nguyễn Văn An');
    expect((await say(users.admin, '/hoidong add', await hello(users.chi))).text).toContain('Lê Văn Chí');
    expect((await say(users.binh, '/hoidong')).text).toContain('(2 thành viên)');

    const admin = chats.private(users.admin);
    // Two CSTT of four members is not more than half: the rules keep the unit off the council's ballot.
    const before = await yearRows();
    expect((await bot.send(users.admin, admin, '/hoidong dvtt 2026 24h')).text).toContain('Không có ai đủ điều kiện');
    expect(await yearRows()).toEqual(before);
    const byReply = await say(
      users.admin,
      '/danhhieu cstt 2026 13/QĐ-CAT 10/12/2026 Đại tá Nguyễn Văn X',
      await hello(users.chi),
    );
    expect(byReply.text).toContain('cho 1 đối tượng: Thiếu tá Lê Văn Chí');

    const opened = await bot.send(users.admin, admin, '/hoidong dvtt 2026 24h');
    const toAdmin = privateTo(opened, users.admin)
      .map((message) => message.text)
      .join('\n');
    expect(toAdmin).toContain('Hội đồng bỏ phiếu “Đơn vị tiên tiến” năm 2026');
    expect(toAdmin).toContain('Phòng Cảnh sát QLHC về TTXH: đủ điều kiện');
    const councilBallots = ballotsIn(opened);
    expect([...councilBallots.keys()].sort()).toEqual([users.alice.id, users.chi.id].sort());
    for (const user of [users.alice, users.chi]) {
      const ballot = councilBallots.get(user.id)!;
      expect(alertOf(await bot.press(user, ballot, buttonOf(ballot, 1, 'y')))).toContain('Đã ghi nhận');
    }
    // Paper ballots go through /hoidong phieu: An (number 1) voted in chat, number 3 is no member; nothing stored.
    const beforePaper = await yearRows();
    expect((await bot.send(users.admin, admin, '/hoidong phieu dvtt 1 1/0')).text).toContain(
      'đã bỏ phiếu qua tin nhắn',
    );
    expect((await bot.send(users.admin, admin, '/hoidong phieu dvtt 3 1/0')).text).toContain(
      'không phải thành viên Hội đồng',
    );
    expect((await bot.send(users.admin, admin, '/hoidong phieu dvtt')).text).toContain('Cú pháp');
    expect((await bot.send(users.chi, chats.private(users.chi), '/hoidong phieu dvtt 1 1/0')).text).toContain(
      'quản trị',
    );
    expect(await yearRows()).toEqual(beforePaper);
    const closed = await bot.send(users.admin, admin, '/dongphieu dvtt');
    expect(privateTo(closed, users.admin)[0]?.text).toContain(
      'Phòng Cảnh sát QLHC về TTXH: 2/2 đồng ý (100%) — được đề nghị',
    );
    const decided = await bot.send(users.admin, admin, '/danhhieu dvtt 2026 15/QĐ-CAT 10/12/2026 Đại tá Nguyễn Văn X');
    expect(privateTo(decided, users.admin)[0]?.text).toContain('cho 1 đối tượng: Phòng Cảnh sát QLHC về TTXH');
  });

  it('a flag is cleared by a commander only', async () => {
    const flagId = (await bot.db.selectFrom('year_flags').select('id').executeTakeFirstOrThrow()).id;
    const before = await yearRows();
    expect((await say(users.alice, `/canhbao go ${flagId}`)).text).toContain('chỉ huy');
    expect(await yearRows()).toEqual(before);
    const cleared = await say(users.chi, `/canhbao go ${flagId}`);
    expect(privateTo(cleared, users.chi)[0]?.text).toContain('Đã gỡ ghi chú của Trung úy Trần Thị Bình');
    expect(privateTo(await say(users.chi, '/canhbao'), users.chi)[0]?.text).toContain('Không có ghi chú nào');
  });

  it('/paper sends the minutes and the proposal list as documents, to a commander only', async () => {
    const before = await yearRows();
    expect((await say(users.alice, '/vanban bienban')).text).toContain('chỉ huy');
    const minutes = await say(users.chi, '/vanban bienban pdf');
    const pdf = documentsOf(minutes);
    expect(pdf.map((file) => file.filename)).toEqual(['bien-ban-binh-xet-PC06-2026.pdf']);
    // The minutes name those found ineligible: they go to the commander's private chat, the group is told so.
    expect(minutes.calls.filter((call) => call.method === 'sendDocument').map((call) => call.payload.chat_id)).toEqual([
      users.chi.id,
    ]);
    expect(minutes.text).toContain('Đã gửi vào tin nhắn riêng');
    expect(Buffer.from(pdf[0]!.source.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const list = documentsOf(await say(users.chi, '/vanban danhsach'));
    expect(list.map((file) => file.filename)).toEqual(['danh-sach-de-nghi-PC06-2026.docx']);
    expect(Buffer.from(list[0]!.source.subarray(0, 2)).toString('latin1')).toBe('PK');
    // The place is PAPERS_PLACE's, the date the day it was drawn (Nghị định 30/2020's "địa danh, ngày … tháng … năm").
    expect(docxText(list[0]!.source)).toContain('Thành phố Lạng Sơn, ngày 10 tháng 12 năm 2026');
    expect(docxText(list[0]!.source)).not.toContain('…………');
    // In the PDF's heading a place this long wraps the line before the year.
    expect((await pdfText(pdf[0]!.source)).replace(/\s+/g, ' ')).toContain(
      'Thành phố Lạng Sơn, ngày 10 tháng 12 năm 2026',
    );
    for (const [words, name] of [
      ['dangky pdf', 'ban-dang-ky-thi-dua-PC06-2026.pdf'],
      ['totrinh docx 2026', 'to-trinh-PC06-2026.docx'],
    ] as const)
      expect(documentsOf(await say(users.chi, `/vanban ${words}`)).map((file) => file.filename)).toEqual([name]);
    const certificate = documentsOf(await say(users.chi, '/vanban chungnhan pdf', await hello(users.alice)));
    expect(certificate.map((file) => file.filename)).toEqual([`chung-nhan-danh-hieu-PC06-${personIds.alice}-2026.pdf`]);
    expect((await say(users.chi, '/vanban chungnhan', await hello(users.binh))).text).toContain(
      'chưa được đề nghị hay công nhận danh hiệu thi đua nào năm 2026',
    );
    expect((await say(users.chi, '/vanban giaykhen')).text).toContain('Cú pháp');
    expect(await yearRows()).toEqual(before);
  });
});

describe('/hoso: titles by year from the decisions and the office’s list, and the chains’ prospects', () => {
  /** Puts rows on the office's "Khen thưởng" list for a person. */
  const imported = async (key: string, rows: readonly (readonly [number, string, string])[]) => {
    for (const [year, title, number] of rows)
      await bot.db
        .insertInto('past_commendations')
        .values({
          person_id: personIds[key]!,
          year,
          title,
          title_key: title.toLowerCase(),
          decision_number: number,
          decision_key: number.toLowerCase(),
          decision_date: `${year}-12-20`,
          issuing_level: 'Công an tỉnh',
          imported_by: 1,
          imported_at: DECEMBER.toISOString(),
        })
        .execute();
  };

  it('a chain met if this year’s title is earned, and one met for next year’s review', async () => {
    await imported('binh', [
      [2024, 'Chiến sĩ thi đua cơ sở', '10/QĐ-CAT'],
      [2025, 'Chiến sĩ thi đua cơ sở', '11/QĐ-CAT'],
    ]);
    await imported('dung', [
      [2025, 'Chiến sĩ thi đua cấp Bộ', '20/QĐ-BCA'],
      [2026, 'Chiến sĩ thi đua cấp Bộ', '21/QĐ-BCA'],
    ]);
    const binh = (await bot.send(users.binh, chats.private(users.binh), '/hoso')).text;
    expect(binh).toContain('• 2025: Chiến sĩ thi đua cơ sở (QĐ số 11/QĐ-CAT ngày 20/12/2025, Công an tỉnh)');
    expect(binh).toContain('Danh hiệu cao hơn có thể được đề nghị');
    expect(binh).toContain(
      '• Đủ điều kiện đề nghị Chiến sĩ thi đua cấp Bộ năm 2026 nếu đạt Chiến sĩ thi đua cơ sở năm 2026: đã có 2 năm liên tục (cần 3).',
    );
    // Dũng: the bot's decision and the list's title of the same year, and the nationwide title next year.
    const dungText = (await bot.send(dung, chats.private(dung), '/hoso')).text;
    expect(dungText).toContain(
      '• 2026: Chiến sĩ thi đua cấp Bộ (QĐ số 21/QĐ-BCA ngày 20/12/2026, Công an tỉnh); Chiến sĩ tiên tiến (QĐ số 12/QĐ-CAT ngày 10/12/2026)',
    );
    expect(dungText).toContain(
      '• Đủ điều kiện đề nghị Chiến sĩ thi đua toàn quốc năm 2027 (năm sau): 2 năm liên tục Chiến sĩ thi đua cấp Bộ (cần 2).',
    );
    // Nobody's chain, no prospects.
    expect((await bot.send(users.alice, chats.private(users.alice), '/hoso')).text).not.toContain(
      'có thể được đề nghị',
    );
  });
});

describe('/report for a half-year or a year', () => {
  it('adds the yearly review: registrations against proposals and awards; a month has none', async () => {
    const year = (await say(users.binh, '/baocao nam')).text;
    expect(year).toContain('Tổng kết năm 2026');
    expect(year).toContain('1/1 đơn vị đã đăng ký danh hiệu thi đua tập thể');
    expect(year).toContain('Danh hiệu “Chiến sĩ tiên tiến”: 2 cá nhân đăng ký, 2 được đề nghị, 3 được công nhận.');
    const half = (await say(users.binh, '/baocao 6thang')).text;
    expect(half).toContain('Sơ kết 6 tháng đầu năm 2026');
    expect((await say(users.binh, '/baocao thang')).text).not.toContain('Tổng kết');
  });
});

describe('a ballot past its deadline', () => {
  it('is closed by the minute job, its count posted to the unit’s group; presses after the deadline are refused', async () => {
    const opened = await say(users.chi, '/binhxet cstdcs 1h');
    expect(groupText(opened)).toContain('Bình xét “Chiến sĩ thi đua cơ sở” năm 2026');
    const ballot = ballotsIn(opened).get(users.alice.id)!;
    bot.clock.advance(2 * 3600_000);
    expect(alertOf(await bot.press(users.alice, ballot, buttonOf(ballot, 1, 'y')))).toContain('đóng');

    const directory = createDirectory(bot.db, { adminIds: [users.admin.id], versionCheckMs: 0 });
    const loaded = loadConfig({ ADMIN_IDS: String(users.admin.id) });
    if (!loaded.ok) throw new Error(loaded.problems.join('; '));
    const job = { db: bot.db, directory, config: loaded.config, rosterOf: rosterForYear };
    bot.api.clear();
    expect(await closeDueBallots({ ...job, now: bot.clock.now() })).toBe(1);
    await bot.app.drain();
    const posted = bot.api.sentMessages(chats.pc06.id).map((message) => String(message.text));
    expect(posted).toHaveLength(1);
    expect(posted[0]).toContain('Kết quả bình xét “Chiến sĩ thi đua cơ sở” năm 2026');
    expect(posted[0]).toContain('Số phiếu: 0/4');
    expect(posted[0]).toContain('Không đủ số thành viên tham gia');
    // Run again: nothing left to close, nothing posted twice.
    expect(await closeDueBallots({ ...job, now: bot.clock.now() })).toBe(0);
  });
});
