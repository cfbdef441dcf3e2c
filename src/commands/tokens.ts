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
