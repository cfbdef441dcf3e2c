import cron from 'node-cron';
import type { Logger } from '../logger';

/** One alarm: a five-field cron expression read in a time zone, and what to do when it goes off. */
export interface Alarm {
  readonly name: string;
  readonly expression: string;
  readonly timeZone: string;
  /** Told the instant the alarm was due; its failure is logged, never thrown into node-cron. */
  readonly onFire: (firedAt: Date) => Promise<void>;
}

/** Running alarms; stop() cancels them and waits for any firing still at work. */
export interface AlarmClock {
  stop(): Promise<void>;
}

/**
 * Sets the alarms with node-cron (the only importer of it): node-cron only says "now"; what to post and for which
 * period is the job's to work out from the clock. A firing never overlaps the previous one of the same alarm.
 */
export function startAlarms(alarms: readonly Alarm[], logger: Logger): AlarmClock {
  const running = new Set<Promise<void>>();
  const tasks = alarms.map((alarm) =>
    cron.schedule(
      alarm.expression,
      (context) => {
        const firing = alarm
          .onFire(context.date)
          .catch((error: unknown) => logger.error({ err: error, alarm: alarm.name }, 'scheduled job failed'))
          .finally(() => running.delete(firing));
        running.add(firing);
        return firing;
      },
      { name: `thidua:${alarm.name}`, timezone: alarm.timeZone, noOverlap: true },
    ),
  );
  logger.info({ alarms: alarms.map(({ name, expression }) => ({ name, expression })) }, 'weekly posts scheduled');
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.destroy()));
      await Promise.allSettled([...running]);
    },
  };
}
