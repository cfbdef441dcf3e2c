import type { Kysely, Migration } from 'kysely';
import { addIdColumn, type MigrationDialect } from './columns';

/** Units, chats, members, roles, the metric catalog, tally entries and the processed-update ledger. */
export const initial = (dialect: MigrationDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await addIdColumn(db.schema.createTable('units'), dialect)
      .addColumn('code', 'text', (col) => col.notNull().unique())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('parent_id', 'integer', (col) => col.references('units.id'))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('chats')
      .addColumn('chat_id', 'bigint', (col) => col.primaryKey())
      .addColumn('type', 'text', (col) => col.notNull())
      .addColumn('title', 'text')
      .addColumn('unit_id', 'integer', (col) => col.references('units.id'))
      .addColumn('locale', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('chats_unit').on('chats').column('unit_id').execute();

    await db.schema
      .createTable('members')
      .addColumn('user_id', 'bigint', (col) => col.primaryKey())
      .addColumn('first_name', 'text', (col) => col.notNull())
      .addColumn('last_name', 'text')
      .addColumn('username', 'text')
      .addColumn('unit_id', 'integer', (col) => col.references('units.id'))
      .addColumn('first_seen_at', 'text', (col) => col.notNull())
      .addColumn('last_seen_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('members_username').on('members').column('username').execute();

    await addIdColumn(db.schema.createTable('roles'), dialect)
      .addColumn('user_id', 'bigint', (col) => col.notNull())
      .addColumn('role', 'text', (col) => col.notNull())
      .addColumn('unit_id', 'integer', (col) => col.references('units.id'))
      .addColumn('granted_by', 'bigint')
      .addColumn('granted_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('roles_user').on('roles').columns(['user_id', 'role']).execute();

    await db.schema
      .createTable('metrics')
      .addColumn('code', 'text', (col) => col.primaryKey())
      .addColumn('name_vi', 'text', (col) => col.notNull())
      .addColumn('name_en', 'text', (col) => col.notNull())
      .addColumn('count_unit_vi', 'text', (col) => col.notNull())
      .addColumn('count_unit_en', 'text', (col) => col.notNull())
      .addColumn('max_per_entry', 'integer', (col) => col.notNull())
      .addColumn('report_phrase_vi', 'text', (col) => col.notNull())
      .addColumn('report_phrase_en', 'text', (col) => col.notNull())
      .addColumn('sort_order', 'integer', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('metric_aliases')
      .addColumn('alias', 'text', (col) => col.primaryKey())
      .addColumn('metric_code', 'text', (col) => col.notNull().references('metrics.code'))
      .execute();

    await addIdColumn(db.schema.createTable('tally_entries'), dialect)
      .addColumn('update_id', 'bigint', (col) => col.notNull())
      .addColumn('chat_id', 'bigint', (col) => col.notNull())
      .addColumn('message_id', 'integer', (col) => col.notNull())
      .addColumn('unit_id', 'integer', (col) => col.notNull().references('units.id'))
      .addColumn('user_id', 'bigint', (col) => col.notNull().references('members.user_id'))
      .addColumn('metric_code', 'text', (col) => col.notNull().references('metrics.code'))
      .addColumn('amount', 'integer', (col) => col.notNull())
      .addColumn('day', 'text', (col) => col.notNull())
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('undone_at', 'text')
      .addColumn('undone_by', 'bigint')
      .execute();
    await db.schema.createIndex('tally_unit_day').on('tally_entries').columns(['unit_id', 'day']).execute();
    await db.schema.createIndex('tally_user_created').on('tally_entries').columns(['user_id', 'created_at']).execute();
    await db.schema.createIndex('tally_update').on('tally_entries').column('update_id').execute();
    await db.schema.createIndex('tally_message').on('tally_entries').columns(['chat_id', 'message_id']).execute();

    await db.schema
      .createTable('processed_updates')
      .addColumn('update_id', 'bigint', (col) => col.primaryKey())
      .addColumn('processed_at', 'text', (col) => col.notNull())
      .execute();
  },
});
