import type { CallbackContext } from '../../bot/context';
import type { Config } from '../../config';
import { t } from '../../i18n/texts';
import type { Locale } from '../../kernel/locale';
import type { MetricCatalog } from '../../kernel/metric';
import { err } from '../../kernel/result';
import { scopeOf } from '../use-case';
import { undoLog } from './tally-service';
import type { TallyEntry } from './tally-store';

/** Callback data of an undo button: `<prefix>:<the /log's update id>[:<the update whose message carries it>]`. */
export interface UndoButtonData {
  /** The /log update whose entries the button undoes. */
  readonly updateId: number;
  /** The update the button's message answered: the /log itself, or a later one (a history, a corrected entry). */
  readonly boundTo: number;
}

/** The data of an undo button under a message that answered `boundTo` (by default the /log itself). */
export const undoButtonData = (prefix: string, updateId: number, boundTo = updateId): string =>
  boundTo === updateId ? `${prefix}:${updateId}` : `${prefix}:${updateId}:${boundTo}`;

/** Reads undo button data of the prefix; undefined for anything else (tampered, truncated, another prefix). */
export function parseUndoButtonData(prefix: string, data: string): UndoButtonData | undefined {
  const match = /^([a-z]+):(\d{1,15})(?::(\d{1,15}))?$/.exec(data);
  if (!match || match[1] !== prefix) return undefined;
  const updateId = Number(match[2]);
  return { updateId, boundTo: match[3] === undefined ? updateId : Number(match[3]) };
}

/**
 * A press of an undo button (the dispatcher honours it only on the message it was sent with); the use case decides who may undo and until when. Answers every refusal itself; returns the
 * entries it undid, or undefined when it refused.
 */
export async function pressUndo(
  ctx: CallbackContext,
  button: UndoButtonData | undefined,
  config: Config,
): Promise<readonly TallyEntry[] | undefined> {
  const undone = button
    ? await undoLog(
        scopeOf(ctx, config),
        { userId: ctx.from.id },
        { target: { kind: 'log', updateId: button.updateId }, via: 'button' },
      )
    : err({ kind: 'undo.notFound' as const });
  if (undone.ok) return undone.value.entries;
  await ctx.answer(t(ctx.locale, undone.error.kind), true);
  return undefined;
}

/** The lines of undone entries: one per metric, with its amount. */
export function entryLines(locale: Locale, catalog: MetricCatalog, entries: readonly TallyEntry[]): string[] {
  return entries.map((entry) => {
    const metric = catalog.all.find((m) => m.code === entry.metricCode);
    return t(locale, 'log.line', {
      metric: metric?.name[locale] ?? entry.metricCode,
      amount: entry.amount,
      countUnit: metric?.countUnit[locale] ?? '',
    });
  });
}
