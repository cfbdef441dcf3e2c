import type { IsoDay } from '../../kernel/day';
import { daysBetween, localDayOf } from '../../kernel/period';

/**
 * How far a message's date may run ahead of the bot's clock. Telegram's servers stamp `date`, so a few seconds
 * ahead is one clock's drift against the other; a date beyond this is forged, and nothing is logged for it.
 */
export const SENT_AT_SKEW_MS = 5 * 60_000;

/** How many days back a caller may log; an officer's window, and the commanders' wider one. */
export interface LogWindows {
  readonly backdateDays: number;
  /**
   * COMMANDER_BACKDATE_DAYS, whoever the caller is. It only words the refusal: a day older than `backdateDays` but
   * within this window is refused as `log.tooOldForOfficer` (a commander or admin of the unit can enter it), any
   * older day as `log.tooOld`. A commander's call passes the same number in both fields.
   */
  readonly commanderBackdateDays?: number;
}

/** Why the day of an entry cannot be logged. */
export type LogDayRefusal =
  | { kind: 'log.sentInFuture'; day: string }
  | { kind: 'log.futureDay'; day: string }
  | { kind: 'log.tooOld'; day: string; days: number }
  | { kind: 'log.tooOldForOfficer'; day: string; days: number; commanderDays: number };

/** A message dated later than `now` plus the skew: its date cannot be the day the work was reported. */
export const sentInFuture = (sentAt: Date, now: Date, timeZone: string): LogDayRefusal | undefined =>
  sentAt.getTime() > now.getTime() + SENT_AT_SKEW_MS
    ? { kind: 'log.sentInFuture', day: localDayOf(sentAt, timeZone) }
    : undefined;

/** An entry's day is never after `today` (the day it was reported) nor older than the caller's window. */
export function checkLogDay(day: IsoDay, today: IsoDay, windows: LogWindows): LogDayRefusal | undefined {
  if (day > today) return { kind: 'log.futureDay', day };
  const age = daysBetween(day, today);
  if (age <= windows.backdateDays) return undefined;
  const wider = windows.commanderBackdateDays;
  if (wider !== undefined && wider > windows.backdateDays && age <= wider)
    return { kind: 'log.tooOldForOfficer', day, days: windows.backdateDays, commanderDays: wider };
  return { kind: 'log.tooOld', day, days: windows.backdateDays };
}

/** Who typed an entry's /log: the commander who logged it for someone, or the person it counts for. */
export const authorOf = (entry: { readonly userId: number; readonly enteredBy: number | null }): number =>
  entry.enteredBy ?? entry.userId;
