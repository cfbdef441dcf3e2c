import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/clock';
import { type ApiErrorBody, type AppApi, apiPaths } from '../../../src/features/app/api-types';
import { createAppHttpHandler } from '../../../src/features/app/app-http';
import { createLogger } from '../../../src/logger';
import { type AppServer, serveApp } from '../../browser/app-server';
import { createFixtureApi, PEOPLE } from '../../browser/fixture-api';
import { initDataFor, TEST_BOT_TOKEN } from './sign-init-data';

const NOW = new Date('2026-12-09T03:00:00Z');
const clock = fixedClock(NOW);
const commander = { id: PEOPLE.commanderPC06.id, first_name: 'An', language_code: 'vi' };
const auth = (user = commander, authDate = NOW) => ({ authorization: `tma ${initDataFor(user, { authDate })}` });

const SCRIPT = 'console.log("the page");'.repeat(20);
let staticDir: string;
let fixture: ReturnType<typeof createFixtureApi>;
let server: AppServer;

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'app-http-'));
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(staticDir, 'assets/app-ABC123.js'), SCRIPT);
  writeFileSync(join(staticDir, 'assets/app-ABC123.js.gz'), gzipSync(SCRIPT));
  fixture = createFixtureApi();
  server = await serveApp({ api: fixture.api, staticDir, clock });
});
afterAll(async () => {
  await server.close();
  rmSync(staticDir, { recursive: true, force: true });
});

const call = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);
const post = (path: string, body: unknown, headers: Record<string, string> = auth()) =>
  call(path, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const lastCall = () => fixture.calls.at(-1);

/** A raw GET (fetch would decompress and hide the encoding). */
function rawGet(path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
    request(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the API: authentication', () => {
  it('answers 401 auth.missing without an Authorization header, and calls nothing', async () => {
    const before = fixture.calls.length;
    const response = await call('/api/me');
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { status: 401, kind: 'auth.missing' } });
    expect(fixture.calls.length).toBe(before);
  });

  it.each([
    ['another scheme', { authorization: `Bearer ${initDataFor(commander, { authDate: NOW })}` }, 'auth.missing'],
    [
      'forged init data',
      { authorization: `tma ${initDataFor(commander, { authDate: NOW, botToken: '1:other' })}` },
      'auth.invalid',
    ],
    ['init data two hours old', auth(commander, new Date(NOW.getTime() - 2 * 3600_000)), 'auth.expired'],
  ])('answers 401 to %s', async (_, headers, kind) => {
    const response = await call('/api/me', { headers });
    expect(response.status).toBe(401);
    expect(((await response.json()) as ApiErrorBody).error.kind).toBe(kind);
  });

  it('takes the maximum age as a parameter', async () => {
    const strict = await serveApp({ api: fixture.api, staticDir, clock, maxAgeSeconds: 60 });
    try {
      const headers = auth(commander, new Date(NOW.getTime() - 120_000));
      expect((await fetch(`${strict.url}/api/me`, { headers })).status).toBe(401);
      expect((await call('/api/me', { headers })).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('passes the checked user to the API and answers its JSON, never cached', async () => {
    const response = await call('/api/me', { headers: auth() });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const me = await response.json();
    expect(me).toMatchObject({
      userId: 7001,
      locale: 'vi',
      home: 2,
      scopes: [{ unit: { code: 'PC06' }, role: 'commander' }],
    });
    expect(lastCall()).toEqual({ method: 'me', userId: 7001, input: null });
  });
});

describe('the API: routes', () => {
  it.each([
    ['me', 'GET', apiPaths.me(), undefined, null],
    ['overview', 'GET', apiPaths.overview(null), undefined, null],
    ['overview', 'GET', apiPaths.overview(21), undefined, 21],
    [
      'metric',
      'GET',
      apiPaths.metric(2, 'cccd', 52, 'month'),
      undefined,
      { unitId: 2, metric: 'cccd', weeks: 52, period: 'month' },
    ],
    ['metric', 'GET', '/api/units/2/metrics/cccd', undefined, { unitId: 2, metric: 'cccd', weeks: 8, period: 'week' }],
    ['nominations', 'GET', apiPaths.nominations(), undefined, null],
    [
      'decide',
      'POST',
      apiPaths.nominationAction(11, 'decide'),
      { level: 'bieuduong' },
      { nominationId: 11, level: 'bieuduong' },
    ],
    [
      'recommend',
      'POST',
      apiPaths.nominationAction(12, 'recommend'),
      { level: 'giaykhen' },
      { nominationId: 12, level: 'giaykhen' },
    ],
    [
      'reject',
      'POST',
      apiPaths.nominationAction(99, 'reject'),
      { reason: '  Chưa đủ căn cứ xác minh.  ' },
      { nominationId: 99, reason: 'Chưa đủ căn cứ xác minh.' },
    ],
    ['report', 'GET', apiPaths.report(2, '05/2021-08/2021'), undefined, { unitId: 2, period: '05/2021-08/2021' }],
    ['requestExport', 'POST', apiPaths.export(2), { period: 'thang' }, { unitId: 2, period: 'thang' }],
  ] as const)('routes %s %s %s to its AppApi method', async (method, verb, path, body, input) => {
    if (verb === 'GET') await call(path, { headers: auth() });
    else await post(path, body);
    expect(lastCall()).toEqual({ method, userId: 7001, input });
  });

  it('answers 202 to an export request and its result as JSON', async () => {
    const response = await post(apiPaths.export(21), { period: 'thang' });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ formats: ['xlsx', 'csv'], period: { from: '2026-12-01' } });
  });

  it("passes the API's refusals through with their status: 403 outside the caller's units, 404 unknown", async () => {
    const outside = await call(apiPaths.overview(3), { headers: auth() });
    expect(outside.status).toBe(403);
    expect(await outside.json()).toEqual({ error: { status: 403, kind: 'app.forbidden' } });
    expect((await call(apiPaths.overview(777), { headers: auth() })).status).toBe(404);
    expect((await post(apiPaths.export(31), { period: 'thang' })).status).toBe(403);
  });

  it.each([
    ['a decision without a level', apiPaths.nominationAction(11, 'decide'), {}],
    ['a level that is not a string', apiPaths.nominationAction(11, 'decide'), { level: 3 }],
    ['an empty reason', apiPaths.nominationAction(11, 'reject'), { reason: '   ' }],
    ['an export without a period', apiPaths.export(2), {}],
  ])('answers 400 to %s without calling the API', async (_, path, body) => {
    const before = fixture.calls.length;
    const response = await post(path, body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as ApiErrorBody).error.kind).toBe('app.badRequest');
    expect(fixture.calls.length).toBe(before);
  });

  it('answers 400 to a body that is not JSON, and to a trend of 7 weeks', async () => {
    const broken = await call(apiPaths.export(2), { method: 'POST', headers: auth(), body: '{"period":' });
    expect(broken.status).toBe(400);
    expect((await call('/api/units/2/metrics/cccd?weeks=7', { headers: auth() })).status).toBe(400);
    expect((await call('/api/units/2/report', { headers: auth() })).status).toBe(400);
  });

  it('answers 413 to a body over 16 KB', async () => {
    const response = await post(apiPaths.export(2), { period: 'x'.repeat(20_000) });
    expect(response.status).toBe(413);
  });

  it('answers 404 to an unknown path or a malformed id, and 405 to the wrong method', async () => {
    for (const path of ['/api/nothing', '/api/overview/0', '/api/overview/abc', '/api/units/2/metrics/CCCD%20x']) {
      expect((await call(path, { headers: auth() })).status, path).toBe(404);
    }
    const wrong = await call(apiPaths.nominationAction(11, 'decide'), { headers: auth() });
    expect(wrong.status).toBe(405);
  });

  it('answers 500 error.generic when the API throws, and logs it', async () => {
    const logged: unknown[] = [];
    const logger = createLogger('silent');
    logger.error = ((...args: unknown[]) => void logged.push(args)) as typeof logger.error;
    const failing = { ...fixture.api, me: () => Promise.reject(new Error('database down')) } as AppApi;
    const broken = await serveApp({ api: failing, staticDir, clock, logger });
    try {
      const response = await fetch(`${broken.url}/api/me`, { headers: auth() });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ error: { status: 500, kind: 'error.generic' } });
      expect(logged).toHaveLength(1);
    } finally {
      await broken.close();
    }
  });
});

describe('the page: static files', () => {
  it('redirects /app to /app/ and serves index.html there, checked every time (no-cache, ETag, 304)', async () => {
    const redirect = await call('/app', { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/app/');
    const index = await call('/app/');
    expect(index.status).toBe(200);
    expect(await index.text()).toBe('<!doctype html><title>app</title>');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self' https://telegram.org");
    const etag = index.headers.get('etag')!;
    const again = await call('/app/', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves hashed assets as immutable for a year, gzipped when the browser accepts it', async () => {
    const plain = await rawGet('/app/assets/app-ABC123.js', {});
    expect(plain.status).toBe(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
    const gzipped = await rawGet('/app/assets/app-ABC123.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).toString()).toBe(SCRIPT);
    expect(gzipped.body.length).toBeLessThan(SCRIPT.length);
  });

  it('serves nothing but the built files: unknown names and other paths are not found', async () => {
    for (const path of [
      '/app/assets/app-ABC123.js.gz',
      '/app/nothing.js',
      '/app/..%2fpackage.json',
      '/app/index.html',
    ]) {
      expect((await call(path)).status, path).toBe(404);
    }
    expect((await call('/app/', { method: 'POST' })).status).toBe(405);
  });

  it('leaves every other path to the server it is mounted in', async () => {
    const handle = createAppHttpHandler({
      api: fixture.api,
      botToken: TEST_BOT_TOKEN,
      staticDir,
      clock,
      logger: createLogger('silent'),
    });
    for (const url of ['/healthz', '/telegram/hook', '/application', '/apix']) {
      const req = { url, method: 'GET', headers: {} } as Parameters<typeof handle>[0];
      const res = { writeHead: () => expect.unreachable(), end: () => expect.unreachable() } as never;
      expect(await handle(req, res), url).toBe(false);
    }
  });

  it('answers 503 under /app/ while the page is not built, and the API still works', async () => {
    const empty = await serveApp({ api: fixture.api, staticDir: join(staticDir, 'missing'), clock });
    try {
      expect((await fetch(`${empty.url}/app/`)).status).toBe(503);
      expect((await fetch(`${empty.url}/api/me`, { headers: auth() })).status).toBe(200);
    } finally {
      await empty.close();
    }
  });
});
