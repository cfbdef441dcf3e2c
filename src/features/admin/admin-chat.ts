import type { CallbackContext, CommandContext, CommandHandler, Feature } from '../../bot/context';
import { callerOf, nameOf, profileOf } from '../../bot/people';
import { displayName, findMemberByUsername, type MemberProfile } from '../../directory/member-store';
import { errorText } from '../../i18n/error-text';
import { t } from '../../i18n/texts';
import { isActiveUnit, type Unit } from '../../kernel/units';
import {
  addMetric,
  addMetricAlias,
  addUnit,
  confirmGroupMove,
  keepGroupUnit,
  listUnits,
  type MoveRequest,
  moveUnit,
  REGISTER_CONFIRM_MINUTES,
  REGISTER_PICK_MAX,
  registerGroup,
  renameUnit,
  retireMetricCode,
  retireUnit,
  setMetricMaximum,
  setRole,
  unboundUnitsFor,
} from './admin-service';
import { parseMetricArgs, parseRegisterArgs, parseRoleArgs, parseUnitArgs } from './parse-admin';

const MOVE_PREFIX = 'reg';
const KEEP_PREFIX = 'regkeep';
/** /register without a code: one button per unit without a group; the dispatcher honours it on its message only. */
const PICK_PREFIX = 'regpick';

/**
 * The confirmation's buttons carry the /register's update id (each request's data is its own), the units and the
 * admin who asked; the dispatcher honours them only on the message they were sent with, until it is answered.
 */
const moveData = (updateId: number, toUnitId: number, fromUnitId: number, adminId: number): string =>
  `${MOVE_PREFIX}:${updateId}:${toUnitId}:${fromUnitId}:${adminId}`;
const keepData = (updateId: number, fromUnitId: number, adminId: number): string =>
  `${KEEP_PREFIX}:${updateId}:${fromUnitId}:${adminId}`;

/** /unit, /register, /role and /metric: for the bot's admins only; and the /register confirmation's buttons. */
export function adminFeature(): Feature {
  // Refused before anything else is looked at, whatever the arguments; each use case checks again for other doors.
  const adminOnly =
    (handler: CommandHandler): CommandHandler =>
    async (ctx) => {
      if (!(await ctx.directory.authority(ctx.from.id)).admin) return ctx.replyText('auth.adminOnly');
      return handler(ctx);
    };
  const refuse = (ctx: CommandContext, refusal: Parameters<typeof errorText>[1]) =>
    ctx.reply(errorText(ctx.locale, refusal));

  async function listCommand(ctx: CommandContext) {
    const listed = await listUnits(ctx, callerOf(ctx.from));
    if (!listed.ok) return refuse(ctx, listed.error);
    const { tree, groups } = listed.value;
    const walk = tree.walk();
    const retired = tree.all.filter((each) => !isActiveUnit(each));
    if (walk.length === 0 && retired.length === 0) return ctx.replyText('unit.listEmpty');
    const titles = (unit: Unit) =>
      (groups.get(unit.id) ?? []).map((group) => group.title ?? String(group.chatId)).join(', ');
    await ctx.reply(
      [
        ctx.text('unit.listHeader'),
        ...walk.map(({ unit, depth }) =>
          ctx.text('unit.listLine', { depth, code: unit.code, name: unit.name, groups: titles(unit) }),
        ),
        ...(retired.length > 0
          ? [ctx.text('unit.listRetired', { units: retired.map((each) => `${each.code} (${each.name})`).join(', ') })]
          : []),
      ].join('\n'),
    );
  }

  async function unit(ctx: CommandContext) {
    const parsed = parseUnitArgs(ctx.args);
    if (!parsed.ok) return ctx.replyError(parsed.error);
    const command = parsed.value;
    const caller = callerOf(ctx.from);
    if (command.kind === 'list') return listCommand(ctx);
    if (command.kind === 'add') {
      const added = await addUnit(ctx, caller, command);
      if (!added.ok) return refuse(ctx, added.error);
      return ctx.replyText('unit.added', { code: command.code, name: command.name });
    }
    if (command.kind === 'rename') {
      const renamed = await renameUnit(ctx, caller, command);
      if (!renamed.ok) return refuse(ctx, renamed.error);
      return ctx.replyText('unit.renamed', { code: renamed.value.code, name: command.name });
    }
    if (command.kind === 'retire') {
      const retired = await retireUnit(ctx, caller, { code: command.code, locale: ctx.locale });
      if (!retired.ok) return refuse(ctx, retired.error);
      const { unit: gone, unbound } = retired.value;
      return ctx.replyText('unit.retiredDone', {
        code: gone.code,
        name: gone.name,
        groups: unbound.map((group) => group.title ?? String(group.chatId)).join(', '),
      });
    }
    const moved = await moveUnit(ctx, caller, command);
    if (!moved.ok) return refuse(ctx, moved.error);
    await ctx.replyText('unit.moved', { code: moved.value.unit.code, parent: moved.value.parent.code });
  }

  /** /register without a code, by an admin or a commander: the units without a group, as buttons. */
  async function offerUnits(ctx: CommandContext) {
    if (ctx.chat.type === 'private') return ctx.replyText('chat.groupOnly');
    const offered = await unboundUnitsFor(ctx, callerOf(ctx.from), { chatId: ctx.chat.id });
    if (!offered.ok) return refuse(ctx, offered.error);
    if (offered.value.kind === 'bound') {
      const { code, name } = offered.value.unit;
      return ctx.replyText('register.pickAlready', { code, name });
    }
    const { units } = offered.value;
    if (units.length === 0) return ctx.replyText('register.pickNone');
    const shown = units.slice(0, REGISTER_PICK_MAX);
    const more = units.length - shown.length;
    await ctx.reply(
      [
        ctx.text('register.pick', { count: units.length }),
        ...(more > 0 ? [ctx.text('register.pickMore', { count: more })] : []),
      ].join('\n'),
      {
        keyboard: shown.map((unit) => [
          { text: `${unit.code} · ${unit.name}`, callbackData: `${PICK_PREFIX}:${unit.id}` },
        ]),
      },
    );
  }

  async function register(ctx: CommandContext) {
    if (ctx.args.trim() === '') return offerUnits(ctx);
    return adminOnly(registerWithCode)(ctx);
  }

  async function registerWithCode(ctx: CommandContext) {
    if (ctx.chat.type === 'private') return ctx.replyText('chat.groupOnly');
    const parsed = parseRegisterArgs(ctx.args);
    if (!parsed.ok) return ctx.replyError(parsed.error);
    const group = { chatId: ctx.chat.id, type: ctx.chat.type, title: ctx.chat.title ?? null };
    const registered = await registerGroup(ctx, callerOf(ctx.from), { group, code: parsed.value.code });
    if (!registered.ok) return refuse(ctx, registered.error);
    const outcome = registered.value;
    if (outcome.kind === 'bound')
      return ctx.replyText('register.done', { code: outcome.unit.code, name: outcome.unit.name });
    const { from, to } = outcome;
    await ctx.reply(
      ctx.text('register.confirm', {
        fromCode: from.code,
        fromName: from.name,
        toCode: to.code,
        toName: to.name,
        minutes: REGISTER_CONFIRM_MINUTES,
      }),
      {
        keyboard: [
          [
            {
              text: ctx.text('register.confirmButton', { code: to.code }),
              callbackData: moveData(ctx.updateId, to.id, from.id, ctx.from.id),
            },
            {
              text: ctx.text('register.cancelButton'),
              callbackData: keepData(ctx.updateId, from.id, ctx.from.id),
            },
          ],
        ],
      },
    );
  }

  /**
   * The request a confirmation's button carries, and its message. The data is the bot's own (the dispatcher honours
   * a press only on the message the button was sent with, and only until the request is answered); the request's
   * age is that of the message, as Telegram dated it.
   */
  function requestOf(ctx: CallbackContext, fromUnitId: number, requestedBy: number) {
    const message = ctx.query.message;
    if (!message) return undefined;
    const group = { chatId: message.chat.id, type: message.chat.type, title: message.chat.title ?? null };
    const request: MoveRequest = { group, requestedBy, requestedAt: new Date(message.date * 1000), fromUnitId };
    return { request, messageId: message.message_id };
  }

  async function confirmMove(ctx: CallbackContext) {
    const numbers = /^reg:\d{1,15}:(\d{1,15}):(\d{1,15}):(\d{1,15})$/.exec(ctx.data)?.slice(1).map(Number);
    const [toUnitId = 0, fromUnitId = 0, requestedBy = 0] = numbers ?? [];
    const pressed = numbers && requestOf(ctx, fromUnitId, requestedBy);
    if (!pressed) return ctx.answer(t(ctx.locale, 'button.notValid'), true);
    const moved = await confirmGroupMove(ctx, callerOf(ctx.from), { ...pressed.request, toUnitId });
    if (!moved.ok) return ctx.answer(errorText(ctx.locale, moved.error), true);
    const { from, to } = moved.value;
    await ctx.answer();
    ctx.out.edit(
      pressed.request.group.chatId,
      pressed.messageId,
      t(ctx.locale, 'register.moved', { fromCode: from.code, toCode: to.code, toName: to.name, by: nameOf(ctx.from) }),
    );
  }

  async function keepGroup(ctx: CallbackContext) {
    const numbers = /^regkeep:\d{1,15}:(\d{1,15}):(\d{1,15})$/.exec(ctx.data)?.slice(1).map(Number);
    const [fromUnitId = 0, requestedBy = 0] = numbers ?? [];
    const pressed = numbers && requestOf(ctx, fromUnitId, requestedBy);
    if (!pressed) return ctx.answer(t(ctx.locale, 'button.notValid'), true);
    const kept = await keepGroupUnit(ctx, callerOf(ctx.from), pressed.request);
    if (!kept.ok) return ctx.answer(errorText(ctx.locale, kept.error), true);
    await ctx.answer();
    ctx.out.edit(
      pressed.request.group.chatId,
      pressed.messageId,
      t(ctx.locale, 'register.kept', { code: kept.value.code, by: nameOf(ctx.from) }),
    );
  }

  /** A press on a unit offered by /register: binds the group as /register CODE would, if the group is still free. */
  async function pickUnit(ctx: CallbackContext) {
    const unitId = Number(/^regpick:(\d{1,15})$/.exec(ctx.data)?.[1] ?? 0);
    const message = ctx.query.message;
    const unit = unitId ? (await ctx.directory.units()).byId(unitId) : undefined;
    if (!unit || !message) return ctx.answer(t(ctx.locale, 'button.notValid'), true);
    const group = { chatId: message.chat.id, type: message.chat.type, title: message.chat.title ?? null };
    const bound = await registerGroup(ctx, callerOf(ctx.from), { group, code: unit.code });
    if (!bound.ok) return ctx.answer(errorText(ctx.locale, bound.error), true);
    // A late press by an admin, the group bound meanwhile: a button never moves a group.
    if (bound.value.kind === 'confirm') return ctx.answer(t(ctx.locale, 'register.pickTaken'), true);
    await ctx.answer();
    ctx.out.edit(
      group.chatId,
      message.message_id,
      t(ctx.locale, 'register.picked', { code: unit.code, name: unit.name, by: nameOf(ctx.from) }),
    );
  }

  async function roleTarget(ctx: CommandContext): Promise<MemberProfile | undefined> {
    const replied = ctx.message.reply_to_message?.from;
    if (replied && !replied.is_bot && !ctx.message.reply_to_message?.forum_topic_created) return profileOf(replied);
    const text = ctx.message.text ?? '';
    for (const entity of ctx.message.entities ?? []) {
      if (entity.type === 'text_mention' && entity.user && !entity.user.is_bot) return profileOf(entity.user);
      if (entity.type === 'mention') {
        const username = text.slice(entity.offset + 1, entity.offset + entity.length);
        const member = await findMemberByUsername(ctx.db, username);
        if (member) return member;
      }
    }
    return undefined;
  }

  async function role(ctx: CommandContext) {
    if (ctx.chat.type === 'private') return ctx.replyText('chat.groupOnly');
    const unitId = ctx.settings?.unitId;
    const group = unitId ? (await ctx.directory.units()).byId(unitId) : undefined;
    if (!group) return ctx.replyText('chat.notRegistered');
    const parsed = parseRoleArgs(ctx.args);
    if (!parsed.ok) return ctx.replyError(parsed.error);
    const person = await roleTarget(ctx);
    if (!person) return ctx.replyText('role.noTarget');
    const commander = parsed.value.role === 'commander';
    const set = await setRole(ctx, callerOf(ctx.from), { person, unitId: group.id, commander });
    if (!set.ok) return refuse(ctx, set.error);
    await ctx.replyText(commander ? 'role.commander' : 'role.officer', { name: displayName(person), unit: group.name });
  }

  async function metric(ctx: CommandContext) {
    const parsed = parseMetricArgs(ctx.args);
    if (!parsed.ok) return ctx.replyError(parsed.error);
    const command = parsed.value;
    const caller = callerOf(ctx.from);
    if (command.kind === 'add') {
      const added = await addMetric(ctx, caller, command);
      if (!added.ok) return refuse(ctx, added.error);
      return ctx.replyText('metric.added', { code: command.code, name: command.nameVi });
    }
    if (command.kind === 'alias') {
      const aliased = await addMetricAlias(ctx, caller, command);
      if (!aliased.ok) return refuse(ctx, aliased.error);
      return ctx.replyText('metric.aliasAdded', { alias: aliased.value.display, code: aliased.value.metric.code });
    }
    if (command.kind === 'retire') {
      const retired = await retireMetricCode(ctx, caller, command);
      if (!retired.ok) return refuse(ctx, retired.error);
      return ctx.replyText('metric.retiredDone', { code: retired.value.code, name: retired.value.name[ctx.locale] });
    }
    const set = await setMetricMaximum(ctx, caller, command);
    if (!set.ok) return refuse(ctx, set.error);
    await ctx.replyText('metric.maxSet', { code: set.value.code, max: command.max });
  }

  return {
    commands: {
      unit: adminOnly(unit),
      register,
      role: adminOnly(role),
      metric: adminOnly(metric),
    },
    callbacks: { [MOVE_PREFIX]: confirmMove, [KEEP_PREFIX]: keepGroup, [PICK_PREFIX]: pickUnit },
  };
}
