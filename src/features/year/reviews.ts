/**
 * The unit's review meeting (bình xét, §3–4): a commander opens a review of a title for the unit's registered
 * candidates, each shown with the year's evidence and checked against the rules in force on 31 December; the
 * eligible ones go on a secret ballot sent privately to each active member with a linked Telegram account.
 * The council's reviews (council.ts) open their ballots the same way.
 */
import { randomBytes } from 'node:crypto';
import { ok } from '../../kernel/result';
import { enqueueJobRows } from '../../outbox/outbox-store';
import type { Caller } from '../use-case';
import { BALLOT_JOB, type BallotSheet, ballotMessage } from './ballot-message';
import { issueBallots } from './ballot-store';
import { newBallotToken } from './ballot-token';
import { type CandidateView, gatherEvidence, registeredFor, type TargetView, unitTargets } from './evidence';
import { registrationsOf } from './registration-store';
import type { Stage } from './review';
import { findOpenReview, insertReview } from './review-store';
import type { RosterPerson } from './roster-port';
import type { TitleRule } from './rules';
import { subjectOf, type TitleId } from './titles';
import { privateLocaleOf, refuse, reviewYearOf, type YearResult, type YearScope } from './year-scope';

/** Two buttons a candidate: Telegram shows at most 100 on a message. */
export const MAX_BALLOT_CANDIDATES = 45;
/** How long a ballot stays open unless told. */
export const DEFAULT_BALLOT_HOURS = 48;

export interface ReviewRequest {
  readonly unitId: number;
  readonly title: TitleId;
  /** This year by default; this year or the last (a year-end review held in January). */
  readonly year?: number;
}

/** A review's candidates and the unit's year, before or as it opens. */
export interface ReviewPreview {
  readonly year: number;
  readonly title: TitleId;
  /** The rule set in force on 31 December of the year. */
  readonly ruleSet: string;
  readonly rule: TitleRule;
  /** Every registered member considered, eligible or not, with the evidence. */
  readonly candidates: readonly CandidateView[];
  /** The unit's subtree's totals of the year against its yearly targets. */
  readonly targets: readonly TargetView[];
  /** Active members without a linked Telegram account: they get no ballot. */
  readonly unlinked: readonly RosterPerson[];
}

export interface ReviewOpened extends ReviewPreview {
  readonly reviewId: number;
  readonly closesAt: string;
  /** Ballots sent. */
  readonly voters: number;
}

/** Checks a unit review's request; gathers its candidates' evidence and the unit's members. */
async function prepareUnitReview(
  scope: YearScope,
  caller: Caller,
  request: ReviewRequest,
): Promise<YearResult<ReviewPreview & { readonly members: readonly RosterPerson[]; readonly unitName: string }>> {
  const held = reviewYearOf(scope, request.year);
  if (!held.ok) return held;
  const { year, rules } = held.value;
  const rule = rules.titles[request.title];
  if (subjectOf(request.title) === 'collective' || !rule.review)
    return refuse({ kind: 'year.error.notVotedHere', title: request.title });
  const unit = (await scope.directory.units()).byId(request.unitId);
  if (!unit || unit.retiredAt) return refuse({ kind: 'year.error.unknownUnit' });
  if (!(await scope.directory.commands(caller.userId, unit.id))) return refuse({ kind: 'year.error.notCommander' });
  const members = await scope.roster.membersAt(unit.id, scope.now);
  const registrations = await registrationsOf(scope.db, {
    year,
    subjectIds: members.map((member) => member.personId),
  });
  // In the order they registered: the ballot's, and the list's.
  const people = registrations
    .filter((registration) => registeredFor(registration, request.title))
    .flatMap((registration) => members.filter((member) => member.personId === registration.subjectId));
  const candidates = await gatherEvidence(scope, {
    year,
    rule,
    subjects: people.map((person) => ({ kind: 'individual', person })),
  });
  return ok({
    year,
    title: request.title,
    ruleSet: rules.id,
    rule,
    candidates,
    targets: await unitTargets(scope, unit.id, year),
    unlinked: members.filter((member) => member.userId === undefined),
    members,
    unitName: unit.name,
  });
}

/** The candidates a review would have, with their evidence, without opening it (a commander of the unit). */
export async function previewReview(
  scope: YearScope,
  caller: Caller,
  request: ReviewRequest,
): Promise<YearResult<ReviewPreview>> {
  const prepared = await prepareUnitReview(scope, caller, request);
  if (!prepared.ok) return prepared;
  const { members: _, unitName: __, ...preview } = prepared.value;
  return ok(preview);
}

/** Opens a unit's review of a title, and sends each active, linked member a private ballot. */
export async function openReview(
  scope: YearScope,
  caller: Caller,
  input: ReviewRequest & { readonly closesAt?: Date },
): Promise<YearResult<ReviewOpened>> {
  const prepared = await prepareUnitReview(scope, caller, input);
  if (!prepared.ok) return prepared;
  const { members, unitName, ...preview } = prepared.value;
  const started = await startBallot(scope, caller, {
    stage: 'review',
    year: preview.year,
    title: preview.title,
    unitId: input.unitId,
    unitName,
    candidates: preview.candidates,
    voters: members.filter((member) => member.userId !== undefined),
    ...(input.closesAt && { closesAt: input.closesAt }),
  });
  if (!started.ok) return started;
  return ok({ ...preview, ...started.value });
}

/**
 * Opens a review's ballot: the eligible candidates go on it, in order; each voter gets a random token, carried
 * only in their own ballot's buttons (the outbox row forgets them once sent), and never stored.
 */
export async function startBallot(
  scope: YearScope,
  caller: Caller,
  ballot: {
    readonly stage: Stage;
    readonly year: number;
    readonly title: TitleId;
    readonly unitId?: number;
    readonly unitName: string;
    readonly candidates: readonly CandidateView[];
    /** Active people with a linked account. */
    readonly voters: readonly RosterPerson[];
    readonly closesAt?: Date;
  },
): Promise<YearResult<{ readonly reviewId: number; readonly closesAt: string; readonly voters: number }>> {
  const closesAt = ballot.closesAt ?? new Date(scope.now.getTime() + DEFAULT_BALLOT_HOURS * 3600_000);
  if (closesAt <= scope.now) return refuse({ kind: 'year.error.deadlinePassed' });
  const onBallot = ballot.candidates.filter((candidate) => candidate.eligibility.eligible);
  if (onBallot.length === 0) return refuse({ kind: 'year.error.noCandidates', title: ballot.title });
  if (onBallot.length > MAX_BALLOT_CANDIDATES)
    return refuse({ kind: 'year.error.tooManyCandidates', count: onBallot.length, max: MAX_BALLOT_CANDIDATES });
  if (ballot.voters.length === 0) return refuse({ kind: 'year.error.noVoters' });
  const open = await findOpenReview(scope.db, {
    stage: ballot.stage,
    year: ballot.year,
    title: ballot.title,
    ...(ballot.unitId !== undefined && { unitId: ballot.unitId }),
  });
  if (open) return refuse({ kind: 'year.error.reviewOpen', title: ballot.title });

  const candidates = ballot.candidates.map((candidate, position) => ({
    position,
    subjectId: candidate.subjectId,
    onBallot: candidate.eligibility.eligible,
  }));
  const reviewId = await insertReview(
    scope.db,
    {
      stage: ballot.stage,
      year: ballot.year,
      title: ballot.title,
      unitId: ballot.unitId,
      ruleOverrides: scope.settings.ruleOverrides ?? {},
      openedBy: caller.userId,
      closesAt: closesAt.toISOString(),
    },
    candidates,
    scope.now,
  );
  const sheet: BallotSheet = {
    reviewId,
    stage: ballot.stage,
    year: ballot.year,
    title: ballot.title,
    unitName: ballot.unitName,
    closesAt,
    timeZone: scope.config.timeZone,
    candidates: candidates
      .filter((candidate) => candidate.onBallot)
      .map((candidate) => ({ position: candidate.position, name: ballot.candidates[candidate.position]!.name })),
  };
  const issued = ballot.voters.map((voter) => ({
    userId: voter.userId!,
    personId: voter.personId,
    token: newBallotToken(),
  }));
  await issueBallots(
    scope.db,
    reviewId,
    issued,
    sheet.candidates.map((candidate) => candidate.position),
  );
  const rows = [];
  for (const voter of issued) {
    const { html, keyboard } = ballotMessage(await privateLocaleOf(scope, voter.userId), sheet, voter.token);
    rows.push({
      kind: 'message' as const,
      period: String(reviewId),
      chatId: voter.userId,
      html,
      expiresAt: closesAt,
      payload: { keyboard, forget: true as const },
    });
  }
  await enqueueJobRows(scope.db, BALLOT_JOB, rows, scope.now);
  return ok({ reviewId, closesAt: closesAt.toISOString(), voters: issued.length });
}

/** A period for a ballot's edit: unique per press, and naming nothing. */
export const editPeriodOf = (reviewId: number): string => `${reviewId}.${randomBytes(8).toString('hex')}`;
