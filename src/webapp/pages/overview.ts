import type { MetricFigures, MetricRef, Overview } from '../../features/app/api-types';
import type { Answer } from '../api-client';
import { h } from '../dom';
import { hashOf } from '../routes';
import { num, text } from '../texts';
import { changeBadge, figureTable, meter, type PageContext, section } from '../ui';

/** One metric of the whole unit: this week with its change, this month against its target; opens the metric. */
function metricTile(unitId: number, figures: MetricFigures, metric: MetricRef | undefined): HTMLElement {
  const percent = figures.monthPercent;
  return h(
    'a',
    { class: 'tile', href: hashOf({ page: 'metric', unitId, metric: figures.metric }), 'data-metric': figures.metric },
    h(
      'span',
      { class: 'tile-name' },
      metric?.name ?? figures.metric,
      h('span', { class: 'hint' }, ` (${metric?.countUnit ?? ''})`),
    ),
    h('span', { class: 'tile-row' }, h('b', { class: 'big' }, num(figures.week)), changeBadge(figures)),
    h(
      'span',
      { class: 'tile-sub hint' },
      `${text('app.period.month')}: ${num(figures.month)}`,
      percent === null ? null : ` · ${text('app.target', { percent })}`,
    ),
    percent === null ? null : meter(percent),
  );
}

/** The overview of a unit: its totals, its sub-units (each opening its own), its own entries, the silent units. */
export async function renderOverview(ctx: PageContext, unitId: number | null, preloaded?: Answer<Overview>) {
  const answer = await (preloaded ?? ctx.api.overview(unitId));
  if (!ctx.current()) return;
  if (!answer.ok) return ctx.fail(answer.error, () => void renderOverview(ctx, unitId));
  const overview = answer.value;
  const { unit } = overview;
  ctx.setUnit(unit.id);
  const metrics = new Map(overview.metrics.map((metric) => [metric.code, metric]));

  ctx.show(
    overview.path.length > 0 &&
      h(
        'nav',
        { class: 'path' },
        overview.path.map((above) =>
          h('a', { href: hashOf({ page: 'overview', unitId: above.id }) }, above.code, ' › '),
        ),
        h('span', null, unit.code),
      ),
    h('h1', null, unit.name),
    h('p', { class: 'hint' }, `${overview.week.label} · ${overview.month.label}`),
    section(
      text('app.overview.total'),
      overview.total.length === 0
        ? h('p', { class: 'hint' }, text('app.overview.nothing'))
        : h(
            'div',
            { class: 'tiles' },
            overview.total.map((figures) => metricTile(unit.id, figures, metrics.get(figures.metric))),
          ),
    ),
    overview.children.length > 0 &&
      section(
        text('app.overview.children'),
        ...overview.children.map((child) =>
          h(
            'a',
            {
              class: 'card unit',
              href: hashOf({ page: 'overview', unitId: child.unit.id }),
              'data-unit': child.unit.code,
            },
            h('span', { class: 'card-head' }, h('b', null, child.unit.name), h('span', { class: 'chevron' }, '›')),
            h(
              'span',
              { class: 'hint' },
              child.unit.code,
              child.subUnits > 0 ? ` · ${text('app.overview.subUnits', { count: child.subUnits })}` : '',
            ),
            child.figures.length > 0 && figureTable(child.figures, metrics),
          ),
        ),
      ),
    overview.own !== null &&
      overview.own.length > 0 &&
      section(
        text('app.overview.own', { unit: unit.code }),
        h('div', { class: 'card' }, figureTable(overview.own, metrics)),
      ),
    section(
      text('app.overview.silent'),
      overview.silentUnits.length === 0
        ? h('p', { class: 'hint' }, text('app.overview.silentNone'))
        : h(
            'div',
            { class: 'chips silent' },
            overview.silentUnits.map((silent) =>
              h(
                'a',
                { class: 'chip', href: hashOf({ page: 'overview', unitId: silent.id }), title: silent.name },
                silent.code,
              ),
            ),
          ),
    ),
    overview.silentPeople !== undefined &&
      overview.silentPeople.length > 0 &&
      section(
        text('app.overview.silentPeople'),
        h(
          'ul',
          { class: 'people' },
          overview.silentPeople.map((person) =>
            h('li', null, person.name, h('span', { class: 'hint' }, ` · ${person.unit.code}`)),
          ),
        ),
      ),
  );
}
