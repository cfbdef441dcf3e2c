import { foldText } from './fold';
import type { Locale } from './locale';

/** A kind of work the campaign counts, such as new citizen ID cards ("cccd"). */
export interface Metric {
  readonly code: string;
  readonly name: Readonly<Record<Locale, string>>;
  readonly countUnit: Readonly<Record<Locale, string>>;
  readonly maxPerEntry: number;
  /** Report sentence fragment with an `{amount}` placeholder, per language. */
  readonly reportPhrase: Readonly<Record<Locale, string>>;
  /** Folded alternative names ("can cuoc"). */
  readonly aliases: readonly string[];
}

/** The metrics in catalog order, with lookup by code or alias. */
export interface MetricCatalog {
  readonly all: readonly Metric[];
  /** Finds a metric by code or alias, ignoring case and diacritics (any capitalisation, with or without accents). */
  resolve(name: string): Metric | undefined;
  /** The most words any alias has, so a parser knows how far to look ahead. */
  readonly maxAliasWords: number;
}

export function createMetricCatalog(metrics: readonly Metric[]): MetricCatalog {
  const byName = new Map<string, Metric>();
  let maxAliasWords = 1;
  for (const metric of metrics) {
    for (const name of [metric.code, ...metric.aliases]) {
      const folded = foldText(name);
      byName.set(folded, metric);
      maxAliasWords = Math.max(maxAliasWords, folded.split(' ').length);
    }
  }
  return { all: metrics, resolve: (name) => byName.get(foldText(name)), maxAliasWords };
}
