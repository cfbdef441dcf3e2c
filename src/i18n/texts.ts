import type { Locale } from '../kernel/locale';
import { en } from './en';
import { escapeHtml, Html } from './format';
import { type Texts, vi } from './vi';

export type { Texts };

export type TextKey = keyof Texts;
export type TextParams<K extends TextKey> = Texts[K] extends (params: infer P) => string ? [params: P] : [];

const catalogs: Record<Locale, Texts> = { vi, en };

/** Longest a quoted string parameter (a person's input, a name) is shown, in code points; longer ones end in "…". */
export const MAX_PARAM_CHARS = 500;

/** Cuts a string to `max` code points, ending it with "…" when cut. */
export function shorten(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

function escapeParams(params: Record<string, unknown>): Record<string, unknown> {
  const escaped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params))
    escaped[key] = typeof value === 'string' ? escapeHtml(shorten(value, MAX_PARAM_CHARS)) : value;
  return escaped;
}

/**
 * Looks a text up in the chat's language; string parameters are shortened to MAX_PARAM_CHARS and HTML-escaped,
 * `Html` ones pass through.
 */
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
