import type { Config } from '../../config';
import { occurrencesBetween, parseCron, startOfLocalDay } from '../../kernel/cron';
import { JOB_NAMES, type JobName, type JobPeriod, periodOfJob } from '../../kernel/job-period';
import { addDays, localDayOf } from '../../kernel/period';
import type { Logger } from '../../logger';
import { type PlannedPost, planPosts, type WeeklyDeps } from './weekly-posts';

/** Where planned posts go to be sent: the outbox in production, a list in tests. */
export interface PostQueue {
  /**
   * Queues the posts not queued before under the same job, period and chat, each new one's chart photo (if any)
   * right after it; returns how many posts and photos were new.
   */
  enqueue(posts: readonly PlannedPost[], now: Date): Promise<{ readonly queued: number; readonly charts: number }>;
}

export interface JobDeps extends WeeklyDeps {
  readonly config: WeeklyDeps['config'] & Pick<Config, 'schedules' | 'catchUpHours'>;
  readonly queue: PostQueue;
  readonly logger: Logger;
}

/** What one run of a job did. */
export interface JobRun {
  readonly job: JobName;
  readonly period: string;
  /** Posts planned; `queued` of them were new (the rest were queued before, by this process or another). */
  readonly planned: number;
  readonly queued: number;
  /** Chart photos queued beside the new posts, when any. */
  readonly charts?: number;
  /** Set when nothing was planned because the run came too late (a reminder after its day). */
  readonly stale?: true;
}

/** The period a job reports when it fires at this instant: its local day decides. */
export const periodAt = (job: JobName, instant: Date, timeZone: string): JobPeriod =>
  periodOfJob(job, localDayOf(instant, timeZone));

/** The instant after which the period's posts are stale (a reminder's day has ended); undefined if they never are. */
export function staleAfter(period: JobPeriod, timeZone: string): Date | undefined {
  return period.lastDay === undefined ? undefined : startOfLocalDay(addDays(period.lastDay, 1), timeZone);
}

/** Plans the job's posts for the period and queues them; a stale period queues nothing. */
export async function runJobForPeriod(deps: JobDeps, job: JobName, period: JobPeriod, now: Date): Promise<JobRun> {
  const expiry = staleAfter(period, deps.config.timeZone);
  if (expiry && now.getTime() >= expiry.getTime()) {
    deps.logger.info({ job, period: period.label }, 'stale: not posting');
    return { job, period: period.label, planned: 0, queued: 0, stale: true };
  }
  const posts = await planPosts(deps, job, period);
  const { queued, charts } = posts.length > 0 ? await deps.queue.enqueue(posts, now) : { queued: 0, charts: 0 };
  deps.logger.info({ job, period: period.label, planned: posts.length, queued, charts }, 'weekly posts queued');
  return { job, period: period.label, planned: posts.length, queued, ...(charts > 0 && { charts }) };
}

/** One firing of a job: the period comes from the instant it was due. */
export function runJob(deps: JobDeps, job: JobName, dueAt: Date, now: Date): Promise<JobRun> {
  return runJobForPeriod(deps, job, periodAt(job, dueAt, deps.config.timeZone), now);
}

/** The firings the schedules had in the catch-up window before `now`, oldest first. */
export function missedFirings(
  config: Pick<Config, 'schedules' | 'catchUpHours' | 'timeZone'>,
  now: Date,
): { job: JobName; dueAt: Date }[] {
  if (config.catchUpHours === 0) return [];
  const from = new Date(now.getTime() - config.catchUpHours * 3_600_000);
  return JOB_NAMES.flatMap((job) => {
    const schedule = parseCron(config.schedules[job]);
    if (!schedule.ok) return [];
    return occurrencesBetween(schedule.value, from, now, config.timeZone).map((dueAt) => ({ job, dueAt }));
  }).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/**
 * At start: runs every firing missed within CATCH_UP_HOURS. Posts made before are not made again (the outbox's
 * key is job, period and chat), so this is safe on every start; late leaderboards and digests go out, reminders
 * whose day has ended do not.
 */
export async function catchUp(deps: JobDeps, now: Date): Promise<JobRun[]> {
  const runs: JobRun[] = [];
  for (const { job, dueAt } of missedFirings(deps.config, now)) runs.push(await runJob(deps, job, dueAt, now));
  return runs;
}
