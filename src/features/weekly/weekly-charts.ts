import { panelsSvg } from '../../files/chart-svg';
import { formatNumber, formatShortDay } from '../../i18n/format';
import { t } from '../../i18n/texts';
import type { Locale } from '../../kernel/locale';
import type { Metric, MetricCatalog } from '../../kernel/metric';
import { rankedWith, sumOverUnits, unitTotal } from '../../kernel/totals';
import type { Unit, UnitTree } from '../../kernel/units';
import type { WeekData } from './weekly-figures';

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
 * The leaderboard's photo, titled with the group's unit, per metric the unit logged in the week, each a panel on
 * its own scale:
 * - a unit with sub-units: its sub-units (each with its subtree) and its own entries, as /bieudo ranks them;
 * - a unit among siblings: the siblings and itself, each with its subtree;
 * - a unit with neither (an only child, a lone root): nothing to rank it against, so its week beside the week
 *   before, rather than a ranking of one bar.
 * Undefined when the unit logged nothing: no blank chart.
 */
export function leaderboardChart(
  tree: UnitTree,
  catalog: MetricCatalog,
  data: Pick<WeekData, 'period' | 'current' | 'previous'>,
  unitId: number,
  locale: Locale,
): WeeklyChart | undefined {
  const unit = tree.byId(unitId);
  if (!unit) return undefined;
  const own = unitTotal(tree, data.current, unit.id);
  const metrics = catalog.all.filter((metric) => (own.get(metric.code) ?? 0) > 0).slice(0, MAX_PANELS);
  const week = data.period.label;
  const parent = unit.parentId === null ? undefined : tree.byId(unit.parentId);
  const hasChildren = tree.children(unit.id).length > 0;
  const hasSiblings = parent !== undefined && tree.children(parent.id).length > 1;
  const caption = t(locale, 'chart.leaderboardCaption', { unit: unit.name, week });
  if (!hasChildren && !hasSiblings) {
    const before = unitTotal(tree, data.previous, unit.id);
    const previousFrom = data.period.previous?.from;
    const panels = metrics.map((metric) => ({
      kind: 'trend' as const,
      title: panelTitle(locale, metric),
      bars: [
        ...(previousFrom ? [{ from: previousFrom, value: before.get(metric.code) ?? 0 }] : []),
        { from: data.period.range.from, value: own.get(metric.code) ?? 0 },
      ].map((bar) => ({ label: formatShortDay(bar.from), value: bar.value, shown: formatNumber(locale, bar.value) })),
    }));
    const svg = panelsSvg({
      title: t(locale, 'chart.weeklyUnitTitle', { unit: unit.name, week }),
      subtitle: t(locale, 'chart.separateScales'),
      panels,
    });
    return svg ? { svg, caption } : undefined;
  }
  const ranked = rankedWith(tree, data.current, unit.id).map((part) => ({
    label: part.own ? t(locale, 'chart.ownBar', { code: unit.code }) : part.unit.code,
    mine: part.unit.id === unit.id,
    own: part.own,
    totals: part.totals,
  }));
  const panels = metrics.map((metric) => {
    const bars = ranked
      .filter((row) => !row.own || (row.totals.get(metric.code) ?? 0) > 0)
      .map((row) => {
        const value = row.totals.get(metric.code) ?? 0;
        return { label: row.label, value, shown: formatNumber(locale, value), highlight: row.mine };
      })
      .sort((a, b) => b.value - a.value);
    const shown = bars.slice(0, PANEL_UNITS);
    const mine = bars.slice(PANEL_UNITS).find((bar) => bar.highlight);
    return { kind: 'rank' as const, title: panelTitle(locale, metric), bars: mine ? [...shown, mine] : shown };
  });
  const title =
    hasChildren || !parent
      ? t(locale, 'chart.weeklyRankTitle', { scope: unit.name, week })
      : t(locale, 'chart.weeklyRankAmongTitle', { unit: unit.name, parent: parent.name, week });
  const svg = panelsSvg({ title, subtitle: t(locale, 'chart.separateScales'), panels });
  return svg ? { svg, caption } : undefined;
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
