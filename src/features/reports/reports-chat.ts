import type { BotServices, CommandContext, Feature } from '../../bot/context';
import { chartPng } from '../../files/render-requests';
import { Html } from '../../i18n/format';
import { localDayOf } from '../../kernel/period';
import { paragraphOf } from '../../kernel/report';
import type { Unit, UnitTree } from '../../kernel/units';
import { EXPORT_REQUESTED_HOOK } from '../../workers/export-worker';
import { unitTotals } from '../weekly/weekly-store';
import { rankChart, trendChart } from './chart';
import { requestExport } from './export-request-store';
import { parseChartArgs, parseReportArgs, type ReportCommand } from './parse-report';
import { parseTargetArgs } from './parse-target';
import { composeReport } from './report-service';
import { renderReport, writeReportParagraph } from './report-text';
import { countModels, insertModel, listModels, setTarget } from './target-store';

/** Models a unit registers without an admin: "one or two per unit". */
const MODELS_WITHOUT_ADMIN = 2;
const MIN_SLOGAN = 5;
const MAX_SLOGAN = 200;
const CAMPAIGN_MODEL_LINES = 10;

/** /report, /target, /campaign and /model (and, beside them, /export and /chart). */
export function reportsFeature(services: BotServices): Feature {
  const { config } = services;
  const today = (ctx: CommandContext) => localDayOf(ctx.now, config.timeZone);

  /**
   * The unit a command is about: the one named, else the group's, else (in private) the first the person commands
   * (an admin: the top of the tree). Refusals are answered here; undefined then.
   */
  async function unitOf(
    ctx: CommandContext,
    code: string | undefined,
    need: 'view' | 'command',
  ): Promise<{ unit: Unit; tree: UnitTree } | undefined> {
    const tree = await ctx.directory.units();
    const groupUnitId = ctx.chat.type === 'private' ? undefined : (ctx.settings?.unitId ?? undefined);
    let unit: Unit | undefined;
    if (code !== undefined) {
      unit = tree.byCode(code);
      if (!unit) {
        await ctx.replyText('report.unknownUnit', { code });
        return undefined;
      }
    } else if (groupUnitId !== undefined) unit = tree.byId(groupUnitId);
    else {
      const authority = await ctx.directory.authority(ctx.from.id);
      const firstId = authority.admin ? tree.walk().find((row) => row.depth === 0)?.unit.id : authority.commanderOf[0];
      unit = firstId === undefined ? undefined : tree.byId(firstId);
    }
    if (!unit) {
      await ctx.replyText('report.noUnit');
      return undefined;
    }
    // In a unit's group everyone sees its subtree's figures; elsewhere, and for exports and targets, only those
    // who command the unit (or one above it) and admins.
    const inOwnGroup = need === 'view' && groupUnitId !== undefined && tree.subtreeIds(groupUnitId).includes(unit.id);
    if (!inOwnGroup && !(await ctx.directory.commands(ctx.from.id, unit.id))) {
      await ctx.replyText('report.notAllowed');
      return undefined;
    }
    return { unit, tree };
  }

  /** Parses the unit and period of /report or /export, answering a refusal. */
  async function requestOf(ctx: CommandContext): Promise<ReportCommand | undefined> {
    const parsed = parseReportArgs(ctx.args, today(ctx));
    if (parsed.ok) return parsed.value;
    if (parsed.error.kind === 'report.badPeriod')
      await ctx.replyText('report.badPeriod', { period: parsed.error.period });
    else await ctx.replyText('report.usage');
    return undefined;
  }

  async function report(ctx: CommandContext) {
    const request = await requestOf(ctx);
    if (!request) return;
    const scope = await unitOf(ctx, request.unitCode, 'view');
    if (!scope) return;
    const built = await composeReport(ctx.db, {
      tree: scope.tree,
      catalog: await ctx.directory.metrics(),
      unitId: scope.unit.id,
      period: request.period,
      timeZone: config.timeZone,
    });
    if (!built) return ctx.replyText('report.noUnit');
    const paragraph = writeReportParagraph(ctx.locale, paragraphOf(built));
    await ctx.reply(renderReport(ctx.locale, built, paragraph));
  }

  async function target(ctx: CommandContext) {
    const parsed = parseTargetArgs(ctx.args, await ctx.directory.metrics());
    if (!parsed.ok) {
      const error = parsed.error;
      if (error.kind === 'target.unknownMetric') return ctx.replyText(error.kind, { metric: error.metric });
      if (error.kind === 'target.badAmount') return ctx.replyText(error.kind, { amount: error.amount });
      return ctx.replyText('target.usage');
    }
    const { metric, amount, kind, unitCode } = parsed.value;
    const scope = await unitOf(ctx, unitCode, 'command');
    if (!scope) return;
    await setTarget(
      ctx.db,
      { unitId: scope.unit.id, metricCode: metric.code, kind, amount, setBy: ctx.from.id },
      ctx.now,
    );
    const period = ctx.text(`target.kind.${kind}`);
    if (amount === 0)
      return ctx.replyText('target.cleared', { unit: scope.unit.name, metric: metric.name[ctx.locale], period });
    await ctx.replyText('target.set', {
      unit: scope.unit.name,
      metric: metric.name[ctx.locale],
      amount,
      countUnit: metric.countUnit[ctx.locale],
      period,
    });
  }

  async function campaign(ctx: CommandContext) {
    const tree = await ctx.directory.units();
    const models = await listModels(ctx.db);
    const modelLines = models
      .slice(-CAMPAIGN_MODEL_LINES)
      .map((model) => ctx.text('model.line', { unit: tree.byId(model.unitId)?.name ?? '', slogan: model.slogan }));
    await ctx.replyText('campaign.text', {
      registered: tree.all.filter((unit) => unit.groups > 0).length,
      units: tree.all.length,
      models: models.length,
      modelLines: new Html(modelLines.join('\n')),
    });
  }

  async function model(ctx: CommandContext) {
    const args = ctx.args.trim();
    const [verb = '', ...rest] = args.split(/\s+/);
    const tree = await ctx.directory.units();
    if (verb.toLowerCase() === 'list' || verb.toLowerCase() === 'ds' || args === '') {
      const groupUnitId = ctx.chat.type === 'private' ? undefined : (ctx.settings?.unitId ?? undefined);
      const models = await listModels(ctx.db, groupUnitId === undefined ? undefined : tree.subtreeIds(groupUnitId));
      if (models.length === 0) return ctx.replyText('model.none');
      return ctx.reply(
        [
          ctx.text('model.listHeader', { count: models.length }),
          ...models.map((each) =>
            ctx.text('model.line', { unit: tree.byId(each.unitId)?.name ?? '', slogan: each.slogan }),
          ),
        ].join('\n'),
      );
    }
    if (!['add', 'them'].includes(verb.toLowerCase())) return ctx.replyText('model.usage');
    if (ctx.chat.type === 'private') return ctx.replyText('chat.groupOnly');
    const unit = ctx.settings?.unitId ? tree.byId(ctx.settings.unitId) : undefined;
    if (!unit) return ctx.replyText('chat.notRegistered');
    if (!(await ctx.directory.commands(ctx.from.id, unit.id))) return ctx.replyText('auth.commanderOrAdmin');
    const slogan = rest
      .join(' ')
      .replace(/^["“«]|["”»]$/g, '')
      .trim();
    if ([...slogan].length < MIN_SLOGAN || [...slogan].length > MAX_SLOGAN)
      return ctx.replyText('model.badSlogan', { max: MAX_SLOGAN });
    const count = await countModels(ctx.db, unit.id);
    if (count >= MODELS_WITHOUT_ADMIN && !(await ctx.directory.authority(ctx.from.id)).admin)
      return ctx.replyText('model.tooMany', { unit: unit.name, count });
    await insertModel(ctx.db, { unitId: unit.id, slogan, createdBy: ctx.from.id }, ctx.now);
    await ctx.replyText('model.added', { unit: unit.name, slogan, count: count + 1 });
  }

  const threadOf = (ctx: CommandContext) => (ctx.message.is_topic_message ? ctx.message.message_thread_id : undefined);

  /**
   * Stores the request and answers at once, in the update's transaction; the export worker writes the files later,
   * outside any update (src/workers/export-worker.ts), and the acknowledgement, once sent, wakes it.
   */
  async function exportData(ctx: CommandContext) {
    const request = await requestOf(ctx);
    if (!request) return;
    const scope = await unitOf(ctx, request.unitCode, 'command');
    if (!scope) return;
    const { range } = request.period;
    const id = await requestExport(
      ctx.db,
      {
        chatId: ctx.chat.id,
        threadId: threadOf(ctx),
        replyTo: ctx.message.message_id,
        requestedBy: ctx.from.id,
        unitId: scope.unit.id,
        range,
        locale: ctx.locale,
      },
      ctx.now,
    );
    await ctx.reply(ctx.text('export.queued', { unit: scope.unit.name, from: range.from, to: range.to }), {
      afterSent: { kind: EXPORT_REQUESTED_HOOK, id },
    });
  }

  async function chart(ctx: CommandContext) {
    const catalog = await ctx.directory.metrics();
    const parsed = parseChartArgs(ctx.args, catalog, today(ctx));
    if (!parsed.ok) {
      if (parsed.error.kind === 'report.badPeriod')
        return ctx.replyText('report.badPeriod', { period: parsed.error.period });
      return ctx.replyText('chart.usage');
    }
    const scope = await unitOf(ctx, undefined, 'view');
    if (!scope) return;
    const { range } = parsed.value.period;
    let metric = parsed.value.metric;
    if (!metric) {
      // The metric the subtree logged most entries' worth of is no measure across metrics; the first logged is.
      const logged = new Set(
        (await unitTotals(ctx.db, scope.tree.subtreeIds(scope.unit.id), range)).map((row) => row.metricCode),
      );
      metric = catalog.all.find((each) => logged.has(each.code));
    }
    if (!metric) return ctx.replyText('chart.nothing');
    const request = { tree: scope.tree, unit: scope.unit, metric, locale: ctx.locale };
    const ranking = await rankChart(ctx.db, { ...request, range });
    const trend = await trendChart(ctx.db, { ...request, lastDay: range.to < today(ctx) ? range.to : today(ctx) });
    const caption = ctx.text('chart.caption', { metric: metric.name[ctx.locale], unit: scope.unit.name });
    const where = { replyTo: ctx.message.message_id, threadId: threadOf(ctx) };
    ctx.out.photo(ctx.chat.id, { render: chartPng(ranking.svg), caption }, where);
    ctx.out.photo(ctx.chat.id, { render: chartPng(trend.svg) }, where);
  }

  return { commands: { report, target, campaign, model, export: exportData, chart } };
}
