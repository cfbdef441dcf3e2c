import { publishCommandMenus } from './bot/command-menu';
import type { BotServices } from './bot/context';
import { type Bot, createBot } from './bot/create-bot';
import { type Clock, systemClock } from './clock';
import type { Config } from './config';
import { featureRegistry } from './features';
import { type AppRequestHandler, createAppApi, createAppHttpHandler, findStaticDir } from './features/app';
import { proposalCodes } from './features/nominations';
import { purgeExpiredImports } from './features/roster';
import { unreachableNotice } from './features/weekly';
import { fileRenderers, type Renderers, renderStored } from './files/renderers';
import { t } from './i18n/texts';
import { createLogger, type Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';
import { createDelivery, type Delivery, type DeliveryDeps } from './outbox/delivery';
import { backlogByKind, pruneFinishedReplies } from './outbox/outbox-store';
import type { AfterSent, DeliveryReport } from './outbox/sender';
import { type Connection, connect, databaseAnswers, isDatabaseUnavailable } from './storage/connect';
import { migrateToLatest } from './storage/migrate';
import { pruneLedger } from './storage/update-ledger';
import type { BotApi } from './telegram/bot-api';
import { type HttpServer, type Route, startHttpServer } from './telegram/http-server';
import { setWebAppMenuButton } from './telegram/menu-button';
import { ALLOWED_UPDATES, type Polling, type PollingOptions, startPolling } from './telegram/polling';
import { createBotApi } from './telegram/telegram-client';
import { telegramFileFetcher } from './telegram/telegram-files';
import { createExportWorker } from './workers/export-worker';
import { createLoop } from './workers/loop';
import { type Scheduler, startScheduler, workerName } from './workers/scheduler';

export interface AppOptions {
  readonly config: Config;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Replaces the Bot API client (tests, benchmarks); by default the bot calls TELEGRAM_API_ROOT. */
  readonly botApi?: BotApi;
  /** The outgoing transport's limits, waits and retries; tests pass instant waits. */
  readonly transport?: DeliveryDeps['transport'];
  /** Draws charts and certificates just before they are sent; by default src/files/'s (tests pass gated ones). */
  readonly renderers?: Renderers;
  /** Long polling's back-off and outage window; tests pass short ones. */
  readonly polling?: Pick<PollingOptions, 'backoffMs' | 'outageGiveUpMs' | 'timeoutSeconds'>;
  /** The built web app (dist/app/); by default found beside the bundle. */
  readonly webAppDir?: string;
}

/** The bot's own account, from getMe. */
export interface BotIdentity {
  readonly id: number;
  readonly username: string;
}

/** A wired bot: store migrated, handlers registered, nothing running yet. */
export interface App {
  readonly bot: Bot;
  readonly services: BotServices;
  readonly connection: Connection;
  readonly metrics: Metrics;
  /** The one delivery (the job CLI sends through it too). */
  readonly delivery: Delivery;
  /**
   * The commanders' web app's HTTP door (/app/ and /api/), when PUBLIC_URL is set; start() mounts it on PORT's
   * server with webAppRoutes.
   */
  readonly webApp: AppRequestHandler | undefined;
  /** The main HTTP listener's port once started (the one bound when PORT was 0); undefined without one. */
  readonly httpPort: number | undefined;
  /** Known once getMe answered: at creation with an injected Bot API, else at start. */
  readonly me: BotIdentity | undefined;
  /** Feeds one raw update through the whole pipeline, as polling or a webhook would; resolves once committed. */
  handleUpdate(update: unknown): Promise<void>;
  /**
   * Writes the /export files waiting, then delivers everything due in the outbox now (tests and tools; once
   * started, the export worker and the sender do this by themselves).
   */
  drain(): Promise<DeliveryReport>;
  /**
   * The job CLI's send: everything due now, under the token's sender lease (taken, then given back); or the holder,
   * when another process has it and sends instead.
   */
  deliverDue(): ReturnType<Delivery['deliverUnderLease']>;
  /** Rows still waiting in the outbox (replies and posts): 0 once everything has gone out. */
  backlog(): Promise<number>;
  /** Tells the sender there is new work in the outbox (rows queued outside an update, by a tool or the console). */
  wake(): void;
  /**
   * Publishes the command menus, starts the sender, the weekly schedules and the intake (a webhook server when
   * WEBHOOK_URL is set, long polling otherwise, and /healthz and /metrics on PORT); resolves once all have begun.
   */
  start(): Promise<void>;
  stop(reason?: string): Promise<void>;
}

/** The routes that mount the web app's handler on the bot's HTTP server: /app, /app/… and /api/…, any method. */
export function webAppRoutes(handler: AppRequestHandler): Route[] {
  const run: Route['run'] = async (req, res) => {
    if (!(await handler(req, res))) res.writeHead(404, { 'content-length': 0 }).end();
  };
  const methods = ['GET', 'HEAD', 'POST'];
  return methods.flatMap((method) => [
    { method, path: '/app', run },
    { method, path: '/app/', prefix: true, run },
    { method, path: '/api/', prefix: true, run },
  ]);
}

/**
 * The ledger, delivered replies and expired roster dry runs are pruned this often (and at start): an unapplied
 * import's rows are gone at most an hour after its 30-minute window.
 */
const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** How long stop waits for sends under way; rows left out are taken back by the next holder of the sender lease. */
const STOP_GRACE_MS = 3000;

/** Connects, migrates and wires the bot. Throws when the store cannot be opened or migrated. */
export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const connection = connect(config.databaseUrl, {
    preparedStatements: config.preparedStatements,
    onConnectionLost: (error) => logger.warn({ err: error }, 'a database connection was lost; the pool opens another'),
  });
  const migration = await migrateToLatest(connection);
  if (migration.error) {
    await connection.close();
    throw new Error(`database migration failed: ${String(migration.error)}`);
  }
  const { db } = connection;
  const api =
    options.botApi ?? createBotApi({ botToken: config.botToken ?? '', telegramApiRoot: config.telegramApiRoot });
  const metrics = createMetrics();
  metrics.setOutboxBacklogSource(() => backlogByKind(db));
  let me: BotIdentity | undefined;
  const getMe = async () => {
    const answer = (await api.call('getMe', {})) as { id: number; username?: string };
    me = { id: answer.id, username: answer.username ?? '' };
  };
  if (options.botApi) await getMe();

  let lastUpdateAt: Date | undefined;
  // One sender per bot token across processes, wired once (the job CLI uses this one too). It needs the bot's hooks
  // and the bot needs its transport: the hooks are looked up when a row goes out, once both exist.
  const owner = workerName();
  const renderers = options.renderers ?? fileRenderers;
  const delivery = createDelivery({
    db,
    clock,
    logger,
    metrics,
    api,
    botToken: config.botToken ?? '',
    owner,
    hookOf: (name) => (Object.hasOwn(afterSent, name) ? afterSent[name] : undefined),
    onChatMigrated: (fromChatId, toChatId) => bot.onChatMigrated(fromChatId, toChatId),
    render: (request) => renderStored(renderers, request),
    unreachableNotice: async (userId, since) => {
      if (!me) await getMe();
      return unreachableNotice({ db, config, botUsername: me?.username ?? '' }, { userId, since: since.toISOString() });
    },
    wake: () => sender.wake(),
    transport: options.transport,
  });
  const { transport } = delivery;
  const bot: Bot = createBot({
    config,
    db,
    dialect: connection.dialect,
    clock,
    logger,
    transport,
    me: () => me,
    fetchFile: telegramFileFetcher(api, {
      botToken: config.botToken ?? '',
      telegramApiRoot: config.telegramApiRoot,
    }),
    features: featureRegistry,
    onCommitted: () => sender.wake(),
    onHandled: (kind, seconds) => {
      lastUpdateAt = clock.now();
      if (kind === 'failed') metrics.errors.inc({ where: 'update' });
      else metrics.updates.inc({ kind });
      metrics.handlerSeconds.observe(seconds);
    },
  });
  // /export's files are written outside any update, one export at a time, and queued for the sender.
  const exports = createExportWorker({
    db,
    clock,
    logger,
    directory: bot.services.directory,
    owner,
    onQueued: () => sender.wake(),
    proposals: proposalCodes(config.commendationAuthorities),
  });
  const afterSent: Readonly<Record<string, AfterSent>> = { ...bot.afterSent, ...exports.afterSent };
  // The web app, on the same use cases and units of work as the chat; its messages wake the sender like a reply's.
  const webApp =
    config.miniApp && config.botToken
      ? createAppHttpHandler({
          api: createAppApi({
            db,
            dialect: connection.dialect,
            directory: bot.services.directory,
            config,
            clock,
            onCommitted: () => sender.wake(),
          }),
          botToken: config.botToken,
          maxAgeSeconds: config.miniApp.maxAgeSeconds,
          staticDir: options.webAppDir ?? findStaticDir(),
          clock,
          logger,
        })
      : undefined;
  // A pass runs only while this process holds the sender lease; others handle updates and write to the outbox.
  const sender = createLoop({
    name: 'outbox pass',
    logger,
    intervalMs: config.outboxPollMs,
    run: async (wakes) => {
      await delivery.pass(wakes);
    },
  });

  let scheduler: Scheduler | undefined;
  let polling: Polling | undefined;
  let server: HttpServer | undefined;
  let pruning: ReturnType<typeof setInterval> | undefined;

  async function health() {
    const answers = await databaseAnswers(db);
    if (answers !== true) return { ok: false, database: answers };
    return {
      ok: true,
      database: 'ok',
      intake: config.webhook ? 'webhook' : 'polling',
      lastUpdateAt: lastUpdateAt?.toISOString() ?? null,
    };
  }

  async function prune() {
    try {
      const now = clock.now();
      const pruned = await pruneLedger(db, now);
      const replies = await pruneFinishedReplies(db, now);
      // A roster file's rows are personal data: a dry run nobody applied keeps none past its window.
      const imports = await purgeExpiredImports(db, now);
      if (pruned + replies + imports > 0)
        logger.info({ pruned, replies, imports }, 'pruned handled updates, delivered replies and expired imports');
    } catch (error) {
      logger.warn({ err: error }, 'could not prune the ledger and the outbox');
    }
  }

  return {
    bot,
    services: bot.services,
    connection,
    metrics,
    delivery,
    webApp,
    get httpPort() {
      return server?.port;
    },
    get me() {
      return me;
    },
    handleUpdate: (update) => bot.handleUpdate(update),
    drain: async () => {
      await exports.drain();
      return delivery.drain();
    },
    deliverDue: () => delivery.deliverUnderLease(),
    wake: () => sender.wake(),
    backlog: async () => Object.values(await backlogByKind(db)).reduce((sum, count) => sum + count, 0),
    async start() {
      if (!me) await getMe();
      const refused = await publishCommandMenus(transport, config.defaultLocale);
      for (const error of refused)
        logger.warn({ err: error }, 'setMyCommands refused; the command menu may be missing');
      if (config.miniApp) {
        await setWebAppMenuButton(api, t(config.defaultLocale, 'dashboard.menuButton'), config.miniApp.url).catch(
          (error: unknown) => logger.warn({ err: error }, 'setChatMenuButton refused; /dashboard still opens the app'),
        );
      }
      sender.start();
      delivery.keepLease(() => sender.wake());
      exports.start();
      await prune();
      pruning = setInterval(prune, PRUNE_EVERY_MS);
      pruning.unref();
      const { webhook } = config;
      if (webhook) {
        await api.call('setWebhook', {
          url: webhook.url,
          secret_token: webhook.secret,
          allowed_updates: ALLOWED_UPDATES,
          max_connections: 40,
        });
      } else {
        // A webhook left from an earlier run would make getUpdates fail with 409.
        await api.call('deleteWebhook', { drop_pending_updates: false });
        polling = startPolling({
          api,
          handle: (update) => bot.handleUpdate(update),
          logger,
          isOutage: isDatabaseUnavailable,
          onHeld: (held) => metrics.intakeHeld.set(held),
          ...options.polling,
        });
      }
      if (config.port !== undefined || config.metricsPort !== undefined) {
        server = await startHttpServer({
          port: config.port,
          host: config.httpHost,
          metricsPort: config.metricsPort,
          metricsHost: config.metricsHost,
          logger,
          metrics,
          health,
          ...(webhook && {
            webhook: { path: webhook.path, secret: webhook.secret, handle: (update) => bot.handleUpdate(update) },
          }),
          ...(webApp && { routes: webAppRoutes(webApp) }),
        });
      }
      scheduler = await startScheduler({
        db,
        config,
        clock,
        logger,
        wake: () => sender.wake(),
        directory: bot.services.directory,
      });
    },
    async stop(reason = 'stop') {
      logger.debug({ reason }, 'stopping');
      // Intake first, then the alarms, then what is being handled; the store closes last.
      await polling?.stop();
      await server?.close();
      await scheduler?.stop();
      if (pruning) clearInterval(pruning);
      await bot.idle();
      let grace: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        Promise.all([sender.stop(), exports.stop()]),
        new Promise((resolve) => {
          grace = setTimeout(resolve, STOP_GRACE_MS).unref();
        }),
      ]);
      // A stopped app leaves no timer behind, not even an unref'd one.
      clearTimeout(grace);
      await delivery.releaseLease();
      polling = undefined;
      server = undefined;
      scheduler = undefined;
      await connection.close();
    },
  };
}
