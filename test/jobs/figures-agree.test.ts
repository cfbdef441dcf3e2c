import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appMetric, appOverview } from '../../src/features/app/app-service';
import { chartsOf } from '../../src/features/reports/report-service';
import { planPosts } from '../../src/features/weekly/weekly-posts';
import { parseJobPeriod } from '../../src/kernel/job-period';
import { importSheets, PEOPLE_HEADERS } from '../features/roster/roster-fixture';
import type { TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';
import { em, jobDepsOf, startWeekBot, team } from '../helpers/weekly';

// Issue 17 §5: one week of the weekly fixture (PC06 142 cards, PC08 200 of its own), and PC08's team logs 30 cards
// too, so PC08's total (230) is its own entries plus its sub-unit's. Every output must show the same figures.
let bot: TestBot;
beforeAll(async () => {
  bot = await startWeekBot();
  await bot.send(teamOfficer, team, '/log cccd 30');
  // PC08 itself issues explosives permits, which its team does not: no sub-unit ranks on that metric.
  await bot.send(users.chi, chats.pc08, '/log vlnc 7');
  bot.api.clear();
});
afterAll(() => bot.close());

/** An officer of the team. */
const teamOfficer = { id: 2101, is_bot: false, first_name: 'Đỗ Văn Đức' } as const;

const W48 = { from: '2026-11-23', to: '2026-11-29' } as const;

const scope = () => ({
  db: bot.db,
  directory: bot.app.services.directory,
  config: bot.app.services.config,
  now: bot.clock.now(),
});

const postTo = async (job: 'leaderboard' | 'digest', chatId: number) =>
  (await planPosts(jobDepsOf(bot), job, parseJobPeriod(job, '2026-W48')!)).find((post) => post.chatId === chatId);

describe("the figures of one unit and week agree across /top, /bieudo, the weekly post, /baocao and the app's API", () => {
  it.each([
    ['PC08', chats.pc08, 230, '230'],
    ['CAT', chats.province, 372, '372'],
  ] as const)('%s: cards', async (_code, chat, total, shown) => {
    const top = await bot.send(users.admin, chat, '/top cccd');
    expect(top.text).toContain(shown);

    const catalog = await bot.app.services.directory.metrics();
    const cccd = catalog.all.find((metric) => metric.code === 'cccd')!;
    const charted = await chartsOf(
      scope(),
      { userId: users.admin.id },
      { place: await placeOf(chat.id), metric: cccd, range: W48, locale: 'vi' },
    );
    if (!charted.ok) throw new Error(charted.error.kind);
    // The ranking's bars are its sub-units and its own entries: they add up to the unit's total.
    expect(charted.value.ranking.bars.reduce((sum, bar) => sum + bar.value, 0)).toBe(total);
    expect(charted.value.trend.bars.at(-1)?.value).toBe(total);

    const post = await postTo('leaderboard', chat.id);
    expect(post?.html).toContain(`Cấp mới căn cước công dân: <b>${shown}</b> thẻ`);

    const report = await bot.send(users.admin, chat, '/baocao tuan');
    expect(report.text).toContain(`${shown} căn cước công dân`);

    // The commanders' web app: the overview's week and the metric page's trend and ranking.
    const unitId = (await placeOf(chat.id)).unitId ?? Number.NaN;
    const app = { languageCode: 'vi', startParam: null };
    const overview = await appOverview(scope(), { userId: users.admin.id }, { ...app, unitId });
    if (!overview.ok) throw new Error(String(overview.error));
    expect(overview.value.total.find((figures) => figures.metric === 'cccd')?.week).toBe(total);
    const metric = await appMetric(
      scope(),
      { userId: users.admin.id },
      { ...app, unitId, metric: 'cccd', weeks: 8, period: 'week' },
    );
    if (!metric.ok) throw new Error(String(metric.error));
    expect(metric.value.trend.at(-1)?.total).toBe(total);
    expect(metric.value.ranking.rows.reduce((sum, row) => sum + row.total, metric.value.ranking.own)).toBe(total);
  });
});

describe('the weekly leaderboard of a parent group and the chart of a team', () => {
  it("ranks PC08's team and its own entries, leaving out metrics none of its sub-units logged", async () => {
    const html = (await postTo('leaderboard', chats.pc08.id))?.html ?? '';
    expect(html).toContain('• Cấp mới căn cước công dân: 1. PC08 (trực tiếp) <b>200</b> · 2. PC08-DK <b>30</b>');
    // No line ends on a metric's name with nothing after it ("• Giấy phép vận chuyển vật liệu nổ công nghiệp: ").
    expect(html).toContain('Giấy phép vận chuyển vật liệu nổ công nghiệp: <b>7</b>');
    expect(html).not.toMatch(/^• [^:\n]+: *$/m);
    // The province's own entries are none; PC06 logged cars, which no other unit did: a place of its own.
    const province = (await postTo('leaderboard', chats.province.id))?.html ?? '';
    expect(province).toContain('• Cấp mới căn cước công dân: 1. PC08 <b>230</b> · 2. PC06 <b>142</b>');
    expect(province).not.toMatch(/^• [^:\n]+: *$/m);
  });

  it('names the team in its chart and sets its week against the week before, not a ranking of one', async () => {
    const chart = (await postTo('leaderboard', team.id))?.chart;
    expect(chart?.svg).toContain('Đội Đăng ký xe against the week before');
    expect(chart?.svg).not.toContain('Phòng Cảnh sát Giao thông');
    // Two bars: the week before (nothing) and this week (30).
    expect(chart?.svg).toMatch(/>16\/11<|>23\/11</);
    expect(chart?.svg).toContain('>30<');
  });

  it('names a unit among siblings in its chart, with its parent', async () => {
    const chart = (await postTo('leaderboard', chats.pc06.id))?.chart;
    expect(chart?.svg).toContain('Xếp hạng tuần 2026-W48: Phòng Cảnh sát QLHC về TTXH trong các đơn vị');
  });
});

/** The place a group's commands run in, as the chat door builds it. */
async function placeOf(chatId: number) {
  const settings = await bot.db.selectFrom('chats').select('unit_id').where('chat_id', '=', chatId).executeTakeFirst();
  return { kind: 'group' as const, unitId: settings?.unit_id ?? null };
}

describe('who logged nothing, by the roster', () => {
  it('counts per unit the active roster members with no entry in the week, only where a unit has a roster', async () => {
    // PC06: An and Bình logged in W48, Hùng has no account, Tâm left; PC08: Chí logged. The team has no roster.
    await importSheets(bot.db, {
      'Cán bộ': [
        PEOPLE_HEADERS,
        ['Nguyễn Văn An', 'Thiếu úy', 'Cán bộ', 'PC06', 'A-1', String(users.alice.id), 'cán bộ'],
        ['Trần Thị Bình', 'Trung úy', 'Cán bộ', 'PC06', 'A-2', String(users.binh.id), 'cán bộ'],
        ['Lý Văn Hùng', 'Hạ sĩ', 'Cán bộ', 'PC06', 'A-3', null, 'cán bộ'],
        ['Lê Văn Chí', 'Đại úy', 'Cán bộ', 'PC08', 'B-1', String(users.chi.id), 'cán bộ'],
      ],
    });
    const tam = await bot.db
      .insertInto('people')
      .values({
        full_name: 'Vũ Thị Tâm',
        name_key: 'vu thi tam',
        rank: null,
        position: null,
        unit_id: (await bot.db.selectFrom('units').select('id').where('code', '=', 'PC06').executeTakeFirstOrThrow())
          .id,
        service_number: 'A-4',
        role: 'officer',
        user_id: null,
        pending_user_id: null,
        pending_username: null,
        left_on: '2026-11-01',
        created_at: W48.from,
        updated_at: W48.from,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(tam.id).toBeGreaterThan(0);

    const digest = (await postTo('digest', em.id))?.html ?? '';
    expect(digest).toContain(
      'Cán bộ chưa ghi nhận tuần này (theo danh sách):\n• PC06: 1/3 đồng chí chưa ghi nhận\n• PC08: 0/1',
    );
    expect(digest).not.toContain('• PC08-DK: ');
    const pc06 = (await postTo('leaderboard', chats.pc06.id))?.html ?? '';
    expect(pc06).toContain('👥 1/3 đồng chí chưa ghi nhận tuần này.');
    // Top contributors by the roster's full name; a rank is personal data, never in a group's post.
    await bot.send({ ...users.alice, first_name: 'An 🌟', last_name: undefined }, chats.pc06, 'tên mới');
    const renamed = (await postTo('leaderboard', chats.pc06.id))?.html ?? '';
    expect(renamed).toContain('Nguyễn Văn An 112');
    expect(renamed).not.toContain('🌟');
    expect(renamed).not.toContain('Thiếu úy');
    expect((await postTo('leaderboard', chats.province.id))?.html).toContain('👥 1/4 đồng chí chưa ghi nhận tuần này.');
    // The team has no roster: no count at all.
    expect((await postTo('leaderboard', team.id))?.html).not.toContain('👥');
    // The week before, An logged in PC06 (18/11) and Bình did not: a past week counts its own days.
    const before = (await planPosts(jobDepsOf(bot), 'leaderboard', parseJobPeriod('leaderboard', '2026-W47')!)).find(
      (post) => post.chatId === chats.pc06.id,
    );
    expect(before?.html).toContain('👥 2/3 đồng chí chưa ghi nhận tuần này.');
  });
});
