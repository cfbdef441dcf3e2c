import type { Locale } from '../kernel/locale';

const THOUSANDS: Record<Locale, string> = { vi: '.', en: ',' };

/**
 * 1400 → "1.400" in Vietnamese, "1,400" in English, rounded to a whole number. Grouped by hand rather than by
 * Intl.NumberFormat: the web app would pay for loading ICU's locale data (0.1 s in Chromium) before its first figure.
 */
export function formatNumber(locale: Locale, value: number): string {
  const whole = Math.round(Math.abs(value));
  const digits = String(whole).replace(/\B(?=(\d{3})+$)/g, THOUSANDS[locale]);
  return value < 0 && whole !== 0 ? `-${digits}` : digits;
}

/** "2026-11-24" → "24/11/2026" (both languages: the force writes dates day first). */
export function formatDay(isoDay: string): string {
  const [year, month, day] = isoDay.split('-');
  return `${day}/${month}/${year}`;
}

/** "2026-11-24" → "24/11". */
export function formatShortDay(isoDay: string): string {
  const [, month, day] = isoDay.split('-');
  return `${day}/${month}`;
}

/** Escapes text for Telegram's HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Characters XML 1.0 forbids (controls other than tab, LF, CR; lone surrogates; U+FFFE, U+FFFF): dropped. */
const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it finds, to drop them.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Anything xmlText changes or drops: most texts have none and are returned as they are. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it finds, to drop them.
const NEEDS_WORK = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text as XML character data or an attribute value (an XLSX sheet, an SVG chart). */
export function xmlText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text.replace(FORBIDDEN, '').replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}

/** Markup that is already safe HTML and must not be escaped again. */
export class Html {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

/** A mention of a user by id: works without a username. */
export const mention = (userId: number, name: string): Html =>
  new Html(`<a href="tg://user?id=${userId}">${escapeHtml(name)}</a>`);

/** The months' English names, January first. */
export const ENGLISH_MONTHS: readonly string[] = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
