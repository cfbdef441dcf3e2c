import { parseLogArgs } from '../../commands/parse-log';
import { isReplyMessage, waitingInChat } from '../../db/outbox-store';
import { entriesOfMessage, entriesOfUpdate, latestUpdateOf, markUndone, type TallyEntry } from '../../db/tally-store';
import { confirmModeOf } from '../../db/weekly-store';
import type { Locale } from '../../domain/locale';
import { firstRetired, type MetricCatalog } from '../../domain/metric';
import { localDayOf, weekOf } from '../../domain/period';
import { recordTallies, undoTallies } from '../../services/record-tallies';
import { Html } from '../../texts/format';
import { lines, t } from '../../texts/texts';
import type { BotServices, CommandContext, Feature } from '../context';
import { mentionOf, nameOf, profileOf } from '../people';
import type { Message } from '../update-schema';

const UNDO_PREFIX = 'undo';
/** The acknowledgement when a group's budget is short: from Telegram's fixed list (✅ is not in it). */
const ACK_EMOJI = '✍';
const DAY_MS = 24 * 60 * 60 * 1000;

/** The confirmation's undo button carries the update id of the /log it undoes. */
export const undoCallbackData = (updateId: number): string => `${UNDO_PREFIX}:${updateId}`;

function undoTargetOf(message: Message, botId: number): number | undefined {
  if (message.from?.id !== botId) return undefined;
  for (const row of message.reply_markup?.inline_keyboard ?? []) {
    for (const button of row) {
      const match = /^undo:(\d+)$/.exec(button.callback_data ?? '');
      if (match) return Number(match[1]);
    }
  }
  return undefined;
}

function entryLines(locale: Locale, catalog: MetricCatalog, entries: readonly TallyEntry[]): string[] {
  return entries.map((entry) => {
    const metric = catalog.all.find((m) => m.code === entry.metricCode);
    return t(locale, 'log.line', {
      metric: metric?.name[locale] ?? entry.metricCode,
      amount: entry.amount,
      countUnit: metric?.countUnit[locale] ?? '',
    });
  });
}

/** /log and /undo (and its button). */
export function tallyFeature(services: BotServices): Feature {
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

  /** One line per logged metric, joined: "Cấp mới CCCD 120 thẻ; Đăng ký ô tô 5 xe". */
  function pairs(locale: Locale, catalog: MetricCatalog, totals: ReadonlyMap<string, number>): string {
    return catalog.all
      .filter((metric) => totals.has(metric.code))
      .map((metric) =>
        t(locale, 'log.pair', {
          metric: metric.name[locale],
          amount: totals.get(metric.code) ?? 0,
          countUnit: metric.countUnit[locale],
        }),
      )
      .join('; ');
  }

  async function log(ctx: CommandContext) {
    const unit = await unitOrExplain(ctx);
    if (!unit) return;
    const catalog = await ctx.directory.metrics();
    const mayBackdate = await ctx.directory.commands(ctx.from.id, unit.id);
    const parsed = parseLogArgs(ctx.args, {
      catalog,
      // The day the message was sent, not the day it is handled: a backlog must not move Sunday's work into Monday.
      today: today(ctx.sentAt),
      backdateDays: mayBackdate ? config.commanderBackdateDays : config.backdateDays,
      commanderBackdateDays: config.commanderBackdateDays,
    });
    if (!parsed.ok) return ctx.replyError(parsed.error);
    const retired = firstRetired(parsed.value.items);
    if (retired) return ctx.replyText('log.metricRetired', { metric: retired.code, name: retired.name[ctx.locale] });
    const { items, day, note } = parsed.value;
    await ctx.directory.rememberMember(profileOf(ctx.from), unit.id, ctx.now);
    const { weekTotals } = await recordTallies(
      ctx.db,
      {
        updateId: ctx.updateId,
        chatId: ctx.chat.id,
        messageId: ctx.message.message_id,
        unitId: unit.id,
        userId: ctx.from.id,
        day,
        note: note ?? null,
        items: items.map((item) => ({ metricCode: item.metric.code, amount: item.amount })),
      },
      ctx.now,
    );
    const week = weekOf(day);
    const { locale } = ctx;
    const what = pairs(locale, catalog, new Map(items.map((item) => [item.metric.code, item.amount])));
    const html = t(locale, 'log.confirmation', {
      name: nameOf(ctx.from),
      what: new Html(what),
      day,
      note: note ?? '',
      unit: unit.name,
      weekFrom: week.from,
      weekTo: week.to,
      week: new Html(pairs(locale, catalog, weekTotals)),
    });
    const keyboard = [[{ text: t(locale, 'log.undoButton'), callbackData: undoCallbackData(ctx.updateId) }]];
    const threadId = ctx.message.is_topic_message ? ctx.message.message_thread_id : undefined;
    const mode = await confirmModeOf(ctx.db, ctx.chat.id);
    if (mode === 'reply') return ctx.reply(html, { keyboard });
    // A reaction acknowledges at once and spends none of the group's 20 messages a minute.
    const budgetShort =
      mode === 'reaction' || (await waitingInChat(ctx.db, ctx.chat.id)) + 1 > services.freeSlots(ctx.chat.id);
    if (budgetShort) ctx.out.react(ctx.chat.id, ctx.message.message_id, ACK_EMOJI);
    if (mode === 'reaction') return;
    ctx.out.confirm(ctx.chat.id, ctx.message.message_id, threadId, {
      html,
      keyboard,
      mergeHeading: t(locale, 'log.mergedHeading'),
      mergeLine: t(locale, 'log.mergedLine', { name: nameOf(ctx.from), what: new Html(what), day }),
    });
  }

  async function undo(ctx: CommandContext) {
    const unit = await unitOrExplain(ctx);
    if (!unit) return;
    const target = ctx.message.reply_to_message;
    let entries: TallyEntry[];
    if (target) {
      const updateId = undoTargetOf(target, services.botId());
      entries =
        updateId !== undefined
          ? await entriesOfUpdate(ctx.db, updateId)
          : await entriesOfMessage(ctx.db, ctx.chat.id, target.message_id);
      if (entries.length === 0) return ctx.replyText('undo.notFound');
    } else {
      const latest = await latestUpdateOf(ctx.db, ctx.from.id, new Date(ctx.now.getTime() - DAY_MS));
      if (latest === undefined) return ctx.replyText('undo.nothing');
      entries = await entriesOfUpdate(ctx.db, latest);
    }
    const first = entries[0]!;
    const own = first.userId === ctx.from.id && ctx.now.getTime() - Date.parse(first.createdAt) <= DAY_MS;
    if (!own && !(await ctx.directory.commands(ctx.from.id, first.unitId))) return ctx.replyText('undo.notAllowed');
    const standing = entries.filter((entry) => entry.undoneAt === null);
    if (standing.length === 0) return ctx.replyText('undo.alreadyUndone');
    const undone = await undoTallies(
      ctx.db,
      { entryIds: standing.map((entry) => entry.id), undoneBy: ctx.from.id },
      ctx.now,
    );
    if (undone.length === 0) return ctx.replyText('undo.alreadyUndone');
    const rendered = lines(
      entryLines(
        ctx.locale,
        await ctx.directory.metrics(),
        standing.filter((e) => undone.includes(e.id)),
      ),
    );
    if (first.userId === ctx.from.id) await ctx.replyText('undo.done', { lines: rendered });
    else await ctx.replyText('undo.doneBy', { lines: rendered, by: mentionOf(ctx.from) });
  }

  return {
    commands: { log, undo },
    callbacks: {
      async [UNDO_PREFIX](ctx) {
        const updateId = Number(/^undo:(\d{1,15})$/.exec(ctx.data)?.[1] ?? Number.NaN);
        const message = ctx.query.message;
        // Honoured only under the confirmation it was sent with: crafted data under another message changes nothing.
        const onItsMessage =
          !Number.isNaN(updateId) &&
          message !== undefined &&
          (await isReplyMessage(ctx.db, { updateId, chatId: message.chat.id, messageId: message.message_id }));
        const entries = onItsMessage ? await entriesOfUpdate(ctx.db, updateId) : [];
        const first = entries[0];
        if (!message || !first) return ctx.answer(t(ctx.locale, 'undo.notFound'), true);
        if (first.userId !== ctx.from.id) return ctx.answer(t(ctx.locale, 'undo.notAuthor'), true);
        if (ctx.now.getTime() - Date.parse(first.createdAt) > config.undoButtonMinutes * 60_000) {
          return ctx.answer(t(ctx.locale, 'undo.buttonExpired'), true);
        }
        const undone = await markUndone(
          ctx.db,
          entries.filter((entry) => entry.undoneAt === null).map((entry) => entry.id),
          ctx.from.id,
          ctx.now,
        );
        if (undone.length === 0) return ctx.answer(t(ctx.locale, 'undo.alreadyUndone'), true);
        const rendered = lines(
          entryLines(
            ctx.locale,
            await ctx.directory.metrics(),
            entries.filter((e) => undone.includes(e.id)),
          ),
        );
        await ctx.answer();
        ctx.out.edit(message.chat.id, message.message_id, t(ctx.locale, 'undo.done', { lines: rendered }));
      },
    },
  };
}
