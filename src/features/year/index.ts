/**
 * The year of emulation. Pure rules: titles, their rules by period with citations, eligibility, ballots, quotas,
 * chains across years, and a review stage that ties them together. Use cases, plain functions of
 * `(scope: YearScope, caller, input)` that check authority themselves and know nothing of Telegram: registration,
 * flags, reviews with the year's evidence and a secret ballot, the council, titles across years, the papers'
 * inputs, and the sơ kết / tổng kết paragraph. The roster comes in through the YearRoster port.
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
// The use cases, their inputs and outcomes.
export { BALLOT_RESULT_JOB, type BallotJobDeps, closeDueBallots } from './ballot-job';
export { BALLOT_JOB, type BallotSheet, ballotMessage } from './ballot-message';
export { BALLOT_CALLBACK_PREFIX, type BallotPress, type Choice, parseBallotData } from './ballot-token';
export {
  type ChainMeasure,
  consecutiveYears,
  countsTowardChains,
  type HonourBasis,
  type HonourRecord,
  measureChain,
  yearsHeld,
} from './chains';
export { addToCouncil, councilMembers, openCouncilReview, removeFromCouncil } from './council';
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
export type { CandidateView, MetricTotal, TargetView } from './evidence';
export type { CommendationEvidence } from './evidence-store';
export { type FlagInput, type FlagView, flag, flagsOf, MIN_FLAG_REASON, unflag } from './flags';
export {
  type ChainProspect,
  chainProspects,
  type HeldTitle,
  recordTitleDecision,
  type TitleDecisionInput,
  titlesOf,
} from './honours';
export { applyQuota, type QuotaCandidate, type QuotaOutcome, quotaLimit, quotaOrder } from './quota';
export {
  type PledgeInput,
  type PledgeOutcome,
  pledge,
  type RegisteredPerson,
  type UnitRegistrations,
  unitRegistrations,
} from './registration';
export type { Flag, Registration } from './registration-store';
export {
  type CandidateOutcome,
  type CandidateStatus,
  runStage,
  type Stage,
  type StageInput,
  type StageOutcome,
} from './review';
export {
  closeDueReviews,
  closeReview,
  type ResultCandidate,
  type ReviewResult,
  reviewStatus,
} from './review-close';
export {
  DEFAULT_BALLOT_HOURS,
  MAX_BALLOT_CANDIDATES,
  openReview,
  previewReview,
  type ReviewOpened,
  type ReviewPreview,
  type ReviewRequest,
} from './reviews';
export { type RosterPerson, unitOfSubject, unitSubject, type YearRoster } from './roster-port';
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
export { type CastVoteInput, castVote, type VoteRecorded } from './voting';
export { recordWrittenVotes, type WrittenVotesInput, type WrittenVotesRecorded } from './written-votes';
export { type RosterOf, yearFeature, yearReviewParagraph, yearSettingsOf } from './year-chat';
export {
  type PaperSettings,
  proposalLetterInput,
  proposalListInput,
  registrationListInput,
  reviewMinutesInput,
} from './year-papers';
export { type YearParagraphInput, yearParagraph } from './year-report';
export { rosterForYear, titleOfSheet } from './year-roster';
export {
  type PledgeWindow,
  parsePledgeWindow,
  type YearError,
  type YearResult,
  type YearScope,
  type YearSettings,
} from './year-scope';
