import type { Kysely, Migration } from 'kysely';
import { addIdColumn, type MigrationDialect } from './columns';

/**
 * /export's requests: the command stores one in its update's transaction and answers at once; a worker outside any
 * update writes the files later and hands them to the outbox. Claimed with a lease, like the outbox, so a request
 * is exported once across a crash or two processes.
 */
export const exportRequests = (dialect: MigrationDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await addIdColumn(db.schema.createTable('export_requests'), dialect)
      .addColumn('chat_id', 'bigint', (col) => col.notNull())
      .addColumn('thread_id', 'integer')
      .addColumn('reply_to', 'integer')
      .addColumn('requested_by', 'bigint', (col) => col.notNull())
      .addColumn('unit_id', 'integer', (col) => col.notNull().references('units.id'))
      .addColumn('day_from', 'text', (col) => col.notNull())
      .addColumn('day_to', 'text', (col) => col.notNull())
      .addColumn('locale', 'text', (col) => col.notNull())
      // pending, running, done or failed.
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('attempts', 'integer', (col) => col.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema.createIndex('export_requests_status').on('export_requests').columns(['status', 'id']).execute();
  },
});
