import type { Clock } from '../clock';
import type { Config } from '../config';
import type { ChatSettings } from '../directory/chat-store';
import type { Directory } from '../directory/directory';
import type { TextKey, TextParams } from '../i18n/texts';
import type { Locale } from '../kernel/locale';
import type { CommandName } from '../kernel/parsing/parse-command';
import type { ParseError } from '../kernel/parsing/parse-error';
import type { Logger } from '../logger';
import type { Outgoing, OutgoingOptions } from '../outbox/outgoing';
import type { AfterSent } from '../outbox/sender';
import type { Db } from '../storage/schema';
import type { FetchedFile } from '../telegram/telegram-files';
import type { CallbackQuery, Chat, Message, User } from '../telegram/update-schema';

/** What every feature may use, whatever the update: settings, the clock, the bot's identity, the send budget. */
export interface BotServices {
  readonly config: Config;
  /** The store outside any update's transaction: for hooks and jobs, never inside a handler (use the context's). */
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The cached directory; a handler uses the context's, bound to its transaction. */
  readonly directory: Directory;
  /** The bot's own user id, to recognise its messages in replies. */
  botId(): number;
  /** The bot's username (without "@"), for t.me links; '' until getMe has answered. */
  botUsername(): string;
  /** Messages a chat's budget lets go at once right now: how /log chooses between a reply and a reaction. */
  freeSlots(chatId: number): number;
}

/** One update's transaction, its directory and what it answers with: all committed together. */
export interface UpdateScope {
  readonly db: Db;
  readonly directory: Directory;
  readonly out: Outgoing;
}

/** One incoming command, already validated and parsed to its name and argument text; a use case's scope as it is. */
export interface CommandContext extends UpdateScope {
  readonly config: Config;
  readonly updateId: number;
  readonly message: Message;
  readonly from: User;
  readonly chat: Chat;
  readonly args: string;
  readonly locale: Locale;
  readonly settings: ChatSettings | undefined;
  /** When the update is handled. */
  readonly now: Date;
  /** When the message was sent (Telegram's `date`): the day an entry counts for, however late it is handled. */
  readonly sentAt: Date;
  /** Answers in the same chat and topic, as a reply to the command. */
  reply(html: string, options?: Pick<OutgoingOptions, 'keyboard' | 'afterSent'>): Promise<void>;
  /** Answers with a catalog text, replying to the command. */
  replyText<K extends TextKey>(key: K, ...params: TextParams<K>): Promise<void>;
  /** A catalog text in the chat's language. */
  text<K extends TextKey>(key: K, ...params: TextParams<K>): string;
  /** Explains what was wrong with the command's arguments. */
  replyError(error: ParseError): Promise<void>;
  /**
   * The document the command came with (its caption) or replied to, fetched before the update's transaction began,
   * for a command whose feature asked for it (Feature.documents); absent otherwise.
   */
  readonly document?: CommandDocument;
}

/** A document a command came with: its name as sent, and its bytes or why there are none. */
export type CommandDocument = { readonly fileName: string } & FetchedFile;

/**
 * Whether a command wants the document it carries or replies to, fetched before its transaction (downloading holds
 * no store lock): the largest size it takes, or undefined to leave it (the wrong chat, a caller without the right).
 */
export type DocumentWanted = (message: Message, config: Config) => number | undefined;

/** One press of an inline button, honoured only on the message its button was sent with; a use case's scope too. */
export interface CallbackContext extends UpdateScope {
  readonly config: Config;
  readonly updateId: number;
  readonly query: CallbackQuery;
  readonly from: User;
  readonly data: string;
  readonly locale: Locale;
  readonly now: Date;
  /** Answers the press once the update is committed; with `alert`, Telegram shows a dialog instead of a toast. */
  answer(html?: string, alert?: boolean): Promise<void>;
}

/**
 * An edited message (an `edited_message` update): the context of a command sent as the new text, replying to the
 * edited message. `sentAt` stays the message's original date; `command` is what the new text now asks for.
 */
export interface EditContext extends CommandContext {
  /** The new text's command, canonical; undefined when it is no longer one of ours (or addressed to another bot). */
  readonly command: CommandName | undefined;
  /** When the message was edited (Telegram's `edit_date`). */
  readonly editedAt: Date;
}

export type CommandHandler = (ctx: CommandContext) => Promise<void>;
export type EditHandler = (ctx: EditContext) => Promise<void>;
export type CallbackHandler = (ctx: CallbackContext) => Promise<void>;

/** Told of the person behind every message (not a bot, not a chat), within the update's unit of work. */
export type SeenHandler = (
  scope: UpdateScope & { readonly config: Config; readonly now: Date },
  user: User,
) => Promise<void>;

/** A feature's command handlers, by canonical name: a name outside CommandName does not compile. */
export type CommandHandlers = Partial<Readonly<Record<CommandName, CommandHandler>>>;

/** The message a button was pressed on, and who pressed it. */
export interface PressedMessage {
  readonly chatId: number;
  readonly messageId: number;
  readonly fromId: number;
}

/**
 * A feature's own record of which message carries its buttons, for buttons that outlive the outbox's record of
 * replies (pruned after LEDGER_DAYS): true when `data` is a button of the pressed message.
 */
export type ButtonRecord = (scope: UpdateScope, pressed: PressedMessage, data: string) => Promise<boolean>;

/**
 * A feature contributes command handlers (by canonical name), callback handlers (by data prefix), its own button
 * records where the outbox's does not do, and hooks told the message id of what it sent (by hook kind).
 */
export interface Feature {
  readonly commands?: CommandHandlers;
  readonly callbacks?: Readonly<Record<string, CallbackHandler>>;
  readonly buttonRecords?: Readonly<Record<string, ButtonRecord>>;
  readonly afterSent?: Readonly<Record<string, AfterSent>>;
  /** Told of every edited message from a person (not forwarded or relayed); it decides what the edit changes. */
  readonly edits?: EditHandler;
  /** Told of the person behind every message: the roster links an account it names once it is seen. */
  readonly seen?: SeenHandler;
  /** Commands that read a document: fetched before the update's transaction when the feature wants it. */
  readonly documents?: Partial<Readonly<Record<CommandName, DocumentWanted>>>;
}
