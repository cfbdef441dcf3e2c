import { REPLY_JOB } from '../outbox/outbox-store';
import type { Db } from '../storage/schema';
import type { Backlog } from './session';

// What the console reads from the bot's store: where Telegram's ids must continue, and what the outbox still owes.

/** The highest update id and, per chat, message id the store holds. */
export interface StoredIds {
  readonly updateId: number;
  readonly messageIds: ReadonlyMap<number, number>;
}

/** Where the store keeps Telegram's message ids: table, the chat column, the message id column. */
const MESSAGE_ID_COLUMNS = [
  ['tally_entries', 'chat_id', 'message_id'],
  ['outbox', 'chat_id', 'telegram_message_id'],
  ['nominations', 'chat_id', 'source_message_id'],
  ['nominations', 'chat_id', 'card_message_id'],
  ['nomination_private_copies', 'decider_id', 'message_id'],
  ['export_requests', 'chat_id', 'reply_to'],
] as const;

/**
 * The ids a store already holds, so a console reopening it numbers new updates and messages past them: a reused
 * update id would be taken for a redelivery (and its replies for ones already sent), a reused message id for a
 * message the bot has seen. Reads the ledger, the tallies, the replies' keys ("<update id>.<n>") and every column
 * that keeps a Telegram message id.
 */
export async function storedIds(db: Db): Promise<StoredIds> {
  const [ledger, tallies, replies] = await Promise.all([
    db
      .selectFrom('processed_updates')
      .select((eb) => eb.fn.max('update_id').as('last'))
      .executeTakeFirst(),
    db
      .selectFrom('tally_entries')
      .select((eb) => eb.fn.max('update_id').as('last'))
      .executeTakeFirst(),
    db.selectFrom('outbox').select('period').where('job', '=', REPLY_JOB).execute(),
  ]);
  let updateId = Math.max(0, Number(ledger?.last ?? 0), Number(tallies?.last ?? 0));
  for (const { period } of replies) {
    const replied = Number.parseInt(period, 10);
    if (Number.isSafeInteger(replied) && replied > updateId) updateId = replied;
  }

  // One query shape over several tables: the casts only name a table and columns that shape fits.
  const perChat = await Promise.all(
    MESSAGE_ID_COLUMNS.map(([table, chat, id]) =>
      db
        .selectFrom(table as 'outbox')
        .select((eb) => [eb.ref(chat as 'chat_id').as('chat_id'), eb.fn.max(id as 'telegram_message_id').as('last')])
        .groupBy(chat as 'chat_id')
        .execute(),
    ),
  );
  const messageIds = new Map<number, number>();
  for (const row of perChat.flat()) {
    const chatId = Number(row.chat_id);
    const last = Number(row.last ?? 0);
    if (last > (messageIds.get(chatId) ?? 0)) messageIds.set(chatId, last);
  }
  return { updateId, messageIds };
}

/** The newest outbox row's id: rows above it were queued after this call. */
export async function outboxMark(db: Db): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.max('id').as('last'))
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

/**
 * What the bot owes at `now`: busy while a row is due or out for delivery, writing while an /export's files are
 * being written; held, the rows queued after `mark` that have not gone out (with the instant they may go, when later).
 */
export async function backlogAfter(db: Db, mark: number, now: Date): Promise<Backlog> {
  const [rows, exports] = await Promise.all([
    db
      .selectFrom('outbox')
      .select(['id', 'chat_id', 'status', 'not_before', 'expires_at'])
      .where('status', 'in', ['pending', 'sending'])
      .execute(),
    db.selectFrom('export_requests').select('id').where('status', 'in', ['pending', 'running']).execute(),
  ]);
  const at = now.getTime();
  const live = rows.filter((row) => row.expires_at === null || new Date(row.expires_at).getTime() > at);
  const later = (row: (typeof live)[number]) => row.status === 'pending' && new Date(row.not_before).getTime() > at;
  return {
    busy: live.some((row) => !later(row)),
    sending: live.some((row) => row.status === 'sending'),
    writing: exports.length > 0,
    held: live
      .filter((row) => Number(row.id) > mark)
      .map((row) => ({ chatId: Number(row.chat_id), ...(later(row) && { notBefore: new Date(row.not_before) }) })),
  };
}
