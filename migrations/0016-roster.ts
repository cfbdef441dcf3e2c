import type { Kysely, Migration } from 'kysely';
import { addIdColumn, type MigrationDialect } from './columns';

/**
 * People as the organisation knows them (issue 16):
 * - `people`: the roster. Official name (and its folded key for lookups), rank, position, unit, service number
 *   (unique when given), role from the office's sheet, the linked Telegram account (one person per account), the
 *   account or @username to link when first seen, and the day they left (null while active).
 * - `person_units`: where each person served from which day; a transfer closes one row and opens the next.
 * - `person_link_events`: the audit of links and unlinks (who, which account, how, by whom, when).
 * - `person_link_requests`: an officer's /iam, waiting for a commander of the person's unit (or an admin).
 * - `past_commendations`: titles and commendations from the office's "Khen thưởng" sheet, one per person, year,
 *   title and decision number, for the year cycle's chains.
 * - `roster_imports`: a dry run's parsed rows, kept for the apply within its window, then emptied.
 * Also an index of tally entries by person and day: the roster's "last activity" and "no entry this week".
 */
export const roster = (dialect: MigrationDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await addIdColumn(db.schema.createTable('people'), dialect)
      .addColumn('full_name', 'text', (col) => col.notNull())
      .addColumn('name_key', 'text', (col) => col.notNull())
      .addColumn('rank', 'text')
      .addColumn('position', 'text')
      .addColumn('unit_id', 'integer', (col) => col.notNull().references('units.id'))
      .addColumn('service_number', 'text', (col) => col.unique())
      // commander or officer: what the office's sheet says; the roles table follows it for linked people.
      .addColumn('role', 'text', (col) => col.notNull())
      .addColumn('user_id', 'bigint', (col) => col.unique())
      .addColumn('pending_user_id', 'bigint')
      .addColumn('pending_username', 'text')
      .addColumn('left_on', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('people_unit').on('people').columns(['unit_id', 'name_key']).execute();
    await db.schema.createIndex('people_name').on('people').column('name_key').execute();
    await db.schema.createIndex('people_pending_user').on('people').column('pending_user_id').execute();
    await db.schema.createIndex('people_pending_username').on('people').column('pending_username').execute();

    await addIdColumn(db.schema.createTable('person_units'), dialect)
      .addColumn('person_id', 'integer', (col) => col.notNull().references('people.id'))
      .addColumn('unit_id', 'integer', (col) => col.notNull().references('units.id'))
      .addColumn('from_day', 'text', (col) => col.notNull())
      .addColumn('to_day', 'text')
      .addColumn('recorded_by', 'bigint')
      .addColumn('recorded_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('person_units_person').on('person_units').columns(['person_id', 'from_day']).execute();

    await addIdColumn(db.schema.createTable('person_link_events'), dialect)
      .addColumn('person_id', 'integer', (col) => col.notNull().references('people.id'))
      .addColumn('user_id', 'bigint', (col) => col.notNull())
      // linked or unlinked.
      .addColumn('event', 'text', (col) => col.notNull())
      // import, sight, link, request or unlink.
      .addColumn('via', 'text', (col) => col.notNull())
      .addColumn('by_user_id', 'bigint')
      .addColumn('at', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('person_link_events_person').on('person_link_events').column('person_id').execute();
    await db.schema.createIndex('person_link_events_user').on('person_link_events').column('user_id').execute();

    await addIdColumn(db.schema.createTable('person_link_requests'), dialect)
      .addColumn('person_id', 'integer', (col) => col.notNull().references('people.id'))
      .addColumn('user_id', 'bigint', (col) => col.notNull())
      // pending, confirmed, refused or withdrawn.
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('decided_by', 'bigint')
      .addColumn('decided_at', 'text')
      .execute();
    await db.schema
      .createIndex('person_link_requests_user')
      .on('person_link_requests')
      .columns(['user_id', 'status'])
      .execute();
    await db.schema
      .createIndex('person_link_requests_person')
      .on('person_link_requests')
      .columns(['person_id', 'status'])
      .execute();

    await addIdColumn(db.schema.createTable('past_commendations'), dialect)
      .addColumn('person_id', 'integer', (col) => col.notNull().references('people.id'))
      .addColumn('year', 'integer', (col) => col.notNull())
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('title_key', 'text', (col) => col.notNull())
      .addColumn('decision_number', 'text')
      // The decision number folded, '' when none: part of what makes a row the same one on a second import.
      .addColumn('decision_key', 'text', (col) => col.notNull())
      .addColumn('decision_date', 'text')
      .addColumn('issuing_level', 'text')
      .addColumn('imported_by', 'bigint', (col) => col.notNull())
      .addColumn('imported_at', 'text', (col) => col.notNull())
      .addUniqueConstraint('past_commendations_once', ['person_id', 'year', 'title_key', 'decision_key'])
      .execute();

    await addIdColumn(db.schema.createTable('roster_imports'), dialect)
      .addColumn('admin_id', 'bigint', (col) => col.notNull())
      .addColumn('file_name', 'text', (col) => col.notNull())
      // pending, applied, cancelled or expired.
      .addColumn('status', 'text', (col) => col.notNull())
      // The parsed rows (JSON) while pending; null once applied, cancelled or past expires_at.
      .addColumn('rows', 'text')
      // What the dry run showed: the apply refuses to write anything else.
      .addColumn('fingerprint', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema
      .createIndex('roster_imports_status')
      .on('roster_imports')
      .columns(['status', 'expires_at'])
      .execute();

    await db.schema.createIndex('tally_user_day').on('tally_entries').columns(['user_id', 'day']).execute();
  },
});
