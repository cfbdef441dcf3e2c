import cron from 'node-cron';
import type { Logger } from '../logger';
import { createLoop } from './loop';

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
 * period is the job's to work out from the clock. Each alarm is a loop of its own (src/workers/loop.ts): a firing
 * never overlaps the previous one of the same alarm, and its failure is logged.
 */
export function startAlarms(alarms: readonly Alarm[], logger: Logger): AlarmClock {
  const set = alarms.map((alarm) => {
    let firedAt = new Date();
    const loop = createLoop({
      name: `scheduled job ${alarm.name}`,
      logger,
      startsIdle: true,
      run: () => alarm.onFire(firedAt),
    });
    loop.start();
    const task = cron.schedule(
      alarm.expression,
      (context) => {
        firedAt = context.date;
        loop.wake();
      },
      { name: `thidua:${alarm.name}`, timezone: alarm.timeZone },
    );
    return { loop, task };
  });
  logger.info({ alarms: alarms.map(({ name, expression }) => ({ name, expression })) }, 'weekly posts scheduled');
  return {
    async stop() {
      await Promise.all(set.map(({ task }) => task.destroy()));
      await Promise.all(set.map(({ loop }) => loop.stop()));
    },
  };
}
