import { type Kysely, type Migration, sql } from 'kysely';
import { addIdColumn, type MigrationDialect } from './columns';

/**
 * The year of emulation (src/features/year). Subjects are the roster's person ids, or `unit:<id>` for a unit.
 * - `year_registrations`: one title per subject and year (đăng ký thi đua), replaced when pledged again.
 * - `year_flags`: a pending discipline, inspection or complaint a commander recorded privately; cleared, not deleted.
 * - `year_reviews`: a vote on one title, at a unit's meeting (`review`) or at the council (`council`), with its
 *   counts once closed; `year_candidates` its candidates in ballot order, with their results once closed.
 * - The secret ballot, in two tables that share nothing but the review id: `year_ballot_voters` says who was issued
 *   a ballot and whether they have voted; `year_ballot_choices` holds the choices, keyed by a hash of each voter's
 *   random token (never stored), with no time and no voter. Choices are deleted once the review is counted.
 * - `year_council_members`: the council's members, named by an admin.
 * - `year_titles`: who holds which title for which year, by decision.
 */
export const yearCycle = (dialect: MigrationDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('year_registrations')
      .addColumn('year', 'integer', (col) => col.notNull())
      .addColumn('subject_id', 'text', (col) => col.notNull())
      .addColumn('unit_id', 'integer', (col) => col.notNull().references('units.id'))
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('registered_by', 'bigint', (col) => col.notNull())
      .addColumn('registered_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('year_registrations_pk', ['year', 'subject_id'])
      .execute();
    await db.schema
      .createIndex('year_registrations_unit')
      .on('year_registrations')
      .columns(['unit_id', 'year'])
      .execute();

    await addIdColumn(db.schema.createTable('year_flags'), dialect)
      .addColumn('subject_id', 'text', (col) => col.notNull())
      .addColumn('unit_id', 'integer', (col) => col.notNull().references('units.id'))
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('reason', 'text', (col) => col.notNull())
      .addColumn('flagged_by', 'bigint', (col) => col.notNull())
      .addColumn('flagged_at', 'text', (col) => col.notNull())
      .addColumn('cleared_by', 'bigint')
      .addColumn('cleared_at', 'text')
      .execute();
    await db.schema.createIndex('year_flags_subject').on('year_flags').columns(['subject_id', 'cleared_at']).execute();

    await addIdColumn(db.schema.createTable('year_reviews'), dialect)
      .addColumn('stage', 'text', (col) => col.notNull())
      .addColumn('year', 'integer', (col) => col.notNull())
      .addColumn('title', 'text', (col) => col.notNull())
      // The unit's meeting; null at the council.
      .addColumn('unit_id', 'integer', (col) => col.references('units.id'))
      // `unit:<id>` or `council`: at most one open review of a title and year per scope.
      .addColumn('scope_key', 'text', (col) => col.notNull())
      // The rule overrides in force when it opened (JSON): the count uses the same rules whenever it closes.
      .addColumn('rule_overrides', 'text', (col) => col.notNull())
      .addColumn('opened_by', 'bigint', (col) => col.notNull())
      .addColumn('opened_at', 'text', (col) => col.notNull())
      .addColumn('closes_at', 'text', (col) => col.notNull())
      .addColumn('closed_at', 'text')
      // Null when it closed at its deadline.
      .addColumn('closed_by', 'bigint')
      .addColumn('members', 'integer')
      .addColumn('present', 'integer')
      .addColumn('quorum_needed', 'integer')
      .addColumn('quorum_met', 'integer')
      .addColumn('quota_limit', 'integer')
      .addColumn('quota_holders', 'integer')
      // Ballots cast by people who left before the close: they cannot be told apart, so they stay counted.
      .addColumn('left_after_voting', 'integer')
      .execute();
    await db.schema
      .createIndex('year_reviews_open')
      .on('year_reviews')
      .columns(['stage', 'year', 'title', 'scope_key'])
      .unique()
      .where(sql.ref('closed_at'), 'is', null)
      .execute();
    await db.schema.createIndex('year_reviews_due').on('year_reviews').columns(['closed_at', 'closes_at']).execute();

    await db.schema
      .createTable('year_candidates')
      .addColumn('review_id', 'integer', (col) => col.notNull().references('year_reviews.id'))
      .addColumn('position', 'integer', (col) => col.notNull())
      .addColumn('subject_id', 'text', (col) => col.notNull())
      // Eligible when the review opened, so given a button pair on the ballot.
      .addColumn('on_ballot', 'integer', (col) => col.notNull())
      .addColumn('yes', 'integer')
      .addColumn('no', 'integer')
      .addColumn('status', 'text')
      .addPrimaryKeyConstraint('year_candidates_pk', ['review_id', 'position'])
      .execute();
    await db.schema.createIndex('year_candidates_subject').on('year_candidates').column('subject_id').execute();

    await db.schema
      .createTable('year_ballot_voters')
      .addColumn('review_id', 'integer', (col) => col.notNull().references('year_reviews.id'))
      .addColumn('user_id', 'bigint', (col) => col.notNull())
      .addColumn('person_id', 'text', (col) => col.notNull())
      // A hash of the voter's token with their user id: proves a press's token is theirs, names no choice row.
      .addColumn('token_check', 'text', (col) => col.notNull())
      .addColumn('voted', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('year_ballot_voters_pk', ['review_id', 'user_id'])
      .execute();

    // Rows are inserted in the hashes' order (ballot-store.ts): their order of storage follows no voter.
    await db.schema
      .createTable('year_ballot_choices')
      .addColumn('review_id', 'integer', (col) => col.notNull().references('year_reviews.id'))
      .addColumn('token_hash', 'text', (col) => col.notNull())
      .addColumn('position', 'integer', (col) => col.notNull())
      // '' until chosen, then 'yes' or 'no'.
      .addColumn('choice', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('year_ballot_choices_pk', ['review_id', 'token_hash', 'position'])
      .execute();

    await addIdColumn(db.schema.createTable('year_council_members'), dialect)
      .addColumn('person_id', 'text', (col) => col.notNull())
      .addColumn('added_by', 'bigint', (col) => col.notNull())
      .addColumn('added_at', 'text', (col) => col.notNull())
      .addColumn('removed_by', 'bigint')
      .addColumn('removed_at', 'text')
      .execute();
    await db.schema
      .createIndex('year_council_members_person')
      .on('year_council_members')
      .columns(['person_id', 'removed_at'])
      .execute();

    await addIdColumn(db.schema.createTable('year_titles'), dialect)
      .addColumn('year', 'integer', (col) => col.notNull())
      .addColumn('subject_id', 'text', (col) => col.notNull())
      .addColumn('title', 'text', (col) => col.notNull())
      // The unit the subject was in: shown on papers, never used to count a chain.
      .addColumn('unit_id', 'integer')
      .addColumn('decision_number', 'text', (col) => col.notNull())
      .addColumn('decision_date', 'text', (col) => col.notNull())
      .addColumn('signer', 'text', (col) => col.notNull())
      .addColumn('recorded_by', 'bigint', (col) => col.notNull())
      .addColumn('recorded_at', 'text', (col) => col.notNull())
      .addUniqueConstraint('year_titles_once', ['year', 'subject_id', 'title'])
      .execute();
    await db.schema.createIndex('year_titles_subject').on('year_titles').column('subject_id').execute();
  },
});
