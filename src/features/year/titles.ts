/**
 * The emulation titles (danh hiệu thi đua) the yearly cycle considers, lowest first in each kind. Their names are
 * texts (`year.title.<id>` in src/i18n); forms of commendation (giấy khen, bằng khen) are not titles and never
 * appear here.
 */

/** Individual titles: Chiến sĩ tiên tiến, Chiến sĩ thi đua cơ sở, of the ministry (cấp Bộ), nationwide. */
export const INDIVIDUAL_TITLES = ['cstt', 'cstdcs', 'cstd-bo', 'cstd-tq'] as const;
/** Collective titles: Đơn vị tiên tiến, Đơn vị quyết thắng, Cờ thi đua. */
export const COLLECTIVE_TITLES = ['dvtt', 'dvqt', 'co-thi-dua'] as const;

export type IndividualTitle = (typeof INDIVIDUAL_TITLES)[number];
export type CollectiveTitle = (typeof COLLECTIVE_TITLES)[number];
export type TitleId = IndividualTitle | CollectiveTitle;

export const TITLES: readonly TitleId[] = [...INDIVIDUAL_TITLES, ...COLLECTIVE_TITLES];

/** Who a title is for. */
export type Subject = 'individual' | 'collective';

export const isTitleId = (value: string): value is TitleId => (TITLES as readonly string[]).includes(value);

export const subjectOf = (title: TitleId): Subject =>
  (INDIVIDUAL_TITLES as readonly string[]).includes(title) ? 'individual' : 'collective';
