import { createMetricCatalog, type Metric, type MetricCatalog } from '../kernel/metric';
import type { Db } from '../storage/schema';

/** Reads the whole metric catalog with its aliases, in catalog order. */
export async function loadMetricCatalog(db: Db): Promise<MetricCatalog> {
  const [rows, aliases] = await Promise.all([
    db.selectFrom('metrics').selectAll().orderBy('sort_order').orderBy('code').execute(),
    db.selectFrom('metric_aliases').selectAll().orderBy('alias').execute(),
  ]);
  const metrics: Metric[] = rows.map((row) => ({
    code: row.code,
    name: { vi: row.name_vi, en: row.name_en },
    countUnit: { vi: row.count_unit_vi, en: row.count_unit_en },
    maxPerEntry: row.max_per_entry,
    reportPhrase: { vi: row.report_phrase_vi, en: row.report_phrase_en },
    aliases: aliases.filter((alias) => alias.metric_code === row.code).map((alias) => alias.alias),
    aliasDisplay: aliases
      .filter((alias) => alias.metric_code === row.code)
      .map((alias) => alias.display ?? alias.alias),
    retiredAt: row.retired_at,
  }));
  return createMetricCatalog(metrics);
}

export interface NewMetric {
  readonly code: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly countUnitVi: string;
  readonly countUnitEn: string;
  readonly maxPerEntry: number;
}

/** Adds a metric at the end of the catalog; its report phrase defaults to "<name>: <amount>". */
export async function insertMetric(db: Db, metric: NewMetric, now: Date): Promise<void> {
  const last = await db
    .selectFrom('metrics')
    .select((eb) => eb.fn.max('sort_order').as('max'))
    .executeTakeFirst();
  await db
    .insertInto('metrics')
    .values({
      code: metric.code,
      name_vi: metric.nameVi,
      name_en: metric.nameEn,
      count_unit_vi: metric.countUnitVi,
      count_unit_en: metric.countUnitEn,
      max_per_entry: metric.maxPerEntry,
      report_phrase_vi: `${metric.nameVi.toLowerCase()}: {amount} ${metric.countUnitVi}`,
      report_phrase_en: `${metric.nameEn.toLowerCase()}: {amount} ${metric.countUnitEn}`,
      sort_order: Number(last?.max ?? 0) + 1,
      created_at: now.toISOString(),
    })
    .execute();
}

/** Adds another name of a metric: `alias` folded (looked up by), `display` as typed (shown; default: the folded). */
export async function insertMetricAlias(db: Db, alias: string, metricCode: string, display = alias): Promise<void> {
  await db.insertInto('metric_aliases').values({ alias, metric_code: metricCode, display }).execute();
}

/** Marks the metric retired; false when it already was. Its entries stay; /log refuses it from now on. */
export async function retireMetric(db: Db, metricCode: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('metrics')
    .set({ retired_at: now.toISOString() })
    .where('code', '=', metricCode)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setMetricMax(db: Db, metricCode: string, maxPerEntry: number): Promise<void> {
  await db.updateTable('metrics').set({ max_per_entry: maxPerEntry }).where('code', '=', metricCode).execute();
}
