import { parseCommendationsArgs, parseNominateArgs, parseRejectArgs } from '../../commands/parse-nominate';
import { displayName, findMember, findMemberByUsername, type KnownMember } from '../../db/member-store';
import {
  approvedNominations,
  findNomination,
  findNominationByCard,
  pendingNominations,
  setCardMessage,
} from '../../db/nomination-store';
import { instantsOfDays } from '../../domain/cron';
import type { Locale } from '../../domain/locale';
import type { Nomination } from '../../domain/nomination';
import { localDayOf, periodOf } from '../../domain/period';
import type { Directory } from '../../services/directory';
import { decide, endorse, nominate } from '../../services/nominations';
import { Html, mention } from '../../texts/format';
import { levelName, lines, t } from '../../texts/texts';
import type { BotServices, CallbackContext, CommandContext, Feature, UpdateScope } from '../context';
import { messageLink } from '../links';
import { nameOf, profileOf } from '../people';
import type { InlineKeyboard } from '../transport';
import type { MessageEntity } from '../update-schema';
import { periodLabel } from './period-label';

const PREFIX = 'nom';
const CARD_SENT = 'nominationCard';
type Action = 'e' | 'a' | 'r' | 'o';

const callbackData = (id: number, action: Action, level?: string) =>
  level === undefined ? `${PREFIX}:${id}:${action}` : `${PREFIX}:${id}:${action}:${level}`;

function parseCallback(data: string): { id: number; action: Action; level: string | undefined } | undefined {
  const match = /^nom:(\d{1,12}):([earo])(?::([a-z0-9_]{1,24}))?$/.exec(data);
  if (!match) return undefined;
  const [, id, action, level] = match;
  if ((action === 'a') !== (level !== undefined)) return undefined;
  return { id: Number(id), action: action as Action, level };
}

const NO_LINK = new Html('');

/** Nominations: /nominate, the card's buttons, /reject, /nominations and /commendations. */
export function nominationsFeature(services: BotServices): Feature {
  const { config } = services;
  const levels = config.commendationLevels;

  function statusLine(locale: Locale, nomination: Nomination): Html {
    if (nomination.status === 'approved') {
      return new Html(
        t(locale, 'nomination.approved', {
          level: levelName(locale, nomination.level ?? ''),
          by: nomination.decidedByName ?? '',
        }),
      );
    }
    if (nomination.status === 'rejected') {
      return new Html(
        t(locale, 'nomination.rejected', { reason: nomination.rejectReason ?? '', by: nomination.decidedByName ?? '' }),
      );
    }
    return new Html(t(locale, 'nomination.pending'));
  }

  function card(locale: Locale, nomination: Nomination): { html: string; keyboard: InlineKeyboard } {
    const source =
      nomination.sourceMessageId === null
        ? undefined
        : messageLink(nomination.chatId, nomination.sourceMessageId, nomination.threadId);
    const html = t(locale, 'nomination.card', {
      id: nomination.id,
      nominee: mention(nomination.nomineeId, nomination.nomineeName),
      nominator: nomination.nominatorName,
      reason: nomination.reason,
      link: source ? new Html(t(locale, 'nomination.link', { url: source })) : NO_LINK,
      endorsements: nomination.endorsements,
      status: statusLine(locale, nomination),
    });
    const keyboard: InlineKeyboard =
      nomination.status === 'pending'
        ? [
            [
              {
                text: t(locale, 'nomination.endorseButton', { count: nomination.endorsements }),
                callbackData: callbackData(nomination.id, 'e'),
              },
            ],
            levels.map((level) => ({
              text: levelName(locale, level, 'short'),
              callbackData: callbackData(nomination.id, 'a', level),
            })),
            [{ text: t(locale, 'nomination.rejectButton'), callbackData: callbackData(nomination.id, 'r') }],
          ]
        : [[{ text: t(locale, 'nomination.reopenButton'), callbackData: callbackData(nomination.id, 'o') }]];
    return { html, keyboard };
  }

  async function refreshCard(ctx: UpdateScope & { locale: Locale }, nominationId: number) {
    const nomination = await findNomination(ctx.db, nominationId);
    if (!nomination || nomination.cardMessageId === null) return nomination;
    const { html, keyboard } = card(ctx.locale, nomination);
    ctx.out.edit(nomination.chatId, nomination.cardMessageId, html, keyboard);
    return nomination;
  }

  /** The person the command names: by reply, by text mention, or by @username; with the reason text left over. */
  async function nomineeOf(
    ctx: CommandContext,
    unitId: number,
  ): Promise<
    | { nominee: KnownMember; args: string; sourceMessageId: number | null }
    | { refusal: 'nominate.usage' | 'nominate.bot' | 'nominate.topicHeader' | 'nominate.unknownPerson' }
  > {
    const replied = ctx.message.reply_to_message;
    const isTopicHeader =
      replied !== undefined &&
      (replied.forum_topic_created !== undefined ||
        (ctx.message.is_topic_message === true && replied.message_id === ctx.message.message_thread_id));
    if (replied && !isTopicHeader && replied.from) {
      if (replied.from.is_bot) return { refusal: 'nominate.bot' };
      // Whoever wrote in this registered group is evidently one of its people.
      await ctx.directory.rememberMember(profileOf(replied.from), unitId, ctx.now);
      const known = await findMember(ctx.db, replied.from.id);
      return known
        ? { nominee: known, args: ctx.args, sourceMessageId: replied.message_id }
        : { refusal: 'nominate.unknownPerson' };
    }
    const text = ctx.message.text ?? '';
    const textMention = ctx.message.entities?.find(
      (entity): entity is Extract<MessageEntity, { type: 'text_mention' }> => entity.type === 'text_mention',
    );
    if (textMention?.user) {
      if (textMention.user.is_bot) return { refusal: 'nominate.bot' };
      const known = await findMember(ctx.db, textMention.user.id);
      if (!known?.unitId) return { refusal: 'nominate.unknownPerson' };
      const args = (text.slice(0, textMention.offset) + text.slice(textMention.offset + textMention.length)).replace(
        /^\/\S+/,
        '',
      );
      return { nominee: known, args, sourceMessageId: null };
    }
    if (isTopicHeader && !/^\s*@/.test(ctx.args)) return { refusal: 'nominate.topicHeader' };
    const parsed = parseNominateArgs(ctx.args);
    if (!parsed.ok || parsed.value.username === undefined) return { refusal: 'nominate.usage' };
    const known = await findMemberByUsername(ctx.db, parsed.value.username);
    if (!known?.unitId) return { refusal: 'nominate.unknownPerson' };
    return { nominee: known, args: ctx.args, sourceMessageId: null };
  }

  async function nominateCommand(ctx: CommandContext) {
    if (ctx.chat.type === 'private') return ctx.replyText('chat.groupOnly');
    const unitId = ctx.settings?.unitId;
    if (!unitId) return ctx.replyText('chat.notRegistered');
    const target = await nomineeOf(ctx, unitId);
    if ('refusal' in target) return ctx.replyText(target.refusal);
    const { nominee } = target;
    if (nominee.userId === ctx.from.id) return ctx.replyText('nominate.self');
    if (nominee.unitId === null) return ctx.replyText('nominate.unknownPerson');
    const parsed = parseNominateArgs(target.args);
    if (!parsed.ok) return ctx.replyError(parsed.error);

    await ctx.directory.rememberMember(profileOf(ctx.from), unitId, ctx.now);
    const outcome = await nominate(
      ctx.db,
      {
        dailyCap: config.nominationDailyCap,
        chatId: ctx.chat.id,
        threadId: ctx.message.is_topic_message ? (ctx.message.message_thread_id ?? null) : null,
        sourceMessageId: target.sourceMessageId,
        nomineeId: nominee.userId,
        unitId: nominee.unitId,
        nominatorId: ctx.from.id,
        reason: parsed.value.reason,
        day: localDayOf(ctx.now, config.timeZone),
      },
      ctx.now,
    );
    if (outcome.kind === 'dailyCap') return ctx.replyText('nominate.dailyCap', { cap: config.nominationDailyCap });
    if (outcome.kind === 'joined') {
      await refreshCard(ctx, outcome.id);
      return ctx.replyText('nominate.joined', { nominee: displayName(nominee) });
    }
    const nomination = await findNomination(ctx.db, outcome.id);
    if (!nomination) return;
    const { html, keyboard } = card(ctx.locale, nomination);
    await ctx.reply(html, { keyboard, afterSent: { kind: CARD_SENT, id: nomination.id } });
  }

  async function onCardPress(ctx: CallbackContext) {
    const parsed = parseCallback(ctx.data);
    const nomination = parsed && (await findNomination(ctx.db, parsed.id));
    const message = ctx.query.message;
    const onItsCard =
      nomination !== undefined &&
      message !== undefined &&
      nomination.chatId === message.chat.id &&
      nomination.cardMessageId === message.message_id;
    if (!parsed || !nomination || !onItsCard || (parsed.level !== undefined && !levels.includes(parsed.level))) {
      return ctx.answer(t(ctx.locale, 'nomination.unknown'), true);
    }

    if (parsed.action === 'e') {
      if (nomination.status !== 'pending') return ctx.answer(t(ctx.locale, 'nomination.alreadyDecided'), true);
      if (ctx.from.id === nomination.nomineeId) return ctx.answer(t(ctx.locale, 'nomination.selfEndorse'), true);
      const outcome = await endorse(ctx.db, { nominationId: nomination.id, userId: ctx.from.id }, ctx.now);
      await ctx.answer(t(ctx.locale, outcome === 'endorsed' ? 'nomination.endorsed' : 'nomination.withdrawn'));
      await refreshCard(ctx, nomination.id);
      return;
    }

    if (!(await ctx.directory.commands(ctx.from.id, nomination.unitId))) {
      return ctx.answer(t(ctx.locale, 'nomination.notDecider'), true);
    }
    if (parsed.action === 'r') {
      if (nomination.status !== 'pending') return ctx.answer(t(ctx.locale, 'nomination.alreadyDecided'), true);
      return ctx.answer(t(ctx.locale, 'nomination.rejectHow'), true);
    }
    const reopening = parsed.action === 'o';
    if (reopening && nomination.status === 'pending') return ctx.answer(t(ctx.locale, 'nomination.notDecided'), true);
    const outcome = await decide(
      ctx.db,
      {
        nominationId: nomination.id,
        from: reopening ? nomination.status : 'pending',
        to: reopening ? 'pending' : 'approved',
        outcome: reopening ? 'reopened' : 'approved',
        level: reopening ? null : (parsed.level ?? null),
        reason: null,
        decidedBy: ctx.from.id,
      },
      ctx.now,
    );
    if (outcome === 'stale') return ctx.answer(t(ctx.locale, 'nomination.alreadyDecided'), true);
    await ctx.directory.rememberMember(profileOf(ctx.from), null, ctx.now);
    await ctx.answer(t(ctx.locale, 'nomination.decided'));
    const updated = await refreshCard(ctx, nomination.id);
    if (updated?.status === 'approved' && updated.cardMessageId !== null) {
      ctx.out.send(
        updated.chatId,
        t(ctx.locale, 'nomination.announce', {
          nominee: mention(updated.nomineeId, updated.nomineeName),
          level: levelName(ctx.locale, updated.level ?? ''),
        }),
        { replyTo: updated.cardMessageId, threadId: updated.threadId ?? undefined },
      );
    }
  }

  async function rejectCommand(ctx: CommandContext) {
    const replied = ctx.message.reply_to_message;
    const nomination =
      replied && replied.from?.id === services.botId()
        ? await findNominationByCard(ctx.db, ctx.chat.id, replied.message_id)
        : undefined;
    if (!nomination) return ctx.replyText('reject.notCard');
    if (!(await ctx.directory.commands(ctx.from.id, nomination.unitId))) return ctx.replyText('nomination.notDecider');
    const parsed = parseRejectArgs(ctx.args);
    if (!parsed.ok) return ctx.replyError(parsed.error);
    if (nomination.status !== 'pending') return ctx.replyText('nomination.alreadyDecided');
    await ctx.directory.rememberMember(profileOf(ctx.from), null, ctx.now);
    const outcome = await decide(
      ctx.db,
      {
        nominationId: nomination.id,
        from: 'pending',
        to: 'rejected',
        outcome: 'rejected',
        level: null,
        reason: parsed.value.reason,
        decidedBy: ctx.from.id,
      },
      ctx.now,
    );
    if (outcome === 'stale') return ctx.replyText('nomination.alreadyDecided');
    await refreshCard(ctx, nomination.id);
    await ctx.replyText('nomination.decided');
  }

  /** The units whose nominations the person decides: everything for admins, else their commands' subtrees. */
  async function decidedUnits(directory: Directory, userId: number): Promise<number[]> {
    const authority = await directory.authority(userId);
    const tree = await directory.units();
    if (authority.admin) return tree.all.map((unit) => unit.id);
    return [...new Set(authority.commanderOf.flatMap((id) => tree.subtreeIds(id)))];
  }

  async function nominationsCommand(ctx: CommandContext) {
    const pending = await pendingNominations(ctx.db, await decidedUnits(ctx.directory, ctx.from.id));
    if (pending.length === 0) return ctx.replyText('nominations.none');
    const tree = await ctx.directory.units();
    await ctx.reply(
      [
        ctx.text('nominations.header'),
        ...pending.map((nomination) => {
          const url =
            nomination.cardMessageId === null
              ? undefined
              : messageLink(nomination.chatId, nomination.cardMessageId, nomination.threadId);
          return ctx.text('nominations.line', {
            id: nomination.id,
            nominee: nomination.nomineeName,
            unit: tree.byId(nomination.unitId)?.name ?? '',
            reason: nomination.reason,
            day: nomination.day,
            link: url ? new Html(ctx.text('nominations.cardLink', { url })) : NO_LINK,
          });
        }),
      ].join('\n'),
    );
  }

  async function commendationsCommand(ctx: CommandContext) {
    const parsed = parseCommendationsArgs(ctx.args);
    if (!parsed.ok) return ctx.replyError(parsed.error);
    const tree = await ctx.directory.units();
    const groupUnit = ctx.settings?.unitId ? tree.byId(ctx.settings.unitId) : undefined;
    if (ctx.chat.type !== 'private' && !groupUnit) return ctx.replyText('chat.notRegistered');
    const unitIds = groupUnit ? tree.subtreeIds(groupUnit.id) : await decidedUnits(ctx.directory, ctx.from.id);
    if (unitIds.length === 0) return ctx.replyText('chat.groupOnly');
    const range = periodOf(parsed.value.period, localDayOf(ctx.now, config.timeZone));
    const approved = await approvedNominations(ctx.db, { unitIds, ...instantsOfDays(range, config.timeZone) });
    const header = ctx.text('commendations.header', {
      scope: groupUnit?.name ?? nameOf(ctx.from),
      period: periodLabel(ctx.locale, parsed.value.period, range),
    });
    if (approved.length === 0) return void (await ctx.reply([header, ctx.text('commendations.none')].join('\n')));
    const body = [...new Set(approved.map((nomination) => nomination.unitId))].flatMap((unitId) => [
      '',
      ctx.text('commendations.unit', { unit: tree.byId(unitId)?.name ?? '' }),
      ...approved
        .filter((nomination) => nomination.unitId === unitId)
        .sort((a, b) => levels.indexOf(b.level ?? '') - levels.indexOf(a.level ?? ''))
        .map((nomination) =>
          ctx.text('commendations.line', {
            level: levelName(ctx.locale, nomination.level ?? '', 'short'),
            nominee: nomination.nomineeName,
            reason: nomination.reason,
          }),
        ),
    ]);
    await ctx.reply(String(lines([header, ...body])));
  }

  return {
    commands: {
      nominate: nominateCommand,
      reject: rejectCommand,
      nominations: nominationsCommand,
      commendations: commendationsCommand,
    },
    callbacks: { [PREFIX]: onCardPress },
    // The card learns its message once sent: its buttons are honoured only there.
    afterSent: { [CARD_SENT]: (db, hook, messageId) => setCardMessage(db, hook.id, messageId) },
  };
}
