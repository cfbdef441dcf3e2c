import type { CallbackContext } from '../../bot/context';
import { t } from '../../i18n/texts';
import { authorOf } from './entry-people';
import { entriesOfUpdate, markUndone, type TallyEntry } from './tally-store';

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
 * A press of an undo button (the dispatcher honours it only on the message it was sent with), by the person who
 * typed the /log, within `windowMinutes` of it. Answers every refusal itself; returns the entries it undid, or
 * undefined when it refused.
 */
export async function pressUndo(
  ctx: CallbackContext,
  button: UndoButtonData | undefined,
  windowMinutes: number,
): Promise<TallyEntry[] | undefined> {
  const entries = button ? await entriesOfUpdate(ctx.db, button.updateId) : [];
  const first = entries[0];
  const refuse = async (key: 'undo.notFound' | 'undo.notAuthor' | 'undo.buttonExpired' | 'undo.alreadyUndone') => {
    await ctx.answer(t(ctx.locale, key), true);
    return undefined;
  };
  if (!first) return refuse('undo.notFound');
  if (authorOf(first) !== ctx.from.id) return refuse('undo.notAuthor');
  // The window runs from the /log itself: correcting it by an edit does not extend it.
  if (ctx.now.getTime() - Date.parse(first.createdAt) > windowMinutes * 60_000) return refuse('undo.buttonExpired');
  const undone = await markUndone(
    ctx.db,
    entries.filter((entry) => entry.undoneAt === null).map((entry) => entry.id),
    ctx.from.id,
    ctx.now,
  );
  if (undone.length === 0) return refuse('undo.alreadyUndone');
  return entries.filter((entry) => undone.includes(entry.id));
}
