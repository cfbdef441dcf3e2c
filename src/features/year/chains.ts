/**
 * Titles across years. A chain (three consecutive CSTĐCS for the ministry's title) is counted by person: the unit a
 * title was earned in plays no part, so a transfer does not break it. Only the year's emulation titles count: a
 * commendation of a thematic or sudden campaign (chuyên đề, đột xuất), like this bot's own, never does, and a year
 * counts once however many records it has (one achievement, one reward).
 */
import type { ChainRule } from './rules';
import { isTitleId, type TitleId } from './titles';

/** Why a title or commendation was given: the year's emulation (`annual`), a campaign's theme, or one deed. */
export type HonourBasis = 'annual' | 'thematic' | 'sudden';

/** A title or commendation a person (or unit) received for a year: from a decision, or the roster's history sheet. */
export interface HonourRecord {
  /** The person (or unit) it was given to. */
  readonly subjectId: string;
  readonly year: number;
  /** A title id, or a commendation's code (which never counts toward a chain). */
  readonly title: string;
  readonly basis: HonourBasis;
  /** The unit the person was in that year: shown on papers, never used to count. */
  readonly unitId?: string;
  /** The decision as the office's sheet wrote it (number, YYYY-MM-DD, issuing level): shown, never used to count. */
  readonly sheet?: { readonly number?: string; readonly date?: string; readonly level?: string };
}

/** Whether a record can carry a chain: an emulation title given for the year's work. */
export const countsTowardChains = (record: HonourRecord): boolean =>
  record.basis === 'annual' && isTitleId(record.title);

/** The years a subject holds a title by annual records, whatever unit they were in. */
export function yearsHeld(records: readonly HonourRecord[], subjectId: string, title: TitleId): Set<number> {
  const years = new Set<number>();
  for (const record of records)
    if (record.subjectId === subjectId && record.title === title && countsTowardChains(record)) years.add(record.year);
  return years;
}

/** How many consecutive years, ending with `throughYear`, the subject holds the title. */
export function consecutiveYears(
  records: readonly HonourRecord[],
  subjectId: string,
  title: TitleId,
  throughYear: number,
  heldInThroughYear = false,
): number {
  const years = yearsHeld(records, subjectId, title);
  if (heldInThroughYear) years.add(throughYear);
  let count = 0;
  while (years.has(throughYear - count)) count += 1;
  return count;
}

/** A chain rule measured for one candidate: the years counted, the years needed, and the last year looked at. */
export interface ChainMeasure {
  readonly of: TitleId;
  readonly years: number;
  readonly needed: number;
  readonly throughYear: number;
  readonly met: boolean;
}

/**
 * Measures a chain for a review of `reviewYear`. When the chain ends in the review year, a title the candidate
 * holds or is proposed for in this same cycle (`titlesThisYear`) counts for that year.
 */
export function measureChain(
  rule: ChainRule,
  records: readonly HonourRecord[],
  subjectId: string,
  reviewYear: number,
  titlesThisYear: readonly TitleId[] = [],
): ChainMeasure {
  const throughYear = rule.endsIn.value === 'review-year' ? reviewYear : reviewYear - 1;
  const pending = throughYear === reviewYear && titlesThisYear.includes(rule.of);
  const years = consecutiveYears(records, subjectId, rule.of, throughYear, pending);
  return { of: rule.of, years, needed: rule.years.value, throughYear, met: years >= rule.years.value };
}
