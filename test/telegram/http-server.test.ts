import { request } from 'node:http';
import { connect } from 'node:net';
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
    expect(await response.json()).toEqual({ ok: true, database: 'up', status: 'ok' });
  });

  it('answers 503 "unavailable" with no error text when not healthy, when the check throws, or when it is late', async () => {
    const unavailable = { ok: false, status: 'unavailable' };
    const cases: HttpServerOptions['health'][] = [
      async () => ({ ok: false, database: 'connect ECONNREFUSED 127.0.0.1:38921' }),
      async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:38921');
      },
      () => new Promise(() => {}),
    ];
    for (const health of cases) {
      const { base } = await start({ health, limits: { healthTimeoutMs: 300 } });
      const started = performance.now();
      const response = await fetch(`${base}/healthz`);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual(unavailable);
      expect(text).not.toContain('ECONNREFUSED');
    }
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

/** A raw TCP client: what a slow or hostile one sends, and whether (and when) the server closed on it. */
function rawClient(port: number) {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    received += chunk;
  });
  socket.on('error', () => {});
  const opened = performance.now();
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(performance.now() - opened)));
  return { socket, closed, received: () => received };
}

describe('startHttpServer: strict paths and limits', () => {
  it('compares paths as sent: dot segments, encoded or not, are 404 and never reach /metrics or /healthz', async () => {
    const { server } = await start({ webhook: { path: '/telegram/hook', secret: SECRET, handle: async () => {} } });
    for (const path of [
      '/telegram/%2e%2e/metrics',
      '/telegram/%2E%2E/metrics',
      '/x/../metrics',
      '/telegram/../healthz',
      '/./metrics',
      '/telegram/.%2e/metrics',
      '//metrics',
      '/metrics/',
      'http://127.0.0.1/metrics',
    ]) {
      const client = rawClient(server.port!);
      client.socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      await client.closed;
      expect(client.received().split('\r\n')[0], path).toBe('HTTP/1.1 404 Not Found');
    }
    const ok = rawClient(server.port!);
    ok.socket.write('GET /metrics?x=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await ok.closed;
    expect(ok.received().split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
  });

  const limits = { headersTimeoutMs: 500, requestTimeoutMs: 1000, checkIntervalMs: 100 };

  it('cuts a client whose headers come too slowly, and a silent one', async () => {
    const { server } = await start({ limits });
    const slow = rawClient(server.port!);
    slow.socket.write('GET /healthz HTTP/1.1\r\n');
    const drip = setInterval(() => slow.socket.write('X-A: b\r\n'), 100);
    const silent = rawClient(server.port!);
    const [slowMs, silentMs] = await Promise.all([slow.closed, silent.closed]);
    clearInterval(drip);
    expect(slowMs).toBeLessThan(2000);
    expect(silentMs).toBeLessThan(2000);
    expect(slow.received()).toMatch(/^HTTP\/1.1 408/);
  });

  it('cuts a slow body sent with the right secret once the request takes too long, without handling it', async () => {
    const { server, handled } = await start({ limits });
    const slow = rawClient(server.port!);
    slow.socket.write(
      `POST ${PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `X-Telegram-Bot-Api-Secret-Token: ${SECRET}\r\nContent-Length: 100000\r\n\r\n{`,
    );
    const drip = setInterval(() => slow.socket.write(' '), 100);
    const closedAfter = await slow.closed;
    clearInterval(drip);
    expect(closedAfter).toBeLessThan(2500);
    expect(handled).toEqual([]);
  });

  it('caps open connections: those over the cap are closed at once, the others still answered', async () => {
    const { server, base } = await start({ limits: { maxConnections: 3 } });
    const held = [rawClient(server.port!), rawClient(server.port!), rawClient(server.port!)];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const over = rawClient(server.port!);
    expect(await over.closed).toBeLessThan(1000);
    expect(over.received()).toBe('');
    for (const client of held) client.socket.destroy();
    await Promise.all(held.map((client) => client.closed));
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('serves /metrics on METRICS_PORT alone (127.0.0.1), and no longer on the main port', async () => {
    const { base, server } = await start({ metricsPort: 0 });
    expect(server.metricsPort).toBeGreaterThan(0);
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const scraped = await fetch(`http://127.0.0.1:${server.metricsPort}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('thidua_updates_total');
    expect((await fetch(`http://127.0.0.1:${server.metricsPort}/healthz`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${server.metricsPort}${PATH}`, { method: 'POST', body: '{}' })).status).toBe(
      404,
    );
  });

  it('routes through its table: a prefix route for later apps, the exact routes first', async () => {
    const { base } = await start({
      routes: [
        {
          method: 'GET',
          path: '/app/',
          prefix: true,
          run: async (req, res) => {
            res.end(`app ${req.url}`);
          },
        },
      ],
    });
    expect(await (await fetch(`${base}/app/index.html`)).text()).toBe('app /app/index.html');
    expect((await fetch(`${base}/app/x`, { method: 'POST', body: '' })).status).toBe(405);
  });
});
