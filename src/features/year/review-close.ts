/**
 * Closing a review's ballot, at its deadline or by whoever opened it (or an admin); closing twice is harmless.
 * The count takes the review's row lock first, so no vote lands between the count and the close. Then:
 * - who may vote: those issued a ballot at the opening (members then) who have not left since (`electorate`); a
 *   ballot cast by someone who left before the close cannot be told apart from the others, so it stays counted,
 *   with its voter in the base, and the result says how many there were;
 * - the council counts against its whole membership, linked to Telegram or not; its members' paper ballots
 *   (written-votes.ts) add to the chat's: at the meeting they count as present, sent from away only as cast;
 * - each candidate's evidence is read again (a flag recorded during the ballot keeps them out), and the stage is
 *   run (runStage): quorum, share against the rule's base, the quota;
 * - the totals are stored, the choices deleted, and every ballot message's outbox row dropped; the voters' ballot
 *   messages are edited to say the ballot closed.
 */

import type { OfficialName } from '../../files/papers';
import { ok } from '../../kernel/result';
import { dropJobRows, enqueueJobRows } from '../../outbox/outbox-store';
import type { Caller } from '../use-case';
import { electorate, type Membership } from './ballot';
import { BALLOT_JOB, closedBallotText } from './ballot-message';
import { ballotTotals, forgetChoices, votersOf } from './ballot-store';
import { councilMemberships } from './council-store';
import { gatherEvidence, honourRecords, nameOfSubject, type Subject, subjectOfId, titlesThisYear } from './evidence';
import { type CandidateStatus, runStage, type Stage } from './review';
import { candidatesOf, dueReviewIds, findReview, lockOpenReview, type Review, saveCount } from './review-store';
import type { Comparison, Share } from './share';
import { fewestMeeting } from './share';
import type { TitleId } from './titles';
import { forgetWrittenTotals, writtenBallotsOf, writtenTotals } from './written-store';
import { isAdmin, privateLocaleOf, refuse, rulesOf, type YearResult, type YearScope } from './year-scope';

/** A candidate of a review, with the result once counted. */
export interface ResultCandidate {
  readonly position: number;
  readonly subjectId: string;
  readonly name: OfficialName;
  /** The person's position in the unit (chức vụ), from the roster. */
  readonly role?: string;
  readonly onBallot: boolean;
  readonly result?: {
    readonly yes: number;
    readonly no: number;
    /** The count the share is taken over: those who voted, or all members. */
    readonly base: number;
    /** The fewest yes votes that pass. */
    readonly needed: number;
    readonly status: CandidateStatus;
  };
}

/** A review as it stands: who was issued a ballot and how many voted, and once closed, the count. */
export interface ReviewResult {
  readonly reviewId: number;
  readonly stage: Stage;
  readonly year: number;
  readonly title: TitleId;
  readonly unitId?: number;
  readonly openedBy: number;
  readonly openedAt: string;
  readonly closesAt: string;
  /** Ballots issued, and how many of them were cast (who voted is kept, what they voted is not). */
  readonly issued: number;
  readonly voted: number;
  /** The council's paper ballots: at the meeting (present), and sent in writing by absent members. */
  readonly written: { readonly present: number; readonly absent: number };
  readonly closed?: {
    readonly at: string;
    /** Null when it closed at its deadline. */
    readonly by: number | null;
    readonly members: number;
    readonly present: number;
    readonly quorum: Share;
    readonly quorumNeeded: number;
    readonly quorumMet: boolean;
    readonly share: Share;
    readonly comparison: Comparison;
    readonly base: 'present' | 'members';
    readonly quota?: { readonly of: TitleId; readonly share: Share; readonly limit: number; readonly holders: number };
    /** Ballots cast by people who left before the close (see the file's comment). */
    readonly leftAfterVoting: number;
  };
  readonly candidates: readonly ResultCandidate[];
  /** Closing found it already closed: nothing changed. */
  readonly alreadyClosed?: true;
}

/** The count a closed review's shares are taken over: those who voted, or all members, as its rule says. */
export const baseCountOf = (scope: YearScope, review: Review): number | undefined =>
  review.closed &&
  (voteRuleOf(scope, review).vote.base.value === 'members' ? review.closed.members : review.closed.present);

/** The vote rule a review counts by: the rules of its year with the overrides it opened with. */
export function voteRuleOf(scope: YearScope, review: Review) {
  const rule = rulesOf(scope, review.year, review.ruleOverrides)?.titles[review.title];
  const vote = review.stage === 'review' ? rule?.review : rule?.council;
  if (!rule || !vote)
    throw new Error(`review ${review.id}: ${review.title} has no ${review.stage} vote in ${review.year}`);
  return { rule, vote };
}

/** A review's state, read back from the store. */
export async function resultOf(scope: YearScope, review: Review): Promise<ReviewResult> {
  const voters = await votersOf(scope.db, review.id);
  const written = await writtenBallotsOf(scope.db, review.id);
  const candidates = await candidatesOf(scope.db, review.id);
  const { rule, vote } = voteRuleOf(scope, review);
  const closed = review.closed;
  const baseCount = baseCountOf(scope, review);
  const views: ResultCandidate[] = [];
  for (const candidate of candidates) {
    const named = await nameOfSubject(scope, candidate.subjectId);
    views.push({
      position: candidate.position,
      subjectId: candidate.subjectId,
      name: named.name,
      ...(named.position && { role: named.position }),
      onBallot: candidate.onBallot,
      ...(candidate.result &&
        baseCount !== undefined && {
          result: {
            ...candidate.result,
            base: baseCount,
            needed: fewestMeeting(baseCount, vote.share.value, vote.comparison.value),
          },
        }),
    });
  }
  return {
    reviewId: review.id,
    stage: review.stage,
    year: review.year,
    title: review.title,
    ...(review.unitId !== undefined && { unitId: review.unitId }),
    openedBy: review.openedBy,
    openedAt: review.openedAt,
    closesAt: review.closesAt,
    issued: voters.length,
    voted: voters.filter((voter) => voter.voted).length,
    written: {
      present: written.filter((ballot) => ballot.present).length,
      absent: written.filter((ballot) => !ballot.present).length,
    },
    ...(closed && {
      closed: {
        at: closed.at,
        by: closed.by,
        members: closed.members,
        present: closed.present,
        quorum: vote.quorum.value,
        quorumNeeded: closed.quorumNeeded,
        quorumMet: closed.quorumMet,
        share: vote.share.value,
        comparison: vote.comparison.value,
        base: vote.base.value,
        ...(closed.quota &&
          rule.quota && { quota: { of: rule.quota.of, share: rule.quota.share.value, ...closed.quota } }),
        leftAfterVoting: closed.leftAfterVoting,
      },
    }),
    candidates: views,
  };
}

/** Who may vote at the close: the memberships the electorate is taken from. */
async function membershipsAtClose(
  scope: YearScope,
  review: Review,
  voters: readonly { readonly personId: string }[],
): Promise<Membership[]> {
  if (review.stage === 'council')
    return (await councilMemberships(scope.db)).map((row) => ({
      id: row.personId,
      joinedAt: row.addedAt,
      ...(row.removedAt !== null && { leftAt: row.removedAt }),
    }));
  const staying = new Set((await scope.roster.membersAt(review.unitId!, scope.now)).map((member) => member.personId));
  const now = scope.now.toISOString();
  return voters.map((voter) => ({
    id: voter.personId,
    joinedAt: review.openedAt,
    ...(!staying.has(voter.personId) && { leftAt: now }),
  }));
}

/** Counts and closes an open review; undefined when another close got there first. */
async function countAndClose(scope: YearScope, review: Review, by: number | null): Promise<boolean> {
  if (!(await lockOpenReview(scope.db, review.id))) return false;
  const { rule } = voteRuleOf(scope, review);
  const voters = await votersOf(scope.db, review.id);
  const memberships = await membershipsAtClose(scope, review, voters);
  const electors = new Set(electorate(memberships, review.openedAt, scope.now.toISOString()));
  // The council's paper ballots (written-votes.ts): at the meeting they count toward the quorum, from away not.
  const written = await writtenBallotsOf(scope.db, review.id);
  const writtenSums = await writtenTotals(scope.db, review.id);
  const leftAfterVoting =
    voters.filter((voter) => voter.voted && !electors.has(voter.personId)).length +
    written.filter((ballot) => !electors.has(ballot.personId)).length;
  const members = electors.size + leftAfterVoting;
  const present = voters.filter((voter) => voter.voted).length + written.filter((ballot) => ballot.present).length;
  const chat = await ballotTotals(scope.db, review.id);
  const votes = new Map<number, { yes: number; no: number }>();
  for (const position of new Set([...chat.votes.keys(), ...writtenSums.keys()]))
    votes.set(position, {
      yes: (chat.votes.get(position)?.yes ?? 0) + (writtenSums.get(position)?.yes ?? 0),
      no: (chat.votes.get(position)?.no ?? 0) + (writtenSums.get(position)?.no ?? 0),
    });
  const totals = { cast: chat.cast + written.length, votes };

  const candidates = await candidatesOf(scope.db, review.id);
  const subjects: Subject[] = [];
  for (const candidate of candidates) {
    const subject = await subjectOfId(scope, candidate.subjectId);
    if (subject) subjects.push(subject);
  }
  const evidence = await gatherEvidence(scope, { year: review.year, rule, subjects });
  const records = await honourRecords(
    scope,
    candidates.map((candidate) => candidate.subjectId),
  );
  let quotaHolders: number | undefined;
  if (review.stage === 'review' && rule.quota && review.unitId !== undefined) {
    const members = await scope.roster.membersAt(review.unitId, scope.now);
    const held = await titlesThisYear(
      scope,
      review.year,
      members.map((member) => member.personId),
    );
    quotaHolders = [...held.values()].filter((titles) => titles.has(rule.quota!.of)).length;
  }
  const outcome = runStage({
    rule,
    stage: review.stage,
    year: review.year,
    candidates: evidence.map((view) => view.evidence),
    records,
    tally: {
      members,
      present,
      cast: totals.cast,
      votes: candidates
        .filter((candidate) => candidate.onBallot)
        .map((candidate) => ({
          candidateId: candidate.subjectId,
          yes: totals.votes.get(candidate.position)?.yes ?? 0,
          no: totals.votes.get(candidate.position)?.no ?? 0,
        })),
    },
    ...(quotaHolders !== undefined && { quotaHolders }),
  });
  const statusOf = new Map(outcome.candidates.map((each) => [each.subjectId, each.status]));
  const saved = await saveCount(
    scope.db,
    review.id,
    {
      by,
      members,
      present,
      quorumNeeded: outcome.ballot.quorumNeeded,
      quorumMet: outcome.ballot.quorumMet,
      ...(outcome.quota && { quota: { limit: outcome.quota.limit, holders: outcome.quota.holders } }),
      leftAfterVoting,
    },
    candidates.map((candidate) => ({
      position: candidate.position,
      yes: totals.votes.get(candidate.position)?.yes ?? 0,
      no: totals.votes.get(candidate.position)?.no ?? 0,
      status: statusOf.get(candidate.subjectId) ?? 'ineligible',
    })),
    scope.now,
  );
  if (!saved) return false;
  await forgetChoices(scope.db, review.id);
  await forgetWrittenTotals(scope.db, review.id);
  const sent = await dropJobRows(scope.db, { job: BALLOT_JOB, period: String(review.id) });
  const edits = [];
  for (const message of sent) {
    const locale = await privateLocaleOf(scope, message.chatId);
    edits.push({
      kind: 'edit' as const,
      period: `${review.id}.closed`,
      chatId: message.chatId,
      html: closedBallotText(locale, review),
      payload: { messageId: message.messageId, keyboard: [], forget: true as const },
    });
  }
  await enqueueJobRows(scope.db, BALLOT_JOB, edits, scope.now);
  return true;
}

/** Closes a review's ballot now: its opener or an admin. A second close answers with the result, changing nothing. */
export async function closeReview(
  scope: YearScope,
  caller: Caller,
  input: { readonly reviewId: number },
): Promise<YearResult<ReviewResult>> {
  const review = await findReview(scope.db, input.reviewId);
  if (!review) return refuse({ kind: 'year.error.unknownReview' });
  if (review.openedBy !== caller.userId && !(await isAdmin(scope, caller.userId)))
    return refuse({ kind: 'year.error.notOpener' });
  const closedNow = !review.closed && (await countAndClose(scope, review, caller.userId));
  const result = await resultOf(scope, (await findReview(scope.db, review.id))!);
  return ok(closedNow ? result : { ...result, alreadyClosed: true });
}

/** Closes every review whose deadline has come (the scheduler's job); returns their results. */
export async function closeDueReviews(scope: YearScope): Promise<ReviewResult[]> {
  const results: ReviewResult[] = [];
  for (const id of await dueReviewIds(scope.db, scope.now)) {
    const review = await findReview(scope.db, id);
    if (review && (await countAndClose(scope, review, null)))
      results.push(await resultOf(scope, (await findReview(scope.db, id))!));
  }
  return results;
}

/** Where a review stands (open: how many voted; closed: the count), for a commander of its unit or an admin. */
export async function reviewStatus(
  scope: YearScope,
  caller: Caller,
  input: { readonly reviewId: number },
): Promise<YearResult<ReviewResult>> {
  const review = await findReview(scope.db, input.reviewId);
  if (!review) return refuse({ kind: 'year.error.unknownReview' });
  const allowed =
    review.unitId === undefined
      ? await isAdmin(scope, caller.userId)
      : await scope.directory.commands(caller.userId, review.unitId);
  if (!allowed)
    return refuse({ kind: review.unitId === undefined ? 'year.error.notAdmin' : 'year.error.notCommander' });
  return ok(await resultOf(scope, review));
}
