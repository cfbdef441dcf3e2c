/**
 * The council's paper ballots (migration 0018): who sent one, apart from the sums of what they said. The sums are
 * one row per candidate, changed in place by addition (no time, no author); who sent a ballot is one row per
 * member. A batch of one ballot is, by its sums, that member's vote to whoever entered it: the secretary enters
 * the paper ballots of a meeting together, as they were opened.
 */
import { sql } from 'kysely';
import type { Db } from '../../storage/schema';

/** A member's paper ballot, without what it said. */
export interface WrittenBallot {
  readonly personId: string;
  /** At the meeting (counts toward the quorum), or sent in writing from away (does not). */
  readonly present: boolean;
}

/** Who sent paper ballots to the review. */
export async function writtenBallotsOf(db: Db, reviewId: number): Promise<WrittenBallot[]> {
  const rows = await db
    .selectFrom('year_written_ballots')
    .select(['person_id', 'present'])
    .where('review_id', '=', reviewId)
    .orderBy('person_id')
    .execute();
  return rows.map((row) => ({ personId: row.person_id, present: Number(row.present) === 1 }));
}

/** Records a batch of paper ballots: who sent them, and their sums added to the review's, candidate by candidate. */
export async function addWrittenBallots(
  db: Db,
  reviewId: number,
  batch: {
    readonly ballots: readonly WrittenBallot[];
    readonly sums: readonly { readonly position: number; readonly yes: number; readonly no: number }[];
    readonly by: number;
    readonly now: Date;
  },
): Promise<void> {
  const at = batch.now.toISOString();
  await db
    .insertInto('year_written_ballots')
    .values(
      [...batch.ballots]
        .sort((a, b) => a.personId.localeCompare(b.personId))
        .map((ballot) => ({
          review_id: reviewId,
          person_id: ballot.personId,
          present: ballot.present ? 1 : 0,
          recorded_by: batch.by,
          recorded_at: at,
        })),
    )
    .execute();
  for (const sum of batch.sums)
    await db
      .insertInto('year_written_totals')
      .values({ review_id: reviewId, position: sum.position, yes: sum.yes, no: sum.no })
      .onConflict((oc) =>
        oc.columns(['review_id', 'position']).doUpdateSet({
          yes: sql<number>`year_written_totals.yes + ${sum.yes}`,
          no: sql<number>`year_written_totals.no + ${sum.no}`,
        }),
      )
      .execute();
}

/** The paper ballots' sums by candidate position. */
export async function writtenTotals(db: Db, reviewId: number): Promise<Map<number, { yes: number; no: number }>> {
  const rows = await db
    .selectFrom('year_written_totals')
    .select(['position', 'yes', 'no'])
    .where('review_id', '=', reviewId)
    .execute();
  return new Map(rows.map((row) => [Number(row.position), { yes: Number(row.yes), no: Number(row.no) }]));
}

/** Deletes a counted review's sums: only the candidates' totals stay. */
export async function forgetWrittenTotals(db: Db, reviewId: number): Promise<void> {
  await db.deleteFrom('year_written_totals').where('review_id', '=', reviewId).execute();
}
