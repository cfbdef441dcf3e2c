import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodAt, staleAfter } from '../../src/features/weekly/weekly-jobs';
import { parseJobPeriod, periodOfJob, weekOfIsoLabel } from '../../src/kernel/job-period';
import { addDays, isoWeekLabel, weekOf } from '../../src/kernel/period';

const VN = 'Asia/Ho_Chi_Minh';

describe('which period a job reports', () => {
  // Sunday 29/11/2026 23:59:59 and Monday 30/11/2026 00:00 in Vietnam.
  const sundayLast = new Date('2026-11-29T16:59:59Z');
  const mondayFirst = new Date('2026-11-29T17:00:00Z');

  it.each(['leaderboard', 'digest'] as const)('%s: the last whole week before the day it fires', (job) => {
    expect(periodAt(job, sundayLast, VN)).toEqual({
      label: '2026-W47',
      range: { from: '2026-11-16', to: '2026-11-22' },
      previous: { from: '2026-11-09', to: '2026-11-15' },
    });
    expect(periodAt(job, mondayFirst, VN)).toEqual({
      label: '2026-W48',
      range: { from: '2026-11-23', to: '2026-11-29' },
      previous: { from: '2026-11-16', to: '2026-11-22' },
    });
  });

  it('reminder: its own week so far, keyed and stale by its day', () => {
    expect(periodAt('reminder', sundayLast, VN)).toEqual({
      label: '2026-11-29',
      range: { from: '2026-11-23', to: '2026-11-29' },
      lastDay: '2026-11-29',
    });
    expect(periodAt('reminder', mondayFirst, VN)).toMatchObject({
      label: '2026-11-30',
      range: { from: '2026-11-30', to: '2026-11-30' },
    });
    expect(staleAfter(periodAt('reminder', sundayLast, VN), VN)).toEqual(mondayFirst);
    expect(staleAfter(periodAt('leaderboard', sundayLast, VN), VN)).toBeUndefined();
  });

  it('crosses the year: the first Monday of 2027 reports 2026-W53', () => {
    expect(periodOfJob('leaderboard', '2027-01-04')).toMatchObject({
      label: '2026-W53',
      range: { from: '2026-12-28', to: '2027-01-03' },
    });
  });
});

describe('weekOfIsoLabel', () => {
  it.each([
    ['2026-W47', { from: '2026-11-16', to: '2026-11-22' }],
    ['2026-W01', { from: '2025-12-29', to: '2026-01-04' }],
    ['2026-W53', { from: '2026-12-28', to: '2027-01-03' }],
    ['2020-W53', { from: '2020-12-28', to: '2021-01-03' }],
  ])('%s is %j', (label, range) => {
    expect(weekOfIsoLabel(label)).toEqual(range);
  });

  it.each(['2025-W53', '2026-W00', '2026-W54', '2026-47', '2026-w47x', 'W47', ''])('%j names no week', (label) => {
    expect(weekOfIsoLabel(label)).toBeUndefined();
  });

  it('round-trips with isoWeekLabel for every day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 60 }), (offset) => {
        const day = addDays('2000-01-01', offset);
        expect(weekOfIsoLabel(isoWeekLabel(day))).toEqual(weekOf(day));
      }),
    );
  });
});

describe('parseJobPeriod', () => {
  it('takes weeks for weekly jobs and days for reminders', () => {
    expect(parseJobPeriod('leaderboard', '2026-W47')?.range).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(parseJobPeriod('reminder', '2026-11-27')).toMatchObject({
      label: '2026-11-27',
      range: { from: '2026-11-23', to: '2026-11-27' },
    });
    expect(parseJobPeriod('digest', '2026-11-27')).toBeUndefined();
    expect(parseJobPeriod('reminder', '2026-W47')).toBeUndefined();
    expect(parseJobPeriod('reminder', '2026-02-30')).toBeUndefined();
  });
});
