import type { Db } from '../../storage/schema';
import type { GroupSettings, StoredGroupSettings } from './group-settings-rules';

// reminders is text ('on' or 'off'), not a boolean column: the mapping lives here alone.
const REMINDERS_ON = 'on';
const REMINDERS_OFF = 'off';

const storedOf = (row: {
  reminders: string;
  confirm_mode: string | null;
  posts_thread_id: number | null;
}): StoredGroupSettings => ({
  reminders: row.reminders !== REMINDERS_OFF,
  confirmMode: row.confirm_mode,
  postsThreadId: row.posts_thread_id,
});

/** One group's stored settings, if any were ever changed. */
export async function findGroupSettings(db: Db, chatId: number): Promise<StoredGroupSettings | undefined> {
  const row = await db
    .selectFrom('group_settings')
    .select(['reminders', 'confirm_mode', 'posts_thread_id'])
    .where('chat_id', '=', chatId)
    .executeTakeFirst();
  return row && storedOf(row);
}

/** Stores a group's settings, all of them, and who changed them when. */
export async function saveGroupSettings(
  db: Db,
  chatId: number,
  settings: GroupSettings,
  change: { readonly by: number; readonly at: Date },
): Promise<void> {
  const values = {
    reminders: settings.reminders ? REMINDERS_ON : REMINDERS_OFF,
    confirm_mode: settings.confirmMode,
    posts_thread_id: settings.postsThreadId,
    updated_by: change.by,
    updated_at: change.at.toISOString(),
  };
  await db
    .insertInto('group_settings')
    .values({ chat_id: chatId, ...values })
    .onConflict((oc) => oc.column('chat_id').doUpdateSet(values))
    .execute();
}

/** A group bound to a unit, with its stored settings (undefined: never changed). */
export interface BoundGroupSettings {
  readonly chatId: number;
  readonly unitId: number;
  readonly stored: StoredGroupSettings | undefined;
}

/** Every group bound to a unit, by chat id, with its stored settings. */
export async function boundGroupsWithSettings(db: Db): Promise<BoundGroupSettings[]> {
  const rows = await db
    .selectFrom('chats')
    .leftJoin('group_settings', 'group_settings.chat_id', 'chats.chat_id')
    .select([
      'chats.chat_id',
      'chats.unit_id',
      'group_settings.reminders',
      'group_settings.confirm_mode',
      'group_settings.posts_thread_id',
    ])
    .where('chats.unit_id', 'is not', null)
    .where('chats.type', '<>', 'private')
    .orderBy('chats.chat_id')
    .execute();
  return rows.map((row) => ({
    chatId: row.chat_id,
    unitId: row.unit_id!,
    stored: row.reminders === null ? undefined : storedOf({ ...row, reminders: row.reminders }),
  }));
}
