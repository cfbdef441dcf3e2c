import type { BotServices, CommandContext, Feature } from '../../bot/context';
import { nameOf } from '../../bot/people';
import { errorText } from '../../i18n/error-text';
import { periodLabel } from '../../i18n/period-label';
import { t } from '../../i18n/texts';
import type { DayRange } from '../../kernel/day';
import type { Locale } from '../../kernel/locale';
import { aliasNamesOf, isActiveMetric, type MetricCatalog } from '../../kernel/metric';
import type { PeriodKind } from '../../kernel/period';
import { targetSection } from '../reports';
import { scopeOf } from '../use-case';
import { type Board, standingOf, topBoards } from './boards-service';
import { parseTopArgs } from './parse-top';

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

/** One board: its header, each metric's rows (a parent's own entries and total after its sub-units), its targets. */
function renderBoard(locale: Locale, board: Board, period: PeriodKind, range: DayRange): string {
  const sections = board.sections.flatMap((section) => [
    '',
    t(locale, 'top.metric', { metric: section.metric.name[locale], countUnit: section.metric.countUnit[locale] }),
    ...section.rows.map((row) => t(locale, 'top.row', { rank: row.rank, name: row.name, amount: row.total })),
    ...(section.own === undefined ? [] : [t(locale, 'top.ownRow', { name: board.unit.name, amount: section.own })]),
    ...(section.total === undefined ? [] : [t(locale, 'top.total', { amount: section.total })]),
  ]);
  return [
    t(locale, 'top.header', { scope: board.unit.name, period: periodLabel(locale, period, range) }),
    ...(sections.length > 0 ? sections : [t(locale, 'top.empty')]),
    ...targetSection(locale, board.targets),
  ].join('\n');
}

/** /me, /top and /metrics: the boards people read. */
export function boardsFeature(services: BotServices): Feature {
  const { config } = services;

  async function top(ctx: CommandContext) {
    const parsed = parseTopArgs(ctx.args, await ctx.directory.metrics());
    if (!parsed.ok) return ctx.replyError(parsed.error);
    const { metric, period, previous } = parsed.value;
    const place =
      ctx.chat.type === 'private'
        ? ({ kind: 'private' } as const)
        : ({ kind: 'group', unitId: ctx.settings?.unitId ?? null } as const);
    const shown = await topBoards(scopeOf(ctx, config), { userId: ctx.from.id }, { place, metric, period, previous });
    if (!shown.ok) return ctx.reply(errorText(ctx.locale, shown.error));
    const { boards, range } = shown.value;
    await ctx.reply(boards.map((board) => renderBoard(ctx.locale, board, period, range)).join('\n\n'));
  }

  async function me(ctx: CommandContext) {
    const standing = await standingOf(
      scopeOf(ctx, config),
      { userId: ctx.from.id },
      {
        groupUnitId: ctx.settings?.unitId ?? undefined,
      },
    );
    const catalog = await ctx.directory.metrics();
    const { locale } = ctx;
    const section = (totals: ReadonlyMap<string, number>) => {
      const rendered = metricLines(locale, catalog, totals);
      return rendered.length > 0 ? rendered : [t(locale, 'me.none')];
    };
    const [year, monthNumber] = standing.month.from.split('-');
    const ranks = standing.ranks
      ? [
          t(locale, 'me.rankHeader', { unit: standing.ranks.unit.name }),
          ...standing.ranks.rows.map((row) =>
            t(locale, 'me.rankLine', {
              metric: row.metric.name[locale],
              rank: row.rank,
              of: row.of,
              amount: row.total,
            }),
          ),
        ]
      : [];
    await ctx.reply(
      [
        t(locale, 'me.header', { name: nameOf(ctx.from) }),
        t(locale, 'me.week', { from: standing.week.from, to: standing.week.to }),
        ...section(standing.weekTotals),
        t(locale, 'me.month', { month: `${monthNumber}/${year}` }),
        ...section(standing.monthTotals),
        ...ranks,
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
