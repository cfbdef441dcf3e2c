import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';

let bot: TestBot;
/** Early September 2021: May–August lie within COMMANDER_BACKDATE_DAYS. */
const SEPTEMBER_2021 = new Date('2021-09-06T02:00:00Z');

beforeEach(async () => {
  bot = await startTestBot({ now: SEPTEMBER_2021 });
  await bot.setUpUnits();
  await bot.appointCommander(users.alice, chats.pc06);
  await bot.appointCommander(users.binh, chats.pc08);
});
afterEach(() => bot.close());

/** The article's figures, logged by the two commanders in pieces across May–August 2021. */
async function logTheArticle(): Promise<void> {
  for (const line of [
    '/log cccd 350 vlnc 100 antt 2 15/05/2021',
    '/log cccd 400 vlnc 120 antt 3 20/06/2021',
    '/log cccd 300 vlnc 127 10/07/2021',
    '/log cccd 350 vlnc 100 antt 3 31/08/2021',
  ])
    await bot.send(users.alice, chats.pc06, line);
  for (const line of [
    '/log dkoto 110 dktam 1.222 bienvang 100 01/05/2021',
    '/log dkoto 200 dktam 2.000 bienvang 161 15/06/2021',
    '/log dkoto 200 dktam 2.000 bienvang 200 30/08/2021',
  ])
    await bot.send(users.binh, chats.pc08, line);
  // Outside the period: never counted.
  await bot.send(users.alice, chats.pc06, '/log cccd 999 30/04/2021');
  await bot.send(users.alice, chats.pc06, '/log cccd 999 01/09/2021');
}

describe('/report', () => {
  it('writes the article’s paragraph from the logged entries, with Vietnamese thousands', async () => {
    await logTheArticle();
    const pc06 = await bot.send(users.alice, chats.pc06, '/baocao 05/2021-08/2021');
    expect(pc06.text).toContain(
      'Từ tháng 5/2021 đến hết tháng 8/2021, đơn vị đã cấp mới 1.400 căn cước công dân; ' +
        'cấp 447 giấy phép vận chuyển vật liệu nổ công nghiệp; ' +
        'cấp 8 giấy chứng nhận đủ điều kiện về an ninh trật tự.',
    );
    const province = await bot.send(users.admin, chats.province, '/report 05/2021-08/2021');
    const text = province.sent.map((message) => message.text).join('\n');
    expect(text).toContain('Phòng Cảnh sát QLHC về TTXH đã cấp mới 1.400 căn cước công dân; cấp 447');
    expect(text).toContain(
      'Phòng Cảnh sát Giao thông đã đăng ký mới 510 xe ô tô; đăng ký tạm thời 5.222 trường hợp; ' +
        'cấp đổi biển số màu vàng cho 461 phương tiện.',
    );
    expect(text).toContain('▸ PC08: dkoto 510, dktam 5.222, bienvang 461');
  });

  it('shows % of a target and answers in English in an English chat', async () => {
    await logTheArticle();
    const set = await bot.send(users.alice, chats.pc06, '/muctieu cccd 500 thang');
    expect(set.text).toContain('Mục tiêu tháng của Phòng Cảnh sát QLHC về TTXH');
    await bot.send(users.admin, chats.pc06, '/lang en');
    const answer = await bot.send(users.alice, chats.pc06, '/report 05/2021-08/2021');
    expect(answer.text).toContain('the unit issued 1,400 new citizen ID cards');
    expect(answer.text).toContain('1,400/2,000');
    expect(answer.text).toContain('new citizen ID cards issued reached 70%');
  });

  it('lets officers see their own group’s figures but not another unit’s, and names a bad period', async () => {
    const own = await bot.send(users.chi, chats.pc06, '/baocao thang');
    expect(own.text).toContain('Báo cáo kết quả');
    const other = await bot.send(users.chi, chats.pc06, '/baocao PC08 thang');
    expect(other.text).toContain('Chỉ chỉ huy');
    const bad = await bot.send(users.alice, chats.pc06, '/baocao 13/2021');
    expect(bad.text).toContain('Không hiểu kỳ báo cáo "13/2021"');
    const officerTarget = await bot.send(users.chi, chats.pc06, '/muctieu cccd 5 thang');
    expect(officerTarget.text).toContain('Chỉ chỉ huy');
  });
});

describe('/campaign and /model', () => {
  it('counts registered units and models; a third model needs an admin', async () => {
    await bot.send(users.alice, chats.pc06, '/mohinh add Với nụ cười - Vì nụ cười');
    await bot.send(users.alice, chats.pc06, '/mohinh add CBCS gần gũi, sâu sát địa bàn');
    const third = await bot.send(users.alice, chats.pc06, '/mohinh add Một mô hình nữa');
    expect(third.text).toContain('đã có 2 mô hình');
    const byAdmin = await bot.send(users.admin, chats.pc06, '/mohinh add Một mô hình nữa');
    expect(byAdmin.text).toContain('mô hình thứ 3');
    const campaign = await bot.send(users.chi, chats.pc06, '/phongtrao');
    expect(campaign.text).toContain('3/4');
    expect(campaign.text).toContain('Mô hình đã đăng ký trên toàn tỉnh: 3');
    expect(campaign.text).toContain('5 xin');
    const list = await bot.send(users.chi, chats.pc06, '/mohinh list');
    expect(list.text).toContain('«Với nụ cười - Vì nụ cười»');
  });
});
