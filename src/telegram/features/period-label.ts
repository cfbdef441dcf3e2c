import type { DayRange } from '../../domain/day';
import type { Locale } from '../../domain/locale';
import type { PeriodKind } from '../../domain/period';
import { t } from '../../texts/texts';

/** "tuần 23/11/2026–29/11/2026", "tháng 11/2026", "năm 2026". */
export function periodLabel(locale: Locale, kind: PeriodKind, range: DayRange): string {
  const [year = '', month = ''] = range.from.split('-');
  if (kind === 'week') return t(locale, 'period.week', { from: range.from, to: range.to });
  if (kind === 'month') return t(locale, 'period.month', { month: `${month}/${year}` });
  return t(locale, 'period.year', { year });
}
