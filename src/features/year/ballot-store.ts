/**
 * The secret ballot's two tables, which share nothing but the review id:
 * - year_ballot_voters: who was issued a ballot, a check of their token, and whether they have voted;
 * - year_ballot_choices: one row per token and candidate, keyed by the token's hash, created blank at opening (in
 *   the hashes' order, not the voters') and changed in place: no time, no voter, no order of arrival.
 * Every vote rewrites every row of the review in both tables (the same value where nothing changed), so on
 * PostgreSQL no row's version (xmin) tells which rows a vote changed: all carry the last vote's.
 */
import { sql } from 'kysely';
import type { Db } from '../../storage/schema';
import { type Choice, choiceKeyOf, voterCheckOf } from './ballot-token';

/** A voter issued a ballot, with their token (never stored: the caller sends it and forgets it). */
export interface IssuedBallot {
  readonly userId: number;
  readonly personId: string;
  readonly token: string;
}

/** Stores who was issued a ballot and a blank choice per token and candidate position. */
export async function issueBallots(
  db: Db,
  reviewId: number,
  ballots: readonly IssuedBallot[],
  positions: readonly number[],
): Promise<void> {
  if (ballots.length === 0) return;
  const voters = [...ballots]
    .sort((a, b) => a.userId - b.userId)
    .map((ballot) => ({
      review_id: reviewId,
      user_id: ballot.userId,
      person_id: ballot.personId,
      token_check: voterCheckOf(ballot.token, ballot.userId),
      voted: 0,
    }));
  await db.insertInto('year_ballot_voters').values(voters).execute();
  const keys = ballots.map((ballot) => choiceKeyOf(ballot.token)).sort();
  const choices = keys.flatMap((key) =>
    positions.map((position) => ({ review_id: reviewId, token_hash: key, position, choice: '' })),
  );
  // SQLite allows 32,766 bound values a statement: 4 a row.
  for (let start = 0; start < choices.length; start += 2000)
    await db
      .insertInto('year_ballot_choices')
      .values(choices.slice(start, start + 2000))
      .execute();
}

/** A voter of the review: their token check and whether they voted. */
export async function findVoter(
  db: Db,
  reviewId: number,
  userId: number,
): Promise<{ readonly personId: string; readonly tokenCheck: string; readonly voted: boolean } | undefined> {
  const row = await db
    .selectFrom('year_ballot_voters')
    .select(['person_id', 'token_check', 'voted'])
    .where('review_id', '=', reviewId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row && { personId: row.person_id, tokenCheck: row.token_check, voted: Number(row.voted) === 1 };
}

/** Everyone issued a ballot, by user id, and whether they voted. */
export async function votersOf(
  db: Db,
  reviewId: number,
): Promise<{ readonly userId: number; readonly personId: string; readonly voted: boolean }[]> {
  const rows = await db
    .selectFrom('year_ballot_voters')
    .select(['user_id', 'person_id', 'voted'])
    .where('review_id', '=', reviewId)
    .orderBy('user_id')
    .execute();
  return rows.map((row) => ({ userId: Number(row.user_id), personId: row.person_id, voted: Number(row.voted) === 1 }));
}

/** A token's current choices by candidate position ('' for none yet); empty for a token not of this review. */
export async function choicesOf(db: Db, reviewId: number, token: string): Promise<Map<number, Choice | ''>> {
  const rows = await db
    .selectFrom('year_ballot_choices')
    .select(['position', 'choice'])
    .where('review_id', '=', reviewId)
    .where('token_hash', '=', choiceKeyOf(token))
    .execute();
  return new Map(rows.map((row) => [Number(row.position), row.choice as Choice | '']));
}

/**
 * Sets one choice of a token and marks its voter as having voted, rewriting every row of the review in both
 * tables (see the file's comment). The caller has checked the token belongs to the voter.
 */
export async function recordChoice(
  db: Db,
  reviewId: number,
  vote: { readonly token: string; readonly position: number; readonly choice: Choice; readonly userId: number },
): Promise<void> {
  const key = choiceKeyOf(vote.token);
  await db
    .updateTable('year_ballot_choices')
    .set({
      choice: sql<string>`case when token_hash = ${key} and position = ${vote.position} then ${vote.choice} else choice end`,
    })
    .where('review_id', '=', reviewId)
    .execute();
  await db
    .updateTable('year_ballot_voters')
    .set({ voted: sql<number>`case when user_id = ${vote.userId} then 1 else voted end` })
    .where('review_id', '=', reviewId)
    .execute();
}

/** The totals of a review's ballot: yes and no per position, and how many tokens chose anything. */
export async function ballotTotals(
  db: Db,
  reviewId: number,
): Promise<{ readonly cast: number; readonly votes: ReadonlyMap<number, { yes: number; no: number }> }> {
  const rows = await db
    .selectFrom('year_ballot_choices')
    .select((eb) => ['position', 'choice', eb.fn.countAll<number>().as('n')])
    .where('review_id', '=', reviewId)
    .where('choice', '<>', '')
    .groupBy(['position', 'choice'])
    .execute();
  const votes = new Map<number, { yes: number; no: number }>();
  for (const row of rows) {
    const entry = votes.get(Number(row.position)) ?? { yes: 0, no: 0 };
    entry[row.choice === 'yes' ? 'yes' : 'no'] += Number(row.n);
    votes.set(Number(row.position), entry);
  }
  const cast = await db
    .selectFrom('year_ballot_choices')
    .select(sql<number>`count(distinct token_hash)`.as('n'))
    .where('review_id', '=', reviewId)
    .where('choice', '<>', '')
    .executeTakeFirstOrThrow();
  return { cast: Number(cast.n), votes };
}

/** Deletes a counted review's choices: only the totals stay. */
export async function forgetChoices(db: Db, reviewId: number): Promise<void> {
  await db.deleteFrom('year_ballot_choices').where('review_id', '=', reviewId).execute();
}
