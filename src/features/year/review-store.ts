import type { Db } from '../../storage/schema';
import type { CandidateStatus, Stage } from './review';
import type { RuleOverrides } from './rule-overrides';
import type { TitleId } from './titles';

/** A vote on one title, open or closed. */
export interface Review {
  readonly id: number;
  readonly stage: Stage;
  readonly year: number;
  readonly title: TitleId;
  /** The unit's meeting; undefined at the council. */
  readonly unitId: number | undefined;
  readonly ruleOverrides: RuleOverrides;
  readonly openedBy: number;
  readonly openedAt: string;
  readonly closesAt: string;
  readonly closed?: ReviewCount & { readonly at: string; readonly by: number | null };
}

/** What a closed review counted. */
export interface ReviewCount {
  readonly members: number;
  readonly present: number;
  readonly quorumNeeded: number;
  readonly quorumMet: boolean;
  readonly quota?: { readonly limit: number; readonly holders: number };
  readonly leftAfterVoting: number;
}

/** A review's candidate, with its result once counted. */
export interface Candidate {
  readonly position: number;
  readonly subjectId: string;
  readonly onBallot: boolean;
  readonly result?: { readonly yes: number; readonly no: number; readonly status: CandidateStatus };
}

export const scopeKeyOf = (stage: Stage, unitId: number | undefined): string =>
  stage === 'council' || unitId === undefined ? 'council' : `unit:${unitId}`;

type ReviewRow = Awaited<ReturnType<ReturnType<typeof selectReviews>['executeTakeFirstOrThrow']>>;

const selectReviews = (db: Db) => db.selectFrom('year_reviews').selectAll();

function toReview(row: ReviewRow): Review {
  const base = {
    id: Number(row.id),
    stage: row.stage as Stage,
    year: Number(row.year),
    title: row.title as TitleId,
    unitId: row.unit_id === null ? undefined : Number(row.unit_id),
    ruleOverrides: JSON.parse(row.rule_overrides) as RuleOverrides,
    openedBy: Number(row.opened_by),
    openedAt: row.opened_at,
    closesAt: row.closes_at,
  };
  if (row.closed_at === null) return base;
  return {
    ...base,
    closed: {
      at: row.closed_at,
      by: row.closed_by === null ? null : Number(row.closed_by),
      members: Number(row.members),
      present: Number(row.present),
      quorumNeeded: Number(row.quorum_needed),
      quorumMet: Number(row.quorum_met) === 1,
      ...(row.quota_limit !== null && {
        quota: { limit: Number(row.quota_limit), holders: Number(row.quota_holders) },
      }),
      leftAfterVoting: Number(row.left_after_voting ?? 0),
    },
  };
}

/** Opens a review with its candidates in ballot order; returns its id. */
export async function insertReview(
  db: Db,
  review: Omit<Review, 'id' | 'openedAt' | 'closed'>,
  candidates: readonly Omit<Candidate, 'result'>[],
  now: Date,
): Promise<number> {
  const row = await db
    .insertInto('year_reviews')
    .values({
      stage: review.stage,
      year: review.year,
      title: review.title,
      unit_id: review.unitId ?? null,
      scope_key: scopeKeyOf(review.stage, review.unitId),
      rule_overrides: JSON.stringify(review.ruleOverrides),
      opened_by: review.openedBy,
      opened_at: now.toISOString(),
      closes_at: review.closesAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  if (candidates.length > 0)
    await db
      .insertInto('year_candidates')
      .values(
        candidates.map((candidate) => ({
          review_id: id,
          position: candidate.position,
          subject_id: candidate.subjectId,
          on_ballot: candidate.onBallot ? 1 : 0,
        })),
      )
      .execute();
  return id;
}

export async function findReview(db: Db, id: number): Promise<Review | undefined> {
  const row = await selectReviews(db).where('id', '=', id).executeTakeFirst();
  return row && toReview(row);
}

/** The open review of a title and year in a scope (a unit's, or the council's), if any. */
export async function findOpenReview(
  db: Db,
  key: { readonly stage: Stage; readonly year: number; readonly title: TitleId; readonly unitId?: number },
): Promise<Review | undefined> {
  const row = await selectReviews(db)
    .where('stage', '=', key.stage)
    .where('year', '=', key.year)
    .where('title', '=', key.title)
    .where('scope_key', '=', scopeKeyOf(key.stage, key.unitId))
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return row && toReview(row);
}

/** Open reviews whose deadline has come, oldest first. */
export async function dueReviewIds(db: Db, now: Date): Promise<number[]> {
  const rows = await db
    .selectFrom('year_reviews')
    .select('id')
    .where('closed_at', 'is', null)
    .where('closes_at', '<=', now.toISOString())
    .orderBy('id')
    .execute();
  return rows.map((row) => Number(row.id));
}

/** Closed reviews of a year (a stage, a title, some units), oldest first. */
export async function closedReviews(
  db: Db,
  filter: {
    readonly year: number;
    readonly stage?: Stage;
    readonly title?: TitleId;
    readonly unitIds?: readonly number[];
  },
): Promise<Review[]> {
  if (filter.unitIds?.length === 0) return [];
  const rows = await selectReviews(db)
    .where('year', '=', filter.year)
    .where('closed_at', 'is not', null)
    .$if(filter.stage !== undefined, (query) => query.where('stage', '=', filter.stage!))
    .$if(filter.title !== undefined, (query) => query.where('title', '=', filter.title!))
    .$if(filter.unitIds !== undefined, (query) => query.where('unit_id', 'in', filter.unitIds!))
    .orderBy('id')
    .execute();
  return rows.map(toReview);
}

export async function candidatesOf(db: Db, reviewId: number): Promise<Candidate[]> {
  const rows = await db
    .selectFrom('year_candidates')
    .selectAll()
    .where('review_id', '=', reviewId)
    .orderBy('position')
    .execute();
  return rows.map((row) => ({
    position: Number(row.position),
    subjectId: row.subject_id,
    onBallot: Number(row.on_ballot) === 1,
    ...(row.status !== null && {
      result: { yes: Number(row.yes), no: Number(row.no), status: row.status as CandidateStatus },
    }),
  }));
}

/** A closed review's candidate with its result, and the review it came from. */
export interface Outcome {
  readonly reviewId: number;
  readonly stage: Stage;
  readonly title: TitleId;
  readonly unitId: number | undefined;
  readonly subjectId: string;
  readonly status: CandidateStatus;
  readonly yes: number;
  readonly closedAt: string;
}

/** The results of a year's closed reviews for these subjects (or all), oldest first. */
export async function outcomesOf(
  db: Db,
  filter: { readonly year: number; readonly stage?: Stage; readonly subjectIds?: readonly string[] },
): Promise<Outcome[]> {
  if (filter.subjectIds?.length === 0) return [];
  const rows = await db
    .selectFrom('year_candidates as c')
    .innerJoin('year_reviews as r', 'r.id', 'c.review_id')
    .select(['r.id', 'r.stage', 'r.title', 'r.unit_id', 'r.closed_at', 'c.subject_id', 'c.status', 'c.yes'])
    .where('r.year', '=', filter.year)
    .where('r.closed_at', 'is not', null)
    .where('c.status', 'is not', null)
    .$if(filter.stage !== undefined, (query) => query.where('r.stage', '=', filter.stage!))
    .$if(filter.subjectIds !== undefined, (query) => query.where('c.subject_id', 'in', filter.subjectIds!))
    .orderBy('r.id')
    .orderBy('c.position')
    .execute();
  return rows.map((row) => ({
    reviewId: Number(row.id),
    stage: row.stage as Stage,
    title: row.title as TitleId,
    unitId: row.unit_id === null ? undefined : Number(row.unit_id),
    subjectId: row.subject_id,
    status: row.status as CandidateStatus,
    yes: Number(row.yes),
    closedAt: row.closed_at!,
  }));
}

/**
 * Records a review's count and its candidates' results, once: false when it was already closed (a second close,
 * or the deadline and a commander at once), in which case nothing is written.
 */
export async function saveCount(
  db: Db,
  reviewId: number,
  count: ReviewCount & { readonly by: number | null },
  results: readonly {
    readonly position: number;
    readonly yes: number;
    readonly no: number;
    readonly status: CandidateStatus;
  }[],
  now: Date,
): Promise<boolean> {
  const closed = await db
    .updateTable('year_reviews')
    .set({
      closed_at: now.toISOString(),
      closed_by: count.by,
      members: count.members,
      present: count.present,
      quorum_needed: count.quorumNeeded,
      quorum_met: count.quorumMet ? 1 : 0,
      quota_limit: count.quota?.limit ?? null,
      quota_holders: count.quota?.holders ?? null,
      left_after_voting: count.leftAfterVoting,
    })
    .where('id', '=', reviewId)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  if (Number(closed.numUpdatedRows) === 0) return false;
  for (const result of results)
    await db
      .updateTable('year_candidates')
      .set({ yes: result.yes, no: result.no, status: result.status })
      .where('review_id', '=', reviewId)
      .where('position', '=', result.position)
      .execute();
  return true;
}

/**
 * Takes the review's row lock while it is open (a write that changes nothing): votes and the close of one review
 * run one after another, so a vote never lands between the count and the close. False once it is closed.
 */
export async function lockOpenReview(db: Db, reviewId: number): Promise<boolean> {
  const result = await db
    .updateTable('year_reviews')
    .set((eb) => ({ closes_at: eb.ref('closes_at') }))
    .where('id', '=', reviewId)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The reviews of a scope (a unit's meetings, or the council's), newest first. */
export async function reviewsOfScope(db: Db, stage: Stage, unitId: number | undefined): Promise<Review[]> {
  const rows = await selectReviews(db)
    .where('scope_key', '=', scopeKeyOf(stage, unitId))
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toReview);
}
