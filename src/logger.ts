import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

/**
 * An error as logged, without the request telegraf's TelegramError carries in `on` (the payload: a message's text,
 * its buttons' callback data, a secret ballot's token and ticks); the method it called stays.
 */
export function errorForLog(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown;
  if (typeof serialized !== 'object' || serialized === null || !('on' in serialized)) return serialized;
  const { on, ...rest } = serialized as { on?: { method?: unknown } } & Record<string, unknown>;
  return { ...rest, ...(typeof on?.method === 'string' && { method: on.method }) };
}

/** JSON logs to stdout (or `destination`); `silent` in tests. */
export const createLogger = (level: string, destination?: DestinationStream): Logger =>
  pino({ level, base: { app: 'thidua-bot' }, serializers: { err: errorForLog } }, destination);
