import { type Logger, pino } from 'pino';

export type { Logger };

/** JSON logs to stdout; `silent` in tests. */
export const createLogger = (level: string): Logger => pino({ level, base: { app: 'thidua-bot' } });
