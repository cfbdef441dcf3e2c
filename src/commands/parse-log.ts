import type { IsoDay } from '../domain/day';
import type { Metric, MetricCatalog } from '../domain/metric';
import { addDays } from '../domain/period';
import { err, ok, type Result } from '../domain/result';
import { matchMetric } from './match-metric';
import { looksLikeAmount, parseAmount } from './parse-amount';
import { parseDayWords } from './parse-day';
import type { ParseError } from './parse-error';
import { restFrom, type Token, tokenize } from './tokens';

/** Longest note a log entry keeps, in characters (code points). */
export const MAX_NOTE_CHARS = 500;

/** A parsed /log: what was done, for which day, and an optional free-text note. */
export interface LogCommand {
  readonly items: { metric: Metric; amount: number }[];
  readonly day: IsoDay;
  readonly note: string | undefined;
}

/** What /log needs besides the text: the catalog, today's local day and how far back entries may go. */
export interface LogContext {
  readonly catalog: MetricCatalog;
  readonly today: IsoDay;
  readonly backdateDays: number;
}

/** A trailing "," or ";" separates pairs ("cccd 120, dkoto 5") and is not part of the number. */
const amountText = (token: string) => token.replace(/[,;]+$/, '') || token;

function checkAmount(metric: Metric, token: string): Result<number, ParseError> {
  const amount = parseAmount(amountText(token));
  if (!amount.ok) {
    return err(
      amount.error === 'bad'
        ? { kind: 'log.badAmount', amount: token }
        : { kind: 'log.amountNotPositive', amount: token },
    );
  }
  if (amount.value > metric.maxPerEntry) {
    return err({ kind: 'log.amountTooLarge', amount: token, max: metric.maxPerEntry, metric: metric.code });
  }
  return ok(amount.value);
}

/**
 * "1 400" typed with a space would otherwise log 1 with the note "400"; a bare three-digit word right after a
 * short plain amount is far more likely that than a note, so it is refused as one amount.
 */
function splitThousands(amount: Token, next: Token | undefined): string | undefined {
  if (!next || !/^[1-9][0-9]{0,2}$/.test(amount.text) || !/^[0-9]{3}$/.test(amountText(next.text))) return undefined;
  return `${amount.text} ${next.text}`;
}

/**
 * Parses "/log" arguments: `<metric> <amount> [<metric> <amount>]… [date] [note…]`.
 * Never throws for any args; ctx.today must be a valid day (a bad one is the caller's bug and throws RangeError).
 */
export function parseLogArgs(args: string, ctx: LogContext): Result<LogCommand, ParseError> {
  const tokens = tokenize(args);
  const words = tokens.map((token) => token.text);
  if (tokens.length === 0) return err({ kind: 'log.usage' });

  const items: { metric: Metric; amount: number }[] = [];
  let day = ctx.today;
  let noteStart = tokens.length;
  let index = 0;

  const takePair = (metric: Metric, amountIndex: number): ParseError | undefined => {
    if (items.some((item) => item.metric.code === metric.code))
      return { kind: 'log.repeatedMetric', metric: metric.code };
    const token = tokens[amountIndex]!;
    const spaced = splitThousands(token, tokens[amountIndex + 1]);
    if (spaced !== undefined) return { kind: 'log.badAmount', amount: spaced };
    const amount = checkAmount(metric, token.text);
    if (!amount.ok) return amount.error;
    items.push({ metric, amount: amount.value });
    return undefined;
  };

  const first = matchMetric(ctx.catalog, words, 0);
  if (!first) return err({ kind: 'log.unknownMetric', metric: words[0]! });
  index = first.consumed;
  const firstAmount = words[index];
  // "cccd hôm qua": the amount was forgotten, not mistyped as "hôm".
  if (firstAmount === undefined || (!looksLikeAmount(firstAmount) && parseDayWords(words, index, ctx.today))) {
    return err({ kind: 'log.missingAmount', metric: first.metric.code });
  }
  const firstError = takePair(first.metric, index);
  if (firstError) return err(firstError);
  index += 1;

  while (index < tokens.length) {
    // Dates first, so "hôm qua" is yesterday and not the gift metric "qua" followed by a note.
    const date = parseDayWords(words, index, ctx.today);
    if (date && 'error' in date) return err({ kind: 'log.badDate', date: date.text });
    if (date) {
      day = date.day;
      noteStart = index + date.consumed;
      break;
    }
    const next = matchMetric(ctx.catalog, words, index);
    const amountIndex = next ? index + next.consumed : index;
    if (next && amountIndex >= tokens.length) return err({ kind: 'log.missingAmount', metric: next.metric.code });
    if (!next || !looksLikeAmount(amountText(words[amountIndex]!))) {
      noteStart = index;
      break;
    }
    const pairError = takePair(next.metric, amountIndex);
    if (pairError) return err(pairError);
    index = amountIndex + 1;
  }

  if (day > ctx.today) return err({ kind: 'log.futureDay', day });
  if (day < addDays(ctx.today, -ctx.backdateDays)) return err({ kind: 'log.tooOld', day, days: ctx.backdateDays });
  const note = restFrom(args, tokens, noteStart);
  if ([...note].length > MAX_NOTE_CHARS) return err({ kind: 'log.noteTooLong', max: MAX_NOTE_CHARS });
  return ok({ items, day, note: note === '' ? undefined : note });
}
