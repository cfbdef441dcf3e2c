import type { IsoDay } from '../domain/day';
import { foldText } from '../domain/fold';
import { addDays, isValidIsoDay } from '../domain/period';

/** A date found in the arguments, or a token that was plainly meant as a date but names no real day. */
export type DayWords = { day: IsoDay; consumed: number } | { error: 'badDate'; text: string };

// Days named relative to today, folded; one-word spellings cover people who skip the space.
const RELATIVE_TWO_WORDS: ReadonlyMap<string, number> = new Map([
  ['hom nay', 0],
  ['hom qua', -1],
  ['hom kia', -2],
]);
const RELATIVE_ONE_WORD: ReadonlyMap<string, number> = new Map([
  ['today', 0],
  ['homnay', 0],
  ['yesterday', -1],
  ['homqua', -1],
  ['homkia', -2],
]);

const DAY_MONTH = /^([0-9]{1,2})\/([0-9]{1,2})$/;
const DAY_MONTH_YEAR = /^([0-9]{1,2})([/-])([0-9]{1,2})\2([0-9]{4})$/;
const YEAR_MONTH_DAY = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$/;
// Anything of these shapes was meant as a date, so an impossible one is an error rather than the start of a note.
const DATE_SHAPED = [/^[0-9]+\/[0-9]+$/, /^[0-9]+[/-][0-9]+[/-][0-9]+$/];

// "hôm qua," and "23/11." end a phrase in ordinary typing; the punctuation is not part of the date.
const stripTrailingPunctuation = (text: string) => text.replace(/[,.;:!?]+$/u, '');

const isoDay = (year: number, month: number, day: number): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** A day-month without a year is the latest such day not after today: "31/12" typed on 1 January is last year. */
function dayMonthNearest(day: number, month: number, today: IsoDay): IsoDay | undefined {
  const year = Number(today.slice(0, 4));
  const thisYear = isoDay(year, month, day);
  const lastYear = isoDay(year - 1, month, day);
  if (isValidIsoDay(thisYear) && thisYear <= today) return thisYear;
  if (isValidIsoDay(lastYear)) return lastYear;
  // Only 29/02 gets here, typed early in a leap year: keep this year's day so the caller reports it as not yet come.
  return isValidIsoDay(thisYear) ? thisYear : undefined;
}

function numericDay(text: string, today: IsoDay): IsoDay | undefined {
  let match = DAY_MONTH.exec(text);
  if (match) return dayMonthNearest(Number(match[1]), Number(match[2]), today);
  match = DAY_MONTH_YEAR.exec(text);
  if (match) {
    const day = isoDay(Number(match[4]), Number(match[3]), Number(match[1]));
    return isValidIsoDay(day) ? day : undefined;
  }
  match = YEAR_MONTH_DAY.exec(text);
  if (match) {
    const day = isoDay(Number(match[1]), Number(match[2]), Number(match[3]));
    return isValidIsoDay(day) ? day : undefined;
  }
  return undefined;
}

/**
 * Reads a date at tokens[start]: "hôm qua", "yesterday", "23/11", "23/11/2026", "23-11-2026" or "2026-11-23".
 * Undefined means the tokens are not a date at all; today must be a valid IsoDay.
 */
export function parseDayWords(tokens: readonly string[], start: number, today: IsoDay): DayWords | undefined {
  const first = tokens[start];
  if (first === undefined) return undefined;
  const second = tokens[start + 1];
  if (second !== undefined) {
    const offset = RELATIVE_TWO_WORDS.get(stripTrailingPunctuation(foldText(`${first} ${second}`)));
    if (offset !== undefined) return { day: addDays(today, offset), consumed: 2 };
  }
  const word = stripTrailingPunctuation(first);
  const offset = RELATIVE_ONE_WORD.get(foldText(word));
  if (offset !== undefined) return { day: addDays(today, offset), consumed: 1 };
  if (!DATE_SHAPED.some((shape) => shape.test(word))) return undefined;
  const day = numericDay(word, today);
  return day === undefined ? { error: 'badDate', text: first } : { day, consumed: 1 };
}
