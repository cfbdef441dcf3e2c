import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy in front of the telegram-test-api emulator that makes it behave like Telegram where the bot's
 * correctness depends on it:
 * - getUpdates honours `offset`. The emulator hands each update out once (it marks it read as it answers), so a bot
 *   killed before confirming would never see it again. The proxy keeps, per token, every update it has handed out
 *   and serves them again until a getUpdates with a higher offset confirms them; then never again.
 * - getUpdates long-polls (`timeout`), as Telegram does, instead of answering at once.
 * - Methods the emulator lacks are answered here and recorded: setMessageReaction, setMyCommands, setWebhook,
 *   deleteWebhook (and getUpdates answers 409 while a webhook is set, as Telegram does), sendDocument, sendPhoto.
 * - Faults for the send methods: `failWith(500, ms)` answers them with that status; `hang(ms)` holds them unanswered
 *   and, when the window ends, drops the connection without forwarding them (so they were never delivered).
 */
export interface BotApiProxy {
  /** Give this as TELEGRAM_API_ROOT. */
  readonly url: string;
  /** Calls Telegram accepted (answered ok), oldest first; faulted calls are not in it. */
  calls(method?: string): ProxyCall[];
  /** Every call that reached the proxy, with what became of it. */
  attempts(method?: string): ProxyAttempt[];
  /** For `forMs` from now, the send methods (or `methods`) are answered with `status` (429 carries retry_after 1). */
  failWith(status: number, forMs: number, methods?: readonly string[]): void;
  /** For `forMs` from now, the send methods (or `methods`) get no answer; at the end their connections are dropped. */
  hang(forMs: number, methods?: readonly string[]): void;
  close(): Promise<void>;
}

export interface ProxyCall {
  method: string;
  payload: unknown;
}

export interface ProxyAttempt extends ProxyCall {
  token: string;
  outcome: 'ok' | 'refused' | 'failed' | 'hung';
}

export interface BotApiProxyOptions {
  /** The emulator's root URL, e.g. `server.config.apiURL`. */
  target: string;
  host?: string;
  port?: number;
  /** Longest a getUpdates waits for updates, whatever its `timeout` asks (Telegram allows 50 s). */
  maxLongPollMs?: number;
}

/** Methods that post or change messages: the ones a sender's faults concern. */
export const SEND_METHODS: readonly string[] = [
  'sendMessage',
  'editMessageText',
  'editMessageReplyMarkup',
  'deleteMessage',
  'answerCallbackQuery',
  'setMessageReaction',
  'sendDocument',
  'sendPhoto',
  'sendChatAction',
  'copyMessage',
  'forwardMessage',
  'pinChatMessage',
];

interface Update {
  update_id: number;
  [key: string]: unknown;
}

interface TokenState {
  /** Updates handed out (or fetched for a poll whose client went away) and not yet confirmed, by update_id. */
  kept: Update[];
  /** Updates below this id are confirmed: never served again. */
  confirmedBelow: number;
  webhook: string | undefined;
  /** Ends the getUpdates waiting for this token, when a newer one arrives (Telegram answers the older 409). */
  supersede: (() => void) | undefined;
}

interface Fault {
  until: number;
  methods: ReadonlySet<string>;
}

const POLL_STEP_MS = 20;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** Just enough multipart/form-data for telegraf's uploads: text fields as strings, files as their name and size. */
function parseMultipart(body: Buffer, boundary: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    // A part is CRLF, headers, CRLF CRLF, content, CRLF.
    const part = body.subarray(partStart + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const content = part.subarray(headerEnd + 4);
      const name = /name="([^"]*)"/.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/.exec(headers)?.[1];
      if (name !== undefined) {
        fields[name] = filename !== undefined ? { filename, size: content.length } : content.toString('utf8');
      }
    }
    start = next;
  }
  return fields;
}

function parsePayload(req: IncomingMessage, body: Buffer, query: URLSearchParams): Record<string, unknown> {
  const payload: Record<string, unknown> = Object.fromEntries(query);
  const type = req.headers['content-type'] ?? '';
  if (body.length === 0) return payload;
  if (type.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null) Object.assign(payload, parsed);
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    Object.assign(payload, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  } else if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary=("?)([^";]+)\1/.exec(type)?.[2];
    if (boundary) Object.assign(payload, parseMultipart(body, boundary));
    // telegraf repeats the method among its upload's fields; Telegram reads it from the URL.
    delete payload.method;
  }
  return payload;
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startBotApiProxy(options: BotApiProxyOptions): Promise<BotApiProxy> {
  const target = options.target.replace(/\/+$/, '');
  const maxLongPollMs = options.maxLongPollMs ?? 50_000;
  const tokens = new Map<string, TokenState>();
  const attempts: ProxyAttempt[] = [];
  const hungResponses = new Set<ServerResponse>();
  const closers = new Set<() => void>();
  let failure: (Fault & { status: number }) | undefined;
  let hanging: Fault | undefined;
  let closing = false;
  let nextMessageId = 1_000_000;

  const stateOf = (token: string): TokenState => {
    let state = tokens.get(token);
    if (!state) {
      state = { kept: [], confirmedBelow: 0, webhook: undefined, supersede: undefined };
      tokens.set(token, state);
    }
    return state;
  };

  /** Takes what the emulator has not handed out yet; it marks those read, so the proxy is now their only keeper. */
  async function pull(token: string, state: TokenState): Promise<void> {
    const response = await fetch(`${target}/bot${token}/getUpdates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const answer = (await response.json()) as { ok: boolean; result?: Update[] };
    if (!answer.ok || !answer.result) throw new Error(`emulator getUpdates failed: ${JSON.stringify(answer)}`);
    const known = new Set(state.kept.map((update) => update.update_id));
    for (const update of answer.result) {
      if (update.update_id >= state.confirmedBelow && !known.has(update.update_id)) state.kept.push(update);
    }
    state.kept.sort((a, b) => a.update_id - b.update_id);
  }

  async function getUpdates(res: ServerResponse, token: string, payload: Record<string, unknown>): Promise<void> {
    const state = stateOf(token);
    if (state.webhook !== undefined) {
      json(res, 409, {
        ok: false,
        error_code: 409,
        description:
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      });
      return;
    }
    const offset = Number(payload.offset ?? 0) || 0;
    const limit = Math.min(100, Math.max(1, Number(payload.limit ?? 100) || 100));
    const timeoutMs = Math.min(maxLongPollMs, Math.max(0, Number(payload.timeout ?? 0) || 0) * 1000);
    if (offset > 0) {
      // Telegram: an update is confirmed once getUpdates is called with an offset higher than its update_id.
      state.confirmedBelow = Math.max(state.confirmedBelow, offset);
      state.kept = state.kept.filter((update) => update.update_id >= offset);
    }

    // Only one getUpdates per token at a time, as on Telegram: a newer one ends the older with 409.
    state.supersede?.();
    let superseded = false;
    let gone = false;
    const supersede = () => {
      superseded = true;
    };
    state.supersede = supersede;
    res.once('close', () => {
      gone = true;
    });
    closers.add(supersede);
    try {
      const deadline = Date.now() + timeoutMs;
      await pull(token, state);
      while (state.kept.length === 0 && Date.now() < deadline) {
        await sleep(POLL_STEP_MS);
        if (superseded || gone || closing) break;
        await pull(token, state);
      }
    } finally {
      closers.delete(supersede);
      if (state.supersede === supersede) state.supersede = undefined;
    }
    if (offset < 0) {
      // Telegram: a negative offset serves the last -offset updates and forgets the earlier ones.
      state.kept = state.kept.slice(offset);
      state.confirmedBelow = Math.max(state.confirmedBelow, state.kept[0]?.update_id ?? 0);
    }
    if (gone) return;
    if (superseded && !closing) {
      json(res, 409, { ok: false, error_code: 409, description: 'Conflict: terminated by other getUpdates request' });
      return;
    }
    json(res, 200, { ok: true, result: state.kept.slice(0, limit) });
  }

  function localResult(
    token: string,
    method: string,
    payload: Record<string, unknown>,
    state: TokenState,
  ): unknown | undefined {
    switch (method) {
      case 'setWebhook':
        state.webhook = String(payload.url ?? '');
        return true;
      case 'deleteWebhook':
        state.webhook = undefined;
        if (payload.drop_pending_updates === true || payload.drop_pending_updates === 'true') state.kept = [];
        return true;
      case 'getWebhookInfo':
        return { url: state.webhook ?? '', has_custom_certificate: false, pending_update_count: state.kept.length };
      case 'setMessageReaction':
      case 'setMyCommands':
      case 'deleteMyCommands':
        return true;
      case 'sendDocument':
      case 'sendPhoto': {
        const chatId = Number(payload.chat_id);
        const file = payload[method === 'sendDocument' ? 'document' : 'photo'];
        const fileName = typeof file === 'object' && file !== null ? (file as { filename?: string }).filename : file;
        const fileId = `proxy-file-${nextMessageId}`;
        const message: Record<string, unknown> = {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: chatId < 0 ? 'supergroup' : 'private' },
          from: { id: Number(token.split(':')[0]), is_bot: true, first_name: 'Bot' },
        };
        if (typeof payload.caption === 'string') message.caption = payload.caption;
        if (method === 'sendDocument') {
          message.document = { file_id: fileId, file_unique_id: fileId, file_name: fileName };
        } else {
          message.photo = [{ file_id: fileId, file_unique_id: fileId, width: 1, height: 1 }];
        }
        return message;
      }
      default:
        return undefined;
    }
  }

  async function forward(req: IncomingMessage, body: Buffer): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = {};
    const type = req.headers['content-type'];
    if (type) headers['content-type'] = type;
    const response = await fetch(`${target}${req.url ?? '/'}`, {
      method: req.method ?? 'GET',
      headers,
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
    });
    return { status: response.status, text: await response.text() };
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const body = await readBody(req);
    const route = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!route) {
      // The emulator's own client routes (a test's simulated users) pass through untouched.
      const answer = await forward(req, body);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.text);
      return;
    }
    const [, tokenValue = '', method = ''] = route;
    const payload = parsePayload(req, body, url.searchParams);
    const attempt: ProxyAttempt = { token: tokenValue, method, payload, outcome: 'ok' };
    attempts.push(attempt);
    const now = Date.now();

    if (hanging && now < hanging.until && hanging.methods.has(method)) {
      attempt.outcome = 'hung';
      hungResponses.add(res);
      res.once('close', () => hungResponses.delete(res));
      const until = hanging.until;
      setTimeout(() => {
        hungResponses.delete(res);
        res.destroy();
      }, until - now).unref();
      return;
    }
    if (failure && now < failure.until && failure.methods.has(method)) {
      attempt.outcome = 'failed';
      const status = failure.status;
      json(res, status, {
        ok: false,
        error_code: status,
        description: status === 429 ? 'Too Many Requests: retry after 1' : 'Internal Server Error',
        ...(status === 429 ? { parameters: { retry_after: 1 } } : {}),
      });
      return;
    }

    if (method === 'getUpdates') {
      await getUpdates(res, tokenValue, payload);
      return;
    }
    const local = localResult(tokenValue, method, payload, stateOf(tokenValue));
    if (local !== undefined) {
      json(res, 200, { ok: true, result: local });
      return;
    }
    const answer = await forward(req, body);
    let accepted = false;
    try {
      accepted = answer.status === 200 && (JSON.parse(answer.text) as { ok?: boolean }).ok === true;
    } catch {
      accepted = false;
    }
    if (!accepted) attempt.outcome = 'refused';
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.text);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 502, { ok: false, error_code: 502, description: `proxy: ${String(error)}` });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;

  const fault = (forMs: number, methods: readonly string[] | undefined): Fault => ({
    until: Date.now() + forMs,
    methods: new Set(methods ?? SEND_METHODS),
  });

  return {
    url: `http://${address.address}:${address.port}`,
    calls: (method) =>
      attempts
        .filter((attempt) => attempt.outcome === 'ok' && (method === undefined || attempt.method === method))
        .map(({ method: name, payload }) => ({ method: name, payload })),
    attempts: (method) => attempts.filter((attempt) => method === undefined || attempt.method === method),
    failWith(status, forMs, methods) {
      failure = { ...fault(forMs, methods), status };
    },
    hang(forMs, methods) {
      hanging = fault(forMs, methods);
    },
    async close() {
      closing = true;
      for (const stop of closers) stop();
      for (const res of hungResponses) res.destroy();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Long polls notice `closing` within one step; give them that, then cut whatever is left.
      await sleep(POLL_STEP_MS * 2);
      server.closeAllConnections();
      await closed;
    },
  };
}
