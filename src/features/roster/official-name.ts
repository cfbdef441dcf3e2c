import { foldText } from '../../kernel/fold';

/**
 * Ranks of the People's Public Security, lowest first: non-commissioned officers, officers, then generals
 * (DOMAIN.md, "People: the roster"). Other ranks are kept as typed: the roster allows free text.
 */
export const POLICE_RANKS = [
  'Hạ sĩ',
  'Trung sĩ',
  'Thượng sĩ',
  'Thiếu úy',
  'Trung úy',
  'Thượng úy',
  'Đại úy',
  'Thiếu tá',
  'Trung tá',
  'Thượng tá',
  'Đại tá',
  'Thiếu tướng',
  'Trung tướng',
  'Thượng tướng',
  'Đại tướng',
] as const;

const RANK_BY_KEY = new Map<string, string>(POLICE_RANKS.map((rank) => [foldText(rank), rank]));

/** Text as the roster keeps it: NFC, single spaces, trimmed ("Hà  Văn\u00a0Hưng" → "Hà Văn Hưng"). */
export const tidyText = (text: string): string => text.normalize('NFC').replace(/\s+/gu, ' ').trim();

/**
 * A rank as the roster keeps it: a known rank in its usual spelling whatever the case, diacritics or their old
 * placement ("THIẾU UÝ", "thieu uy" → "Thiếu úy"); anything else as typed, tidied.
 */
export function canonicalRank(text: string): string {
  const tidy = tidyText(text);
  return RANK_BY_KEY.get(foldText(tidy)) ?? tidy;
}

/** How official papers name a person: rank before the full name ("Thiếu úy Hà Văn Hưng"); the name alone without one. */
export function officialName(person: { readonly fullName: string; readonly rank: string | null }): string {
  return person.rank ? `${person.rank} ${person.fullName}` : person.fullName;
}
