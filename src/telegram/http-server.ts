import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
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

export interface HttpServerOptions {
  port: number;
  host?: string;
  logger: Logger;
  metrics: Metrics;
  health: () => Promise<HealthReport>;
  webhook?: WebhookOptions;
  /** How long close() waits for requests in flight (a webhook update being stored) before cutting them. */
  closeGraceMs?: number;
}

export interface HttpServer {
  /** The bound port (the ephemeral one when 0 was asked). */
  readonly port: number;
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

/** The bot's HTTP face: Telegram's webhook (when configured), /healthz and /metrics. node:http only. */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const { logger, metrics, webhook } = options;
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

  async function onHealth(res: ServerResponse): Promise<void> {
    let report: HealthReport;
    try {
      report = await options.health();
    } catch (error) {
      report = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    sendJson(res, report.ok ? 200 : 503, report);
  }

  async function onMetrics(res: ServerResponse): Promise<void> {
    const text = await metrics.registry.metrics();
    send(res, 200, text, { 'content-type': metrics.registry.contentType });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (closing) res.setHeader('connection', 'close');
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const only = (method: string, run: () => Promise<void>) => {
      if (req.method === method) return run();
      res.setHeader('allow', method);
      refuseUnread(req, res, 405);
      return Promise.resolve();
    };
    if (webhook && path === webhook.path) return only('POST', () => onWebhook(req, res, webhook));
    if (path === '/healthz') return only('GET', () => onHealth(res));
    if (path === '/metrics') return only('GET', () => onMetrics(res));
    refuseUnread(req, res, 404);
  }

  const inFlight = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const done = route(req, res)
      .catch((error: unknown) => {
        metrics.errors.inc({ where: 'http' });
        logger.error({ err: error, url: req.url }, 'HTTP request failed');
        if (!res.headersSent) send(res, 500);
        else res.destroy();
      })
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, webhook: webhook?.path }, 'HTTP server listening');

  return {
    port,
    async close() {
      if (closing) return;
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Requests in flight finish (a webhook update reaches safety) unless they outlast the grace period.
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, options.closeGraceMs ?? 5000);
      });
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      clearTimeout(timer);
      server.closeAllConnections();
      await closed;
    },
  };
}
