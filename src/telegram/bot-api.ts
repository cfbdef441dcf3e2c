/** The one door to the Bot API: our client over node:https in production, a recording fake in tests and the console. */
export interface BotApi {
  /** `signal` aborts a call in flight (a long poll, when the bot stops). */
  call(method: string, payload: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<unknown>;
}
