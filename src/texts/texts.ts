import type { Locale } from '../domain/locale';
import { en } from './en';
import { escapeHtml, Html } from './format';
import { vi } from './vi';

/** The shape every catalog must have: the Vietnamese master's keys and parameters. */
export type Texts = { [K in keyof typeof vi]: (typeof vi)[K] extends string ? string : (typeof vi)[K] };
export type TextKey = keyof Texts;
export type TextParams<K extends TextKey> = Texts[K] extends (params: infer P) => string ? [params: P] : [];

const catalogs: Record<Locale, Texts> = { vi, en };

function escapeParams(params: Record<string, unknown>): Record<string, unknown> {
  const escaped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params))
    escaped[key] = typeof value === 'string' ? escapeHtml(value) : value;
  return escaped;
}

/** Looks a text up in the chat's language; string parameters are HTML-escaped, `Html` ones pass through. */
export function t<K extends TextKey>(locale: Locale, key: K, ...params: TextParams<K>): string {
  const entry = catalogs[locale][key] as string | ((params: Record<string, unknown>) => string);
  if (typeof entry === 'string') return entry;
  return entry(escapeParams((params[0] ?? {}) as Record<string, unknown>));
}

/** Joins already-rendered catalog lines into markup that `t` will not escape again. */
export const lines = (rendered: readonly string[]): Html => new Html(rendered.join('\n'));

/** A commendation level's name; a level configured without a catalog entry shows its code. */
export function levelName(locale: Locale, code: string, form: 'full' | 'short' = 'full'): string {
  const entry = (catalogs[locale] as Record<string, unknown>)[
    form === 'short' ? `level.${code}.short` : `level.${code}`
  ];
  return typeof entry === 'string' ? entry : code;
}
