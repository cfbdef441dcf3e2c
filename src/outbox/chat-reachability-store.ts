import { sql } from 'kysely';
import type { Db } from '../storage/schema';

/**
 * Records that Telegram refused to deliver to a chat (bot blocked or removed, chat gone), keeping the first time
 * it was seen; creates the chat's row when the bot never stored it (a commander's private chat, say).
 */
export async function markChatUnreachable(db: Db, chatId: number, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('chats')
    .values({
      chat_id: chatId,
      type: chatId > 0 ? 'private' : 'group',
      title: null,
      unit_id: null,
      locale: null,
      created_at: at,
      updated_at: at,
      unreachable_at: at,
    })
    .onConflict((oc) =>
      oc.column('chat_id').doUpdateSet({ unreachable_at: sql<string>`coalesce(chats.unreachable_at, ${at})` }),
    )
    .execute();
}

/** Forgets a refusal: the chat spoke to the bot again, or the bot was added back. */
export async function clearChatUnreachable(db: Db, chatId: number): Promise<void> {
  await db
    .updateTable('chats')
    .set({ unreachable_at: null })
    .where('chat_id', '=', chatId)
    .where('unreachable_at', 'is not', null)
    .execute();
}

/** When Telegram last refused the chat, or undefined while it is reachable (or unknown). */
export async function chatUnreachableSince(db: Db, chatId: number): Promise<Date | undefined> {
  const row = await db.selectFrom('chats').select('unreachable_at').where('chat_id', '=', chatId).executeTakeFirst();
  return row?.unreachable_at ? new Date(row.unreachable_at) : undefined;
}
