import PQueue from 'p-queue';
import type { Logger } from '../logger';
import type { BotApi } from '../telegram/bot-api';

/**
 * A button under a message: most send callback data back to the bot; a link opens a URL (a Mini App's direct link
 * in a group), and a web app button opens the bot's Mini App (private chats only).
 */
export type InlineButton =
  | { readonly text: string; readonly callbackData: string }
  | { readonly text: string; readonly url: string }
  | { readonly text: string; readonly webAppUrl: string };
/** An inline keyboard: rows of buttons. */
export type InlineKeyboard = readonly (readonly InlineButton[])[];

/** Where a command menu applies. */
export type CommandScope = 'all_group_chats' | 'all_chat_administrators' | 'all_private_chats';

/** Replies and edits go before bulk posts (the outbox) waiting for the same limits. */
export type SendPriority = 'interactive' | 'bulk';

/** How a message goes out: in reply, in a forum topic, with buttons, and how urgently. */
export interface SendOptions {
  readonly replyToMessageId?: number;
  readonly threadId?: number;
  readonly keyboard?: InlineKeyboard;
  /** Defaults to interactive: someone is waiting for the answer. */
  readonly priority?: SendPriority;
  /**
   * Asked right before each attempt, once the limits let it go: false cancels the send with SendCancelledError.
   * The outbox uses it so a post that went stale, or whose lease ran out, while it queued is not sent.
   */
  readonly stillWanted?: () => boolean;
}

/** Everything the bot sends goes through here: HTML parse mode, keyboards, limits and retries in one place. */
export interface Transport {
  /** Sends a message; `chatId` in the result differs from the one asked for when the group became a supergroup. */
  sendMessage(chatId: number, html: string, options?: SendOptions): Promise<{ messageId: number; chatId: number }>;
  /** Edits a message; Telegram's "message is not modified" counts as done. */
  editMessageText(chatId: number, messageId: number, html: string, keyboard?: InlineKeyboard): Promise<void>;
  /** Sends a file (multipart upload) with an HTML caption; it spends the chat's message budget like sendMessage. */
  sendDocument(
    chatId: number,
    bytes: Uint8Array,
    filename: string,
    caption?: string,
    options?: Pick<SendOptions, 'threadId' | 'replyToMessageId' | 'stillWanted'>,
  ): Promise<{ messageId: number; chatId: number }>;
  /** Sends a picture (multipart upload, PNG bytes) with an HTML caption; it spends the chat's message budget. */
  sendPhoto(
    chatId: number,
    bytes: Uint8Array,
    caption?: string,
    options?: Pick<SendOptions, 'threadId' | 'replyToMessageId' | 'priority' | 'stillWanted'>,
  ): Promise<{ messageId: number; chatId: number }>;
  /** Sets the bot's one reaction on a message; it spends the overall budget, not the chat's message budget. */
  setMessageReaction(chatId: number, messageId: number, emoji: string): Promise<void>;
  /** Messages the chat's budget would let go at once right now (none queued for it, no slot held). */
  freeSlots(chatId: number): number;
  answerCallbackQuery(callbackQueryId: string, text?: string, showAlert?: boolean): Promise<void>;
  /** Publishes a command menu for a scope; without a language code it is the default for every language. */
  setMyCommands(
    commands: readonly { command: string; description: string }[],
    scope: CommandScope,
    languageCode?: string,
  ): Promise<void>;
}

/** At most `count` messages in any window of `windowMs`. */
export interface RateLimit {
  readonly count: number;
  readonly windowMs: number;
}

/** The limits the transport keeps: overall, per group or supergroup (negative ids), per private chat. */
export interface TransportLimits {
  readonly global: RateLimit;
  readonly group: RateLimit;
  readonly private: RateLimit;
}

/** Telegram's published limits for bots: 30 messages a second, 20 a minute per group, about 1 a second per chat. */
export const TELEGRAM_LIMITS: TransportLimits = {
  global: { count: 30, windowMs: 1000 },
  group: { count: 20, windowMs: 60_000 },
  private: { count: 1, windowMs: 1000 },
};

/** The default margin: a network's jitter, small beside Telegram's one-second and one-minute windows. */
export const DEFAULT_MARGIN_MS = 25;

/** Limits, clock, retries and hooks of a transport; every field has a default. */
export interface TransportOptions {
  /** Each missing limit keeps Telegram's value. */
  readonly limits?: Partial<TransportLimits>;
  /** Every wait (holding a limit's slot, retry_after, back-off) goes through here; tests pass a virtual clock's. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Monotonic milliseconds, from the same clock as `sleep`. */
  readonly now?: () => number;
  /**
   * How much longer than each window a slot stays held: calls reach Telegram a varying moment after they leave, so
   * two calls a window apart on departure may arrive closer. Default DEFAULT_MARGIN_MS.
   */
  readonly marginMs?: number;
  /** Retries after a 429, a 5xx or a network error, before the error goes to the caller. */
  readonly maxRetries?: number;
  /** The first back-off after a 5xx or network error; it doubles with each retry. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Told once per group that became a supergroup, before the message is sent again to the new id. */
  readonly onChatMigrated?: (fromChatId: number, toChatId: number) => Promise<void> | void;
  readonly logger?: Logger;
  /** Told of every Bot API call's outcome (for metrics): done, failed and to be retried (429 or not), or given up. */
  readonly observe?: (method: string, outcome: 'ok' | 'retry' | 'failed', failure?: CallFailure['kind']) => void;
}

/** Telegram will not deliver to this chat: the bot was blocked or removed, or the chat is gone. Not retried. */
export class ChatUnreachableError extends Error {
  override readonly name = 'ChatUnreachableError';

  constructor(
    readonly chatId: number,
    readonly errorCode: number,
    readonly description: string,
    options?: { cause?: unknown },
  ) {
    super(`chat ${chatId} is unreachable: ${errorCode} ${description}`, options);
  }
}

/** The sender withdrew a queued message (SendOptions.stillWanted said no); nothing was sent. */
export class SendCancelledError extends Error {
  override readonly name = 'SendCancelledError';

  constructor(readonly chatId: number) {
    super(`send to chat ${chatId} withdrawn before it went out`);
  }
}

/** What a failed call means for the caller. */
export type CallFailure =
  | { readonly kind: 'rateLimited'; readonly retryAfterMs: number }
  | { readonly kind: 'migrated'; readonly toChatId: number }
  | { readonly kind: 'unreachable'; readonly errorCode: number; readonly description: string }
  | { readonly kind: 'transient' }
  | { readonly kind: 'permanent' };

interface TelegramAnswer {
  readonly error_code: number;
  readonly description?: string;
  readonly parameters?: { readonly retry_after?: number; readonly migrate_to_chat_id?: number };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Telegraf's TelegramError (and the fake's) carries Telegram's answer in `response`. */
function telegramAnswer(error: unknown): TelegramAnswer | undefined {
  const response = isObject(error) ? error.response : undefined;
  return isObject(response) && typeof response.error_code === 'number'
    ? (response as unknown as TelegramAnswer)
    : undefined;
}

const NETWORK_ERROR_NAMES = new Set(['FetchError', 'AbortError', 'TimeoutError']);

/** Errors from below Telegram (sockets, DNS, timeouts) name a system `code`; a bug's TypeError does not. */
const isNetworkError = (error: unknown): boolean =>
  error instanceof Error &&
  (NETWORK_ERROR_NAMES.has(error.name) || typeof (error as { code?: unknown }).code === 'string');

/** 400s that say the chat itself is out of reach, not that this message was wrong. */
const UNREACHABLE_400 =
  /chat not found|group chat was deactivated|not enough rights to send|have no rights to send|CHAT_WRITE_FORBIDDEN|PEER_ID_INVALID|user is deactivated/i;

/** Sorts a failed Bot API call: wait and retry, follow the group to its supergroup, give up on the chat, or rethrow. */
export function classifyFailure(error: unknown): CallFailure {
  const answer = telegramAnswer(error);
  if (!answer) return isNetworkError(error) ? { kind: 'transient' } : { kind: 'permanent' };
  const code = answer.error_code;
  const description = answer.description ?? '';
  if (code === 429)
    return { kind: 'rateLimited', retryAfterMs: Math.max(1, answer.parameters?.retry_after ?? 1) * 1000 };
  if (code >= 500) return { kind: 'transient' };
  const migrateTo = answer.parameters?.migrate_to_chat_id;
  if (code === 400 && typeof migrateTo === 'number') return { kind: 'migrated', toChatId: migrateTo };
  if (code === 403 || (code === 400 && UNREACHABLE_400.test(description)))
    return { kind: 'unreachable', errorCode: code, description };
  return { kind: 'permanent' };
}

/** Whether a call that failed after the transport's own retries is worth trying again later (429, 5xx, network). */
export const isTransientFailure = (error: unknown): boolean => {
  const kind = classifyFailure(error).kind;
  return kind === 'rateLimited' || kind === 'transient';
};

const toReplyMarkup = (keyboard: InlineKeyboard) => ({
  inline_keyboard: keyboard.map((row) =>
    row.map((button) =>
      'url' in button
        ? { text: button.text, url: button.url }
        : 'webAppUrl' in button
          ? { text: button.text, web_app: { url: button.webAppUrl } }
          : { text: button.text, callback_data: button.callbackData },
    ),
  ),
});

const PRIORITY: Record<SendPriority, number> = { interactive: 1, bulk: 0 };

/** Telegram drops a callback query's answer after about 15 s; a retry that would land later is pointless. */
const CALLBACK_ANSWER_DEADLINE_MS = 10_000;

/** A timer that does not keep the process alive: holding a limit's slot must not delay shutdown. */
const idleSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one outgoing transport: replies, edits and the outbox's posts alike.
 *
 * Limits. Each limit is a p-queue used as a priority semaphore of `count` slots, and a slot is held until `windowMs`
 * after its call was answered (Telegram counted it on arrival, before answering); so no window of that length ever
 * sees more than `count` arrivals, however the calls bunch or their latency varies. A
 * message takes a slot of its chat's queue first, then one of the global queue, and only then is called, so both
 * limits are counted at the instant of the call. Why p-queue (sindresorhus/p-queue: kept up, typed, ESM,
 * priorities built in) over its neighbours: bottleneck has had no release since 2019; `limiter` is a token bucket,
 * which either bursts past "20 a minute" after an idle spell or, sized to be safe, paces a group's replies three
 * seconds apart; and p-queue's own interval mode, like bottleneck's `chain`, counts a chat's message when it
 * enters the global queue rather than when it reaches Telegram, and times windows on private timers no test can
 * drive. Here every wait is `sleep`, so a test's virtual clock runs a minute of limits in no time.
 *
 * Priorities. Replies and edits (interactive) go before outbox posts (bulk) in both queues: with a fan-out under
 * way a reply waits at most for the next global slot. answerCallbackQuery and setMyCommands post no message and
 * bypass the limits entirely: a button's spinner must stop within seconds, whatever is queued (and a callback
 * answer is retried only while Telegram still wants it; a command menu is not retried at all).
 *
 * Failures. A 429 waits `retry_after`; a 5xx or network error backs off exponentially; both give up after
 * `maxRetries` and rethrow the last error. A 403, or a 400 saying the chat is gone, throws ChatUnreachableError
 * at once. A 400 with `migrate_to_chat_id` calls `onChatMigrated` once per group and resends to the supergroup;
 * later sends to the old id go straight to the new one. A network error after Telegram accepted a message cannot
 * be told from one before: the retry may duplicate it, the price of not losing messages.
 */
export function createTransport(api: BotApi, options: TransportOptions = {}): Transport {
  const limits = { ...TELEGRAM_LIMITS, ...options.limits };
  const sleep = options.sleep ?? realSleep;
  const hold = options.sleep ?? idleSleep;
  const now = options.now ?? (() => performance.now());
  const maxRetries = options.maxRetries ?? 5;
  const marginMs = options.marginMs ?? DEFAULT_MARGIN_MS;
  const backoffMs = options.backoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const logger = options.logger;

  const globalQueue = new PQueue({ concurrency: limits.global.count });
  const chatQueues = new Map<number, PQueue>();
  const migratedTo = new Map<number, number>();
  const migrating = new Map<number, Promise<void>>();

  const limitOf = (chatId: number) => (chatId < 0 ? limits.group : limits.private);

  // Held slots sleep on timers that do not keep the process alive; a caller waiting behind one must, though (a
  // one-shot job would otherwise exit mid-delivery), so a timer is kept while any message is on its way.
  let onTheirWay = 0;
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  async function keepingAlive<T>(work: () => Promise<T>): Promise<T> {
    if (onTheirWay++ === 0 && !options.sleep) keepAlive = setInterval(() => {}, 2 ** 30);
    try {
      return await work();
    } finally {
      if (--onTheirWay === 0 && keepAlive) {
        clearInterval(keepAlive);
        keepAlive = undefined;
      }
    }
  }

  /** Node's timers run on a millisecond clock read once per loop turn and may fire a fraction early: check again. */
  async function holdUntil(at: number): Promise<void> {
    for (let wait = at - now(); wait > 0; wait = at - now()) await hold(wait);
  }

  /** Runs `work` in a slot of `queue` and settles at once, but keeps the slot until `releaseAt` when given. */
  function inSlot<T>(queue: PQueue, priority: number, work: () => Promise<Held<T>>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const task = async () => {
        const held = await work().catch((error: unknown): Held<T> => ({ ok: false, error }));
        if (held.ok) resolve(held.value);
        else reject(held.error);
        if (held.releaseAt !== undefined) await holdUntil(held.releaseAt);
      };
      queue.add(task, { priority }).catch((error: unknown) => reject(error));
    });
  }

  /**
   * One call in a global slot, held for the global window from the call's answer, refused or not. Telegram counts
   * a message when it arrives, some time between its departure and its answer: a window timed from the departure
   * lets a message slowed on its way (a new connection, a busy network) arrive less than a window before the next.
   */
  function callOnce(method: string, payload: Record<string, unknown>, priority: number, stillWanted?: () => boolean) {
    return inSlot(globalQueue, priority, async () => {
      if (stillWanted && !stillWanted()) return { ok: false, error: new SendCancelledError(Number(payload.chat_id)) };
      const releaseAfter = (answeredAt: number) => answeredAt + limits.global.windowMs + marginMs;
      try {
        const result = await api.call(method, payload);
        const answeredAt = now();
        return { ok: true, value: { result, answeredAt }, releaseAt: releaseAfter(answeredAt) };
      } catch (error) {
        return { ok: false, error, releaseAt: releaseAfter(now()) };
      }
    });
  }

  /** Calls until success, waiting out 429s and backing off from 5xx and network errors; rethrows the rest. */
  async function withRetries<T>(
    attempt: () => Promise<T>,
    context: Record<string, unknown>,
    deadline?: number,
  ): Promise<T> {
    const method = String(context.method);
    for (let retry = 0; ; retry += 1) {
      try {
        const result = await attempt();
        options.observe?.(method, 'ok');
        return result;
      } catch (error) {
        const failure = classifyFailure(error);
        const wait =
          failure.kind === 'rateLimited'
            ? failure.retryAfterMs
            : failure.kind === 'transient'
              ? Math.min(maxBackoffMs, backoffMs * 2 ** retry)
              : undefined;
        if (wait === undefined || retry >= maxRetries || (deadline !== undefined && now() + wait > deadline)) {
          if (!(error instanceof SendCancelledError)) options.observe?.(method, 'failed', failure.kind);
          throw error;
        }
        options.observe?.(method, 'retry', failure.kind);
        logger?.warn({ ...context, err: error, retry: retry + 1, waitMs: wait }, 'Bot API call failed; retrying');
        await sleep(wait);
      }
    }
  }

  /** A message-posting call to one chat: chat slot, then global slot, with retries; unreachable chats throw typed. */
  async function toChat(
    chatId: number,
    method: string,
    payload: Record<string, unknown>,
    priority: number,
    stillWanted?: () => boolean,
  ) {
    let queue = chatQueues.get(chatId);
    if (!queue) {
      queue = new PQueue({ concurrency: limitOf(chatId).count });
      chatQueues.set(chatId, queue);
    }
    const chatQueue = queue;
    try {
      // Only a delivered message holds the chat's slot: a refused one posted nothing there.
      return await inSlot(chatQueue, priority, async () => {
        const sent = await withRetries(() => callOnce(method, payload, priority, stillWanted), { method, chatId });
        return { ok: true, value: sent.result, releaseAt: sent.answeredAt + limitOf(chatId).windowMs + marginMs };
      });
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.kind === 'unreachable')
        throw new ChatUnreachableError(chatId, failure.errorCode, failure.description, { cause: error });
      throw error;
    } finally {
      // Forget an idle chat's queue; its held slots, if any, keep it busy until their windows pass.
      chatQueue.onIdle().then(() => {
        if (chatQueue.size === 0 && chatQueue.pending === 0 && chatQueues.get(chatId) === chatQueue)
          chatQueues.delete(chatId);
      });
    }
  }

  /** Runs the hook once per upgraded group, however many sends to it fail at the same time. */
  function followMigration(fromChatId: number, toChatId: number): Promise<void> {
    migratedTo.set(fromChatId, toChatId);
    let told = migrating.get(fromChatId);
    if (!told) {
      told = (async () => {
        logger?.info({ fromChatId, toChatId }, 'group upgraded to a supergroup; sending to its new id');
        try {
          await options.onChatMigrated?.(fromChatId, toChatId);
        } catch (error) {
          logger?.warn({ err: error, fromChatId, toChatId }, 'onChatMigrated failed; sending to the new id anyway');
        }
      })();
      migrating.set(fromChatId, told);
    }
    return told;
  }

  function messagePayload(chatId: number, html: string, options: SendOptions): Record<string, unknown> {
    return {
      chat_id: chatId,
      text: html,
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(options.threadId !== undefined && { message_thread_id: options.threadId }),
      ...(options.replyToMessageId !== undefined && {
        reply_parameters: { message_id: options.replyToMessageId, allow_sending_without_reply: true },
      }),
      ...(options.keyboard && { reply_markup: toReplyMarkup(options.keyboard) }),
    };
  }

  /** A message to a chat, following it once to its supergroup if it was upgraded. */
  async function send(chatId: number, html: string, sendOptions: SendOptions) {
    const priority = PRIORITY[sendOptions.priority ?? 'interactive'];
    const sendTo = async (target: number) => {
      const sent = (await toChat(
        target,
        'sendMessage',
        messagePayload(target, html, sendOptions),
        priority,
        sendOptions.stillWanted,
      )) as { message_id: number };
      return { messageId: sent.message_id, chatId: target };
    };
    const target = migratedTo.get(chatId) ?? chatId;
    try {
      return await sendTo(target);
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.kind !== 'migrated') throw error;
      await followMigration(target, failure.toChatId);
      return sendTo(failure.toChatId);
    }
  }

  async function edit(chatId: number, messageId: number, html: string, keyboard?: InlineKeyboard) {
    await toChat(
      chatId,
      'editMessageText',
      {
        chat_id: chatId,
        message_id: messageId,
        text: html,
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        reply_markup: toReplyMarkup(keyboard ?? []),
      },
      PRIORITY.interactive,
    ).catch((error: unknown) => {
      // The text and buttons already read so (a second press, a redelivered edit): nothing left to do.
      if (/message is not modified/i.test(telegramAnswer(error)?.description ?? '')) return;
      throw error;
    });
  }

  return {
    sendMessage(chatId, html, sendOptions = {}) {
      return keepingAlive(() => send(chatId, html, sendOptions));
    },
    editMessageText(chatId, messageId, html, keyboard) {
      return keepingAlive(() => edit(chatId, messageId, html, keyboard));
    },
    sendDocument(chatId, bytes, filename, caption, documentOptions = {}) {
      // The Bot API client uploads `{ source: Buffer, filename }` as multipart/form-data (src/telegram/telegram-client.ts).
      const target = migratedTo.get(chatId) ?? chatId;
      const payload = {
        chat_id: target,
        document: { source: Buffer.from(bytes), filename },
        ...(caption && { caption, parse_mode: 'HTML' }),
        ...(documentOptions.threadId !== undefined && { message_thread_id: documentOptions.threadId }),
        ...(documentOptions.replyToMessageId !== undefined && {
          reply_parameters: { message_id: documentOptions.replyToMessageId, allow_sending_without_reply: true },
        }),
      };
      return keepingAlive(async () => {
        const sent = (await toChat(
          target,
          'sendDocument',
          payload,
          PRIORITY.interactive,
          documentOptions.stillWanted,
        )) as { message_id: number };
        return { messageId: sent.message_id, chatId: target };
      });
    },
    sendPhoto(chatId, bytes, caption, photoOptions = {}) {
      const target = migratedTo.get(chatId) ?? chatId;
      const payload = {
        chat_id: target,
        photo: { source: Buffer.from(bytes), filename: 'chart.png' },
        ...(caption && { caption, parse_mode: 'HTML' }),
        ...(photoOptions.threadId !== undefined && { message_thread_id: photoOptions.threadId }),
        ...(photoOptions.replyToMessageId !== undefined && {
          reply_parameters: { message_id: photoOptions.replyToMessageId, allow_sending_without_reply: true },
        }),
      };
      return keepingAlive(async () => {
        const sent = (await toChat(
          target,
          'sendPhoto',
          payload,
          PRIORITY[photoOptions.priority ?? 'interactive'],
          photoOptions.stillWanted,
        )) as { message_id: number };
        return { messageId: sent.message_id, chatId: target };
      });
    },
    setMessageReaction(chatId, messageId, emoji) {
      const payload = { chat_id: chatId, message_id: messageId, reaction: [{ type: 'emoji', emoji }] };
      return keepingAlive(async () => {
        await withRetries(() => callOnce('setMessageReaction', payload, PRIORITY.interactive).then(() => undefined), {
          method: 'setMessageReaction',
          chatId,
        });
      });
    },
    freeSlots(chatId) {
      const queue = chatQueues.get(migratedTo.get(chatId) ?? chatId);
      const count = limitOf(chatId).count;
      return queue ? Math.max(0, count - queue.pending - queue.size) : count;
    },
    async answerCallbackQuery(callbackQueryId, text, showAlert = false) {
      const payload = {
        callback_query_id: callbackQueryId,
        ...(text !== undefined && { text, show_alert: showAlert }),
      };
      await withRetries(
        () => api.call('answerCallbackQuery', payload),
        { method: 'answerCallbackQuery' },
        now() + CALLBACK_ANSWER_DEADLINE_MS,
      );
    },
    async setMyCommands(commands, scope, languageCode) {
      // Not retried: the menu is cosmetic, the caller warns and goes on, and the next start publishes it again;
      // retrying 5xx answers here would hold polling back for as long as the back-off lasts.
      await api.call('setMyCommands', {
        commands,
        scope: { type: scope },
        ...(languageCode && { language_code: languageCode }),
      });
    },
  };
}

/** How a slot's work came out, and until when its slot stays taken. */
type Held<T> = ({ ok: true; value: T } | { ok: false; error: unknown }) & { releaseAt?: number };
