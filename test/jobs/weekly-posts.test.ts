import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../src/features/weekly/weekly-jobs';
import { outboxCounts } from '../../src/outbox/outbox-store';
import type { TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';
import {
  deliverDue,
  dung,
  em,
  FRIDAY_1500,
  jobDepsOf,
  MONDAY_0730,
  MONDAY_0800,
  startWeekBot,
  team,
  textTo,
} from '../helpers/weekly';

// One week of work, set up once: the tests below read it through the jobs, in order, each at its own instant.
let bot: TestBot;
beforeAll(async () => {
  bot = await startWeekBot();
});
afterAll(() => bot.close());

describe('the weekly leaderboard', () => {
  it("posts last week's totals, change, rank among siblings, top contributors and commendations to every group", async () => {
    bot.clock.set(MONDAY_0800);
    const run = await runJob(jobDepsOf(bot), 'leaderboard', MONDAY_0800, MONDAY_0800);
    const sent = await deliverDue(bot);

    expect(run).toEqual({ job: 'leaderboard', period: '2026-W48', planned: 4, queued: 4, charts: 3 });
    expect(textTo(sent, chats.pc06.id)).toBe(
      [
        '🏆 Tổng kết tuần 23/11/2026–29/11/2026 (2026-W48)',
        'Phòng Cảnh sát QLHC về TTXH',
        '',
        '📈 Kết quả theo chỉ tiêu, so với tuần trước:',
        '• Cấp mới căn cước công dân: 142 thẻ (▲ 42%)',
        '• Đăng ký mới xe ô tô: 5 xe (▲ mới)',
        '',
        '🥇 Xếp hạng trong các đơn vị thuộc Công an tỉnh Lạng Sơn:',
        '• Cấp mới căn cước công dân: hạng 2/2',
        '• Đăng ký mới xe ô tô: hạng 1/2',
        '',
        '👏 Cán bộ tiêu biểu:',
        '• Cấp mới căn cước công dân: Nguyễn Văn An 112, Trần Thị Bình 30',
        '• Đăng ký mới xe ô tô: Nguyễn Văn An 5',
        '',
        '🏅 Khen thưởng được duyệt tuần qua:',
        '• Nguyễn Văn An (Phòng Cảnh sát QLHC về TTXH) được tặng Giấy khen của Giám đốc Công an tỉnh: hiến máu cứu người bị tai nạn',
      ].join('\n'),
    );
    expect(textTo(sent, chats.pc08.id)).toContain('• Cấp mới căn cước công dân: 200 thẻ (▲ 300%)');
    expect(textTo(sent, chats.pc08.id)).toContain('• Cấp mới căn cước công dân: hạng 1/2');
    // The province rolls up everything under it and has no siblings to rank against.
    expect(textTo(sent, chats.province.id)).toContain('• Cấp mới căn cước công dân: 342 thẻ (▲ 128%)');
    expect(textTo(sent, chats.province.id)).not.toContain('🥇');
    // …but ranks its sub-units, each with its subtree rolled up (PC08's team logged nothing, PC08 itself 200).
    expect(textTo(sent, chats.province.id)).toContain(
      '🏢 Xếp hạng các đơn vị trực thuộc (gồm cả cấp dưới):\n• Cấp mới căn cước công dân: 1. PC08 200 · 2. PC06 142',
    );
    // The team's group chose English.
    expect(textTo(sent, team.id)).toBe(
      [
        '🏆 Week 23/11/2026–29/11/2026 in review (2026-W48)',
        'Đội Đăng ký xe',
        '',
        '📈 Results by metric, against the week before:',
        'Nothing was logged last week.',
      ].join('\n'),
    );
  });

  it('is the same post when the job runs again for the week: nothing more is queued or sent', async () => {
    const run = await runJob(jobDepsOf(bot), 'leaderboard', MONDAY_0800, MONDAY_0800);

    expect(run.queued).toBe(0);
    expect(await deliverDue(bot)).toEqual([]);
  });
});

describe('the weekly digest', () => {
  it("sends each commander their subtree's roll-up privately, and the province digest to the command group", async () => {
    bot.clock.set(MONDAY_0730);
    const run = await runJob(jobDepsOf(bot), 'digest', MONDAY_0730, MONDAY_0730);
    const sent = await deliverDue(bot);

    expect(run).toMatchObject({ period: '2026-W48', planned: 3, queued: 3 });
    expect(textTo(sent, dung.id)).toBe(
      [
        '📊 Tổng hợp tuần 23/11/2026–29/11/2026 (2026-W48)',
        'Phòng Cảnh sát QLHC về TTXH và các đơn vị trực thuộc',
        '',
        '📈 Kết quả theo chỉ tiêu, so với tuần trước:',
        '• Cấp mới căn cước công dân: 142 thẻ (▲ 42%)',
        '• Đăng ký mới xe ô tô: 5 xe (▲ mới)',
        '',
        '📊 Theo đơn vị, từng chỉ tiêu, so với tuần trước:',
        'Cấp mới căn cước công dân (thẻ)',
        'PC06 ██████████ 142 ▲ 42%',
        'Đăng ký mới xe ô tô (xe)',
        'PC06 ██████████ 5 ▲ mới',
        '',
        '✅ Mọi đơn vị có nhóm đều đã ghi kết quả.',
        '',
        '👏 Cán bộ tiêu biểu:',
        '• Cấp mới căn cước công dân: Nguyễn Văn An (PC06) 112, Trần Thị Bình (PC06) 30',
        '• Đăng ký mới xe ô tô: Nguyễn Văn An (PC06) 5',
        '',
        '⏳ Đề cử chờ đồng chí quyết định (1):',
        '• #2 Trần Thị Bình (PC06), 24/11: làm căn cước ngoài giờ cho dân',
        '',
        '🏅 Khen thưởng được duyệt tuần qua:',
        '• Nguyễn Văn An (Phòng Cảnh sát QLHC về TTXH) được tặng Giấy khen của Giám đốc Công an tỉnh: hiến máu cứu người bị tai nạn',
      ].join('\n'),
    );
    const province = textTo(sent, em.id);
    expect(province).toContain('Công an tỉnh Lạng Sơn và các đơn vị trực thuộc');
    // One chart per metric: the cards of PC06 and the cards of PC08, never cards and cars added together.
    expect(province).not.toContain('147');
    expect(province).toMatch(
      /Cấp mới căn cước công dân \(thẻ\)\n PC06 +█+[▉▊▋▌▍▎▏]? +142 ▲ 42%\n PC08 +█+ +200 ▲ 300%/,
    );
    expect(province).toContain('⚠️ Đơn vị chưa ghi kết quả (1):\n• PC08-DK Đội Đăng ký xe');
    expect(province).toContain('Lê Văn Chí (PC08) 200, Nguyễn Văn An (PC06) 112');
    expect(textTo(sent, chats.province.id)).toBe(province);
    // The chart is a <pre> block.
    const chart = sent.find((message) => message.chat.id === em.id)?.entities?.find((e) => e.type === 'pre');
    expect(chart).toBeDefined();
  });
});

describe('the reminder', () => {
  it('goes only to groups whose unit logged nothing this week, quoting the motto', async () => {
    bot.clock.set(FRIDAY_1500);
    const run = await runJob(jobDepsOf(bot), 'reminder', FRIDAY_1500, FRIDAY_1500);
    const sent = await deliverDue(bot);

    expect(run).toMatchObject({ period: '2026-11-27', planned: 1, queued: 1 });
    expect(sent.map((message) => message.chat.id)).toEqual([team.id]);
    expect(sent[0]?.text).toBe(
      [
        '⏰ Đội Đăng ký xe has logged nothing this week (since 23/11/2026). Remember to log with /log metric amount, e.g. /log cccd 120.',
        '',
        '💬 "5 please" (5 xin): hello, thank you, excuse me, sorry, please show me how.',
      ].join('\n'),
    );
  });

  it('is skipped on a holiday', async () => {
    const run = await runJob(jobDepsOf(bot, { holidays: ['2026-11-27'] }), 'reminder', FRIDAY_1500, FRIDAY_1500);

    expect(run).toMatchObject({ planned: 0, queued: 0 });
  });

  it('is skipped in a group whose reminders are off', async () => {
    await bot.send(users.admin, team, '/settings reminders off');
    const wednesday = new Date('2026-11-25T08:00:00Z');
    const run = await runJob(jobDepsOf(bot), 'reminder', wednesday, wednesday);

    expect(run).toMatchObject({ period: '2026-11-25', planned: 0 });
    expect((await outboxCounts(bot.db)).pending).toBe(0);
  });
});
