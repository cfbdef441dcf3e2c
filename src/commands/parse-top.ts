import { foldText } from '../domain/fold';
import type { Metric, MetricCatalog } from '../domain/metric';
import type { PeriodKind } from '../domain/period';
import { err, ok, type Result } from '../domain/result';
import { matchMetric } from './match-metric';
import type { ParseError } from './parse-error';
import { tokenize } from './tokens';

/** A parsed /top: one metric or all of them, over a week, month or year. */
export interface TopCommand {
  readonly metric: Metric | undefined;
  readonly period: PeriodKind;
}

// Folded period words; they are checked before metric names so a short alias can never hide them.
const PERIOD_WORDS: ReadonlyMap<string, PeriodKind> = new Map([
  ['tuan', 'week'],
  ['week', 'week'],
  ['w', 'week'],
  ['thang', 'month'],
  ['month', 'month'],
  ['m', 'month'],
  ['nam', 'year'],
  ['year', 'year'],
  ['y', 'year'],
]);
// "tháng này" (this month) is how people say it; the "này" adds nothing.
const THIS = 'nay';

/** The period a word names ("tuần", "thang", "year"), if any. */
export const periodWordOf = (word: string): PeriodKind | undefined => PERIOD_WORDS.get(foldText(word));

/** Parses "/top" arguments: an optional metric and an optional period word in either order; week by default. */
export function parseTopArgs(args: string, catalog: MetricCatalog): Result<TopCommand, ParseError> {
  const words = tokenize(args).map((token) => token.text);
  let metric: Metric | undefined;
  let period: PeriodKind | undefined;
  for (let index = 0; index < words.length; ) {
    const word = words[index]!;
    const periodWord = periodWordOf(word);
    if (periodWord) {
      if (period) return err({ kind: 'top.usage' });
      period = periodWord;
      index += words[index + 1] !== undefined && foldText(words[index + 1]!) === THIS ? 2 : 1;
      continue;
    }
    const named = matchMetric(catalog, words, index);
    if (!named) return err({ kind: 'top.unknownMetric', metric: word });
    if (metric) return err({ kind: 'top.usage' });
    metric = named.metric;
    index += named.consumed;
  }
  return ok({ metric, period: period ?? 'week' });
}
