import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';

/** Telegram's updates are a few kilobytes; anything near this is not an update. */
export const MAX_BODY_BYTES = 1024 * 1024;
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

export interface HealthReport {
  ok: boolean;
  [key: string]: unknown;
}

export interface WebhookOptions {
  /** Path of WEBHOOK_URL, e.g. "/telegram/hook". */
  path: string;
  /** The secret_token given to setWebhook; Telegram sends it back in every request. */
  secret: string;
  /** Resolves once the update is safe (the caller's guarantee); a rejection makes Telegram redeliver it. */
  handle: (update: unknown) => Promise<void>;
}

/** One entry of the routing table: a method and a path, compared as sent (never resolved), or a path prefix. */
export interface Route {
  readonly method: string;
  /** The exact path, or with `prefix`, what the path starts with (end it with "/"). */
  readonly path: string;
  readonly prefix?: boolean;
  run(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/** The server's limits against slow and numerous clients; tests pass short ones. */
export interface HttpLimits {
  /** Time to receive a request's headers (Node's default: 60 s). */
  readonly headersTimeoutMs: number;
  /** Time to receive a whole request, body included (Node's default: 300 s). */
  readonly requestTimeoutMs: number;
  /** How often Node looks for requests over those times (its default, 30 s, would let them overstay by that much). */
  readonly checkIntervalMs: number;
  /** Open connections at most, per listener; more are closed at once. */
  readonly maxConnections: number;
  /** Longest wait for the health check: past it /healthz answers "unavailable". */
  readonly healthTimeoutMs: number;
}

export const DEFAULT_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  checkIntervalMs: 1000,
  maxConnections: 256,
  healthTimeoutMs: 800,
};

export interface HttpServerOptions {
  /** The main listener: the webhook, /healthz, and /metrics unless it has a port of its own. */
  port?: number;
  host?: string;
  /** /metrics alone on its own listener (and then not on the main one), on `metricsHost` (default 127.0.0.1). */
  metricsPort?: number;
  metricsHost?: string;
  logger: Logger;
  metrics: Metrics;
  /** The store's state; a report with ok false, a rejection or a wait past healthTimeoutMs answer "unavailable". */
  health: () => Promise<HealthReport>;
  webhook?: WebhookOptions;
  /** More routes on the main listener (the web app's, later). */
  routes?: readonly Route[];
  limits?: Partial<HttpLimits>;
  /** How long close() waits for requests in flight (a webhook update being stored) before cutting them. */
  closeGraceMs?: number;
}

export interface HttpServer {
  /** The main listener's bound port (the ephemeral one when 0 was asked); undefined without one. */
  readonly port: number | undefined;
  /** The metrics listener's bound port, when it has one. */
  readonly metricsPort: number | undefined;
  close(): Promise<void>;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares through fixed-length digests so neither the secret's content nor its length leaks through timing. */
function secretMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  return timingSafeEqual(digest(given), digest(expected));
}

class BodyTooLarge extends Error {}

/** Reads at most `limit` bytes; past it, stops collecting and rejects so the caller answers 413. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function parseUpdate(body: Buffer): { ok: true; update: object } | { ok: false } {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false };
    return { ok: true, update: value };
  } catch {
    return { ok: false };
  }
}

function send(res: ServerResponse, status: number, body = '', headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, value: unknown) =>
  send(res, status, JSON.stringify(value), { 'content-type': 'application/json; charset=utf-8' });

/** Answers and closes the connection without reading what is left of the request's body. */
function refuseUnread(req: IncomingMessage, res: ServerResponse, status: number): void {
  res.once('finish', () => req.socket.destroySoon());
  send(res, status, '', { connection: 'close' });
}

/**
 * The request's path exactly as sent, without its query; undefined when it is not a plain absolute path or holds a
 * dot segment ("." or "..", percent-encoded or not), which is never resolved: a proxy forwarding only /telegram/
 * must not be walked out of.
 */
export function requestPath(url: string | undefined): string | undefined {
  const path = (url ?? '').split('?', 1)[0] ?? '';
  if (!path.startsWith('/') || path.startsWith('//')) return undefined;
  const dotSegment = /^(\.|%2e){1,2}$/i;
  return path.split('/').some((segment) => dotSegment.test(segment)) ? undefined : path;
}

/** The route for a path: the exact ones first, then the longest prefix. */
function findRoute(routes: readonly Route[], path: string): Route[] {
  const exact = routes.filter((route) => !route.prefix && route.path === path);
  if (exact.length > 0) return exact;
  const prefixed = routes.filter((route) => route.prefix && path.startsWith(route.path));
  const longest = Math.max(0, ...prefixed.map((route) => route.path.length));
  return prefixed.filter((route) => route.path.length === longest);
}

/**
 * The bot's HTTP face, node:http only: Telegram's webhook (when configured), /healthz and /metrics, from a small
 * routing table; /metrics may have a listener of its own. Paths are compared as sent, slow and silent clients are
 * cut after seconds, and open connections are capped.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const { logger, metrics, webhook } = options;
  const limits: HttpLimits = { ...DEFAULT_LIMITS, ...options.limits };
  let closing = false;

  async function onWebhook(req: IncomingMessage, res: ServerResponse, hook: WebhookOptions): Promise<void> {
    if (!secretMatches(req.headers[SECRET_HEADER], hook.secret)) {
      logger.warn({ remote: req.socket.remoteAddress }, 'webhook request without the right secret token refused');
      refuseUnread(req, res, 403);
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      logger.warn({ contentLength: req.headers['content-length'] }, 'webhook body over the size limit refused');
      refuseUnread(req, res, 413);
      return;
    }
    const parsed = parseUpdate(body);
    if (!parsed.ok) {
      metrics.updates.inc({ kind: 'malformed' });
      logger.warn({ bytes: body.length }, 'webhook body is not a JSON object; refused');
      send(res, 400);
      return;
    }
    try {
      await hook.handle(parsed.update);
    } catch (error) {
      // Telegram redelivers on a non-2xx answer; the handler is idempotent, so that is the retry.
      metrics.errors.inc({ where: 'webhook' });
      logger.error({ err: error }, 'webhook update could not be handled; Telegram will redeliver it');
      send(res, 500);
      return;
    }
    send(res, 200);
  }

  /** "ok" with the report, or "unavailable" with nothing else: the reason goes to the log, never to the caller. */
  async function onHealth(res: ServerResponse): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<HealthReport>((resolve) => {
      timer = setTimeout(
        () => resolve({ ok: false, reason: `no answer within ${limits.healthTimeoutMs} ms` }),
        limits.healthTimeoutMs,
      );
    });
    const report = await Promise.race([
      options.health().catch((error: unknown): HealthReport => ({ ok: false, reason: String(error) })),
      late,
    ]);
    clearTimeout(timer);
    if (report.ok) {
      sendJson(res, 200, { ...report, status: 'ok' });
      return;
    }
    logger.warn({ health: report }, 'health check: unavailable');
    sendJson(res, 503, { ok: false, status: 'unavailable' });
  }

  async function onMetrics(res: ServerResponse): Promise<void> {
    const text = await metrics.registry.metrics();
    send(res, 200, text, { 'content-type': metrics.registry.contentType });
  }

  const metricsRoute: Route = { method: 'GET', path: '/metrics', run: (_req, res) => onMetrics(res) };
  const mainRoutes: Route[] = [
    ...(webhook
      ? [{ method: 'POST', path: webhook.path, run: (req, res) => onWebhook(req, res, webhook) } as Route]
      : []),
    { method: 'GET', path: '/healthz', run: (_req, res) => onHealth(res) },
    ...(options.metricsPort === undefined ? [metricsRoute] : []),
    ...(options.routes ?? []),
  ];

  async function route(routes: readonly Route[], req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (closing) res.setHeader('connection', 'close');
    const path = requestPath(req.url);
    const found = path === undefined ? [] : findRoute(routes, path);
    const chosen = found.find((candidate) => candidate.method === req.method);
    if (chosen) return chosen.run(req, res);
    if (found.length > 0) res.setHeader('allow', [...new Set(found.map((candidate) => candidate.method))].join(', '));
    refuseUnread(req, res, found.length > 0 ? 405 : 404);
  }

  const inFlight = new Set<Promise<void>>();
  async function listen(port: number, host: string | undefined, routes: readonly Route[]): Promise<Server> {
    const server = createServer(
      { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs },
      (req, res) => {
        const done = route(routes, req, res)
          .catch((error: unknown) => {
            metrics.errors.inc({ where: 'http' });
            logger.error({ err: error, url: req.url }, 'HTTP request failed');
            if (!res.headersSent) send(res, 500);
            else res.destroy();
          })
          .finally(() => inFlight.delete(done));
        inFlight.add(done);
      },
    );
    // Node checks the two timeouts only this often (30 s by default).
    (server as Server & { connectionsCheckingInterval?: number }).connectionsCheckingInterval = limits.checkIntervalMs;
    server.maxConnections = limits.maxConnections;
    server.on('drop', () => logger.warn({ max: limits.maxConnections }, 'HTTP connection over the cap closed'));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return server;
  }

  const servers: Server[] = [];
  try {
    if (options.port !== undefined) servers.push(await listen(options.port, options.host, mainRoutes));
    if (options.metricsPort !== undefined)
      servers.push(await listen(options.metricsPort, options.metricsHost ?? '127.0.0.1', [metricsRoute]));
  } catch (error) {
    for (const server of servers) server.close();
    throw error;
  }
  const portOf = (server: Server | undefined) => (server ? (server.address() as AddressInfo).port : undefined);
  const port = options.port === undefined ? undefined : portOf(servers[0]);
  const metricsPort = options.metricsPort === undefined ? undefined : portOf(servers.at(-1));
  logger.info({ port, metricsPort, webhook: webhook?.path }, 'HTTP server listening');

  return {
    port,
    metricsPort,
    async close() {
      if (closing) return;
      closing = true;
      const closed = servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
      for (const server of servers) server.closeIdleConnections();
      // Requests in flight finish (a webhook update reaches safety) unless they outlast the grace period.
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, options.closeGraceMs ?? 5000);
      });
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      clearTimeout(timer);
      for (const server of servers) server.closeAllConnections();
      await Promise.all(closed);
    },
  };
}
