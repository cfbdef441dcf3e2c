import type { Kysely, Migration } from 'kysely';

/**
 * Paper ballots at the council (src/features/year/written-votes.ts): members absent from the meeting send written
 * votes, and members without Telegram vote on paper; the secretary enters them. Two tables that share nothing but
 * the review id, as the chat ballot's do:
 * - `year_written_ballots`: who sent a paper ballot, and whether at the meeting (counted toward the quorum) or in
 *   writing from away (not): no choice.
 * - `year_written_totals`: the paper ballots' sums per candidate, changed in place: no time, no author, no voter.
 *   Deleted once the review is counted, as the chat ballot's choices are; the counted totals stay on the candidates.
 */
export const yearWrittenVotes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('year_written_ballots')
      .addColumn('review_id', 'integer', (col) => col.notNull().references('year_reviews.id'))
      .addColumn('person_id', 'text', (col) => col.notNull())
      .addColumn('present', 'integer', (col) => col.notNull())
      .addColumn('recorded_by', 'bigint', (col) => col.notNull())
      .addColumn('recorded_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('year_written_ballots_pk', ['review_id', 'person_id'])
      .execute();
    await db.schema
      .createTable('year_written_totals')
      .addColumn('review_id', 'integer', (col) => col.notNull().references('year_reviews.id'))
      .addColumn('position', 'integer', (col) => col.notNull())
      .addColumn('yes', 'integer', (col) => col.notNull())
      .addColumn('no', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('year_written_totals_pk', ['review_id', 'position'])
      .execute();
  },
};
