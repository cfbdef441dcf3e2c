import { describe, expect, it } from 'vitest';
import { consoleClock, instantOf, localLabel, transportTime } from '../../src/console/console-time';

const TZ = 'Asia/Ho_Chi_Minh';
const tuesday = new Date('2026-11-24T02:00:00Z');

describe('the console clock', () => {
  it('stands still at --now, else follows the system time, and moves when set', () => {
    const fixed = consoleClock(tuesday);
    expect(fixed.now()).toEqual(tuesday);
    fixed.set(new Date('2026-12-01T02:00:00Z'));
    expect(fixed.now()).toEqual(new Date('2026-12-01T02:00:00Z'));

    const running = consoleClock();
    expect(Math.abs(running.now().getTime() - Date.now())).toBeLessThan(1000);
    running.set(new Date(Date.now() + 7 * 86_400_000));
    expect(running.now().getTime() - Date.now()).toBeGreaterThan(7 * 86_400_000 - 1000);
  });

  it('reads :clock targets: a span from now, an instant, a local time in the zone', () => {
    expect(instantOf({ by: 86_400_000 }, tuesday, TZ)).toEqual(new Date('2026-11-25T02:00:00Z'));
    expect(instantOf({ at: new Date('2026-11-30T01:00:00Z') }, tuesday, TZ)).toEqual(new Date('2026-11-30T01:00:00Z'));
    expect(instantOf({ day: '2026-11-30', minute: 450 }, tuesday, TZ)).toEqual(new Date('2026-11-30T00:30:00Z'));
    expect(localLabel(new Date('2026-11-30T00:30:00Z'), TZ)).toBe('Mon 2026-11-30 07:30');
  });
});

describe('transportTime', () => {
  it('tells a long wait (a group minute) from a short one, and a jump of the clock ends the waits it passes', async () => {
    const time = transportTime();
    const ended: string[] = [];
    void time.sleep(60_000).then(() => ended.push('minute'));
    void time.sleep(3_600_000).then(() => ended.push('hour'));
    expect(time.waitsLongerThan(2000)).toBe(2);
    const before = time.now();
    time.jump(61_000);
    expect(time.now() - before).toBeGreaterThanOrEqual(61_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ended).toEqual(['minute']);
    expect(time.waitsLongerThan(2000)).toBe(1);
    time.jump(3_600_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ended).toEqual(['minute', 'hour']);
    expect(time.waitsLongerThan(0)).toBe(0);

    void time.sleep(1000);
    expect(time.waitsLongerThan(2000)).toBe(0);
    expect(time.waitsLongerThan(500)).toBe(1);
  });
});
