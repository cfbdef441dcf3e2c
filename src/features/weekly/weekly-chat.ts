import type { BotServices, CommandContext, Feature } from '../../bot/context';
import { chartPng } from '../../files/render-requests';
import { errorText } from '../../i18n/error-text';
import { parseJobPeriod, periodOfJob } from '../../kernel/job-period';
import { localDayOf } from '../../kernel/period';
import { clearChatUnreachable } from '../../outbox/chat-reachability-store';
import { placeOf, scopeOf } from '../use-case';
import { digestFor } from './weekly-service';

/** /digest: the weekly digest on demand. */
export function weeklyFeature(services: BotServices): Feature {
  const { config } = services;

  async function digest(ctx: CommandContext) {
    const wanted = ctx.args.trim();
    const period =
      wanted === ''
        ? periodOfJob('digest', localDayOf(ctx.now, config.timeZone))
        : parseJobPeriod('digest', wanted.toUpperCase());
    if (!period) return ctx.replyText('digest.usage');
    // Whoever writes to the bot in private can be written to: the weekly digest reaches them again.
    if (ctx.chat.type === 'private') await clearChatUnreachable(ctx.db, ctx.chat.id);
    const composed = await digestFor(
      scopeOf(ctx, config),
      { userId: ctx.from.id },
      {
        place: placeOf(ctx),
        period,
        locale: ctx.locale,
      },
    );
    if (!composed.ok) return ctx.reply(errorText(ctx.locale, composed.error));
    const digested = composed.value;
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

  return { commands: { digest } };
}
