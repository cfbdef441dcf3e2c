import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One message of test/fixtures/bad-input.txt: its line number in the file and its decoded text. */
export interface CorpusMessage {
  readonly line: number;
  readonly text: string;
}

const CORPUS = fileURLToPath(new URL('../../fixtures/bad-input.txt', import.meta.url));

const SIMPLE: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '\\': '\\' };

/** Decodes one line's escapes: \n \r \t \\, \u{XXXX}, and \repeat{N}{text} (expanded first). */
export function decodeCorpusLine(line: string): string {
  const repeated = line.replace(
    /\\repeat\{(\d+)\}\{((?:\\u\{[0-9A-Fa-f]{1,6}\}|[^}])*)\}/g,
    (_, count: string, text: string) => text.repeat(Number(count)),
  );
  return repeated.replace(/\\(u\{([0-9A-Fa-f]{1,6})\}|[nrt\\])/g, (whole, code: string, hex: string | undefined) => {
    if (hex !== undefined) return String.fromCodePoint(Number.parseInt(hex, 16));
    return SIMPLE[code] ?? whole;
  });
}

/** Every message of the corpus, skipping comments ("#") and blank lines. */
export function readBadInputCorpus(): CorpusMessage[] {
  return readFileSync(CORPUS, 'utf8')
    .split('\n')
    .map((raw, index) => ({ raw, line: index + 1 }))
    .filter(({ raw }) => raw.trim() !== '' && !raw.startsWith('#'))
    .map(({ raw, line }) => ({ line, text: decodeCorpusLine(raw) }));
}
