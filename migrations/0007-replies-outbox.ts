import type { Kysely, Migration } from 'kysely';

/**
 * Replies join the outbox, so an update's effects and its answers commit together.
 * - `kind`: post (a weekly post), message (a reply or notice), confirmation (a /log's, mergeable), edit, reaction.
 * - `lane`: message-posting kinds share a chat's 20-a-minute budget; reactions have a lane of their own, so a group
 *   whose budget is spent is still acknowledged at once.
 * - `payload`: the kind's JSON (reply target, keyboard, edited message, emoji, merge line, after-sent hook).
 * The ledger of handled updates keeps a fingerprint, so a reused update id (Telegram restarts its numbering after a
 * quiet week) is told from a redelivery. Groups choose how /log is confirmed (reply, reaction or auto).
 */
export const repliesOutbox: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('outbox')
      .addColumn('kind', 'text', (col) => col.notNull().defaultTo('post'))
      .execute();
    await db.schema
      .alterTable('outbox')
      .addColumn('lane', 'text', (col) => col.notNull().defaultTo('message'))
      .execute();
    await db.schema.alterTable('outbox').addColumn('payload', 'text').execute();
    await db.schema.createIndex('outbox_chat_lane').on('outbox').columns(['chat_id', 'lane', 'status']).execute();
    await db.schema.alterTable('processed_updates').addColumn('fingerprint', 'text').execute();
    await db.schema.createIndex('processed_updates_at').on('processed_updates').column('processed_at').execute();
    await db.schema
      .alterTable('group_settings')
      .addColumn('confirm_mode', 'text', (col) => col.notNull().defaultTo('auto'))
      .execute();
  },
};
