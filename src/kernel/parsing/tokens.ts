/** A whitespace-separated word of a command's arguments, with where it starts so the rest can be cut out verbatim. */
export interface Token {
  readonly text: string;
  readonly start: number;
}

/** Splits on any Unicode whitespace, keeping offsets so a trailing note keeps its own spacing and line breaks. */
export function tokenize(text: string): Token[] {
  return Array.from(text.matchAll(/\S+/gu), (match) => ({ text: match[0], start: match.index }));
}

/** The original text from a token to the end, trimmed; "" past the last token. */
export function restFrom(text: string, tokens: readonly Token[], index: number): string {
  const token = tokens[index];
  return token ? text.slice(token.start).trim() : '';
}

// Unicode keeps every decimal digit run as ten consecutive code points from 0 to 9.
const asciiDigits = new Map<string, string>();
function asciiDigit(char: string): string {
  let digit = asciiDigits.get(char);
  if (digit === undefined) {
    const code = char.codePointAt(0)!;
    let zero = code;
    while (zero > 0 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
    digit = String((code - zero) % 10);
    asciiDigits.set(char, digit);
  }
  return digit;
}

/**
 * A word as the parsers read it: NFKC ("２０／１１" → "20/11"), every decimal digit as ASCII ("٢٠" → "20") and
 * invisible format marks (zero-width spaces, direction marks) dropped. A compatibility form that would bring in a
 * space (a lone "¨") keeps the word as typed, so normalising never splits or joins words.
 */
export function normalizeWord(text: string): string {
  const normal = text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(/\p{Nd}/gu, (char) => (char >= '0' && char <= '9' ? char : asciiDigit(char)));
  return /\s/u.test(normal) ? text.replace(/\p{Cf}/gu, '') : normal;
}

/** Longest piece of the user's own text an error message quotes back, in characters (code points). */
export const MAX_QUOTE_CHARS = 40;

/** Typed text fit to quote back in a reply: no control or format characters, and cut short with "…" when long. */
export function quote(text: string): string {
  const chars = [...text.replace(/[\p{Cc}\p{Cf}]/gu, '')];
  return chars.length > MAX_QUOTE_CHARS ? `${chars.slice(0, MAX_QUOTE_CHARS - 1).join('')}…` : chars.join('');
}
