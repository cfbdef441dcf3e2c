import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runConsole } from './run-console';
import { scriptLines } from './script';

const USAGE = `usage: npm run console -- [--db FILE] [--script FILE] [--now ISO-INSTANT]
  --db FILE       SQLite file for the bot (default data/console.sqlite; :memory: forgets everything on exit)
  --script FILE   run the lines of FILE (blank lines and # comments skipped), print the transcript, exit
                  with 1 if the bot answered with its error text, failed a call, never answered or crashed,
                  or a line could not run (a "?" line: no such message or button, the clock refused)
                  (a reply the bot holds back is not a failure)
  --now INSTANT   fix the bot's clock, e.g. 2026-11-24T09:00:00+07:00, for reproducible transcripts
                  (:clock moves it forward)`;

let args: { db?: string; script?: string; now?: string; help?: boolean };
try {
  args = parseArgs({
    options: {
      db: { type: 'string' },
      script: { type: 'string' },
      now: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const now = args.now === undefined ? undefined : new Date(args.now);
if (now && Number.isNaN(now.getTime())) {
  console.error(`--now: not an instant: ${args.now}\n${USAGE}`);
  process.exit(2);
}

const code = await runConsole({
  databaseUrl: args.db ?? 'data/console.sqlite',
  script: args.script === undefined ? undefined : scriptLines(readFileSync(args.script, 'utf8')),
  now,
  input: process.stdin,
  output: process.stdout,
  env: process.env,
});
process.exitCode = code;
// Whatever the bot left running (timers, sockets) must not keep a finished console alive.
setTimeout(() => process.exit(code), 1000).unref();
