import { foldText } from '../../kernel/fold';
import type { MetricCatalog } from '../../kernel/metric';
import { looksLikeAmount } from '../../kernel/parsing/parse-amount';
import { DATE_LEAD_WORDS, isOneWordDay, parseDayWords } from '../../kernel/parsing/parse-day';
import type { ParseError } from '../../kernel/parsing/parse-error';
import { parseReportPeriod } from '../../kernel/parsing/parse-period';
import { periodWordOf } from '../../kernel/parsing/period-words';
import { normalizeWord, quote } from '../../kernel/parsing/tokens';
import { err, ok, type Result } from '../../kernel/result';

/** Longest unit name, in characters (code points). */
export const MAX_UNIT_NAME_CHARS = 120;
/** Longest metric alias, in characters (code points). */
export const MAX_ALIAS_CHARS = 40;

/** A metric alias as typed (single spaces, for display) and as looked up (folded). */
export interface AliasNames {
  readonly display: string;
  readonly folded: string;
}

// Any day will do: whether words read as a date does not depend on which day is today.
const PROBE_DAY = '2026-06-15';

const collapse = (text: string) => text.normalize('NFC').trim().replace(/\s+/gu, ' ');
const length = (text: string) => [...text].length;

/** A unit name with its spaces collapsed, or `unit.missingName` / `unit.nameTooLong`. */
export function checkUnitName(name: string): Result<string, ParseError> {
  const display = collapse(name);
  if (display === '') return err({ kind: 'unit.missingName' });
  if (length(display) > MAX_UNIT_NAME_CHARS) return err({ kind: 'unit.nameTooLong', max: MAX_UNIT_NAME_CHARS });
  return ok(display);
}

/** True when some word of the alias, or a phrase starting there, would be read as a date by /log. */
function readsAsDate(words: readonly string[]): boolean {
  const folded = words.map(foldText);
  if (DATE_LEAD_WORDS.has(folded[0] ?? '') || folded.some(isOneWordDay)) return true;
  return words.some((_, index) => parseDayWords(words, index, PROBE_DAY) !== undefined);
}

/**
 * The checks an alias passes before any catalog is consulted: not empty, at most MAX_ALIAS_CHARS, a letter in
 * every word, no word a date or the start of one ("hôm qua", "thứ hai", "t2", "cn", "23/11", "ngày"), no word a number or ending in a digit
 * (a glued "dkoto5" is read as dkoto 5).
 */
export function checkAliasShape(alias: string): Result<AliasNames, ParseError> {
  const display = collapse(alias);
  if (display === '') return err({ kind: 'metric.usage' });
  if (length(display) > MAX_ALIAS_CHARS) return err({ kind: 'metric.aliasTooLong', max: MAX_ALIAS_CHARS });
  const words = display.split(' ').map(normalizeWord);
  if (readsAsDate(words)) return err({ kind: 'metric.aliasDateWord', alias: quote(display) });
  if (words.some((word) => looksLikeAmount(word) || /[0-9]$/.test(word) || /^[-+\u2212]?[0-9]/.test(word))) {
    return err({ kind: 'metric.aliasNumeric', alias: quote(display) });
  }
  // A word of signs alone ("+", "…") is skipped or kept as typed by /log, never matched.
  if (words.some((word) => !/\p{L}/u.test(word))) return err({ kind: 'metric.aliasNoLetter', alias: quote(display) });
  const folded = foldText(words.join(' '));
  if (folded === '') return err({ kind: 'metric.usage' });
  return ok({ display, folded });
}

/**
 * Whether `alias` may be added as a new name of a metric: its shape (checkAliasShape), then no collision with any
 * code or alias of the catalog the caller passes, compared folded (so "Căn Cước" collides with "can cuoc").
 * Pure: the caller loads the catalog and stores the result.
 */
export function checkNewAlias(alias: string, catalog: MetricCatalog): Result<AliasNames, ParseError> {
  const shape = checkAliasShape(alias);
  if (!shape.ok) return shape;
  const owner = catalog.resolve(shape.value.folded);
  if (owner) return err({ kind: 'metric.aliasTaken', alias: quote(shape.value.display), metric: owner.code });
  return shape;
}

/** Why a new metric's code was refused: /log, /top or /chart would read it as something else. */
export type MetricCodeProblem =
  | { kind: 'metric.codeDateWord'; code: string }
  | { kind: 'metric.codeNumeric'; code: string }
  | { kind: 'metric.codePeriodWord'; code: string };

/**
 * Whether a new metric's code can be reached: not a date or the start of one ("today", "t2", "cn": `/log today 5`
 * reads a date), not a number (read as an amount), not a period word of /top, /chart and /report ("tuan", "nam",
 * "quy", "w"), which those commands read before a metric.
 */
export function checkNewMetricCode(code: string): Result<string, MetricCodeProblem> {
  if (readsAsDate([code])) return err({ kind: 'metric.codeDateWord', code });
  if (looksLikeAmount(code)) return err({ kind: 'metric.codeNumeric', code });
  if (periodWordOf(code) || parseReportPeriod(code, PROBE_DAY)) return err({ kind: 'metric.codePeriodWord', code });
  return ok(code);
}
