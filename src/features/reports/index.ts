/** What other features and layers may use of the reports: targets so far, the export's writer and requests. */
export { writeExport } from './export';
export {
  type ClaimedExport,
  claimExport,
  EXPORT_REQUESTED_HOOK,
  finishExport,
  forgetSentExportFiles,
  releaseExport,
  renewExportLease,
} from './export-request-store';
export { loadMonthTargets, type MonthTargetData, type MonthTargets, monthTargetsOf } from './month-targets';
export { composeReport, exportOf, type UnitRefusal } from './report-service';
export { targetSection, writeReportParagraph } from './report-text';
export { reportsFeature, type YearReviewParagraph } from './reports-chat';
