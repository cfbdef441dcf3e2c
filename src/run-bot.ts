// The bot as a process: settings, the app, signals. Imported by src/main.ts once the Node version is checked.
import { measureMemory } from 'node:vm';
import { createApp } from './app';
import { configFromEnvironment, exitWithProblems } from './env';
import { createLogger } from './logger';

const loaded = configFromEnvironment();
if (!loaded.ok) exitWithProblems(loaded.problems);
const { config } = loaded;
if (!config.botToken) {
  console.error(
    'thidua-bot: BOT_TOKEN is not set.\n' +
      '  Copy .env.example to .env and put the token from @BotFather in it,\n' +
      '  or try the bot without Telegram: npm run console',
  );
  process.exit(1);
}

const logger = createLogger(config.logLevel);
const app = await createApp({ config, logger });

// `on`, not `once`: Ctrl-C under `npm start` reaches the bot twice (the terminal signals the whole process group,
// and npm forwards its own copy). With `once` the second copy met Node's default action and killed the bot
// mid-stop, before its log line was written; a repeated signal is ignored while the stop runs.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    app.stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  });
}

await app.start();
logger.info(
  { bot: app.me?.username, apiRoot: config.telegramApiRoot, intake: config.webhook ? 'webhook' : 'polling' },
  'taking updates',
);

// Start-up grows V8's young generation to about 16 MB, and V8 gives it back only at a collection made while little
// is being allocated: an idle bot's first one comes a minute or two later (87 MiB until then, 75 after). One full
// collection once the bot has settled brings that forward, for a few tens of milliseconds, once. An eager memory
// measurement is the one way Node offers to start a collection without --expose-gc; its "experimental" warning,
// printed once per process, would only confuse whoever reads the log, so it is not emitted for this one call.
// docs/PERFORMANCE.md, "Startup and memory".
const SETTLE_MS = 10_000;
setTimeout(() => {
  const emitWarning = process.emitWarning;
  process.emitWarning = () => {};
  try {
    measureMemory({ execution: 'eager' }).catch(() => {});
  } catch {
    // Only memory is at stake: the heap shrinks later by itself.
  } finally {
    process.emitWarning = emitWarning;
  }
}, SETTLE_MS).unref();
