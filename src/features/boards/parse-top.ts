import { foldText } from '../../kernel/fold';
import type { Metric, MetricCatalog } from '../../kernel/metric';
import { matchMetric } from '../../kernel/parsing/match-metric';
import type { ParseError } from '../../kernel/parsing/parse-error';
import { periodWordOf } from '../../kernel/parsing/period-words';
import { tokenize } from '../../kernel/parsing/tokens';
import type { PeriodKind } from '../../kernel/period';
import { err, ok, type Result } from '../../kernel/result';

/** A parsed /top: one metric or all of them, over a week, month or year, this one or the one before. */
export interface TopCommand {
  readonly metric: Metric | undefined;
  readonly period: PeriodKind;
  /** The period before the current one ("tuần trước", "tuan-truoc", "last week"). */
  readonly previous: boolean;
}

// "tháng này" (this month) is how people say it; the "này" adds nothing.
const THIS = 'nay';
// "tuần trước", "năm ngoái": the period before. Full period words only: "w truoc" is not how anyone writes it.
const BEFORE = new Set(['truoc', 'ngoai']);
const FULL_PERIOD_WORDS = new Set(['tuan', 'thang', 'nam', 'week', 'month', 'year']);
// One token: "tuan-truoc", "tuần_trước", "tuantruoc", "last-week", "lastmonth".
const GLUED_BEFORE = /^(tuan|thang|nam|week|month|year)[-_.]?(truoc|ngoai)$/;
const GLUED_LAST = /^last[-_.]?(week|month|year)$/;

/** A period of one or two words at `index`: its kind, whether it is the one before, and how many words it took. */
function periodAt(words: readonly string[], index: number) {
  const word = foldText(words[index]!);
  const next = words[index + 1] === undefined ? '' : foldText(words[index + 1]!);
  const glued = GLUED_BEFORE.exec(word) ?? GLUED_LAST.exec(word);
  if (glued) return { kind: periodWordOf(glued[1]!)!, previous: true, consumed: 1 };
  if (word === 'last' && FULL_PERIOD_WORDS.has(next)) return { kind: periodWordOf(next)!, previous: true, consumed: 2 };
  const kind = periodWordOf(word);
  if (!kind) return undefined;
  if (FULL_PERIOD_WORDS.has(word) && BEFORE.has(next)) return { kind, previous: true, consumed: 2 };
  return { kind, previous: false, consumed: next === THIS ? 2 : 1 };
}

/**
 * Parses "/top" arguments: an optional metric and an optional period in either order; this week by default. A
 * period is a word ("tuần", "thang", "year"), optionally followed by "này", or the one before ("tuần trước",
 * "tuan-truoc", "tháng trước", "năm ngoái", "last week").
 */
export function parseTopArgs(args: string, catalog: MetricCatalog): Result<TopCommand, ParseError> {
  const words = tokenize(args).map((token) => token.text);
  let metric: Metric | undefined;
  let period: PeriodKind | undefined;
  let previous = false;
  for (let index = 0; index < words.length; ) {
    const word = words[index]!;
    const named = periodAt(words, index);
    if (named) {
      if (period) return err({ kind: 'top.usage' });
      period = named.kind;
      previous = named.previous;
      index += named.consumed;
      continue;
    }
    const matched = matchMetric(catalog, words, index);
    if (!matched) return err({ kind: 'top.unknownMetric', metric: word });
    if (metric) return err({ kind: 'top.usage' });
    metric = matched.metric;
    index += matched.consumed;
  }
  return ok({ metric, period: period ?? 'week', previous });
}
