import type {
  CallbackQuery,
  Message,
  MessageEntity,
  NonChannelChat,
  RepliedMessage,
  Update,
  UpdateMessage,
  User,
} from '../telegram/update-schema';
import type { TelegramDocument } from './telegram-file';

/** Where a factory takes time and message ids from; defaults are fixed so tests stay deterministic. */
export interface UpdateFactoryOptions {
  /** The `date` of built messages; defaults to 2026-11-24 09:00 in Vietnam. */
  readonly now?: () => Date;
  /** The next message id in a chat; by default counted per chat from 1. Pass FakeBotApi.nextMessageId to share. */
  readonly nextMessageId?: (chatId: number) => number;
  readonly firstUpdateId?: number;
  /** The next update id; by default counted from `firstUpdateId`. Pass FakeBotApi.nextUpdateId to share. */
  readonly nextUpdateId?: () => number;
}

/** What a message update is built from. */
export interface MessageOptions {
  readonly from: User;
  readonly chat: NonChannelChat;
  readonly text: string;
  readonly replyTo?: Message;
  /** A forum topic: sets message_thread_id and is_topic_message. */
  readonly threadId?: number;
  /** Replaces the bot_command entity the factory adds for text starting with "/". */
  readonly entities?: MessageEntity[];
}

/** What a message carrying a file is built from: the document (see FakeBotApi.uploadDocument) and a caption. */
export interface DocumentOptions {
  readonly from: User;
  readonly chat: NonChannelChat;
  readonly document: TelegramDocument;
  readonly caption?: string;
  /** Replaces the bot_command entity the factory adds for a caption starting with "/". */
  readonly captionEntities?: MessageEntity[];
  readonly replyTo?: Message;
}

/** A message with a file, as a `message` update carries it. */
export type DocumentMessage = UpdateMessage & { document: TelegramDocument };

/** An edited message, as an `edited_message` update carries it. */
export type EditedUpdateMessage = UpdateMessage & { edit_date: number };

/** What a button press is built from. */
export interface CallbackOptions {
  readonly from: User;
  readonly message: Message;
  readonly data: string;
}

/** Builds updates shaped like Telegram's; see createUpdateFactory. */
export interface UpdateFactory {
  message(options: MessageOptions): Update & { message: UpdateMessage };
  callback(options: CallbackOptions): Update & { callback_query: CallbackQuery };
  /** A message with a document (a spreadsheet sent to the bot), captioned. */
  document(options: DocumentOptions): { update_id: number; message: DocumentMessage };
  /** The author's edit of a message: the new text (and its entities) under the same id, with the time of the edit. */
  edited(
    message: UpdateMessage,
    text: string,
    entities?: MessageEntity[],
  ): Update & { edited_message: EditedUpdateMessage };
  /** Numbers any object as an update (its own update_id wins), unvalidated: for malformed and unusual updates. */
  raw<T extends object>(partial: T): T & { update_id: number };
}

const DEFAULT_NOW = new Date('2026-11-24T02:00:00Z');

/** The entity Telegram attaches to a leading "/command" or "/command@bot". */
export function commandEntities(text: string): MessageEntity[] {
  const command = /^\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,64})?/.exec(text);
  return command ? [{ type: 'bot_command', offset: 0, length: command[0].length }] : [];
}

/** A message as it appears inside a reply: Telegram never nests a second reply. */
export function asReplied(message: Message): RepliedMessage {
  const { reply_to_message: _nested, ...replied } = message;
  return replied as RepliedMessage;
}

/** Update builders with auto-incrementing update_id and per-chat message_id, as Telegram assigns them. */
export function createUpdateFactory(options: UpdateFactoryOptions = {}): UpdateFactory {
  const now = options.now ?? (() => DEFAULT_NOW);
  const lastIds = new Map<number, number>();
  const nextMessageId =
    options.nextMessageId ??
    ((chatId: number) => {
      const next = (lastIds.get(chatId) ?? 0) + 1;
      lastIds.set(chatId, next);
      return next;
    });
  let updateId = options.firstUpdateId ?? 1;
  let queryId = 0;
  const nextUpdateId = options.nextUpdateId ?? (() => updateId++);
  const dateNow = () => Math.floor(now().getTime() / 1000);

  return {
    message({ from, chat, text, replyTo, threadId, entities }) {
      const commandLike = entities ?? commandEntities(text);
      const message: UpdateMessage = {
        message_id: nextMessageId(chat.id),
        from,
        chat,
        date: dateNow(),
        ...(threadId !== undefined && { message_thread_id: threadId, is_topic_message: true as const }),
        ...(replyTo && { reply_to_message: asReplied(replyTo) }),
        text,
        ...(commandLike.length > 0 && { entities: commandLike }),
      };
      return { update_id: nextUpdateId(), message };
    },
    callback({ from, message, data }) {
      queryId += 1;
      const callback_query: CallbackQuery = {
        id: `${from.id}${String(queryId).padStart(6, '0')}`,
        from,
        message,
        // Telegram's chat_instance is an opaque per-chat string; the chat id serves as one.
        chat_instance: String(message.chat.id),
        data,
      };
      return { update_id: nextUpdateId(), callback_query };
    },
    document({ from, chat, document, caption, captionEntities, replyTo }) {
      const entities = captionEntities ?? (caption ? commandEntities(caption) : []);
      const message: DocumentMessage = {
        message_id: nextMessageId(chat.id),
        from,
        chat,
        date: dateNow(),
        ...(replyTo && { reply_to_message: asReplied(replyTo) }),
        document,
        ...(caption && { caption }),
        ...(entities.length > 0 && { caption_entities: entities }),
      };
      return { update_id: nextUpdateId(), message };
    },
    edited(message, text, entities) {
      const { entities: _before, text: _old, ...kept } = message;
      const marked = entities ?? commandEntities(text);
      const edited_message: EditedUpdateMessage = {
        ...kept,
        text,
        ...(marked.length > 0 && { entities: marked }),
        edit_date: Math.max(dateNow(), message.date),
      };
      return { update_id: nextUpdateId(), edited_message };
    },
    raw(partial) {
      return { update_id: nextUpdateId(), ...partial };
    },
  };
}
