import type { Feature } from '../../bot/context';
import { nameOf } from '../../bot/people';
import { clearChatUnreachable } from '../../outbox/chat-reachability-store';
import { unreachableChats } from '../settings';

/** /start and /help. */
export function generalFeature(): Feature {
  return {
    commands: {
      start: async (ctx) => {
        // A private /start opens the chat: a commander whose digest bounced can be reached again.
        const reachableAgain =
          ctx.chat.type === 'private' && (await unreachableChats(ctx.db, [ctx.chat.id])).has(ctx.chat.id);
        if (reachableAgain) await clearChatUnreachable(ctx.db, ctx.chat.id);
        const greeting = ctx.text('start', { name: nameOf(ctx.from) });
        await ctx.reply(reachableAgain ? `${greeting}\n\n${ctx.text('digest.reachableAgain')}` : greeting);
      },
      help: async (ctx) => ctx.replyText('help', { admin: (await ctx.directory.authority(ctx.from.id)).admin }),
    },
  };
}
