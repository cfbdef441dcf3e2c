import type { BotServices, CommandContext, Feature } from '../../bot/context';
import { chartPng } from '../../files/render-requests';
import { parseJobPeriod, periodOfJob } from '../../kernel/job-period';
import { localDayOf } from '../../kernel/period';
import { clearChatUnreachable } from '../../outbox/chat-reachability-store';
import { changeLanguage } from '../general/general-chat';
import { parseSettingsArgs } from '../settings/parse-settings';
import { composeDigest } from './weekly-posts';
import { confirmModeOf, remindersOn, setConfirmMode, setPostsTopic, setReminders } from './weekly-store';

/** /digest (the weekly digest on demand) and /settings (a group's reminders and language). */
export function weeklyFeature(services: BotServices): Feature {
  const { config } = services;

  /** Whose digest the caller gets here: the group's unit, their commands, or (admins) the province. */
  async function scopeOf(
    ctx: CommandContext,
  ): Promise<readonly number[] | 'province' | 'auth.commanderOrAdmin' | 'digest.notAllowed'> {
    const authority = await ctx.directory.authority(ctx.from.id);
    const mayDigest = authority.admin || authority.commanderOf.length > 0;
    const groupUnit = ctx.chat.type === 'private' ? undefined : (ctx.settings?.unitId ?? undefined);
    if (groupUnit !== undefined) {
      if (await ctx.directory.commands(ctx.from.id, groupUnit)) return [groupUnit];
      return mayDigest ? 'auth.commanderOrAdmin' : 'digest.notAllowed';
    }
    if (authority.admin) return 'province';
    return mayDigest ? authority.commanderOf : 'digest.notAllowed';
  }

  async function digest(ctx: CommandContext) {
    const wanted = ctx.args.trim();
    const period =
      wanted === ''
        ? periodOfJob('digest', localDayOf(ctx.now, config.timeZone))
        : parseJobPeriod('digest', wanted.toUpperCase());
    if (!period) return ctx.replyText('digest.usage');
    const scope = await scopeOf(ctx);
    if (typeof scope === 'string' && scope !== 'province') return ctx.replyText(scope);
    // Whoever writes to the bot in private can be written to: the weekly digest reaches them again.
    if (ctx.chat.type === 'private') await clearChatUnreachable(ctx.db, ctx.chat.id);
    const digested = await composeDigest(ctx.db, {
      rootIds: scope,
      period,
      locale: ctx.locale,
      timeZone: config.timeZone,
      commendationAuthorities: config.commendationAuthorities,
      charts: config.weeklyCharts,
    });
    if (!digested) return ctx.replyText('unit.listEmpty');
    await ctx.reply(digested.html);
    // The scheduled digest's photo too (the 8 weeks per metric), right after the text, when there is data.
    if (digested.chart) {
      const threadId = ctx.message.is_topic_message ? ctx.message.message_thread_id : undefined;
      ctx.out.photo(
        ctx.chat.id,
        { render: chartPng(digested.chart.svg), caption: digested.chart.caption },
        { threadId },
      );
    }
  }

  async function settings(ctx: CommandContext) {
    if (ctx.chat.type === 'private') return ctx.replyText('chat.groupOnly');
    const unit = ctx.settings?.unitId ? (await ctx.directory.units()).byId(ctx.settings.unitId) : undefined;
    if (!unit) return ctx.replyText('chat.notRegistered');
    if (!(await ctx.directory.commands(ctx.from.id, unit.id))) return ctx.replyText('auth.commanderOrAdmin');
    const parsed = parseSettingsArgs(ctx.args);
    if (!parsed.ok) return ctx.replyText(parsed.error.kind);
    const request = parsed.value;
    if (request.kind === 'language') return changeLanguage(ctx, request.args);
    if (request.kind === 'topic') {
      if (!ctx.chat.is_forum) return ctx.replyText('settings.topicNotForum');
      const threadId = ctx.message.is_topic_message ? (ctx.message.message_thread_id ?? null) : null;
      await setPostsTopic(ctx.db, ctx.chat.id, threadId, ctx.from.id, ctx.now);
      return ctx.replyText(threadId === null ? 'settings.topicGeneral' : 'settings.topicSet');
    }
    if (request.kind === 'confirm') {
      await setConfirmMode(ctx.db, ctx.chat.id, request.mode, ctx.from.id, ctx.now);
      return ctx.replyText('settings.confirmSet', { mode: ctx.text(`settings.confirm.${request.mode}`) });
    }
    if (request.kind === 'reminders') {
      await setReminders(ctx.db, ctx.chat.id, request.on, ctx.from.id, ctx.now);
      return ctx.replyText('settings.remindersSet', { on: request.on });
    }
    await ctx.replyText('settings.show', {
      unit: unit.name,
      reminders: await remindersOn(ctx.db, ctx.chat.id),
      confirm: ctx.text(`settings.confirm.${await confirmModeOf(ctx.db, ctx.chat.id)}`),
      language: ctx.text(ctx.locale === 'en' ? 'settings.language.en' : 'settings.language.vi'),
    });
  }

  return { commands: { digest, settings } };
}
