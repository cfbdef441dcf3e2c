import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  isoWeekLabel,
  isValidIsoDay,
  localDayOf,
  monthOf,
  periodOf,
  weekOf,
  yearOf,
} from '../../src/kernel/period';

const ZONE = 'Asia/Ho_Chi_Minh';

describe('localDayOf', () => {
  it.each([
    // Sunday 2026-11-29 23:59:59 local is 16:59:59 UTC; Monday 00:00 local is 17:00 UTC the same UTC day.
    ['2026-11-29T16:59:59.999Z', '2026-11-29'],
    ['2026-11-29T17:00:00.000Z', '2026-11-30'],
    ['2026-12-31T16:59:59Z', '2026-12-31'],
    ['2026-12-31T17:00:00Z', '2027-01-01'],
    ['2026-11-24T00:00:00Z', '2026-11-24'],
    ['2028-02-28T17:00:00Z', '2028-02-29'],
  ])('%s is %s in Vietnam', (instant, day) => {
    expect(localDayOf(new Date(instant), ZONE)).toBe(day);
  });

  it('follows the zone it is given', () => {
    const instant = new Date('2026-11-29T17:00:00Z');
    expect(localDayOf(instant, 'UTC')).toBe('2026-11-29');
    expect(localDayOf(instant, 'America/Los_Angeles')).toBe('2026-11-29');
    expect(localDayOf(instant, 'Asia/Tokyo')).toBe('2026-11-30');
  });

  it('puts the week boundary between Sunday 23:59:59 and Monday 00:00 local time', () => {
    const sunday = localDayOf(new Date('2026-11-29T16:59:59Z'), ZONE);
    const monday = localDayOf(new Date('2026-11-29T17:00:00Z'), ZONE);
    expect(weekOf(sunday)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(weekOf(monday)).toEqual({ from: '2026-11-30', to: '2026-12-06' });
  });
});

describe('weekOf', () => {
  it.each([
    ['2026-11-23', '2026-11-23', '2026-11-29'], // Monday
    ['2026-11-24', '2026-11-23', '2026-11-29'],
    ['2026-11-29', '2026-11-23', '2026-11-29'], // Sunday
    ['2026-11-30', '2026-11-30', '2026-12-06'],
    ['2026-12-31', '2026-12-28', '2027-01-03'], // across a year boundary
    ['2027-01-01', '2026-12-28', '2027-01-03'],
    ['2024-02-29', '2024-02-26', '2024-03-03'], // leap day
    ['2026-03-01', '2026-02-23', '2026-03-01'],
  ])('%s lies in %s..%s', (day, from, to) => {
    expect(weekOf(day)).toEqual({ from, to });
    expect(periodOf('week', day)).toEqual({ from, to });
  });
});

describe('monthOf', () => {
  it.each([
    ['2026-11-24', '2026-11-01', '2026-11-30'],
    ['2026-12-31', '2026-12-01', '2026-12-31'],
    ['2026-01-01', '2026-01-01', '2026-01-31'],
    ['2026-02-10', '2026-02-01', '2026-02-28'],
    ['2028-02-10', '2028-02-01', '2028-02-29'], // leap year
    ['2000-02-29', '2000-02-01', '2000-02-29'], // divisible by 400: leap
    ['2100-02-01', '2100-02-01', '2100-02-28'], // divisible by 100: not leap
    ['2026-04-30', '2026-04-01', '2026-04-30'],
  ])('%s lies in %s..%s', (day, from, to) => {
    expect(monthOf(day)).toEqual({ from, to });
    expect(periodOf('month', day)).toEqual({ from, to });
  });
});

describe('yearOf', () => {
  it.each([
    ['2026-11-24', '2026-01-01', '2026-12-31'],
    ['2027-01-01', '2027-01-01', '2027-12-31'],
    ['2028-12-31', '2028-01-01', '2028-12-31'],
  ])('%s lies in %s..%s', (day, from, to) => {
    expect(yearOf(day)).toEqual({ from, to });
    expect(periodOf('year', day)).toEqual({ from, to });
  });
});

describe('isoWeekLabel', () => {
  it.each([
    ['2026-11-24', '2026-W48'],
    ['2026-11-23', '2026-W48'],
    ['2026-11-29', '2026-W48'],
    ['2026-11-30', '2026-W49'],
    ['2026-12-31', '2026-W53'], // 2026 starts on a Thursday, so it has 53 weeks
    ['2027-01-01', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2019-12-30', '2020-W01'], // a December day in the next week-year
    ['2024-12-30', '2025-W01'],
    ['2020-02-29', '2020-W09'],
    ['2026-01-01', '2026-W01'],
  ])('%s is in %s', (day, label) => {
    expect(isoWeekLabel(day)).toBe(label);
  });
});

describe('addDays and daysBetween', () => {
  it.each([
    ['2026-11-24', -1, '2026-11-23'],
    ['2026-11-24', 7, '2026-12-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-11-24', 0, '2026-11-24'],
  ])('%s + %i days is %s', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
    expect(daysBetween(day, expected)).toBe(n);
  });

  it('counts a leap year as 366 days', () => {
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('is consistent for any day and offset', () => {
    const day = fc
      .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true })
      .map((date) => date.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: -2000, max: 2000 }), (start, n) => {
        const end = addDays(start, n);
        expect(isValidIsoDay(end)).toBe(true);
        expect(daysBetween(start, end)).toBe(n);
        const week = weekOf(start);
        expect(daysBetween(week.from, week.to)).toBe(6);
        expect(week.from <= start && start <= week.to).toBe(true);
        expect(new Date(`${week.from}T00:00:00Z`).getUTCDay()).toBe(1);
        const month = monthOf(start);
        expect(month.from.slice(0, 7)).toBe(start.slice(0, 7));
        expect(addDays(month.to, 1).slice(8)).toBe('01');
      }),
    );
  });
});

describe('isValidIsoDay', () => {
  it.each(['2026-11-24', '2028-02-29', '2000-02-29', '2026-12-31', '0001-01-01'])('accepts %s', (text) => {
    expect(isValidIsoDay(text)).toBe(true);
  });

  it.each([
    '2026-02-29',
    '2100-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-11-00',
    '2026-11-31',
    '2026-1-5',
    '26-11-24',
    '2026/11/24',
    ' 2026-11-24',
    '2026-11-24T00:00',
    '',
    'hôm qua',
  ])('refuses %j', (text) => {
    expect(isValidIsoDay(text)).toBe(false);
  });

  it('throws a RangeError rather than compute with a malformed day', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => weekOf('nonsense')).toThrow(RangeError);
  });
});
