import type { BotServices, CommandContext, Feature } from '../../bot/context';
import { nameOf } from '../../bot/people';
import { displayName, findMember } from '../../directory/member-store';
import { periodLabel } from '../../i18n/period-label';
import { t } from '../../i18n/texts';
import type { DayRange } from '../../kernel/day';
import type { Locale } from '../../kernel/locale';
import { aliasNamesOf, isActiveMetric, type Metric, type MetricCatalog } from '../../kernel/metric';
import { localDayOf, monthOf, type PeriodKind, periodOf, previousPeriodOf, weekOf } from '../../kernel/period';
import { rank, rollUpToChildren } from '../../kernel/ranking';
import { isActiveUnit, type Unit, type UnitTree } from '../../kernel/units';
import { sumByMember, sumByMetric, sumByUnit } from '../tally/tally-store';
import { loadMonthTargets, type MonthTargetData, monthTargetsOf } from '../weekly/weekly-figures';
import { targetSection } from '../weekly/weekly-posts-text';
import { parseTopArgs } from './parse-top';

const TOP_ROWS_ONE_METRIC = 10;
const TOP_ROWS_EACH_METRIC = 3;
/** In a private chat, /top shows at most this many units' boards. */
const MAX_PRIVATE_BOARDS = 5;

function metricLines(locale: Locale, catalog: MetricCatalog, totals: ReadonlyMap<string, number>): string[] {
  return catalog.all
    .filter((metric) => (totals.get(metric.code) ?? 0) > 0)
    .map((metric) =>
      t(locale, 'log.line', {
        metric: metric.name[locale],
        amount: totals.get(metric.code)!,
        countUnit: metric.countUnit[locale],
      }),
    );
}

/** One row of a board: a ranked name and its total. */
interface BoardRow {
  readonly rank: number;
  readonly name: string;
  readonly total: number;
}

/**
 * The rows of a parent unit's board: its sub-units ranked by their rolled-up totals, those at zero after them
 * (sharing the next rank), so a unit that reported nothing is seen.
 */
export function subUnitRows(children: readonly Unit[], totals: ReadonlyMap<number, number>): BoardRow[] {
  const ranked = rank(
    children.map((child) => ({ item: child, total: totals.get(child.id) ?? 0 })),
    (child) => child.name,
  );
  const zero = children
    .filter((child) => (totals.get(child.id) ?? 0) <= 0)
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return [
    ...ranked.map((row) => ({ rank: row.rank, name: row.item.name, total: row.total })),
    ...zero.map((child) => ({ rank: ranked.length + 1, name: child.name, total: 0 })),
  ];
}

/** /me, /top and /metrics: the boards people read. */
export function boardsFeature(services: BotServices): Feature {
  const { config } = services;
  const today = (now: Date) => localDayOf(now, config.timeZone);

  /** The active unit this group is bound to, or the reason there is none, said. */
  async function groupUnit(ctx: CommandContext): Promise<Unit | undefined> {
    const unit = ctx.settings?.unitId ? (await ctx.directory.units()).byId(ctx.settings.unitId) : undefined;
    if (!unit || !isActiveUnit(unit)) await ctx.replyText('chat.notRegistered');
    return unit && isActiveUnit(unit) ? unit : undefined;
  }

  /** The active unit the person was last seen working in. */
  async function memberUnit(ctx: CommandContext, tree: UnitTree): Promise<Unit | undefined> {
    const member = await findMember(ctx.db, ctx.from.id);
    const unit = member?.unitId ? tree.byId(member.unitId) : undefined;
    return unit && isActiveUnit(unit) ? unit : undefined;
  }

  /** In a private chat: the units the person commands, then their own; an admin with neither sees the top units. */
  async function privateUnits(ctx: CommandContext, tree: UnitTree): Promise<Unit[]> {
    const authority = await ctx.directory.authority(ctx.from.id);
    const candidates = authority.commanderOf.map((id) => tree.byId(id));
    candidates.push(await memberUnit(ctx, tree));
    const units = new Map<number, Unit>();
    for (const unit of candidates) if (unit && isActiveUnit(unit)) units.set(unit.id, unit);
    if (units.size === 0 && authority.admin) {
      for (const { unit, depth } of tree.walk()) if (depth === 0) units.set(unit.id, unit);
    }
    return [...units.values()];
  }

  /** A parent unit's board for each shown metric: sub-units, its own entries, the total. */
  async function subUnitBoard(
    ctx: CommandContext,
    tree: UnitTree,
    unit: Unit,
    catalog: MetricCatalog,
    metric: Metric | undefined,
    range: DayRange,
  ): Promise<string[]> {
    const { locale } = ctx;
    const children = tree.children(unit.id);
    const rows = await sumByUnit(ctx.db, { unitIds: tree.subtreeIds(unit.id), range, metricCode: metric?.code });
    const childSubtrees = children.map((child) => ({ id: child.id, subtree: tree.subtreeIds(child.id) }));
    const shown = metric ? [metric] : catalog.all.filter((m) => rows.some((row) => row.metricCode === m.code));
    return shown.flatMap((m) => {
      const mine = rows.filter((row) => row.metricCode === m.code);
      const totals = rollUpToChildren(mine, childSubtrees);
      const own = mine.filter((row) => row.unitId === unit.id).reduce((sum, row) => sum + row.total, 0);
      const total = mine.reduce((sum, row) => sum + row.total, 0);
      return [
        '',
        t(locale, 'top.metric', { metric: m.name[locale], countUnit: m.countUnit[locale] }),
        ...subUnitRows(children, totals).map((row) =>
          t(locale, 'top.row', { rank: row.rank, name: row.name, amount: row.total }),
        ),
        // The parent's own work (entries in its own group) is a row of its own, never hidden in a sub-unit.
        ...(own > 0 || unit.groups > 0 ? [t(locale, 'top.ownRow', { name: unit.name, amount: own })] : []),
        t(locale, 'top.total', { amount: total }),
      ];
    });
  }

  /** A unit without sub-units: its members ranked. */
  async function memberBoard(
    ctx: CommandContext,
    unit: Unit,
    catalog: MetricCatalog,
    metric: Metric | undefined,
    range: DayRange,
  ): Promise<string[]> {
    const { locale } = ctx;
    const rows = await sumByMember(ctx.db, { unitIds: [unit.id], range, metricCode: metric?.code });
    const shown = metric ? [metric] : catalog.all.filter((m) => rows.some((row) => row.metricCode === m.code));
    const limit = metric ? TOP_ROWS_ONE_METRIC : TOP_ROWS_EACH_METRIC;
    return shown.flatMap((m) => {
      const ranked = rank(
        rows.filter((row) => row.metricCode === m.code).map((row) => ({ item: displayName(row), total: row.total })),
        (label) => label,
      ).slice(0, limit);
      if (ranked.length === 0) return [];
      return [
        '',
        t(locale, 'top.metric', { metric: m.name[locale], countUnit: m.countUnit[locale] }),
        ...ranked.map((r) => t(locale, 'top.row', { rank: r.rank, name: r.item, amount: r.total })),
      ];
    });
  }

  async function board(
    ctx: CommandContext,
    tree: UnitTree,
    unit: Unit,
    catalog: MetricCatalog,
    query: { metric: Metric | undefined; period: PeriodKind; range: DayRange; month: MonthTargetData | undefined },
  ): Promise<string> {
    const { metric, period, range } = query;
    const sections =
      tree.children(unit.id).length > 0
        ? await subUnitBoard(ctx, tree, unit, catalog, metric, range)
        : await memberBoard(ctx, unit, catalog, metric, range);
    // The month's targets, month to date, whatever period the board shows: own or rolled up, as /report counts.
    const targets = monthTargetsOf(tree, catalog, query.month, [unit.id]);
    const rows = targets?.rows.filter((row) => !metric || row.metric.code === metric.code) ?? [];
    return [
      t(ctx.locale, 'top.header', { scope: unit.name, period: periodLabel(ctx.locale, period, range) }),
      ...(sections.length > 0 ? sections : [t(ctx.locale, 'top.empty')]),
      ...(targets && rows.length > 0 ? targetSection(ctx.locale, { ...targets, rows }) : []),
    ].join('\n');
  }

  async function top(ctx: CommandContext) {
    const tree = await ctx.directory.units();
    let units: Unit[];
    if (ctx.chat.type === 'private') {
      units = (await privateUnits(ctx, tree)).slice(0, MAX_PRIVATE_BOARDS);
      if (units.length === 0) return ctx.replyText('top.noUnit');
    } else {
      const unit = await groupUnit(ctx);
      if (!unit) return;
      units = [unit];
    }
    const catalog = await ctx.directory.metrics();
    const parsed = parseTopArgs(ctx.args, catalog);
    if (!parsed.ok) return ctx.replyError(parsed.error);
    const { metric, period, previous } = parsed.value;
    const day = today(ctx.now);
    const range = previous ? previousPeriodOf(period, day) : periodOf(period, day);
    const month = await loadMonthTargets(ctx.db, day);
    const boards: string[] = [];
    for (const unit of units) boards.push(await board(ctx, tree, unit, catalog, { metric, period, range, month }));
    await ctx.reply(boards.join('\n\n'));
  }

  /** The caller's rank among the unit's members this week, per metric they logged. */
  async function rankLines(ctx: CommandContext, catalog: MetricCatalog, week: DayRange): Promise<string[]> {
    const tree = await ctx.directory.units();
    const inGroup = ctx.settings?.unitId ? tree.byId(ctx.settings.unitId) : undefined;
    const unit = inGroup && isActiveUnit(inGroup) ? inGroup : await memberUnit(ctx, tree);
    if (!unit) return [];
    const rows = await sumByMember(ctx.db, { unitIds: [unit.id], range: week });
    const { locale } = ctx;
    const ranks = catalog.all.flatMap((m) => {
      const ranked = rank(
        rows.filter((row) => row.metricCode === m.code).map((row) => ({ item: row, total: row.total })),
        (row) => `${displayName(row)}\u0000${row.userId}`,
      );
      const mine = ranked.find((row) => row.item.userId === ctx.from.id);
      return mine
        ? [t(locale, 'me.rankLine', { metric: m.name[locale], rank: mine.rank, of: ranked.length, amount: mine.total })]
        : [];
    });
    return ranks.length > 0 ? [t(locale, 'me.rankHeader', { unit: unit.name }), ...ranks] : [];
  }

  async function me(ctx: CommandContext) {
    const day = today(ctx.now);
    const week = weekOf(day);
    const month = monthOf(day);
    const catalog = await ctx.directory.metrics();
    const [weekTotals, monthTotals] = await Promise.all([
      sumByMetric(ctx.db, { userId: ctx.from.id, range: week }),
      sumByMetric(ctx.db, { userId: ctx.from.id, range: month }),
    ]);
    const { locale } = ctx;
    const section = (totals: Map<string, number>) => {
      const rendered = metricLines(locale, catalog, totals);
      return rendered.length > 0 ? rendered : [t(locale, 'me.none')];
    };
    const [year, monthNumber] = day.split('-');
    await ctx.reply(
      [
        t(locale, 'me.header', { name: nameOf(ctx.from) }),
        t(locale, 'me.week', { from: week.from, to: week.to }),
        ...section(weekTotals),
        t(locale, 'me.month', { month: `${monthNumber}/${year}` }),
        ...section(monthTotals),
        ...(await rankLines(ctx, catalog, week)),
      ].join('\n'),
    );
  }

  async function metrics(ctx: CommandContext) {
    const { locale } = ctx;
    const catalog = await ctx.directory.metrics();
    const retired = catalog.all.filter((metric) => !isActiveMetric(metric));
    await ctx.reply(
      [
        t(locale, 'metrics.header'),
        ...catalog.active.map((metric) =>
          t(locale, 'metrics.line', {
            code: metric.code,
            name: metric.name[locale],
            countUnit: metric.countUnit[locale],
            max: metric.maxPerEntry,
            aliases: aliasNamesOf(metric).join(', '),
          }),
        ),
        ...(retired.length > 0
          ? [
              t(locale, 'metrics.retired', {
                list: retired.map((metric) => `${metric.code} (${metric.name[locale]})`).join(', '),
              }),
            ]
          : []),
      ].join('\n'),
    );
  }

  return { commands: { me, top, metrics } };
}
