import type { Db } from '../../storage/schema';

// Bulk reads of the chats table that the weekly posts and /start need. The reachability read belongs beside its
// writes in src/outbox/chat-reachability-store.ts; it waits here until that store's owner takes it.

const inList = (ids: readonly number[]) => (ids.length > 0 ? ids : [-1]);

/** The languages chosen in these chats (private chats included); chats without a choice are left out. */
export async function chatLocales(db: Db, chatIds: readonly number[]): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('chats')
    .select(['chat_id', 'locale'])
    .where('chat_id', 'in', inList(chatIds))
    .where('locale', 'is not', null)
    .execute();
  return new Map(rows.map((row) => [row.chat_id, row.locale!]));
}

/** The chats among these (groups or people) that Telegram refused to deliver to, with since when. */
export async function unreachableChats(db: Db, chatIds: readonly number[]): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('chats')
    .select(['chat_id', 'unreachable_at'])
    .where('chat_id', 'in', inList(chatIds))
    .where('unreachable_at', 'is not', null)
    .execute();
  return new Map(rows.map((row) => [row.chat_id, row.unreachable_at!]));
}
