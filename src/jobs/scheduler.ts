import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../clock';
import type { Config } from '../config';
import { enqueuePosts } from '../db/outbox-store';
import type { Db } from '../db/schema';
import { JOB_NAMES } from '../domain/job-period';
import type { Logger } from '../logger';
import { type AlarmClock, startAlarms } from './schedule';
import { catchUp, type JobDeps, runJob } from './weekly-jobs';

export interface SchedulerDeps {
  readonly db: Db;
  readonly config: Config;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Tells the sender that posts were queued. */
  readonly wake: () => void;
}

/** The weekly posts at work: the catch-up done at start, and the alarms; the one sender delivers them. */
export interface Scheduler {
  stop(): Promise<void>;
}

/** A worker's name in the outbox's leases: unique per process. */
export const workerName = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** Jobs that queue into the outbox and wake `worker` when they queued something. */
export function outboxJobDeps(deps: Pick<SchedulerDeps, 'db' | 'config' | 'logger'>, wake?: () => void): JobDeps {
  return {
    db: deps.db,
    config: deps.config,
    logger: deps.logger,
    queue: {
      async enqueue(posts, now) {
        const queued = await enqueuePosts(deps.db, posts, now);
        if (queued > 0) wake?.();
        return queued;
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
    JOB_NAMES.map((job) => ({
      name: job,
      expression: config.schedules[job],
      timeZone: config.timeZone,
      onFire: async () => {
        const now = clock.now();
        await runJob(jobDeps, job, now, now);
      },
    })),
    logger,
  );
  return {
    async stop() {
      await alarms?.stop();
      alarms = undefined;
    },
  };
}
