/** What other features may use of the nominations (the weekly posts and reports list them). */
export { type CommendationLevel, type Nomination, proposalCodes } from './nomination';
export { approvedNominations, pendingNominations } from './nomination-store';
