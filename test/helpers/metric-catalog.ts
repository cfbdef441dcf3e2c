import { SEED_METRICS } from '../../migrations/0002-seed-metrics';
import { createMetricCatalog, type Metric, type MetricCatalog } from '../../src/kernel/metric';

/** The ten seed metrics as domain objects, the same mapping the metric store applies to database rows. */
export function seedMetrics(): Metric[] {
  return SEED_METRICS.map((seed) => ({
    code: seed.code,
    name: { vi: seed.name_vi, en: seed.name_en },
    countUnit: { vi: seed.count_unit_vi, en: seed.count_unit_en },
    maxPerEntry: seed.max_per_entry,
    reportPhrase: { vi: seed.report_phrase_vi, en: seed.report_phrase_en },
    aliases: [...seed.aliases],
  }));
}

/** A catalog of the seed metrics, as a freshly migrated database would load it. */
export function seedCatalog(): MetricCatalog {
  return createMetricCatalog(seedMetrics());
}

/** The seed metric with this code; throws so a typo in a test fails loudly. */
export function seedMetric(code: string): Metric {
  const metric = seedMetrics().find((candidate) => candidate.code === code);
  if (!metric) throw new Error(`no seed metric ${code}`);
  return metric;
}
