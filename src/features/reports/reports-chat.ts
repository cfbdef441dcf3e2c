import type { BotServices, CommandContext, Feature } from '../../bot/context';
import { chartPng } from '../../files/render-requests';
import { errorText } from '../../i18n/error-text';
import { Html } from '../../i18n/format';
import type { Locale } from '../../kernel/locale';
import { localDayOf } from '../../kernel/period';
import { paragraphOf } from '../../kernel/report';
import { exportRosterChat, isRosterExport } from '../roster';
import { type Caller, placeOf, scopeOf, type UseCaseScope } from '../use-case';
import { EXPORT_REQUESTED_HOOK } from './export-request-store';
import { parseChartArgs, parseReportArgs, type ReportCommand, type YearReviewPart } from './parse-report';
import { parseTargetArgs } from './parse-target';
import { addModel, campaignOf, chartsOf, exportOf, modelsOf, reportOf, setUnitTarget } from './report-service';
import { renderReport, writeReportParagraph } from './report-text';

const MIN_SLOGAN = 5;
const MAX_SLOGAN = 200;
const CAMPAIGN_MODEL_LINES = 10;

/**
 * The yearly review's paragraph (sơ kết, tổng kết) of a unit: registrations against proposals and awards, as HTML;
 * undefined when there is none. The year's feature provides it (src/features/index.ts wires it in).
 */
export type YearReviewParagraph = (
  scope: UseCaseScope,
  caller: Caller,
  input: { readonly unitId: number; readonly part: YearReviewPart; readonly year: number; readonly locale: Locale },
) => Promise<string | undefined>;

/** /report, /target, /campaign and /model (and, beside them, /export and /chart). */
export function reportsFeature(services: BotServices, yearReview?: YearReviewParagraph): Feature {
  const { config } = services;
  const today = (ctx: CommandContext) => localDayOf(ctx.now, config.timeZone);
  const caller = (ctx: CommandContext) => ({ userId: ctx.from.id });

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
    const built = await reportOf(scopeOf(ctx, config), caller(ctx), {
      unitCode: request.unitCode,
      place: placeOf(ctx),
      period: request.period,
    });
    if (!built.ok) return ctx.reply(errorText(ctx.locale, built.error));
    const paragraph = writeReportParagraph(ctx.locale, paragraphOf(built.value));
    const rendered = renderReport(ctx.locale, built.value, paragraph);
    const review =
      request.review && yearReview
        ? await yearReview(scopeOf(ctx, config), caller(ctx), {
            unitId: built.value.unit.id,
            part: request.review,
            year: Number(request.period.range.from.slice(0, 4)),
            locale: ctx.locale,
          })
        : undefined;
    await ctx.reply(review ? `${rendered}\n\n${review}` : rendered);
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
    const set = await setUnitTarget(scopeOf(ctx, config), caller(ctx), {
      unitCode,
      place: placeOf(ctx),
      metric,
      kind,
      amount,
    });
    if (!set.ok) return ctx.reply(errorText(ctx.locale, set.error));
    const unit = set.value;
    const period = ctx.text(`target.kind.${kind}`);
    if (amount === 0)
      return ctx.replyText('target.cleared', { unit: unit.name, metric: metric.name[ctx.locale], period });
    await ctx.replyText('target.set', {
      unit: unit.name,
      metric: metric.name[ctx.locale],
      amount,
      countUnit: metric.countUnit[ctx.locale],
      period,
    });
  }

  async function campaign(ctx: CommandContext) {
    const { registered, units, models, tree } = await campaignOf(scopeOf(ctx, config));
    const modelLines = models
      .slice(-CAMPAIGN_MODEL_LINES)
      .map((model) => ctx.text('model.line', { unit: tree.byId(model.unitId)?.name ?? '', slogan: model.slogan }));
    await ctx.replyText('campaign.text', {
      registered,
      units,
      models: models.length,
      modelLines: new Html(modelLines.join('\n')),
    });
  }

  async function model(ctx: CommandContext) {
    const args = ctx.args.trim();
    const [verb = '', ...rest] = args.split(/\s+/);
    if (verb.toLowerCase() === 'list' || verb.toLowerCase() === 'ds' || args === '') {
      const { models, tree } = await modelsOf(scopeOf(ctx, config), placeOf(ctx));
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
    const slogan = rest
      .join(' ')
      .replace(/^["\u201c«]|["\u201d»]$/g, '')
      .trim();
    if ([...slogan].length < MIN_SLOGAN || [...slogan].length > MAX_SLOGAN)
      return ctx.replyText('model.badSlogan', { max: MAX_SLOGAN });
    const added = await addModel(scopeOf(ctx, config), caller(ctx), { place: placeOf(ctx), slogan });
    if (!added.ok) return ctx.reply(errorText(ctx.locale, added.error));
    await ctx.replyText('model.added', { unit: added.value.unit.name, slogan, count: added.value.count });
  }

  const threadOf = (ctx: CommandContext) => (ctx.message.is_topic_message ? ctx.message.message_thread_id : undefined);

  /**
   * Stores the request and answers at once, in the update's transaction; the export worker writes the files later,
   * outside any update (src/workers/export-worker.ts), and the acknowledgement, once sent, wakes it.
   */
  async function exportData(ctx: CommandContext) {
    // `/export roster` (`/xuat danhsach`): the roster's own export (issue 16).
    if (isRosterExport(ctx.args)) return exportRosterChat(ctx);
    const request = await requestOf(ctx);
    if (!request) return;
    const { range } = request.period;
    const requested = await exportOf(scopeOf(ctx, config), caller(ctx), {
      unitCode: request.unitCode,
      place: placeOf(ctx),
      range,
      deliverTo: { chatId: ctx.chat.id, threadId: threadOf(ctx), replyTo: ctx.message.message_id, locale: ctx.locale },
    });
    if (!requested.ok) return ctx.reply(errorText(ctx.locale, requested.error));
    const { unit, requestId } = requested.value;
    await ctx.reply(ctx.text('export.queued', { unit: unit.name, from: range.from, to: range.to }), {
      afterSent: { kind: EXPORT_REQUESTED_HOOK, id: requestId },
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
    const charted = await chartsOf(scopeOf(ctx, config), caller(ctx), {
      place: placeOf(ctx),
      metric: parsed.value.metric,
      range: parsed.value.period.range,
      locale: ctx.locale,
    });
    if (!charted.ok) return ctx.reply(errorText(ctx.locale, charted.error));
    const scope = charted.value;
    const { metric, ranking, trend } = scope;
    const caption = ctx.text('chart.caption', { metric: metric.name[ctx.locale], unit: scope.unit.name });
    const where = { replyTo: ctx.message.message_id, threadId: threadOf(ctx) };
    ctx.out.photo(ctx.chat.id, { render: chartPng(ranking.svg), caption }, where);
    ctx.out.photo(ctx.chat.id, { render: chartPng(trend.svg) }, where);
  }

  return { commands: { report, target, campaign, model, export: exportData, chart } };
}
