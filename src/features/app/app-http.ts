import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import type { Clock } from '../../clock';
import { err, type Result } from '../../kernel/result';
import type { Logger } from '../../logger';
import {
  type ApiError,
  type ApiFailure,
  type ApiResult,
  type AppApi,
  type AppCaller,
  AUTH_SCHEME,
  RANKING_PERIODS,
  TREND_WEEKS,
} from './api-types';
import { createInitDataCheck, type InitDataRefusal } from './init-data';

export interface AppHttpOptions {
  readonly api: AppApi;
  readonly botToken: string;
  /** MINIAPP_MAX_AGE in seconds (default one hour). */
  readonly maxAgeSeconds?: number;
  /** The built page (dist/app/): index.html and assets/ with hashed names, each with a .gz beside it. */
  readonly staticDir: string;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** Answers `/app/*` and `/api/*`; resolves false for any other path, which it leaves untouched. */
export type AppRequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Where the page is served: PUBLIC_URL + APP_PATH is the address web_app buttons and BotFather's app open. */
export const APP_PATH = '/app/';

/**
 * Where `npm run build` put the page: dist/app/ beside the bundle (dist/main.js, or a chunk in dist/chunks/), or,
 * run from the sources (npm run dev), the repository's dist/app/. The first place looked at when none is built.
 */
export function findStaticDir(from: string = dirname(fileURLToPath(import.meta.url))): string {
  const candidates: string[] = [];
  let dir = from;
  for (let up = 0; up < 4; up++) {
    candidates.push(join(dir, 'app'), join(dir, 'dist', 'app'));
    dir = join(dir, '..');
  }
  return candidates.find((candidate) => existsSync(join(candidate, 'index.html'))) ?? join(from, 'app');
}

/** Bodies are a level code, a reason or a period: a few hundred bytes. */
const MAX_BODY_BYTES = 16 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};
/** Hashed names never change content: cache them for a year; index.html is checked every time (ETag, 304). */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** No CDN but Telegram's own script; inline scripts only by the hash of what index.html holds; charts are inline SVG. */
function contentSecurityPolicy(html: string): string {
  const inlineScripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (match) => `'sha256-${createHash('sha256').update(match[1]!).digest('base64')}'`,
  );
  return [
    "default-src 'self'",
    ["script-src 'self' https://telegram.org", ...inlineScripts].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

interface StaticFile {
  readonly body: Buffer;
  /** index.html's policy, with the hashes of its inline scripts. */
  readonly contentSecurityPolicy?: string;
  readonly gzipped: Buffer | undefined;
  readonly type: string;
  readonly etag: string;
  readonly cacheControl: string;
}

/** The built page by URL path (`/app/`, `/app/assets/app-3F2A.js`), read once: it changes only with a deployment. */
function loadStaticFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (!existsSync(dir)) return files;
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!entry.name.endsWith('.gz')) {
        const body = readFileSync(path);
        const name = relative(dir, path).split(sep).join('/');
        const index = name === 'index.html';
        files.set(index ? APP_PATH : `${APP_PATH}${name}`, {
          body,
          gzipped: existsSync(`${path}.gz`) ? readFileSync(`${path}.gz`) : undefined,
          type: CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
          etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
          cacheControl: index ? 'no-cache' : IMMUTABLE,
          ...(index ? { contentSecurityPolicy: contentSecurityPolicy(body.toString('utf8')) } : {}),
        });
      }
    }
  };
  walk(dir);
  return files;
}

class BodyTooLarge extends Error {}
class BadJson extends Error {}

function readJsonBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        reject(new BodyTooLarge());
      } else chunks.push(chunk);
    });
    req.once('end', () => {
      if (size === 0) return resolve(undefined);
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new BadJson());
      }
    });
    req.once('error', reject);
  });
}

const API_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { ...API_HEADERS, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const sendError = (res: ServerResponse, error: ApiError) => sendJson(res, error.status, { error });

const badRequest = (): Result<never, ApiFailure> => err({ status: 400, kind: 'app.badRequest' });

/** What a route receives besides the API and the caller. */
interface RouteInput {
  readonly match: RegExpExecArray;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

interface Route {
  readonly method: 'GET' | 'POST';
  readonly pattern: RegExp;
  /** 202 for a request queued rather than done. */
  readonly status?: 200 | 202;
  readonly run: (api: AppApi, caller: AppCaller, input: RouteInput) => ApiResult<unknown>;
}

const id = (text: string | undefined) => Number(text);
const levelBody = z.object({ level: z.string().min(1).max(40) });
const rejectBody = z.object({ reason: z.string().trim().min(1).max(1000) });
const periodBody = z.object({ period: z.string().trim().min(1).max(60) });
const weeksQuery = z.coerce.number().pipe(z.union(TREND_WEEKS.map((weeks) => z.literal(weeks))));
const rankingQuery = z.enum(RANKING_PERIODS);

/** Runs `then` with the parsed value, or answers 400. */
async function parsed<S extends z.ZodType, T>(
  schema: S,
  value: unknown,
  then: (value: z.infer<S>) => ApiResult<T>,
): ApiResult<T> {
  const result = schema.safeParse(value);
  return result.success ? then(result.data) : badRequest();
}

/** One route per AppApi method; ids and metric codes are matched by shape, so anything else is not found. */
const ROUTES: readonly Route[] = [
  { method: 'GET', pattern: /^\/api\/me$/, run: (api, caller) => api.me(caller) },
  { method: 'GET', pattern: /^\/api\/overview$/, run: (api, caller) => api.overview(caller, null) },
  {
    method: 'GET',
    pattern: /^\/api\/overview\/([1-9]\d{0,9})$/,
    run: (api, caller, { match }) => api.overview(caller, id(match[1])),
  },
  {
    method: 'GET',
    pattern: /^\/api\/units\/([1-9]\d{0,9})\/metrics\/([a-z0-9]{1,24})$/,
    run: (api, caller, { match, query }) =>
      parsed(
        z.object({ weeks: weeksQuery.default(8), period: rankingQuery.default('week') }),
        queryObject(query),
        (q) => api.metric(caller, { unitId: id(match[1]), metric: match[2]!, ...q }),
      ),
  },
  { method: 'GET', pattern: /^\/api\/nominations$/, run: (api, caller) => api.nominations(caller) },
  {
    method: 'POST',
    pattern: /^\/api\/nominations\/([1-9]\d{0,9})\/decide$/,
    run: (api, caller, { match, body }) =>
      parsed(levelBody, body, ({ level }) => api.decide(caller, { nominationId: id(match[1]), level })),
  },
  {
    method: 'POST',
    pattern: /^\/api\/nominations\/([1-9]\d{0,9})\/recommend$/,
    run: (api, caller, { match, body }) =>
      parsed(levelBody, body, ({ level }) => api.recommend(caller, { nominationId: id(match[1]), level })),
  },
  {
    method: 'POST',
    pattern: /^\/api\/nominations\/([1-9]\d{0,9})\/reject$/,
    run: (api, caller, { match, body }) =>
      parsed(rejectBody, body, ({ reason }) => api.reject(caller, { nominationId: id(match[1]), reason })),
  },
  {
    method: 'GET',
    pattern: /^\/api\/units\/([1-9]\d{0,9})\/report$/,
    run: (api, caller, { match, query }) =>
      parsed(periodBody, queryObject(query), ({ period }) => api.report(caller, { unitId: id(match[1]), period })),
  },
  {
    method: 'POST',
    pattern: /^\/api\/units\/([1-9]\d{0,9})\/export$/,
    status: 202,
    run: (api, caller, { match, body }) =>
      parsed(periodBody, body, ({ period }) => api.requestExport(caller, { unitId: id(match[1]), period })),
  },
];

const queryObject = (query: URLSearchParams) => Object.fromEntries(query);

const REFUSAL_KINDS: Record<InitDataRefusal['kind'], string> = {
  missing: 'auth.missing',
  malformed: 'auth.invalid',
  badSignature: 'auth.invalid',
  noUser: 'auth.invalid',
  expired: 'auth.expired',
};

/**
 * The commanders' web app over HTTP: the built page under /app/ and its JSON API under /api/. Every API call is
 * authenticated by `Authorization: tma <initData>` (no cookie, no token in a URL), then dispatched to the AppApi.
 */
export function createAppHttpHandler(options: AppHttpOptions): AppRequestHandler {
  const { api, clock, logger } = options;
  const files = loadStaticFiles(options.staticDir);
  if (!files.has(APP_PATH))
    logger.warn({ dir: options.staticDir }, 'web app not built (npm run build): /app/ answers 503');
  const check = createInitDataCheck(options.botToken, options.maxAgeSeconds);

  function serveStatic(req: IncomingMessage, res: ServerResponse, path: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-length': 0 }).end();
      return;
    }
    if (path === '/app') {
      res.writeHead(301, { location: APP_PATH, 'content-length': 0 }).end();
      return;
    }
    const file = files.get(path);
    if (!file) {
      const status = files.has(APP_PATH) ? 404 : 503;
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end(status === 404 ? 'not found' : 'the web app is not built: npm run build');
      return;
    }
    const headers: Record<string, string | number> = {
      'content-type': file.type,
      'cache-control': file.cacheControl,
      etag: file.etag,
      vary: 'accept-encoding',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    if (file.contentSecurityPolicy) headers['content-security-policy'] = file.contentSecurityPolicy;
    if (req.headers['if-none-match'] === file.etag) {
      res.writeHead(304, headers).end();
      return;
    }
    const gzip = file.gzipped && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? file.gzipped! : file.body;
    if (gzip) headers['content-encoding'] = 'gzip';
    res.writeHead(200, { ...headers, 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function authenticate(req: IncomingMessage): Result<AppCaller, ApiError> {
    const header = req.headers.authorization ?? '';
    const prefix = `${AUTH_SCHEME} `;
    const initData = header.startsWith(prefix) ? header.slice(prefix.length) : '';
    const checked = check(initData, clock.now());
    if (!checked.ok) return err({ status: 401, kind: REFUSAL_KINDS[checked.error.kind] });
    const { user, startParam } = checked.value;
    return {
      ok: true,
      value: {
        userId: user.id,
        firstName: user.firstName,
        lastName: user.lastName,
        username: user.username,
        languageCode: user.languageCode,
        startParam,
      },
    };
  }

  async function serveApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const candidates = ROUTES.filter((route) => route.pattern.test(url.pathname));
    if (candidates.length === 0) return sendError(res, { status: 404, kind: 'app.notFound' });
    const route = candidates.find((candidate) => candidate.method === req.method);
    if (!route) return sendError(res, { status: 405, kind: 'app.methodNotAllowed' });
    const caller = authenticate(req);
    if (!caller.ok) return sendError(res, caller.error);
    let body: unknown;
    if (route.method === 'POST') {
      try {
        body = await readJsonBody(req);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          res.once('finish', () => req.socket.destroySoon());
          return sendError(res, { status: 413, kind: 'app.tooLarge' });
        }
        if (error instanceof BadJson) return sendError(res, { status: 400, kind: 'app.badRequest' });
        throw error;
      }
    }
    const match = route.pattern.exec(url.pathname)!;
    const result = await route.run(api, caller.value, { match, query: url.searchParams, body });
    if (result.ok) sendJson(res, route.status ?? 200, result.value);
    else sendError(res, result.error);
  }

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const isApp = url.pathname === '/app' || url.pathname.startsWith(APP_PATH);
    const isApi = url.pathname.startsWith('/api/');
    if (!isApp && !isApi) return false;
    try {
      if (isApp) serveStatic(req, res, url.pathname);
      else await serveApi(req, res, url);
    } catch (error) {
      logger.error({ err: error, path: url.pathname }, 'web app request failed');
      if (!res.headersSent) sendError(res, { status: 500, kind: 'error.generic' });
      else res.destroy();
    }
    return true;
  };
}
