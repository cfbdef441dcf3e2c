import type { Unit, UnitTree } from './units';

/** Per unit, per metric: what was logged in the unit itself (in its own groups), its sub-units not included. */
export type UnitMetricTotals = ReadonlyMap<number, ReadonlyMap<string, number>>;

const NOTHING: ReadonlyMap<string, number> = new Map();

/** Rows of (unit, metric, total) as a map of maps, adding repeats. */
export function byUnitAndMetric(
  rows: readonly { unitId: number; metricCode: string; total: number }[],
): UnitMetricTotals {
  const totals = new Map<number, Map<string, number>>();
  for (const row of rows) {
    const unit = totals.get(row.unitId) ?? new Map<string, number>();
    unit.set(row.metricCode, (unit.get(row.metricCode) ?? 0) + row.total);
    totals.set(row.unitId, unit);
  }
  return totals;
}

/** The units' totals added up per metric (never across metrics). */
export function sumOverUnits(totals: UnitMetricTotals, unitIds: Iterable<number>): Map<string, number> {
  const sum = new Map<string, number>();
  for (const id of unitIds)
    for (const [metric, total] of totals.get(id) ?? []) sum.set(metric, (sum.get(metric) ?? 0) + total);
  return sum;
}

/**
 * A unit's total, per metric: its own entries and everything logged under it (its active sub-units, all the way
 * down). Every board, chart, report and weekly post counts a unit this way.
 */
export const unitTotal = (tree: UnitTree, totals: UnitMetricTotals, unitId: number): Map<string, number> =>
  sumOverUnits(totals, tree.subtreeIds(unitId));

/** What a unit logged itself, its sub-units left out: shown as a row or bar of its own beside them. */
export const ownTotal = (totals: UnitMetricTotals, unitId: number): ReadonlyMap<string, number> =>
  totals.get(unitId) ?? NOTHING;

/** A parent unit's total split as boards show it: each active sub-unit's total, and the parent's own entries. */
export interface SubUnitSplit {
  readonly children: readonly { readonly unit: Unit; readonly totals: ReadonlyMap<string, number> }[];
  readonly own: ReadonlyMap<string, number>;
}

/** The split of `unitId`'s total by sub-unit; its parts add up to `unitTotal`. */
export function splitBySubUnit(tree: UnitTree, totals: UnitMetricTotals, unitId: number): SubUnitSplit {
  return {
    children: tree.children(unitId).map((unit) => ({ unit, totals: unitTotal(tree, totals, unit.id) })),
    own: ownTotal(totals, unitId),
  };
}

/** A bar of a chart that ranks units: a unit's total, or (`own`) a parent's own entries beside its sub-units. */
export interface RankedPart {
  readonly unit: Unit;
  readonly totals: ReadonlyMap<string, number>;
  readonly own: boolean;
}

/**
 * What a chart ranks a unit with: its sub-units (each its total) and its own entries as a part of their own, so
 * the parts add up to its total; a unit without sub-units, among its siblings (each its total), or alone.
 */
export function rankedWith(tree: UnitTree, totals: UnitMetricTotals, unitId: number): RankedPart[] {
  const unit = tree.byId(unitId);
  if (!unit) return [];
  if (tree.children(unit.id).length > 0) {
    const split = splitBySubUnit(tree, totals, unit.id);
    return [...split.children.map((child) => ({ ...child, own: false })), { unit, totals: split.own, own: true }];
  }
  const siblings = unit.parentId === null ? [] : tree.children(unit.parentId);
  return (siblings.length > 0 ? siblings : [unit]).map((each) => ({
    unit: each,
    totals: unitTotal(tree, totals, each.id),
    own: false,
  }));
}
