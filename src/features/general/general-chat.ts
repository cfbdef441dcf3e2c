import type { CommandContext, Feature } from '../../bot/context';
import { nameOf } from '../../bot/people';
import { upsertChat } from '../../directory/chat-store';
import { t } from '../../i18n/texts';
import { chatUnreachableSince, clearChatUnreachable } from '../../outbox/chat-reachability-store';
import { parseLangArgs } from '../admin/parse-admin';

/** /lang's work, shared with /settings: parses the language, checks who may change it in a group, stores it. */
export async function changeLanguage(ctx: CommandContext, args: string): Promise<void> {
  const parsed = parseLangArgs(args);
  if (!parsed.ok) return ctx.replyError(parsed.error);
  if (ctx.chat.type !== 'private') {
    const unitId = ctx.settings?.unitId;
    const allowed = unitId
      ? await ctx.directory.commands(ctx.from.id, unitId)
      : (await ctx.directory.authority(ctx.from.id)).admin;
    if (!allowed) return ctx.replyText('auth.commanderOrAdmin');
  }
  const { locale } = parsed.value;
  await upsertChat(
    ctx.db,
    { chatId: ctx.chat.id, type: ctx.chat.type, title: ctx.chat.title ?? null },
    { locale },
    ctx.now,
  );
  await ctx.reply(t(locale, 'lang.set'));
}

/** /start, /help and /lang. */
export function generalFeature(): Feature {
  return {
    commands: {
      start: async (ctx) => {
        // A private /start opens the chat: a commander whose digest bounced can be reached again.
        const reachableAgain =
          ctx.chat.type === 'private' && (await chatUnreachableSince(ctx.db, ctx.chat.id)) !== undefined;
        if (reachableAgain) await clearChatUnreachable(ctx.db, ctx.chat.id);
        const greeting = ctx.text('start', { name: nameOf(ctx.from) });
        await ctx.reply(reachableAgain ? `${greeting}\n\n${ctx.text('digest.reachableAgain')}` : greeting);
      },
      help: async (ctx) => ctx.replyText('help', { admin: (await ctx.directory.authority(ctx.from.id)).admin }),
      lang: (ctx) => changeLanguage(ctx, ctx.args),
    },
  };
}
