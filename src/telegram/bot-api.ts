import type { Telegram } from 'telegraf';

/** The one door to the Bot API: telegraf's client in production, a recording fake in tests and the console. */
export interface BotApi {
  call(method: string, payload: Record<string, unknown>): Promise<unknown>;
}

/** Adapts telegraf's client; its errors (TelegramError: code, description, parameters) pass through unchanged. */
export const telegrafBotApi = (telegram: Telegram): BotApi => ({
  call: (method, payload) => telegram.callApi(method as never, payload as never),
});
