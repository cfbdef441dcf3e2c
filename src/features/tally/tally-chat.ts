import type { BotServices, CommandContext, EditContext, Feature } from '../../bot/context';
import { mentionOf, nameOf, profileOf } from '../../bot/people';
import { displayName, findMember } from '../../directory/member-store';
import { errorText } from '../../i18n/error-text';
import { Html } from '../../i18n/format';
import { lines, t } from '../../i18n/texts';
import type { IsoDay } from '../../kernel/day';
import type { Locale } from '../../kernel/locale';
import { firstRetired, type MetricCatalog } from '../../kernel/metric';
import { localDayOf, weekOf } from '../../kernel/period';
import type { Unit } from '../../kernel/units';
import { replyMessageOf, type StoredKeyboard, waitingInChat } from '../../outbox/outbox-store';
import type { Message } from '../../telegram/update-schema';
import { confirmModeOf } from '../weekly/weekly-store';
import { authorOf, otherPersonRepliedTo } from './entry-people';
import { parseLogArgs } from './parse-log';
import { recordTallies, replaceTallies, undoTallies } from './record-tallies';
import { entriesOfMessage, entriesOfUpdate, latestUpdateOf, type TallyEntry } from './tally-store';
import { parseUndoButtonData, pressUndo, undoButtonData } from './undo-button';

const UNDO_PREFIX = 'undo';
/** The acknowledgement when a group's budget is short: from Telegram's fixed list (✅ is not in it). */
const ACK_EMOJI = '✍';
const DAY_MS = 24 * 60 * 60 * 1000;

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

/** One /log's content, as parsed or as stored: compared to tell a real correction from an edit that changes nothing. */
const contentKey = (day: IsoDay, note: string | null, items: readonly { metricCode: string; amount: number }[]) =>
  JSON.stringify([day, note, items.map((item) => `${item.metricCode}=${item.amount}`).sort()]);

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
    return { html: html + by, what };
  }

  const undoKeyboard = (locale: Locale, updateId: number, boundTo?: number): StoredKeyboard => [
    [{ text: t(locale, 'log.undoButton'), callbackData: undoButtonData(UNDO_PREFIX, updateId, boundTo) }],
  ];

  async function log(ctx: CommandContext) {
    const unit = await unitOrExplain(ctx);
    if (!unit) return;
    const catalog = await ctx.directory.metrics();
    const mayBackdate = await ctx.directory.commands(ctx.from.id, unit.id);
    // Replying /log to someone's message logs for them: commanders and admins only.
    const subject = otherPersonRepliedTo(ctx.message);
    if (subject && !mayBackdate) return ctx.replyText('log.forOthersNotAllowed');
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
    const { day, note } = parsed.value;
    const items = parsed.value.items.map((item) => ({ metricCode: item.metric.code, amount: item.amount }));
    const person = subject ?? ctx.from;
    await ctx.directory.rememberMember(profileOf(ctx.from), unit.id, ctx.now);
    if (subject) await ctx.directory.rememberMember(profileOf(subject), unit.id, ctx.now);
    const { weekTotals } = await recordTallies(
      ctx.db,
      {
        updateId: ctx.updateId,
        chatId: ctx.chat.id,
        messageId: ctx.message.message_id,
        unitId: unit.id,
        userId: person.id,
        enteredBy: subject ? ctx.from.id : null,
        day,
        note: note ?? null,
        items,
      },
      ctx.now,
    );
    const { locale } = ctx;
    const { html, what } = confirmation(locale, {
      unit,
      catalog,
      items,
      day,
      note: note ?? null,
      name: nameOf(person),
      enteredBy: subject ? nameOf(ctx.from) : undefined,
      weekTotals,
    });
    const keyboard = undoKeyboard(locale, ctx.updateId);
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
      mergeLine: t(locale, 'log.mergedLine', { name: nameOf(person), what: new Html(what), day }),
    });
  }

  /**
   * An edited message. A /log's entries are replaced by the edited ones within the undo window (a new record: the
   * old entries are marked undone by the edit), and its confirmation edited to match; an edit that no longer parses
   * or comes too late changes nothing and says why. Edits of other messages are ignored, and an edit with the same
   * content as what is stored changes nothing and says nothing.
   */
  async function correct(ctx: EditContext) {
    const entries = await entriesOfMessage(ctx.db, ctx.chat.id, ctx.message.message_id);
    const first = entries[0];
    // Only a stored /log is corrected. A message that stored nothing (not a /log, or one that was refused) is
    // ignored whatever it is edited into: nothing tells a refused /log from a greeting edited into one.
    if (!first) return;
    // Telegram lets only the sender edit; a mismatch would be a forged update.
    if (authorOf(first) !== ctx.from.id) return;
    const standing = entries.filter((entry) => entry.undoneAt === null);
    if (standing.length === 0) return ctx.replyText('edit.undone');
    const unit = (await ctx.directory.units()).byId(first.unitId);
    if (!unit) return;
    const catalog = await ctx.directory.metrics();
    const mayBackdate = await ctx.directory.commands(ctx.from.id, unit.id);
    const parsed =
      ctx.command === 'log'
        ? parseLogArgs(ctx.args, {
            catalog,
            today: today(ctx.sentAt),
            backdateDays: mayBackdate ? config.commanderBackdateDays : config.backdateDays,
            commanderBackdateDays: config.commanderBackdateDays,
          })
        : undefined;
    const items = parsed?.ok
      ? parsed.value.items.map((item) => ({ metricCode: item.metric.code, amount: item.amount }))
      : [];
    const stored = standing[0]!;
    if (
      parsed?.ok &&
      contentKey(parsed.value.day, parsed.value.note ?? null, items) === contentKey(stored.day, stored.note, standing)
    ) {
      return;
    }
    if (ctx.now.getTime() - Date.parse(first.createdAt) > config.undoButtonMinutes * 60_000) {
      return ctx.replyText('edit.tooLate', { minutes: config.undoButtonMinutes });
    }
    if (!parsed) return ctx.replyText('edit.notLog');
    if (!parsed.ok) return ctx.replyText('edit.invalid', { reason: new Html(errorText(ctx.locale, parsed.error)) });
    const retired = firstRetired(parsed.value.items);
    if (retired) {
      const reason = t(ctx.locale, 'log.metricRetired', { metric: retired.code, name: retired.name[ctx.locale] });
      return ctx.replyText('edit.invalid', { reason: new Html(reason) });
    }
    const { day, note } = parsed.value;
    const outcome = await replaceTallies(
      ctx.db,
      {
        replacedIds: standing.map((entry) => entry.id),
        editedBy: ctx.from.id,
        batch: {
          updateId: first.updateId,
          chatId: first.chatId,
          messageId: first.messageId,
          unitId: first.unitId,
          userId: first.userId,
          enteredBy: first.enteredBy,
          day,
          note: note ?? null,
          items,
        },
      },
      ctx.now,
    );
    if (!outcome) return ctx.replyText('edit.undone');
    const { locale } = ctx;
    const person = first.enteredBy === null ? undefined : await findMember(ctx.db, first.userId);
    const { html } = confirmation(locale, {
      unit,
      catalog,
      items,
      day,
      note: note ?? null,
      name: person ? displayName(person) : nameOf(ctx.from),
      enteredBy: first.enteredBy === null ? undefined : nameOf(ctx.from),
      weekTotals: outcome.weekTotals,
    });
    const corrected = `${t(locale, 'log.editedHeading')}\n${html}`;
    if ((await confirmModeOf(ctx.db, ctx.chat.id)) === 'reaction') return;
    const sent = await replyMessageOf(ctx.db, { updateId: first.updateId, chatId: ctx.chat.id });
    // The confirmation is edited in place, its button still bound to it; one merged with others' (or not sent yet)
    // is left alone, and the correction answers the edited message instead, its button bound to this update.
    if (sent && !sent.merged) {
      ctx.out.edit(ctx.chat.id, sent.messageId, corrected, undoKeyboard(locale, first.updateId));
    } else {
      await ctx.reply(corrected, { keyboard: undoKeyboard(locale, first.updateId, ctx.updateId) });
    }
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
    const own = authorOf(first) === ctx.from.id && ctx.now.getTime() - Date.parse(first.createdAt) <= DAY_MS;
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
    if (authorOf(first) === ctx.from.id) await ctx.replyText('undo.done', { lines: rendered });
    else await ctx.replyText('undo.doneBy', { lines: rendered, by: mentionOf(ctx.from) });
  }

  return {
    commands: { log, undo },
    edits: correct,
    callbacks: {
      async [UNDO_PREFIX](ctx) {
        const undone = await pressUndo(ctx, parseUndoButtonData(UNDO_PREFIX, ctx.data), config.undoButtonMinutes);
        const message = ctx.query.message;
        if (!undone || !message) return;
        const rendered = lines(entryLines(ctx.locale, await ctx.directory.metrics(), undone));
        await ctx.answer();
        ctx.out.edit(message.chat.id, message.message_id, t(ctx.locale, 'undo.done', { lines: rendered }));
      },
    },
  };
}
