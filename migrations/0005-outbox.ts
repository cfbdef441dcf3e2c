import type { Kysely, Migration } from 'kysely';
import { addIdColumn, type MigrationDialect } from './columns';

/**
 * The outbox: every scheduled post, keyed by job, period and chat so that whichever process wakes first creates it
 * and no one creates it twice; a sender claims rows with a lease. Chats learn when Telegram last refused them.
 */
export const outbox = (dialect: MigrationDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await addIdColumn(db.schema.createTable('outbox'), dialect)
      .addColumn('job', 'text', (col) => col.notNull())
      .addColumn('period', 'text', (col) => col.notNull())
      .addColumn('chat_id', 'bigint', (col) => col.notNull())
      .addColumn('thread_id', 'integer')
      .addColumn('html', 'text', (col) => col.notNull())
      // pending, sending, sent, failed or skipped.
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('attempts', 'integer', (col) => col.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('not_before', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text')
      .addColumn('telegram_message_id', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('sent_at', 'text')
      .addUniqueConstraint('outbox_job_period_chat', ['job', 'period', 'chat_id'])
      .execute();
    await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'not_before']).execute();

    await db.schema.alterTable('chats').addColumn('unreachable_at', 'text').execute();
  },
});
