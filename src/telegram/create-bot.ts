import { Telegraf } from 'telegraf';
import type { Clock } from '../clock';
import { parseCommandText, resolveCommandName } from '../commands/parse-command';
import type { Config } from '../config';
import { moveChat } from '../db/chat-store';
import type { Db } from '../db/schema';
import { isLocale, type Locale } from '../domain/locale';
import type { Logger } from '../logger';
import { createDirectory } from '../services/directory';
import { t } from '../texts/texts';
import { type BotApi, telegrafBotApi } from './bot-api';
import type { BotServices, CallbackHandler, CommandContext, CommandHandler, Feature } from './context';
import { errorText } from './error-text';
import { adminFeature } from './features/admin';
import { generalFeature } from './features/general';
import { nominationsFeature } from './features/nominations';
import { tallyFeature } from './features/tally';
import { weeklyFeature } from './features/weekly';
import { profileOf } from './people';
import { createTransport, type InlineKeyboard, type TransportOptions } from './transport';
import { type CallbackQuery, type ChatMemberUpdated, type Message, parseUpdate } from './update-schema';

export interface BotDeps {
  readonly config: Config;
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Replaces telegraf's HTTP client; by default the bot calls `config.telegramApiRoot`. */
  readonly botApi?: BotApi;
  /** The outgoing transport's limits, waits and retries; tests pass instant waits. */
  readonly transport?: TransportOptions;
}

/** A telegraf bot whose every update passes the zod schemas, then one dispatcher; builds, never launches. */
export function createBot(deps: BotDeps): { bot: Telegraf; services: BotServices } {
  const { config, db, clock, logger } = deps;
  const bot = new Telegraf(config.botToken ?? '', { telegram: { apiRoot: config.telegramApiRoot } });
  const transport = createTransport(deps.botApi ?? telegrafBotApi(bot.telegram), {
    logger,
    onChatMigrated: (fromChatId, toChatId) => migrateChat(fromChatId, toChatId),
    ...deps.transport,
  });
  const services: BotServices = {
    config,
    db,
    clock,
    logger,
    transport,
    directory: createDirectory(db, config),
    botId: () => bot.botInfo?.id ?? 0,
  };

  const features: Feature[] = [
    generalFeature(services),
    tallyFeature(services),
    nominationsFeature(services),
    weeklyFeature(services),
    adminFeature(services),
  ];
  const commands = new Map<string, CommandHandler>();
  const callbacks = new Map<string, CallbackHandler>();
  for (const feature of features) {
    for (const [name, handler] of Object.entries(feature.commands ?? {})) commands.set(name, handler);
    for (const [prefix, handler] of Object.entries(feature.callbacks ?? {})) callbacks.set(prefix, handler);
  }

  // Told both by the service message and by a send refused for the old id; moveChat is safe to run twice.
  async function migrateChat(fromChatId: number, toChatId: number): Promise<void> {
    await moveChat(db, fromChatId, toChatId, clock.now());
    services.directory.forget('chats');
    logger.info({ from: fromChatId, to: toChatId }, 'group upgraded to a supergroup');
  }

  const localeOf = (stored: string | null | undefined): Locale =>
    stored && isLocale(stored) ? stored : config.defaultLocale;

  async function onMessage(updateId: number, message: Message): Promise<void> {
    const now = clock.now();
    if (message.migrate_to_chat_id !== undefined) return migrateChat(message.chat.id, message.migrate_to_chat_id);
    const from = message.from;
    if (!from || from.is_bot) return;
    const settings = await services.directory.chat(message.chat.id);
    if (settings?.unitId) await services.directory.rememberMember(profileOf(from), settings.unitId, now);

    const text = message.text;
    if (!text?.startsWith('/')) return;
    const command = parseCommandText(text, bot.botInfo?.username ?? '');
    if (!command) return;
    const locale = localeOf(settings?.locale);
    const name = resolveCommandName(command.name);
    const handler = name && commands.get(name);
    const threadId = message.is_topic_message ? message.message_thread_id : undefined;
    const reply = (html: string, options: { keyboard?: InlineKeyboard } = {}) =>
      transport.sendMessage(message.chat.id, html, { ...options, replyToMessageId: message.message_id, threadId });
    if (!handler) {
      if (message.chat.type === 'private') await reply(t(locale, 'command.unknown'));
      return;
    }
    const ctx: CommandContext = {
      updateId,
      message,
      from,
      chat: message.chat,
      args: command.args,
      locale,
      settings,
      now,
      reply,
      text: (key, ...params) => t(locale, key, ...params),
      async replyText(key, ...params) {
        await reply(t(locale, key, ...params));
      },
      async replyError(error) {
        await reply(errorText(locale, error));
      },
    };
    await handler(ctx);
  }

  /** Introduces the bot when it joins a group, and says how to bind the group to a unit if it is not yet. */
  async function onAddedToGroup(change: ChatMemberUpdated): Promise<void> {
    const joined =
      ['left', 'kicked'].includes(change.old_chat_member.status) &&
      ['member', 'administrator'].includes(change.new_chat_member.status);
    if (!joined || (change.chat.type !== 'group' && change.chat.type !== 'supergroup')) return;
    const settings = await services.directory.chat(change.chat.id);
    const locale = localeOf(settings?.locale);
    const unit = settings?.unitId ? (await services.directory.units()).byId(settings.unitId) : undefined;
    await transport.sendMessage(
      change.chat.id,
      unit ? t(locale, 'chat.welcomeBack', { unit: unit.name }) : t(locale, 'chat.welcome'),
    );
  }

  async function onCallback(updateId: number, query: CallbackQuery): Promise<void> {
    const data = query.data ?? '';
    const handler = callbacks.get(data.split(':', 1)[0] ?? '');
    const settings = query.message ? await services.directory.chat(query.message.chat.id) : undefined;
    const locale = localeOf(settings?.locale);
    const answer = (html?: string, alert = false) => transport.answerCallbackQuery(query.id, html, alert);
    if (!handler) {
      await answer();
      return;
    }
    await handler({ updateId, query, from: query.from, data, locale, now: clock.now(), answer });
  }

  bot.use(async (ctx) => {
    const parsed = parseUpdate(ctx.update);
    if (!parsed.ok) {
      logger.warn(
        { updateId: (ctx.update as { update_id?: unknown }).update_id, issues: parsed.issues },
        'malformed update skipped',
      );
      return;
    }
    const { update } = parsed;
    if (update.message) await onMessage(update.update_id, update.message);
    else if (update.callback_query) await onCallback(update.update_id, update.callback_query);
    else if (update.my_chat_member) await onAddedToGroup(update.my_chat_member);
  });

  bot.catch(async (error, ctx) => {
    logger.error({ err: error, updateId: ctx.update.update_id }, 'update failed');
    const parsed = parseUpdate(ctx.update);
    if (!parsed.ok) return;
    const chatId = parsed.update.message?.chat.id ?? parsed.update.callback_query?.message?.chat.id;
    try {
      const settings = chatId === undefined ? undefined : await services.directory.chat(chatId);
      const text = t(localeOf(settings?.locale), 'error.generic');
      if (parsed.update.callback_query)
        await transport.answerCallbackQuery(parsed.update.callback_query.id, text, true);
      else if (chatId !== undefined)
        await transport.sendMessage(chatId, text, { replyToMessageId: parsed.update.message?.message_id });
    } catch (replyError) {
      logger.warn({ err: replyError, updateId: ctx.update.update_id }, 'could not report the failure to the chat');
    }
  });

  return { bot, services };
}
