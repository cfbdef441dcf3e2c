import type { BotApi } from './bot-api';

/** An inline keyboard: rows of buttons that send callback data back to the bot. */
export type InlineKeyboard = readonly (readonly { text: string; callbackData: string }[])[];

/** Where a command menu applies. */
export type CommandScope = 'all_group_chats' | 'all_private_chats';

export interface SendOptions {
  readonly replyToMessageId?: number;
  readonly threadId?: number;
  readonly keyboard?: InlineKeyboard;
}

/** Everything the bot sends goes through here: HTML parse mode, keyboards and reply settings in one place. */
export interface Transport {
  sendMessage(chatId: number, html: string, options?: SendOptions): Promise<{ messageId: number }>;
  editMessageText(chatId: number, messageId: number, html: string, keyboard?: InlineKeyboard): Promise<void>;
  answerCallbackQuery(callbackQueryId: string, text?: string, showAlert?: boolean): Promise<void>;
  /** Publishes a command menu for a scope; without a language code it is the default for every language. */
  setMyCommands(
    commands: readonly { command: string; description: string }[],
    scope: CommandScope,
    languageCode?: string,
  ): Promise<void>;
}

const toReplyMarkup = (keyboard: InlineKeyboard) => ({
  inline_keyboard: keyboard.map((row) =>
    row.map((button) => ({ text: button.text, callback_data: button.callbackData })),
  ),
});

export function createTransport(api: BotApi): Transport {
  return {
    async sendMessage(chatId, html, options = {}) {
      const sent = (await api.call('sendMessage', {
        chat_id: chatId,
        text: html,
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(options.threadId !== undefined && { message_thread_id: options.threadId }),
        ...(options.replyToMessageId !== undefined && {
          reply_parameters: { message_id: options.replyToMessageId, allow_sending_without_reply: true },
        }),
        ...(options.keyboard && { reply_markup: toReplyMarkup(options.keyboard) }),
      })) as { message_id: number };
      return { messageId: sent.message_id };
    },
    async editMessageText(chatId, messageId, html, keyboard) {
      await api.call('editMessageText', {
        chat_id: chatId,
        message_id: messageId,
        text: html,
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        reply_markup: toReplyMarkup(keyboard ?? []),
      });
    },
    async answerCallbackQuery(callbackQueryId, text, showAlert = false) {
      await api.call('answerCallbackQuery', {
        callback_query_id: callbackQueryId,
        ...(text !== undefined && { text, show_alert: showAlert }),
      });
    },
    async setMyCommands(commands, scope, languageCode) {
      await api.call('setMyCommands', {
        commands,
        scope: { type: scope },
        ...(languageCode && { language_code: languageCode }),
      });
    },
  };
}
