/**
 * What the chat doors look up around the use cases: the reviews open in a unit (or at the council) for
 * /closeballot, a unit's latest closed review for its minutes, and who a title decision is for when the admin names
 * nobody: those the council proposed, or, for a title the council does not vote on, the units.
 */
import { ok } from '../../kernel/result';
import type { Caller } from '../use-case';
import type { Stage } from './review';
import { outcomesOf, type Review, reviewsOfScope } from './review-store';
import type { TitleId } from './titles';
import { isAdmin, refuse, rulesOf, type YearResult, type YearScope } from './year-scope';

/** The open reviews of a unit (a commander of it) or of the council (an admin), newest first. */
export async function openReviewsHere(
  scope: YearScope,
  caller: Caller,
  where: { readonly unitId?: number },
): Promise<YearResult<readonly Review[]>> {
  const stage: Stage = where.unitId === undefined ? 'council' : 'review';
  const allowed =
    where.unitId === undefined
      ? await isAdmin(scope, caller.userId)
      : await scope.directory.commands(caller.userId, where.unitId);
  if (!allowed) return refuse({ kind: where.unitId === undefined ? 'year.error.notAdmin' : 'year.error.notCommander' });
  return ok((await reviewsOfScope(scope.db, stage, where.unitId)).filter((review) => !review.closed));
}

/** The latest closed review of a unit (or the council's), if any. */
export async function lastClosedReview(
  scope: YearScope,
  where: { readonly unitId?: number; readonly year?: number },
): Promise<Review | undefined> {
  const stage: Stage = where.unitId === undefined ? 'council' : 'review';
  return (await reviewsOfScope(scope.db, stage, where.unitId)).find(
    (review) => review.closed && (where.year === undefined || review.year === where.year),
  );
}

/**
 * The subjects proposed for a title in a year, in the order they were proposed: by the council when the title's
 * rules have a council vote, else by the units' reviews.
 */
export async function proposedSubjects(
  scope: YearScope,
  input: { readonly year: number; readonly title: TitleId },
): Promise<readonly string[]> {
  const rule = rulesOf(scope, input.year)?.titles[input.title];
  const stage: Stage = rule?.council ? 'council' : 'review';
  const outcomes = await outcomesOf(scope.db, { year: input.year, stage });
  return [
    ...new Set(
      outcomes
        .filter((outcome) => outcome.title === input.title && outcome.status === 'proposed')
        .map((outcome) => outcome.subjectId),
    ),
  ];
}
