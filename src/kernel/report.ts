import type { DayRange } from './day';
import type { Metric, MetricCatalog } from './metric';
import { ownTotal, type UnitMetricTotals, unitTotal } from './totals';
import type { Unit, UnitTree } from './units';

/** What a report covers: a week, a month, a quarter, a year, a run of whole months, or any run of days. */
export interface ReportPeriod {
  readonly kind: 'week' | 'month' | 'quarter' | 'year' | 'months' | 'days';
  readonly range: DayRange;
}

/** The periods a target is set for. */
export type TargetKind = 'month' | 'quarter' | 'year';

/** One metric's amount. */
export interface MetricAmount {
  readonly metric: Metric;
  readonly total: number;
}

/** One metric's amount against its target over the report's period. */
export interface TargetProgress extends MetricAmount {
  readonly target: number;
  /** Rounded down, so 99.6% never reads as done. */
  readonly percent: number;
}

/** A commendation of the period, as the report names it. */
export interface ReportCommendation {
  readonly level: string;
  readonly nominee: string;
  readonly unitName: string;
}

/** A unit of the report's subtree with its subtree's totals (its own entries and everything under it). */
export interface ReportUnitLine {
  readonly unit: Unit;
  /** 0 for the report's unit, 1 for its children… */
  readonly depth: number;
  readonly totals: readonly MetricAmount[];
  /** Its own entries only (not its sub-units'). */
  readonly own: readonly MetricAmount[];
}

/** A report on one unit and its subtree over a period. */
export interface Report {
  readonly unit: Unit;
  readonly period: ReportPeriod;
  /** The whole subtree, per metric, in catalog order; only metrics with something logged. */
  readonly totals: readonly MetricAmount[];
  /** Every unit of the subtree that logged anything, in tree order. */
  readonly units: readonly ReportUnitLine[];
  readonly commendations: readonly ReportCommendation[];
  readonly targets: readonly TargetProgress[];
}

/** The positive totals as catalog-ordered amounts. */
export function amountsOf(catalog: MetricCatalog, totals: ReadonlyMap<string, number>): MetricAmount[] {
  return catalog.all
    .filter((metric) => (totals.get(metric.code) ?? 0) > 0)
    .map((metric) => ({ metric, total: totals.get(metric.code) ?? 0 }));
}

/**
 * A unit's target for a metric: its own when set, otherwise the sum of its children's (each by the same rule);
 * undefined when nobody in the subtree has one.
 */
export function effectiveTarget(
  tree: UnitTree,
  own: ReadonlyMap<number, ReadonlyMap<string, number>>,
  unitId: number,
  metricCode: string,
  seen: Set<number> = new Set(),
): number | undefined {
  const set = own.get(unitId)?.get(metricCode);
  if (set !== undefined) return set;
  if (seen.has(unitId)) return undefined;
  seen.add(unitId);
  let sum: number | undefined;
  for (const child of tree.children(unitId)) {
    const childTarget = effectiveTarget(tree, own, child.id, metricCode, seen);
    if (childTarget !== undefined) sum = (sum ?? 0) + childTarget;
  }
  return sum;
}

/**
 * Which target a period is measured against, and how many of it: a month, quarter or year against its own kind;
 * a run of whole months against the monthly target times the months. Weeks and arbitrary days have none.
 */
export function targetBasis(period: ReportPeriod): { kind: TargetKind; times: number } | undefined {
  if (period.kind === 'month' || period.kind === 'quarter' || period.kind === 'year')
    return { kind: period.kind, times: 1 };
  if (period.kind === 'months') {
    const [fromYear, fromMonth] = period.range.from.split('-').map(Number) as [number, number];
    const [toYear, toMonth] = period.range.to.split('-').map(Number) as [number, number];
    return { kind: 'month', times: (toYear - fromYear) * 12 + toMonth - fromMonth + 1 };
  }
  return undefined;
}

/** Percent done, rounded down; 0 for a target of 0. */
export const percentOf = (total: number, target: number): number =>
  target > 0 ? Math.floor((total / target) * 100) : 0;

/**
 * Per metric with a target, the subtrees under `rootIds` against it: each root's target by effectiveTarget's rule
 * (times `times`), added over the roots that have one, against those roots' subtrees' totals (a root without a
 * target is left out of that metric, so its work never counts toward another's target). Catalog order.
 */
export function targetProgressOf(input: {
  readonly tree: UnitTree;
  readonly catalog: MetricCatalog;
  readonly rootIds: readonly number[];
  readonly totals: UnitMetricTotals;
  readonly targets: ReadonlyMap<number, ReadonlyMap<string, number>>;
  readonly times?: number;
}): TargetProgress[] {
  const { tree, times = 1 } = input;
  return input.catalog.all.flatMap((metric) => {
    let target = 0;
    let total = 0;
    for (const rootId of input.rootIds) {
      const own = effectiveTarget(tree, input.targets, rootId, metric.code);
      if (own === undefined || own <= 0) continue;
      target += own * times;
      total += unitTotal(tree, input.totals, rootId).get(metric.code) ?? 0;
    }
    return target > 0 ? [{ metric, total, target, percent: percentOf(total, target) }] : [];
  });
}

/** The report of `unitId`'s subtree from the units' own totals, the targets set and the period's commendations. */
export function buildReport(input: {
  readonly tree: UnitTree;
  readonly catalog: MetricCatalog;
  readonly unitId: number;
  readonly period: ReportPeriod;
  readonly totals: UnitMetricTotals;
  /** Targets set, per unit and metric, of the kind targetBasis names for the period. */
  readonly targets: ReadonlyMap<number, ReadonlyMap<string, number>>;
  readonly commendations: readonly ReportCommendation[];
}): Report | undefined {
  const { tree, catalog } = input;
  const unit = tree.byId(input.unitId);
  if (!unit) return undefined;
  const totals = unitTotal(tree, input.totals, unit.id);
  const baseDepth = tree.ancestorIds(unit.id).length;
  const units = tree
    .walk()
    .filter(({ unit: each }) => tree.ancestorIds(each.id).includes(unit.id))
    .map(({ unit: each }) => ({
      unit: each,
      depth: tree.ancestorIds(each.id).length - baseDepth,
      totals: amountsOf(catalog, unitTotal(tree, input.totals, each.id)),
      own: amountsOf(catalog, ownTotal(input.totals, each.id)),
    }))
    .filter((line) => line.totals.length > 0);
  const basis = targetBasis(input.period);
  const targets = basis ? targetProgressOf({ ...input, rootIds: [unit.id], times: basis.times }) : [];
  return {
    unit,
    period: input.period,
    totals: amountsOf(catalog, totals),
    units,
    commendations: input.commendations,
    targets,
  };
}

/** What the paragraph says: who did what over the period, who was commended, how far the targets are. */
export interface ParagraphInput {
  readonly period: ReportPeriod;
  /** One sentence each; a subject without a name is the report's unit itself ("đơn vị"). */
  readonly subjects: readonly { readonly name: string | undefined; readonly amounts: readonly MetricAmount[] }[];
  /** The whole subtree's totals, said once more when several subjects spoke. */
  readonly overall: { readonly name: string; readonly amounts: readonly MetricAmount[] } | undefined;
  readonly commendations: readonly ReportCommendation[];
  readonly targets: readonly TargetProgress[];
}

/**
 * The paragraph's content from a report: each direct sub-unit that logged anything speaks for its subtree, the
 * unit itself for its own entries; units that reported nothing are left out. A unit alone is "the unit".
 */
export function paragraphOf(report: Report): ParagraphInput {
  const self = report.units.find((line) => line.unit.id === report.unit.id);
  const children = report.units.filter((line) => line.depth === 1);
  const subjects =
    children.length === 0
      ? [{ name: undefined, amounts: report.totals }]
      : [
          ...(self && self.own.length > 0 ? [{ name: report.unit.name, amounts: self.own }] : []),
          ...children.map((line) => ({ name: line.unit.name, amounts: line.totals })),
        ];
  const spoken = subjects.filter((subject) => subject.amounts.length > 0);
  return {
    period: report.period,
    subjects: spoken,
    overall: spoken.length > 1 ? { name: report.unit.name, amounts: report.totals } : undefined,
    commendations: report.commendations,
    targets: report.targets,
  };
}
