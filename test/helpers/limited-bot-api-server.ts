import { EnforcingBotApi } from '../../bench/enforcing-bot-api';
import { FakeBotApi } from '../../src/console/fake-bot-api';
import { type ServedBotApi, serveBotApi } from '../../src/console/serve-bot-api';
import { TELEGRAM_LIMITS } from '../../src/outbox/transport';

/**
 * The fake Bot API with Telegram's limits enforced: a message that would break one of them (30 a second overall, 20
 * a minute per group, 1 a second per private chat, counted at arrival) is answered 429 and not delivered.
 */
export class LimitedFakeBotApi extends FakeBotApi {
  private readonly enforcer = new EnforcingBotApi(
    { call: (method, payload) => super.call(method, payload) },
    TELEGRAM_LIMITS,
  );

  /** The messages answered 429, with when (performance.now()) they arrived. */
  readonly refused: { method: string; chatId: number; at: number }[] = [];

  override async call(method: string, payload: Record<string, unknown> = {}): Promise<unknown> {
    const before = this.enforcer.tooMany;
    try {
      return await this.enforcer.call(method, payload);
    } finally {
      if (this.enforcer.tooMany > before)
        this.refused.push({ method, chatId: Number(payload.chat_id), at: performance.now() });
    }
  }

  /** Messages answered 429 so far. */
  get tooMany(): number {
    return this.enforcer.tooMany;
  }
}

/** A LimitedFakeBotApi served over HTTP, for bot processes (TELEGRAM_API_ROOT = `served.url`). */
export async function serveLimitedBotApi(): Promise<{ api: LimitedFakeBotApi; served: ServedBotApi }> {
  const api = new LimitedFakeBotApi();
  return { api, served: await serveBotApi(api) };
}
