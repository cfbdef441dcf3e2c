import { Telegram } from 'telegraf';
import { type BotApi, telegrafBotApi } from './bot-api';

/**
 * Telegram's error as telegraf raises it: `response` carries Telegram's answer (`error_code`, `description`,
 * `parameters`). Re-exported so fakes of the Bot API (the console's) raise the very errors telegraf does without
 * importing telegraf themselves.
 */
export { TelegramError } from 'telegraf';

/** The settings a Bot API client needs: the token and the server (api.telegram.org, a self-hosted one, a fake). */
export interface BotApiSettings {
  readonly botToken: string;
  readonly telegramApiRoot: string;
}

/** A Bot API client over telegraf's `Telegram`, for code that sends without running a bot (the job CLI). */
export const createBotApi = (settings: BotApiSettings): BotApi =>
  telegrafBotApi(new Telegram(settings.botToken, { apiRoot: settings.telegramApiRoot }));
