import type { MenuButtonWebApp } from '@grammyjs/types';
import type { BotApi } from './bot-api';

/**
 * Makes the chat menu button of every private chat with the bot (the default, no chat_id) open the Mini App at `url`.
 * One call at start; Telegram keeps it until changed.
 */
export async function setWebAppMenuButton(api: BotApi, text: string, url: string): Promise<void> {
  const menuButton: MenuButtonWebApp = { type: 'web_app', text, web_app: { url } };
  await api.call('setChatMenuButton', { menu_button: menuButton });
}
