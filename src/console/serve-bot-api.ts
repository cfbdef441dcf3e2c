import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TelegramError } from '../telegram/telegram-client';
import type { FakeBotApi } from './fake-bot-api';

export interface ServeOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Longest a getUpdates request is held open; short, so stopping the bot and the server is quick. */
  readonly pollCapMs?: number;
}

/** A running fake Bot API: point telegraf's `telegram.apiRoot` at `url`. */
export interface ServedBotApi {
  readonly url: string;
  close(): Promise<void>;
}

/** Telegram takes JSON and form bodies up to a few megabytes, and uploads (multipart) up to 50 MB. */
const MAX_BODY_BYTES = 50 << 20;
const ROUTE = /^\/bot([^/]+)(?:\/test)?\/([A-Za-z]+)\/?$/;
/** Downloads: `/file/bot<token>/<file_path>`, the path getFile answered. */
const FILE_ROUTE = /^\/file\/bot[^/]+\/(.+)$/;

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new TelegramError({ error_code: 413, description: 'Request Entity Too Large' });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

// Form and query values are strings; Telegram reads JSON-serialized objects (reply_markup) out of them.
function fromForm(params: URLSearchParams): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const [key, value] of params) {
    const trimmed = value.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        payload[key] = JSON.parse(trimmed);
        continue;
      } catch {
        // Not JSON after all: keep the string, as Telegram would.
      }
    }
    payload[key] = value;
  }
  return payload;
}

/**
 * An upload (sendDocument, sendPhoto): text fields as in a form, each file as `{ source, filename }`, the shape
 * the fake's handlers read (and telegraf's InputFile has).
 */
async function fromMultipart(body: Buffer, contentType: string): Promise<Record<string, unknown>> {
  let form: FormData;
  try {
    form = await new Request('http://fake/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    }).formData();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TelegramError({ error_code: 400, description: `Bad Request: malformed multipart body (${reason})` });
  }
  const fields = new URLSearchParams();
  const files: Record<string, unknown> = {};
  for (const [key, value] of form) {
    if (typeof value === 'string') fields.append(key, value);
    else files[key] = { source: new Uint8Array(await value.arrayBuffer()), filename: value.name };
  }
  const payload = fromForm(fields);
  // Telegram's attach://<name>: a field naming a part of the upload.
  for (const [key, value] of Object.entries(payload)) {
    const attached = typeof value === 'string' && value.startsWith('attach://') ? files[value.slice(9)] : undefined;
    if (attached) payload[key] = attached;
  }
  return { ...files, ...payload };
}

async function payloadOf(request: IncomingMessage, query: URLSearchParams): Promise<Record<string, unknown>> {
  const raw = await readBody(request);
  const contentType = request.headers['content-type'] ?? '';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const fromQuery = fromForm(query);
  if (type === 'multipart/form-data') return { ...fromQuery, ...(await fromMultipart(raw, contentType)) };
  const body = raw.toString('utf8');
  if (body.trim() === '') return fromQuery;
  if (type === 'application/json') {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new TelegramError({ error_code: 400, description: 'Bad Request: request body must be a JSON object' });
    return { ...fromQuery, ...(parsed as Record<string, unknown>) };
  }
  if (type === 'application/x-www-form-urlencoded') return { ...fromQuery, ...fromForm(new URLSearchParams(body)) };
  throw new TelegramError({ error_code: 400, description: `Bad Request: unsupported content type "${type}"` });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.writableEnded || response.destroyed) return;
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/**
 * Serves a FakeBotApi over HTTP the way api.telegram.org does (`/bot<token>/<method>`, JSON or form bodies,
 * `{ ok, result }` or `{ ok: false, error_code, description, parameters }` with the matching status, and file
 * downloads at `/file/bot<token>/<file_path>`), so a real telegraf client, long polling included, can run against
 * it unchanged.
 */
export async function serveBotApi(api: FakeBotApi, options: ServeOptions = {}): Promise<ServedBotApi> {
  const host = options.host ?? '127.0.0.1';
  const pollCapMs = options.pollCapMs ?? 2000;
  const shutdown = new AbortController();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const download = FILE_ROUTE.exec(url.pathname);
    if (download && (request.method === 'GET' || request.method === 'HEAD')) {
      const bytes = api.download(decodeURIComponent(download[1]!));
      if (!bytes) send(response, 404, { ok: false, error_code: 404, description: 'Not Found' });
      else {
        response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
        response.end(request.method === 'HEAD' ? undefined : bytes);
      }
      return;
    }
    const route = ROUTE.exec(url.pathname);
    if (!route || (request.method !== 'POST' && request.method !== 'GET')) {
      send(response, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    const method = route[2]!;
    try {
      const payload = await payloadOf(request, url.searchParams);
      let result: unknown;
      if (method.toLowerCase() === 'getupdates') {
        // A poll ends early when the client gives up (telegraf aborts on stop) or the server shuts down.
        const gone = new AbortController();
        response.on('close', () => gone.abort());
        result = await api.getUpdates(payload, {
          maxWaitMs: pollCapMs,
          signal: AbortSignal.any([gone.signal, shutdown.signal]),
        });
      } else {
        result = await api.call(method, payload);
      }
      send(response, 200, { ok: true, result });
    } catch (error) {
      if (error instanceof TelegramError) {
        const { error_code, description, parameters } = error.response;
        const status = error_code >= 400 && error_code <= 599 ? error_code : 400;
        send(response, status, { ok: false, error_code, description, ...(parameters && { parameters }) });
      } else if (error instanceof SyntaxError) {
        send(response, 400, { ok: false, error_code: 400, description: `Bad Request: ${error.message}` });
      } else {
        const description = `Internal Server Error: ${error instanceof Error ? error.message : String(error)}`;
        send(response, 500, { ok: false, error_code: 500, description });
      }
    }
  }

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    async close() {
      shutdown.abort();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets would otherwise hold close() open until the client drops them.
        server.closeAllConnections();
      });
    },
  };
}
