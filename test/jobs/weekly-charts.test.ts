import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config';
import { runJob, runJobForPeriod } from '../../src/features/weekly/weekly-jobs';
import { planPosts } from '../../src/features/weekly/weekly-posts';
import { parseJobPeriod } from '../../src/kernel/job-period';
import type { TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';
import { dung, em, jobDepsOf, MONDAY_0730, MONDAY_0800, startWeekBot, team } from '../helpers/weekly';

// The week of test/helpers/weekly.ts: PC06 logs 142 cards and 5 cars in W48 (100 cards in W47), PC08 200 cards in
// W48 (50 in W47), PC08's team nothing. Tests run in order on one bot.
let bot: TestBot;
beforeAll(async () => {
  bot = await startWeekBot();
});
afterAll(() => bot.close());

type Call = { method: string; payload: Record<string, unknown> };

/** Delivers what is due and returns every Bot API call made, in order. */
async function deliverCalls(): Promise<Call[]> {
  const calls: Call[] = [];
  const unsubscribe = bot.api.onCall((call, outcome) => {
    if (outcome.ok) calls.push({ method: call.method, payload: call.payload });
  });
  try {
    await bot.app.drain();
  } finally {
    unsubscribe();
  }
  return calls;
}

const photosIn = (calls: readonly Call[]) => calls.filter((call) => call.method === 'sendPhoto');

/** The photo decoded: its size, and how many colours a sample of its pixels has (1 for a blank picture). */
function decoded(call: Call): { width: number; height: number; colours: number } {
  const png = PNG.sync.read(Buffer.from((call.payload.photo as { source: Uint8Array }).source));
  const colours = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4 * 97) colours.add(png.data.readUInt32BE(i));
  return { width: png.width, height: png.height, colours: colours.size };
}

const chartRows = async (job: string) =>
  (await bot.db.selectFrom('outbox').select(['chat_id', 'period', 'kind']).where('job', '=', job).execute()).map(
    (row) => ({ chatId: Number(row.chat_id), period: row.period, kind: row.kind }),
  );

describe('the chart photo beside the weekly leaderboard', () => {
  it('draws one panel per metric the group logged, ranked with its siblings or sub-units, never adding metrics', async () => {
    const posts = await planPosts(jobDepsOf(bot), 'leaderboard', parseJobPeriod('leaderboard', '2026-W48')!);
    const chartOf = (chatId: number) => posts.find((post) => post.chatId === chatId)?.chart;

    const pc06 = chartOf(chats.pc06.id);
    expect(pc06?.job).toBe('leaderboard-chart');
    expect(pc06?.caption).toBe('📊 Biểu đồ xếp hạng tuần 2026-W48, từng chỉ tiêu · Phòng Cảnh sát QLHC về TTXH');
    const panels = [...(pc06?.svg ?? '').matchAll(/font-size="20" font-weight="700" fill="#111">([^<]+)</g)];
    expect(panels.map((match) => match[1])).toEqual(['Cấp mới căn cước công dân (thẻ)', 'Đăng ký mới xe ô tô (xe)']);
    // Cards: PC08 200 above PC06 142; cards and cars (147) are never added up.
    expect(pc06?.svg).toMatch(/>PC08<[\s\S]*>200<[\s\S]*>PC06<[\s\S]*>142</);
    expect(pc06?.svg).not.toContain('>147<');
    // The province's sub-units, each with its subtree; PC08's own entries beside its silent team.
    expect(chartOf(chats.province.id)?.svg).toMatch(/>PC08<[\s\S]*>200<[\s\S]*>PC06<[\s\S]*>142</);
    expect(chartOf(chats.pc08.id)?.svg).toContain('>PC08 (trực tiếp)<');
    // The team logged nothing: no blank chart.
    expect(chartOf(team.id)).toBeUndefined();
  });

  it('goes right after the post, in the same chat, as a PNG that is not blank', async () => {
    bot.clock.set(MONDAY_0800);
    const run = await runJob(jobDepsOf(bot), 'leaderboard', MONDAY_0800, MONDAY_0800);
    const calls = await deliverCalls();

    expect(run).toEqual({ job: 'leaderboard', period: '2026-W48', planned: 4, queued: 4, charts: 3 });
    const photos = photosIn(calls);
    expect(photos.map((call) => call.payload.chat_id).sort()).toEqual(
      [chats.pc06.id, chats.pc08.id, chats.province.id].sort(),
    );
    for (const photo of photos) {
      const chatId = photo.payload.chat_id;
      const text = calls.findIndex((call) => call.method === 'sendMessage' && call.payload.chat_id === chatId);
      expect(text).toBeGreaterThanOrEqual(0);
      expect(text).toBeLessThan(calls.indexOf(photo));
      expect(photo.payload.message_thread_id).toBe(calls[text]?.payload.message_thread_id);
      const png = decoded(photo);
      expect(png.width).toBe(960);
      expect(png.height).toBeGreaterThan(200);
      expect(png.colours).toBeGreaterThan(2);
    }
  });

  it('is queued once per period and chat: a second run, or a second process, sends no photo again', async () => {
    const again = await runJob(jobDepsOf(bot), 'leaderboard', MONDAY_0800, MONDAY_0800);
    const other = await runJob(jobDepsOf(bot), 'leaderboard', MONDAY_0800, MONDAY_0800);

    expect(again).toEqual({ job: 'leaderboard', period: '2026-W48', planned: 4, queued: 0 });
    expect(other.queued).toBe(0);
    expect(photosIn(await deliverCalls())).toEqual([]);
    expect(await chartRows('leaderboard-chart')).toHaveLength(3);
    expect(
      (await chartRows('leaderboard-chart')).every((row) => row.kind === 'photo' && row.period === '2026-W48'),
    ).toBe(true);
  });

  it('is left out with WEEKLY_CHARTS off, and in a week nobody logged', async () => {
    const leaderboardOf = (week: string, config: Partial<Config> = {}) =>
      runJobForPeriod(jobDepsOf(bot, config), 'leaderboard', parseJobPeriod('leaderboard', week)!, MONDAY_0800);
    const off = await leaderboardOf('2026-W47', { weeklyCharts: false });
    const empty = await leaderboardOf('2026-W44');

    expect(off).toEqual({ job: 'leaderboard', period: '2026-W47', planned: 4, queued: 4 });
    expect(empty).toEqual({ job: 'leaderboard', period: '2026-W44', planned: 4, queued: 4 });
    expect(photosIn(await deliverCalls())).toEqual([]);
    // Turned on again, the week's posts are out already: no photo follows them late.
    const on = await leaderboardOf('2026-W47');
    expect(on).toEqual({ job: 'leaderboard', period: '2026-W47', planned: 4, queued: 0 });
    expect((await chartRows('leaderboard-chart')).map((row) => row.period)).toEqual([
      '2026-W48',
      '2026-W48',
      '2026-W48',
    ]);
  });
});

describe('the chart photo beside the weekly digest', () => {
  it('shows the 8 weeks to the digest’s week, per metric, for each recipient’s scope', async () => {
    const posts = await planPosts(jobDepsOf(bot), 'digest', parseJobPeriod('digest', '2026-W48')!);
    const mine = posts.find((post) => post.chatId === dung.id)?.chart;

    expect(mine?.job).toBe('digest-chart');
    const columns = [...(mine?.svg ?? '').matchAll(/font-size="15" text-anchor="middle" fill="#5b6770">([^<]+)</g)];
    // Two panels (cards, cars) of eight weeks each, the last the week of 23/11.
    expect(columns).toHaveLength(16);
    expect(columns[7]?.[1]).toBe('23/11');
    expect(mine?.svg).toContain('>100<');
    expect(mine?.svg).toContain('>142<');
    expect(mine?.svg).not.toContain('>147<');
    const province = posts.find((post) => post.chatId === chats.province.id)?.chart;
    expect(province?.svg).toContain('>342<');
  });

  it('goes to each commander and the command group right after their digest', async () => {
    bot.clock.set(MONDAY_0730);
    const run = await runJob(jobDepsOf(bot), 'digest', MONDAY_0730, MONDAY_0730);
    const calls = await deliverCalls();

    expect(run).toMatchObject({ planned: 3, queued: 3, charts: 3 });
    const photos = photosIn(calls);
    expect(photos.map((call) => call.payload.chat_id).sort()).toEqual([dung.id, em.id, chats.province.id].sort());
    for (const photo of photos) {
      const text = calls.findIndex(
        (call) => call.method === 'sendMessage' && call.payload.chat_id === photo.payload.chat_id,
      );
      expect(text).toBeLessThan(calls.indexOf(photo));
      expect(decoded(photo).colours).toBeGreaterThan(2);
    }
    expect((await runJob(jobDepsOf(bot), 'digest', MONDAY_0730, MONDAY_0730)).queued).toBe(0);
    expect(photosIn(await deliverCalls())).toEqual([]);
  });

  it('comes with /digest on demand too', async () => {
    const answer = await bot.send(dung, chats.private(dung), '/digest');

    expect(answer.text).toContain('📊 Tổng hợp tuần');
    const photos = photosIn(answer.calls);
    expect(photos).toHaveLength(1);
    expect(decoded(photos[0]!).width).toBe(960);
  });
});

describe("the month's targets in the weekly posts and /top", () => {
  const CARDS_TARGET = '🎯 Tiến độ mục tiêu tháng (lũy kế đến 29/11/2026):';

  it('are shown nowhere while no target is set', async () => {
    const posts = [
      ...(await planPosts(jobDepsOf(bot), 'leaderboard', parseJobPeriod('leaderboard', '2026-W48')!)),
      ...(await planPosts(jobDepsOf(bot), 'digest', parseJobPeriod('digest', '2026-W48')!)),
    ];
    const top = await bot.send(dung, chats.pc06, '/top');

    for (const post of posts) expect(post.html).not.toContain('🎯');
    expect(top.text).not.toContain('🎯');
  });

  it('show the month to date against the target, own or rolled up from the sub-units', async () => {
    await bot.send(dung, chats.pc06, '/muctieu cccd 500 thang');
    const leaderboard = await planPosts(jobDepsOf(bot), 'leaderboard', parseJobPeriod('leaderboard', '2026-W48')!);
    const digest = await planPosts(jobDepsOf(bot), 'digest', parseJobPeriod('digest', '2026-W48')!);
    const htmlTo = (posts: typeof digest, chatId: number) => posts.find((post) => post.chatId === chatId)?.html;

    // PC06: 100 + 112 + 30 cards in November through 29/11.
    expect(htmlTo(leaderboard, chats.pc06.id)).toContain(
      `${CARDS_TARGET}\n• Cấp mới căn cước công dân — Tháng 11: <b>48%</b> mục tiêu (242/500 thẻ)`,
    );
    expect(htmlTo(digest, dung.id)).toContain('Tháng 11: <b>48%</b> mục tiêu (242/500 thẻ)');
    // The province has no target of its own: PC06's rolls up, against the province's whole November (492).
    expect(htmlTo(leaderboard, chats.province.id)).toContain('Tháng 11: <b>98%</b> mục tiêu (492/500 thẻ)');
    expect(htmlTo(digest, chats.province.id)).toContain('Tháng 11: <b>98%</b> mục tiêu (492/500 thẻ)');
    // PC08 and its team have none; a metric without a target has no line.
    expect(htmlTo(leaderboard, chats.pc08.id)).not.toContain('🎯');
    expect(htmlTo(leaderboard, chats.pc06.id)).not.toContain('Đăng ký mới xe ô tô — Tháng');
  });

  it('show in /top, month to date through today, for the metric asked', async () => {
    bot.clock.set(MONDAY_0800);
    const board = await bot.send(dung, chats.pc06, '/top');
    const cars = await bot.send(dung, chats.pc06, '/top dkoto');
    const other = await bot.send(users.admin, chats.pc08, '/top');

    expect(board.text).toContain(
      '🎯 Tiến độ mục tiêu tháng (lũy kế đến 30/11/2026):\n• Cấp mới căn cước công dân — Tháng 11: 48% mục tiêu (242/500 thẻ)',
    );
    expect(cars.text).not.toContain('🎯');
    expect(other.text).not.toContain('🎯');
  });

  it('are in English in an English chat', async () => {
    await bot.send(users.admin, team, '/target cccd 10 thang');
    const board = await bot.send(users.admin, team, '/top');
    const leaderboard = await planPosts(jobDepsOf(bot), 'leaderboard', parseJobPeriod('leaderboard', '2026-W48')!);

    expect(board.text).toContain(
      '🎯 Monthly targets, month to date (to 30/11/2026):\n• New citizen ID cards issued — November: 0% of target (0/10 cards)',
    );
    expect(leaderboard.find((post) => post.chatId === team.id)?.html).toContain('November: <b>0%</b> of target');
  });
});
