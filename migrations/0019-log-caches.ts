import type { Migration } from 'kysely';
import { type CachedTable, createCacheTriggers } from './0012-replicas';
import type { MigrationDialect } from './columns';

/**
 * Two more directory caches, so that a /log reads nothing but what it writes (issue 19 §6): a group's confirmation
 * mode (`group_settings`, held with the chat's unit and language, so under the chats' version) and a linked
 * account's roster unit (`people`: who the account is, their unit, whether they left).
 */
const CACHED: readonly CachedTable[] = [
  { cache: 'chats', table: 'group_settings', columns: ['chat_id', 'confirm_mode'] },
  { cache: 'people', table: 'people', columns: ['user_id', 'unit_id', 'left_on'] },
];

export const logCaches = (dialect: MigrationDialect): Migration => ({
  async up(db) {
    await createCacheTriggers(db, dialect, CACHED);
  },
});
