import type { DayRange, IsoDay } from './day';
import { addDays, isoWeekLabel, isValidIsoDay, weekOf } from './period';

/** The scheduled posts: last week's leaderboard per group, last week's digest per commander, this week's reminder. */
export const JOB_NAMES = ['leaderboard', 'digest', 'reminder'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export const isJobName = (value: string): value is JobName => (JOB_NAMES as readonly string[]).includes(value);

/** What one firing of a job reports on, and under which label its posts are keyed. */
export interface JobPeriod {
  /** "2026-W47" for a week, "2026-11-27" for a reminder's day: with the job and chat, a post's unique key. */
  readonly label: string;
  /** The days reported: a whole week, or a reminder's week so far. */
  readonly range: DayRange;
  /** The week before, for the change against it (weekly jobs only). */
  readonly previous?: DayRange;
  /** The local day after which the post is stale and must not go out (reminders only). */
  readonly lastDay?: IsoDay;
}

/** The Monday–Sunday week an ISO label such as "2026-W47" names; undefined for a label that names no week. */
export function weekOfIsoLabel(label: string): DayRange | undefined {
  const match = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!match) return undefined;
  const [year, week] = [Number(match[1]), Number(match[2])];
  if (week < 1 || week > 53) return undefined;
  // 4 January is always in week 1.
  const firstMonday = weekOf(`${match[1]}-01-04`).from;
  const range = weekOf(addDays(firstMonday, (week - 1) * 7));
  return isoWeekLabel(range.from) === label && year > 0 ? range : undefined;
}

/** The week before the given one. */
export const previousWeek = (week: DayRange): DayRange => weekOf(addDays(week.from, -7));

/**
 * The period a job reports when it fires on a local day: weekly jobs report the last whole week before that day's
 * week (a Monday-morning leaderboard covers Monday–Sunday just gone); a reminder covers its own week so far and
 * goes stale when its day ends.
 */
export function periodOfJob(job: JobName, day: IsoDay): JobPeriod {
  if (job === 'reminder') return { label: day, range: { from: weekOf(day).from, to: day }, lastDay: day };
  return weekPeriod(previousWeek(weekOf(day)));
}

/** A weekly job's period for an explicit week. */
export function weekPeriod(week: DayRange): JobPeriod {
  return { label: isoWeekLabel(week.from), range: week, previous: previousWeek(week) };
}

/**
 * Reads a period given by hand (the CLI's --period): weekly jobs take an ISO week ("2026-W47"), reminders a day
 * ("2026-11-27"). Undefined when it does not fit the job.
 */
export function parseJobPeriod(job: JobName, text: string): JobPeriod | undefined {
  if (job === 'reminder') return isValidIsoDay(text) ? periodOfJob('reminder', text) : undefined;
  const week = weekOfIsoLabel(text);
  return week && weekPeriod(week);
}
