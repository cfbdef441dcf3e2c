import { randomBytes } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { BotApi } from './bot-api';

/** Telegram's answer to a call that failed: `error_code`, `description`, and `parameters` (retry_after, migrate_to_chat_id). */
export interface TelegramErrorResponse {
  readonly error_code: number;
  readonly description: string;
  readonly parameters?: { readonly retry_after?: number; readonly migrate_to_chat_id?: number };
}

/**
 * A call Telegram refused, carrying its answer in `response` and the call in `on`: the shape telegraf's
 * TelegramError had, which the transport sorts by (src/outbox/transport.ts) and the console's fakes raise.
 */
export class TelegramError extends Error {
  constructor(
    readonly response: TelegramErrorResponse,
    readonly on: object = {},
  ) {
    super(`${response.error_code}: ${response.description}`);
  }
  get code(): number {
    return this.response.error_code;
  }
  get description(): string {
    return this.response.description;
  }
  get parameters(): TelegramErrorResponse['parameters'] {
    return this.response.parameters;
  }
}

/** The settings a Bot API client needs: the token and the server (api.telegram.org, a self-hosted one, a fake). */
export interface BotApiSettings {
  readonly botToken: string;
  readonly telegramApiRoot: string;
}

/** A file to upload: the payload value `{ source, filename }` (sendDocument, sendPhoto). */
interface Upload {
  readonly source: Uint8Array;
  readonly filename: string;
}

const isUpload = (value: unknown): value is Upload =>
  typeof value === 'object' && value !== null && (value as { source?: unknown }).source instanceof Uint8Array;

/** A payload's field as Telegram reads it from a form: objects as JSON, the rest as text. */
const fieldText = (value: unknown): string => (typeof value === 'object' ? JSON.stringify(value) : String(value));

/** The payload as multipart/form-data, each upload a file part (RFC 7578). */
function multipart(payload: Record<string, unknown>): { body: Buffer; contentType: string } {
  const boundary = `thidua-${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  const quoted = (text: string) => text.replace(/["\r\n\\]/g, '_');
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined) continue;
    if (isUpload(value)) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"; filename="${quoted(value.filename)}"\r\n` +
            'Content-Type: application/octet-stream\r\n\r\n',
        ),
        Buffer.from(value.source),
        Buffer.from('\r\n'),
      );
    } else {
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n`),
        Buffer.from(fieldText(value)),
        Buffer.from('\r\n'),
      );
    }
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const abortError = () => Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });

/**
 * A Bot API client over node:http(s) with keep-alive connections: JSON bodies, multipart when the payload holds a
 * file, Telegram's refusals raised as TelegramError, network failures as Node's errors (with their `code`). It
 * replaced telegraf's client, which the bot used for nothing else and which cost 11 MiB of an idle process
 * (docs/PERFORMANCE.md).
 */
export function createBotApi(settings: BotApiSettings): BotApi {
  const root = new URL(settings.telegramApiRoot.replace(/\/+$/, ''));
  const secure = root.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const send = secure ? httpsRequest : httpRequest;
  const base = root.pathname.replace(/\/+$/, '');

  return {
    call(method, payload, options = {}) {
      const { signal } = options;
      const hasFile = Object.values(payload).some(isUpload);
      const { body, contentType } = hasFile
        ? multipart(payload)
        : { body: Buffer.from(JSON.stringify(payload)), contentType: 'application/json' };
      return new Promise<unknown>((resolve, reject) => {
        if (signal?.aborted) return reject(abortError());
        const req = send(
          {
            protocol: root.protocol,
            hostname: root.hostname,
            port: root.port || undefined,
            path: `${base}/bot${settings.botToken}/${method}`,
            method: 'POST',
            agent,
            headers: { 'content-type': contentType, 'content-length': body.length, connection: 'keep-alive' },
          },
          (res: IncomingMessage) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.once('error', reject);
            res.once('end', () => {
              signal?.removeEventListener('abort', onAbort);
              const text = Buffer.concat(chunks).toString('utf8');
              let answer: { ok?: boolean; result?: unknown } & Partial<TelegramErrorResponse>;
              try {
                answer = JSON.parse(text);
              } catch {
                // Not Telegram's JSON (a proxy's error page): its status says whether to retry.
                reject(
                  new TelegramError({ error_code: res.statusCode ?? 500, description: text.slice(0, 200) }, { method }),
                );
                return;
              }
              if (answer.ok) resolve(answer.result);
              else
                reject(
                  new TelegramError(
                    {
                      error_code: answer.error_code ?? res.statusCode ?? 500,
                      description: answer.description ?? '',
                      ...(answer.parameters && { parameters: answer.parameters }),
                    },
                    { method, payload },
                  ),
                );
            });
          },
        );
        const onAbort = () => req.destroy(abortError());
        signal?.addEventListener('abort', onAbort, { once: true });
        req.once('error', (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        });
        req.end(body);
      });
    },
  };
}
