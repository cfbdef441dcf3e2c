import { type Clock, fixedClock } from '../clock';
import { localTimeOf, startOfLocalDay } from '../kernel/cron';
import type { ClockTarget } from './console-line';

/** The bot's clock in the console: `:clock` sets it forward. */
export interface ConsoleClock extends Clock {
  set(instant: Date): void;
}

/** Standing still at `start` when given (reproducible transcripts), else the system's time plus how far it was moved. */
export function consoleClock(start?: Date): ConsoleClock {
  if (start) return fixedClock(start);
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    set: (instant) => {
      offsetMs = instant.getTime() - Date.now();
    },
  };
}

/** The instant `:clock` asked for; a local time is read in the bot's time zone. */
export function instantOf(target: ClockTarget, now: Date, timeZone: string): Date {
  if ('by' in target) return new Date(now.getTime() + target.by);
  if ('at' in target) return target.at;
  // Minutes added to the local midnight: right in every zone without a clock change that day (Vietnam has none).
  return new Date(startOfLocalDay(target.day, timeZone).getTime() + target.minute * 60_000);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const two = (value: number) => String(value).padStart(2, '0');

/** `Mon 2026-11-30 08:00`, in the time zone. */
export function localLabel(instant: Date, timeZone: string): string {
  const local = localTimeOf(instant, timeZone);
  return `${WEEKDAYS[local.weekday]} ${local.year}-${two(local.month)}-${two(local.day)} ${two(local.hour)}:${two(local.minute)}`;
}

/**
 * The outgoing transport's time in the console: real monotonic time plus every jump of `:clock`, so moving the clock
 * past a group's minute lets the messages its limit held go. Its waits are watched, so the console can tell a reply
 * held by a limit from one still being worked on.
 */
export interface TransportTime {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Time jumped forward: waits that have now run out end at once, the others are shortened. */
  jump(ms: number): void;
  /**
   * How many waits have more than `ms` left: a group's minute, not the second of the overall or a private limit. Each
   * message the transport delivered to a group holds one of the group's slots for a minute, as a wait.
   */
  waitsLongerThan(ms: number): number;
}

export function transportTime(): TransportTime {
  let jumpedMs = 0;
  const now = () => performance.now() + jumpedMs;
  const waits = new Set<{ until: number; timer: ReturnType<typeof setTimeout>; end: () => void }>();
  const arm = (wait: { until: number; end: () => void }) =>
    // Unref'd, as the transport's own: a wait out a limit must not keep a finished console alive.
    setTimeout(wait.end, Math.max(0, wait.until - now())).unref();
  return {
    now,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const wait = {
          until: now() + ms,
          timer: undefined as unknown as ReturnType<typeof setTimeout>,
          end: () => {
            clearTimeout(wait.timer);
            waits.delete(wait);
            resolve();
          },
        };
        wait.timer = arm(wait);
        waits.add(wait);
      }),
    jump(ms) {
      jumpedMs += ms;
      for (const wait of [...waits]) {
        clearTimeout(wait.timer);
        wait.timer = arm(wait);
      }
    },
    waitsLongerThan(ms) {
      const at = now();
      return [...waits].filter((wait) => wait.until - at > ms).length;
    },
  };
}
