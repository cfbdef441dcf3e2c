import type { Telegram } from 'telegraf';

/** The one door to the Bot API: telegraf's client in production, a recording fake in tests and the console. */
export interface BotApi {
  /** `signal` aborts a call in flight (a long poll, when the bot stops). */
  call(method: string, payload: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<unknown>;
  /**
   * A fake's own way to hand out a file's bytes by the path getFile answered, where there is no HTTP server to
   * download `<api root>/file/bot<token>/<file_path>` from; a real client has none (see telegram-files.ts).
   */
  download?(filePath: string): Uint8Array | undefined;
}

/** Adapts telegraf's client; its errors (TelegramError: code, description, parameters) pass through unchanged. */
export const telegrafBotApi = (telegram: Telegram): BotApi => ({
  call: (method, payload, options) =>
    telegram.callApi(method as never, payload as never, { signal: options?.signal } as never),
});
