import { existsSync, readFileSync } from 'node:fs';
import { type Config, loadConfig } from './config';

/** Whether a setting's value counts as given: an empty (or blank) value counts as unset, wherever it comes from. */
export const isSet = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

/**
 * An env file's `KEY=value` lines, as dotenv and Node's --env-file read them: `#` comments, an optional `export `,
 * values in single, double or back quotes (double quotes expand \n), a ` #` comment after an unquoted value.
 * (node:util's parseEnv is experimental before Node 22.21.)
 */
export function parseEnvText(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) continue;
    const [, key, raw] = match as unknown as [string, string, string];
    const quoted = /^(["'`])(.*)\1$/.exec(raw);
    if (quoted) values[key] = quoted[1] === '"' ? quoted[2]!.replace(/\\n/g, '\n') : quoted[2]!;
    else values[key] = raw.replace(/\s+#.*$/, '').replace(/^#.*$/, '');
  }
  return values;
}

/**
 * The environment with an env file's settings merged in: a variable set in the environment wins, but an empty one
 * counts as unset, and an empty line in the file (`PORT=`, as `.env.example` ships them) never overrides anything.
 * So a systemd unit's `Environment=PORT=%i` is not undone by a blank `PORT=` in the file, nor the reverse.
 */
export function mergeEnvFile(
  env: Readonly<Record<string, string | undefined>>,
  fileText: string,
): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = { ...env };
  for (const [key, value] of Object.entries(parseEnvText(fileText))) {
    if (!isSet(merged[key]) && isSet(value)) merged[key] = value;
  }
  return merged;
}

/**
 * Settings from the environment, after the env file: ENV_FILE when set (systemd units point it at
 * /etc/thidua-bot/env), else `.env` in the working directory if there is one. A named ENV_FILE that cannot be read
 * is a problem to fix, reported with the others.
 */
export function configFromEnvironment(): { ok: true; config: Config } | { ok: false; problems: string[] } {
  const named = process.env.ENV_FILE;
  const file = isSet(named) ? named : existsSync('.env') ? '.env' : undefined;
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      return { ok: false, problems: [`ENV_FILE: cannot read ${file} (${(error as Error).message})`] };
    }
    const merged = mergeEnvFile(process.env, text);
    for (const [key, value] of Object.entries(merged)) if (value !== undefined) process.env[key] = value;
  }
  return loadConfig(process.env);
}

/** Prints every bad key and exits; config errors are the operator's to fix, not a crash. */
export function exitWithProblems(problems: readonly string[]): never {
  console.error('thidua-bot: invalid configuration (see .env.example):');
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
