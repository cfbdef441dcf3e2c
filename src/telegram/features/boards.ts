import { parseTopArgs } from '../../commands/parse-top';
import { displayName } from '../../db/member-store';
import { sumByMember, sumByMetric, sumByUnit } from '../../db/tally-store';
import type { Locale } from '../../domain/locale';
import type { Metric, MetricCatalog } from '../../domain/metric';
import { localDayOf, monthOf, periodOf, weekOf } from '../../domain/period';
import { rank, rollUpToChildren } from '../../domain/ranking';
import { t } from '../../texts/texts';
import type { BotServices, CommandContext, Feature } from '../context';
import { nameOf } from '../people';
import { periodLabel } from './period-label';

const TOP_ROWS_ONE_METRIC = 10;
const TOP_ROWS_EACH_METRIC = 3;

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

/** /me, /top and /metrics: the boards people read. */
export function boardsFeature(services: BotServices): Feature {
  const { config } = services;
  const today = (now: Date) => localDayOf(now, config.timeZone);

  async function unitOrExplain(ctx: CommandContext) {
    if (ctx.chat.type === 'private') {
      await ctx.replyText('chat.groupOnly');
      return undefined;
    }
    const unit = ctx.settings?.unitId ? (await ctx.directory.units()).byId(ctx.settings.unitId) : undefined;
    if (!unit) await ctx.replyText('chat.notRegistered');
    return unit;
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
      ].join('\n'),
    );
  }

  async function top(ctx: CommandContext) {
    const unit = await unitOrExplain(ctx);
    if (!unit) return;
    const catalog = await ctx.directory.metrics();
    const parsed = parseTopArgs(ctx.args, catalog);
    if (!parsed.ok) return ctx.replyError(parsed.error);
    const { metric, period } = parsed.value;
    const range = periodOf(period, today(ctx.now));
    const tree = await ctx.directory.units();
    const children = tree.children(unit.id);
    const { locale } = ctx;

    type Row = { item: string; total: number };
    const rowsByMetric = new Map<string, Row[]>();
    const push = (metricCode: string, row: Row) =>
      rowsByMetric.set(metricCode, [...(rowsByMetric.get(metricCode) ?? []), row]);
    if (children.length > 0) {
      const rows = await sumByUnit(ctx.db, { unitIds: tree.subtreeIds(unit.id), range, metricCode: metric?.code });
      const childSubtrees = children.map((child) => ({ id: child.id, subtree: tree.subtreeIds(child.id) }));
      for (const metricCode of new Set(rows.map((row) => row.metricCode))) {
        const totals = rollUpToChildren(
          rows.filter((row) => row.metricCode === metricCode),
          childSubtrees,
        );
        for (const child of children) push(metricCode, { item: child.name, total: totals.get(child.id) ?? 0 });
      }
    } else {
      const rows = await sumByMember(ctx.db, { unitIds: [unit.id], range, metricCode: metric?.code });
      for (const row of rows) push(row.metricCode, { item: displayName(row), total: row.total });
    }

    const shown: Metric[] = metric ? [metric] : catalog.all.filter((m) => rowsByMetric.has(m.code));
    const limit = metric ? TOP_ROWS_ONE_METRIC : TOP_ROWS_EACH_METRIC;
    const sections = shown.flatMap((m) => {
      const ranked = rank(rowsByMetric.get(m.code) ?? [], (label) => label).slice(0, limit);
      if (ranked.length === 0) return [];
      return [
        '',
        t(locale, 'top.metric', { metric: m.name[locale], countUnit: m.countUnit[locale] }),
        ...ranked.map((r) => t(locale, 'top.row', { rank: r.rank, name: r.item, amount: r.total })),
      ];
    });
    await ctx.reply(
      [
        t(locale, 'top.header', { scope: unit.name, period: periodLabel(locale, period, range) }),
        ...(sections.length > 0 ? sections : [t(locale, 'top.empty')]),
      ].join('\n'),
    );
  }

  async function metrics(ctx: CommandContext) {
    const { locale } = ctx;
    const catalog = await ctx.directory.metrics();
    await ctx.reply(
      [
        t(locale, 'metrics.header'),
        ...catalog.all.map((metric) =>
          t(locale, 'metrics.line', {
            code: metric.code,
            name: metric.name[locale],
            countUnit: metric.countUnit[locale],
            max: metric.maxPerEntry,
            aliases: metric.aliases.join(', '),
          }),
        ),
      ].join('\n'),
    );
  }

  return { commands: { me, top, metrics } };
}
