import type { DayRange } from '../kernel/day';
import type { Locale } from '../kernel/locale';
import type { PeriodKind } from '../kernel/period';
import { t } from './texts';

/** The period's label in the chat's language: the week's first and last days, the month, or the year. */
export function periodLabel(locale: Locale, kind: PeriodKind, range: DayRange): string {
  const [year = '', month = ''] = range.from.split('-');
  if (kind === 'week') return t(locale, 'period.week', { from: range.from, to: range.to });
  if (kind === 'month') return t(locale, 'period.month', { month: `${month}/${year}` });
  return t(locale, 'period.year', { year });
}
