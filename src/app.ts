import type { Telegraf } from 'telegraf';
import { type Clock, systemClock } from './clock';
import type { Config } from './config';
import { type Connection, connect } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { type Scheduler, startScheduler } from './jobs/scheduler';
import { createLogger, type Logger } from './logger';
import type { BotApi } from './telegram/bot-api';
import { publishCommandMenus } from './telegram/command-menu';
import type { BotServices } from './telegram/context';
import { createBot } from './telegram/create-bot';
import type { TransportOptions } from './telegram/transport';

export interface AppOptions {
  readonly config: Config;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Replaces telegraf's HTTP client (tests, benchmarks); by default the bot calls TELEGRAM_API_ROOT. */
  readonly botApi?: BotApi;
  /** The outgoing transport's limits, waits and retries; tests pass instant waits. */
  readonly transport?: TransportOptions;
}

/** A wired bot: store migrated, handlers registered, not yet polling. */
export interface App {
  readonly bot: Telegraf;
  readonly services: BotServices;
  readonly connection: Connection;
  /** Feeds one raw update through the whole pipeline, as polling or a webhook would. */
  handleUpdate(update: unknown): Promise<void>;
  /**
   * Publishes the command menus, starts long polling, then the weekly posts (outbox worker, catch-up, schedules);
   * resolves once all have begun. Nothing runs on a timer before this.
   */
  start(): Promise<void>;
  stop(reason?: string): Promise<void>;
}

/** Connects, migrates and builds the bot. Throws when the store cannot be opened or migrated. */
export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const connection = connect(config.databaseUrl);
  const migration = await migrateToLatest(connection);
  if (migration.error) {
    await connection.close();
    throw new Error(`database migration failed: ${String(migration.error)}`);
  }
  const { bot, services } = createBot({
    config,
    db: connection.db,
    clock,
    logger,
    botApi: options.botApi,
    transport: options.transport,
  });
  if (options.botApi) bot.botInfo = (await options.botApi.call('getMe', {})) as typeof bot.botInfo;
  let polling = false;
  let scheduler: Scheduler | undefined;

  return {
    bot,
    services,
    connection,
    async handleUpdate(update) {
      // telegraf reads update_id before any middleware runs: anything but an object is refused here.
      if (typeof update !== 'object' || update === null || Array.isArray(update)) {
        logger.warn({ update }, 'malformed update skipped');
        return;
      }
      await bot.handleUpdate(update as never);
    },
    async start() {
      const refused = await publishCommandMenus(services.transport, config.defaultLocale);
      for (const error of refused)
        logger.warn({ err: error }, 'setMyCommands refused; the command menu may be missing');
      await new Promise<void>((resolve, reject) => {
        bot
          .launch({ dropPendingUpdates: false }, () => {
            polling = true;
            resolve();
          })
          .catch(reject);
      });
      scheduler = await startScheduler({
        db: connection.db,
        config,
        clock,
        logger,
        transport: services.transport,
        botUsername: () => bot.botInfo?.username ?? '',
      });
    },
    async stop(reason = 'stop') {
      // Alarms first, then the outbox pass under way, so nothing writes after the store closes.
      await scheduler?.stop();
      scheduler = undefined;
      // telegraf reports launch before its first poll; a stop in that window finds nothing to stop.
      if (polling) {
        try {
          bot.stop(reason);
        } catch (error) {
          logger.debug({ err: error }, 'stopped before polling began');
        }
      }
      polling = false;
      await connection.close();
    },
  };
}
