import { enApp } from '../i18n/app-en';
import { type AppTexts, viApp } from '../i18n/app-vi';
import { formatDay, formatNumber } from '../i18n/format';
import type { Locale } from '../kernel/locale';

type Key = keyof AppTexts;
type Params<K extends Key> = AppTexts[K] extends (params: infer P) => string ? [params: P] : [];

const catalogs: Record<Locale, AppTexts> = { vi: viApp, en: enApp };
let current: Locale = 'vi';

/** Vietnamese first: English only for a Telegram client set to English. */
export const localeOfLanguage = (code: string | undefined): Locale => (code?.startsWith('en') ? 'en' : 'vi');

export function setLocale(locale: Locale): void {
  current = locale;
  document.documentElement.lang = locale;
}

/** A text of the bot's catalog (its `app.*` block) in the page's language. */
export function text<K extends Key>(key: K, ...params: Params<K>): string {
  const entry = catalogs[current][key] as string | ((params: unknown) => string);
  return typeof entry === 'string' ? entry : entry(params[0]);
}

/** 1400 → "1.400" (Vietnamese) or "1,400". */
export const num = (value: number): string => formatNumber(current, value);
export const day = formatDay;
