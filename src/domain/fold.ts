/** Folds text for lookups: lower case, no diacritics, đ→d, single spaces ("Căn  Cước" → "can cuoc"). */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}
