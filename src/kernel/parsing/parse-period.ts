import type { DayRange, IsoDay } from '../day';
import { foldText } from '../fold';
import { weekOfIsoLabel } from '../job-period';
import { addDays, isValidIsoDay, monthOf, weekOf, yearOf } from '../period';
import type { ReportPeriod } from '../report';

const pad2 = (value: number) => String(value).padStart(2, '0');
const isoDay = (year: number, month: number, day: number): IsoDay =>
  `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;

/** The calendar quarter containing the day. */
export function quarterOf(day: IsoDay): DayRange {
  const [year, month] = day.split('-').map(Number) as [number, number];
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return { from: isoDay(year, first, 1), to: monthOf(isoDay(year, first + 2, 1)).to };
}

const MONTH = /^(\d{1,2})\/(\d{4})$/;
const DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const YEAR = /^(\d{4})$/;

function monthRange(text: string): DayRange | undefined {
  const match = MONTH.exec(text);
  if (!match) return undefined;
  const [month, year] = [Number(match[1]), Number(match[2])];
  if (month < 1 || month > 12 || year < 1) return undefined;
  return monthOf(isoDay(year, month, 1));
}

function dayOf(text: string): IsoDay | undefined {
  const match = DAY.exec(text);
  if (!match) return undefined;
  const day = isoDay(Number(match[3]), Number(match[2]), Number(match[1]));
  return isValidIsoDay(day) && Number(match[3]) > 0 ? day : undefined;
}

/** The period words, folded; "-truoc"/"last-" name the one before. */
const WORDS: ReadonlyMap<string, (today: IsoDay) => ReportPeriod> = new Map<string, (today: IsoDay) => ReportPeriod>([
  ['tuan', (today) => ({ kind: 'week', range: weekOf(today) })],
  ['week', (today) => ({ kind: 'week', range: weekOf(today) })],
  ['tuan-truoc', (today) => ({ kind: 'week', range: weekOf(addDays(today, -7)) })],
  ['last-week', (today) => ({ kind: 'week', range: weekOf(addDays(today, -7)) })],
  ['thang', (today) => ({ kind: 'month', range: monthOf(today) })],
  ['month', (today) => ({ kind: 'month', range: monthOf(today) })],
  ['thang-truoc', (today) => ({ kind: 'month', range: monthOf(addDays(monthOf(today).from, -1)) })],
  ['last-month', (today) => ({ kind: 'month', range: monthOf(addDays(monthOf(today).from, -1)) })],
  ['quy', (today) => ({ kind: 'quarter', range: quarterOf(today) })],
  ['quarter', (today) => ({ kind: 'quarter', range: quarterOf(today) })],
  ['quy-truoc', (today) => ({ kind: 'quarter', range: quarterOf(addDays(quarterOf(today).from, -1)) })],
  ['last-quarter', (today) => ({ kind: 'quarter', range: quarterOf(addDays(quarterOf(today).from, -1)) })],
  ['nam', (today) => ({ kind: 'year', range: yearOf(today) })],
  ['year', (today) => ({ kind: 'year', range: yearOf(today) })],
  ['nam-truoc', (today) => ({ kind: 'year', range: yearOf(addDays(yearOf(today).from, -1)) })],
  ['last-year', (today) => ({ kind: 'year', range: yearOf(addDays(yearOf(today).from, -1)) })],
]);

/**
 * Reads one period as people write it: "05/2021-08/2021" (whole months), "01/05/2021-31/08/2021" (days),
 * "05/2021", "2021", "2026-W49", or a word (tuan, tuan-truoc, thang, thang-truoc, quy, nam…). Spaces around the
 * dash and an en dash are fine. Undefined for anything else, a range that ends before it starts included.
 */
export function parseReportPeriod(text: string, today: IsoDay): ReportPeriod | undefined {
  const compact = text.replace(/[\u2013\u2014]/g, '-').replace(/\s+/g, '');
  if (compact === '') return undefined;
  const word = WORDS.get(foldText(compact));
  if (word) return word(today);
  const week = /^\d{4}-w\d{2}$/i.test(compact) ? weekOfIsoLabel(compact.toUpperCase()) : undefined;
  if (week) return { kind: 'week', range: week };
  const year = YEAR.exec(compact);
  if (year && Number(year[1]) > 0) return { kind: 'year', range: yearOf(isoDay(Number(year[1]), 1, 1)) };
  const single = monthRange(compact);
  if (single) return { kind: 'month', range: single };
  const parts = compact.split('-');
  if (parts.length !== 2) return undefined;
  const [first = '', last = ''] = parts;
  const months = [monthRange(first), monthRange(last)];
  if (months[0] && months[1]) {
    const range = { from: months[0].from, to: months[1].to };
    if (range.from > range.to) return undefined;
    return months[0].from === months[1].from ? { kind: 'month', range } : { kind: 'months', range };
  }
  const days = [dayOf(first), dayOf(last)];
  if (days[0] && days[1] && days[0] <= days[1]) return { kind: 'days', range: { from: days[0], to: days[1] } };
  return undefined;
}
