/**
 * The year of emulation, as pure rules: titles, their rules by period with citations, eligibility, ballots,
 * quotas, chains across years, and a review stage that ties them together. No database, no Telegram.
 */
export {
  type BallotResult,
  type BallotTally,
  type CandidateResult,
  type CandidateVotes,
  countBallot,
  electorate,
  type Membership,
} from './ballot';
export {
  type ChainMeasure,
  consecutiveYears,
  countsTowardChains,
  type HonourBasis,
  type HonourRecord,
  measureChain,
  yearsHeld,
} from './chains';
export {
  type CandidateEvidence,
  type Check,
  type CheckKind,
  type CheckOutcome,
  type CollectiveEvidence,
  checkEligibility,
  type Eligibility,
  type IndividualEvidence,
} from './eligibility';
export { applyQuota, type QuotaCandidate, type QuotaOutcome, quotaLimit, quotaOrder } from './quota';
export {
  type CandidateOutcome,
  type CandidateStatus,
  runStage,
  type Stage,
  type StageInput,
  type StageOutcome,
} from './review';
export {
  applyOverride,
  parseRuleOverrides,
  type RuleOverrides,
  rulesForYear,
  type ShareInput,
  type TitleOverride,
  type VoteOverride,
} from './rule-overrides';
export {
  type ActId,
  type Citation,
  DEFAULT_RULE_SETS,
  DISCIPLINES,
  type Discipline,
  type Figure,
  FLAG_KINDS,
  type FlagKind,
  RATINGS,
  type Rating,
  type RuleSet,
  ruleSetForYear,
  ruleSetOn,
  type TitleRule,
  unverifiedFigures,
  type VoteRule,
} from './rules';
export { type Comparison, fewestMeeting, meets, parseShare, percentOf, type Share } from './share';
export { COLLECTIVE_TITLES, INDIVIDUAL_TITLES, isTitleId, subjectOf, TITLES, type TitleId } from './titles';
