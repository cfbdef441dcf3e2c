import type { BotServices, CallbackContext, CommandContext, Feature } from '../../bot/context';
import { nameOf } from '../../bot/people';
import { boundGroups } from '../../directory/chat-store';
import type { Authority } from '../../directory/directory';
import { commanderRoles } from '../../directory/role-store';
import { t } from '../../i18n/texts';
import type { Locale } from '../../kernel/locale';
import { clearChatUnreachable } from '../../outbox/chat-reachability-store';
import { invitedUnitOf, officialPeopleOf } from '../roster';
import { unreachableChats } from '../settings';

/** The button under /start that shows the full help; bound to its message by the dispatcher. */
const HELP_PREFIX = 'help';
const HELP_FULL = `${HELP_PREFIX}:full`;
/** How many units without a group /start names before "…". */
const UNBOUND_SHOWN = 10;

/** What the caller may do: the officer's commands, then the commanders' and the admins' for those who hold them. */
export function fullHelp(locale: Locale, authority: Authority): string {
  const commander = authority.admin || authority.commanderOf.length > 0;
  return [
    t(locale, 'help'),
    ...(commander ? [t(locale, 'help.commander')] : []),
    ...(authority.admin ? [t(locale, 'help.admin')] : []),
  ].join('\n\n');
}

/** What an admin has left to set up: units, a group for each, a commander; none when all is done. */
async function setupSteps(ctx: CommandContext): Promise<string[]> {
  const units = (await ctx.directory.units()).walk().map(({ unit }) => unit);
  if (units.length === 0) return [ctx.text('start.setupNoUnits')];
  const steps: string[] = [];
  const groups = await boundGroups(ctx.db);
  const unbound = units.filter((unit) => (groups.get(unit.id) ?? []).length === 0).map((unit) => unit.code);
  if (unbound.length > 0) {
    const shown = unbound.slice(0, UNBOUND_SHOWN).join(', ');
    steps.push(
      ctx.text('start.setupUnbound', {
        count: unbound.length,
        units: unbound.length > UNBOUND_SHOWN ? `${shown}, …` : shown,
      }),
    );
  }
  if ((await commanderRoles(ctx.db)).length === 0) steps.push(ctx.text('start.setupNoCommander'));
  return steps;
}

/** /start and /help, and the help button under /start. */
export function generalFeature(services: BotServices): Feature {
  /** Who the caller is: the roster's person when linked, their Telegram id otherwise; and their role. */
  async function whoText(ctx: CommandContext, authority: Authority): Promise<string> {
    const person = (await officialPeopleOf(ctx.db, [ctx.from.id])).get(ctx.from.id);
    const who = person
      ? ctx.text('start.linked', { name: person.officialName, unit: person.unitName })
      : ctx.text('start.unlinked', { id: ctx.from.id });
    const tree = await ctx.directory.units();
    const commanded = authority.commanderOf.flatMap((id) => tree.byId(id)?.code ?? []);
    const role = authority.admin
      ? ctx.text('start.roleAdmin')
      : commanded.length > 0
        ? ctx.text('start.roleCommander', { units: commanded.join(', ') })
        : ctx.text('start.roleOfficer');
    return `${who}\n${role}`;
  }

  /** /start from an /invite link: the /iam flow for that unit, unless the account is linked already. */
  async function invited(ctx: CommandContext, unitId: number) {
    const person = (await officialPeopleOf(ctx.db, [ctx.from.id])).get(ctx.from.id);
    if (person) return ctx.replyText('invite.startLinked', { name: person.officialName });
    const unit = (await ctx.directory.units()).byId(unitId);
    if (!unit) return ctx.replyText('iam.usage');
    return ctx.replyText('invite.start', { unit: unit.name });
  }

  async function start(ctx: CommandContext) {
    const authority = await ctx.directory.authority(ctx.from.id);
    if (ctx.chat.type === 'private' && ctx.args.trim().toLowerCase() === 'help')
      return ctx.reply(fullHelp(ctx.locale, authority));
    const invitedTo = ctx.chat.type === 'private' ? invitedUnitOf(ctx.args) : undefined;
    if (invitedTo !== undefined) return invited(ctx, invitedTo);
    // A private /start opens the chat: a commander whose digest bounced can be reached again.
    const reachableAgain =
      ctx.chat.type === 'private' && (await unreachableChats(ctx.db, [ctx.chat.id])).has(ctx.chat.id);
    if (reachableAgain) await clearChatUnreachable(ctx.db, ctx.chat.id);
    const greeting = ctx.text('start', { name: nameOf(ctx.from) });
    if (ctx.chat.type !== 'private')
      return ctx.reply(reachableAgain ? `${greeting}\n\n${ctx.text('digest.reachableAgain')}` : greeting);
    const steps = authority.admin ? await setupSteps(ctx) : [];
    const parts = [
      greeting,
      await whoText(ctx, authority),
      ...(reachableAgain ? [ctx.text('digest.reachableAgain')] : []),
      ctx.text('start.next'),
      ...(authority.admin
        ? [[ctx.text('start.setupHeader'), ...(steps.length > 0 ? steps : [ctx.text('start.setupDone')])].join('\n')]
        : []),
    ];
    // A commander's most common action in private is the dashboard, when the web app is on.
    const app = services.config.miniApp;
    const commander = authority.admin || authority.commanderOf.length > 0;
    await ctx.reply(parts.join('\n\n'), {
      keyboard: [
        [
          { text: ctx.text('start.helpButton'), callbackData: HELP_FULL },
          ...(app && commander ? [{ text: ctx.text('dashboard.button'), webAppUrl: app.url }] : []),
        ],
      ],
    });
  }

  /** In private, everything the caller may do; in a group, the officer's few commands and a button to the rest. */
  async function help(ctx: CommandContext) {
    if (ctx.chat.type === 'private') return ctx.reply(fullHelp(ctx.locale, await ctx.directory.authority(ctx.from.id)));
    const bot = services.botUsername();
    if (bot === '') return ctx.replyText('help.short');
    await ctx.reply(ctx.text('help.short'), {
      keyboard: [[{ text: ctx.text('help.fullButton'), url: `https://t.me/${bot}?start=help` }]],
    });
  }

  /** The /start's help button: the full help, as a new message in the same private chat. */
  async function helpPressed(ctx: CallbackContext) {
    const chatId = ctx.query.message?.chat.id;
    if (ctx.data !== HELP_FULL || chatId === undefined) return ctx.answer(t(ctx.locale, 'button.notValid'), true);
    await ctx.answer();
    ctx.out.send(chatId, fullHelp(ctx.locale, await ctx.directory.authority(ctx.from.id)));
  }

  return {
    commands: { start, help },
    callbacks: { [HELP_PREFIX]: helpPressed },
  };
}
