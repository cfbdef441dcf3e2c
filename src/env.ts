import { existsSync } from 'node:fs';
import { type Config, loadConfig } from './config';

/** Settings from the environment, after a `.env` file in the working directory (real variables win). */
export function configFromEnvironment(): { ok: true; config: Config } | { ok: false; problems: string[] } {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return loadConfig(process.env);
}

/** Prints every bad key and exits; config errors are the operator's to fix, not a crash. */
export function exitWithProblems(problems: readonly string[]): never {
  console.error('thidua-bot: invalid configuration (see .env.example):');
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
