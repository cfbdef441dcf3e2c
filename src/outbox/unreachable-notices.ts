import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Db } from '../storage/schema';
import { chatUnreachableSince, markChatUnreachable } from './chat-reachability-store';
import { enqueuePosts, type OutboxPost } from './outbox-store';
import { ChatUnreachableError, type Transport } from './transport';

/** The notice for a person's unit group that their private chat refuses the bot since `since`, if one is due. */
export type UnreachableNotice = (userId: number, since: Date) => Promise<OutboxPost | undefined>;

export interface NoticeDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Words the notice (the weekly posts' feature knows the commander's group and language). */
  readonly notice: UnreachableNotice;
  /** Told when a notice was queued, so the sender sends it. */
  readonly onQueued: () => void;
}

/**
 * The outbox worker's transport, which also notices when a person's private chat refuses a post (a commander who
 * never pressed Start): it records them as unreachable (until they send /start in private) and queues, once per
 * such spell, a notice in their unit's group with a link to start the chat. The error still reaches the worker,
 * which fails the post.
 */
export function noticingUnreachable(transport: Transport, deps: NoticeDeps): Transport {
  async function tellTheirGroup(userId: number): Promise<void> {
    const now = deps.clock.now();
    await markChatUnreachable(deps.db, userId, now);
    const since = (await chatUnreachableSince(deps.db, userId)) ?? now;
    const notice = await deps.notice(userId, since);
    if (notice && (await enqueuePosts(deps.db, [notice], now)) > 0) {
      deps.logger.info({ userId, chatId: notice.chatId }, 'digest undeliverable: the commander’s group is told');
      deps.onQueued();
    }
  }

  return {
    editMessageText: (...args) => transport.editMessageText(...args),
    sendDocument: (...args) => transport.sendDocument(...args),
    sendPhoto: (...args) => transport.sendPhoto(...args),
    setMessageReaction: (...args) => transport.setMessageReaction(...args),
    freeSlots: (chatId) => transport.freeSlots(chatId),
    answerCallbackQuery: (...args) => transport.answerCallbackQuery(...args),
    setMyCommands: (...args) => transport.setMyCommands(...args),
    async sendMessage(chatId, html, options) {
      try {
        return await transport.sendMessage(chatId, html, options);
      } catch (error) {
        // Private chats have positive ids; a group that refuses is the worker's business alone.
        if (error instanceof ChatUnreachableError && error.chatId > 0) {
          await tellTheirGroup(error.chatId).catch((noticeError: unknown) =>
            deps.logger.error({ err: noticeError, userId: error.chatId }, 'could not queue the unreachable notice'),
          );
        }
        throw error;
      }
    },
  };
}
