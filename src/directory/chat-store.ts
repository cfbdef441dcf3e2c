import type { Db } from '../storage/schema';
import { inTransaction } from '../storage/unit-of-work';

/** What the bot keeps about a chat: its unit (for groups), its language, and how a group confirms /log. */
export interface ChatSettings {
  readonly chatId: number;
  readonly unitId: number | null;
  readonly locale: string | null;
  /** The group's confirmation mode as stored (group_settings), null when never set: features/settings reads it. */
  readonly confirmMode: string | null;
}

export async function findChat(db: Db, chatId: number): Promise<ChatSettings | undefined> {
  const row = await db
    .selectFrom('chats')
    .leftJoin('group_settings', 'group_settings.chat_id', 'chats.chat_id')
    .select(['chats.chat_id', 'chats.unit_id', 'chats.locale', 'group_settings.confirm_mode'])
    .where('chats.chat_id', '=', chatId)
    .executeTakeFirst();
  return row && { chatId: row.chat_id, unitId: row.unit_id, locale: row.locale, confirmMode: row.confirm_mode ?? null };
}

/** Creates the chat's row if missing, or updates its title and type; returns nothing the caller must re-read. */
export async function upsertChat(
  db: Db,
  chat: { chatId: number; type: string; title: string | null },
  changes: { unitId?: number; locale?: string },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('chats')
    .values({
      chat_id: chat.chatId,
      type: chat.type,
      title: chat.title,
      unit_id: changes.unitId ?? null,
      locale: changes.locale ?? null,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.column('chat_id').doUpdateSet({
        type: chat.type,
        title: chat.title,
        updated_at: at,
        ...(changes.unitId !== undefined && { unit_id: changes.unitId }),
        ...(changes.locale !== undefined && { locale: changes.locale }),
      }),
    )
    .execute();
}

/** A group upgraded to a supergroup gets a new id: its unit, language and history follow it. */
export async function moveChat(db: Db, fromChatId: number, toChatId: number, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    const old = await trx.selectFrom('chats').selectAll().where('chat_id', '=', fromChatId).executeTakeFirst();
    // Both the service message and a refused send report the upgrade: the second finds nothing left to move.
    if (!old || (old.unit_id === null && old.locale === null)) return;
    await trx
      .insertInto('chats')
      .values({ ...old, chat_id: toChatId, type: 'supergroup', updated_at: now.toISOString() })
      .onConflict((oc) =>
        oc.column('chat_id').doUpdateSet({ unit_id: old.unit_id, locale: old.locale, updated_at: now.toISOString() }),
      )
      .execute();
    await trx
      .updateTable('chats')
      .set({ unit_id: null, locale: null, updated_at: now.toISOString() })
      .where('chat_id', '=', fromChatId)
      .execute();
    await trx.updateTable('tally_entries').set({ chat_id: toChatId }).where('chat_id', '=', fromChatId).execute();
    await trx.updateTable('nominations').set({ chat_id: toChatId }).where('chat_id', '=', fromChatId).execute();
    await trx.updateTable('group_settings').set({ chat_id: toChatId }).where('chat_id', '=', fromChatId).execute();
  });
}

/** A group bound to a unit, as /unit list shows it. */
export interface BoundGroup {
  readonly chatId: number;
  readonly title: string | null;
  readonly unitId: number;
}

/** Every group bound to a unit, by unit, each unit's groups by title. */
export async function boundGroups(db: Db): Promise<Map<number, BoundGroup[]>> {
  const rows = await db
    .selectFrom('chats')
    .select(['chat_id', 'title', 'unit_id'])
    .where('unit_id', 'is not', null)
    .orderBy('unit_id')
    .orderBy('title')
    .orderBy('chat_id')
    .execute();
  const byUnit = new Map<number, BoundGroup[]>();
  for (const row of rows) {
    const unitId = row.unit_id!;
    byUnit.set(unitId, [...(byUnit.get(unitId) ?? []), { chatId: row.chat_id, title: row.title, unitId }]);
  }
  return byUnit;
}

/**
 * Unbinds every group of the unit (a retired unit's groups can no longer log); returns the groups it unbound.
 * Their language, settings and history stay: /register binds them again.
 */
export async function unbindUnitGroups(db: Db, unitId: number, now: Date): Promise<BoundGroup[]> {
  return inTransaction(db, async (trx) => {
    const rows = await trx
      .selectFrom('chats')
      .select(['chat_id', 'title'])
      .where('unit_id', '=', unitId)
      .orderBy('chat_id')
      .execute();
    if (rows.length === 0) return [];
    await trx
      .updateTable('chats')
      .set({ unit_id: null, updated_at: now.toISOString() })
      .where('unit_id', '=', unitId)
      .execute();
    return rows.map((row) => ({ chatId: row.chat_id, title: row.title, unitId }));
  });
}
