import { foldText } from '../../kernel/fold';
import type { Metric, MetricCatalog } from '../../kernel/metric';
import { matchMetric } from '../../kernel/parsing/match-metric';
import { parseAmount } from '../../kernel/parsing/parse-amount';
import { normalizeWord, quote, tokenize } from '../../kernel/parsing/tokens';
import type { TargetKind } from '../../kernel/report';
import { err, ok, type Result } from '../../kernel/result';

/** A parsed /target: a metric, an amount (0 removes the target), the period kind and maybe a unit code. */
export interface TargetCommand {
  readonly metric: Metric;
  readonly amount: number;
  readonly kind: TargetKind;
  readonly unitCode: string | undefined;
}

/** Why /target's arguments were refused; the kind is the reply's text key. */
export type TargetParseError =
  | { readonly kind: 'target.usage' }
  | { readonly kind: 'target.unknownMetric'; metric: string }
  | { readonly kind: 'target.badAmount'; amount: string };

const KINDS: ReadonlyMap<string, TargetKind> = new Map([
  ['thang', 'month'],
  ['month', 'month'],
  ['quy', 'quarter'],
  ['quarter', 'quarter'],
  ['nam', 'year'],
  ['year', 'year'],
]);

const UNIT_CODE = /^[A-Za-z0-9_-]{1,32}$/;
const MAX_TARGET = 1_000_000_000;

/** Parses "<metric> <amount> <thang|quy|nam> [UNIT]"; the metric may be an alias of several words. */
export function parseTargetArgs(args: string, catalog: MetricCatalog): Result<TargetCommand, TargetParseError> {
  const words = tokenize(args).map((token) => normalizeWord(token.text));
  if (words.length < 3) return err({ kind: 'target.usage' });
  const named = matchMetric(catalog, words, 0);
  if (!named) return err({ kind: 'target.unknownMetric', metric: quote(words[0]!) });
  const amountWord = words[named.consumed];
  const kindWord = words[named.consumed + 1];
  const rest = words.slice(named.consumed + 2);
  if (amountWord === undefined || kindWord === undefined || rest.length > 1) return err({ kind: 'target.usage' });
  const amount = amountWord === '0' ? ok(0) : parseAmount(amountWord);
  if (!amount.ok || amount.value > MAX_TARGET) return err({ kind: 'target.badAmount', amount: quote(amountWord) });
  const kind = KINDS.get(foldText(kindWord));
  if (!kind) return err({ kind: 'target.usage' });
  const unitCode = rest[0];
  if (unitCode !== undefined && !UNIT_CODE.test(unitCode)) return err({ kind: 'target.usage' });
  return ok({ metric: named.metric, amount: amount.value, kind, unitCode: unitCode?.toUpperCase() });
}
