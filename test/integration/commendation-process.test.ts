import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decisionsOf } from '../../src/features/nominations/nomination-store';
import type { Message, NonChannelChat, User } from '../../src/telegram/update-schema';
import { type Answer, startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';

/** The team PC08-DK (depth 2) under PC08 (depth 1) under CAT (the root, depth 0). */
const team = { id: -1001000000088, type: 'supergroup', title: 'Đội Đăng ký xe' } satisfies NonChannelChat;
const hung = { id: 2001, is_bot: false, first_name: 'Hà Văn Hưng' } satisfies User;
const khoa = { id: 2002, is_bot: false, first_name: 'Đinh Văn Khoa' } satisfies User;
const lan = { id: 2003, is_bot: false, first_name: 'Mai Thị Lan' } satisfies User;
const teamCommander = { id: 2004, is_bot: false, first_name: 'Trịnh Văn Minh' } satisfies User;
const aboveCommander = users.chi;
const rootCommander = { id: 1005, is_bot: false, first_name: 'Hoàng Thị Em' } satisfies User;

const REASON = 'hiến máu cứu người bị tai nạn giao thông';

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
  await bot.setUpUnits();
  await bot.send(users.admin, team, '/register PC08-DK');
  await bot.appointCommander(teamCommander, team);
  await bot.appointCommander(aboveCommander, chats.pc08);
  await bot.appointCommander(rootCommander, chats.province);
  for (const person of [hung, khoa, lan]) await bot.send(person, team, 'xin chào');
  bot.api.clear();
});
afterEach(() => bot.close());

const inChat = (answer: Answer, chatId: number) => answer.sent.filter((message) => message.chat.id === chatId);
const alertOf = (answer: Answer) => answer.calls.find((call) => call.method === 'answerCallbackQuery')?.payload;
const buttonData = (message: Message, text: string) => {
  const found = message.reply_markup?.inline_keyboard.flat().find((b) => b.text.includes(text));
  if (!found?.callback_data) throw new Error(`no button ${text} under ${message.text}`);
  return found.callback_data;
};
const current = (message: Message) => bot.api.message(message.chat.id, message.message_id)!;
const nominationRow = async () => (await bot.db.selectFrom('nominations').select(['status', 'level']).execute())[0];
const recommendations = () => bot.db.selectFrom('nomination_recommendations').selectAll().execute();

/** Khoa nominates Hưng by replying to his message in the team's group; returns the card and what was sent. */
async function nominateHung(): Promise<{ card: Message; answer: Answer }> {
  const source = bot.updates.message({ from: hung, chat: team, text: 'Em vừa hiến máu ở bệnh viện' });
  await bot.deliver(source);
  const answer = await bot.send(khoa, team, `/khen ${REASON}`, { replyTo: source.message });
  const card = inChat(answer, team.id)[0];
  if (!card) throw new Error(`no card: ${JSON.stringify(answer.calls)}`);
  return { card, answer };
}

describe('the authority table', () => {
  const people: [string, User][] = [
    ['nominee', hung],
    ['nominator', khoa],
    ['officer', lan],
    ["the unit's commander", teamCommander],
    ['a commander above', aboveCommander],
    ['a root commander', rootCommander],
    ['an admin', users.admin],
  ];
  type Expected = 'decides' | 'recommends' | 'refused';
  /** Who decides each level by default: bieuduong the unit chain, giaykhen the root, bangkhen a proposal of the root. */
  function expected(role: string, level: string): { press: Expected; rejectOrReopen: boolean } {
    if (['nominee', 'nominator', 'officer'].includes(role)) return { press: 'refused', rejectOrReopen: false };
    if (role === 'a root commander' || role === 'an admin') return { press: 'decides', rejectOrReopen: true };
    return level === 'bieuduong'
      ? { press: 'decides', rejectOrReopen: true }
      : { press: 'recommends', rejectOrReopen: false };
  }
  const levels = [
    ['bieuduong', 'Biểu dương'],
    ['giaykhen', 'Giấy khen'],
    ['bangkhen', 'Bằng khen'],
  ] as const;
  const cases = people.flatMap(([role, person]) =>
    levels.map(([code, button]) => ({ role, person, code, button, ...expected(role, code) })),
  );

  it.each(cases)('approve or recommend $code: $role → $press', async ({ person, code, button, press }) => {
    const { card } = await nominateHung();
    const answer = await bot.press(person, card, buttonData(card, button));

    const row = await nominationRow();
    const recommended = await recommendations();
    if (press === 'decides') {
      expect(row).toEqual({ status: 'approved', level: code });
      expect(recommended).toEqual([]);
    } else if (press === 'recommends') {
      expect(row).toEqual({ status: 'pending', level: null });
      expect(recommended).toMatchObject([{ level: code, recommended_by: person.id }]);
      expect(current(card).text).toContain(`${person.first_name} đề xuất lên:`);
    } else {
      expect(row).toEqual({ status: 'pending', level: null });
      expect(recommended).toEqual([]);
      expect(alertOf(answer)).toMatchObject({ show_alert: true });
    }
  });

  it.each(cases)('reject when $code is at stake: $role', async ({ person, code, button, rejectOrReopen }) => {
    const { card } = await nominateHung();
    // A recommendation from below puts the level at stake; with none, the lowest level is.
    if (code !== 'bieuduong') await bot.press(teamCommander, card, buttonData(card, button));
    const answer = await bot.send(person, team, '/tuchoi không đủ tiêu chuẩn khen thưởng', { replyTo: card });

    expect((await nominationRow())?.status).toBe(rejectOrReopen ? 'rejected' : 'pending');
    if (!rejectOrReopen) expect(inChat(answer, team.id)[0]?.text).toMatch(/không (có thẩm quyền|được quyết định)/);
  });

  it.each(cases)('reopen an approval at $code: $role', async ({ person, button, rejectOrReopen }) => {
    const { card } = await nominateHung();
    await bot.press(users.admin, card, buttonData(card, button));
    const decided = current(card);
    const answer = await bot.press(person, decided, buttonData(decided, 'Xem xét lại'));

    expect((await nominationRow())?.status).toBe(rejectOrReopen ? 'pending' : 'approved');
    if (!rejectOrReopen) expect(alertOf(answer)).toMatchObject({ show_alert: true });
  });
});

describe('recommendations and private notifications', () => {
  it('tells the nearest commanders privately of a new nomination, with the card and working buttons', async () => {
    const { answer } = await nominateHung();
    const [copy, ...others] = inChat(answer, teamCommander.id);

    expect(others).toEqual([]);
    expect(copy?.text).toContain('Đề cử chờ đồng chí quyết định');
    expect(copy?.text).toContain('Đề cử khen thưởng #1');
    expect(copy?.text).toContain(`Lý do: ${REASON}`);
    expect(inChat(answer, aboveCommander.id)).toEqual([]);
    expect(inChat(answer, hung.id)).toEqual([]);

    const pressed = await bot.press(teamCommander, copy!, buttonData(copy!, 'Biểu dương'));
    expect(await nominationRow()).toEqual({ status: 'approved', level: 'bieuduong' });
    expect(current(copy!).text).toContain('được tặng Biểu dương');
    expect(
      inChat(pressed, team.id)
        .map((m) => m.text)
        .join('\n'),
    ).toContain('Chúc mừng đồng chí Hà Văn Hưng được tặng Biểu dương!');
  });

  it('a recommendation upward reaches the level’s deciders privately, and they decide from there', async () => {
    const { card } = await nominateHung();
    const recommended = await bot.press(teamCommander, card, buttonData(card, 'Giấy khen'));
    const copy = inChat(recommended, rootCommander.id)[0];

    expect(alertOf(recommended)?.text).toContain('Đã đề xuất');
    expect(current(card).text).toContain('Trịnh Văn Minh đề xuất lên: Giấy khen của Giám đốc Công an tỉnh');
    expect(copy?.text).toContain('Trịnh Văn Minh đề xuất lên');
    expect(inChat(recommended, aboveCommander.id)).toEqual([]);
    const list = await bot.send(rootCommander, chats.private(rootCommander), '/decu');
    expect(list.text).toContain('#1 Hà Văn Hưng');
    expect(list.text).toContain('Trịnh Văn Minh đề xuất lên: Giấy khen');

    await bot.press(rootCommander, copy!, buttonData(copy!, 'Giấy khen'));
    expect(await nominationRow()).toEqual({ status: 'approved', level: 'giaykhen' });
    expect(current(card).text).toContain(
      '✅ Đồng chí được tặng Giấy khen của Giám đốc Công an tỉnh (Hoàng Thị Em quyết định).',
    );
  });

  it('sends a decider at most one private message an hour, listing what is new, and its buttons name each nomination', async () => {
    const first = await nominateHung();
    const source = bot.updates.message({ from: lan, chat: team, text: 'Em vừa giúp dân' });
    await bot.deliver(source);
    const third = await bot.send(khoa, team, `/khen giúp người dân qua đường lúc mưa lớn`, { replyTo: source.message });

    expect(inChat(first.answer, teamCommander.id)).toHaveLength(1);
    expect(inChat(third, teamCommander.id)).toEqual([]);
    const waiting = await bot.db
      .selectFrom('outbox')
      .select(['not_before', 'status'])
      .where('chat_id', '=', teamCommander.id)
      .where('status', '=', 'pending')
      .execute();
    expect(waiting).toEqual([
      { not_before: new Date(bot.clock.now().getTime() + 3600_000).toISOString(), status: 'pending' },
    ]);

    bot.clock.advance(3600_000);
    await bot.app.drain();
    const batch = bot.api.sentMessages(teamCommander.id).at(-1);
    expect(bot.api.sentMessages(teamCommander.id)).toHaveLength(2);
    expect(batch?.text).toContain('Đề cử khen thưởng #2');
    expect(batch?.text).not.toContain('Đề cử khen thưởng #1');
  });

  it('a rejection tells the reason privately to the nominator and the deciders, not to the group', async () => {
    const { card } = await nominateHung();
    await bot.press(teamCommander, card, buttonData(card, 'Giấy khen'));
    const rejected = await bot.send(rootCommander, team, '/tuchoi việc này đã được khen ở cấp đội', { replyTo: card });

    expect(current(card).text).toContain('❌ Không được duyệt (Hoàng Thị Em quyết định).');
    expect(
      inChat(rejected, team.id)
        .map((m) => m.text)
        .join('\n'),
    ).not.toContain('đã được khen ở cấp đội');
    expect(inChat(rejected, khoa.id)[0]?.text).toContain('Lý do: việc này đã được khen ở cấp đội');
    expect(inChat(rejected, hung.id)).toEqual([]);
    expect(await decisionsOf(bot.db, 1)).toMatchObject([
      { outcome: 'rejected', reason: 'việc này đã được khen ở cấp đội' },
    ]);
  });

  it('rejects from the private copy by replying to it, and by number', async () => {
    const { answer } = await nominateHung();
    const copy = inChat(answer, teamCommander.id)[0]!;
    const short = await bot.send(teamCommander, chats.private(teamCommander), '/tuchoi ngắn', { replyTo: copy });
    const done = await bot.send(teamCommander, chats.private(teamCommander), '/tuchoi chưa đủ tiêu chuẩn khen', {
      replyTo: copy,
    });

    expect(short.text).toContain('ít nhất 10 ký tự');
    expect(
      inChat(done, teamCommander.id)
        .map((m) => m.text)
        .join('\n'),
    ).toContain('Đã ghi nhận quyết định');
    expect((await nominationRow())?.status).toBe('rejected');
  });
});

describe('/decision, /commendations, /certificate and /profile', () => {
  /** Hưng's nomination, approved at Giấy khen on 24/11/2026; then the clock moves past the decisions' dates. */
  async function approvedAtGiaykhen() {
    const { card } = await nominateHung();
    await bot.press(rootCommander, card, buttonData(card, 'Giấy khen'));
    bot.clock.set(new Date('2026-12-07T02:00:00Z'));
    return card;
  }

  it('records the decision for admins and root commanders; a second corrects it as a new record', async () => {
    const card = await approvedAtGiaykhen();
    const byTeam = await bot.send(teamCommander, team, '/quyetdinh 1 123/QĐ-CAT 05/12/2026 Đại tá Nguyễn Văn A');
    const badDate = await bot.send(rootCommander, chats.province, '/quyetdinh 1 123/QĐ-CAT 31/02/2026 Đại tá A');
    const first = await bot.send(
      rootCommander,
      chats.province,
      '/quyetdinh 1 123/QĐ-CAT 05/12/2026 Đại tá Nguyễn Văn A',
    );
    const second = await bot.send(
      users.admin,
      chats.private(users.admin),
      '/decision #1 124/QĐ-CAT 06/12/2026 Đại tá Nguyễn Văn A',
    );

    expect(byTeam.text).toContain('Chỉ quản trị viên và chỉ huy Công an tỉnh');
    expect(badDate.text).toContain('không hợp lệ');
    expect(first.text).toContain('Đã ghi quyết định cho đề cử #1');
    expect(second.text).toContain('đính chính');
    const records = await bot.db.selectFrom('commendation_decisions').selectAll().orderBy('id').execute();
    expect(records.map((r) => [r.decision_number, r.decision_date, r.signer, r.recorded_by])).toEqual([
      ['123/QĐ-CAT', '2026-12-05', 'Đại tá Nguyễn Văn A', rootCommander.id],
      ['124/QĐ-CAT', '2026-12-06', 'Đại tá Nguyễn Văn A', users.admin.id],
    ]);
    expect(current(card).text).toContain('Quyết định số 124/QĐ-CAT ngày 06/12/2026, người ký: Đại tá Nguyễn Văn A');
    // Approved in November: this year's list (the clock is in December now).
    const list = await bot.send(lan, team, '/khenthuong nam');
    expect(list.text).toContain('Hà Văn Hưng được tặng Giấy khen của Giám đốc Công an tỉnh');
    expect(list.text).toContain('Quyết định số 124/QĐ-CAT ngày 06/12/2026');
  });

  it('refuses /decision on a nomination not yet approved', async () => {
    await nominateHung();
    const pending = await bot.send(users.admin, chats.private(users.admin), '/quyetdinh 1 5/QĐ 01/12/2026 Ai đó');
    expect(pending.text).toContain('chưa được duyệt');
  });

  it('words a proposal as "được đề nghị tặng" on the card, the congratulation and the list', async () => {
    const { card } = await nominateHung();
    const pressed = await bot.press(rootCommander, card, buttonData(card, 'Bằng khen'));

    expect(current(card).text).toContain(
      'Đồng chí được đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh (Hoàng Thị Em đề nghị)',
    );
    expect(inChat(pressed, team.id)[0]?.text).toContain('được đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh');
    const list = await bot.send(lan, team, '/khenthuong');
    expect(list.text).toContain('Hà Văn Hưng được đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh');
  });

  it('sends a PDF draft certificate through sendDocument', async () => {
    await approvedAtGiaykhen();
    await bot.send(rootCommander, chats.province, '/quyetdinh 1 123/QĐ-CAT 05/12/2026 Đại tá Nguyễn Văn A');
    const answer = await bot.send(hung, team, '/chungnhan 1');
    const call = answer.calls.find((c) => c.method === 'sendDocument');
    const document = call?.payload.document as { source: Uint8Array; filename: string } | undefined;

    expect(call?.payload.chat_id).toBe(team.id);
    expect(call?.payload.caption).toContain('Bản nháp');
    expect(document?.filename).toMatch(/\.pdf$/);
    expect(Buffer.from(document!.source).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { pdfText } = await import('../helpers/pdf-text');
    const text = await pdfText(document!.source);
    expect(text).toContain('BẢN NHÁP');
    expect(text).toContain('Hà Văn Hưng');
    expect(text).toContain('123/QĐ-CAT');
    const missing = await bot.send(users.admin, team, '/chungnhan 9');
    expect(missing.text).toContain('Không có đề cử #9');
  });

  it('/profile shows the unit, this year’s totals and every commendation with its decision', async () => {
    await bot.send(hung, team, '/log dkoto 5');
    await approvedAtGiaykhen();
    await bot.send(rootCommander, chats.province, '/quyetdinh 1 123/QĐ-CAT 05/12/2026 Đại tá Nguyễn Văn A');
    const own = await bot.send(hung, team, '/hoso');
    const hello = bot.updates.message({ from: hung, chat: team, text: 'chào' });
    await bot.deliver(hello);
    const other = await bot.send(teamCommander, team, '/profile', { replyTo: hello.message });

    for (const answer of [own, other]) {
      expect(answer.text).toContain('Hà Văn Hưng');
      expect(answer.text).toContain('Đơn vị: Đội Đăng ký xe');
      expect(answer.text).toContain('Kết quả năm 2026');
      expect(answer.text).toMatch(/5 xe/);
      expect(answer.text).toContain('được tặng Giấy khen của Giám đốc Công an tỉnh');
      expect(answer.text).toContain('QĐ số 123/QĐ-CAT ngày 05/12/2026');
    }
  });
});

describe('who may read a commendation: /certificate and /profile', () => {
  /** Hưng's nomination approved at Giấy khen: commendation #1. */
  async function commended() {
    const { card } = await nominateHung();
    await bot.press(rootCommander, card, buttonData(card, 'Giấy khen'));
  }
  const pdfOf = (answer: Answer) => answer.calls.find((call) => call.method === 'sendDocument');
  /** Dũng commands PC06, a sibling of Hưng's PC08. */
  const siblingCommander = { id: 2005, is_bot: false, first_name: 'Phạm Văn Dũng' } satisfies User;

  it('gives the PDF to the person, the commanders of their unit and the units above, and admins', async () => {
    await commended();
    for (const [person, chat] of [
      [hung, team],
      [teamCommander, team],
      [aboveCommander, chats.pc08],
      [rootCommander, chats.province],
      [users.admin, chats.private(users.admin)],
    ] as const) {
      const answer = await bot.send(person, chat, '/chungnhan 1');
      expect(pdfOf(answer)?.payload.chat_id, person.first_name).toBe(chat.id);
    }
  });

  it('refuses an officer of another unit, a commander of a sibling unit, and every number enumerated', async () => {
    await commended();
    await bot.appointCommander(siblingCommander, chats.pc06);
    for (const [person, chat] of [
      [users.alice, chats.pc06],
      [siblingCommander, chats.pc06],
      [lan, team],
      [khoa, team],
    ] as const) {
      for (let id = 1; id <= 5; id++) {
        const answer = await bot.send(person, chat, `/chungnhan ${id}`);
        expect(pdfOf(answer), `${person.first_name} #${id}`).toBeUndefined();
        expect(answer.text).toContain('chỉ xem được khen thưởng của mình');
      }
    }
  });

  it('shows a profile to the person and the commanders above them, and refuses anyone else', async () => {
    await commended();
    await bot.appointCommander(siblingCommander, chats.pc06);
    const hello = bot.updates.message({ from: hung, chat: team, text: 'chào' });
    await bot.deliver(hello);
    for (const person of [teamCommander, aboveCommander, rootCommander, users.admin]) {
      const answer = await bot.send(person, team, '/hoso', { replyTo: hello.message });
      expect(answer.text, person.first_name).toContain('Giấy khen của Giám đốc Công an tỉnh');
    }
    for (const person of [lan, khoa, siblingCommander, users.alice]) {
      const answer = await bot.send(person, team, '/hoso', { replyTo: hello.message });
      expect(answer.text, person.first_name).toContain('chỉ xem được khen thưởng của mình');
      expect(answer.text).not.toContain('Hà Văn Hưng');
    }
    expect((await bot.send(hung, team, '/hoso')).text).toContain('Giấy khen của Giám đốc Công an tỉnh');
  });
});

describe('the official decision, dated and worded', () => {
  it('refuses a decision dated in the future or before the nomination, with a clear reply', async () => {
    const { card } = await nominateHung();
    await bot.press(rootCommander, card, buttonData(card, 'Bằng khen'));
    const future = await bot.send(rootCommander, chats.province, '/quyetdinh 1 567/QĐ-UBND 25/11/2026 Chủ tịch');
    const before = await bot.send(rootCommander, chats.province, '/quyetdinh 1 567/QĐ-UBND 23/11/2026 Chủ tịch');

    expect(future.text).toContain('Ngày quyết định 25/11/2026 chưa đến');
    expect(before.text).toContain('trước ngày đề cử (24/11/2026)');
    expect(await bot.db.selectFrom('commendation_decisions').selectAll().execute()).toEqual([]);
  });

  /** The "Hình thức" of the export's commendation row, as the admin's /xuat of this month writes it. */
  async function exportedForm(): Promise<unknown> {
    const answer = await bot.send(users.admin, chats.private(users.admin), '/xuat CAT thang');
    const xlsx = answer.calls.find((call) => call.method === 'sendDocument');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from((xlsx!.payload.document as { source: Uint8Array }).source) as never);
    const row = workbook.worksheets[2]!.getRow(2).values as unknown[];
    return row[(workbook.worksheets[2]!.getRow(1).values as unknown[]).indexOf('Hình thức')];
  }

  it('turns a proposal into an award once its decision is recorded: card, /commendations, /profile, certificate, export', async () => {
    const { card } = await nominateHung();
    await bot.press(rootCommander, card, buttonData(card, 'Bằng khen'));
    expect(current(card).text).toContain('quyết định do cấp có thẩm quyền ban hành');
    expect(await exportedForm()).toBe('Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh');
    await bot.send(rootCommander, chats.province, '/quyetdinh 1 567/QĐ-UBND 24/11/2026 Chủ tịch UBND tỉnh');
    expect(await exportedForm()).toBe('Bằng khen của Chủ tịch UBND tỉnh');

    const awarded = 'được tặng Bằng khen của Chủ tịch UBND tỉnh';
    expect(current(card).text).toContain(`Đồng chí ${awarded} (Hoàng Thị Em đề nghị).`);
    expect(current(card).text).not.toContain('đề nghị tặng');
    expect(current(card).text).not.toContain('cấp có thẩm quyền');
    const list = await bot.send(teamCommander, team, '/khenthuong');
    expect(list.text).toContain(`Hà Văn Hưng ${awarded}`);
    const profile = await bot.send(hung, team, '/hoso');
    expect(profile.text).toContain(awarded);
    const pdf = (await bot.send(hung, team, '/chungnhan 1')).calls.find((call) => call.method === 'sendDocument');
    const { pdfText } = await import('../helpers/pdf-text');
    const text = await pdfText((pdf!.payload.document as { source: Uint8Array }).source);
    expect(text).toContain('được tặng');
    expect(text).not.toContain('đề nghị tặng');
  });
});
