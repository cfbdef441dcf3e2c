import type { BotServices, CallbackContext, CommandContext, Feature } from '../../bot/context';
import { nameOf } from '../../bot/people';
import { Html } from '../../i18n/format';
import { lines, t } from '../../i18n/texts';
import type { Locale } from '../../kernel/locale';
import type { MetricCatalog } from '../../kernel/metric';
import type { StoredKeyboard } from '../../outbox/outbox-store';
import { scopeOf } from '../use-case';
import { otherPersonRepliedTo } from './replied-person';
import { type History, historyOf } from './tally-service';
import type { TallyEntry } from './tally-store';
import { entryLines, parseUndoButtonData, pressUndo, undoButtonData } from './undo-button';

/** History's undo buttons: `hist:<the /log's update id>:<the /history update>`, bound to the history message. */
const HISTORY_UNDO_PREFIX = 'hist';
/** A note is shown shortened in the list; the confirmation showed it whole. */
const NOTE_CHARS = 60;

function pairs(locale: Locale, catalog: MetricCatalog, entries: readonly TallyEntry[]): string {
  return entries
    .map((entry) => {
      const metric = catalog.all.find((m) => m.code === entry.metricCode);
      return t(locale, 'log.pair', {
        metric: metric?.name[locale] ?? entry.metricCode,
        amount: entry.amount,
        countUnit: metric?.countUnit[locale] ?? '',
      });
    })
    .join('; ');
}

/** The history's text, and an undo button per /log of the viewer's still in its window, bound to `boundTo`. */
function render(
  locale: Locale,
  catalog: MetricCatalog,
  request: { history: History; subjectName: string; boundTo: number },
): { html: string; keyboard: StoredKeyboard } {
  const { history } = request;
  const sections: string[] = [];
  for (const week of history.weeks) {
    sections.push('', t(locale, 'history.week', { from: week.from, to: week.to }));
    const inWeek = history.logs.filter((entries) => entries[0]!.day >= week.from && entries[0]!.day <= week.to);
    if (inWeek.length === 0) sections.push(t(locale, 'history.none'));
    for (const entries of inWeek) {
      const first = entries[0]!;
      const note = first.note ?? '';
      sections.push(
        t(locale, 'history.line', {
          day: first.day,
          what: new Html(pairs(locale, catalog, entries)),
          note: [...note].length > NOTE_CHARS ? `${[...note].slice(0, NOTE_CHARS - 1).join('')}…` : note,
          by: first.enteredBy === null ? '' : (history.enteredBy.get(first.enteredBy) ?? ''),
        }),
      );
    }
  }
  if (history.more > 0) sections.push(t(locale, 'list.more', { count: history.more }));
  const keyboard = history.undoable.map((entries) => [
    {
      text: t(locale, 'history.undoButton', {
        day: entries[0]!.day,
        what: entries.map((entry) => `${entry.metricCode} ${entry.amount}`).join(', '),
      }),
      callbackData: undoButtonData(HISTORY_UNDO_PREFIX, entries[0]!.updateId, request.boundTo),
    },
  ]);
  const html = [
    t(locale, 'history.header', { name: request.subjectName }),
    ...sections,
    '',
    t(locale, 'history.footer'),
  ];
  return { html: html.join('\n'), keyboard };
}

/** /history (/lichsu): the caller's entries this week and last; a commander's reply shows an officer's. */
export function historyFeature(services: BotServices): Feature {
  const { config } = services;

  async function history(ctx: CommandContext) {
    const subject = otherPersonRepliedTo(ctx.message) ?? ctx.from;
    const shown = await historyOf(
      scopeOf(ctx, config),
      { userId: ctx.from.id },
      { subjectId: subject.id, groupUnitId: ctx.settings?.unitId ?? undefined },
    );
    if (!shown.ok) return ctx.replyText(shown.error.kind);
    const { html, keyboard } = render(ctx.locale, await ctx.directory.metrics(), {
      history: shown.value,
      subjectName: nameOf(subject),
      boundTo: ctx.updateId,
    });
    await ctx.reply(html, keyboard.length > 0 ? { keyboard } : {});
  }

  /** A history's undo button: the /log is undone and the history shown again, its buttons bound as before. */
  async function pressHistoryUndo(ctx: CallbackContext) {
    const button = parseUndoButtonData(HISTORY_UNDO_PREFIX, ctx.data);
    const undone = await pressUndo(ctx, button, config);
    const message = ctx.query.message;
    if (!undone || !message || !button) return;
    const catalog = await ctx.directory.metrics();
    const done = t(ctx.locale, 'undo.done', { lines: lines(entryLines(ctx.locale, catalog, undone)) });
    const shown = await historyOf(
      scopeOf(ctx, config),
      { userId: ctx.from.id },
      {
        subjectId: ctx.from.id,
        groupUnitId: undefined,
      },
    );
    if (!shown.ok) return;
    const { html, keyboard } = render(ctx.locale, catalog, {
      history: shown.value,
      subjectName: nameOf(ctx.from),
      boundTo: button.boundTo,
    });
    await ctx.answer();
    ctx.out.edit(message.chat.id, message.message_id, `${done}\n\n${html}`, keyboard);
  }

  return { commands: { history }, callbacks: { [HISTORY_UNDO_PREFIX]: pressHistoryUndo } };
}
