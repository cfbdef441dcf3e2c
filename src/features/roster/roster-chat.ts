/**
 * The roster's chat side (issue 16): /whoami, and the doors to the roster's use cases.
 */
import type { BotServices, CommandContext, Feature } from '../../bot/context';

/** /whoami (/toilaai): the caller's Telegram id, and how to make it an admin's. Private only. */
async function whoami(ctx: CommandContext): Promise<void> {
  if (ctx.chat.type !== 'private') return ctx.replyText('roster.privateOnly');
  await ctx.replyText('roster.whoami', { id: ctx.from.id, admin: ctx.config.adminIds.includes(ctx.from.id) });
}

/** The roster's commands and buttons. */
export function rosterFeature(_services: BotServices): Feature {
  return { commands: { whoami } };
}
