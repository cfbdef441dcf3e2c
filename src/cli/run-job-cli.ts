import { parseArgs } from 'node:util';
import { type App, createApp } from '../app';
import { type Clock, systemClock } from '../clock';
import type { Config } from '../config';
import { periodAt, planPosts, runJobForPeriod, staleAfter } from '../features/weekly';
import { isJobName, JOB_NAMES, type JobName, type JobPeriod, parseJobPeriod } from '../kernel/job-period';
import { createLogger } from '../logger';
import type { BotApi } from '../telegram/bot-api';
import { outboxJobDeps } from '../workers/scheduler';

export const JOB_CLI_USAGE = `usage: npm run job -- ${JOB_NAMES.join('|')} [--period 2026-W47|2026-11-27] [--dry-run]
  --period   the week (leaderboard, digest: an ISO week like 2026-W47) or day (reminder: 2026-11-27);
             by default the one the job would report if it fired now
  --dry-run  print what would be sent, change nothing`;

export interface JobCliOptions {
  readonly config: Config;
  readonly clock?: Clock;
  /** Replaces the Bot API client (tests); by default the posts go to TELEGRAM_API_ROOT with BOT_TOKEN. */
  readonly botApi?: BotApi;
  readonly out?: (line: string) => void;
  readonly err?: (line: string) => void;
}

type Parsed = { job: JobName; period: string | undefined; dryRun: boolean } | { problem: string };

function parse(argv: readonly string[]): Parsed {
  let values: { period?: string; 'dry-run'?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { period: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
  const [job, ...extra] = positionals;
  if (values.help) return { problem: '' };
  if (job === undefined || !isJobName(job)) return { problem: `which job? got ${JSON.stringify(job ?? '')}` };
  if (extra.length > 0) return { problem: `unexpected arguments: ${extra.join(' ')}` };
  return { job, period: values.period, dryRun: values['dry-run'] === true };
}

/**
 * `npm run job -- <job> [--period P] [--dry-run]`: plans the job's posts for the period and prints them (dry run),
 * or queues them in the outbox and delivers what is due, within the token's one send budget: only when it can take
 * the token's sender lease (released after), else the running bot holding it sends them; without BOT_TOKEN, the
 * running bot sends them too. Returns the exit code: 0 done, 1 failed, 2 bad arguments.
 */
export async function runJobCli(argv: readonly string[], options: JobCliOptions): Promise<number> {
  const out = options.out ?? ((line: string) => console.log(line));
  const err = options.err ?? ((line: string) => console.error(line));
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const parsed = parse(argv);
  if ('problem' in parsed) {
    if (parsed.problem) err(parsed.problem);
    err(JOB_CLI_USAGE);
    return 2;
  }
  const { job, dryRun } = parsed;
  const now = clock.now();
  let period: JobPeriod | undefined = periodAt(job, now, config.timeZone);
  if (parsed.period !== undefined) {
    period = parseJobPeriod(job, parsed.period.toUpperCase());
    if (!period) {
      err(
        `--period ${parsed.period} does not fit ${job}: ${job === 'reminder' ? 'a day like 2026-11-27' : 'an ISO week like 2026-W47'}`,
      );
      err(JOB_CLI_USAGE);
      return 2;
    }
  }

  const logger = createLogger(config.logLevel);
  let app: App | undefined;
  try {
    // The app's own wiring (store migrated, hooks, migration handler, renderers), started never: what it sends goes
    // out exactly as the running bot would send it.
    app = await createApp({ config, clock, logger, ...(options.botApi && { botApi: options.botApi }) });
    const db = app.connection.db;
    if (dryRun) {
      const posts = await planPosts({ db, config }, job, period);
      const expiry = staleAfter(period, config.timeZone);
      out(`${job} ${period.label}: ${posts.length} post(s) (dry run: nothing queued or sent)`);
      if (expiry && now >= expiry) out(`stale since ${expiry.toISOString()}: a real run would post nothing`);
      for (const post of posts) out(`\n--- to chat ${post.chatId} ---\n${post.html}`);
      return 0;
    }

    // The same chart photos as the scheduler's: a post the CLI queues first is not queued again, nor its photo.
    const run = await runJobForPeriod(outboxJobDeps({ db, config, logger }), job, period, now);
    out(
      `${job} ${run.period}: ${run.planned} post(s) planned, ${run.queued} newly queued${run.charts ? `, ${run.charts} chart photo(s)` : ''}${run.stale ? ' (stale: nothing queued)' : ''}`,
    );
    if (!config.botToken && !options.botApi) {
      out('BOT_TOKEN is not set: the running bot sends the queued posts.');
      return 0;
    }
    // The token's one send budget: everything due goes out only while this process holds the sender lease.
    const sent = await app.deliverDue();
    if ('holder' in sent) {
      out(`queued; the running bot (lease holder ${sent.holder}) sends them`);
      return 0;
    }
    const report = sent.delivered;
    out(
      `delivered: ${report.sent} sent, ${report.failed} failed, ${report.skipped} skipped, ${report.retrying} to retry`,
    );
    return 0;
  } catch (error) {
    err(`job failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await app?.stop('job done');
  }
}
