import type { Db } from '../db/schema';
import { unitTotals } from '../db/weekly-store';
import type { DayRange } from '../domain/day';
import type { Locale } from '../domain/locale';
import type { Metric } from '../domain/metric';
import { addDays, weekOf } from '../domain/period';
import { byUnitAndMetric, sumOverUnits } from '../domain/report';
import type { Unit, UnitTree } from '../domain/units';
import { formatNumber, formatShortDay } from '../texts/format';
import { t } from '../texts/texts';
import { type ChartBar, rankChartSvg, trendChartSvg } from './chart-svg';

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
