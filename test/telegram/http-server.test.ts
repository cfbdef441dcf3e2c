import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger';
import { createMetrics, type Metrics } from '../../src/metrics';
import { type HttpServer, type HttpServerOptions, startHttpServer } from '../../src/telegram/http-server';

const SECRET = 'test_Secret-123';
const PATH = '/hook/abc';

const servers: HttpServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

interface Started {
  base: string;
  server: HttpServer;
  metrics: Metrics;
  handled: unknown[];
}

async function start(overrides: Partial<HttpServerOptions> & { handle?: (update: unknown) => Promise<void> } = {}) {
  const handled: unknown[] = [];
  const metrics = overrides.metrics ?? createMetrics();
  const handle =
    overrides.handle ??
    (async (update: unknown) => {
      handled.push(update);
    });
  const server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    logger: createLogger('silent'),
    metrics,
    health: async () => ({ ok: true, database: 'up' }),
    webhook: { path: PATH, secret: SECRET, handle },
    ...overrides,
  });
  servers.push(server);
  return { base: `http://127.0.0.1:${server.port}`, server, metrics, handled } satisfies Started;
}

const post = (base: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
  fetch(`${base}${PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET, ...headers },
    body,
  });

const update = { update_id: 42, message: { message_id: 1, date: 1, chat: { id: -1, type: 'group' }, text: '/me' } };

describe('startHttpServer: webhook', () => {
  it('binds an ephemeral port when asked for 0', async () => {
    const { server } = await start();
    expect(server.port).toBeGreaterThan(0);
  });

  it('passes the update to handle and answers 200 with an empty body once it resolves', async () => {
    let release!: () => void;
    const handled: unknown[] = [];
    const { base } = await start({
      handle: (value) => {
        handled.push(value);
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
    });

    let settled = false;
    const answer = post(base, JSON.stringify(update)).then((response) => {
      settled = true;
      return response;
    });
    await expect.poll(() => handled.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    release();
    const response = await answer;

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(handled).toEqual([update]);
  });

  it('refuses a missing secret token with 403 and does not handle the update', async () => {
    const { base, handled } = await start();
    const response = await fetch(`${base}${PATH}`, { method: 'POST', body: JSON.stringify(update) });

    expect(response.status).toBe(403);
    expect(handled).toEqual([]);
  });

  it('refuses a wrong secret token with 403, whatever its length', async () => {
    const { base, handled } = await start();
    for (const wrong of ['test_Secret-124', 'x', `${SECRET}x`]) {
      const response = await post(base, JSON.stringify(update), { 'x-telegram-bot-api-secret-token': wrong });
      expect(response.status).toBe(403);
    }
    expect(handled).toEqual([]);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const { base, handled } = await start();
    const huge = JSON.stringify({ update_id: 1, pad: 'x'.repeat(1_100_000) });
    const response = await post(base, huge);

    expect(response.status).toBe(413);
    expect(handled).toEqual([]);
  });

  it('refuses with 413 a body over 1 MB sent without a content-length (chunked)', async () => {
    const { server, handled } = await start();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: PATH,
          method: 'POST',
          headers: { 'x-telegram-bot-api-secret-token': SECRET, 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 1_200_000) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      pump();
    });

    expect(status).toBe(413);
    expect(handled).toEqual([]);
  });

  it('accepts a body just under the limit', async () => {
    const { base, handled } = await start();
    const big = JSON.stringify({ update_id: 2, pad: 'x'.repeat(1024 * 1024 - 100) });
    const response = await post(base, big);

    expect(response.status).toBe(200);
    expect(handled).toHaveLength(1);
  });

  it('refuses malformed JSON and a JSON array with 400, counting them as malformed updates', async () => {
    const { base, handled, metrics } = await start();

    expect((await post(base, '{"update_id": 1,')).status).toBe(400);
    expect((await post(base, JSON.stringify([update]))).status).toBe(400);
    expect((await post(base, 'null')).status).toBe(400);
    expect(handled).toEqual([]);
    const malformed = (await metrics.updates.get()).values.find((value) => value.labels.kind === 'malformed');
    expect(malformed?.value).toBe(3);
  });

  it('answers 500 when handle throws, so Telegram redelivers', async () => {
    const { base, metrics } = await start({
      handle: async () => {
        throw new Error('database is locked');
      },
    });
    const response = await post(base, JSON.stringify(update));

    expect(response.status).toBe(500);
    const errors = (await metrics.errors.get()).values.find((value) => value.labels.where === 'webhook');
    expect(errors?.value).toBe(1);
  });

  it('answers 405 to other methods on the webhook path and 404 elsewhere', async () => {
    const { base } = await start();

    const get = await fetch(`${base}${PATH}`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST', body: '{}' })).status).toBe(405);
  });

  it('has no webhook route when no webhook is configured', async () => {
    const { base } = await start({ webhook: undefined });
    const response = await post(base, JSON.stringify(update));

    expect(response.status).toBe(404);
  });
});

describe('startHttpServer: /healthz and /metrics', () => {
  it('answers 200 JSON when healthy', async () => {
    const { base } = await start();
    const response = await fetch(`${base}/healthz`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ ok: true, database: 'up' });
  });

  it('answers 503 JSON when not healthy, or when the check throws', async () => {
    const { base: failing } = await start({ health: async () => ({ ok: false, database: 'down' }) });
    const down = await fetch(`${failing}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ok: false, database: 'down' });

    const { base: throwing } = await start({
      health: async () => {
        throw new Error('SQLITE_BUSY');
      },
    });
    const thrown = await fetch(`${throwing}/healthz`);
    expect(thrown.status).toBe(503);
    expect(await thrown.json()).toEqual({ ok: false, error: 'SQLITE_BUSY' });
  });

  it('serves the registry in the Prometheus text format, instruments included', async () => {
    const { base, metrics } = await start();
    metrics.updates.inc({ kind: 'message' }, 3);
    metrics.sends.inc({ method: 'sendMessage', outcome: 'ok' });
    metrics.rateLimited.inc();
    metrics.errors.inc({ where: 'sender' });
    metrics.handlerSeconds.observe(0.002);
    metrics.setOutboxBacklogSource(async () => ({ reply: 7, weekly: 2 }));

    const response = await fetch(`${base}/metrics`);
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(text).toContain('thidua_updates_total{kind="message"} 3');
    expect(text).toContain('thidua_sends_total{method="sendMessage",outcome="ok"} 1');
    expect(text).toContain('thidua_rate_limited_total 1');
    expect(text).toContain('thidua_errors_total{where="sender"} 1');
    expect(text).toContain('thidua_handler_seconds_bucket{le="0.0025"} 1');
    expect(text).toContain('thidua_handler_seconds_count 1');
    expect(text).toContain('thidua_outbox_backlog{kind="reply"} 7');
    expect(text).toContain('thidua_outbox_backlog{kind="weekly"} 2');
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('keeps each app’s metrics apart', async () => {
    const one = createMetrics();
    const two = createMetrics();
    one.updates.inc({ kind: 'message' });

    expect(await one.registry.metrics()).toContain('thidua_updates_total{kind="message"} 1');
    expect(await two.registry.metrics()).not.toContain('thidua_updates_total{kind="message"}');
  });

  it('refreshes the backlog at each scrape and survives a failing source', async () => {
    const metrics = createMetrics();
    let backlog: Record<string, number> = { reply: 5 };
    metrics.setOutboxBacklogSource(async () => backlog);
    expect(await metrics.registry.metrics()).toContain('thidua_outbox_backlog{kind="reply"} 5');

    backlog = { weekly: 1 };
    const second = await metrics.registry.metrics();
    expect(second).toContain('thidua_outbox_backlog{kind="weekly"} 1');
    expect(second).not.toContain('thidua_outbox_backlog{kind="reply"}');

    metrics.setOutboxBacklogSource(async () => {
      throw new Error('no store');
    });
    const failed = await metrics.registry.metrics();
    expect(failed).not.toContain('thidua_outbox_backlog{kind=');
    expect(failed).toContain('thidua_errors_total{where="outbox_backlog"} 1');
  });
});

describe('startHttpServer: close', () => {
  it('closes with keep-alive connections open, and the port stops answering', async () => {
    const { base, server } = await start();
    expect((await fetch(`${base}/healthz`, { headers: { connection: 'keep-alive' } })).status).toBe(200);

    const started = Date.now();
    servers.splice(servers.indexOf(server), 1);
    await server.close();

    expect(Date.now() - started).toBeLessThan(1000);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });

  it('lets an update in flight finish before closing', async () => {
    let release!: () => void;
    const { base, server } = await start({
      handle: () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    });
    const answer = post(base, JSON.stringify(update));
    await expect.poll(() => release).toBeTypeOf('function');

    servers.splice(servers.indexOf(server), 1);
    const closed = server.close();
    setTimeout(() => release(), 50);
    await closed;

    expect((await answer).status).toBe(200);
  });
});
