import fc from 'fast-check';
import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { localTimeOf, occurrencesBetween, parseCron, startOfLocalDay } from '../../src/kernel/cron';

const VN = 'Asia/Ho_Chi_Minh';
const schedule = (expression: string) => {
  const parsed = parseCron(expression);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};
const sorted = (values: ReadonlySet<number>) => [...values].sort((a, b) => a - b);

describe('parseCron', () => {
  it.each([
    ['0 8 * * 1', { minutes: [0], hours: [8], daysOfWeek: [1] }],
    ['30 7 * * mon', { minutes: [30], hours: [7], daysOfWeek: [1] }],
    ['0 15 * * FRI', { hours: [15], daysOfWeek: [5] }],
    ['*/15 9-17/4 * * 1-5', { minutes: [0, 15, 30, 45], hours: [9, 13, 17], daysOfWeek: [1, 2, 3, 4, 5] }],
    ['0 0 1,15 jan-mar 7', { daysOfMonth: [1, 15], months: [1, 2, 3], daysOfWeek: [0] }],
    ['  5  4 * * sun,sat ', { minutes: [5], hours: [4], daysOfWeek: [0, 6] }],
  ])('reads %j', (expression, expected) => {
    const parsed = schedule(expression);
    for (const [field, values] of Object.entries(expected))
      expect(sorted(parsed[field as keyof typeof expected] as ReadonlySet<number>)).toEqual(values);
  });

  it.each([
    ['', 'five fields'],
    ['0 8 * *', 'five fields'],
    ['0 0 8 * * 1', 'five fields'],
    ['60 8 * * 1', 'minute "60" is outside 0-59'],
    ['0 24 * * 1', 'hour "24"'],
    ['0 8 0 * 1', 'day of month "0"'],
    ['0 8 * 13 1', 'month "13"'],
    ['0 8 * * 8', 'day of week "8"'],
    ['0 8 * * funday', 'day of week "funday" is not a value'],
    ['0 8 * * 5-1', 'runs backwards'],
    ['*/0 8 * * 1', 'step must be at least 1'],
    ['5/15 8 * * 1', 'needs a range or *'],
    ['0 8 L * 1', 'day of month "L"'],
    ['0 8 * * 1#2', 'day of week "1#2"'],
    ['0 8 ? * 1', 'day of month "?"'],
    ['0 8 30,31 2 *', 'never falls in month "2"'],
  ])('refuses %j, naming the field', (expression, message) => {
    const parsed = parseCron(expression);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        parseCron(text);
      }),
    );
  });
});

describe('occurrencesBetween', () => {
  // Sunday 29/11/2026 23:00 in Vietnam, then Monday 30/11.
  const sundayNight = new Date('2026-11-29T16:00:00Z');

  it('finds the Monday 08:00 leaderboard across the week boundary, in Vietnam time', () => {
    const found = occurrencesBetween(schedule('0 8 * * 1'), sundayNight, new Date('2026-12-01T00:00:00Z'), VN);

    expect(found).toEqual([new Date('2026-11-30T01:00:00Z')]);
  });

  it('takes the window as (from, to]: an occurrence at `from` is not missed, one at `to` is', () => {
    const at = new Date('2026-11-30T01:00:00Z');
    const monday = schedule('0 8 * * 1');

    expect(occurrencesBetween(monday, at, new Date(at.getTime() + 3_600_000), VN)).toEqual([]);
    expect(occurrencesBetween(monday, new Date(at.getTime() - 1), at, VN)).toEqual([at]);
  });

  it('finds nothing on Sunday for a Monday schedule, and every Friday in a fortnight', () => {
    expect(occurrencesBetween(schedule('0 8 * * 1'), new Date('2026-11-29T00:00:00Z'), sundayNight, VN)).toEqual([]);
    expect(
      occurrencesBetween(
        schedule('0 15 * * 5'),
        new Date('2026-11-23T00:00:00Z'),
        new Date('2026-12-07T00:00:00Z'),
        VN,
      ),
    ).toEqual([new Date('2026-11-27T08:00:00Z'), new Date('2026-12-04T08:00:00Z')]);
  });

  it('reads the schedule in the given zone', () => {
    const found = occurrencesBetween(schedule('0 8 * * 1'), sundayNight, new Date('2026-12-01T00:00:00Z'), 'UTC');

    expect(found).toEqual([new Date('2026-11-30T08:00:00Z')]);
  });
});

describe('localTimeOf and startOfLocalDay', () => {
  it('gives Vietnam wall-clock fields, Sunday as 0', () => {
    expect(localTimeOf(new Date('2026-11-29T16:59:59Z'), VN)).toEqual({
      year: 2026,
      month: 11,
      day: 29,
      hour: 23,
      minute: 59,
      weekday: 0,
    });
    expect(localTimeOf(new Date('2026-11-29T17:00:00Z'), VN).weekday).toBe(1);
  });

  it.each([
    ['2026-11-30', VN, '2026-11-29T17:00:00.000Z'],
    ['2026-11-30', 'UTC', '2026-11-30T00:00:00.000Z'],
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'],
    ['2026-03-30', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'],
  ])('the day %s begins in %s at %s', (day, zone, instant) => {
    expect(startOfLocalDay(day, zone).toISOString()).toBe(instant);
  });
});

/** Expressions in the subset parseCron reads, built field by field. */
const field = (min: number, max: number) =>
  fc.oneof(
    fc.constant('*'),
    fc.integer({ min, max }).map(String),
    fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    fc.integer({ min: 1, max: Math.max(1, max - min) }).map((step) => `*/${step}`),
    fc.uniqueArray(fc.integer({ min, max }), { minLength: 2, maxLength: 4 }).map((values) => values.join(',')),
  );
const expression = fc
  .tuple(field(0, 59), field(0, 23), field(1, 31), field(1, 12), field(0, 6))
  .map((fields) => fields.join(' '));

describe('agreement with node-cron, the alarm clock', () => {
  it('matches exactly the minutes node-cron fires on', () => {
    fc.assert(
      fc.property(
        expression,
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(VN, 'UTC', 'America/New_York'),
        (text, date, zone) => {
          const minute = new Date(Math.floor(date.getTime() / 60_000) * 60_000);
          fc.pre(cron.validate(text));
          const task = cron.createTask(text, () => undefined, { timezone: zone });
          try {
            const ours = occurrencesBetween(schedule(text), new Date(minute.getTime() - 1), minute, zone).length === 1;
            expect(ours).toBe(task.match(minute));
          } finally {
            task.destroy();
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('accepts exactly what node-cron accepts, within the fields it reads (a 31 February never is)', () => {
    fc.assert(
      fc.property(expression, (text) => {
        expect(parseCron(text).ok).toBe(cron.validate(text));
      }),
      { numRuns: 500 },
    );
  });
});
