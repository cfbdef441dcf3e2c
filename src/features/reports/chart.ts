import { type ChartBar, rankChartSvg, trendChartSvg } from '../../files/chart-svg';
import { formatNumber, formatShortDay } from '../../i18n/format';
import { t } from '../../i18n/texts';
import type { DayRange } from '../../kernel/day';
import type { Locale } from '../../kernel/locale';
import type { Metric } from '../../kernel/metric';
import { rankedWith, type UnitMetricTotals } from '../../kernel/totals';
import type { Unit, UnitTree } from '../../kernel/units';

/** A chart's SVG and its bars (what it shows, for tests and captions). */
export interface Chart {
  readonly svg: string;
  readonly bars: readonly ChartBar[];
}

/**
 * One metric's ranking of what `unit` is ranked with over the days: its sub-units (each with its subtree) and its
 * own entries when it has any, or its siblings; the bars add up to the unit's total, as /top counts it.
 */
export function rankChart(request: {
  tree: UnitTree;
  totals: UnitMetricTotals;
  unit: Unit;
  metric: Metric;
  range: DayRange;
  locale: Locale;
}): Chart {
  const { metric, locale } = request;
  const bars = rankedWith(request.tree, request.totals, request.unit.id)
    .map((part) => ({ part, value: part.totals.get(metric.code) ?? 0 }))
    // A parent's own entries are a bar of their own when there are any, never hidden in a sub-unit's.
    .filter(({ part, value }) => !part.own || value > 0)
    .map(({ part, value }) => ({
      label: part.own ? t(locale, 'chart.ownBar', { code: part.unit.code }) : part.unit.code,
      value,
      shown: formatNumber(locale, value),
    }));
  const title = t(locale, 'chart.rankTitle', {
    metric: metric.name[locale],
    from: request.range.from,
    to: request.range.to,
  });
  return { svg: rankChartSvg({ title, subtitle: metric.countUnit[locale], bars }), bars };
}

/** One metric of the unit's subtree over consecutive weeks, oldest first. */
export function trendChart(request: {
  unit: Unit;
  metric: Metric;
  weeks: readonly { readonly from: string; readonly total: number }[];
  locale: Locale;
}): Chart {
  const { metric, locale } = request;
  const bars = request.weeks.map((week) => ({
    label: formatShortDay(week.from),
    value: week.total,
    shown: formatNumber(locale, week.total),
  }));
  const title = t(locale, 'chart.trendTitle', { metric: metric.name[locale], unit: request.unit.name });
  return { svg: trendChartSvg({ title, subtitle: metric.countUnit[locale], bars }), bars };
}
