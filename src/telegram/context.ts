import type { Clock } from '../clock';
import type { ParseError } from '../commands/parse-error';
import type { Config } from '../config';
import type { ChatSettings } from '../db/chat-store';
import type { Db } from '../db/schema';
import type { Locale } from '../domain/locale';
import type { Logger } from '../logger';
import type { Directory } from '../services/directory';
import type { TextKey, TextParams } from '../texts/texts';
import type { SendOptions, Transport } from './transport';
import type { CallbackQuery, Chat, Message, User } from './update-schema';

/** What every feature may use: the store, the clock, the one outgoing transport and the cached directory. */
export interface BotServices {
  readonly config: Config;
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly transport: Transport;
  readonly directory: Directory;
  /** The bot's own user id, to recognise its messages in replies. */
  botId(): number;
}

/** One incoming command, already validated and parsed to its name and argument text. */
export interface CommandContext {
  readonly updateId: number;
  readonly message: Message;
  readonly from: User;
  readonly chat: Chat;
  readonly args: string;
  readonly locale: Locale;
  readonly settings: ChatSettings | undefined;
  readonly now: Date;
  /** Answers in the same chat and topic, as a reply to the command. */
  reply(html: string, options?: Pick<SendOptions, 'keyboard'>): Promise<{ messageId: number }>;
  /** Answers with a catalog text, replying to the command. */
  replyText<K extends TextKey>(key: K, ...params: TextParams<K>): Promise<void>;
  /** A catalog text in the chat's language. */
  text<K extends TextKey>(key: K, ...params: TextParams<K>): string;
  /** Explains what was wrong with the command's arguments. */
  replyError(error: ParseError): Promise<void>;
}

/** One press of an inline button. */
export interface CallbackContext {
  readonly updateId: number;
  readonly query: CallbackQuery;
  readonly from: User;
  readonly data: string;
  readonly locale: Locale;
  readonly now: Date;
  /** Answers the press; with `alert`, Telegram shows a dialog instead of a toast. */
  answer(html?: string, alert?: boolean): Promise<void>;
}

export type CommandHandler = (ctx: CommandContext) => Promise<void>;
export type CallbackHandler = (ctx: CallbackContext) => Promise<void>;

/** A feature contributes command handlers (by canonical name) and callback handlers (by data prefix). */
export interface Feature {
  readonly commands?: Readonly<Record<string, CommandHandler>>;
  readonly callbacks?: Readonly<Record<string, CallbackHandler>>;
}
