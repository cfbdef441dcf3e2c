/**
 * Downloading a file someone sent the bot: getFile for its path, then `<api root>/file/bot<token>/<file_path>`.
 * The size is checked three times: as the message told it, as getFile told it, and as the bytes arrive (a stream
 * past the limit is cut off, never buffered whole).
 */
import type { BotApi } from './bot-api';
import type { BotApiSettings } from './telegram-client';

/** A file's bytes, or why there are none: past the limit, or Telegram (or the network) failed. */
export type FetchedFile =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly problem: 'tooLarge' }
  /** `reason` says what failed, for the log. */
  | { readonly ok: false; readonly problem: 'failed'; readonly reason: string };

/** Fetches a file by its file_id, refusing one larger than `maxBytes`. */
export type FileFetcher = (fileId: string, maxBytes: number) => Promise<FetchedFile>;

/** How long a download may take before it counts as failed. */
const DOWNLOAD_TIMEOUT_MS = 60_000;

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | 'tooLarge'> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return 'tooLarge';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      return 'tooLarge';
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** The Bot API's file download over `api` (getFile) and HTTP (the download), or the fake's own `download`. */
export function telegramFileFetcher(api: BotApi, settings: BotApiSettings): FileFetcher {
  return async (fileId, maxBytes) => {
    try {
      const file = (await api.call('getFile', { file_id: fileId })) as { file_path?: string; file_size?: number };
      if (file.file_size !== undefined && file.file_size > maxBytes) return { ok: false, problem: 'tooLarge' };
      if (!file.file_path) return { ok: false, problem: 'failed', reason: 'getFile answered no file_path' };
      if (api.download) {
        const bytes = api.download(file.file_path);
        if (!bytes) return { ok: false, problem: 'failed', reason: `no file at ${file.file_path}` };
        return bytes.length > maxBytes ? { ok: false, problem: 'tooLarge' } : { ok: true, bytes };
      }
      const root = settings.telegramApiRoot.replace(/\/+$/, '');
      const response = await fetch(`${root}/file/bot${settings.botToken}/${file.file_path}`, {
        signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
      });
      if (!response.ok) return { ok: false, problem: 'failed', reason: `download answered HTTP ${response.status}` };
      const bytes = await readCapped(response, maxBytes);
      return bytes === 'tooLarge' ? { ok: false, problem: 'tooLarge' } : { ok: true, bytes };
    } catch (error) {
      // Telegram refuses getFile past 20 MB with "file is too big".
      const description = (error as { description?: unknown } | null)?.description;
      if (typeof description === 'string' && /too big/i.test(description)) return { ok: false, problem: 'tooLarge' };
      return { ok: false, problem: 'failed', reason: error instanceof Error ? error.message : String(error) };
    }
  };
}
