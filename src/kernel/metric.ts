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
  /** The same names as they were typed, with their diacritics ("căn cước"), in the same order; absent: as folded. */
  readonly aliasDisplay?: readonly string[];
  /** When the metric was retired: it keeps its history and can no longer be logged. Absent or null while in use. */
  readonly retiredAt?: string | null;
}

/** True while the metric may be logged. */
export const isActiveMetric = (metric: Metric): boolean => !metric.retiredAt;

/** The first retired metric among parsed items, if any: a /log naming one stores nothing. */
export const firstRetired = (items: readonly { readonly metric: Metric }[]): Metric | undefined =>
  items.find((item) => !isActiveMetric(item.metric))?.metric;

/** The metric's other names as people typed them. */
export const aliasNamesOf = (metric: Metric): readonly string[] =>
  metric.aliases.map((alias, index) => metric.aliasDisplay?.[index] ?? alias);

/** The metrics in catalog order, with lookup by code or alias. */
export interface MetricCatalog {
  /** Every metric, retired ones included (their history still names them). */
  readonly all: readonly Metric[];
  /** The metrics that may be logged. */
  readonly active: readonly Metric[];
  /**
   * Finds a metric by code or alias, ignoring case and diacritics (any capitalisation, with or without accents);
   * a retired metric is found too, so /log can say it is retired rather than unknown.
   */
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
  return {
    all: metrics,
    active: metrics.filter(isActiveMetric),
    resolve: (name) => byName.get(foldText(name)),
    maxAliasWords,
  };
}
