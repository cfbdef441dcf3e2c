/** What other features use of the nominations: the commendation's shape and wording, and who may read a record. */
export type { CommendationLevel, DecisionRecord, Nomination } from './nomination';
export { proposalCodes } from './nomination';
export { phraseOf } from './nomination-cards';
export { mayReadRecordOf } from './nomination-service';
export {
  approvedNominations,
  commendationsOf,
  latestDecisionRecords,
  pendingNominations,
} from './nomination-store';
export { nominationsFeature } from './nominations-chat';
