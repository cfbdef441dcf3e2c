import { instantsOfDays } from '../../kernel/cron';
import type { JobPeriod } from '../../kernel/job-period';
import type { MetricCatalog } from '../../kernel/metric';
import { addDays } from '../../kernel/period';
import { rank } from '../../kernel/ranking';
import {
  byUnitAndMetric,
  ownTotal,
  splitBySubUnit,
  sumOverUnits,
  type UnitMetricTotals,
  unitTotal,
} from '../../kernel/totals';
import type { Unit, UnitTree } from '../../kernel/units';
import type { Db } from '../../storage/schema';
import { approvedNominations, pendingNominations as loadPending, type Nomination } from '../nominations';
import { loadMonthTargets, type MonthTargetData, monthTargetsOf } from '../reports';
import { silenceByUnit, type UnitSilence } from '../roster';
import { type MemberMetricRow, memberTotals, unitTotals, weeklyUnitTotals } from '../tally';
import type { Commendation, DigestReport, LeaderboardReport, MetricTop, MetricTotal } from './weekly-report';

// The reports' shapes live in the domain, so the texts that render them need not import services.
export type { Commendation, DigestReport, LeaderboardReport, MetricTop, MetricTotal };

/** Everything a week's leaderboards and digests read, loaded once per job (a fixed number of queries). */
export interface WeekData {
  readonly period: JobPeriod;
  readonly current: UnitMetricTotals;
  readonly previous: UnitMetricTotals;
  readonly members: readonly MemberMetricRow[];
  readonly approved: readonly Nomination[];
  readonly pending: readonly Nomination[];
  /** The month's targets and its totals so far, when any monthly target is set. */
  readonly month?: MonthTargetData;
  /** Per unit with a roster: its active members and how many logged nothing in the period. */
  readonly silence: ReadonlyMap<number, UnitSilence>;
  /** With `trend`: the eight weeks ending with the period's, oldest first (the last is `current`). */
  readonly weeks?: readonly { readonly from: string; readonly totals: UnitMetricTotals }[];
}

/** The seven weeks before the period's, oldest first, loaded; the period's own and the one before are at hand. */
async function eightWeeks(
  db: Db,
  period: JobPeriod,
  current: UnitMetricTotals,
  previous: UnitMetricTotals,
): Promise<WeekData['weeks']> {
  const first = addDays(period.range.from, -7 * 7);
  const weekBefore = addDays(period.range.from, -7);
  const known = new Map([[period.range.from, current]]);
  if (period.previous?.from === weekBefore) known.set(weekBefore, previous);
  // The weeks before those at hand, in one read.
  const earlier = await weeklyUnitTotals(db, { unitIds: 'all', from: first, weeks: 8 - known.size });
  return Array.from({ length: 8 }, (_, index) => {
    const from = addDays(first, index * 7);
    return { from, totals: known.get(from) ?? byUnitAndMetric(earlier[index] ?? []) };
  });
}

/**
 * Loads the week's (and the week before's) totals, members' totals, approved and pending nominations, the month's
 * targets through the week's last day, and with `trend` the eight weeks' totals for the digest's chart.
 */
export async function loadWeekData(
  db: Db,
  tree: UnitTree,
  period: JobPeriod,
  timeZone: string,
  options: { readonly trend?: boolean } = {},
): Promise<WeekData> {
  const ids = tree.all.map((unit) => unit.id);
  const [current, previous, members, approved, pending, month, silence] = await Promise.all([
    // Every unit's: one scan of the by-day index rather than a seek per unit.
    unitTotals(db, { unitIds: 'all', range: period.range }),
    period.previous ? unitTotals(db, { unitIds: 'all', range: period.previous }) : Promise.resolve([]),
    memberTotals(db, { unitIds: ids, range: period.range }),
    approvedNominations(db, { unitIds: ids, ...instantsOfDays(period.range, timeZone) }),
    loadPending(db, ids),
    loadMonthTargets(db, period.range.to),
    silenceByUnit(db, period.range),
  ]);
  const data = {
    period,
    current: byUnitAndMetric(current),
    previous: byUnitAndMetric(previous),
    members,
    approved,
    pending,
    silence,
  };
  const weeks = options.trend ? await eightWeeks(db, period, data.current, data.previous) : undefined;
  return { ...data, ...(month && { month }), ...(weeks && { weeks }) };
}

const grandTotal = (totals: ReadonlyMap<string, number>) => [...totals.values()].reduce((a, b) => a + b, 0);

const TOP_PEOPLE = 3;

function metricTotals(catalog: MetricCatalog, current: Map<string, number>, previous: Map<string, number>) {
  return catalog.all
    .map((metric) => ({ metric, current: current.get(metric.code) ?? 0, previous: previous.get(metric.code) ?? 0 }))
    .filter((row) => row.current > 0 || row.previous > 0);
}

function topPeople(tree: UnitTree, catalog: MetricCatalog, data: WeekData, unitIds: ReadonlySet<number>): MetricTop[] {
  // Per metric and person: their total over the units, and the unit they logged most for.
  const people = new Map<string, Map<number, { name: string; total: number; unitId: number; best: number }>>();
  for (const row of data.members) {
    if (!unitIds.has(row.unitId)) continue;
    const ofMetric = people.get(row.metricCode) ?? new Map();
    const seen = ofMetric.get(row.userId);
    if (!seen) ofMetric.set(row.userId, { name: row.name, total: row.total, unitId: row.unitId, best: row.total });
    else {
      seen.total += row.total;
      if (row.total > seen.best) Object.assign(seen, { unitId: row.unitId, best: row.total });
    }
    people.set(row.metricCode, ofMetric);
  }
  return catalog.all.flatMap((metric) => {
    const rows = [...(people.get(metric.code)?.values() ?? [])].map((person) => ({
      item: person,
      total: person.total,
    }));
    const ranked = rank(rows, (person) => person.name).slice(0, TOP_PEOPLE);
    if (ranked.length === 0) return [];
    return [
      {
        metric,
        people: ranked.map((r) => ({
          name: r.item.name,
          unitCode: tree.byId(r.item.unitId)?.code ?? '',
          total: r.total,
        })),
      },
    ];
  });
}

function commendationsOf(tree: UnitTree, data: WeekData, unitIds: ReadonlySet<number>): Commendation[] {
  return data.approved
    .filter((nomination) => unitIds.has(nomination.unitId))
    .map((nomination) => ({
      level: nomination.level ?? '',
      nominee: nomination.nomineeName,
      unitName: tree.byId(nomination.unitId)?.name ?? '',
      reason: nomination.reason,
    }));
}

/** The roster's active members of the units and how many logged nothing; undefined when none has a roster. */
function silenceOver(data: WeekData, unitIds: readonly number[]): UnitSilence | undefined {
  let active = 0;
  let silent = 0;
  for (const id of unitIds) {
    const unit = data.silence.get(id);
    active += unit?.active ?? 0;
    silent += unit?.silent ?? 0;
  }
  return active > 0 ? { active, silent } : undefined;
}

/** The leaderboard of one unit's group: totals, rank among its siblings, top contributors, commendations. */
export function leaderboardReport(
  tree: UnitTree,
  catalog: MetricCatalog,
  data: WeekData,
  unitId: number,
): LeaderboardReport | undefined {
  const unit = tree.byId(unitId);
  if (!unit) return undefined;
  const subtree = new Set(tree.subtreeIds(unit.id));
  const totals = metricTotals(catalog, unitTotal(tree, data.current, unit.id), unitTotal(tree, data.previous, unit.id));
  const parent = unit.parentId === null ? undefined : tree.byId(unit.parentId);
  const siblings = parent ? tree.children(parent.id) : [];
  let ranks: LeaderboardReport['ranks'];
  if (parent && siblings.length > 1) {
    const siblingTotals = siblings.map((sibling) => ({
      id: sibling.id,
      totals: unitTotal(tree, data.current, sibling.id),
    }));
    const rows = totals
      .filter((row) => row.current > 0)
      .flatMap(({ metric }) => {
        const ranked = rank(
          siblingTotals.map((s) => ({ item: s.id, total: s.totals.get(metric.code) ?? 0 })),
          (id) => tree.byId(id)?.name ?? '',
        );
        const mine = ranked.find((r) => r.item === unit.id);
        return mine ? [{ metric, rank: mine.rank, of: siblings.length }] : [];
      });
    if (rows.length > 0) ranks = { parent, rows };
  }
  // A parent's group sees its sub-units ranked, each with its whole subtree, and its own entries as a place of
  // their own (as /bieudo draws them), so the places add up to its total. A metric none of its sub-units logged
  // has no ranking: it is left out rather than printed as an empty line.
  const split = splitBySubUnit(tree, data.current, unit.id);
  const subUnits = totals
    .filter((row) => row.current > 0)
    .filter(({ metric }) => split.children.some((child) => (child.totals.get(metric.code) ?? 0) > 0))
    .map(({ metric }) => ({
      metric,
      rows: rank(
        [
          ...split.children.map((child) => ({
            item: { unit: child.unit, own: false },
            total: child.totals.get(metric.code) ?? 0,
          })),
          { item: { unit, own: true }, total: split.own.get(metric.code) ?? 0 },
        ],
        (part) => (part.own ? `${part.unit.code} ` : part.unit.code),
      ),
    }));
  const targets = monthTargetsOf(tree, catalog, data.month, [unit.id]);
  const unlogged = silenceOver(data, [...subtree]);
  return {
    unit,
    period: data.period,
    totals,
    ...(unlogged && { unlogged }),
    ...(ranks && { ranks }),
    ...(subUnits.length > 0 && { subUnits }),
    top: topPeople(tree, catalog, data, subtree),
    commendations: commendationsOf(tree, data, subtree),
    ...(targets && { targets }),
  };
}

/** The top units among these: those not under another of them. */
export function rootsOf(tree: UnitTree, unitIds: readonly number[]): Unit[] {
  const given = new Set(unitIds);
  return [...given]
    .filter((id) => !tree.ancestorIds(id).some((ancestor) => ancestor !== id && given.has(ancestor)))
    .map((id) => tree.byId(id))
    .filter((unit): unit is Unit => unit !== undefined)
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** The top units of the whole tree: the province digest's scope. */
export const treeRoots = (tree: UnitTree): Unit[] =>
  rootsOf(
    tree,
    tree.all.map((unit) => unit.id),
  );

/** The digest of the subtrees under `rootIds`: totals, units chart, silent units, top officers, nominations. */
export function digestReport(
  tree: UnitTree,
  catalog: MetricCatalog,
  data: WeekData,
  rootIds: readonly number[],
): DigestReport {
  const roots = rootsOf(tree, rootIds);
  const scope = new Set(roots.flatMap((root) => tree.subtreeIds(root.id)));
  const units = tree
    .walk()
    .filter(({ unit }) => scope.has(unit.id))
    .map(({ unit, depth }) => ({
      unit,
      depth,
      // The digest's tree lists each unit's own entries under its parent's, so nothing is counted twice.
      current: grandTotal(ownTotal(data.current, unit.id)),
      previous: grandTotal(ownTotal(data.previous, unit.id)),
    }));
  const minDepth = Math.min(...units.map((row) => row.depth));
  // Only units with a roster: without one the bot cannot know who should have logged.
  const unlogged = units.flatMap(({ unit }) => {
    const silence = data.silence.get(unit.id);
    return silence && silence.active > 0 ? [{ unit, silent: silence.silent, active: silence.active }] : [];
  });
  const targets = monthTargetsOf(
    tree,
    catalog,
    data.month,
    roots.map((root) => root.id),
  );
  return {
    roots,
    period: data.period,
    totals: metricTotals(catalog, sumOverUnits(data.current, scope), sumOverUnits(data.previous, scope)),
    units: units
      .filter((row) => row.unit.groups > 0 || row.current > 0 || row.previous > 0)
      .map((row) => ({ ...row, depth: row.depth - minDepth })),
    charts: catalog.all.flatMap((metric) => {
      const rows = units
        .map((row) => ({
          unit: row.unit,
          depth: row.depth - minDepth,
          current: ownTotal(data.current, row.unit.id).get(metric.code) ?? 0,
          previous: ownTotal(data.previous, row.unit.id).get(metric.code) ?? 0,
        }))
        .filter((row) => row.current > 0 || row.previous > 0);
      return rows.some((row) => row.current > 0) ? [{ metric, rows }] : [];
    }),
    silent: units
      .filter((row) => row.unit.groups > 0 && grandTotal(unitTotal(tree, data.current, row.unit.id)) === 0)
      .map((row) => row.unit),
    top: topPeople(tree, catalog, data, scope),
    pending: data.pending
      .filter((nomination) => scope.has(nomination.unitId))
      .map((nomination) => ({ ...nomination, unitCode: tree.byId(nomination.unitId)?.code ?? '' })),
    commendations: commendationsOf(tree, data, scope),
    ...(targets && { targets }),
    ...(unlogged.length > 0 && { unlogged }),
  };
}
