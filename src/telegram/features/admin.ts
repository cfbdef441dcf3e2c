import { parseMetricArgs, parseRegisterArgs, parseRoleArgs, parseUnitArgs } from '../../commands/parse-admin';
import { upsertChat } from '../../db/chat-store';
import { displayName, findMemberByUsername, type MemberProfile } from '../../db/member-store';
import { insertMetric, insertMetricAlias, setMetricMax } from '../../db/metric-store';
import { setCommander } from '../../db/role-store';
import { insertUnit } from '../../db/unit-store';
import { foldText } from '../../domain/fold';
import type { CommandContext, CommandHandler, Feature } from '../context';
import { profileOf } from '../people';

const DEFAULT_METRIC_MAX = 10_000;

/** /unit, /register, /role and /metric: for the bot's admins only. */
export function adminFeature(): Feature {
  const adminOnly =
    (handler: CommandHandler): CommandHandler =>
    async (ctx) => {
      if (!(await ctx.directory.authority(ctx.from.id)).admin) return ctx.replyText('auth.adminOnly');
      return handler(ctx);
    };

  async function unit(ctx: CommandContext) {
    const parsed = parseUnitArgs(ctx.args);
    if (!parsed.ok) return ctx.replyError(parsed.error);
    const tree = await ctx.directory.units();
    const command = parsed.value;
    if (command.kind === 'list') {
      const walk = tree.walk();
      if (walk.length === 0) return ctx.replyText('unit.listEmpty');
      return void (await ctx.reply(
        [
          ctx.text('unit.listHeader'),
          ...walk.map(({ unit, depth }) =>
            ctx.text('unit.listLine', { depth, code: unit.code, name: unit.name, groups: unit.groups }),
          ),
        ].join('\n'),
      ));
    }
    if (tree.byCode(command.code)) return ctx.replyText('unit.exists', { code: command.code });
    const parent = command.parentCode === undefined ? undefined : tree.byCode(command.parentCode);
    if (command.parentCode !== undefined && !parent)
      return ctx.replyText('unit.unknownParent', { code: command.parentCode });
    await insertUnit(ctx.db, { code: command.code, name: command.name, parentId: parent?.id ?? null }, ctx.now);
    ctx.directory.forget('units');
    await ctx.replyText('unit.added', { code: command.code, name: command.name });
  }

  async function register(ctx: CommandContext) {
    if (ctx.chat.type === 'private') return ctx.replyText('chat.groupOnly');
    const parsed = parseRegisterArgs(ctx.args);
    if (!parsed.ok) return ctx.replyError(parsed.error);
    const unit = (await ctx.directory.units()).byCode(parsed.value.code);
    if (!unit) return ctx.replyText('register.unknownUnit', { code: parsed.value.code });
    await upsertChat(
      ctx.db,
      { chatId: ctx.chat.id, type: ctx.chat.type, title: ctx.chat.title ?? null },
      { unitId: unit.id },
      ctx.now,
    );
    ctx.directory.forget('chats');
    ctx.directory.forget('units');
    await ctx.replyText('register.done', { code: unit.code, name: unit.name });
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
    ctx.directory.forget('roles');
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
      ctx.directory.forget('metrics');
      return ctx.replyText('metric.added', { code: command.code, name: command.nameVi });
    }
    const existing = catalog.resolve(command.code);
    if (!existing) return ctx.replyText('metric.unknown', { code: command.code });
    if (command.kind === 'alias') {
      const alias = foldText(command.alias);
      if (catalog.resolve(alias)) return ctx.replyText('metric.exists', { code: command.alias });
      await insertMetricAlias(ctx.db, alias, existing.code);
      ctx.directory.forget('metrics');
      return ctx.replyText('metric.aliasAdded', { alias: command.alias, code: existing.code });
    }
    await setMetricMax(ctx.db, existing.code, command.max);
    ctx.directory.forget('metrics');
    await ctx.replyText('metric.maxSet', { code: existing.code, max: command.max });
  }

  return {
    commands: {
      unit: adminOnly(unit),
      register: adminOnly(register),
      role: adminOnly(role),
      metric: adminOnly(metric),
    },
  };
}
