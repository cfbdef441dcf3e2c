/** What other features and layers may use of the tallies: their chat features and the totals' reads. */
export { historyFeature } from './history-chat';
export { tallyFeature } from './tally-chat';
export {
  type MemberMetricRow,
  memberTotals,
  personTotals,
  type UnitMetricRow,
  unitTotals,
  weeklyUnitTotals,
} from './tally-store';
