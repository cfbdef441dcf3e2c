import type { BotServices, CommandContext, Feature } from '../../bot/context';
import { errorText } from '../../i18n/error-text';
import { t } from '../../i18n/texts';
import { scopeOf } from '../use-case';
import { parseLangArgs, parseSettingsArgs } from './parse-settings';
import { type ChatRef, changeChatLanguage, changeGroupSettings, groupSettingsFor } from './settings-service';

const chatOf = (ctx: CommandContext): ChatRef => ({
  chatId: ctx.chat.id,
  type: ctx.chat.type,
  title: ctx.chat.title ?? null,
  unitId: ctx.settings?.unitId ?? null,
  isForum: ctx.chat.is_forum === true,
});

/** /settings (/caidat): a group's reminders, language, confirmations and forum topic; /lang (/ngonngu): a chat's language. */
export function settingsFeature(services: BotServices): Feature {
  /** Answered in the new language. */
  async function lang(ctx: CommandContext) {
    const parsed = parseLangArgs(ctx.args);
    if (!parsed.ok) return ctx.replyError(parsed.error);
    const { locale } = parsed.value;
    const changed = await changeChatLanguage(
      scopeOf(ctx, services.config),
      { userId: ctx.from.id },
      chatOf(ctx),
      locale,
    );
    await ctx.reply(changed.ok ? t(locale, 'lang.set') : errorText(ctx.locale, changed.error));
  }

  async function settings(ctx: CommandContext) {
    if (ctx.chat.type === 'private') return ctx.replyText('chat.groupOnly');
    const scope = scopeOf(ctx, services.config);
    const caller = { userId: ctx.from.id };
    const parsed = parseSettingsArgs(ctx.args);
    if (!parsed.ok) return ctx.replyText(parsed.error.kind);
    const request = parsed.value;
    if (request.kind === 'show') {
      const shown = await groupSettingsFor(scope, caller, chatOf(ctx));
      if (!shown.ok) return ctx.reply(errorText(ctx.locale, shown.error));
      const { unit, settings: current } = shown.value;
      return ctx.replyText('settings.show', {
        unit: unit.name,
        reminders: current.reminders,
        confirm: ctx.text(`settings.confirm.${current.confirmMode}`),
        language: ctx.text(ctx.locale === 'en' ? 'settings.language.en' : 'settings.language.vi'),
      });
    }
    let change: Parameters<typeof changeGroupSettings>[3];
    if (request.kind === 'language') {
      const language = parseLangArgs(request.args);
      if (!language.ok) return ctx.replyError(language.error);
      change = { kind: 'language', locale: language.value.locale };
    } else if (request.kind === 'topic') {
      // Sent inside a topic, that topic; sent in General, back to General.
      change = {
        kind: 'topic',
        threadId: ctx.message.is_topic_message ? (ctx.message.message_thread_id ?? null) : null,
      };
    } else change = request;
    const changed = await changeGroupSettings(scope, caller, chatOf(ctx), change);
    if (!changed.ok) return ctx.reply(errorText(ctx.locale, changed.error));
    const done = changed.value;
    if (done.kind === 'language') return ctx.reply(t(done.locale, 'lang.set'));
    if (done.kind === 'topic')
      return ctx.replyText(done.threadId === null ? 'settings.topicGeneral' : 'settings.topicSet');
    if (done.kind === 'confirm')
      return ctx.replyText('settings.confirmSet', { mode: ctx.text(`settings.confirm.${done.mode}`) });
    return ctx.replyText('settings.remindersSet', { on: done.on });
  }

  return { commands: { settings, lang } };
}
