/** A local calendar day as "YYYY-MM-DD" (the campaign's time zone decides which day an instant falls on). */
export type IsoDay = string;

/** An inclusive range of local days. */
export interface DayRange {
  readonly from: IsoDay;
  readonly to: IsoDay;
}
