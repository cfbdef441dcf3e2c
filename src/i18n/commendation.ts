import type { Locale } from '../kernel/locale';
import { Html } from './format';
import { levelName, t } from './texts';

/**
 * The words for a commendation, the same on the card, the congratulation, the lists, the record and the digest:
 * "được tặng Giấy khen …" for an award, "được đề nghị tặng Bằng khen …" for a proposal.
 */
export const commendationPhrase = (locale: Locale, level: string, proposal: boolean): Html =>
  new Html(t(locale, proposal ? 'commendation.proposed' : 'commendation.awarded', { level: levelName(locale, level) }));
