import type { BotServices, CommandContext, Feature } from '../../bot/context';
import { nameOf } from '../../bot/people';
import type { Directory } from '../../directory/directory';
import { displayName, findMember } from '../../directory/member-store';
import { Html } from '../../i18n/format';
import { lines, t } from '../../i18n/texts';
import type { DayRange } from '../../kernel/day';
import type { Locale } from '../../kernel/locale';
import type { MetricCatalog } from '../../kernel/metric';
import { addDays, localDayOf, weekOf } from '../../kernel/period';
import type { StoredKeyboard } from '../../outbox/outbox-store';
import type { User } from '../../telegram/update-schema';
import { authorOf, otherPersonRepliedTo } from './entry-people';
import { entriesOfUpdate, standingEntriesOf, type TallyEntry } from './tally-store';
import { parseUndoButtonData, pressUndo, undoButtonData } from './undo-button';

/** History's undo buttons: `hist:<the /log's update id>:<the /history update>`, bound to the history message. */
const HISTORY_UNDO_PREFIX = 'hist';
/** /log messages listed at most; the rest are counted ("… and 12 more"), so the list fits one message. */
const MAX_LOGS = 40;
/** Entries read at most (a /log holds a few): far more than two weeks of anyone's work. */
const MAX_ENTRIES = 1000;
/** A note is shown shortened in the list; the confirmation showed it whole. */
const NOTE_CHARS = 60;

/** What a history shows and who looks at it. */
interface HistoryRequest {
  readonly db: CommandContext['db'];
  readonly directory: Directory;
  readonly locale: Locale;
  /** The person whose entries are listed, and their name. */
  readonly subject: { readonly id: number; readonly name: string };
  /** Who asked: a commander seeing an officer's history sees only the entries of units they command. */
  readonly viewerId: number;
  readonly now: Date;
  /** The /history update: its message carries the undo buttons. */
  readonly boundTo: number;
}

/** The weeks a history covers: this week and last, the latest first. */
function weeksOf(day: string): DayRange[] {
  const thisWeek = weekOf(day);
  return [thisWeek, weekOf(addDays(thisWeek.from, -1))];
}

/** /history (/lichsu): the caller's entries this week and last; a commander's reply shows an officer's. */
export function historyFeature(services: BotServices): Feature {
  const { config } = services;

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

  async function render(request: HistoryRequest): Promise<{ html: string; keyboard: StoredKeyboard }> {
    const { db, directory, locale, subject, viewerId, now } = request;
    const catalog = await directory.metrics();
    const weeks = weeksOf(localDayOf(now, config.timeZone));
    const range = { from: weeks[1]!.from, to: weeks[0]!.to };
    const mayView = new Map<number, boolean>();
    const visible: TallyEntry[] = [];
    for (const entry of await standingEntriesOf(db, { userId: subject.id, range, limit: MAX_ENTRIES })) {
      if (viewerId !== subject.id) {
        if (!mayView.has(entry.unitId)) mayView.set(entry.unitId, await directory.commands(viewerId, entry.unitId));
        if (!mayView.get(entry.unitId)) continue;
      }
      visible.push(entry);
    }
    // One line per /log message, in the order read: the latest day first.
    const logs = new Map<number, TallyEntry[]>();
    for (const entry of visible) logs.set(entry.updateId, [...(logs.get(entry.updateId) ?? []), entry]);
    const order = (code: string) => catalog.all.findIndex((m) => m.code === code);
    // Each /log's pairs in catalog order, as its confirmation showed them.
    const shown = [...logs.values()]
      .slice(0, MAX_LOGS)
      .map((entries) => [...entries].sort((a, b) => order(a.metricCode) - order(b.metricCode)));
    const names = new Map<number, string>();
    const nameOfId = async (userId: number) => {
      if (!names.has(userId)) {
        const member = await findMember(db, userId);
        names.set(userId, member ? displayName(member) : String(userId));
      }
      return names.get(userId)!;
    };
    const sections: string[] = [];
    for (const week of weeks) {
      sections.push('', t(locale, 'history.week', { from: week.from, to: week.to }));
      const inWeek = shown.filter((entries) => entries[0]!.day >= week.from && entries[0]!.day <= week.to);
      if (inWeek.length === 0) sections.push(t(locale, 'history.none'));
      for (const entries of inWeek) {
        const first = entries[0]!;
        const note = first.note ?? '';
        sections.push(
          t(locale, 'history.line', {
            day: first.day,
            what: new Html(pairs(locale, catalog, entries)),
            note: [...note].length > NOTE_CHARS ? `${[...note].slice(0, NOTE_CHARS - 1).join('')}…` : note,
            by: first.enteredBy === null ? '' : await nameOfId(first.enteredBy),
          }),
        );
      }
    }
    if (logs.size > shown.length) sections.push(t(locale, 'list.more', { count: logs.size - shown.length }));

    // Undo buttons for the viewer's own /logs still in their undo window, which runs from the /log itself.
    const keyboard: { text: string; callbackData: string }[][] = [];
    const windowMs = config.undoButtonMinutes * 60_000;
    for (const entries of shown) {
      const first = entries[0]!;
      if (authorOf(first) !== viewerId || now.getTime() - Date.parse(first.createdAt) > windowMs) continue;
      const original = (await entriesOfUpdate(db, first.updateId))[0];
      if (!original || now.getTime() - Date.parse(original.createdAt) > windowMs) continue;
      keyboard.push([
        {
          text: t(locale, 'history.undoButton', {
            day: first.day,
            what: entries.map((entry) => `${entry.metricCode} ${entry.amount}`).join(', '),
          }),
          callbackData: undoButtonData(HISTORY_UNDO_PREFIX, first.updateId, request.boundTo),
        },
      ]);
    }
    const html = [t(locale, 'history.header', { name: subject.name }), ...sections, '', t(locale, 'history.footer')];
    return { html: html.join('\n'), keyboard };
  }

  async function history(ctx: CommandContext) {
    const other = otherPersonRepliedTo(ctx.message);
    let subject: User = ctx.from;
    if (other) {
      const unitId = ctx.settings?.unitId;
      const allowed = unitId
        ? await ctx.directory.commands(ctx.from.id, unitId)
        : (await ctx.directory.authority(ctx.from.id)).admin;
      if (!allowed) return ctx.replyText('history.notAllowed');
      subject = other;
    }
    const { html, keyboard } = await render({
      db: ctx.db,
      directory: ctx.directory,
      locale: ctx.locale,
      subject: { id: subject.id, name: nameOf(subject) },
      viewerId: ctx.from.id,
      now: ctx.now,
      boundTo: ctx.updateId,
    });
    await ctx.reply(html, keyboard.length > 0 ? { keyboard } : {});
  }

  return {
    commands: { history },
    callbacks: {
      async [HISTORY_UNDO_PREFIX](ctx) {
        const button = parseUndoButtonData(HISTORY_UNDO_PREFIX, ctx.data);
        const undone = await pressUndo(ctx, button, config.undoButtonMinutes);
        const message = ctx.query.message;
        if (!undone || !message || !button) return;
        const catalog = await ctx.directory.metrics();
        const done = t(ctx.locale, 'undo.done', {
          lines: lines(
            undone.map((entry) => {
              const metric = catalog.all.find((m) => m.code === entry.metricCode);
              return t(ctx.locale, 'log.line', {
                metric: metric?.name[ctx.locale] ?? entry.metricCode,
                amount: entry.amount,
                countUnit: metric?.countUnit[ctx.locale] ?? '',
              });
            }),
          ),
        });
        // The history is shown again without the undone /log, its buttons still bound to the same message.
        const { html, keyboard } = await render({
          db: ctx.db,
          directory: ctx.directory,
          locale: ctx.locale,
          subject: { id: ctx.from.id, name: nameOf(ctx.from) },
          viewerId: ctx.from.id,
          now: ctx.now,
          boundTo: button.boundTo,
        });
        await ctx.answer();
        ctx.out.edit(message.chat.id, message.message_id, `${done}\n\n${html}`, keyboard);
      },
    },
  };
}
