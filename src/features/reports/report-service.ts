import { instantsOfDays } from '../../kernel/cron';
import type { DayRange } from '../../kernel/day';
import type { Locale } from '../../kernel/locale';
import type { Metric, MetricCatalog } from '../../kernel/metric';
import { addDays, localDayOf, weekOf } from '../../kernel/period';
import { buildReport, type Report, type ReportPeriod, type TargetKind, targetBasis } from '../../kernel/report';
import { err, ok, type Result } from '../../kernel/result';
import { byUnitAndMetric, rankedWith, unitTotal } from '../../kernel/totals';
import type { Unit, UnitTree } from '../../kernel/units';
import type { Db } from '../../storage/schema';
import { approvedNominations } from '../nominations';
import { unitTotals, weeklyUnitTotals } from '../tally';
import type { Caller, Place, UseCaseScope } from '../use-case';
import { type Chart, rankChart, trendChart } from './chart';
import { type NewExportRequest, requestExport } from './export-request-store';
import { type CampaignModel, countModels, insertModel, listModels, setTarget, targetsOfKind } from './target-store';

/** Models a unit registers without an admin: "one or two per unit". */
const MODELS_WITHOUT_ADMIN = 2;
/** Weeks a /chart's trend shows, the last ending with the period's. */
const TREND_WEEKS = 8;

export type UnitRefusal =
  | { kind: 'report.unknownUnit'; code: string }
  | { kind: 'report.noUnit' }
  | { kind: 'report.notAllowed' };

/**
 * The unit a request is about: the one named, else the group's, else (in private) the first the caller commands
 * (an admin: the top of the tree). To `view` it: anyone in a group bound to it or to a unit above it; otherwise,
 * and to `command` it (export, targets), those who command it or a unit above it, and admins.
 */
async function unitFor(
  scope: UseCaseScope,
  caller: Caller,
  request: { readonly unitCode: string | undefined; readonly place: Place; readonly need: 'view' | 'command' },
): Promise<Result<{ unit: Unit; tree: UnitTree }, UnitRefusal>> {
  const tree = await scope.directory.units();
  const groupUnitId = request.place.kind === 'group' ? (request.place.unitId ?? undefined) : undefined;
  let unit: Unit | undefined;
  if (request.unitCode !== undefined) {
    unit = tree.byCode(request.unitCode);
    if (!unit) return err({ kind: 'report.unknownUnit', code: request.unitCode });
  } else if (groupUnitId !== undefined) unit = tree.byId(groupUnitId);
  else {
    const authority = await scope.directory.authority(caller.userId);
    const firstId = authority.admin ? tree.walk().find((row) => row.depth === 0)?.unit.id : authority.commanderOf[0];
    unit = firstId === undefined ? undefined : tree.byId(firstId);
  }
  if (!unit) return err({ kind: 'report.noUnit' });
  const inOwnGroup =
    request.need === 'view' && groupUnitId !== undefined && tree.subtreeIds(groupUnitId).includes(unit.id);
  if (!inOwnGroup && !(await scope.directory.commands(caller.userId, unit.id)))
    return err({ kind: 'report.notAllowed' });
  return ok({ unit, tree });
}

/**
 * The report of a unit's subtree over a period: its units' totals from the running totals (one grouped read), the
 * targets of the kind the period is measured against, and the commendations approved within it.
 */
export async function composeReport(
  db: Db,
  request: { tree: UnitTree; catalog: MetricCatalog; unitId: number; period: ReportPeriod; timeZone: string },
): Promise<Report | undefined> {
  const { tree, catalog, unitId, period } = request;
  if (!tree.byId(unitId)) return undefined;
  const ids = tree.subtreeIds(unitId);
  const basis = targetBasis(period);
  const [totals, targets, approved] = await Promise.all([
    unitTotals(db, { unitIds: ids.length === tree.all.length ? 'all' : ids, range: period.range }),
    basis ? targetsOfKind(db, basis.kind) : Promise.resolve(new Map<number, Map<string, number>>()),
    approvedNominations(db, { unitIds: ids, ...instantsOfDays(period.range, request.timeZone) }),
  ]);
  return buildReport({
    tree,
    catalog,
    unitId,
    period,
    totals: byUnitAndMetric(totals),
    targets,
    commendations: approved.map((nomination) => ({
      level: nomination.level ?? '',
      nominee: nomination.nomineeName,
      unitName: tree.byId(nomination.unitId)?.name ?? '',
    })),
  });
}

/** /report: the report of the unit named (or the group's, or the caller's) over the period, for those who may see it. */
export async function reportOf(
  scope: UseCaseScope,
  caller: Caller,
  input: { readonly unitCode: string | undefined; readonly place: Place; readonly period: ReportPeriod },
): Promise<Result<Report, UnitRefusal>> {
  const found = await unitFor(scope, caller, { ...input, need: 'view' });
  if (!found.ok) return found;
  const report = await composeReport(scope.db, {
    tree: found.value.tree,
    catalog: await scope.directory.metrics(),
    unitId: found.value.unit.id,
    period: input.period,
    timeZone: scope.config.timeZone,
  });
  return report ? ok(report) : err({ kind: 'report.noUnit' });
}

/**
 * /export: stores the request for the export worker, which writes the files later outside any update; for those
 * who command the unit (or a unit above it) and admins. Returns the unit and the request's id.
 */
export async function exportOf(
  scope: UseCaseScope,
  caller: Caller,
  input: {
    readonly unitCode: string | undefined;
    readonly place: Place;
    readonly range: DayRange;
    /** Where the files go, and in which language their captions are. */
    readonly deliverTo: Omit<NewExportRequest, 'requestedBy' | 'unitId' | 'range'>;
  },
): Promise<Result<{ unit: Unit; requestId: number }, UnitRefusal>> {
  const found = await unitFor(scope, caller, { ...input, need: 'command' });
  if (!found.ok) return found;
  const { unit } = found.value;
  const requestId = await requestExport(
    scope.db,
    { ...input.deliverTo, requestedBy: caller.userId, unitId: unit.id, range: input.range },
    scope.now,
  );
  return ok({ unit, requestId });
}

/** /target: a unit's monthly, quarterly or yearly target (0 removes it), for its commanders and admins. */
export async function setUnitTarget(
  scope: UseCaseScope,
  caller: Caller,
  input: {
    readonly unitCode: string | undefined;
    readonly place: Place;
    readonly metric: Metric;
    readonly kind: TargetKind;
    readonly amount: number;
  },
): Promise<Result<Unit, UnitRefusal>> {
  const found = await unitFor(scope, caller, { ...input, need: 'command' });
  if (!found.ok) return found;
  const { unit } = found.value;
  await setTarget(
    scope.db,
    { unitId: unit.id, metricCode: input.metric.code, kind: input.kind, amount: input.amount, setBy: caller.userId },
    scope.now,
  );
  return ok(unit);
}

/** /chart's two pictures of one metric. */
export interface Charts {
  readonly unit: Unit;
  readonly metric: Metric;
  /** What the unit is ranked with over the period, its own entries included (as /top counts). */
  readonly ranking: Chart;
  /** The unit's total over the eight weeks ending with the period's last day (today at the latest). */
  readonly trend: Chart;
}

/**
 * /chart: for those who may see the group's (or their) unit, one metric's ranking over the period and its last
 * eight weeks; without a metric, the first of the catalog the subtree logged. Refused when nothing was logged.
 */
export async function chartsOf(
  scope: UseCaseScope,
  caller: Caller,
  input: {
    readonly place: Place;
    readonly metric: Metric | undefined;
    readonly range: DayRange;
    readonly locale: Locale;
  },
): Promise<Result<Charts, UnitRefusal | { kind: 'chart.nothing' }>> {
  const found = await unitFor(scope, caller, { unitCode: undefined, place: input.place, need: 'view' });
  if (!found.ok) return found;
  const { unit, tree } = found.value;
  const { db } = scope;
  const parts = rankedWith(tree, new Map(), unit.id);
  const ids = [...new Set(parts.flatMap((part) => (part.own ? [] : tree.subtreeIds(part.unit.id))).concat(unit.id))];
  const totals = byUnitAndMetric(await unitTotals(db, { unitIds: ids, range: input.range }));
  // The metric the subtree logged most entries' worth of is no measure across metrics; the first logged is.
  const logged = unitTotal(tree, totals, unit.id);
  const metric = input.metric ?? (await scope.directory.metrics()).all.find((each) => logged.has(each.code));
  if (!metric) return err({ kind: 'chart.nothing' });
  const today = localDayOf(scope.now, scope.config.timeZone);
  // Days are ISO text: the earlier of the two sorts first.
  const last = weekOf([input.range.to, today].sort()[0]!);
  const subtree = tree.subtreeIds(unit.id);
  const first = addDays(last.from, (1 - TREND_WEEKS) * 7);
  const byWeek = await weeklyUnitTotals(db, {
    unitIds: subtree,
    from: first,
    weeks: TREND_WEEKS,
    metricCode: metric.code,
  });
  const weeks = byWeek.map((rows, index) => ({
    from: addDays(first, index * 7),
    total: unitTotal(tree, byUnitAndMetric(rows), unit.id).get(metric.code) ?? 0,
  }));
  const { locale } = input;
  return ok({
    unit,
    metric,
    ranking: rankChart({ tree, totals, unit, metric, range: input.range, locale }),
    trend: trendChart({ unit, metric, weeks, locale }),
  });
}

/** /campaign: units registered with a group out of all units, and the models registered (the latest last). */
export async function campaignOf(
  scope: UseCaseScope,
): Promise<{ registered: number; units: number; models: readonly CampaignModel[]; tree: UnitTree }> {
  const tree = await scope.directory.units();
  return {
    registered: tree.all.filter((unit) => unit.groups > 0).length,
    units: tree.all.length,
    models: await listModels(scope.db),
    tree,
  };
}

/** /model list: the models of the group's unit and everything under it, or every model elsewhere. */
export async function modelsOf(
  scope: UseCaseScope,
  place: Place,
): Promise<{ models: readonly CampaignModel[]; tree: UnitTree }> {
  const tree = await scope.directory.units();
  const groupUnitId = place.kind === 'group' ? (place.unitId ?? undefined) : undefined;
  const models = await listModels(scope.db, groupUnitId === undefined ? undefined : tree.subtreeIds(groupUnitId));
  return { models, tree };
}

export type ModelRefusal =
  | { kind: 'chat.groupOnly' }
  | { kind: 'chat.notRegistered' }
  | { kind: 'auth.commanderOrAdmin' }
  | { kind: 'model.tooMany'; unit: string; count: number };

/** /model add: a commander registers one of the group's unit's models; more than two need an admin. */
export async function addModel(
  scope: UseCaseScope,
  caller: Caller,
  input: { readonly place: Place; readonly slogan: string },
): Promise<Result<{ unit: Unit; count: number }, ModelRefusal>> {
  if (input.place.kind === 'private') return err({ kind: 'chat.groupOnly' });
  const unit = input.place.unitId ? (await scope.directory.units()).byId(input.place.unitId) : undefined;
  if (!unit) return err({ kind: 'chat.notRegistered' });
  if (!(await scope.directory.commands(caller.userId, unit.id))) return err({ kind: 'auth.commanderOrAdmin' });
  const count = await countModels(scope.db, unit.id);
  if (count >= MODELS_WITHOUT_ADMIN && !(await scope.directory.authority(caller.userId)).admin)
    return err({ kind: 'model.tooMany', unit: unit.name, count });
  await insertModel(scope.db, { unitId: unit.id, slogan: input.slogan, createdBy: caller.userId }, scope.now);
  return ok({ unit, count: count + 1 });
}
