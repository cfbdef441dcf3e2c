import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { fixedClock } from '../../src/clock';
import { FakeBotApi } from '../../src/console/fake-bot-api';
import { catchUp, missedFirings, runJob } from '../../src/features/weekly/weekly-jobs';
import { outboxCounts } from '../../src/outbox/outbox-store';
import { outboxJobDeps } from '../../src/workers/scheduler';
import { startTestBot, type TestBot } from '../helpers/test-bot';
import { chats } from '../helpers/updates';
import { jobDepsOf, MONDAY_0800, setUpWeek, silent } from '../helpers/weekly';

const VN = 'Asia/Ho_Chi_Minh';
const SCHEDULES = { leaderboard: '0 8 * * 1', digest: '30 7 * * 1', reminder: '0 15 * * 5' };
/** Monday 30/11/2026 10:00 and Friday 27/11 18:00 in Vietnam. */
const MONDAY_1000 = new Date('2026-11-30T03:00:00Z');
const FRIDAY_1800 = new Date('2026-11-27T11:00:00Z');

describe('missedFirings', () => {
  it('lists what the schedules had in the window before now, oldest first', () => {
    expect(missedFirings({ schedules: SCHEDULES, catchUpHours: 24, timeZone: VN }, MONDAY_1000)).toEqual([
      { job: 'digest', dueAt: new Date('2026-11-30T00:30:00Z') },
      { job: 'leaderboard', dueAt: new Date('2026-11-30T01:00:00Z') },
    ]);
    expect(missedFirings({ schedules: SCHEDULES, catchUpHours: 72, timeZone: VN }, MONDAY_1000)).toEqual([
      { job: 'reminder', dueAt: new Date('2026-11-27T08:00:00Z') },
      { job: 'digest', dueAt: new Date('2026-11-30T00:30:00Z') },
      { job: 'leaderboard', dueAt: new Date('2026-11-30T01:00:00Z') },
    ]);
  });

  it('finds nothing with CATCH_UP_HOURS=0, or before the first firing', () => {
    expect(missedFirings({ schedules: SCHEDULES, catchUpHours: 0, timeZone: VN }, MONDAY_1000)).toEqual([]);
    expect(
      missedFirings({ schedules: SCHEDULES, catchUpHours: 24, timeZone: VN }, new Date('2026-11-30T00:29:59Z')),
    ).toEqual([]);
  });
});

describe('catching up after downtime', () => {
  let bot: TestBot;
  afterEach(() => bot.close());

  it('queues the late leaderboard and digest but not a reminder whose day has ended', async () => {
    bot = await startTestBot({ env: { CATCH_UP_HOURS: '72' } });
    await setUpWeek(bot);

    const runs = await catchUp(jobDepsOf(bot), MONDAY_1000);

    expect(runs).toEqual([
      { job: 'reminder', period: '2026-11-27', planned: 0, queued: 0, stale: true },
      // With a chart photo beside each post that has data: both digests, and every group but the silent team's.
      { job: 'digest', period: '2026-W48', planned: 2, queued: 2, charts: 2 },
      { job: 'leaderboard', period: '2026-W48', planned: 4, queued: 4, charts: 3 },
    ]);
  });

  it('still sends a reminder missed earlier the same day, expiring at midnight', async () => {
    bot = await startTestBot();
    await setUpWeek(bot);

    const runs = await catchUp(jobDepsOf(bot), FRIDAY_1800);
    const row = await bot.db
      .selectFrom('outbox')
      .select(['job', 'chat_id', 'expires_at'])
      .where('kind', '=', 'post')
      .executeTakeFirst();

    expect(runs).toEqual([{ job: 'reminder', period: '2026-11-27', planned: 1, queued: 1 }]);
    expect(row).toEqual({ job: 'reminder', chat_id: -1001000000081, expires_at: '2026-11-27T17:00:00.000Z' });
  });

  it('runs at start: app.start() catches up and the outbox worker sends the posts', async () => {
    bot = await startTestBot();
    await setUpWeek(bot);
    bot.clock.set(MONDAY_1000);

    await bot.app.start();
    const deadline = Date.now() + 5000;
    while ((await outboxCounts(bot.db)).sent < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));

    expect(await outboxCounts(bot.db)).toMatchObject({ sent: 6, pending: 0, failed: 0 });
    expect(bot.api.sentMessages(chats.pc06.id).at(-1)?.text).toContain('Tổng kết tuần 23/11/2026–29/11/2026');
  });
});

describe('two processes on one store', () => {
  let bot: TestBot;
  afterEach(() => bot.close());

  it('create each post once, whichever queues first', async () => {
    bot = await startTestBot();
    await setUpWeek(bot);
    const clock = fixedClock(MONDAY_0800);
    const other = await createApp({
      config: bot.app.services.config,
      clock,
      botApi: new FakeBotApi({ clock }),
      logger: silent,
    });
    try {
      const otherDeps = outboxJobDeps({ db: other.connection.db, config: other.services.config, logger: silent });
      // One after the other: in one process, two better-sqlite3 connections with interleaved transactions would
      // wait on each other's lock synchronously, which separate processes never do.
      const runs = [
        await runJob(jobDepsOf(bot), 'leaderboard', MONDAY_0800, MONDAY_0800),
        await runJob(otherDeps, 'leaderboard', MONDAY_0800, MONDAY_0800),
        await catchUp(otherDeps, MONDAY_0800),
        await catchUp(jobDepsOf(bot), MONDAY_0800),
      ];

      const rows = await bot.db
        .selectFrom('outbox')
        .select(['job', 'period', 'chat_id'])
        .where('kind', '=', 'post')
        .execute();
      expect(rows).toHaveLength(4 + 2);
      expect(new Set(rows.map((row) => `${row.job}/${row.period}/${row.chat_id}`)).size).toBe(6);
      expect(runs.flat().map((run) => `${run.job}: ${run.planned} planned, ${run.queued} queued`)).toEqual([
        'leaderboard: 4 planned, 4 queued',
        'leaderboard: 4 planned, 0 queued',
        'digest: 2 planned, 2 queued',
        'leaderboard: 4 planned, 0 queued',
        'digest: 2 planned, 0 queued',
        'leaderboard: 4 planned, 0 queued',
      ]);
    } finally {
      await other.stop();
    }
  });
});
