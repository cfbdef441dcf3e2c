import { findMember } from '../../directory/member-store';
import type { DayRange } from '../../kernel/day';
import type { Metric } from '../../kernel/metric';
import { localDayOf, monthOf, type PeriodKind, periodOf, previousPeriodOf, weekOf } from '../../kernel/period';
import { type Ranked, rank } from '../../kernel/ranking';
import { err, ok, type Result } from '../../kernel/result';
import { byUnitAndMetric, splitBySubUnit, unitTotal } from '../../kernel/totals';
import { isActiveUnit, type Unit, type UnitTree } from '../../kernel/units';
import { loadMonthTargets, type MonthTargets, monthTargetsOf } from '../reports';
import { memberTotals, personTotals, unitTotals } from '../tally';
import type { Caller, UseCaseScope } from '../use-case';

const TOP_ROWS_ONE_METRIC = 10;
const TOP_ROWS_EACH_METRIC = 3;
/** In a private chat, /top shows at most this many units' boards. */
const MAX_PRIVATE_BOARDS = 5;

/** Where a board is asked for: a group (bound to a unit, or not yet), or a private chat. */
export type BoardPlace = { readonly kind: 'group'; readonly unitId: number | null } | { readonly kind: 'private' };

/** One row of a board: a ranked name and its total. */
export interface BoardRow {
  readonly rank: number;
  readonly name: string;
  readonly total: number;
}

/** One metric of a board. */
export interface BoardSection {
  readonly metric: Metric;
  readonly rows: readonly BoardRow[];
  /** A parent's board: its own entries (shown when any, or when it has a group), and its total. */
  readonly own?: number;
  readonly total?: number;
}

/** A unit's board over the period: its sub-units (each rolled up) or, without any, its members ranked. */
export interface Board {
  readonly unit: Unit;
  readonly sections: readonly BoardSection[];
  /** The month's targets, month to date, of the metrics shown. */
  readonly targets: MonthTargets | undefined;
}

export type BoardsRefusal = { kind: 'chat.notRegistered' } | { kind: 'top.noUnit' };

/**
 * The rows of a parent unit's board: its sub-units ranked by their totals, those at zero after them (sharing the
 * next rank), so a unit that reported nothing is seen.
 */
function subUnitRows(children: readonly { unit: Unit; total: number }[]): BoardRow[] {
  const ranked = rank(
    children.map((child) => ({ item: child.unit, total: child.total })),
    (unit) => unit.name,
  );
  const zero = children
    .filter((child) => child.total <= 0)
    .map((child) => child.unit)
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return [
    ...ranked.map((row) => ({ rank: row.rank, name: row.item.name, total: row.total })),
    ...zero.map((unit) => ({ rank: ranked.length + 1, name: unit.name, total: 0 })),
  ];
}

/** The active unit the person was last seen working in. */
async function memberUnit(scope: UseCaseScope, caller: Caller, tree: UnitTree): Promise<Unit | undefined> {
  const member = await findMember(scope.db, caller.userId);
  const unit = member?.unitId ? tree.byId(member.unitId) : undefined;
  return unit && isActiveUnit(unit) ? unit : undefined;
}

/**
 * Whose boards the caller sees here: in a group, its unit's (anyone in it); in private, the units they command and
 * their own; an admin with neither sees the top units.
 */
async function boardUnits(
  scope: UseCaseScope,
  caller: Caller,
  tree: UnitTree,
  place: BoardPlace,
): Promise<Result<Unit[], BoardsRefusal>> {
  if (place.kind === 'group') {
    const unit = place.unitId ? tree.byId(place.unitId) : undefined;
    return unit && isActiveUnit(unit) ? ok([unit]) : err({ kind: 'chat.notRegistered' });
  }
  const authority = await scope.directory.authority(caller.userId);
  const candidates = authority.commanderOf.map((id) => tree.byId(id));
  candidates.push(await memberUnit(scope, caller, tree));
  const units = new Map<number, Unit>();
  for (const unit of candidates) if (unit && isActiveUnit(unit)) units.set(unit.id, unit);
  if (units.size === 0 && authority.admin) {
    for (const { unit, depth } of tree.walk()) if (depth === 0) units.set(unit.id, unit);
  }
  return units.size > 0 ? ok([...units.values()].slice(0, MAX_PRIVATE_BOARDS)) : err({ kind: 'top.noUnit' });
}

/** A parent unit's board for each metric: sub-units (each with its subtree), its own entries, the total. */
async function subUnitSections(
  scope: UseCaseScope,
  tree: UnitTree,
  unit: Unit,
  metric: Metric | undefined,
  range: DayRange,
): Promise<BoardSection[]> {
  const rows = await unitTotals(scope.db, { unitIds: tree.subtreeIds(unit.id), range, metricCode: metric?.code });
  const totals = byUnitAndMetric(rows);
  const split = splitBySubUnit(tree, totals, unit.id);
  const catalog = await scope.directory.metrics();
  const shown = metric ? [metric] : catalog.all.filter((m) => rows.some((row) => row.metricCode === m.code));
  return shown.map((m) => {
    const own = split.own.get(m.code) ?? 0;
    return {
      metric: m,
      rows: subUnitRows(split.children.map((child) => ({ unit: child.unit, total: child.totals.get(m.code) ?? 0 }))),
      // The parent's own work (entries in its own group) is a row of its own, never hidden in a sub-unit.
      ...((own > 0 || unit.groups > 0) && { own }),
      total: unitTotal(tree, totals, unit.id).get(m.code) ?? 0,
    };
  });
}

/** A unit without sub-units: its members ranked, per metric. */
async function memberSections(
  scope: UseCaseScope,
  unit: Unit,
  metric: Metric | undefined,
  range: DayRange,
): Promise<BoardSection[]> {
  const rows = (await memberTotals(scope.db, { unitIds: [unit.id], range })).filter(
    (row) => !metric || row.metricCode === metric.code,
  );
  const catalog = await scope.directory.metrics();
  const shown = metric ? [metric] : catalog.all.filter((m) => rows.some((row) => row.metricCode === m.code));
  const limit = metric ? TOP_ROWS_ONE_METRIC : TOP_ROWS_EACH_METRIC;
  return shown.flatMap((m) => {
    const ranked = rank(
      rows.filter((row) => row.metricCode === m.code).map((row) => ({ item: row.name, total: row.total })),
      (label) => label,
    ).slice(0, limit);
    return ranked.length === 0 ? [] : [{ metric: m, rows: ranked.map((r) => ({ ...r, name: r.item })) }];
  });
}

/**
 * /top: the boards the caller may see here over a week, month or year (or the one before), of one metric or all,
 * each with the month's targets so far, as /report counts them.
 */
export async function topBoards(
  scope: UseCaseScope,
  caller: Caller,
  input: {
    readonly place: BoardPlace;
    readonly metric: Metric | undefined;
    readonly period: PeriodKind;
    readonly previous: boolean;
  },
): Promise<Result<{ boards: Board[]; range: DayRange }, BoardsRefusal>> {
  const tree = await scope.directory.units();
  const units = await boardUnits(scope, caller, tree, input.place);
  if (!units.ok) return units;
  const { metric, period } = input;
  const day = localDayOf(scope.now, scope.config.timeZone);
  const range = input.previous ? previousPeriodOf(period, day) : periodOf(period, day);
  const month = await loadMonthTargets(scope.db, day);
  const catalog = await scope.directory.metrics();
  const boards: Board[] = [];
  for (const unit of units.value) {
    const sections =
      tree.children(unit.id).length > 0
        ? await subUnitSections(scope, tree, unit, metric, range)
        : await memberSections(scope, unit, metric, range);
    // The month's targets, month to date, whatever period the board shows: own or rolled up, as /report counts.
    const targets = monthTargetsOf(tree, catalog, month, [unit.id]);
    const rows = targets?.rows.filter((row) => !metric || row.metric.code === metric.code) ?? [];
    boards.push({ unit, sections, targets: targets && { ...targets, rows } });
  }
  return ok({ boards, range });
}

/** What /me shows: the caller's totals this week and this month, and their rank in their unit this week. */
export interface Standing {
  readonly week: DayRange;
  readonly month: DayRange;
  readonly weekTotals: ReadonlyMap<string, number>;
  readonly monthTotals: ReadonlyMap<string, number>;
  /** Per metric they logged this week in the unit: their place among its members. */
  readonly ranks:
    | { readonly unit: Unit; readonly rows: readonly (Ranked<number> & { metric: Metric; of: number })[] }
    | undefined;
}

/** /me: in a group, ranked in its unit; elsewhere in the unit the caller was last seen logging in. */
export async function standingOf(
  scope: UseCaseScope,
  caller: Caller,
  input: { readonly groupUnitId: number | undefined },
): Promise<Standing> {
  const day = localDayOf(scope.now, scope.config.timeZone);
  const week = weekOf(day);
  const month = monthOf(day);
  const [weekTotals, monthTotals] = await Promise.all([
    personTotals(scope.db, caller.userId, week),
    personTotals(scope.db, caller.userId, month),
  ]);
  const tree = await scope.directory.units();
  const inGroup = input.groupUnitId ? tree.byId(input.groupUnitId) : undefined;
  const unit = inGroup && isActiveUnit(inGroup) ? inGroup : await memberUnit(scope, caller, tree);
  if (!unit) return { week, month, weekTotals, monthTotals, ranks: undefined };
  const rows = await memberTotals(scope.db, { unitIds: [unit.id], range: week });
  const catalog = await scope.directory.metrics();
  const ranks = catalog.all.flatMap((metric) => {
    const ranked = rank(
      rows.filter((row) => row.metricCode === metric.code).map((row) => ({ item: row, total: row.total })),
      (row) => `${row.name}\u0000${row.userId}`,
    );
    const mine = ranked.find((row) => row.item.userId === caller.userId);
    return mine ? [{ rank: mine.rank, item: caller.userId, total: mine.total, metric, of: ranked.length }] : [];
  });
  return { week, month, weekTotals, monthTotals, ranks: ranks.length > 0 ? { unit, rows: ranks } : undefined };
}
