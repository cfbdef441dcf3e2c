import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
  await bot.setUpUnits();
});
afterEach(() => bot.close());

describe('/me', () => {
  it('shows the caller’s totals this week and this month, leaving out other people and undone entries', async () => {
    await bot.send(users.alice, chats.pc06, '/log cccd 100 18/11');
    await bot.send(users.alice, chats.pc06, '/log cccd 20 dkoto 3');
    await bot.send(users.alice, chats.pc06, '/log vlnc 4');
    await bot.send(users.alice, chats.pc06, '/undo');
    await bot.send(users.binh, chats.pc06, '/log cccd 999');
    const answer = await bot.send(users.alice, chats.private(users.alice), '/toi');

    expect(answer.text).toBe(
      [
        'Kết quả của Nguyễn Văn An',
        'Tuần này (23/11/2026–29/11/2026):',
        '• Cấp mới căn cước công dân: 20 thẻ',
        '• Đăng ký mới xe ô tô: 3 xe',
        'Tháng 11/2026:',
        '• Cấp mới căn cước công dân: 120 thẻ',
        '• Đăng ký mới xe ô tô: 3 xe',
        'Thứ hạng trong Phòng Cảnh sát QLHC về TTXH tuần này:',
        '• Cấp mới căn cước công dân: hạng 2/2 (20)',
        '• Đăng ký mới xe ô tô: hạng 1/1 (3)',
      ].join('\n'),
    );
  });

  it('shows the caller’s rank in the group’s unit, ties sharing a rank', async () => {
    await bot.send(users.alice, chats.pc06, '/log cccd 50');
    await bot.send(users.binh, chats.pc06, '/log cccd 80 dkoto 1');
    await bot.send(users.admin, chats.pc06, '/log cccd 50');
    const answer = await bot.send(users.admin, chats.pc06, '/me');

    expect(answer.text).toContain(
      'Thứ hạng trong Phòng Cảnh sát QLHC về TTXH tuần này:\n• Cấp mới căn cước công dân: hạng 2/3 (50)',
    );
    expect(answer.text).not.toContain('Đăng ký mới xe ô tô: hạng');
  });

  it('says when there is nothing yet', async () => {
    const answer = await bot.send(users.alice, chats.pc06, '/me');

    expect(answer.text).toContain('(chưa có)');
  });
});

describe('/top', () => {
  it("ranks the unit's members in its own group, ties sharing a rank", async () => {
    await bot.send(users.alice, chats.pc06, '/log cccd 50');
    await bot.send(users.binh, chats.pc06, '/log cccd 80');
    await bot.send(users.admin, chats.pc06, '/log cccd 50');
    const answer = await bot.send(users.alice, chats.pc06, '/top cccd');

    expect(answer.text).toBe(
      [
        '🏆 Bảng xếp hạng Phòng Cảnh sát QLHC về TTXH (tuần 23/11/2026–29/11/2026)',
        '',
        'Cấp mới căn cước công dân (thẻ)',
        '1. Trần Thị Bình: 80',
        '2. Đỗ Ngọc Bình: 50',
        '2. Nguyễn Văn An: 50',
      ].join('\n'),
    );
  });

  it('ranks sub-units in a parent unit’s group, rolling each subtree up', async () => {
    await bot.send(users.alice, chats.pc06, '/log cccd 30');
    await bot.send(users.chi, chats.pc08, '/log cccd 10');
    const team = { id: -1001000000081, type: 'supergroup' as const, title: 'Đội Đăng ký' };
    await bot.send(users.admin, team, '/register PC08-DK');
    await bot.send(users.chi, team, '/log cccd 25');
    const answer = await bot.send(users.alice, chats.province, '/bxh thang');

    expect(answer.text).toContain('tháng 11/2026');
    expect(answer.text).toContain('1. Phòng Cảnh sát Giao thông: 35\n2. Phòng Cảnh sát QLHC về TTXH: 30');
  });

  it('shows each sub-unit (at zero too), the parent’s own entries as a row of their own, and the total', async () => {
    await bot.send(users.alice, chats.pc06, '/log cccd 30');
    await bot.send(users.admin, chats.province, '/log cccd 4');
    const answer = await bot.send(users.alice, chats.province, '/top cccd');

    expect(answer.text).toBe(
      [
        '🏆 Bảng xếp hạng Công an tỉnh Lạng Sơn (tuần 23/11/2026–29/11/2026)',
        '',
        'Cấp mới căn cước công dân (thẻ)',
        '1. Phòng Cảnh sát QLHC về TTXH: 30',
        '2. Phòng Cảnh sát Giao thông: 0',
        '• Công an tỉnh Lạng Sơn (trực tiếp): 4',
        'Tổng: 34',
      ].join('\n'),
    );
  });

  it('covers last week and last month', async () => {
    await bot.send(users.alice, chats.pc06, '/log cccd 9 18/11');
    await bot.send(users.alice, chats.pc06, '/log cccd 2');
    const lastWeek = await bot.send(users.alice, chats.pc06, '/top tuan-truoc');
    const spaced = await bot.send(users.alice, chats.pc06, '/bxh tuần trước cccd');
    bot.clock.set(new Date('2026-12-02T02:00:00Z'));
    const lastMonth = await bot.send(users.alice, chats.pc06, '/top thang-truoc');

    expect(lastWeek.text).toContain('(tuần 16/11/2026–22/11/2026)');
    expect(lastWeek.text).toContain('1. Nguyễn Văn An: 9');
    expect(spaced.text).toBe(lastWeek.text);
    expect(lastMonth.text).toContain('(tháng 11/2026)');
    expect(lastMonth.text).toContain('1. Nguyễn Văn An: 11');
  });

  it('shows in a private chat the units the caller commands or belongs to', async () => {
    await bot.send(users.alice, chats.pc06, '/log cccd 5');
    await bot.appointCommander(users.chi, chats.pc08);
    await bot.send(users.chi, chats.pc08, '/log dkoto 3');
    const member = await bot.send(users.alice, chats.private(users.alice), '/top');
    const commander = await bot.send(users.chi, chats.private(users.chi), '/top');
    const stranger = { id: 1777, is_bot: false, first_name: 'Khách' };
    const nobody = await bot.send(stranger, chats.private(stranger), '/top');

    expect(member.text).toContain('🏆 Bảng xếp hạng Phòng Cảnh sát QLHC về TTXH');
    expect(member.text).toContain('1. Nguyễn Văn An: 5');
    expect(commander.text).toContain('🏆 Bảng xếp hạng Phòng Cảnh sát Giao thông');
    expect(commander.text).toContain(
      'Đăng ký mới xe ô tô (xe)\n1. Đội Đăng ký xe: 0\n• Phòng Cảnh sát Giao thông (trực tiếp): 3\nTổng: 3',
    );
    expect(nobody.text).toContain('chưa chỉ huy hoặc chưa thuộc đơn vị nào');
  });

  it('covers the year and leaves out what was logged before the period', async () => {
    bot.clock.set(new Date('2027-01-02T02:00:00Z'));
    await bot.send(users.alice, chats.pc06, '/log cccd 5 28/12/2026');
    await bot.send(users.alice, chats.pc06, '/log cccd 7');
    const answer = await bot.send(users.alice, chats.pc06, '/top year');

    expect(answer.text).toContain('năm 2027');
    expect(answer.text).toContain('1. Nguyễn Văn An: 7');
  });

  it('says when nothing was logged, and explains a bad argument', async () => {
    const empty = await bot.send(users.alice, chats.pc06, '/top');
    const bad = await bot.send(users.alice, chats.pc06, '/top banana');

    expect(empty.text).toContain('Chưa có kết quả');
    expect(bad.text).toContain('Không có chỉ tiêu "banana"');
  });

  it('escapes names so they cannot change the formatting', async () => {
    const mallory = { id: 1666, is_bot: false, first_name: '<b>Mallory</b> & <i>co' };
    await bot.send(mallory, chats.pc06, '/log cccd 5');
    const answer = await bot.send(users.alice, chats.pc06, '/top');

    expect(answer.calls[0]?.payload.text).toContain('&lt;b&gt;Mallory&lt;/b&gt; &amp; &lt;i&gt;co');
    expect(answer.text).toContain('1. <b>Mallory</b> & <i>co: 5');
  });
});

describe('/metrics', () => {
  it('lists the seeded catalog with aliases', async () => {
    const answer = await bot.send(users.alice, chats.pc06, '/chitieu');

    for (const code of [
      'cccd',
      'vlnc',
      'antt',
      'dkoto',
      'dktam',
      'bienvang',
      'tuyentruyen',
      'khautrang',
      'tamchan',
      'qua',
    ]) {
      expect(answer.text).toContain(code);
    }
    expect(answer.text).toContain('can cuoc');
  });
});
