import type { MetricCatalog } from '../../kernel/metric';
import { monthOf } from '../../kernel/period';
import { type TargetProgress, targetProgressOf } from '../../kernel/report';
import { byUnitAndMetric, type UnitMetricTotals } from '../../kernel/totals';
import type { UnitTree } from '../../kernel/units';
import type { Db } from '../../storage/schema';
import { unitTotals } from '../tally';
import { targetsOfKind } from './target-store';

/** Monthly targets per unit and metric, and every unit's totals from the month's first day through `to`. */
export interface MonthTargetData {
  readonly from: string;
  readonly to: string;
  readonly targets: ReadonlyMap<number, ReadonlyMap<string, number>>;
  readonly totals: UnitMetricTotals;
}

/**
 * How far the month's targets are, month to date: the month of `to` from its first day through `to`, per metric
 * with a target (own or rolled up from sub-units). Absent when no target is set.
 */
export interface MonthTargets {
  /** The month's first and the last day counted ("2026-11-01", "2026-11-29"). */
  readonly from: string;
  readonly to: string;
  readonly rows: readonly TargetProgress[];
}

/** The monthly targets and the month-to-date totals through `day`; undefined (one query) when no target is set. */
export async function loadMonthTargets(db: Db, day: string): Promise<MonthTargetData | undefined> {
  const targets = await targetsOfKind(db, 'month');
  if (targets.size === 0) return undefined;
  const range = { from: monthOf(day).from, to: day };
  return { ...range, targets, totals: byUnitAndMetric(await unitTotals(db, { unitIds: 'all', range })) };
}

/** How far the subtrees under `rootIds` are toward their month's targets; undefined when none has one. */
export function monthTargetsOf(
  tree: UnitTree,
  catalog: MetricCatalog,
  month: MonthTargetData | undefined,
  rootIds: readonly number[],
): MonthTargets | undefined {
  if (!month) return undefined;
  const rows = targetProgressOf({ tree, catalog, rootIds, totals: month.totals, targets: month.targets });
  return rows.length > 0 ? { from: month.from, to: month.to, rows } : undefined;
}
