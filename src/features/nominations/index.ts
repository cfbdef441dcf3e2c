/** What other features use of the nominations: the commendation's shape and wording, and who may read a record. */
export type { CommendationLevel, DecisionRecord, Nomination } from './nomination';
export { isProposal, MIN_REASON_LENGTH, proposalCodes, type Recommendation } from './nomination';
export { cardLink, phraseOf } from './nomination-cards';
export {
  choicesOn,
  decideAtLevel,
  mayReadRecordOf,
  type NominationChoices,
  type NominationRefusal,
  nominationsWaitingFor,
  recommendUpward,
  rejectNomination,
} from './nomination-service';
export {
  approvedNominations,
  commendationsOf,
  latestDecisionRecords,
  pendingNominations,
} from './nomination-store';
export { nominationsFeature } from './nominations-chat';
