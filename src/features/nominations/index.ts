/** What other features use of the nominations: the commendation's shape and wording, and who may read a record. */
export type { DecisionRecord, Nomination } from './nomination';
export { proposalCodes } from './nomination';
export { phraseOf } from './nomination-cards';
export { mayReadRecordOf } from './nomination-service';
export { commendationsOf, latestDecisionRecords } from './nomination-store';
