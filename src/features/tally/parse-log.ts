import type { IsoDay } from '../../kernel/day';
import { foldText } from '../../kernel/fold';
import type { Metric, MetricCatalog } from '../../kernel/metric';
import { matchMetric } from '../../kernel/parsing/match-metric';
import { looksLikeAmount, parseAmount } from '../../kernel/parsing/parse-amount';
import { parseDayWords } from '../../kernel/parsing/parse-day';
import type { ParseError } from '../../kernel/parsing/parse-error';
import { normalizeWord, quote, restFrom, type Token, tokenize } from '../../kernel/parsing/tokens';
import { err, ok, type Result } from '../../kernel/result';

/** Longest note a log entry keeps, in characters (code points). */
export const MAX_NOTE_CHARS = 500;

/** A parsed /log: what was done, for which day, and an optional free-text note. */
export interface LogCommand {
  readonly items: { metric: Metric; amount: number }[];
  readonly day: IsoDay;
  /** Everything after the pairs and the date, as typed (trimmed); the confirmation should show it back. */
  readonly note: string | undefined;
}

/** What /log needs besides the text: the catalog, and the local day relative dates count from. */
export interface LogContext {
  readonly catalog: MetricCatalog;
  /** The day the message was sent: "hôm qua" is the day before it. */
  readonly today: IsoDay;
}

/** A trailing "," or ";" separates pairs ("cccd 120, dkoto 5") and is not part of the number. */
const amountText = (token: string) => token.replace(/[,;]+$/, '') || token;

// Words standing alone between pairs ("cccd 120 , dkoto 5", "cccd 120 + dkoto 5"): skipped, never a note.
const SEPARATOR = /^[,;:+&|\u2013\u2014-]+$/u;
// A word that starts as a number: after the pairs it is a forgotten metric or a mistyped date, never a note.
const NUMBER_START = /^[-+\u2212]?[0-9]/;
// Letters glued to a number that name no metric ("dkotto5"): a mistyped pair, never a note.
const LETTERS_THEN_NUMBER = /^\p{L}+[0-9][0-9.,]*[,;]?$/u;

/** Reads the normalised `token`; errors quote `typed`, the same word as the user wrote it. */
function checkAmount(metric: Metric, token: string, typed: string): Result<number, ParseError> {
  const amount = parseAmount(amountText(token));
  if (!amount.ok) {
    return err(
      amount.error === 'bad'
        ? { kind: 'log.badAmount', amount: quote(typed) }
        : { kind: 'log.amountNotPositive', amount: quote(typed) },
    );
  }
  if (amount.value > metric.maxPerEntry) {
    return err({ kind: 'log.amountTooLarge', amount: quote(typed), max: metric.maxPerEntry, metric: metric.code });
  }
  return ok(amount.value);
}

/**
 * "1 400" typed with a space would otherwise log 1 with the note "400"; a bare three-digit word right after a
 * short plain amount is far more likely that than a note, so it is refused as one amount.
 */
function splitThousands(amount: string, next: string | undefined): string | undefined {
  if (next === undefined || !/^[1-9][0-9]{0,2}$/.test(amount) || !/^[0-9]{3}$/.test(amountText(next))) return undefined;
  return `${amount} ${next}`;
}

type Glued = { metric: Metric; consumed: number; amount: string } | { ambiguous: string } | undefined;

/**
 * A metric name whose last word is glued to its amount: "dkoto5", "cccd1.400", "o to5". Every split of the word
 * into a name and a number is tried, so an alias ending in digits ("abc1") still reads; two readings of one word
 * ("abc15" as abc1 5 or abc 15) are refused rather than guessed.
 */
function matchGlued(catalog: MetricCatalog, words: readonly string[], index: number): Glued {
  for (let length = Math.min(catalog.maxAliasWords, words.length - index); length >= 1; length--) {
    const last = words[index + length - 1]!;
    const readings = new Map<string, { metric: Metric; amount: string }>();
    for (let cut = 1; cut < last.length; cut++) {
      const amount = last.slice(cut);
      if (!NUMBER_START.test(amount) || !looksLikeAmount(amountText(amount))) continue;
      // The name's part of the word must hold more than marks: "cccd ⃣5" is no glued "cccd 5".
      if (foldText(last.slice(0, cut)) === '') continue;
      const name = [...words.slice(index, index + length - 1), last.slice(0, cut)].join(' ');
      const metric = catalog.resolve(name);
      if (metric) readings.set(`${metric.code} ${amount}`, { metric, amount });
    }
    if (readings.size > 1) return { ambiguous: words.slice(index, index + length).join(' ') };
    const [reading] = readings.values();
    if (reading) return { ...reading, consumed: length };
  }
  return undefined;
}

/**
 * Parses "/log" arguments: pairs `<metric> <amount>` (also glued, "dkoto5"), at most one date anywhere among them,
 * then an optional free-text note. What follows the pairs must be a date, a note, or nothing: a number without a
 * metric, a broken date or letters glued to a number there is refused, so nothing is half-stored. Whether the
 * day may be logged (not in the future, within the caller's window) is log-rules.ts's `checkLogDay`. Never throws for any args; ctx.today must be a valid day (a bad one is the caller's bug and throws RangeError).
 */
export function parseLogArgs(args: string, ctx: LogContext): Result<LogCommand, ParseError> {
  const tokens: Token[] = tokenize(args);
  if (tokens.length === 0) return err({ kind: 'log.usage' });
  const typed = tokens.map((token) => token.text);
  const words = typed.map(normalizeWord);

  const items: { metric: Metric; amount: number }[] = [];
  let day: IsoDay | undefined;
  let noteStart = tokens.length;

  const takePair = (
    metric: Metric,
    amount: string,
    typedAmount: string,
    next: string | undefined,
  ): ParseError | undefined => {
    if (items.some((item) => item.metric.code === metric.code))
      return { kind: 'log.repeatedMetric', metric: metric.code };
    const spaced = splitThousands(amount, next);
    if (spaced !== undefined) return { kind: 'log.badAmount', amount: quote(spaced) };
    const checked = checkAmount(metric, amount, typedAmount);
    if (!checked.ok) return checked.error;
    items.push({ metric, amount: checked.value });
    return undefined;
  };

  let index = 0;
  while (index < tokens.length) {
    const word = words[index]!;
    if (SEPARATOR.test(word)) {
      index += 1;
      continue;
    }
    // Dates first, so "hôm qua" is yesterday and not the gift metric "qua" followed by a note.
    const date = parseDayWords(typed, index, ctx.today);
    if (date && 'error' in date) {
      return err({ kind: date.error === 'noSuchDay' ? 'log.noSuchDay' : 'log.badDate', date: quote(date.text) });
    }
    if (date) {
      if (day !== undefined) {
        return err({ kind: 'log.repeatedDate', date: quote(typed.slice(index, index + date.consumed).join(' ')) });
      }
      day = date.day;
      index += date.consumed;
      continue;
    }

    const named = matchMetric(ctx.catalog, words, index);
    if (named) {
      const amountIndex = index + named.consumed;
      const amount = words[amountIndex];
      // "cccd hôm qua", "cccd 120 dkoto": the amount was forgotten, not mistyped as "hôm".
      if (
        amount === undefined ||
        (!looksLikeAmount(amountText(amount)) && parseDayWords(typed, amountIndex, ctx.today))
      ) {
        return err({ kind: 'log.missingAmount', metric: named.metric.code });
      }
      if (looksLikeAmount(amountText(amount))) {
        const pairError = takePair(named.metric, amount, typed[amountIndex]!, words[amountIndex + 1]);
        if (pairError) return err(pairError);
        index = amountIndex + 1;
        continue;
      }
    }

    const glued = matchGlued(ctx.catalog, words, index);
    if (glued && 'ambiguous' in glued) return err({ kind: 'log.ambiguousPair', text: quote(glued.ambiguous) });
    if (glued) {
      const pairError = takePair(glued.metric, glued.amount, glued.amount, words[index + glued.consumed]);
      if (pairError) return err(pairError);
      index += glued.consumed;
      continue;
    }

    if (items.length === 0) {
      // "cccd abc": the first metric's amount is mistyped; anything else first is no metric.
      if (named) return err({ kind: 'log.badAmount', amount: quote(typed[index + named.consumed]!) });
      return err({ kind: 'log.unknownMetric', metric: quote(typed[index]!) });
    }
    if (NUMBER_START.test(word)) {
      return err(
        parseAmount(amountText(word)).ok
          ? { kind: 'log.numberWithoutMetric', amount: quote(typed[index]!) }
          : { kind: 'log.badNumber', text: quote(typed[index]!) },
      );
    }
    if (!named && LETTERS_THEN_NUMBER.test(word))
      return err({ kind: 'log.unknownMetric', metric: quote(typed[index]!) });
    noteStart = index;
    break;
  }

  if (items.length === 0) return err({ kind: 'log.usage' });
  const note = restFrom(args, tokens, noteStart);
  if ([...note].length > MAX_NOTE_CHARS) return err({ kind: 'log.noteTooLong', max: MAX_NOTE_CHARS });
  return ok({ items, day: day ?? ctx.today, note: note === '' ? undefined : note });
}
