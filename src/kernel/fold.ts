/** Folds text for lookups: lower case, no diacritics, d with stroke as d, single spaces ("Can  Cuoc" with marks → "can cuoc"). */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u0111\u0110]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
