import { foldText } from '../fold';
import type { PeriodKind } from '../period';

// Folded period words; parsers check them before metric names so a short alias can never hide them.
const PERIOD_WORDS: ReadonlyMap<string, PeriodKind> = new Map([
  ['tuan', 'week'],
  ['week', 'week'],
  ['w', 'week'],
  ['thang', 'month'],
  ['month', 'month'],
  ['m', 'month'],
  ['nam', 'year'],
  ['year', 'year'],
  ['y', 'year'],
]);

/** The period a word names ("tuần", "thang", "year"), if any. */
export const periodWordOf = (word: string): PeriodKind | undefined => PERIOD_WORDS.get(foldText(word));
