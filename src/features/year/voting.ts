import { ok } from '../../kernel/result';
import { enqueueJobRows, sentMessageOf } from '../../outbox/outbox-store';
import type { Caller } from '../use-case';
import { BALLOT_JOB, type BallotSheet, ballotMessage } from './ballot-message';
import { choicesOf, findVoter, recordChoice } from './ballot-store';
import { type BallotPress, type Choice, voterCheckOf } from './ballot-token';
import { nameOfSubject } from './evidence';
import { candidatesOf, findReview, lockOpenReview } from './review-store';
import { editPeriodOf } from './reviews';
import { writtenBallotsOf } from './written-store';
import { privateLocaleOf, refuse, type YearResult, type YearScope } from './year-scope';

export interface CastVoteInput extends BallotPress {
  /** The chat the button was pressed in (the callback query's message's chat). */
  readonly chatId: number;
  /** The message the button was on. */
  readonly messageId: number;
}

export interface VoteRecorded {
  readonly reviewId: number;
  /** The candidate's number on the ballot, from 1. */
  readonly number: number;
  readonly choice: Choice;
  /** False when the press repeated the standing choice: nothing was written. */
  readonly changed: boolean;
}

/** Records one press of a ballot's button (see the file's comment for what is checked). */
export async function castVote(
  scope: YearScope,
  caller: Caller,
  input: CastVoteInput,
): Promise<YearResult<VoteRecorded>> {
  const review = await findReview(scope.db, input.reviewId);
  if (!review) return refuse({ kind: 'year.error.notYourBallot' });
  if (review.closed || new Date(review.closesAt) <= scope.now) return refuse({ kind: 'year.error.ballotClosed' });
  if (input.chatId !== caller.userId) return refuse({ kind: 'year.error.notYourBallot' });
  const voter = await findVoter(scope.db, review.id, caller.userId);
  if (!voter || voter.tokenCheck !== voterCheckOf(input.token, caller.userId))
    return refuse({ kind: 'year.error.notYourBallot' });
  if ((await writtenBallotsOf(scope.db, review.id)).some((ballot) => ballot.personId === voter.personId))
    return refuse({ kind: 'year.error.votedInWriting' });
  const sent = await sentMessageOf(scope.db, { job: BALLOT_JOB, period: String(review.id), chatId: caller.userId });
  if (sent !== input.messageId) return refuse({ kind: 'year.error.notYourBallot' });
  const onBallot = (await candidatesOf(scope.db, review.id)).filter((candidate) => candidate.onBallot);
  const number = onBallot.findIndex((candidate) => candidate.position === input.position) + 1;
  if (number === 0) return refuse({ kind: 'year.error.notYourBallot' });
  if (!(await lockOpenReview(scope.db, review.id))) return refuse({ kind: 'year.error.ballotClosed' });

  const choices = await choicesOf(scope.db, review.id, input.token);
  if (choices.get(input.position) === input.choice)
    return ok({ reviewId: review.id, number, choice: input.choice, changed: false });
  await recordChoice(scope.db, review.id, {
    token: input.token,
    position: input.position,
    choice: input.choice,
    userId: caller.userId,
  });
  choices.set(input.position, input.choice);

  const names = [];
  for (const candidate of onBallot)
    names.push({ position: candidate.position, name: (await nameOfSubject(scope, candidate.subjectId)).name });
  const unitName = review.unitId === undefined ? '' : ((await scope.directory.units()).byId(review.unitId)?.name ?? '');
  const sheet: BallotSheet = {
    reviewId: review.id,
    stage: review.stage,
    year: review.year,
    title: review.title,
    unitName,
    closesAt: new Date(review.closesAt),
    timeZone: scope.config.timeZone,
    candidates: names,
  };
  const locale = await privateLocaleOf(scope, caller.userId);
  const { html, keyboard } = ballotMessage(locale, sheet, input.token, choices);
  await enqueueJobRows(
    scope.db,
    BALLOT_JOB,
    [
      {
        kind: 'edit',
        period: editPeriodOf(review.id),
        chatId: caller.userId,
        html,
        expiresAt: new Date(review.closesAt),
        payload: { messageId: input.messageId, keyboard, forget: true },
      },
    ],
    scope.now,
  );
  return ok({ reviewId: review.id, number, choice: input.choice, changed: true });
}
