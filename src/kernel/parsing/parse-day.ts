import type { IsoDay } from '../day';
import { foldText } from '../fold';
import { addDays, daysBetween, isValidIsoDay } from '../period';
import { normalizeWord } from './tokens';

/**
 * A date found at a position of the arguments, or a phrase that was plainly meant as a date and is refused:
 * `badDate` when its form is wrong ("5/5/5", "12.5.", "thứ tám", "ngày abc"), `noSuchDay` when it is well formed
 * but names no calendar day ("31/04", "32/13", "29/02/2027"). `text` is what was typed, words joined by a space.
 * A day found may lie in the future or far back: the caller holds the window.
 */
export type DayWords =
  | { readonly day: IsoDay; readonly consumed: number }
  | { readonly error: 'badDate' | 'noSuchDay'; readonly text: string; readonly consumed: number };

// Folded words with the day they name, relative to today. One-word forms cover people who skip the space.
const RELATIVE_TWO_WORDS: ReadonlyMap<string, number> = new Map([
  ['hom nay', 0],
  ['hom qua', -1],
  ['hom kia', -2],
  ['ngay mai', 1],
  ['ngay kia', 2],
]);
const RELATIVE_ONE_WORD: ReadonlyMap<string, number> = new Map([
  ['today', 0],
  ['homnay', 0],
  ['yesterday', -1],
  ['homqua', -1],
  ['homkia', -2],
  ['tomorrow', 1],
  ['ngaymai', 1],
]);

// Weekdays, 0 for Monday … 6 for Sunday, as the campaign's weeks run.
const WEEKDAY_TWO_WORDS: ReadonlyMap<string, number> = new Map([
  ['thu hai', 0],
  ['thu ba', 1],
  ['thu tu', 2],
  ['thu nam', 3],
  ['thu sau', 4],
  ['thu bay', 5],
  ['chu nhat', 6],
  ...[2, 3, 4, 5, 6, 7].map((n) => [`thu ${n}`, n - 2] as const),
]);
const WEEKDAY_ONE_WORD: ReadonlyMap<string, number> = new Map([
  ...[2, 3, 4, 5, 6, 7].flatMap((n) => [[`t${n}`, n - 2] as const, [`thu${n}`, n - 2] as const]),
  ['cn', 6],
  ['chunhat', 6],
  ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map(
    (name, index) => [name, index] as const,
  ),
]);

/**
 * Folded first words that begin a date phrase. With diacritics ("ngày", "hôm", "thứ") such a word followed by
 * anything that is not a date is refused as a bad date; without them ("ngay" = at once, "thu" = to collect) it is
 * an ordinary word unless a date follows.
 */
export const DATE_LEAD_WORDS: ReadonlySet<string> = new Set(['ngay', 'hom', 'thu', 'chu']);
const STRICT_LEAD_WORDS: ReadonlySet<string> = new Set(['ngày', 'hôm', 'thứ']);

/** True when the folded word alone names a day ("cn", "t2", "homqua", "yesterday"). */
export const isOneWordDay = (folded: string): boolean => RELATIVE_ONE_WORD.has(folded) || WEEKDAY_ONE_WORD.has(folded);

const DAY_MONTH = /^([0-9]{1,2})([./-])([0-9]{1,2})$/;
const DAY_MONTH_YEAR = /^([0-9]{1,2})([./-])([0-9]{1,2})\2([0-9]{4})$/;
const YEAR_MONTH_DAY = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$/;
// Digits joined by date separators: meant as a date, so a broken one is an error rather than the start of a note.
const DATE_SHAPED = /^[0-9]+(?:[./-][0-9]*)+$/;
// "1.400" is a thousand four hundred, not a date: left to the caller's number rules.
const DOTTED_THOUSANDS = /^[0-9]{1,3}(?:\.[0-9]{3})+$/;
// "hôm qua," and "23/11." end a phrase in ordinary typing; the punctuation is not part of the date.
const TRAILING_PUNCTUATION = /[,.;:!?]+$/u;
// A known Monday, to tell any day's weekday by counting.
const A_MONDAY = '2024-01-01';

const isoDay = (year: number, month: number, day: number): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** The word as a date reads it: normalised digits and marks, lower case, diacritics folded. */
const fold = (word: string | undefined) => (word === undefined ? undefined : foldText(normalizeWord(word)));
const foldBare = (word: string | undefined) => fold(word)?.replace(TRAILING_PUNCTUATION, '');

type Numeric = { day: IsoDay } | { error: 'badDate' | 'noSuchDay' } | undefined;

/** The day-month nearest to today, in the year before, this one or the next; a tie goes to the past. */
function dayMonthNearest(day: number, month: number, today: IsoDay): Numeric {
  if (month < 1 || month > 12 || day < 1 || day > 31) return { error: 'noSuchDay' };
  const year = Number(today.slice(0, 4));
  let best: { year: number; distance: number } | undefined;
  for (const candidate of [year - 1, year, year + 1]) {
    // 29/02 in a year without one is measured as 28/02: the nearest year decides, then whether it has the day.
    let probe = isoDay(candidate, month, day);
    for (let clamped = day; !isValidIsoDay(probe) && clamped > 28; ) probe = isoDay(candidate, month, --clamped);
    const distance = Math.abs(daysBetween(today, probe));
    if (!best || distance < best.distance) best = { year: candidate, distance };
  }
  const found = isoDay(best!.year, month, day);
  return isValidIsoDay(found) ? { day: found } : { error: 'noSuchDay' };
}

function calendarDay(year: number, month: number, day: number): Numeric {
  const found = isoDay(year, month, day);
  return isValidIsoDay(found) ? { day: found } : { error: 'noSuchDay' };
}

/** A numeric date ("23/11", "20.11.2026", "2026-11-23"), a broken one, or undefined when the word is no date. */
function numericDay(word: string, today: IsoDay): Numeric {
  const normal = normalizeWord(word).replace(/[,;:!?]+$/u, '');
  const bare = normal.replace(/\.+$/, '');
  if (!DATE_SHAPED.test(normal) || DOTTED_THOUSANDS.test(normal)) return undefined;
  let match = DAY_MONTH.exec(bare);
  if (match) {
    // "12.5." may be 12 May ending a sentence or "12.5.2026" with the year forgotten: asked, not guessed.
    if (match[2] === '.' && bare !== normal) return { error: 'badDate' };
    return dayMonthNearest(Number(match[1]), Number(match[3]), today);
  }
  match = DAY_MONTH_YEAR.exec(bare);
  if (match) return calendarDay(Number(match[4]), Number(match[3]), Number(match[1]));
  match = YEAR_MONTH_DAY.exec(bare);
  if (match) return calendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
  return { error: 'badDate' };
}

/** The latest day on this weekday (0 Monday … 6 Sunday) not after today: today itself when it is that day. */
function latestWeekday(weekday: number, today: IsoDay): IsoDay {
  const todayWeekday = (((daysBetween(A_MONDAY, today) % 7) + 7) % 7) as number;
  return addDays(today, -((todayWeekday - weekday + 7) % 7));
}

/** A word-only date at tokens[start], without the optional "ngày" before it. */
function wordDay(tokens: readonly string[], start: number, today: IsoDay): DayWords | undefined {
  const first = foldBare(tokens[start]);
  if (first === undefined || first === '') return undefined;
  const firstFull = fold(tokens[start])!;
  const secondWord = tokens[start + 1];
  if (secondWord !== undefined && !TRAILING_PUNCTUATION.test(firstFull)) {
    const pair = `${firstFull} ${foldBare(secondWord)}`;
    const offset = RELATIVE_TWO_WORDS.get(pair);
    if (offset !== undefined) return { day: addDays(today, offset), consumed: 2 };
    const weekday = WEEKDAY_TWO_WORDS.get(pair);
    if (weekday !== undefined) return { day: latestWeekday(weekday, today), consumed: 2 };
  }
  const offset = RELATIVE_ONE_WORD.get(first);
  if (offset !== undefined) return { day: addDays(today, offset), consumed: 1 };
  const weekday = WEEKDAY_ONE_WORD.get(first);
  if (weekday !== undefined) return { day: latestWeekday(weekday, today), consumed: 1 };
  // "t8", "thu9", "thứ 8", "thu 1": a weekday with a number no weekday has.
  if (/^(?:t|thu)[0-9]{1,2}$/.test(first)) return { error: 'badDate', text: tokens[start]!, consumed: 1 };
  if ((first === 'thu' || first === 'chu') && secondWord !== undefined && /^[0-9]+$/.test(foldBare(secondWord)!)) {
    return { error: 'badDate', text: `${tokens[start]} ${secondWord}`, consumed: 2 };
  }
  return undefined;
}

/**
 * Reads a date at tokens[start]: "hôm nay", "hôm qua", "hôm kia" (also "yesterday", "today"); "23/11", "23.11",
 * "23-11" and each with a year ("23/11/2026"), or "2026-11-23", each optionally after "ngày"; a weekday ("thứ hai" …
 * "chủ nhật", "thứ 2", "t2" … "t7", "cn", "monday"), which is the latest such day, today included; "ngày mai" and
 * "tomorrow", which the caller refuses as not yet come. A day and month without a year is the nearest such date:
 * on 02/01/2027 "30/12" is 30/12/2026. Any Unicode digits count. Undefined means the tokens are no date at all.
 * Never throws; today must be a valid IsoDay.
 */
export function parseDayWords(tokens: readonly string[], start: number, today: IsoDay): DayWords | undefined {
  const firstWord = tokens[start];
  if (firstWord === undefined) return undefined;
  const lead = foldBare(firstWord);
  const strict = STRICT_LEAD_WORDS.has(
    normalizeWord(firstWord).toLowerCase().normalize('NFC').replace(TRAILING_PUNCTUATION, ''),
  );
  if (lead === 'ngay' || lead === 'hom' || lead === 'thu') {
    const found = lead === 'ngay' ? undefined : wordDay(tokens, start, today);
    if (found) return found;
    if (lead === 'ngay') {
      const next = tokens[start + 1];
      const numeric = next === undefined ? undefined : numericDay(next, today);
      const text = next === undefined ? firstWord : `${firstWord} ${next}`;
      if (numeric && 'day' in numeric) return { day: numeric.day, consumed: 2 };
      if (numeric) return { error: numeric.error, text, consumed: 2 };
      // "ngày hôm qua", "ngày thứ hai", "ngày mai".
      const named = next === undefined ? undefined : wordDay(tokens, start + 1, today);
      if (named && 'day' in named) return { day: named.day, consumed: named.consumed + 1 };
      if (named) return { ...named, text: `${firstWord} ${named.text}`, consumed: named.consumed + 1 };
      const relative = wordDay(tokens, start, today);
      if (relative) return relative;
    }
    return strict
      ? {
          error: 'badDate',
          text: tokens.slice(start, start + 2).join(' '),
          consumed: Math.min(2, tokens.length - start),
        }
      : undefined;
  }
  const named = wordDay(tokens, start, today);
  if (named) return named;
  const numeric = numericDay(firstWord, today);
  if (numeric === undefined) return undefined;
  return 'day' in numeric ? { day: numeric.day, consumed: 1 } : { error: numeric.error, text: firstWord, consumed: 1 };
}
