/**
 * The roster (issue 16): people as the organisation knows them. What other features and the chat side use.
 */

export type { StoredPerson } from './import-plan';
export {
  applyImport,
  cancelImport,
  type DryRun,
  dryRunImport,
  IMPORT_WINDOW_MS,
  type ImportApplied,
  type ImportError,
} from './import-roster';
export { MAX_SHEET_ROWS } from './import-sheets';
export {
  decideLink,
  findPersonFor,
  type LinkError,
  type LinkedPerson,
  type LinkRequestFiled,
  linkOnSight,
  linkPerson,
  requestLink,
  unlinkPerson,
} from './linking';
export { canonicalRank, officialName, POLICE_RANKS } from './official-name';
export { exportRosterChat, invitedUnitOf, isRosterExport, rosterFeature } from './roster-chat';
export { exportRoster, writeImportTemplate } from './roster-export';
export {
  findPerson,
  findPersonByAccount,
  lastEntryDays,
  type OfficialPerson,
  officialPeopleOf,
  type PastCommendation,
  pastCommendationsOf,
  purgeExpiredImports,
  silenceByUnit,
  type UnitSilence,
} from './roster-store';
export { dryRunText, rosterErrorText, rosterListingText, rowProblemText } from './roster-text';
export {
  type LinkStatus,
  listRoster,
  maySeeDetails,
  type PersonCard,
  type RosterListing,
  viewPerson,
} from './roster-view';
export { importedCommendationsOf, peopleOfUnitOn } from './year-roster-store';
