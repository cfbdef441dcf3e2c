import { type ChartBar, panelsSvg, rankChartSvg, trendChartSvg } from '../../files/chart-svg';
import { formatNumber, formatShortDay } from '../../i18n/format';
import { t } from '../../i18n/texts';
import type { DayRange } from '../../kernel/day';
import type { Locale } from '../../kernel/locale';
import type { Metric, MetricCatalog } from '../../kernel/metric';
import { addDays, weekOf } from '../../kernel/period';
import { byUnitAndMetric, sumOverUnits } from '../../kernel/totals';
import type { Unit, UnitTree } from '../../kernel/units';
import type { Db } from '../../storage/schema';
import type { WeekData } from '../weekly/weekly-figures';
import { unitTotals } from '../weekly/weekly-store';

/** The units a chart of `unit` ranks: its sub-units, each with its subtree; a unit without any ranks among its siblings. */
export function rankedUnitsOf(tree: UnitTree, unit: Unit): readonly Unit[] {
  const children = tree.children(unit.id);
  if (children.length > 0) return children;
  return unit.parentId === null ? [unit] : tree.children(unit.parentId);
}

/** The SVG of one metric's ranking of the units under `unit` over the days (subtrees rolled up). */
export async function rankChart(
  db: Db,
  request: { tree: UnitTree; unit: Unit; metric: Metric; range: DayRange; locale: Locale },
): Promise<{ svg: string; bars: ChartBar[] }> {
  const { tree, metric, locale } = request;
  const ranked = rankedUnitsOf(tree, request.unit);
  const ids = ranked.flatMap((unit) => tree.subtreeIds(unit.id));
  const totals = byUnitAndMetric(await unitTotals(db, ids, request.range));
  const bars = ranked.map((unit) => {
    const value = sumOverUnits(totals, tree.subtreeIds(unit.id)).get(metric.code) ?? 0;
    return { label: unit.code, value, shown: formatNumber(locale, value) };
  });
  const title = t(locale, 'chart.rankTitle', {
    metric: metric.name[locale],
    from: request.range.from,
    to: request.range.to,
  });
  return { svg: rankChartSvg({ title, subtitle: metric.countUnit[locale], bars }), bars };
}

/** The SVG of one metric over the eight weeks ending with the week of `lastDay`, for the unit's subtree. */
export async function trendChart(
  db: Db,
  request: { tree: UnitTree; unit: Unit; metric: Metric; lastDay: string; locale: Locale },
): Promise<{ svg: string; bars: ChartBar[] }> {
  const { tree, metric, locale } = request;
  const ids = tree.subtreeIds(request.unit.id);
  const last = weekOf(request.lastDay);
  const weeks = Array.from({ length: 8 }, (_, index) => weekOf(addDays(last.from, (index - 7) * 7)));
  const perWeek = await Promise.all(
    weeks.map(
      async (week) => sumOverUnits(byUnitAndMetric(await unitTotals(db, ids, week)), ids).get(metric.code) ?? 0,
    ),
  );
  const bars = weeks.map((week, index) => ({
    label: formatShortDay(week.from),
    value: perWeek[index] ?? 0,
    shown: formatNumber(locale, perWeek[index] ?? 0),
  }));
  const title = t(locale, 'chart.trendTitle', { metric: metric.name[locale], unit: request.unit.name });
  return { svg: trendChartSvg({ title, subtitle: metric.countUnit[locale], bars }), bars };
}

/** A chart photo beside a weekly post: its SVG and its caption (HTML). */
export interface WeeklyChart {
  readonly svg: string;
  readonly caption: string;
}

/** The units ranked in a panel: the best this many, and the group's own unit wherever it stands. */
const PANEL_UNITS = 12;
/** Panels in one picture: Telegram wants a photo's width and height to add up to 10,000 pixels at most. */
const MAX_PANELS = 12;

const panelTitle = (locale: Locale, metric: Metric) =>
  t(locale, 'chart.panelTitle', { metric: metric.name[locale], countUnit: metric.countUnit[locale] });

/**
 * The leaderboard's photo: per metric the group's unit logged in the week, the units it is ranked with (its
 * sub-units and its own entries, or its siblings and itself, each with its subtree) as a panel on its own scale.
 * Undefined when the unit logged nothing: no blank chart.
 */
export function leaderboardChart(
  tree: UnitTree,
  catalog: MetricCatalog,
  data: Pick<WeekData, 'period' | 'current'>,
  unitId: number,
  locale: Locale,
): WeeklyChart | undefined {
  const unit = tree.byId(unitId);
  if (!unit) return undefined;
  const own = sumOverUnits(data.current, tree.subtreeIds(unit.id));
  const ranked: { label: string; mine: boolean; direct?: true; totals: ReadonlyMap<string, number> }[] = rankedUnitsOf(
    tree,
    unit,
  ).map((each) => ({
    label: each.code,
    mine: each.id === unit.id,
    totals: sumOverUnits(data.current, tree.subtreeIds(each.id)),
  }));
  // A parent's own entries (in its own group) are a bar of their own, never hidden in a sub-unit's.
  if (tree.children(unit.id).length > 0)
    ranked.push({
      label: t(locale, 'chart.ownBar', { code: unit.code }),
      mine: true,
      direct: true,
      totals: data.current.get(unit.id) ?? new Map(),
    });
  const panels = catalog.all
    .filter((metric) => (own.get(metric.code) ?? 0) > 0)
    .slice(0, MAX_PANELS)
    .map((metric) => {
      const bars = ranked
        .filter((row) => !row.direct || (row.totals.get(metric.code) ?? 0) > 0)
        .map((row) => {
          const value = row.totals.get(metric.code) ?? 0;
          return { label: row.label, value, shown: formatNumber(locale, value), highlight: row.mine };
        })
        .sort((a, b) => b.value - a.value);
      const shown = bars.slice(0, PANEL_UNITS);
      const mine = bars.slice(PANEL_UNITS).find((bar) => bar.highlight);
      return { kind: 'rank' as const, title: panelTitle(locale, metric), bars: mine ? [...shown, mine] : shown };
    });
  const scope = tree.children(unit.id).length > 0 || unit.parentId === null ? unit : tree.byId(unit.parentId);
  const week = data.period.label;
  const svg = panelsSvg({
    title: t(locale, 'chart.weeklyRankTitle', { scope: (scope ?? unit).name, week }),
    subtitle: t(locale, 'chart.separateScales'),
    panels,
  });
  return svg ? { svg, caption: t(locale, 'chart.leaderboardCaption', { unit: unit.name, week }) } : undefined;
}

/**
 * The digest's photo: per metric the subtrees under `rootIds` logged in the week, their eight weeks to it as a
 * panel on its own scale. Undefined without the weeks loaded, or when nothing was logged in the week.
 */
export function digestChart(
  tree: UnitTree,
  catalog: MetricCatalog,
  data: Pick<WeekData, 'period' | 'current' | 'weeks'>,
  roots: readonly Unit[],
  locale: Locale,
): WeeklyChart | undefined {
  if (!data.weeks || roots.length === 0) return undefined;
  const scope = roots.flatMap((root) => tree.subtreeIds(root.id));
  const now = sumOverUnits(data.current, scope);
  const perWeek = data.weeks.map((week) => ({ from: week.from, totals: sumOverUnits(week.totals, scope) }));
  const panels = catalog.all
    .filter((metric) => (now.get(metric.code) ?? 0) > 0)
    .slice(0, MAX_PANELS)
    .map((metric) => ({
      kind: 'trend' as const,
      title: panelTitle(locale, metric),
      bars: perWeek.map((week) => {
        const value = week.totals.get(metric.code) ?? 0;
        return { label: formatShortDay(week.from), value, shown: formatNumber(locale, value) };
      }),
    }));
  const names = roots.map((root) => root.name).join(', ');
  const week = data.period.label;
  const svg = panelsSvg({
    title: t(locale, 'chart.weeklyTrendTitle', { scope: names, week }),
    subtitle: t(locale, 'chart.separateScales'),
    panels,
  });
  return svg ? { svg, caption: t(locale, 'chart.digestCaption', { scope: names, week }) } : undefined;
}
