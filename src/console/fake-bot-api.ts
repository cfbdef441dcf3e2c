import { extname } from 'node:path';
import { type Clock, systemClock } from '../clock';
import type { BotApi } from '../telegram/bot-api';
import { TelegramError } from '../telegram/telegram-client';
import type { Chat, Message, MessageEntity, User } from '../telegram/update-schema';
import {
  imageSizeOf,
  isPng,
  MAX_DOWNLOAD_BYTES,
  mimeTypeOf,
  type TelegramDocument,
  type TelegramFile,
  type TelegramPhotoSize,
  uniqueIdOf,
} from './telegram-file';
import { parseTelegramHtml, toTextAndEntities } from './telegram-html';

/** The bot the fake answers as. */
export interface FakeBotIdentity {
  readonly id: number;
  readonly username: string;
  readonly first_name: string;
}

/** An error to answer instead of the real result, as Telegram would send it. */
export interface InjectedError {
  readonly error_code: number;
  readonly description: string;
  readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** One recorded Bot API call. */
export interface ApiCall {
  readonly method: string;
  readonly payload: Record<string, unknown>;
}

/** A message as Telegram describes it, with the file it carries, if any. */
export type MessageWithFile = Message & { document?: TelegramDocument; photo?: TelegramPhotoSize[] };

/** What the bot and its users uploaded: the bytes, and the file as getFile describes it. */
interface StoredFile {
  readonly file: TelegramFile & { readonly file_path: string };
  readonly bytes: Uint8Array;
  readonly fileName?: string;
}

/** What a call came to: its result, or the error it threw. */
export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: TelegramError };

export interface FakeBotApiOptions {
  readonly bot?: FakeBotIdentity;
  /** Dates of sent messages; the console fixes it together with the bot's clock. */
  readonly clock?: Clock;
  /** Users getChatMember reports as administrators. */
  readonly admins?: Iterable<number>;
}

/** Part of Telegram's fixed list of reactions a bot may set (✅ and ❌ are not in it). */
const ALLOWED_REACTIONS = new Set([
  '👍',
  '👎',
  '❤',
  '🔥',
  '🎉',
  '👏',
  '🙏',
  '👌',
  '🫡',
  '🏆',
  '💯',
  '✍',
  '🤝',
  '⚡',
  '😁',
]);

/** How long an in-process getUpdates may wait, whatever timeout it asks for. */
const IN_PROCESS_POLL_CAP_MS = 1000;
const MAX_TEXT_LENGTH = 4096;

// The bot's display name carries a Vietnamese letter; escaped so src/ stays free of user-facing Vietnamese.
const DEFAULT_BOT: FakeBotIdentity = { id: 7000000001, username: 'ThiDuaBot', first_name: 'Thi \u0111ua' };

const keyOf = (chatId: number, messageId: number) => `${chatId}:${messageId}`;
const badRequest = (description: string) =>
  new TelegramError({ error_code: 400, description: `Bad Request: ${description}` });
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function integer(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) ? number : undefined;
}

const clone = <T>(value: T): T => structuredClone(value);

/** A copy of a payload for the record; one holding something uncloneable (a file stream) is copied shallowly. */
function snapshot(payload: Record<string, unknown>): Record<string, unknown> {
  try {
    return structuredClone(payload);
  } catch {
    return { ...payload };
  }
}

type Handler = (payload: Record<string, unknown>) => unknown;

/**
 * An in-process Bot API: answers the methods the bot uses like api.telegram.org does (results, and errors as
 * telegraf's TelegramError), records every call, keeps the messages it has seen so replies and button presses can
 * refer to them, and serves queued updates to long polling.
 */
export class FakeBotApi implements BotApi {
  /** The bot's user, as getMe returns it and as `from` of every message it sends. */
  readonly bot: User & { username: string };
  /** Every call but getUpdates, in order; polling is left out because how often it runs depends on timing. */
  readonly calls: ApiCall[] = [];
  /** Users getChatMember reports as administrators. */
  readonly admins: Set<number>;
  readonly clock: Clock;

  private readonly handlers: ReadonlyMap<string, { name: string; handle: Handler }>;
  private readonly chats = new Map<number, Chat>();
  private readonly users = new Map<number, User>();
  private readonly messages = new Map<string, Message>();
  private readonly lastMessageIds = new Map<number, number>();
  private readonly failures = new Map<string, { error: InjectedError; remaining: number }[]>();
  private readonly commands = new Map<string, unknown[]>();
  private readonly reactions = new Map<string, string | undefined>();
  private readonly listeners = new Set<(call: ApiCall, outcome: CallOutcome) => void>();
  private readonly waiters = new Set<() => void>();
  private readonly succeeded = new WeakSet<ApiCall>();
  private readonly files = new Map<string, StoredFile>();
  private readonly filePaths = new Map<string, string>();
  private queue: Record<string, unknown>[] = [];
  private lastUpdateId = 0;
  private confirmedOffset = 0;
  private closed = false;
  private lastCall = 0;
  private polls = 0;

  constructor(options: FakeBotApiOptions = {}) {
    const bot = options.bot ?? DEFAULT_BOT;
    this.bot = { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username };
    this.clock = options.clock ?? systemClock;
    this.admins = new Set(options.admins);
    const handlers: Record<string, Handler> = {
      getMe: () => ({
        ...this.bot,
        can_join_groups: true,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
        can_connect_to_business: false,
        has_main_web_app: false,
      }),
      sendMessage: (payload) => this.sendMessage(payload),
      sendDocument: (payload) => this.sendFile(payload, 'document'),
      sendPhoto: (payload) => this.sendFile(payload, 'photo'),
      editMessageText: (payload) => this.editMessageText(payload),
      editMessageReplyMarkup: (payload) => this.editMessageReplyMarkup(payload),
      deleteMessage: (payload) => this.deleteMessage(payload),
      answerCallbackQuery: (payload) => {
        if (typeof payload.callback_query_id !== 'string' || payload.callback_query_id === '')
          throw badRequest('query is too old and response timeout expired or query ID is invalid');
        return true;
      },
      sendChatAction: () => true,
      setMyCommands: (payload) => this.setMyCommands(payload),
      deleteMyCommands: (payload) => {
        this.commands.delete(commandsKey(payload));
        return true;
      },
      getMyCommands: (payload) => this.commands.get(commandsKey(payload)) ?? [],
      deleteWebhook: (payload) => {
        if (payload.drop_pending_updates === true) this.queue = [];
        return true;
      },
      setWebhook: () => true,
      setMessageReaction: (payload) => this.setMessageReaction(payload),
      getChat: (payload) => ({ ...this.chatFor(this.chatIdOf(payload)), accent_color_id: 0, max_reaction_count: 11 }),
      getChatMember: (payload) => this.getChatMember(payload),
      getFile: (payload) => this.getFile(payload),
    };
    this.handlers = new Map(
      Object.entries(handlers).map(([name, handle]) => [name.toLowerCase(), { name, handle }] as const),
    );
  }

  /** Answers one Bot API method; Telegram's method names are case-insensitive, and so are these. */
  async call(method: string, payload: Record<string, unknown> = {}): Promise<unknown> {
    if (method.toLowerCase() === 'getupdates') {
      this.throwInjected(method, { method, payload });
      return this.getUpdates(payload);
    }
    const handler = this.handlers.get(method.toLowerCase());
    const call: ApiCall = { method, payload: snapshot(payload) };
    this.calls.push(call);
    this.lastCall = performance.now();
    let outcome: CallOutcome;
    try {
      this.throwInjected(handler?.name ?? method, call);
      if (!handler) throw new TelegramError({ error_code: 404, description: 'Not Found' }, call);
      outcome = { ok: true, result: clone(handler.handle(call.payload)) };
    } catch (error) {
      if (!(error instanceof TelegramError)) throw error;
      // Telegraf fills `on` with the call; so do we, so logs read the same.
      const failed = Object.keys(error.on).length ? error : new TelegramError(error.response, call);
      outcome = { ok: false, error: failed };
    }
    if (outcome.ok) this.succeeded.add(call);
    for (const listener of this.listeners) listener(call, outcome);
    if (!outcome.ok) throw outcome.error;
    return outcome.result;
  }

  /** The bot's reaction on a message: one at most, from Telegram's fixed list (✅ and ❌ are not in it). */
  private setMessageReaction(payload: Record<string, unknown>): true {
    const chatId = this.chatIdOf(payload);
    const message = this.messages.get(`${chatId}:${Number(payload.message_id)}`);
    if (!message) throw badRequest('message to react not found');
    const reactions = Array.isArray(payload.reaction) ? (payload.reaction as { type?: string; emoji?: string }[]) : [];
    if (reactions.length > 1) throw badRequest('REACTIONS_TOO_MANY');
    for (const reaction of reactions) {
      if (reaction.type !== 'emoji' || !ALLOWED_REACTIONS.has(reaction.emoji ?? ''))
        throw badRequest('REACTION_INVALID');
    }
    this.reactions.set(`${chatId}:${Number(payload.message_id)}`, reactions[0]?.emoji);
    return true;
  }

  /** The emoji the bot left on a message, if any. */
  reactionOn(chatId: number, messageId: number): string | undefined {
    return this.reactions.get(`${chatId}:${messageId}`);
  }

  /** Makes the next `times` calls of `method` fail with `error`, e.g. a 429 with retry_after. */
  failNext(method: string, error: InjectedError, times = 1): void {
    const queue = this.failures.get(method.toLowerCase()) ?? [];
    queue.push({ error, remaining: times });
    this.failures.set(method.toLowerCase(), queue);
  }

  /** Calls `listener` after every recorded call with its outcome; returns the unsubscribe function. */
  onCall(listener: (call: ApiCall, outcome: CallOutcome) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The payloads of sendMessage calls that succeeded (refused ones are in `calls`), to `chatId` when given. */
  sentMessages(chatId?: number): Record<string, unknown>[] {
    return this.calls
      .filter((call) => call.method.toLowerCase() === 'sendmessage' && this.succeeded.has(call))
      .map((call) => call.payload)
      .filter((payload) => chatId === undefined || integer(payload.chat_id) === chatId);
  }

  /** The last sendMessage payload (to `chatId` when given). */
  lastSent(chatId?: number): Record<string, unknown> | undefined {
    return this.sentMessages(chatId).at(-1);
  }

  /** Forgets the recorded calls and injected failures; messages, chats and queued updates stay. */
  clear(): void {
    this.calls.length = 0;
    this.failures.clear();
  }

  /** A message the fake has seen (pushed in an update) or sent, as Telegram would describe it now. */
  message(chatId: number, messageId: number): Message | undefined {
    const message = this.messages.get(keyOf(chatId, messageId));
    return message && clone(message);
  }

  /** Reserves the next message id in a chat; ids are shared by users' and the bot's messages, as in Telegram. */
  nextMessageId(chatId: number): number {
    const next = (this.lastMessageIds.get(chatId) ?? 0) + 1;
    this.lastMessageIds.set(chatId, next);
    return next;
  }

  /** Reserves the next update id; pushUpdate numbers updates that come without one the same way. */
  nextUpdateId(): number {
    this.lastUpdateId += 1;
    return this.lastUpdateId;
  }

  /**
   * Numbers later updates and messages past those given, as Telegram's ids only grow: a bot that stored update
   * 40 and message 12 of a chat must never see either again as new.
   */
  continueAfter(last: { readonly updateId: number; readonly messageIds: ReadonlyMap<number, number> }): void {
    this.lastUpdateId = Math.max(this.lastUpdateId, last.updateId);
    for (const [chatId, messageId] of last.messageIds)
      this.lastMessageIds.set(chatId, Math.max(this.lastMessageIds.get(chatId) ?? 0, messageId));
  }

  /** Queues an update for getUpdates, numbering it when it has no update_id; remembers its chats, users, messages. */
  pushUpdate<T extends object>(update: T): T & { update_id: number } {
    const given = integer((update as { update_id?: unknown }).update_id);
    const numbered = { ...update, update_id: given ?? this.lastUpdateId + 1 };
    this.lastUpdateId = Math.max(this.lastUpdateId, numbered.update_id);
    const record = numbered as Record<string, unknown>;
    for (const key of ['message', 'edited_message']) this.remember(record[key]);
    const query = record.callback_query;
    if (isObject(query)) {
      this.rememberUser(query.from);
      this.remember(query.message);
    }
    this.queue.push(clone(record));
    this.wake();
    return numbered;
  }

  /**
   * A file a user sends, kept as Telegram keeps an upload: the document a message carries (with a file_id the bot
   * can getFile and download), named and typed as a Telegram client names and types it.
   */
  uploadDocument(bytes: Uint8Array, fileName: string): TelegramDocument {
    const { file } = this.storeFile(bytes, 'documents', fileName);
    return {
      file_id: file.file_id,
      file_unique_id: file.file_unique_id,
      file_name: fileName,
      mime_type: mimeTypeOf(fileName),
      file_size: bytes.length,
    };
  }

  /** The bytes of a file by its file_id (what the bot sent, or a user uploaded), and its name if it has one. */
  fileOf(fileId: string): { bytes: Uint8Array; fileName?: string } | undefined {
    const stored = this.files.get(fileId);
    return (
      stored && { bytes: stored.bytes.slice(), ...(stored.fileName !== undefined && { fileName: stored.fileName }) }
    );
  }

  /** What `<api root>/file/bot<token>/<file_path>` serves: the file's bytes, or nothing for an unknown path. */
  download(filePath: string): Uint8Array | undefined {
    const fileId = this.filePaths.get(filePath);
    const stored = fileId === undefined ? undefined : this.files.get(fileId);
    return stored?.bytes.slice();
  }

  private storeFile(bytes: Uint8Array, folder: 'documents' | 'photos', fileName?: string): StoredFile {
    const number = this.files.size + 1;
    const extension = fileName
      ? extname(fileName).toLowerCase()
      : folder === 'photos'
        ? isPng(bytes)
          ? '.png'
          : '.jpg'
        : '';
    const unique = uniqueIdOf(bytes);
    // Opaque to the bot, as Telegram's are; unique per upload, while file_unique_id stays with the content.
    const fileId = `${folder === 'photos' ? 'AgAC' : 'BQAC'}${number}_${unique}`;
    const stored: StoredFile = {
      file: {
        file_id: fileId,
        file_unique_id: unique,
        file_size: bytes.length,
        file_path: `${folder}/file_${number}${extension}`,
      },
      bytes: Uint8Array.from(bytes),
      ...(fileName !== undefined && { fileName }),
    };
    this.files.set(fileId, stored);
    this.filePaths.set(stored.file.file_path, fileId);
    return stored;
  }

  /** getFile: the file's path for a download, or Telegram's refusal of an unknown id or a file over 20 MB. */
  private getFile(payload: Record<string, unknown>): TelegramFile {
    const stored = typeof payload.file_id === 'string' ? this.files.get(payload.file_id) : undefined;
    if (!stored) throw badRequest('invalid file_id');
    if (stored.bytes.length > MAX_DOWNLOAD_BYTES) throw badRequest('file is too big');
    return { ...stored.file };
  }

  /** Whether the bot has confirmed the update (polled past it), which telegraf does once its handler settled. */
  isConfirmed(updateId: number): boolean {
    return this.confirmedOffset > updateId;
  }

  /** How many getUpdates calls have been answered or are waiting: above 0 once the bot has started polling. */
  get pollCount(): number {
    return this.polls;
  }

  /** `performance.now()` of the last recorded call; 0 before any. */
  get lastCallAt(): number {
    return this.lastCall;
  }

  /**
   * Long polling: answers at once with queued updates past `offset` (confirming those before it), otherwise waits
   * up to `timeout` seconds, capped at `maxWaitMs`, for a push.
   */
  async getUpdates(
    params: Record<string, unknown>,
    options: { maxWaitMs?: number; signal?: AbortSignal } = {},
  ): Promise<unknown[]> {
    this.polls += 1;
    const offset = integer(params.offset) ?? 0;
    const limit = Math.min(Math.max(integer(params.limit) ?? 100, 1), 100);
    if (offset > 0) {
      this.confirmedOffset = Math.max(this.confirmedOffset, offset);
      this.queue = this.queue.filter((update) => (update.update_id as number) >= offset);
    }
    const pending = () => this.queue.slice(0, limit).map(clone);
    const timeoutMs = Math.min((integer(params.timeout) ?? 0) * 1000, options.maxWaitMs ?? IN_PROCESS_POLL_CAP_MS);
    if (this.queue.length > 0 || this.closed || timeoutMs <= 0 || options.signal?.aborted) return pending();
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        options.signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      options.signal?.addEventListener('abort', done);
    });
    return this.closed ? [] : pending();
  }

  /** Ends every waiting poll with no updates; later polls answer at once. */
  close(): void {
    this.closed = true;
    this.wake();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private throwInjected(method: string, on: object): void {
    const queue = this.failures.get(method.toLowerCase());
    const next = queue?.[0];
    if (!queue || !next) return;
    next.remaining -= 1;
    if (next.remaining <= 0) queue.shift();
    throw new TelegramError(clone(next.error), on);
  }

  private remember(message: unknown): void {
    if (!isObject(message) || !isObject(message.chat)) return;
    const chatId = integer(message.chat.id);
    const messageId = integer(message.message_id);
    if (chatId === undefined) return;
    this.chats.set(chatId, message.chat as Chat);
    this.rememberUser(message.from);
    if (messageId === undefined || message.date === 0) return;
    this.messages.set(keyOf(chatId, messageId), clone(message) as Message);
    this.lastMessageIds.set(chatId, Math.max(this.lastMessageIds.get(chatId) ?? 0, messageId));
  }

  private rememberUser(user: unknown): void {
    const id = isObject(user) ? integer(user.id) : undefined;
    if (id !== undefined) this.users.set(id, user as User);
  }

  private chatIdOf(payload: Record<string, unknown>): number {
    const id = integer(payload.chat_id);
    if (id !== undefined) return id;
    const username = typeof payload.chat_id === 'string' ? payload.chat_id.replace(/^@/, '') : undefined;
    for (const chat of this.chats.values()) if (username && chat.username === username) return chat.id;
    throw badRequest('chat not found');
  }

  /** A known chat, or one guessed from the id's sign, as a fake cannot ask anyone. */
  private chatFor(chatId: number): Chat {
    const known = this.chats.get(chatId);
    if (known) return clone(known);
    if (chatId < 0) return { id: chatId, type: 'supergroup', title: `Group ${chatId}` };
    const user = this.users.get(chatId);
    return {
      id: chatId,
      type: 'private',
      first_name: user?.first_name ?? `User ${chatId}`,
      ...(user?.last_name !== undefined && { last_name: user.last_name }),
      ...(user?.username !== undefined && { username: user.username }),
    };
  }

  private storedMessage(payload: Record<string, unknown>, missing: string): Message {
    const chatId = this.chatIdOf(payload);
    const messageId = integer(payload.message_id);
    const message = messageId === undefined ? undefined : this.messages.get(keyOf(chatId, messageId));
    if (!message) throw badRequest(missing);
    return message;
  }

  /** The text and entities Telegram would store, or the error it would answer. */
  private formatted(payload: Record<string, unknown>): { text: string; entities: MessageEntity[] } {
    const raw = payload.text;
    if (typeof raw !== 'string' || raw.trim() === '') throw badRequest('message text is empty');
    let result: { text: string; entities: MessageEntity[] } = { text: raw, entities: [] };
    if (typeof payload.parse_mode === 'string' && payload.parse_mode.toUpperCase() === 'HTML') {
      const parsed = parseTelegramHtml(raw);
      if (!parsed.ok) throw badRequest(`can't parse entities: ${parsed.error}`);
      result = toTextAndEntities(parsed.nodes);
    } else if (Array.isArray(payload.entities)) {
      result = { text: raw, entities: payload.entities as MessageEntity[] };
    }
    if (result.text.trim() === '') throw badRequest('message text is empty');
    if (result.text.length > MAX_TEXT_LENGTH) throw badRequest('message is too long');
    return result;
  }

  private sendMessage(payload: Record<string, unknown>): Message {
    const chatId = this.chatIdOf(payload);
    const { text, entities } = this.formatted(payload);
    const markup = keyboardOf(payload.reply_markup, chatId);
    const repliedTo = this.repliedTo(payload, chatId);
    const threadId = integer(payload.message_thread_id);
    const message: Message = {
      message_id: this.nextMessageId(chatId),
      from: this.bot,
      chat: this.chatFor(chatId),
      date: Math.floor(this.clock.now().getTime() / 1000),
      ...(threadId !== undefined && { message_thread_id: threadId, is_topic_message: true as const }),
      ...(repliedTo && { reply_to_message: withoutReply(repliedTo) }),
      text,
      ...(entities.length > 0 && { entities }),
      ...(markup && { reply_markup: markup }),
    };
    this.messages.set(keyOf(chatId, message.message_id), message);
    return message;
  }

  /** The message a send replies to, or Telegram's refusal when it is gone and the send may not go without it. */
  private repliedTo(payload: Record<string, unknown>, chatId: number): Message | undefined {
    const reply = isObject(payload.reply_parameters) ? payload.reply_parameters : undefined;
    const replyToId = integer(reply?.message_id ?? payload.reply_to_message_id);
    const repliedTo = replyToId === undefined ? undefined : this.messages.get(keyOf(chatId, replyToId));
    const mayGoWithout = reply?.allow_sending_without_reply === true || payload.allow_sending_without_reply === true;
    if (replyToId !== undefined && !repliedTo && !mayGoWithout) throw badRequest('message to be replied not found');
    return repliedTo;
  }

  /**
   * A document or photo as Telegram stores it: the caption parsed like a text, the bytes kept under a new file_id
   * (a known file_id sends that file again). `field` names the upload (document, photo); an empty or missing one is
   * refused as Telegram refuses it.
   */
  private sendFile(payload: Record<string, unknown>, field: 'document' | 'photo'): MessageWithFile {
    const chatId = this.chatIdOf(payload);
    const upload = payload[field];
    let stored = typeof upload === 'string' ? this.files.get(upload) : undefined;
    if (typeof upload === 'string' && !stored) throw badRequest('wrong file identifier/HTTP URL specified');
    if (!stored) {
      const file = isObject(upload) ? upload : undefined;
      if (!file || !(file.source instanceof Uint8Array) || file.source.length === 0)
        throw badRequest(field === 'photo' ? 'photo must be non-empty' : 'file must be non-empty');
      // A photo keeps no name at Telegram; a document keeps the one it was uploaded with.
      const fileName = field === 'document' && typeof file.filename === 'string' ? file.filename : '';
      stored = this.storeFile(file.source, field === 'photo' ? 'photos' : 'documents', fileName || undefined);
    }
    const repliedTo = this.repliedTo(payload, chatId);
    const caption =
      typeof payload.caption === 'string' && payload.caption !== ''
        ? this.formatted({ text: payload.caption, parse_mode: payload.parse_mode })
        : undefined;
    const threadId = integer(payload.message_thread_id);
    const { file_id, file_unique_id, file_size } = stored.file;
    const message: MessageWithFile = {
      message_id: this.nextMessageId(chatId),
      from: this.bot,
      chat: this.chatFor(chatId),
      date: Math.floor(this.clock.now().getTime() / 1000),
      ...(threadId !== undefined && { message_thread_id: threadId, is_topic_message: true as const }),
      ...(repliedTo && { reply_to_message: withoutReply(repliedTo) }),
      ...(field === 'photo'
        ? { photo: [{ file_id, file_unique_id, file_size, ...imageSizeOf(stored.bytes) }] }
        : {
            document: {
              file_id,
              file_unique_id,
              file_size,
              ...(stored.fileName !== undefined && {
                file_name: stored.fileName,
                mime_type: mimeTypeOf(stored.fileName),
              }),
            },
          }),
      ...(caption && { caption: caption.text }),
      ...(caption && caption.entities.length > 0 && { caption_entities: caption.entities }),
    };
    this.messages.set(keyOf(chatId, message.message_id), message);
    return message;
  }

  private editMessageText(payload: Record<string, unknown>): Message | true {
    if (payload.inline_message_id !== undefined) return true;
    const message = this.editable(payload, 'message to edit not found');
    const { text, entities } = this.formatted(payload);
    // Telegram drops the keyboard when an edit does not repeat it.
    const markup = keyboardOf(payload.reply_markup, message.chat.id);
    const same =
      message.text === text &&
      JSON.stringify(message.entities ?? []) === JSON.stringify(entities) &&
      JSON.stringify(message.reply_markup) === JSON.stringify(markup);
    if (same) throw notModified();
    const edited: Message = {
      ...withoutKeys(message, ['text', 'entities', 'reply_markup']),
      text,
      ...(entities.length > 0 && { entities }),
      ...(markup && { reply_markup: markup }),
      edit_date: Math.floor(this.clock.now().getTime() / 1000),
    };
    this.messages.set(keyOf(edited.chat.id, edited.message_id), edited);
    return edited;
  }

  private editMessageReplyMarkup(payload: Record<string, unknown>): Message | true {
    if (payload.inline_message_id !== undefined) return true;
    const message = this.editable(payload, 'message to edit not found');
    const markup = keyboardOf(payload.reply_markup, message.chat.id);
    if (JSON.stringify(message.reply_markup) === JSON.stringify(markup)) throw notModified();
    const edited: Message = {
      ...withoutKeys(message, ['reply_markup']),
      ...(markup && { reply_markup: markup }),
      edit_date: Math.floor(this.clock.now().getTime() / 1000),
    };
    this.messages.set(keyOf(edited.chat.id, edited.message_id), edited);
    return edited;
  }

  private editable(payload: Record<string, unknown>, missing: string): Message {
    const message = this.storedMessage(payload, missing);
    if (message.from?.id !== this.bot.id) throw badRequest("message can't be edited");
    return message;
  }

  private deleteMessage(payload: Record<string, unknown>): true {
    const message = this.storedMessage(payload, 'message to delete not found');
    this.messages.delete(keyOf(message.chat.id, message.message_id));
    return true;
  }

  private setMyCommands(payload: Record<string, unknown>): true {
    const commands = Array.isArray(payload.commands) ? payload.commands : undefined;
    if (!commands || commands.length > 100) throw badRequest('BOT_COMMANDS_TOO_MUCH');
    for (const entry of commands) {
      const command = isObject(entry) ? entry.command : undefined;
      const description = isObject(entry) ? entry.description : undefined;
      if (typeof command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest('BOT_COMMAND_INVALID');
      if (typeof description !== 'string' || description.length < 1 || description.length > 256)
        throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
    this.commands.set(commandsKey(payload), clone(commands));
    return true;
  }

  private getChatMember(payload: Record<string, unknown>): Record<string, unknown> {
    this.chatIdOf(payload);
    const userId = integer(payload.user_id);
    if (userId === undefined) throw badRequest('invalid user_id specified');
    const user = userId === this.bot.id ? this.bot : (this.users.get(userId) ?? fallbackUser(userId));
    if (!this.admins.has(userId)) return { status: 'member', user: clone(user) };
    return {
      status: 'administrator',
      user: clone(user),
      can_be_edited: false,
      is_anonymous: false,
      can_manage_chat: true,
      can_delete_messages: true,
      can_manage_video_chats: true,
      can_restrict_members: true,
      can_promote_members: false,
      can_change_info: true,
      can_invite_users: true,
      can_post_stories: false,
      can_edit_stories: false,
      can_delete_stories: false,
      can_pin_messages: true,
      can_manage_topics: true,
    };
  }
}

const fallbackUser = (id: number): User => ({ id, is_bot: false, first_name: `User ${id}` });

const notModified = () =>
  badRequest(
    'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
  );

function withoutKeys<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Omit<T, K> {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}

const withoutReply = (message: Message) =>
  withoutKeys(message, ['reply_to_message']) as Message & { reply_to_message: undefined };

function commandsKey(payload: Record<string, unknown>): string {
  const scope = isObject(payload.scope) ? JSON.stringify(payload.scope) : 'default';
  return `${scope}|${typeof payload.language_code === 'string' ? payload.language_code : ''}`;
}

/** The inline keyboard of a payload as Telegram stores it (absent when empty), or the error Telegram answers. */
/**
 * The inline keyboard of a send or edit, as Telegram checks it. A `web_app` button is allowed only in a private
 * chat (BUTTON_TYPE_INVALID elsewhere, as Telegram answers); it is not kept on the message, whose schema drops the
 * kinds of button the bot cannot press.
 */
function keyboardOf(markup: unknown, chatId: number): Message['reply_markup'] {
  const parsed = typeof markup === 'string' ? safeJson(markup) : markup;
  if (!isObject(parsed) || !Array.isArray(parsed.inline_keyboard)) return undefined;
  const rows: NonNullable<Message['reply_markup']>['inline_keyboard'] = [];
  for (const row of parsed.inline_keyboard) {
    if (!Array.isArray(row)) throw badRequest('field "inline_keyboard" must be an Array of Arrays');
    const buttons = [];
    for (const button of row) {
      if (!isObject(button) || typeof button.text !== 'string') throw badRequest("can't parse inline keyboard button");
      if (typeof button.callback_data === 'string') {
        if (Buffer.byteLength(button.callback_data) > 64 || button.callback_data === '')
          throw badRequest('BUTTON_DATA_INVALID');
        buttons.push({ text: button.text, callback_data: button.callback_data });
      } else if (typeof button.url === 'string') {
        buttons.push({ text: button.text, url: button.url });
      } else if (isObject(button.web_app) && typeof button.web_app.url === 'string') {
        if (chatId < 0) throw badRequest('BUTTON_TYPE_INVALID');
        if (!button.web_app.url.startsWith('https://')) throw badRequest('BUTTON_URL_INVALID');
      } else {
        throw badRequest('text buttons are unallowed in the inline keyboard');
      }
    }
    if (buttons.length > 0) rows.push(buttons);
  }
  return rows.length > 0 ? { inline_keyboard: rows } : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
