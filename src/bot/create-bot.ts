import type { Clock } from '../clock';
import type { Config } from '../config';
import { type ChatSettings, moveChat } from '../directory/chat-store';
import { createDirectory } from '../directory/directory';
import { errorText } from '../i18n/error-text';
import { t } from '../i18n/texts';
import { isLocale, type Locale } from '../kernel/locale';
import { parseCommandText, resolveCommandName } from '../kernel/parsing/parse-command';
import type { Logger } from '../logger';
import { buttonsOnMessage, enqueueReplies } from '../outbox/outbox-store';
import { Outgoing } from '../outbox/outgoing';
import type { AfterSent } from '../outbox/sender';
import type { Transport } from '../outbox/transport';
import type { Dialect } from '../storage/connect';
import { isDatabaseUnavailable, retryWhileBusy } from '../storage/connect';
import type { Db } from '../storage/schema';
import { runUnitOfWork } from '../storage/unit-of-work';
import { claimUpdate } from '../storage/update-ledger';
import type { FileFetcher } from '../telegram/telegram-files';
import {
  type CallbackQuery,
  type ChatMemberUpdated,
  type EditedMessage,
  type Message,
  parseUpdate,
  type Update,
  type User,
} from '../telegram/update-schema';
import type { BotServices, CommandContext, CommandDocument, EditContext, UpdateScope } from './context';
import { profileOf } from './people';
import type { ButtonKind, FeatureRegistry } from './registry';
import { relayKindOf } from './relayed';
import { createSequencer } from './sequentialize';

export interface BotDeps {
  readonly config: Config;
  readonly db: Db;
  readonly dialect: Dialect;
  readonly clock: Clock;
  readonly logger: Logger;
  /** For answering button presses (no message, no budget) and the budget /log consults. */
  readonly transport: Transport;
  /** The bot's own account, known once getMe has answered. */
  readonly me: () => { readonly id: number; readonly username: string } | undefined;
  /** Told after every commit that wrote replies: the sender delivers them. */
  readonly onCommitted: () => void;
  /** Told how each update went, for metrics. */
  readonly onHandled?: (kind: UpdateKind, seconds: number) => void;
  /** Updates handled at once across chats (one chat's always one after another). Default 16. */
  readonly concurrency?: number;
  /** Downloads a document a command reads (Feature.documents); without it such commands see none. */
  readonly fetchFile?: FileFetcher;
  /** The features, gathered and checked (src/features/index.ts); told the services they may use. */
  readonly features: (services: BotServices) => FeatureRegistry;
}

/** What an update was, as /metrics counts it. */
export type UpdateKind =
  | 'message'
  | 'edited_message'
  | 'callback_query'
  | 'my_chat_member'
  | 'other'
  | 'malformed'
  | 'duplicate'
  | 'failed';

/** The wired bot: one door for updates, whichever way they come (long polling, webhook, tests). */
export interface Bot {
  readonly services: BotServices;
  /**
   * Handles one raw update: validated, queued behind the same chat's earlier updates, then its effect, its ledger
   * entry and its replies committed in one transaction. Resolves once that commit is done (or the update was
   * refused, or found handled before); never waits for a send. Rejects when the store is unreachable, or
   * when even the apology could not be stored, so a webhook answers 500 and Telegram redelivers.
   */
  handleUpdate(raw: unknown): Promise<void>;
  /** Resolves when no update is being handled. */
  idle(): Promise<void>;
  /** The features' hooks told the message id of what they sent. */
  readonly afterSent: Readonly<Record<string, AfterSent>>;
  /** A send found the group upgraded to a supergroup: its unit, language and history follow it. */
  onChatMigrated(fromChatId: number, toChatId: number): Promise<void>;
}

const kindOf = (update: Update): UpdateKind =>
  update.message
    ? 'message'
    : update.edited_message
      ? 'edited_message'
      : update.callback_query
        ? 'callback_query'
        : update.my_chat_member
          ? 'my_chat_member'
          : 'other';

/** A command is typed as a message's text, or as the caption of a photo or a document. */
const commandTextOf = (message: Pick<Message, 'text' | 'caption'>): string | undefined =>
  message.text ?? message.caption;

/** Updates of one chat are handled in order; a press without its message falls back to the person. */
function sequenceKeyOf(update: Update): string {
  const chatId =
    update.message?.chat.id ??
    update.edited_message?.chat.id ??
    update.callback_query?.message?.chat.id ??
    update.my_chat_member?.chat.id;
  if (chatId !== undefined) return `chat:${chatId}`;
  if (update.callback_query) return `user:${update.callback_query.from.id}`;
  return `update:${update.update_id}`;
}

/** What the update was about: a reused update id with another fingerprint is a new update, not a redelivery. */
function fingerprintOf(update: Update): string {
  const message = update.message ?? update.edited_message;
  if (message) return `m:${message.chat.id}:${message.message_id}:${message.edit_date ?? message.date}`;
  if (update.callback_query) return `c:${update.callback_query.id}`;
  if (update.my_chat_member) return `j:${update.my_chat_member.chat.id}:${update.my_chat_member.date}`;
  return `u:${Object.keys(update).sort().join(',')}`;
}

/** Builds the bot's dispatcher over the zod-validated updates; it never polls or listens by itself. */
export function createBot(deps: BotDeps): Bot {
  const { config, db, dialect, clock, logger, transport } = deps;
  const directory = createDirectory(db, config);
  const services: BotServices = {
    config,
    db,
    clock,
    logger,
    directory,
    botId: () => deps.me()?.id ?? 0,
    botUsername: () => deps.me()?.username ?? '',
    freeSlots: (chatId) => transport.freeSlots(chatId),
  };

  const { commands, buttons, edits: editHandlers, afterSent, documents, seen } = deps.features(services);
  const sequencer = createSequencer(deps.concurrency ?? 16);

  const localeOf = (stored: string | null | undefined): Locale =>
    stored && isLocale(stored) ? stored : config.defaultLocale;

  /** A button press's answer, given once the update is committed. */
  type Answer = { readonly queryId: string; readonly text?: string; readonly alert: boolean };

  // Told both by the service message and by a send refused for the old id; moveChat is safe to run twice. `store`
  // is a directory's watched handle, so the chats' cache follows.
  async function migrateChat(store: Db, fromChatId: number, toChatId: number): Promise<void> {
    await moveChat(store, fromChatId, toChatId, clock.now());
    logger.info({ from: fromChatId, to: toChatId }, 'group upgraded to a supergroup');
  }

  /** A command's context: answers reply to `message` in its chat and topic. */
  function commandContext(
    scope: UpdateScope,
    updateId: number,
    message: Message,
    from: User,
    settings: ChatSettings | undefined,
    args: string,
    document?: CommandDocument,
  ): CommandContext {
    const locale = localeOf(settings?.locale);
    const threadId = message.is_topic_message ? message.message_thread_id : undefined;
    const reply: CommandContext['reply'] = async (html, options = {}) =>
      scope.out.send(message.chat.id, html, { ...options, replyTo: message.message_id, threadId });
    return {
      ...scope,
      config,
      updateId,
      message,
      from,
      chat: message.chat,
      args,
      locale,
      settings,
      now: clock.now(),
      sentAt: new Date(message.date * 1000),
      reply,
      text: (key, ...params) => t(locale, key, ...params),
      replyText: (key, ...params) => reply(t(locale, key, ...params)),
      replyError: (error) => reply(errorText(locale, error)),
      ...(document && { document }),
    };
  }

  async function onMessage(
    scope: UpdateScope,
    updateId: number,
    message: Message,
    document: CommandDocument | undefined,
  ): Promise<void> {
    const now = clock.now();
    if (message.migrate_to_chat_id !== undefined)
      return migrateChat(scope.db, message.chat.id, message.migrate_to_chat_id);
    const from = message.from;
    if (!from || from.id === deps.me()?.id) return;
    // Forwarded, relayed, anonymous and bots' messages are nobody's own command: explained, never acted on.
    const relayed = relayKindOf(message);
    const text = commandTextOf(message);
    if (relayed === 'bot' && !text?.startsWith('/')) return;
    const settings = await scope.directory.chat(message.chat.id);
    if (settings?.unitId && !from.is_bot && !message.sender_chat)
      await scope.directory.rememberMember(profileOf(from), settings.unitId, now);
    if (!from.is_bot && !message.sender_chat) for (const hook of seen) await hook({ ...scope, config, now }, from);

    if (!text?.startsWith('/')) {
      // Plain words in private are no command: a short pointer to /help rather than silence.
      if (message.chat.type === 'private' && message.text !== undefined && !relayed && !from.is_bot) {
        await scope.out.send(message.chat.id, t(localeOf(settings?.locale), 'chat.plainText'), {
          replyTo: message.message_id,
        });
      }
      return;
    }
    const command = parseCommandText(text, deps.me()?.username ?? '');
    if (!command) return;
    const name = resolveCommandName(command.name);
    const handler = name && commands.get(name);
    const ctx = commandContext(scope, updateId, message, from, settings, command.args, document);
    if (relayed) {
      if (name) await ctx.replyText(`relay.${relayed}`);
      return;
    }
    if (!handler) {
      if (message.chat.type === 'private') await ctx.replyText('command.unknown');
      return;
    }
    await handler(ctx);
  }

  /** An edited message: the features decide what it corrects; edits of relayed messages are ignored. */
  async function onEditedMessage(scope: UpdateScope, updateId: number, message: EditedMessage): Promise<void> {
    if (relayKindOf(message) || editHandlers.length === 0) return;
    const settings = await scope.directory.chat(message.chat.id);
    const command = parseCommandText(commandTextOf(message) ?? '', deps.me()?.username ?? '');
    const ctx: EditContext = {
      ...commandContext(scope, updateId, message, message.from, settings, command?.args ?? ''),
      command: command ? resolveCommandName(command.name) : undefined,
      editedAt: new Date(message.edit_date * 1000),
    };
    for (const handler of editHandlers) await handler(ctx);
  }

  /** Introduces the bot when it joins a group, and says how to bind the group to a unit if it is not yet. */
  async function onAddedToGroup(scope: UpdateScope, change: ChatMemberUpdated): Promise<void> {
    const joined =
      ['left', 'kicked'].includes(change.old_chat_member.status) &&
      ['member', 'administrator'].includes(change.new_chat_member.status);
    if (!joined || (change.chat.type !== 'group' && change.chat.type !== 'supergroup')) return;
    const settings = await scope.directory.chat(change.chat.id);
    const locale = localeOf(settings?.locale);
    const unit = settings?.unitId ? (await scope.directory.units()).byId(settings.unitId) : undefined;
    scope.out.send(
      change.chat.id,
      unit ? t(locale, 'chat.welcomeBack', { unit: unit.name }) : t(locale, 'chat.welcome'),
    );
  }

  /**
   * Whether the pressed message carries the pressed button: as the outbox wrote that message's buttons (its last
   * edit's, else its own), or as the feature's own record says for buttons that outlive the outbox's.
   */
  async function isBound(scope: UpdateScope, query: CallbackQuery, data: string, kind: ButtonKind): Promise<boolean> {
    const message = query.message;
    if (!message) return false;
    const pressed = { chatId: message.chat.id, messageId: message.message_id, fromId: query.from.id };
    if (kind.record) return kind.record(scope, pressed, data);
    return (await buttonsOnMessage(scope.db, pressed)).includes(data);
  }

  /** A press is honoured only on the message its button was sent with; any other changes nothing and says so. */
  async function onCallback(scope: UpdateScope, updateId: number, query: CallbackQuery, answers: Answer[]) {
    const data = query.data ?? '';
    const kind = buttons.get(data.split(':', 1)[0] ?? '');
    const settings = query.message ? await scope.directory.chat(query.message.chat.id) : undefined;
    const locale = localeOf(settings?.locale);
    const answer = async (text?: string, alert = false) => {
      answers.push({ queryId: query.id, text, alert });
    };
    if (!kind) return answer();
    if (!(await isBound(scope, query, data, kind))) return answer(t(locale, 'button.notValid'), true);
    await kind.handle({ ...scope, config, updateId, query, from: query.from, data, locale, now: clock.now(), answer });
  }

  async function dispatch(
    scope: UpdateScope,
    update: Update,
    answers: Answer[],
    document: CommandDocument | undefined,
  ): Promise<void> {
    if (update.message) await onMessage(scope, update.update_id, update.message, document);
    else if (update.edited_message) await onEditedMessage(scope, update.update_id, update.edited_message);
    else if (update.callback_query) await onCallback(scope, update.update_id, update.callback_query, answers);
    else if (update.my_chat_member) await onAddedToGroup(scope, update.my_chat_member);
  }

  const moreText = (dropped: number) => t(config.defaultLocale, 'list.more', { count: dropped });

  function answerPresses(answers: readonly Answer[]): void {
    for (const answer of answers) {
      transport
        .answerCallbackQuery(answer.queryId, answer.text, answer.alert)
        .catch((error: unknown) => logger.warn({ err: error }, 'could not answer a button press'));
    }
  }

  /** After a failure nothing of the update was stored: "try again" is true. Stored beside the others if it can be. */
  async function apologise(update: Update): Promise<void> {
    const chatId = update.message?.chat.id ?? update.callback_query?.message?.chat.id;
    const settings = chatId === undefined ? undefined : await directory.chat(chatId).catch(() => undefined);
    const text = t(localeOf(settings?.locale), 'error.generic');
    if (update.callback_query) {
      answerPresses([{ queryId: update.callback_query.id, text, alert: true }]);
      return;
    }
    if (chatId === undefined || !update.message) return;
    const out = new Outgoing(moreText);
    out.send(chatId, text, { replyTo: update.message.message_id });
    await enqueueReplies(db, `${update.update_id}e`, out.replies, clock.now());
    deps.onCommitted();
  }

  /**
   * The document a command reads (its caption's message's, or the one it replies to), fetched before the update's
   * transaction so that no store lock waits on Telegram; once per update, whatever retries the transaction needs.
   */
  async function documentFor(update: Update): Promise<CommandDocument | undefined> {
    const message = update.message;
    if (!message || !deps.fetchFile || documents.size === 0 || relayKindOf(message)) return undefined;
    const text = commandTextOf(message);
    const command = text?.startsWith('/') ? parseCommandText(text, deps.me()?.username ?? '') : undefined;
    const name = command && resolveCommandName(command.name);
    const maxBytes = name ? documents.get(name)?.(message, config) : undefined;
    const file = message.document ?? message.reply_to_message?.document;
    if (maxBytes === undefined || !file) return undefined;
    const fileName = file.file_name ?? file.file_unique_id;
    if (file.file_size !== undefined && file.file_size > maxBytes) return { fileName, ok: false, problem: 'tooLarge' };
    const fetched = await deps.fetchFile(file.file_id, maxBytes);
    if (!fetched.ok && fetched.problem === 'failed') {
      logger.warn(
        { updateId: update.update_id, fileName, reason: fetched.reason },
        'could not download a document from Telegram',
      );
    }
    return { fileName, ...fetched };
  }

  async function handleParsed(update: Update): Promise<void> {
    const started = performance.now();
    const answers: Answer[] = [];
    let kind = kindOf(update);
    try {
      const document = await documentFor(update);
      let scoped: ReturnType<typeof directory.within> | undefined;
      const replies = await retryWhileBusy(() =>
        runUnitOfWork(
          db,
          dialect,
          async (trx) => {
            answers.length = 0;
            scoped = undefined;
            if (!(await claimUpdate(trx, update.update_id, fingerprintOf(update), clock.now()))) return false;
            const out = new Outgoing(moreText);
            scoped = directory.within(trx);
            await dispatch({ db: scoped.db, directory: scoped, out }, update, answers, document);
            return out.replies;
          },
          // The replies are the update's last write: on PostgreSQL they go with the commit.
          (trx, written) =>
            written ? enqueueReplies(trx, String(update.update_id), written, clock.now()) : Promise.resolve(),
        ),
      );
      const fresh = replies && (replies.length > 0 ? 'replied' : 'silent');
      // Only now does what the update read, stored or changed through the directory reach its caches.
      scoped?.committed();
      if (fresh === false) {
        kind = 'duplicate';
        // Telegram asks again when a press went unanswered; an empty answer stops the spinner.
        if (update.callback_query) answerPresses([{ queryId: update.callback_query.id, alert: false }]);
        return;
      }
      if (fresh === 'replied') deps.onCommitted();
      answerPresses(answers);
    } catch (error) {
      kind = 'failed';
      // The store unreachable: no apology; the update is refused, and the intake holds it until the store answers.
      if (isDatabaseUnavailable(error)) {
        logger.warn({ err: error, updateId: update.update_id }, 'update not handled: the store is unreachable');
        throw error;
      }
      logger.error({ err: error, updateId: update.update_id }, 'update failed; nothing of it was stored');
      await apologise(update);
    } finally {
      deps.onHandled?.(kind, (performance.now() - started) / 1000);
    }
  }

  return {
    services,
    afterSent,
    async handleUpdate(raw) {
      const parsed = parseUpdate(raw);
      if (!parsed.ok) {
        logger.warn(
          { updateId: (raw as { update_id?: unknown } | null)?.update_id, issues: parsed.issues },
          'malformed update skipped',
        );
        deps.onHandled?.('malformed', 0);
        return;
      }
      const { update } = parsed;
      await sequencer.run(sequenceKeyOf(update), () => handleParsed(update));
    },
    idle: () => sequencer.idle(),
    async onChatMigrated(fromChatId, toChatId) {
      const watched = directory.within(db);
      await migrateChat(watched.db, fromChatId, toChatId);
      watched.committed();
    },
  };
}
