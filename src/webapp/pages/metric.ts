import {
  type MetricRef,
  RANKING_PERIODS,
  type RankingPeriod,
  TREND_WEEKS,
  type TrendWeeks,
} from '../../features/app/api-types';
import { trendChart } from '../chart';
import { h } from '../dom';
import { barWidth } from '../figures';
import { hashOf } from '../routes';
import { num, text } from '../texts';
import { meter, type PageContext, section } from '../ui';

/** A row of buttons choosing one of a few values; the chosen one is pressed. */
function toggle<T extends string | number>(
  values: readonly T[],
  chosen: T,
  label: (value: T) => string,
  pick: (value: T) => void,
) {
  return h(
    'div',
    { class: 'toggle', role: 'group' },
    values.map((value) =>
      h(
        'button',
        { type: 'button', 'aria-pressed': String(value === chosen), onclick: () => pick(value) },
        label(value),
      ),
    ),
  );
}

/** One metric of a unit: its trend over 8 or 52 weeks, and its sub-units ranked this week or this month. */
export async function renderMetric(
  ctx: PageContext,
  unitId: number,
  metrics: readonly MetricRef[],
  code: string | null,
  weeks: TrendWeeks = 8,
  period: RankingPeriod = 'week',
): Promise<void> {
  const metric = code ?? metrics[0]?.code;
  if (!metric) return ctx.show(h('p', { class: 'hint' }, text('app.overview.nothing')));
  const answer = await ctx.api.metric(unitId, metric, weeks, period);
  if (!ctx.current()) return;
  if (!answer.ok) return ctx.fail(answer.error, () => void renderMetric(ctx, unitId, metrics, code, weeks, period));
  const view = answer.value;
  ctx.setUnit(view.unit.id);
  const again = (nextWeeks: TrendWeeks, nextPeriod: RankingPeriod) =>
    void renderMetric(ctx, unitId, metrics, metric, nextWeeks, nextPeriod);
  const best = Math.max(0, ...view.ranking.rows.map((row) => row.total), view.ranking.own);

  const picker = h(
    'select',
    {
      class: 'metric-picker',
      'aria-label': text('app.tab.metric'),
      onchange: (event: Event) => {
        location.hash = hashOf({ page: 'metric', unitId, metric: (event.target as HTMLSelectElement).value });
      },
    },
    metrics.map((option) => h('option', { value: option.code, selected: option.code === metric }, option.name)),
  );

  ctx.show(
    h('h1', null, view.unit.name),
    picker,
    section(
      text('app.metric.trend'),
      toggle(
        TREND_WEEKS,
        weeks,
        (count) => text('app.metric.weeks', { count }),
        (next) => again(next, period),
      ),
      trendChart(view.trend, text('app.metric.chartLabel', { metric: view.metric.name, unit: view.unit.name }), num),
    ),
    section(
      text('app.metric.ranking'),
      toggle(
        RANKING_PERIODS,
        period,
        (value) => text(value === 'week' ? 'app.period.week' : 'app.period.month'),
        (next) => again(weeks, next),
      ),
      h('p', { class: 'hint' }, view.ranking.period.label),
      view.ranking.rows.length === 0
        ? h('p', { class: 'hint' }, text('app.metric.leaf'))
        : h(
            'ol',
            { class: 'ranking' },
            view.ranking.rows.map((row) =>
              h(
                'li',
                { 'data-unit': row.unit.code },
                h('span', { class: 'rank' }, `${row.rank}.`),
                h(
                  'a',
                  { class: 'rank-name', href: hashOf({ page: 'metric', unitId: row.unit.id, metric }) },
                  row.unit.name,
                ),
                h('b', { class: 'rank-total' }, num(row.total)),
                meter(barWidth(row.total, best)),
              ),
            ),
          ),
      view.ranking.own > 0 &&
        h(
          'p',
          { class: 'own' },
          text('app.metric.own', { unit: view.unit.code }),
          ': ',
          h('b', null, `${num(view.ranking.own)} ${view.metric.countUnit}`),
        ),
    ),
  );
}
