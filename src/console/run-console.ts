import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { clearLine, createInterface, cursorTo } from 'node:readline';
import { pino } from 'pino';
import { type App, createApp } from '../app';
import { loadConfig } from '../config';
import { type JobDeps, missedFirings, runJob } from '../features/weekly';
import { t } from '../i18n/texts';
import type { JobName } from '../kernel/job-period';
import { LOCALES } from '../kernel/locale';
import { TELEGRAM_LIMITS } from '../outbox/transport';
import { outboxJobDeps } from '../workers/scheduler';
import { backlogAfter, outboxMark, storedIds } from './console-store';
import { consoleClock, transportTime } from './console-time';
import { FakeBotApi } from './fake-bot-api';
import { runScript } from './script';
import { serveBotApi } from './serve-bot-api';
import { ConsoleSession, type ConsoleTime } from './session';

/** The token the console's bot uses: well-formed, so config accepts it, and never valid at Telegram. */
export const CONSOLE_TOKEN = '123456789:CONSOLE_fake_token_for_local_runs';
/** The id of the console's admin persona, put in ADMIN_IDS. */
export const CONSOLE_ADMIN_ID = 9001;

export interface ConsoleOptions {
  /** SQLite file, or `:memory:`. */
  readonly databaseUrl: string;
  /** Script lines to run instead of reading the terminal. */
  readonly script?: readonly string[];
  /** Fixes the bot's clock (and message dates), for reproducible transcripts. */
  readonly now?: Date;
  /** Lines to run when there is no script: prompts when both ends are a terminal, a plain transcript otherwise. */
  readonly input: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly output: NodeJS.WritableStream & { isTTY?: boolean };
  /** Settings passed through to the bot (DEFAULT_LOCALE, BACKDATE_DAYS, ...); the console sets the rest. */
  readonly env?: Record<string, string | undefined>;
  /** How long the bot must stay silent before the next line runs; see ConsoleSession. */
  readonly quietMs?: number;
}

const PASSED_THROUGH = ['DEFAULT_LOCALE', 'BACKDATE_DAYS', 'UNDO_BUTTON_MINUTES', 'LOG_LEVEL'] as const;
/** A transport wait longer than this is a group's limit: the overall and private limits wait about a second. */
const LIMIT_WAIT_MS = 2000;

function messageOf(args: unknown[]): string {
  const [first, second] = args;
  const text = typeof first === 'string' ? first : typeof second === 'string' ? second : 'error';
  const err = typeof first === 'object' && first !== null ? (first as { err?: unknown }).err : undefined;
  return err instanceof Error ? `${text}: ${err.message}` : text;
}

/**
 * Runs the real bot against an in-process Telegram: a FakeBotApi served over HTTP, the app built by createApp and
 * long-polling it, and a ConsoleSession turning lines into updates. Returns the exit code.
 */
export async function runConsole(options: ConsoleOptions): Promise<number> {
  const { output } = options;
  const terminal = output.isTTY === true && options.input.isTTY === true;
  const ansi = terminal && !process.env.NO_COLOR && options.script === undefined;
  let prompting = false;
  let rl: ReturnType<typeof createInterface> | undefined;
  /** A script's lines the console could not run (`? …`: no such button or message, the clock refused): problems. */
  let unrun = 0;
  const write = (text: string) => {
    if (options.script && text.startsWith('? ')) unrun += 1;
    // Output that arrives while the prompt waits (a late answer) is written above it, then the prompt is redrawn.
    if (prompting && rl) {
      clearLine(output, 0);
      cursorTo(output, 0);
    }
    output.write(`${text}\n`);
    if (prompting && rl) rl.prompt(true);
  };

  const clock = consoleClock(options.now);
  const api = new FakeBotApi({ clock, admins: [CONSOLE_ADMIN_ID] });
  const served = await serveBotApi(api);
  const env = options.env ?? {};
  const loaded = loadConfig({
    ...Object.fromEntries(PASSED_THROUGH.map((key) => [key, env[key]])),
    LOG_LEVEL: env.LOG_LEVEL || 'warn',
    BOT_TOKEN: CONSOLE_TOKEN,
    TELEGRAM_API_ROOT: served.url,
    DATABASE_URL: options.databaseUrl,
    ADMIN_IDS: String(CONSOLE_ADMIN_ID),
    // The posts `:clock` queues are not announced to the sender (its wake is the app's own): it looks this often.
    OUTBOX_POLL_MS: '100',
  });
  if (!loaded.ok) {
    for (const problem of loaded.problems) write(`! configuration: ${problem}`);
    await served.close();
    return 1;
  }
  const { config } = loaded;
  if (config.databaseUrl !== ':memory:') mkdirSync(dirname(config.databaseUrl), { recursive: true });

  let app: App | undefined;
  let jobs: JobDeps | undefined;
  const waits = transportTime();
  const time: ConsoleTime = {
    now: () => clock.now(),
    moveTo(instant) {
      const by = instant.getTime() - clock.now().getTime();
      clock.set(instant);
      waits.jump(by);
    },
    timeZone: config.timeZone,
    // The scheduler's own catch-up, over the span the clock crossed: what a bot running all along would have fired.
    firings: (from, to) =>
      missedFirings({ ...config, catchUpHours: (to.getTime() - from.getTime()) / 3_600_000 }, to).filter(
        (firing) => firing.dueAt > from,
      ),
    run: async (job, dueAt) => (jobs ? runJob(jobs, job as JobName, dueAt, dueAt) : { planned: 0, queued: 0 }),
  };
  const session = new ConsoleSession({
    api,
    write,
    ansi,
    admin: { id: CONSOLE_ADMIN_ID },
    errorTexts: LOCALES.map((locale) => t(locale, 'error.generic')),
    backlog: {
      mark: async () => (app ? outboxMark(app.connection.db) : 0),
      read: async (mark) => (app ? backlogAfter(app.connection.db, mark, clock.now()) : { busy: false, held: [] }),
      // A group at its limit holds all its slots, each for a minute: fewer long waits than that, and a row slow to
      // go out (a paper drawn on a busy machine) is still being worked on, not held.
      limitHeld: () => waits.waitsLongerThan(LIMIT_WAIT_MS) >= TELEGRAM_LIMITS.group.count,
    },
    time,
    ...(options.quietMs !== undefined && { quietMs: options.quietMs }),
  });

  // Logs go to stderr so the transcript stays readable; an error logged by the bot counts as a problem.
  const logger = pino(
    {
      level: config.logLevel,
      base: { app: 'thidua-bot-console' },
      hooks: {
        logMethod(args, method, level) {
          if (level >= 50) session.flag(`the bot logged an error: ${messageOf(args)}`);
          method.apply(this, args);
        },
      },
    },
    pino.destination({ dest: 2, sync: true }),
  );

  try {
    app = await createApp({ config, clock, logger, transport: { sleep: waits.sleep, now: waits.now } });
    // A store used before holds Telegram's ids of then; numbering from 1 again would make them look redelivered.
    api.continueAfter(await storedIds(app.connection.db));
    jobs = outboxJobDeps({ db: app.connection.db, config, logger }, () => app?.wake());
    await app.start();
    // start() resolves before telegraf's first poll, and telegraf refuses to stop a bot that is not polling yet.
    const deadline = performance.now() + 5000;
    while (api.pollCount === 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    if (options.script) {
      await runScript(session, options.script);
    } else if (!terminal) {
      // Piped input: no prompts, each line echoed as in a script, so the output reads as a transcript.
      rl = createInterface({ input: options.input });
      for await (const line of rl) if ((await session.run(line, { echo: true })) === 'quit') break;
    } else {
      write(`Chat console: you are ${session.prompt().slice(1, -4)}. Type :help for help, :quit to leave.`);
      rl = createInterface({ input: options.input, output, prompt: session.prompt() });
      rl.on('SIGINT', () => rl?.close());
      rl.prompt();
      prompting = true;
      for await (const line of rl) {
        prompting = false;
        if ((await session.run(line)) === 'quit') break;
        rl.setPrompt(session.prompt());
        rl.prompt();
        prompting = true;
      }
      prompting = false;
    }
  } catch (error) {
    session.flag(`the bot crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    rl?.close();
    session.dispose();
    await app?.stop('console done').catch((error: unknown) => session.flag(`unclean stop: ${String(error)}`));
    api.close();
    await served.close();
  }
  const problems = session.problems.length + unrun;
  if (options.script)
    write(problems === 0 ? '-- script finished: no problems' : `-- script finished with ${problems} problem(s)`);
  return options.script && problems > 0 ? 1 : 0;
}
