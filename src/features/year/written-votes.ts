/**
 * Paper ballots at the council (Hội đồng Thi đua – Khen thưởng): a member absent from the meeting may send a
 * written vote, and a member without Telegram votes on paper. The admin (or the council's secretary, as an admin)
 * enters them after opening them, as a batch: who sent them (council members at the opening, still members, who
 * have not voted in chat and have no paper ballot yet), whether they were at the meeting, and the sums of yes and
 * no for each candidate in the ballot's order. Their chat ballot, if they have one, takes no press after that.
 *
 * Secrecy: the bot stores who sent a paper ballot apart from the sums, which are added in place (written-store.ts);
 * nothing ties one member to one choice. At the close the sums join the chat's totals; paper ballots of members at
 * the meeting count toward the quorum, written votes sent from away only toward the ballots cast (and so toward a
 * share of the whole membership, as the council counts).
 */
import { ok } from '../../kernel/result';
import type { Caller } from '../use-case';
import { electorate } from './ballot';
import { votersOf } from './ballot-store';
import { councilMemberships } from './council-store';
import { candidatesOf, findReview, lockOpenReview } from './review-store';
import { addWrittenBallots, writtenBallotsOf } from './written-store';
import { isAdmin, refuse, type YearResult, type YearScope } from './year-scope';

export interface WrittenVotesInput {
  readonly reviewId: number;
  /** The members whose paper ballots these are (roster person ids). */
  readonly personIds: readonly string[];
  /** At the meeting (paper ballots in the room), or written votes sent from away. */
  readonly present: boolean;
  /** The sums of the batch, one per candidate in the ballot's order. */
  readonly votes: readonly { readonly yes: number; readonly no: number }[];
}

export interface WrittenVotesRecorded {
  readonly reviewId: number;
  readonly recorded: number;
  /** Paper ballots of the review so far, this batch included. */
  readonly total: number;
}

/** Records a batch of the council's paper ballots (an admin), while its vote is open. */
export async function recordWrittenVotes(
  scope: YearScope,
  caller: Caller,
  input: WrittenVotesInput,
): Promise<YearResult<WrittenVotesRecorded>> {
  if (!(await isAdmin(scope, caller.userId))) return refuse({ kind: 'year.error.notAdmin' });
  const review = await findReview(scope.db, input.reviewId);
  if (!review) return refuse({ kind: 'year.error.unknownReview' });
  if (review.stage !== 'council') return refuse({ kind: 'year.error.writtenCouncilOnly' });
  if (review.closed || new Date(review.closesAt) <= scope.now) return refuse({ kind: 'year.error.ballotClosed' });
  const personIds = [...new Set(input.personIds)];
  const onBallot = (await candidatesOf(scope.db, review.id)).filter((candidate) => candidate.onBallot);
  const countsFit =
    personIds.length > 0 &&
    personIds.length === input.personIds.length &&
    input.votes.length === onBallot.length &&
    input.votes.every(
      ({ yes, no }) =>
        Number.isInteger(yes) && Number.isInteger(no) && yes >= 0 && no >= 0 && yes + no <= personIds.length,
    );
  if (!countsFit)
    return refuse({ kind: 'year.error.writtenCounts', ballots: personIds.length, candidates: onBallot.length });
  const memberships = (await councilMemberships(scope.db)).map((row) => ({
    id: row.personId,
    joinedAt: row.addedAt,
    ...(row.removedAt !== null && { leftAt: row.removedAt }),
  }));
  const electors = new Set(electorate(memberships, review.openedAt, scope.now.toISOString()));
  if (personIds.some((personId) => !electors.has(personId))) return refuse({ kind: 'year.error.notCouncilVoter' });
  const already = new Set((await writtenBallotsOf(scope.db, review.id)).map((ballot) => ballot.personId));
  if (personIds.some((personId) => already.has(personId))) return refuse({ kind: 'year.error.writtenTwice' });
  const votedInChat = new Set(
    (await votersOf(scope.db, review.id)).filter((voter) => voter.voted).map((voter) => voter.personId),
  );
  if (personIds.some((personId) => votedInChat.has(personId))) return refuse({ kind: 'year.error.votedInChat' });
  if (!(await lockOpenReview(scope.db, review.id))) return refuse({ kind: 'year.error.ballotClosed' });
  await addWrittenBallots(scope.db, review.id, {
    ballots: personIds.map((personId) => ({ personId, present: input.present })),
    sums: onBallot.map((candidate, index) => ({ position: candidate.position, ...input.votes[index]! })),
    by: caller.userId,
    now: scope.now,
  });
  return ok({ reviewId: review.id, recorded: personIds.length, total: already.size + personIds.length });
}
