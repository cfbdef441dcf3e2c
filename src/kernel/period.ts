import type { DayRange, IsoDay } from './day';

// Day arithmetic runs on UTC midnights of the day strings, so no zone offset or DST can shift a day.
const MS_PER_DAY = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Periods a leaderboard or digest can cover. */
export type PeriodKind = 'week' | 'month' | 'year';

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** UTC midnight of y-m-d; setUTCFullYear because Date.UTC maps years 0–99 to 1900–1999. */
function utcMidnight(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

function toMs(day: IsoDay): number {
  const match = ISO_DAY.exec(day);
  if (!match || !isValidIsoDay(day)) throw new RangeError(`not a calendar day: ${JSON.stringify(day)}`);
  return utcMidnight(Number(match[1]), Number(match[2]), Number(match[3]));
}

function fromMs(ms: number): IsoDay {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const yearText = year < 0 ? `-${pad(-year, 4)}` : pad(year, 4);
  return `${yearText}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

/** True for a real calendar day written "YYYY-MM-DD" (rejects "2026-02-30", "2026-1-5"). */
export function isValidIsoDay(text: string): text is IsoDay {
  const match = ISO_DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  // A round trip through Date catches days past the month's end, leap years included.
  return fromMs(utcMidnight(year, month, day)) === text;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
// Every /log asks for today's day; formatting is the costly part, and a day changes only on a minute boundary.
const lastDays = new Map<string, { minute: number; day: IsoDay }>();

/** The local calendar day an instant falls on in a time zone; throws RangeError for an unknown zone or invalid Date. */
export function localDayOf(instant: Date, timeZone: string): IsoDay {
  const minute = Math.floor(instant.getTime() / 60_000);
  const last = lastDays.get(timeZone);
  if (last?.minute === minute) return last.day;
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  // Assembled from parts rather than trusting en-CA's whole-string layout, which ICU updates have changed before.
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  const day = `${pad(Number(parts.year), 4)}-${parts.month}-${parts.day}`;
  lastDays.set(timeZone, { minute, day });
  return day;
}

/** The day n days later (n may be negative). */
export function addDays(day: IsoDay, n: number): IsoDay {
  return fromMs(toMs(day) + n * MS_PER_DAY);
}

/** Whole days from a to b: positive when b is later. */
export function daysBetween(a: IsoDay, b: IsoDay): number {
  return Math.round((toMs(b) - toMs(a)) / MS_PER_DAY);
}

/** 0 for Monday … 6 for Sunday: the campaign's weeks start on Monday. */
function mondayOffset(day: IsoDay): number {
  return (new Date(toMs(day)).getUTCDay() + 6) % 7;
}

/** The Monday–Sunday week containing the day. */
export function weekOf(day: IsoDay): DayRange {
  const from = addDays(day, -mondayOffset(day));
  return { from, to: addDays(from, 6) };
}

/** The calendar month containing the day. */
export function monthOf(day: IsoDay): DayRange {
  const date = new Date(toMs(day));
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const from = fromMs(utcMidnight(year, month, 1));
  // Day 0 of the next month is the last day of this one.
  const to = fromMs(utcMidnight(year, month + 1, 0));
  return { from, to };
}

/** The calendar year containing the day. */
export function yearOf(day: IsoDay): DayRange {
  const year = new Date(toMs(day)).getUTCFullYear();
  return { from: fromMs(utcMidnight(year, 1, 1)), to: fromMs(utcMidnight(year, 12, 31)) };
}

/** The week, month or year containing the day. */
export function periodOf(kind: PeriodKind, day: IsoDay): DayRange {
  switch (kind) {
    case 'week':
      return weekOf(day);
    case 'month':
      return monthOf(day);
    case 'year':
      return yearOf(day);
  }
}

/** The week, month or year just before the one containing the day ("tuần trước", "tháng trước"). */
export function previousPeriodOf(kind: PeriodKind, day: IsoDay): DayRange {
  return periodOf(kind, addDays(periodOf(kind, day).from, -1));
}

/** ISO-8601 week label such as "2026-W48"; the week-year is that of the week's Thursday ("2021-01-03" → "2020-W53"). */
export function isoWeekLabel(day: IsoDay): string {
  const thursday = addDays(day, 3 - mondayOffset(day));
  const year = new Date(toMs(thursday)).getUTCFullYear();
  const week = Math.floor(daysBetween(fromMs(utcMidnight(year, 1, 1)), thursday) / 7) + 1;
  return `${pad(year, 4)}-W${pad(week, 2)}`;
}
