import type { CallbackContext, CommandContext, CommandHandler, Feature } from '../../bot/context';
import { nameOf, profileOf } from '../../bot/people';
import { boundGroups, unbindUnitGroups, upsertChat } from '../../directory/chat-store';
import { displayName, findMemberByUsername, type MemberProfile } from '../../directory/member-store';
import { insertMetric, insertMetricAlias, retireMetric, setMetricMax } from '../../directory/metric-store';
import { setCommander } from '../../directory/role-store';
import { insertUnit, moveUnit, renameUnit, retireUnit } from '../../directory/unit-store';
import { t } from '../../i18n/texts';
import { isLocale, type Locale } from '../../kernel/locale';
import { isActiveMetric } from '../../kernel/metric';
import { isActiveUnit, type Unit, type UnitTree } from '../../kernel/units';
import { isReplyMessage } from '../../outbox/outbox-store';
import type { Message } from '../../telegram/update-schema';
import { parseMetricArgs, parseRegisterArgs, parseRoleArgs, parseUnitArgs } from './parse-admin';
import { checkNewAlias } from './validate-names';

const DEFAULT_METRIC_MAX = 10_000;
/** How long an admin has to confirm moving a group to another unit. */
export const REGISTER_CONFIRM_MINUTES = 10;
const MOVE_PREFIX = 'reg';
const KEEP_PREFIX = 'regkeep';

/** The confirmation's buttons carry the /register's update id (binding them to its reply) and both units. */
export const moveGroupCallbackData = (updateId: number, toUnitId: number, fromUnitId: number): string =>
  `${MOVE_PREFIX}:${updateId}:${toUnitId}:${fromUnitId}`;
export const keepGroupCallbackData = (updateId: number, fromUnitId: number): string =>
  `${KEEP_PREFIX}:${updateId}:${fromUnitId}`;

/** The unit a group is bound to, if it is bound to one still active. */
function activeUnitOf(tree: UnitTree, unitId: number | null | undefined): Unit | undefined {
  const unit = unitId ? tree.byId(unitId) : undefined;
  return unit && isActiveUnit(unit) ? unit : undefined;
}

/** /unit, /register, /role and /metric: for the bot's admins only; and the /register confirmation's buttons. */
export function adminFeature(): Feature {
  const adminOnly =
    (handler: CommandHandler): CommandHandler =>
    async (ctx) => {
      if (!(await ctx.directory.authority(ctx.from.id)).admin) return ctx.replyText('auth.adminOnly');
      return handler(ctx);
    };

  async function listUnits(ctx: CommandContext, tree: UnitTree) {
    const walk = tree.walk();
    const retired = tree.all.filter((each) => !isActiveUnit(each));
    if (walk.length === 0 && retired.length === 0) return ctx.replyText('unit.listEmpty');
    const groups = await boundGroups(ctx.db);
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

  async function retire(ctx: CommandContext, tree: UnitTree, unit: Unit) {
    if (!isActiveUnit(unit)) return ctx.replyText('unit.isRetired', { code: unit.code });
    const children = tree.children(unit.id);
    if (children.length > 0) {
      return ctx.replyText('unit.hasChildren', { code: unit.code, children: children.map((c) => c.code).join(', ') });
    }
    if (!(await retireUnit(ctx.db, unit.id, ctx.now))) return ctx.replyText('unit.isRetired', { code: unit.code });
    // Its groups are unbound: they can no longer log, and /register binds them to the unit that takes over.
    const unbound = await unbindUnitGroups(ctx.db, unit.id, ctx.now);
    for (const group of unbound) {
      const stored = (await ctx.directory.chat(group.chatId))?.locale;
      const locale: Locale = stored && isLocale(stored) ? stored : ctx.locale;
      ctx.out.send(group.chatId, t(locale, 'unit.retiredNotice', { code: unit.code, name: unit.name }));
    }
    await ctx.replyText('unit.retiredDone', {
      code: unit.code,
      name: unit.name,
      groups: unbound.map((group) => group.title ?? String(group.chatId)).join(', '),
    });
  }

  async function unit(ctx: CommandContext) {
    const parsed = parseUnitArgs(ctx.args);
    if (!parsed.ok) return ctx.replyError(parsed.error);
    const tree = await ctx.directory.units();
    const command = parsed.value;
    if (command.kind === 'list') return listUnits(ctx, tree);
    const existing = tree.byCode(command.code);
    if (command.kind === 'add') {
      if (existing) return ctx.replyText('unit.exists', { code: command.code });
      const parent = command.parentCode === undefined ? undefined : tree.byCode(command.parentCode);
      if (command.parentCode !== undefined && !parent)
        return ctx.replyText('unit.unknownParent', { code: command.parentCode });
      if (parent && !isActiveUnit(parent)) return ctx.replyText('unit.isRetired', { code: parent.code });
      await insertUnit(ctx.db, { code: command.code, name: command.name, parentId: parent?.id ?? null }, ctx.now);
      return ctx.replyText('unit.added', { code: command.code, name: command.name });
    }
    if (!existing) return ctx.replyText('register.unknownUnit', { code: command.code });
    if (command.kind === 'rename') {
      await renameUnit(ctx.db, existing.id, command.name);
      return ctx.replyText('unit.renamed', { code: existing.code, name: command.name });
    }
    if (command.kind === 'retire') return retire(ctx, tree, existing);
    const parent = tree.byCode(command.parentCode);
    if (!parent) return ctx.replyText('unit.unknownParent', { code: command.parentCode });
    for (const each of [existing, parent]) {
      if (!isActiveUnit(each)) return ctx.replyText('unit.isRetired', { code: each.code });
    }
    if (existing.parentId === parent.id)
      return ctx.replyText('unit.sameParent', { code: existing.code, parent: parent.code });
    // Under itself or anything below it, the unit would be its own ancestor.
    if (tree.isWithin(parent.id, existing.id))
      return ctx.replyText('unit.moveCycle', { code: existing.code, parent: parent.code });
    await moveUnit(ctx.db, existing.id, parent.id);
    await ctx.replyText('unit.moved', { code: existing.code, parent: parent.code });
  }

  async function bind(ctx: CommandContext | CallbackContext, chat: Message['chat'], unitId: number) {
    await upsertChat(ctx.db, { chatId: chat.id, type: chat.type, title: chat.title ?? null }, { unitId }, ctx.now);
  }

  async function register(ctx: CommandContext) {
    if (ctx.chat.type === 'private') return ctx.replyText('chat.groupOnly');
    const parsed = parseRegisterArgs(ctx.args);
    if (!parsed.ok) return ctx.replyError(parsed.error);
    const tree = await ctx.directory.units();
    const unit = tree.byCode(parsed.value.code);
    if (!unit) return ctx.replyText('register.unknownUnit', { code: parsed.value.code });
    if (!isActiveUnit(unit)) return ctx.replyText('unit.isRetired', { code: unit.code });
    const current = activeUnitOf(tree, ctx.settings?.unitId);
    if (current?.id === unit.id) return ctx.replyText('register.already', { code: unit.code, name: unit.name });
    if (current) {
      // Moving a group away from its unit leaves that unit without it: nothing changes until an admin confirms.
      return ctx.reply(
        ctx.text('register.confirm', {
          fromCode: current.code,
          fromName: current.name,
          toCode: unit.code,
          toName: unit.name,
          minutes: REGISTER_CONFIRM_MINUTES,
        }),
        {
          keyboard: [
            [
              {
                text: ctx.text('register.confirmButton', { code: unit.code }),
                callbackData: moveGroupCallbackData(ctx.updateId, unit.id, current.id),
              },
              {
                text: ctx.text('register.cancelButton'),
                callbackData: keepGroupCallbackData(ctx.updateId, current.id),
              },
            ],
          ],
        },
      );
    }
    await bind(ctx, ctx.chat, unit.id);
    await ctx.replyText('register.done', { code: unit.code, name: unit.name });
  }

  /**
   * The checks both buttons share: the data is well formed and sits under the reply of the /register it names, the
   * presser is an admin, and the group is still bound to the unit the request was made from. Undefined when the
   * press was answered with why it changes nothing.
   */
  async function pressedRequest(ctx: CallbackContext, pattern: RegExp) {
    const match = pattern.exec(ctx.data);
    const message = ctx.query.message;
    const numbers = match?.slice(1).map(Number);
    if (!numbers || !message || message.date === 0)
      return void (await ctx.answer(t(ctx.locale, 'register.notHere'), true));
    const [updateId = 0] = numbers;
    const onItsMessage = await isReplyMessage(ctx.db, {
      updateId,
      chatId: message.chat.id,
      messageId: message.message_id,
    });
    if (!onItsMessage) return void (await ctx.answer(t(ctx.locale, 'register.notHere'), true));
    if (!(await ctx.directory.authority(ctx.from.id)).admin) {
      return void (await ctx.answer(t(ctx.locale, 'register.adminOnly'), true));
    }
    const fromUnitId = numbers.at(-1);
    const settings = await ctx.directory.chat(message.chat.id);
    if ((settings?.unitId ?? undefined) !== fromUnitId) {
      return void (await ctx.answer(t(ctx.locale, 'register.stale'), true));
    }
    const tree = await ctx.directory.units();
    return { message, numbers, tree, from: tree.byId(fromUnitId ?? 0) };
  }

  async function confirmMove(ctx: CallbackContext) {
    const request = await pressedRequest(ctx, /^reg:(\d{1,15}):(\d{1,15}):(\d{1,15})$/);
    if (!request) return;
    const { message, numbers, tree, from } = request;
    // The request's age is that of the bot's own message, as Telegram dated it.
    if (ctx.now.getTime() - message.date * 1000 > REGISTER_CONFIRM_MINUTES * 60_000) {
      return ctx.answer(t(ctx.locale, 'register.expired', { minutes: REGISTER_CONFIRM_MINUTES }), true);
    }
    const to = activeUnitOf(tree, numbers[1]);
    if (!to || !from) return ctx.answer(t(ctx.locale, 'register.stale'), true);
    await bind(ctx, message.chat, to.id);
    await ctx.answer();
    ctx.out.edit(
      message.chat.id,
      message.message_id,
      t(ctx.locale, 'register.moved', { fromCode: from.code, toCode: to.code, toName: to.name, by: nameOf(ctx.from) }),
    );
  }

  async function keepGroup(ctx: CallbackContext) {
    const request = await pressedRequest(ctx, /^regkeep:(\d{1,15}):(\d{1,15})$/);
    if (!request) return;
    const { message, from } = request;
    await ctx.answer();
    ctx.out.edit(
      message.chat.id,
      message.message_id,
      t(ctx.locale, 'register.kept', { code: from?.code ?? '', by: nameOf(ctx.from) }),
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
    const unit = unitId ? (await ctx.directory.units()).byId(unitId) : undefined;
    if (!unit) return ctx.replyText('chat.notRegistered');
    const parsed = parseRoleArgs(ctx.args);
    if (!parsed.ok) return ctx.replyError(parsed.error);
    const target = await roleTarget(ctx);
    if (!target) return ctx.replyText('role.noTarget');
    await ctx.directory.rememberMember(target, unit.id, ctx.now);
    const commander = parsed.value.role === 'commander';
    await setCommander(ctx.db, { userId: target.userId, unitId: unit.id, commander, grantedBy: ctx.from.id }, ctx.now);
    await ctx.replyText(commander ? 'role.commander' : 'role.officer', { name: displayName(target), unit: unit.name });
  }

  async function metric(ctx: CommandContext) {
    const parsed = parseMetricArgs(ctx.args);
    if (!parsed.ok) return ctx.replyError(parsed.error);
    const command = parsed.value;
    const catalog = await ctx.directory.metrics();
    if (command.kind === 'add') {
      if (catalog.resolve(command.code)) return ctx.replyText('metric.exists', { code: command.code });
      await insertMetric(
        ctx.db,
        {
          code: command.code,
          nameVi: command.nameVi,
          nameEn: command.nameEn ?? command.nameVi,
          countUnitVi: command.countUnit ?? '',
          countUnitEn: command.countUnit ?? '',
          maxPerEntry: DEFAULT_METRIC_MAX,
        },
        ctx.now,
      );
      return ctx.replyText('metric.added', { code: command.code, name: command.nameVi });
    }
    const existing = catalog.resolve(command.code);
    if (!existing) return ctx.replyText('metric.unknown', { code: command.code });
    if (!isActiveMetric(existing)) return ctx.replyText('metric.isRetired', { code: existing.code });
    if (command.kind === 'alias') {
      const alias = checkNewAlias(command.alias, catalog);
      if (!alias.ok) return ctx.replyError(alias.error);
      await insertMetricAlias(ctx.db, alias.value.folded, existing.code, alias.value.display);
      return ctx.replyText('metric.aliasAdded', { alias: alias.value.display, code: existing.code });
    }
    if (command.kind === 'retire') {
      await retireMetric(ctx.db, existing.code, ctx.now);
      return ctx.replyText('metric.retiredDone', { code: existing.code, name: existing.name[ctx.locale] });
    }
    await setMetricMax(ctx.db, existing.code, command.max);
    await ctx.replyText('metric.maxSet', { code: existing.code, max: command.max });
  }

  return {
    commands: {
      unit: adminOnly(unit),
      register: adminOnly(register),
      role: adminOnly(role),
      metric: adminOnly(metric),
    },
    callbacks: { [MOVE_PREFIX]: confirmMove, [KEEP_PREFIX]: keepGroup },
  };
}
