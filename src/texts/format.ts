import type { Locale } from '../domain/locale';

const numberFormats: Record<Locale, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }),
};

/** 1400 → "1.400" in Vietnamese, "1,400" in English. */
export const formatNumber = (locale: Locale, value: number): string => numberFormats[locale].format(value);

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
