import { foldText } from '../../kernel/fold';
import type { Locale } from '../../kernel/locale';
import type { ParseError } from '../../kernel/parsing/parse-error';
import { restFrom, tokenize } from '../../kernel/parsing/tokens';
import { err, ok, type Result } from '../../kernel/result';

/** A parsed /settings: show them, turn reminders on or off, or change the language (handled like /lang). */
export type SettingsArgs =
  | { kind: 'show' }
  | { kind: 'reminders'; on: boolean }
  | { kind: 'language'; args: string }
  | { kind: 'topic' }
  | { kind: 'confirm'; mode: 'reply' | 'reaction' | 'auto' };

// Folded, spaces removed: "nhắc nhở", "nhac nho" and "nhacnho" are one word here.
const REMINDER_WORDS = new Set(['reminders', 'reminder', 'remind', 'nhacnho', 'nhac']);
const LANGUAGE_WORDS = new Set(['lang', 'language', 'ngonngu']);
// "chủ đề": the forum topic the command is sent in receives the weekly posts.
const TOPIC_WORDS = new Set(['topic', 'chude']);
// "xác nhận": how /log is confirmed.
const CONFIRM_WORDS = new Set(['confirm', 'confirmation', 'xacnhan']);
const CONFIRM_MODES: ReadonlyMap<string, 'reply' | 'reaction' | 'auto'> = new Map([
  ['reply', 'reply'],
  ['traloi', 'reply'],
  ['reaction', 'reaction'],
  ['react', 'reaction'],
  ['bieutuong', 'reaction'],
  ['auto', 'auto'],
  ['tudong', 'auto'],
]);
const SWITCH_WORDS: ReadonlyMap<string, boolean> = new Map([
  ['on', true],
  ['bat', true],
  ['mo', true],
  ['off', false],
  ['tat', false],
]);

/**
 * Parses "/settings", "/settings reminders on|off" (also "nhắc nhở bật|tắt"), "/settings lang vi|en",
 * "/settings topic", "/settings confirm reply|reaction|auto" (also "xác nhận trả lời|biểu tượng|tự động").
 */
export function parseSettingsArgs(args: string): Result<SettingsArgs, { kind: 'settings.usage' }> {
  const tokens = tokenize(args);
  if (tokens.length === 0) return ok({ kind: 'show' });
  const words = tokens.map((token) => foldText(token.text));
  // The setting's name may be one word or two ("nhắc nhở", "ngôn ngữ").
  for (const length of [2, 1]) {
    const name = words.slice(0, length).join('');
    if (words.length < length) continue;
    if (REMINDER_WORDS.has(name)) {
      const value = SWITCH_WORDS.get(words.slice(length).join(''));
      return value === undefined ? err({ kind: 'settings.usage' }) : ok({ kind: 'reminders', on: value });
    }
    if (TOPIC_WORDS.has(name)) return words.length === length ? ok({ kind: 'topic' }) : err({ kind: 'settings.usage' });
    if (CONFIRM_WORDS.has(name)) {
      const mode = CONFIRM_MODES.get(words.slice(length).join(''));
      return mode === undefined ? err({ kind: 'settings.usage' }) : ok({ kind: 'confirm', mode });
    }
    if (LANGUAGE_WORDS.has(name)) {
      const rest = restFrom(args, tokens, length);
      return rest === '' ? err({ kind: 'settings.usage' }) : ok({ kind: 'language', args: rest });
    }
  }
  return err({ kind: 'settings.usage' });
}

// Folded, spaces removed, so "Tieng Viet" with or without accents and "tiengviet" both match.
const LANG_WORDS: ReadonlyMap<string, Locale> = new Map([
  ['vi', 'vi'],
  ['vn', 'vi'],
  ['tiengviet', 'vi'],
  ['vietnamese', 'vi'],
  ['en', 'en'],
  ['english', 'en'],
  ['tienganh', 'en'],
]);

/** Parses "/lang vi" or "/lang en" (also "tieng Viet" with accents, "English"). */
export function parseLangArgs(args: string): Result<{ locale: Locale }, ParseError> {
  const locale = LANG_WORDS.get(foldText(args).replace(/ /g, ''));
  return locale ? ok({ locale }) : err({ kind: 'lang.usage' });
}
