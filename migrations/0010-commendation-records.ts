import type { Kysely, Migration } from 'kysely';
import { addIdColumn, type MigrationDialect } from './columns';

/**
 * The commendation process:
 * - `commendation_decisions`: the official decision on an approved or proposed commendation (số quyết định, ngày,
 *   người ký), recorded afterwards; a correction is a new row, the latest stands, nothing is deleted.
 * - `nomination_recommendations`: a commander below a level's authority asked for that level (one row per person
 *   and level).
 * - `nomination_private_copies`: one private message to a decider, due at `due_at` (at most one an hour), with the
 *   nominations it lists in `nomination_private_items`; `message_id` is Telegram's once sent, which binds its buttons.
 */
export const commendationRecords = (dialect: MigrationDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await addIdColumn(db.schema.createTable('commendation_decisions'), dialect)
      .addColumn('nomination_id', 'integer', (col) => col.notNull().references('nominations.id'))
      .addColumn('decision_number', 'text', (col) => col.notNull())
      .addColumn('decision_date', 'text', (col) => col.notNull())
      .addColumn('signer', 'text', (col) => col.notNull())
      .addColumn('recorded_by', 'bigint', (col) => col.notNull())
      .addColumn('recorded_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('commendation_decisions_nomination')
      .on('commendation_decisions')
      .column('nomination_id')
      .execute();

    await addIdColumn(db.schema.createTable('nomination_recommendations'), dialect)
      .addColumn('nomination_id', 'integer', (col) => col.notNull().references('nominations.id'))
      .addColumn('level', 'text', (col) => col.notNull())
      .addColumn('recommended_by', 'bigint', (col) => col.notNull())
      .addColumn('recommended_at', 'text', (col) => col.notNull())
      .addUniqueConstraint('nomination_recommendations_once', ['nomination_id', 'level', 'recommended_by'])
      .execute();

    await addIdColumn(db.schema.createTable('nomination_private_copies'), dialect)
      .addColumn('decider_id', 'bigint', (col) => col.notNull())
      .addColumn('due_at', 'text', (col) => col.notNull())
      .addColumn('message_id', 'integer')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('nomination_private_copies_decider')
      .on('nomination_private_copies')
      .columns(['decider_id', 'due_at'])
      .execute();
    await db.schema
      .createTable('nomination_private_items')
      .addColumn('copy_id', 'integer', (col) => col.notNull().references('nomination_private_copies.id'))
      .addColumn('nomination_id', 'integer', (col) => col.notNull().references('nominations.id'))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('nomination_private_items_pk', ['copy_id', 'nomination_id'])
      .execute();
    await db.schema
      .createIndex('nomination_private_items_nomination')
      .on('nomination_private_items')
      .column('nomination_id')
      .execute();
  },
});
