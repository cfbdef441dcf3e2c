import type { BotServices, CommandContext, Feature } from '../../bot/context';

/**
 * /dashboard (/bangdieukhien): the door to the commanders' web app. In private a web_app button opens it; in a group,
 * where Telegram allows no web_app button, a link to the Mini App's direct link opens it on the group's unit. Without
 * PUBLIC_URL the app is off, and the answer says so.
 */
export function dashboardFeature(services: BotServices): Feature {
  async function dashboard(ctx: CommandContext) {
    const app = services.config.miniApp;
    if (!app) return ctx.replyText('dashboard.notConfigured');
    const bot = services.botUsername();
    if (ctx.chat.type === 'private') {
      return ctx.reply(ctx.text('dashboard.private', { bot }), {
        keyboard: [[{ text: ctx.text('dashboard.button'), webAppUrl: app.url }]],
      });
    }
    if (!app.shortName || bot === '') return ctx.replyText('dashboard.groupNoLink', { bot });
    const unitId = ctx.settings?.unitId ?? null;
    const unit = unitId === null ? undefined : (await ctx.directory.units()).byId(unitId);
    const link = `https://t.me/${bot}/${app.shortName}${unit ? `?startapp=${unit.id}` : ''}`;
    await ctx.reply(ctx.text('dashboard.group', { unit: unit?.name ?? ctx.chat.title ?? '' }), {
      keyboard: [[{ text: ctx.text('dashboard.button'), url: link }]],
    });
  }

  return { commands: { dashboard } };
}
