import { parseLangArgs } from '../../commands/parse-admin';
import { upsertChat } from '../../db/chat-store';
import { t } from '../../texts/texts';
import type { BotServices, Feature } from '../context';
import { nameOf } from '../people';

/** /start, /help and /lang. */
export function generalFeature(services: BotServices): Feature {
  const { db, directory } = services;
  return {
    commands: {
      start: async (ctx) => ctx.replyText('start', { name: nameOf(ctx.from) }),
      help: async (ctx) => ctx.replyText('help', { admin: (await directory.authority(ctx.from.id)).admin }),
      lang: async (ctx) => {
        const parsed = parseLangArgs(ctx.args);
        if (!parsed.ok) return ctx.replyError(parsed.error);
        if (ctx.chat.type !== 'private') {
          const unitId = ctx.settings?.unitId;
          const allowed = unitId
            ? await directory.commands(ctx.from.id, unitId)
            : (await directory.authority(ctx.from.id)).admin;
          if (!allowed) return ctx.replyText('auth.commanderOrAdmin');
        }
        const { locale } = parsed.value;
        await upsertChat(
          db,
          { chatId: ctx.chat.id, type: ctx.chat.type, title: ctx.chat.title ?? null },
          { locale },
          ctx.now,
        );
        directory.forget('chats');
        await ctx.reply(t(locale, 'lang.set'));
      },
    },
  };
}
