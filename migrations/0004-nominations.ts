import type { Kysely, Migration } from 'kysely';
import { addIdColumn, type MigrationDialect } from './columns';

/** Nominations for commendation, their endorsements, and every decision ever taken on them (never deleted). */
export const nominations = (dialect: MigrationDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await addIdColumn(db.schema.createTable('nominations'), dialect)
      .addColumn('chat_id', 'bigint', (col) => col.notNull())
      .addColumn('thread_id', 'integer')
      .addColumn('source_message_id', 'integer')
      .addColumn('nominee_id', 'bigint', (col) => col.notNull().references('members.user_id'))
      .addColumn('unit_id', 'integer', (col) => col.notNull().references('units.id'))
      .addColumn('nominator_id', 'bigint', (col) => col.notNull().references('members.user_id'))
      .addColumn('reason', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('level', 'text')
      .addColumn('card_message_id', 'integer')
      .addColumn('day', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('nominations_nominator_day')
      .on('nominations')
      .columns(['nominator_id', 'day'])
      .execute();
    await db.schema.createIndex('nominations_unit_status').on('nominations').columns(['unit_id', 'status']).execute();
    await db.schema
      .createIndex('nominations_source')
      .on('nominations')
      .columns(['chat_id', 'source_message_id', 'nominee_id'])
      .execute();

    await db.schema
      .createTable('nomination_endorsements')
      .addColumn('nomination_id', 'integer', (col) => col.notNull().references('nominations.id'))
      .addColumn('user_id', 'bigint', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('nomination_endorsements_pk', ['nomination_id', 'user_id'])
      .execute();

    await addIdColumn(db.schema.createTable('nomination_decisions'), dialect)
      .addColumn('nomination_id', 'integer', (col) => col.notNull().references('nominations.id'))
      .addColumn('decided_by', 'bigint', (col) => col.notNull())
      .addColumn('outcome', 'text', (col) => col.notNull())
      .addColumn('level', 'text')
      .addColumn('reason', 'text')
      .addColumn('decided_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('nomination_decisions_nomination')
      .on('nomination_decisions')
      .column('nomination_id')
      .execute();
  },
});
