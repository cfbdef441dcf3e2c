/**
 * One stage of a title's review, from evidence to proposals: the unit's meeting (`review`) or the council of the
 * issuing level (`council`). Each candidate is checked against the rules, the closed ballot is counted, and the
 * quota takes those who passed in order. A candidate is proposed only when eligible, passed the vote with its
 * quorum, and fits the quota: a flagged candidate never is, whatever the votes.
 */
import { type BallotResult, type BallotTally, type CandidateResult, countBallot } from './ballot';
import { consecutiveYears, type HonourRecord } from './chains';
import { type CandidateEvidence, checkEligibility, type Eligibility } from './eligibility';
import { applyQuota, type QuotaOutcome } from './quota';
import type { TitleRule } from './rules';

export type Stage = 'review' | 'council';

export type CandidateStatus =
  | 'proposed'
  | 'ineligible'
  | 'not-voted'
  | 'no-quorum'
  | 'not-passed'
  | 'tied'
  | 'over-quota';

export interface StageInput {
  readonly rule: TitleRule;
  readonly stage: Stage;
  readonly year: number;
  readonly candidates: readonly CandidateEvidence[];
  /** Every title across the years, of everyone: chains and seniority are read from it by subject. */
  readonly records: readonly HonourRecord[];
  /** The closed ballot's totals, one entry per candidate by `subjectId`. */
  readonly tally: BallotTally;
  /** Holders of the quota's base title this year (the unit's CSTT): required at the unit's meeting of a title with a quota. */
  readonly quotaHolders?: number;
}

export interface CandidateOutcome {
  readonly subjectId: string;
  readonly status: CandidateStatus;
  readonly eligibility: Eligibility;
  readonly votes?: CandidateResult;
}

export interface StageOutcome {
  readonly stage: Stage;
  readonly year: number;
  readonly ballot: BallotResult;
  readonly quota?: QuotaOutcome & { readonly holders: number };
  readonly candidates: readonly CandidateOutcome[];
  /** Subject ids proposed, in the quota's order (or the input's where there is no quota). */
  readonly proposed: readonly string[];
}

/** Runs one stage. Throws when the rule has no vote at this stage, or a quota's holders are missing: bugs. */
export function runStage(input: StageInput): StageOutcome {
  const { rule, stage, year, records } = input;
  const voteRule = stage === 'review' ? rule.review : rule.council;
  if (!voteRule) throw new RangeError(`${rule.title} is not voted at the ${stage} stage`);
  const ballot = countBallot(voteRule, input.tally);
  const votesOf = new Map(ballot.candidates.map((result) => [result.candidateId, result]));
  const checked = input.candidates.map((candidate) => ({
    candidate,
    eligibility: checkEligibility(rule, candidate, year, records),
    votes: votesOf.get(candidate.subjectId),
  }));
  const passed = checked.filter(({ eligibility, votes }) => eligibility.eligible && votes?.passed);

  let quota: StageOutcome['quota'];
  if (rule.quota && (stage === 'review' || input.quotaHolders !== undefined)) {
    if (input.quotaHolders === undefined) throw new RangeError(`${rule.title}: the quota's holders are needed`);
    const of = rule.quota.of;
    const outcome = applyQuota(
      rule.quota,
      input.quotaHolders,
      passed.map(({ candidate, votes }) => ({
        candidateId: candidate.subjectId,
        yes: votes!.yes,
        base: votes!.base,
        seniority: consecutiveYears(records, candidate.subjectId, of, year - 1),
        ...(candidate.registeredAt !== undefined && { registeredAt: candidate.registeredAt }),
      })),
    );
    quota = { ...outcome, holders: input.quotaHolders };
  }

  const candidates = checked.map(({ candidate, eligibility, votes }): CandidateOutcome => {
    const status = statusOf(eligibility, votes, ballot.quorumMet, quota, candidate.subjectId);
    return { subjectId: candidate.subjectId, status, eligibility, ...(votes && { votes }) };
  });
  const proposed = quota
    ? quota.proposed
    : candidates.filter((outcome) => outcome.status === 'proposed').map((outcome) => outcome.subjectId);
  return { stage, year, ballot, ...(quota && { quota }), candidates, proposed };
}

function statusOf(
  eligibility: Eligibility,
  votes: CandidateResult | undefined,
  quorumMet: boolean,
  quota: QuotaOutcome | undefined,
  subjectId: string,
): CandidateStatus {
  if (!eligibility.eligible) return 'ineligible';
  if (!votes) return 'not-voted';
  if (!quorumMet) return 'no-quorum';
  if (!votes.passed) return 'not-passed';
  if (quota?.tied.includes(subjectId)) return 'tied';
  if (quota?.overQuota.includes(subjectId)) return 'over-quota';
  return 'proposed';
}
