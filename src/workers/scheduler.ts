import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Directory } from '../directory/directory';
import { catchUp, type JobDeps, type PlannedPost, runJob } from '../features/weekly';
import { closeDueBallots, rosterForYear } from '../features/year';
import { chartPng } from '../files/render-requests';
import { JOB_NAMES } from '../kernel/job-period';
import type { Logger } from '../logger';
import { enqueueNewPosts, type OutboxPost } from '../outbox/outbox-store';
import type { Db } from '../storage/schema';
import { type Alarm, type AlarmClock, startAlarms } from './alarm-clock';

export interface SchedulerDeps {
  readonly db: Db;
  readonly config: Config;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Tells the sender that posts were queued. */
  readonly wake: () => void;
  /** The process's directory: the year's ballots are closed at their deadline only with it. */
  readonly directory?: Directory;
}

/** How often the year's ballots past their deadline are closed and counted: every minute. */
const BALLOT_DEADLINES = '* * * * *';

/**
 * The weekly posts at work (the catch-up done at start, and the alarms) and the year's ballot deadlines; the one
 * sender delivers them.
 */
export interface Scheduler {
  stop(): Promise<void>;
}

/** A worker's name in the outbox's leases: unique per process. */
export const workerName = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * The chart photos of the posts just created, queued to be drawn by the sender when they go out: only a post queued
 * now gets its photo, right after it, so a second process or a later catch-up (whose posts exist already) never
 * sends it again. A chart that fails to draw is left out; its post still goes.
 */
const chartPhotos = (created: readonly PlannedPost[]): OutboxPost[] =>
  created.flatMap((post) =>
    post.chart
      ? [
          {
            job: post.chart.job,
            period: post.period,
            chatId: post.chatId,
            threadId: post.threadId ?? null,
            html: post.chart.caption,
            photo: { render: chartPng(post.chart.svg) },
            ...(post.expiresAt && { expiresAt: post.expiresAt }),
          },
        ]
      : [],
  );

/** Jobs that queue into the outbox (each new post's chart photo right after it) and wake `worker` when they did. */
export function outboxJobDeps(deps: Pick<SchedulerDeps, 'db' | 'config' | 'logger'>, wake?: () => void): JobDeps {
  return {
    db: deps.db,
    config: deps.config,
    logger: deps.logger,
    queue: {
      async enqueue(posts, now) {
        const created = await enqueueNewPosts(deps.db, posts, now);
        const photos = chartPhotos(created);
        const charts = photos.length > 0 ? (await enqueueNewPosts(deps.db, photos, now)).length : 0;
        if (created.length + charts > 0) wake?.();
        return { queued: created.length, charts };
      },
    },
  };
}

/**
 * Queues what the schedules missed while the bot was down (CATCH_UP_HOURS), then sets the alarms; each alarm queues
 * its job's posts for the period the clock says. Stop cancels the alarms.
 */
export async function startScheduler(deps: SchedulerDeps): Promise<Scheduler> {
  const { config, logger, clock } = deps;
  const jobDeps = outboxJobDeps(deps, deps.wake);
  let alarms: AlarmClock | undefined;
  try {
    await catchUp(jobDeps, clock.now());
  } catch (error) {
    logger.error({ err: error }, 'catching up on missed weekly posts failed');
  }
  alarms = startAlarms(
    JOB_NAMES.map(
      (job): Alarm => ({
        name: job,
        expression: config.schedules[job],
        timeZone: config.timeZone,
        onFire: async () => {
          const now = clock.now();
          await runJob(jobDeps, job, now, now);
        },
      }),
    ).concat(
      deps.directory
        ? [
            {
              name: 'year-ballots',
              expression: BALLOT_DEADLINES,
              timeZone: config.timeZone,
              onFire: async () => {
                const directory = deps.directory!;
                const queued = await closeDueBallots({
                  db: deps.db,
                  directory,
                  config,
                  now: clock.now(),
                  rosterOf: rosterForYear,
                });
                if (queued > 0) deps.wake();
              },
            },
          ]
        : [],
    ),
    logger,
  );
  return {
    async stop() {
      await alarms?.stop();
      alarms = undefined;
    },
  };
}
