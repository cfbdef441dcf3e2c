import type { Metric, MetricCatalog } from '../metric';

/** The metric named at tokens[index], matching the longest alias so "can cuoc cong dan" is not read as "can cuoc". */
export function matchMetric(
  catalog: MetricCatalog,
  words: readonly string[],
  index: number,
): { metric: Metric; consumed: number } | undefined {
  for (let length = Math.min(catalog.maxAliasWords, words.length - index); length >= 1; length--) {
    const metric = catalog.resolve(words.slice(index, index + length).join(' '));
    if (metric) return { metric, consumed: length };
  }
  return undefined;
}
