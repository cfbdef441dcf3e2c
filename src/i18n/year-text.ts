/**
 * Texts of the year of emulation and its papers. Papers are plain text, not Telegram HTML, so `paperText` looks
 * the catalog up without escaping; the rest words the rules' data (titles, citations, checks, shares, dates).
 * Types are structural: src/i18n imports nothing from the features.
 */
import type { Locale } from '../kernel/locale';
import { en } from './en';
import { formatDay } from './format';
import { type TextKey, type TextParams, t } from './texts';
import { type Texts, vi } from './vi';

const catalogs: Record<Locale, Texts> = { vi, en };
const numberFormats: Record<Locale, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }),
};

/** A catalog text with its parameters as given: for PDF and DOCX, where nothing is HTML. */
export function paperText<K extends TextKey>(locale: Locale, key: K, ...params: TextParams<K>): string {
  const entry = catalogs[locale][key] as string | ((params: unknown) => string);
  return typeof entry === 'string' ? entry : entry(params[0] ?? {});
}

/** A title's name ("Chiến sĩ thi đua cơ sở"); an id without a catalog entry shows as itself. */
export function titleName(locale: Locale, id: string): string {
  const entry = (catalogs[locale] as Record<string, unknown>)[`year.title.${id}`];
  return typeof entry === 'string' ? entry : id;
}

/** A rule's citation: "Điều 21 Luật Thi đua, khen thưởng số 06/2022/QH15 …", or the act alone. */
export function citationText(locale: Locale, citation: { readonly act: string; readonly article?: number }): string {
  const entry = (catalogs[locale] as Record<string, unknown>)[`year.act.${citation.act}`];
  const act = typeof entry === 'string' ? entry : citation.act;
  return paperText(locale, 'year.citation', { act, article: citation.article ?? 0 });
}

/** 85.7 → "85,7" in Vietnamese, "85.7" in English. */
export const decimalText = (locale: Locale, value: number): string => numberFormats[locale].format(value);

/** `count` of `base` as a percentage with one decimal: 26 of 27 → "96,3"; empty for a base of 0. */
export const percentText = (locale: Locale, count: number, base: number): string =>
  base > 0 ? decimalText(locale, Math.round((count * 1000) / base) / 10) : '';

/** A share as the law writes it: "2/3", "70%", "12,5%". */
export function shareText(locale: Locale, share: { readonly numerator: number; readonly denominator: number }): string {
  const { numerator, denominator } = share;
  if (100 % denominator === 0 || denominator % 100 === 0)
    return `${decimalText(locale, (numerator * 100) / denominator)}%`;
  return `${numerator}/${denominator}`;
}

/**
 * A date as official papers write it (Nghị định 30/2020): "ngày 05 tháng 02 năm 2026", "ngày 15 tháng 12 năm
 * 2026": days under 10 and the months January and February take a leading zero, other months none.
 */
export function officialDate(locale: Locale, isoDay: string): string {
  const [year = '', month = '', day = ''] = isoDay.split('-');
  const monthNumber = Number(month);
  return paperText(locale, 'paper.date', {
    day: day.padStart(2, '0'),
    month: monthNumber <= 2 ? String(monthNumber).padStart(2, '0') : String(monthNumber),
    year: Number(year),
  });
}

/** "Lạng Sơn, ngày 15 tháng 12 năm 2026". */
export const placeAndDate = (locale: Locale, place: string, isoDay: string): string =>
  paperText(locale, 'paper.placeDate', { place, date: officialDate(locale, isoDay) });

/** One failed (or unconfirmed) check of a candidate, in words. `title` names the title a detail refers to. */
export function checkReason(
  locale: Locale,
  check: { readonly kind: string; readonly detail?: Readonly<Record<string, number | string>> },
): string {
  const detail = check.detail ?? {};
  const num = (key: string) => Number(detail[key] ?? 0);
  const of = titleName(locale, String(detail.of ?? ''));
  switch (check.kind) {
    case 'discipline':
      return paperText(locale, 'year.check.discipline', { collective: detail.subject === 'collective' });
    case 'served':
      return paperText(locale, 'year.check.served', { needed: num('needed') });
    case 'requires':
      return paperText(locale, 'year.check.requires', { title: of });
    case 'chain':
      return paperText(locale, 'year.check.chain', { title: of, years: num('years'), needed: num('needed') });
    case 'once':
      return paperText(locale, 'year.check.once', { year: num('year') });
    case 'memberShare':
      return paperText(locale, 'year.check.memberShare', {
        title: of,
        holding: num('holding'),
        members: num('members'),
      });
    case 'memberHolds':
      return paperText(locale, 'year.check.memberHolds', { title: of, holding: num('holding'), needed: num('needed') });
    case 'subject':
    case 'registered':
    case 'flags':
    case 'rating':
    case 'achievement':
    case 'membersComplete':
      return paperText(locale, `year.check.${check.kind}`);
    default:
      return check.kind;
  }
}

/**
 * A refusal of the year's use cases in the chat's words (HTML-escaped): a title id named, a registration window's
 * days ("MM-DD") written dd/mm, a day written dd/mm/yyyy. `kind` is its catalog key.
 */
export function yearErrorText(
  locale: Locale,
  error: { readonly kind: `year.error.${string}` } & Readonly<Record<string, unknown>>,
): string {
  const { kind, ...rest } = error;
  const params: Record<string, unknown> = { ...rest };
  if (typeof rest.title === 'string') params.title = titleName(locale, rest.title);
  for (const key of ['from', 'to'])
    if (typeof rest[key] === 'string') params[key] = (rest[key] as string).split('-').reverse().join('/');
  if (typeof rest.day === 'string') params.day = formatDay(rest.day);
  return (t as (locale: Locale, key: string, params: unknown) => string)(locale, kind, params);
}
