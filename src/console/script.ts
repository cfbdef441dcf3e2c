import type { ConsoleSession } from './session';

/** The lines of a console script worth running: blank lines and `#` comments are skipped. */
export function scriptLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Runs a script line by line, each echoed and answered before the next; true when nothing went wrong. */
export async function runScript(session: ConsoleSession, lines: readonly string[]): Promise<boolean> {
  for (const line of lines) {
    if ((await session.run(line, { echo: true })) === 'quit') break;
  }
  return session.problems.length === 0;
}
