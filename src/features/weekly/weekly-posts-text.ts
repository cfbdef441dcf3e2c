import { commendationPhrase } from '../../i18n/commendation';
import { formatNumber, Html } from '../../i18n/format';
import { t } from '../../i18n/texts';
import type { JobPeriod } from '../../kernel/job-period';
import type { Locale } from '../../kernel/locale';
import { isoWeekLabel } from '../../kernel/period';
import { targetSection } from '../reports';
import {
  barChart,
  type Change,
  type Commendation,
  changeOf,
  type DigestReport,
  fitToLimit,
  type LeaderboardReport,
  type MetricTop,
  type MetricTotal,
} from './weekly-report';

/** "▲ 12%", "▼ 5%", "▲ mới"… */
export function changeText(locale: Locale, change: Change): string {
  switch (change.kind) {
    case 'up':
      return t(locale, 'weekly.change.up', { percent: change.percent });
    case 'down':
      return t(locale, 'weekly.change.down', { percent: change.percent });
    case 'same':
      return t(locale, 'weekly.change.same');
    case 'new':
      return t(locale, 'weekly.change.new');
    case 'none':
      return t(locale, 'weekly.change.none');
  }
}

/** Shows the first `count` items, and "…and N more" for the rest. */
function firstOf<T>(locale: Locale, items: readonly T[], count: number, line: (item: T) => string): string[] {
  const shown = items.slice(0, count).map(line);
  return items.length > count ? [...shown, t(locale, 'weekly.more', { count: items.length - count })] : shown;
}

const section = (header: string, body: readonly string[]): string[] => (body.length > 0 ? ['', header, ...body] : []);

function totalLines(locale: Locale, totals: readonly MetricTotal[]): string[] {
  if (totals.every((row) => row.current === 0)) return [t(locale, 'weekly.nothingLogged')];
  return totals.map((row) =>
    t(locale, 'weekly.totalLine', {
      metric: row.metric.name[locale],
      amount: row.current,
      countUnit: row.metric.countUnit[locale],
      change: changeText(locale, changeOf(row.current, row.previous)),
    }),
  );
}

function topLine(locale: Locale, top: MetricTop, withUnit: boolean): string {
  const people = top.people
    .map((person) =>
      withUnit
        ? t(locale, 'weekly.topPersonOfUnit', { name: person.name, unit: person.unitCode, amount: person.total })
        : t(locale, 'weekly.topPerson', { name: person.name, amount: person.total }),
    )
    .join(', ');
  return t(locale, 'weekly.topLine', { metric: top.metric.name[locale], people: new Html(people) });
}

const commendationLine = (locale: Locale, row: Commendation, proposals: ReadonlySet<string>) =>
  t(locale, 'weekly.commendationLine', {
    phrase: commendationPhrase(locale, row.level, proposals.has(row.level)),
    nominee: row.nominee,
    unit: row.unitName,
    reason: row.reason,
  });

/** The weekly leaderboard of a unit's group, under Telegram's length limit. */
export function renderLeaderboard(
  locale: Locale,
  report: LeaderboardReport,
  proposals: ReadonlySet<string> = new Set(),
): string {
  const { range, label } = report.period;
  const render = ([tops = 0, commendations = 0, subUnits = 0]: readonly number[]) =>
    [
      t(locale, 'weekly.leaderboardHeader', { unit: report.unit.name, from: range.from, to: range.to, week: label }),
      ...section(t(locale, 'weekly.totalsHeader'), totalLines(locale, report.totals)),
      ...(report.unlogged
        ? [t(locale, 'weekly.unlogged', { count: report.unlogged.silent, total: report.unlogged.active })]
        : []),
      ...targetSection(locale, report.targets),
      ...(report.ranks
        ? section(
            t(locale, 'weekly.rankHeader', { parent: report.ranks.parent.name }),
            report.ranks.rows.map((row) =>
              t(locale, 'weekly.rankLine', { metric: row.metric.name[locale], rank: row.rank, of: row.of }),
            ),
          )
        : []),
      // Cut to no places, the section goes: a metric line with no unit after it says nothing.
      ...(report.subUnits && subUnits > 0
        ? section(
            t(locale, 'weekly.subUnitsHeader'),
            report.subUnits.map((row) =>
              t(locale, 'weekly.subUnitsLine', {
                metric: row.metric.name[locale],
                units: new Html(
                  row.rows
                    .slice(0, subUnits)
                    .map((place) =>
                      t(locale, 'weekly.subUnitPlace', {
                        rank: place.rank,
                        code: place.item.own
                          ? t(locale, 'chart.ownBar', { code: place.item.unit.code })
                          : place.item.unit.code,
                        amount: place.total,
                      }),
                    )
                    .join(' · '),
                ),
              }),
            ),
          )
        : []),
      ...section(
        t(locale, 'weekly.topHeader'),
        firstOf(locale, report.top, tops, (top) => topLine(locale, top, false)),
      ),
      ...section(
        t(locale, 'weekly.commendationsHeader'),
        firstOf(locale, report.commendations, commendations, (row) => commendationLine(locale, row, proposals)),
      ),
    ].join('\n');
  return fitToLimit(render, [
    report.top.length,
    report.commendations.length,
    Math.max(0, ...(report.subUnits ?? []).map((row) => row.rows.length)),
  ]);
}

const CHART_WIDTH = 10;

/** The digest: totals by metric, a bar chart of units, silent units, top officers, nominations; under the limit. */
export function renderDigest(locale: Locale, report: DigestReport, proposals: ReadonlySet<string> = new Set()): string {
  const { range, label } = report.period;
  const n = (value: number) => formatNumber(locale, value);
  const chartRows = report.units.map((row) => ({
    label: `${' '.repeat(row.depth)}${row.unit.code}`,
    value: row.current,
    shown: `${n(row.current)} ${changeText(locale, changeOf(row.current, row.previous))}`,
  }));
  // One chart per metric: cards, cars and masks are never added together.
  const metricCharts = (report.charts ?? []).map((chart) => ({
    metric: chart.metric,
    rows: chart.rows.map((row) => ({
      label: `${' '.repeat(row.depth)}${row.unit.code}`,
      value: row.current,
      shown: `${n(row.current)} ${changeText(locale, changeOf(row.current, row.previous))}`,
    })),
  }));
  const chartLines = (units: number) =>
    metricCharts.flatMap((chart) => [
      t(locale, 'digest.metricChartHeader', {
        metric: chart.metric.name[locale],
        countUnit: chart.metric.countUnit[locale],
      }),
      t(locale, 'digest.chart', { lines: barChart(chart.rows.slice(0, units), CHART_WIDTH).join('\n') }),
      ...(chart.rows.length > units ? [t(locale, 'weekly.more', { count: chart.rows.length - units })] : []),
    ]);
  const unlogged = report.unlogged ?? [];
  const render = ([units = 0, silent = 0, tops = 0, pending = 0, commendations = 0, people = 0]: readonly number[]) => {
    const chart = barChart(chartRows.slice(0, units), CHART_WIDTH);
    return [
      t(locale, 'digest.header', {
        scope: report.roots.map((root) => root.name).join(', '),
        from: range.from,
        to: range.to,
        week: label,
      }),
      ...section(t(locale, 'weekly.totalsHeader'), totalLines(locale, report.totals)),
      ...targetSection(locale, report.targets),
      ...(report.charts
        ? section(t(locale, 'digest.unitsHeader'), chartLines(units))
        : section(t(locale, 'digest.unitsHeader'), [
            ...(chart.length > 0 ? [t(locale, 'digest.chart', { lines: chart.join('\n') })] : []),
            ...(chartRows.length > units ? [t(locale, 'weekly.more', { count: chartRows.length - units })] : []),
          ])),
      '',
      ...(report.silent.length > 0
        ? [
            t(locale, 'digest.silentHeader', { count: report.silent.length }),
            ...firstOf(locale, report.silent, silent, (unit) =>
              t(locale, 'digest.silentLine', { code: unit.code, name: unit.name }),
            ),
          ]
        : [t(locale, 'digest.allLogged')]),
      ...section(
        t(locale, 'digest.unloggedHeader'),
        firstOf(locale, unlogged, people, (row) =>
          t(locale, 'digest.unloggedLine', { code: row.unit.code, count: row.silent, total: row.active }),
        ),
      ),
      ...section(
        t(locale, 'weekly.topHeader'),
        firstOf(locale, report.top, tops, (top) => topLine(locale, top, true)),
      ),
      ...section(
        t(locale, 'digest.pendingHeader', { count: report.pending.length }),
        firstOf(locale, report.pending, pending, (nomination) =>
          t(locale, 'digest.pendingLine', {
            id: nomination.id,
            nominee: nomination.nomineeName,
            unit: nomination.unitCode,
            reason: nomination.reason,
            day: nomination.day,
          }),
        ),
      ),
      ...section(
        t(locale, 'weekly.commendationsHeader'),
        firstOf(locale, report.commendations, commendations, (row) => commendationLine(locale, row, proposals)),
      ),
    ].join('\n');
  };
  return fitToLimit(render, [
    Math.max(report.units.length, ...(report.charts ?? []).map((chart) => chart.rows.length)),
    report.silent.length,
    report.top.length,
    report.pending.length,
    report.commendations.length,
    unlogged.length,
  ]);
}

/** The reminder to a group whose unit logged nothing this week; the motto line changes week by week. */
export function renderReminder(locale: Locale, unitName: string, period: JobPeriod): string {
  const week = Number(isoWeekLabel(period.range.from).slice(-2));
  return t(locale, 'reminder.text', {
    unit: unitName,
    from: period.range.from,
    motto: t(locale, 'reminder.motto', { line: week }),
  });
}
