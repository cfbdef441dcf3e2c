import { findMember } from '../../directory/member-store';
import { enApp } from '../../i18n/app-en';
import { viApp } from '../../i18n/app-vi';
import { errorText } from '../../i18n/error-text';
import { levelName, type TextKey, t } from '../../i18n/texts';
import type { DayRange, IsoDay } from '../../kernel/day';
import { isLocale, type Locale } from '../../kernel/locale';
import type { Metric, MetricCatalog } from '../../kernel/metric';
import { parseReportPeriod } from '../../kernel/parsing/parse-period';
import { addDays, daysBetween, isoWeekLabel, localDayOf, monthOf, weekOf } from '../../kernel/period';
import { paragraphOf, type ReportPeriod } from '../../kernel/report';
import { err, ok, type Result } from '../../kernel/result';
import { byUnitAndMetric, ownTotal, type UnitMetricTotals, unitTotal } from '../../kernel/totals';
import type { Unit, UnitTree } from '../../kernel/units';
import {
  cardLink,
  choicesOn,
  decideAtLevel,
  isProposal,
  MIN_REASON_LENGTH,
  type NominationRefusal,
  nominationsWaitingFor,
  recommendUpward,
  rejectNomination,
} from '../nominations';
import {
  composeReport,
  EXPORT_REQUESTED_HOOK,
  exportOf,
  loadMonthTargets,
  monthTargetsOf,
  writeReportParagraph,
} from '../reports';
import { unitTotals, weeklyUnitTotals } from '../tally';
import type { Caller, TellingScope, UseCaseScope } from '../use-case';
import type {
  ApiFailure,
  ChildRow,
  ExportQueued,
  Me,
  MetricFigures,
  MetricRef,
  MetricView,
  NominationAction,
  NominationOutcome,
  NominationsWaiting,
  Overview,
  PeriodRef,
  RankingPeriod,
  ReportView,
  Scope,
  TrendWeeks,
  UnitRef,
} from './api-types';

/**
 * The commanders' web app's use cases (issue 17): plain functions of a unit of work, the caller and the input, as
 * the chat's are. Each checks authority itself: a caller sees the subtrees of the units they command and of their
 * own unit; an admin sees everything; any other unit is 403. Figures come from the same reads and the same
 * definition of a total (kernel/totals.ts) as /top, /bieudo and /baocao; decisions go through the nominations' own
 * use cases, which refresh the cards through the outbox.
 */

type Outcome<T> = Promise<Result<T, ApiFailure>>;

/** What the door knows of the caller besides who they are (from Telegram's signed init data). */
export interface AppContext {
  /** Their Telegram client's language. */
  readonly languageCode: string | null;
  /** The direct link's `startapp`: a unit id (or code). */
  readonly startParam: string | null;
}

/** What the caller may look at. */
interface View {
  readonly admin: boolean;
  readonly tree: UnitTree;
  readonly catalog: MetricCatalog;
  readonly locale: Locale;
  readonly scopes: readonly { readonly unit: Unit; readonly role: Scope['role'] }[];
  readonly visible: ReadonlySet<number>;
}

/** Text tags out and entities back: the page sets plain text. */
const plain = (html: string): string =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

const failure = (
  status: ApiFailure['status'],
  kind: string,
  locale: Locale,
  text?: { key: TextKey; params?: object },
): Result<never, ApiFailure> =>
  err({
    status,
    kind,
    ...(text && { message: plain(errorText(locale, { kind: text.key, ...text.params } as { kind: TextKey })) }),
  });

const forbidden = (view: View): Result<never, ApiFailure> =>
  err({ status: 403, kind: 'app.forbidden', message: appText(view.locale).forbidden });
const notFound = (view: View): Result<never, ApiFailure> =>
  err({ status: 404, kind: 'app.notFound', message: appText(view.locale).notFound });

const appText = (locale: Locale) => {
  const catalog = locale === 'en' ? enApp : viApp;
  return {
    forbidden: catalog['app.forbidden'],
    notFound: catalog['app.notFound'],
    reasonTooShort: catalog['app.nominations.reasonTooShort'],
    week: catalog['app.label.week'],
    month: catalog['app.label.month'],
    days: catalog['app.label.days'],
  };
};

/** The caller's language: their private chat's with the bot, else their client's, else Vietnamese. */
async function localeOf(scope: UseCaseScope, caller: Caller, context: AppContext): Promise<Locale> {
  const chosen = (await scope.directory.chat(caller.userId))?.locale;
  if (chosen && isLocale(chosen)) return chosen;
  return context.languageCode?.startsWith('en') ? 'en' : 'vi';
}

/**
 * Where the caller may look: the units they command (tree order), then their own unit when not already under
 * one of those; an admin, the roots. `visible` is the union of those subtrees.
 */
async function viewOf(scope: UseCaseScope, caller: Caller, context: AppContext): Promise<View> {
  const [authority, tree, catalog, locale, member] = await Promise.all([
    scope.directory.authority(caller.userId),
    scope.directory.units(),
    scope.directory.metrics(),
    localeOf(scope, caller, context),
    findMember(scope.db, caller.userId),
  ]);
  const scopes: { unit: Unit; role: Scope['role'] }[] = [];
  const visible = new Set<number>();
  const add = (unit: Unit, role: Scope['role']) => {
    if (visible.has(unit.id)) return;
    scopes.push({ unit, role });
    for (const id of tree.subtreeIds(unit.id)) visible.add(id);
  };
  const walk = tree.walk();
  if (authority.admin) {
    for (const row of walk) if (row.depth === 0) add(row.unit, 'admin');
  } else {
    const commanded = new Set(authority.commanderOf);
    for (const row of walk) if (commanded.has(row.unit.id)) add(row.unit, 'commander');
    const own = member?.unitId == null ? undefined : tree.byId(member.unitId);
    if (own && !own.retiredAt) add(own, 'member');
  }
  return { admin: authority.admin, tree, catalog, locale, scopes, visible };
}

/** The unit asked for, when it exists and the caller may see it. */
function visibleUnit(view: View, unitId: number): Result<Unit, ApiFailure> {
  const unit = view.tree.byId(unitId);
  if (!unit || unit.retiredAt) return notFound(view);
  return view.visible.has(unit.id) ? ok(unit) : forbidden(view);
}

const unitRef = (unit: Unit): UnitRef => ({ id: unit.id, code: unit.code, name: unit.name });
const metricRef = (metric: Metric, locale: Locale): MetricRef => ({
  code: metric.code,
  name: metric.name[locale],
  countUnit: metric.countUnit[locale],
});

function periodRef(locale: Locale, range: DayRange, kind: ReportPeriod['kind']): PeriodRef {
  const texts = appText(locale);
  const label = kind === 'week' ? texts.week(range) : kind === 'month' ? texts.month(range) : texts.days(range);
  return { ...range, label };
}

const today = (scope: UseCaseScope): IsoDay => localDayOf(scope.now, scope.config.timeZone);

/** The earlier of two days. */
const earlier = (a: IsoDay, b: IsoDay): IsoDay => (a < b ? a : b);

/**
 * This week and month so far, and the same number of days at the start of the period before, so a change is never
 * a part period against a whole one.
 */
function periodsOf(day: IsoDay) {
  const week = weekOf(day);
  const month = monthOf(day);
  const lastMonth = monthOf(addDays(month.from, -1));
  return {
    week: { from: week.from, to: day },
    weekWhole: week,
    previousWeek: { from: addDays(week.from, -7), to: addDays(day, -7) },
    month: { from: month.from, to: day },
    monthWhole: month,
    previousMonth: {
      from: lastMonth.from,
      to: earlier(addDays(lastMonth.from, daysBetween(month.from, day)), lastMonth.to),
    },
  };
}

/** The units' own totals over the days; the whole tree is read by day alone, as /baocao reads it (one index range). */
const totalsOver = async (scope: UseCaseScope, tree: UnitTree, unitIds: readonly number[], range: DayRange) =>
  byUnitAndMetric(
    await unitTotals(scope.db, { unitIds: unitIds.length === tree.all.length ? 'all' : [...unitIds], range }),
  );

/** GET /api/me. */
export async function appMe(scope: UseCaseScope, caller: Caller, context: AppContext): Outcome<Me> {
  const view = await viewOf(scope, caller, context);
  const start = startUnit(view, context.startParam);
  const waiting = await waitingFor(scope, caller, view);
  const member = await findMember(scope.db, caller.userId);
  const profile = caller.profile;
  const name = member
    ? [member.firstName, member.lastName].filter(Boolean).join(' ')
    : profile
      ? [profile.firstName, profile.lastName].filter(Boolean).join(' ')
      : String(caller.userId);
  return ok({
    userId: caller.userId,
    name,
    locale: view.locale,
    admin: view.admin,
    scopes: view.scopes.map((each) => ({ unit: unitRef(each.unit), role: each.role })),
    home: start?.id ?? view.scopes[0]?.unit.id ?? null,
    metrics: view.catalog.active.map((metric) => metricRef(metric, view.locale)),
    waitingNominations: waiting.length,
  });
}

/** The direct link's unit (an id, or a code), when the caller may see it. */
function startUnit(view: View, startParam: string | null): Unit | undefined {
  if (!startParam) return undefined;
  const unit = /^\d{1,10}$/.test(startParam) ? view.tree.byId(Number(startParam)) : view.tree.byCode(startParam);
  return unit && view.visible.has(unit.id) ? unit : undefined;
}

/** GET /api/overview[/<unitId>]: the unit's figures, its sub-units' and who logged nothing this week. */
export async function appOverview(
  scope: UseCaseScope,
  caller: Caller,
  input: AppContext & { readonly unitId: number | null },
): Outcome<Overview> {
  const view = await viewOf(scope, caller, input);
  const { tree, catalog, locale } = view;
  const homeId = input.unitId ?? startUnit(view, input.startParam)?.id ?? view.scopes[0]?.unit.id;
  if (homeId === undefined) return forbidden(view);
  const found = visibleUnit(view, homeId);
  if (!found.ok) return found;
  const unit = found.value;
  const day = today(scope);
  const periods = periodsOf(day);
  const ids = tree.subtreeIds(unit.id);
  const [week, previousWeek, month, previousMonth, targets] = await Promise.all([
    totalsOver(scope, tree, ids, periods.week),
    totalsOver(scope, tree, ids, periods.previousWeek),
    totalsOver(scope, tree, ids, periods.month),
    totalsOver(scope, tree, ids, periods.previousMonth),
    loadMonthTargets(scope.db, day),
  ]);
  const all = { week, previousWeek, month, previousMonth };
  const figures = (pick: (totals: UnitMetricTotals) => ReadonlyMap<string, number>, targetOf: number | null) => {
    const target =
      targetOf === null ? undefined : (monthTargetsOf(tree, catalog, targets, [targetOf])?.rows ?? undefined);
    return catalog.all.flatMap((metric): MetricFigures[] => {
      const value = (totals: UnitMetricTotals) => pick(totals).get(metric.code) ?? 0;
      const row = {
        week: value(all.week),
        previousWeek: value(all.previousWeek),
        month: value(all.month),
        previousMonth: value(all.previousMonth),
      };
      const progress = target?.find((each) => each.metric.code === metric.code);
      if (!progress && row.week + row.previousWeek + row.month + row.previousMonth === 0) return [];
      return [
        {
          metric: metric.code,
          ...row,
          monthTarget: progress?.target ?? null,
          monthPercent: progress ? Math.floor((row.month / progress.target) * 100) : null,
        },
      ];
    });
  };
  const children = tree.children(unit.id);
  const childRows: ChildRow[] = children.map((child) => ({
    unit: unitRef(child),
    subUnits: tree.children(child.id).length,
    figures: figures((totals) => unitTotal(tree, totals, child.id), child.id),
  }));
  const total = figures((totals) => unitTotal(tree, totals, unit.id), unit.id);
  const used = new Set([...total, ...childRows.flatMap((row) => row.figures)].map((row) => row.metric));
  const silentUnits = ids
    .map((id) => tree.byId(id)!)
    .filter((each) => each.groups > 0 && unitTotal(tree, week, each.id).size === 0)
    .map(unitRef);
  return ok({
    unit: unitRef(unit),
    path: tree
      .ancestorIds(unit.id)
      .slice(1)
      .reverse()
      .filter((id) => view.visible.has(id))
      .map((id) => unitRef(tree.byId(id)!)),
    week: periodRef(locale, periods.weekWhole, 'week'),
    month: periodRef(locale, periods.monthWhole, 'month'),
    metrics: catalog.all.filter((metric) => used.has(metric.code)).map((metric) => metricRef(metric, locale)),
    total,
    own: children.length > 0 ? figures((totals) => ownTotal(totals, unit.id), null) : null,
    children: childRows,
    silentUnits,
  });
}

/** GET /api/units/<unitId>/metrics/<code>: the unit's weekly trend and its sub-units ranked, as /bieudo counts. */
export async function appMetric(
  scope: UseCaseScope,
  caller: Caller,
  input: AppContext & {
    readonly unitId: number;
    readonly metric: string;
    readonly weeks: TrendWeeks;
    readonly period: RankingPeriod;
  },
): Outcome<MetricView> {
  const view = await viewOf(scope, caller, input);
  const { tree, catalog, locale } = view;
  const metric = catalog.all.find((each) => each.code === input.metric);
  if (!metric) return notFound(view);
  const found = visibleUnit(view, input.unitId);
  if (!found.ok) return found;
  const unit = found.value;
  const day = today(scope);
  const periods = periodsOf(day);
  const ids = tree.subtreeIds(unit.id);
  const first = addDays(periods.weekWhole.from, (1 - input.weeks) * 7);
  const weeks = await weeklyUnitTotals(scope.db, {
    unitIds: ids,
    from: first,
    weeks: input.weeks,
    to: day,
    metricCode: metric.code,
  });
  const trend = weeks.map((rows, index) => {
    const from = addDays(first, index * 7);
    const total = unitTotal(tree, byUnitAndMetric(rows), unit.id).get(metric.code) ?? 0;
    return { week: isoWeekLabel(from), from, total };
  });
  const range = input.period === 'week' ? periods.week : periods.month;
  const totals = byUnitAndMetric(await unitTotals(scope.db, { unitIds: ids, range, metricCode: metric.code }));
  const rows = tree
    .children(unit.id)
    .map((child) => ({
      unit: unitRef(child),
      total: unitTotal(tree, totals, child.id).get(metric.code) ?? 0,
      subUnits: tree.children(child.id).length,
    }))
    .sort((a, b) => b.total - a.total);
  return ok({
    unit: unitRef(unit),
    metric: metricRef(metric, locale),
    trend,
    ranking: {
      period: periodRef(locale, input.period === 'week' ? periods.weekWhole : periods.monthWhole, input.period),
      rows: rows.map((row) => ({ ...row, rank: rows.findIndex((other) => other.total === row.total) + 1 })),
      own: ownTotal(totals, unit.id).get(metric.code) ?? 0,
    },
  });
}

/** The pending nominations the caller may act on, with what they may do, oldest first. */
async function waitingFor(scope: UseCaseScope, caller: Caller, view: View) {
  const pending = await nominationsWaitingFor(scope, caller);
  const withChoices = await Promise.all(
    pending.map(async (each) => ({ ...each, choices: await choicesOn(scope, caller, each) })),
  );
  return withChoices.filter(
    ({ nomination, choices }) =>
      view.visible.has(nomination.unitId) &&
      (choices.decide.length > 0 || choices.recommend.length > 0 || choices.reject),
  );
}

/** GET /api/nominations: what waits for the caller's decision, as /decu lists it, with the card's choices. */
export async function appNominations(
  scope: UseCaseScope,
  caller: Caller,
  context: AppContext,
): Outcome<NominationsWaiting> {
  const view = await viewOf(scope, caller, context);
  const { locale, tree } = view;
  const waiting = await waitingFor(scope, caller, view);
  return ok({
    levels: scope.config.commendationAuthorities.map((level) => ({
      code: level.code,
      name: levelName(locale, level.code),
      proposal: isProposal(level),
    })),
    minReasonLength: MIN_REASON_LENGTH,
    nominations: waiting.map(({ nomination, recommendations, choices }) => ({
      id: nomination.id,
      nominee: nomination.nomineeName,
      unit: unitRef(tree.byId(nomination.unitId)!),
      nominator: nomination.nominatorName,
      reason: nomination.reason,
      day: nomination.day as IsoDay,
      endorsements: nomination.endorsements,
      recommendations: recommendations.map((each) => ({ level: each.level, by: each.byName, at: each.at })),
      actions: [
        ...choices.decide.map((level): NominationAction => ({ kind: 'decide', level })),
        ...choices.recommend.map((level): NominationAction => ({ kind: 'recommend', level })),
        ...(choices.reject ? [{ kind: 'reject' } as const] : []),
      ],
      cardLink: cardLink(nomination) ?? null,
    })),
  });
}

const REFUSAL_STATUS: Partial<Record<NominationRefusal['kind'], ApiFailure['status']>> = {
  'decision.notFound': 404,
  'button.notValid': 400,
  'nomination.ownCase': 403,
  'nomination.notDecider': 403,
  'nomination.alreadyDecided': 409,
  'nomination.recommendedAlready': 409,
};

/** A nomination use case's refusal as the API answers it, in the caller's words. */
function refused(locale: Locale, refusal: NominationRefusal): Result<never, ApiFailure> {
  return err({
    status: REFUSAL_STATUS[refusal.kind] ?? 400,
    kind: refusal.kind,
    message: plain(errorText(locale, refusal)),
  });
}

/**
 * POST /api/nominations/<id>/decide: the level decided through the very use case the card's level button runs
 * (decideAtLevel), which edits the card and the private copies and congratulates the group, through the outbox.
 */
export async function appDecide(
  scope: TellingScope,
  caller: Caller,
  input: AppContext & { readonly nominationId: number; readonly level: string },
): Outcome<NominationOutcome> {
  const locale = await localeOf(scope, caller, input);
  const decided = await decideAtLevel(scope, caller, input);
  if (!decided.ok) return refused(locale, decided.error);
  return ok({ id: decided.value.id, status: decided.value.status, level: decided.value.level });
}

/** POST /api/nominations/<id>/recommend: a level asked of the commanders above, as the card's button does. */
export async function appRecommend(
  scope: TellingScope,
  caller: Caller,
  input: AppContext & { readonly nominationId: number; readonly level: string },
): Outcome<NominationOutcome> {
  const locale = await localeOf(scope, caller, input);
  const recommended = await recommendUpward(scope, caller, input);
  if (!recommended.ok) return refused(locale, recommended.error);
  return ok({ id: input.nominationId, status: 'pending', level: recommended.value.code });
}

/** POST /api/nominations/<id>/reject: a rejection with its reason, as /tuchoi records it. */
export async function appReject(
  scope: TellingScope,
  caller: Caller,
  input: AppContext & { readonly nominationId: number; readonly reason: string },
): Outcome<NominationOutcome> {
  const locale = await localeOf(scope, caller, input);
  const reason = input.reason.trim();
  if ([...reason].length < MIN_REASON_LENGTH)
    return failure(400, 'nomination.reasonTooShort', locale, {
      key: 'reject.tooShort',
      params: { min: MIN_REASON_LENGTH },
    });
  const rejected = await rejectNomination(scope, caller, { nominationId: input.nominationId, reason });
  if (!rejected.ok) return refused(locale, rejected.error);
  return ok({ id: rejected.value.id, status: rejected.value.status, level: null });
}

/** A period as /baocao takes it, or the refusal /baocao would give. */
function periodFor(scope: UseCaseScope, locale: Locale, text: string): Result<ReportPeriod, ApiFailure> {
  const period = parseReportPeriod(text, today(scope));
  return period
    ? ok(period)
    : failure(400, 'report.badPeriod', locale, { key: 'report.badPeriod', params: { period: text } });
}

/** GET /api/units/<unitId>/report: the /baocao paragraph of a unit the caller may see, as plain text. */
export async function appReport(
  scope: UseCaseScope,
  caller: Caller,
  input: AppContext & { readonly unitId: number; readonly period: string },
): Outcome<ReportView> {
  const view = await viewOf(scope, caller, input);
  const found = visibleUnit(view, input.unitId);
  if (!found.ok) return found;
  const period = periodFor(scope, view.locale, input.period);
  if (!period.ok) return period;
  const report = await composeReport(scope.db, {
    tree: view.tree,
    catalog: view.catalog,
    unitId: found.value.id,
    period: period.value,
    timeZone: scope.config.timeZone,
  });
  if (!report) return notFound(view);
  const { locale } = view;
  return ok({
    unit: unitRef(found.value),
    period: periodRef(locale, period.value.range, period.value.kind),
    paragraph: plain(writeReportParagraph(locale, paragraphOf(report))),
    totals: report.totals.map((amount) => {
      const target = report.targets.find((each) => each.metric.code === amount.metric.code);
      return {
        metric: metricRef(amount.metric, locale),
        total: amount.total,
        target: target?.target ?? null,
        percent: target?.percent ?? null,
      };
    }),
  });
}

/**
 * POST /api/units/<unitId>/export: the /xuat request (for those who command the unit, and admins), its files sent to
 * the caller's private chat by the export worker, which the acknowledgement there wakes once sent.
 */
export async function appExport(
  scope: TellingScope,
  caller: Caller,
  input: AppContext & { readonly unitId: number; readonly period: string },
): Outcome<ExportQueued> {
  const view = await viewOf(scope, caller, input);
  const { locale } = view;
  const found = visibleUnit(view, input.unitId);
  if (!found.ok) return found;
  const period = periodFor(scope, locale, input.period);
  if (!period.ok) return period;
  const { range } = period.value;
  const requested = await exportOf(scope, caller, {
    unitCode: found.value.code,
    place: { kind: 'private' },
    range,
    deliverTo: { chatId: caller.userId, threadId: undefined, replyTo: undefined, locale },
  });
  if (!requested.ok) {
    const status = requested.error.kind === 'report.notAllowed' ? 403 : 404;
    return err({ status, kind: requested.error.kind, message: plain(errorText(locale, requested.error)) });
  }
  const { unit, requestId } = requested.value;
  scope.out.send(caller.userId, t(locale, 'export.queued', { unit: unit.name, from: range.from, to: range.to }), {
    afterSent: { kind: EXPORT_REQUESTED_HOOK, id: requestId },
  });
  return ok({ period: periodRef(locale, range, period.value.kind), formats: ['xlsx', 'csv'] });
}
