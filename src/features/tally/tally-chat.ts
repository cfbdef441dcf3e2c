import type { BotServices, CommandContext, EditContext, Feature } from '../../bot/context';
import { mentionOf, nameOf, profileOf } from '../../bot/people';
import { errorText } from '../../i18n/error-text';
import { Html } from '../../i18n/format';
import { lines, t } from '../../i18n/texts';
import type { IsoDay } from '../../kernel/day';
import type { Locale } from '../../kernel/locale';
import type { MetricCatalog } from '../../kernel/metric';
import type { ParseError } from '../../kernel/parsing/parse-error';
import { localDayOf, weekOf } from '../../kernel/period';
import type { Unit } from '../../kernel/units';
import { replyMessageOf, type StoredKeyboard } from '../../outbox/outbox-store';
import type { Message } from '../../telegram/update-schema';
import { confirmModeOf } from '../settings';
import { scopeOf } from '../use-case';
import { parseLogArgs } from './parse-log';
import { otherPersonRepliedTo } from './replied-person';
import {
  type CorrectRefusal,
  correctLog,
  type EditedText,
  type LogRefusal,
  logTallies,
  type UndoTarget,
  undoLog,
} from './tally-service';
import { entryLines, parseUndoButtonData, pressUndo, undoButtonData } from './undo-button';

const UNDO_PREFIX = 'undo';
/** The acknowledgement when a group's budget is short: from Telegram's fixed list (✅ is not in it). */
const ACK_EMOJI = '✍';

/** The /log update a bot message's undo button undoes (a reply to a confirmation names its /log this way). */
function undoTargetOf(message: Message, botId: number): number | undefined {
  if (message.from?.id !== botId) return undefined;
  for (const row of message.reply_markup?.inline_keyboard ?? []) {
    for (const button of row) {
      const data = parseUndoButtonData(UNDO_PREFIX, button.callback_data ?? '');
      if (data) return data.updateId;
    }
  }
  return undefined;
}

/** What a confirmation says: who it counts for, who entered it (when someone else), what, which day, the week. */
interface ConfirmationContent {
  readonly unit: Unit;
  readonly catalog: MetricCatalog;
  readonly items: readonly { metricCode: string; amount: number }[];
  readonly day: IsoDay;
  readonly note: string | null;
  /** The person the entry counts for. */
  readonly name: string;
  /** Who typed it, when not that person. */
  readonly enteredBy?: string;
  readonly weekTotals: ReadonlyMap<string, number>;
  /** The person's unit on the roster, when it is not the group's. */
  readonly rosterUnit?: { readonly name: string };
}

/** /log (also by a commander for someone else, and corrected by editing the message), /undo and its button. */
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

  function confirmation(locale: Locale, content: ConfirmationContent): { html: string; what: string } {
    const { catalog, day } = content;
    const week = weekOf(day);
    const what = pairs(locale, catalog, new Map(content.items.map((item) => [item.metricCode, item.amount])));
    const html = t(locale, 'log.confirmation', {
      name: content.name,
      what: new Html(what),
      day,
      note: content.note ?? '',
      unit: content.unit.name,
      weekFrom: week.from,
      weekTo: week.to,
      week: new Html(pairs(locale, catalog, content.weekTotals)),
    });
    const by = content.enteredBy === undefined ? '' : `\n${t(locale, 'log.enteredBy', { by: content.enteredBy })}`;
    const elsewhere = content.rosterUnit
      ? `\n${t(locale, 'log.otherUnit', { unit: content.unit.name, own: content.rosterUnit.name })}`
      : '';
    return { html: html + by + elsewhere, what };
  }

  const undoKeyboard = (locale: Locale, updateId: number, boundTo?: number): StoredKeyboard => [
    [{ text: t(locale, 'log.undoButton'), callbackData: undoButtonData(UNDO_PREFIX, updateId, boundTo) }],
  ];

  /** A refusal of /log or of a correction, in the chat's words. */
  const refusalText = (locale: Locale, refusal: ParseError | LogRefusal | CorrectRefusal): string => {
    if (refusal.kind === 'edit.invalid')
      return t(locale, 'edit.invalid', { reason: new Html(refusalText(locale, refusal.reason)) });
    if (refusal.kind === 'log.metricRetired')
      return t(locale, 'log.metricRetired', { metric: refusal.metric.code, name: refusal.metric.name[locale] });
    return errorText(locale, refusal);
  };

  async function log(ctx: CommandContext) {
    const unit = await unitOrExplain(ctx);
    if (!unit) return;
    const parsed = parseLogArgs(ctx.args, {
      catalog: await ctx.directory.metrics(),
      // The day the message was sent, not the day it is handled: a backlog must not move Sunday's work into Monday.
      today: today(ctx.sentAt),
    });
    if (!parsed.ok) return ctx.replyError(parsed.error);
    // Replying /log to someone's message logs for them: commanders and admins only.
    const subject = otherPersonRepliedTo(ctx.message);
    const logged = await logTallies(
      scopeOf(ctx, config),
      { userId: ctx.from.id },
      {
        unit,
        forUserId: subject?.id,
        command: parsed.value,
        sentAt: ctx.sentAt,
        source: { updateId: ctx.updateId, chatId: ctx.chat.id, messageId: ctx.message.message_id },
      },
    );
    if (!logged.ok) return ctx.reply(refusalText(ctx.locale, logged.error));
    const { items, day, note, weekTotals, rosterUnit } = logged.value;
    const person = subject ?? ctx.from;
    await ctx.directory.rememberMember(profileOf(ctx.from), unit.id, ctx.now);
    if (subject) await ctx.directory.rememberMember(profileOf(subject), unit.id, ctx.now);
    const { locale } = ctx;
    const { html, what } = confirmation(locale, {
      unit,
      catalog: await ctx.directory.metrics(),
      items,
      day,
      note,
      name: nameOf(person),
      enteredBy: subject ? nameOf(ctx.from) : undefined,
      weekTotals,
      rosterUnit,
    });
    const keyboard = undoKeyboard(locale, ctx.updateId);
    const threadId = ctx.message.is_topic_message ? ctx.message.message_thread_id : undefined;
    const mode = confirmModeOf(ctx.settings);
    if (mode === 'reply') return ctx.reply(html, { keyboard });
    // A reaction acknowledges at once and spends none of the group's 20 messages a minute: always in reaction mode;
    // in auto mode when the budget is short, i.e. with this confirmation more messages waiting than the group's
    // free slots (counted by the statement writing the replies, which does not count its own rows).
    if (mode === 'reaction') return ctx.out.react(ctx.chat.id, ctx.message.message_id, ACK_EMOJI);
    ctx.out.confirm(ctx.chat.id, ctx.message.message_id, threadId, {
      html,
      keyboard,
      mergeHeading: t(locale, 'log.mergedHeading'),
      mergeLine: t(locale, 'log.mergedLine', { name: nameOf(person), what: new Html(what), day }),
    });
    ctx.out.react(ctx.chat.id, ctx.message.message_id, ACK_EMOJI, { whenWaiting: services.freeSlots(ctx.chat.id) });
  }

  /** What an edited message now says, parsed as /log would read it. */
  async function editedText(ctx: EditContext): Promise<EditedText> {
    if (ctx.command !== 'log') return { kind: 'notLog' };
    const parsed = parseLogArgs(ctx.args, { catalog: await ctx.directory.metrics(), today: today(ctx.sentAt) });
    return parsed.ok ? { kind: 'log', command: parsed.value } : { kind: 'invalid', error: parsed.error };
  }

  /**
   * An edited message: the use case decides what a /log's edit changes; its confirmation is edited to match, or,
   * when that one was merged with others' (or not sent yet), the correction answers the edited message.
   */
  async function correct(ctx: EditContext) {
    const corrected = await correctLog(
      scopeOf(ctx, config),
      { userId: ctx.from.id },
      { chatId: ctx.chat.id, messageId: ctx.message.message_id, sentAt: ctx.sentAt, edited: await editedText(ctx) },
    );
    if (!corrected.ok) return ctx.reply(refusalText(ctx.locale, corrected.error));
    if (corrected.value.kind !== 'corrected') return;
    const { unit, original, personName, logged } = corrected.value;
    const { locale } = ctx;
    const { html } = confirmation(locale, {
      unit,
      catalog: await ctx.directory.metrics(),
      ...logged,
      name: personName ?? nameOf(ctx.from),
      enteredBy: original.enteredBy === null ? undefined : nameOf(ctx.from),
    });
    const text = `${t(locale, 'log.editedHeading')}\n${html}`;
    if (confirmModeOf(ctx.settings) === 'reaction') return;
    const sent = await replyMessageOf(ctx.db, { updateId: original.updateId, chatId: ctx.chat.id });
    // The confirmation is edited in place, its button still bound to it; one merged with others' (or not sent yet)
    // is left alone, and the correction answers the edited message instead, its button bound to this update.
    if (sent && !sent.merged) {
      ctx.out.edit(ctx.chat.id, sent.messageId, text, undoKeyboard(locale, original.updateId));
    } else {
      await ctx.reply(text, { keyboard: undoKeyboard(locale, original.updateId, ctx.updateId) });
    }
  }

  async function undo(ctx: CommandContext) {
    const unit = await unitOrExplain(ctx);
    if (!unit) return;
    const replied = ctx.message.reply_to_message;
    const updateId = replied && undoTargetOf(replied, services.botId());
    const target: UndoTarget = !replied
      ? { kind: 'latest' }
      : updateId !== undefined
        ? { kind: 'log', updateId }
        : { kind: 'message', chatId: ctx.chat.id, messageId: replied.message_id };
    const undone = await undoLog(scopeOf(ctx, config), { userId: ctx.from.id }, { target, via: 'command' });
    if (!undone.ok) return ctx.replyText(undone.error.kind);
    const rendered = lines(entryLines(ctx.locale, await ctx.directory.metrics(), undone.value.entries));
    if (undone.value.byAuthor) await ctx.replyText('undo.done', { lines: rendered });
    else await ctx.replyText('undo.doneBy', { lines: rendered, by: mentionOf(ctx.from) });
  }

  return {
    commands: { log, undo },
    edits: correct,
    callbacks: {
      async [UNDO_PREFIX](ctx) {
        const undone = await pressUndo(ctx, parseUndoButtonData(UNDO_PREFIX, ctx.data), config);
        const message = ctx.query.message;
        if (!undone || !message) return;
        const rendered = lines(entryLines(ctx.locale, await ctx.directory.metrics(), undone));
        await ctx.answer();
        ctx.out.edit(message.chat.id, message.message_id, t(ctx.locale, 'undo.done', { lines: rendered }));
      },
    },
  };
}
