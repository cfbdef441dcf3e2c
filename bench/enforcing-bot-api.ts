import type { RateLimit, TransportLimits } from '../src/outbox/transport';
import type { BotApi } from '../src/telegram/bot-api';
import { TelegramError } from '../src/telegram/telegram-client';

/** The enforcing fake counts a message at its arrival, with this much tolerance for the transport's own timing. */
const TOLERANCE_MS = 0.5;

/** Methods that post into a chat and so spend its budget, as Telegram counts them. */
const POSTING = new Set(['sendMessage', 'editMessageText', 'sendPhoto', 'sendDocument']);

/**
 * A Bot API in front of another that accepts a message only while every sliding window it falls in has room, and
 * otherwise answers 429 as Telegram does; optionally each call takes `latencyMs`, like a network round trip.
 */
export class EnforcingBotApi implements BotApi {
  tooMany = 0;
  private readonly global: number[] = [];
  private readonly chats = new Map<number, number[]>();
  readonly accepted = new Map<string, number>();

  constructor(
    private readonly inner: BotApi,
    private readonly limits: TransportLimits,
    private readonly latencyMs = 0,
  ) {}

  async call(method: string, payload: Record<string, unknown>): Promise<unknown> {
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    if (!POSTING.has(method)) return this.inner.call(method, payload);
    const at = performance.now();
    const chatId = Number(payload.chat_id);
    const chatLog = this.chats.get(chatId) ?? [];
    this.chats.set(chatId, chatLog);
    const full = (log: number[], limit: RateLimit) =>
      log.filter((t) => at - t < limit.windowMs - TOLERANCE_MS).length >= limit.count;
    if (full(this.global, this.limits.global) || full(chatLog, chatId < 0 ? this.limits.group : this.limits.private)) {
      this.tooMany += 1;
      const response = {
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      };
      throw new TelegramError(response, { method, payload });
    }
    this.global.push(at);
    if (this.global.length > 4 * this.limits.global.count)
      this.global.splice(0, this.global.length - this.limits.global.count);
    chatLog.push(at);
    const result = await this.inner.call(method, payload);
    const key = String(payload.text);
    this.accepted.set(key, (this.accepted.get(key) ?? 0) + 1);
    return result;
  }
}
