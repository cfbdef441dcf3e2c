import type { BotServices, CallbackContext, CommandContext, Feature } from '../../bot/context';
import { callerOf, nameOf, profileOf } from '../../bot/people';
import { findMember, findMemberByUsername, type KnownMember } from '../../directory/member-store';
import { certificatePdf } from '../../files/render-requests';
import { errorText } from '../../i18n/error-text';
import { formatDay, Html } from '../../i18n/format';
import { periodLabel } from '../../i18n/period-label';
import { levelName, lines, t } from '../../i18n/texts';
import { instantsOfDays } from '../../kernel/cron';
import { localDayOf, periodOf } from '../../kernel/period';
import type { MessageEntity } from '../../telegram/update-schema';
import {
  CARD_SENT,
  COPY_SENT,
  cardLink,
  decisionLine,
  NOMINATION_BUTTON_PREFIX,
  nominationButtonOn,
  parseNominationButton,
  phraseOf,
  stillProposed,
} from './nomination-cards';
import {
  commendationsIn,
  endorse,
  mayReject,
  nominate,
  nominationsWaitingFor,
  pressLevel,
  readCommendation,
  recordOfficialDecision,
  rejectNomination,
  reopenNomination,
} from './nomination-service';
import { findNominationByCard, findPrivateCopy, setCardMessage, setPrivateCopyMessage } from './nomination-store';
import { parseDecisionArgs, parseNominationNumber, parseRejection } from './parse-decision';
import { parseCommendationsArgs, parseNominateArgs } from './parse-nominate';

const NO_HTML = new Html('');

/** Markup to the plain text a PDF shows: tags dropped, entities read back. */
const plain = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/**
 * Nominations and the commendation process in chat: /nominate, the card's buttons (in the group and in the
 * deciders' private copies), /reject, /nominations, /commendations, /decision and /certificate. Each handler parses,
 * calls one use case of nomination-service.ts and renders its answer.
 */
export function nominationsFeature(services: BotServices): Feature {
  const { config } = services;
  const refuse = (ctx: CommandContext, refusal: Parameters<typeof errorText>[1]) =>
    ctx.reply(errorText(ctx.locale, refusal));
  const refusePress = (ctx: CallbackContext, refusal: Parameters<typeof errorText>[1]) =>
    ctx.answer(errorText(ctx.locale, refusal), true);

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
    if (target.nominee.userId === ctx.from.id) return ctx.replyText('nominate.self');
    const parsed = parseNominateArgs(target.args);
    if (!parsed.ok) return ctx.replyError(parsed.error);
    const outcome = await nominate(ctx, callerOf(ctx.from), {
      chatId: ctx.chat.id,
      threadId: ctx.message.is_topic_message ? (ctx.message.message_thread_id ?? null) : null,
      sourceMessageId: target.sourceMessageId,
      replyTo: ctx.message.message_id,
      nominee: target.nominee,
      reason: parsed.value.reason,
    });
    if (!outcome.ok) return refuse(ctx, outcome.error);
    if (outcome.value.kind === 'joined')
      return ctx.replyText('nominate.joined', { nominee: outcome.value.nomineeName });
  }

  async function onCardPress(ctx: CallbackContext) {
    const button = parseNominationButton(ctx.data);
    if (!button) return refusePress(ctx, { kind: 'button.notValid' });
    const caller = callerOf(ctx.from);
    const nominationId = button.id;
    if (button.action === 'e') {
      const endorsed = await endorse(ctx, caller, { nominationId });
      if (!endorsed.ok) return refusePress(ctx, endorsed.error);
      return ctx.answer(t(ctx.locale, endorsed.value === 'endorsed' ? 'nomination.endorsed' : 'nomination.withdrawn'));
    }
    if (button.action === 'r') {
      const allowed = await mayReject(ctx, caller, { nominationId });
      return allowed.ok ? ctx.answer(t(ctx.locale, 'nomination.rejectHow'), true) : refusePress(ctx, allowed.error);
    }
    if (button.action === 'o') {
      const reopened = await reopenNomination(ctx, caller, { nominationId });
      return reopened.ok ? ctx.answer(t(ctx.locale, 'nomination.decided')) : refusePress(ctx, reopened.error);
    }
    const pressed = await pressLevel(ctx, caller, { nominationId, level: button.level ?? '' });
    if (!pressed.ok) return refusePress(ctx, pressed.error);
    if (pressed.value.kind === 'decided') return ctx.answer(t(ctx.locale, 'nomination.decided'));
    return ctx.answer(t(ctx.locale, 'nomination.recommended', { level: levelName(ctx.locale, pressed.value.level) }));
  }

  /** Which nomination a /reject is about: the card or single-nomination private copy it replies to, or a number. */
  async function rejectTarget(ctx: CommandContext): Promise<{ nominationId: number | undefined; numbered: boolean }> {
    const replied = ctx.message.reply_to_message;
    if (replied && replied.from?.id === services.botId()) {
      const onCard = await findNominationByCard(ctx.db, ctx.chat.id, replied.message_id);
      if (onCard) return { nominationId: onCard.id, numbered: false };
      if (ctx.chat.type === 'private') {
        const copy = await findPrivateCopy(ctx.db, ctx.from.id, replied.message_id);
        const only = copy?.nominationIds.length === 1 ? copy.nominationIds[0] : undefined;
        if (only !== undefined) return { nominationId: only, numbered: false };
      }
    }
    return { nominationId: undefined, numbered: true };
  }

  async function rejectCommand(ctx: CommandContext) {
    const target = await rejectTarget(ctx);
    const parsed = parseRejection(ctx.args, target.numbered);
    if (!parsed.ok) {
      const problem = parsed.error;
      if (problem.kind === 'reject.tooShort') return ctx.replyText(problem.kind, { min: problem.min });
      if (problem.kind === 'nominate.reasonTooLong') return ctx.replyText(problem.kind, { max: problem.max });
      return ctx.replyText(problem.kind);
    }
    const nominationId = target.nominationId ?? parsed.value.nominationId;
    if (nominationId === undefined) return ctx.replyText('reject.notCard');
    const rejected = await rejectNomination(ctx, callerOf(ctx.from), { nominationId, reason: parsed.value.reason });
    if (!rejected.ok)
      return rejected.error.kind === 'decision.notFound'
        ? ctx.replyText('reject.notCard')
        : refuse(ctx, rejected.error);
    await ctx.replyText('nomination.decided');
  }

  async function nominationsCommand(ctx: CommandContext) {
    const waiting = await nominationsWaitingFor(ctx, callerOf(ctx.from));
    if (waiting.length === 0) return ctx.replyText('nominations.none');
    const tree = await ctx.directory.units();
    await ctx.reply(
      [
        ctx.text('nominations.header'),
        ...waiting.map(({ nomination, recommendations }) => {
          const url = cardLink(nomination);
          const recommended = recommendations.map(
            (r) =>
              `\n  ${ctx.text('nomination.recommendedLine', { level: levelName(ctx.locale, r.level), by: r.byName })}`,
          );
          return ctx.text('nominations.line', {
            id: nomination.id,
            nominee: nomination.nomineeName,
            unit: tree.byId(nomination.unitId)?.name ?? '',
            reason: nomination.reason,
            day: nomination.day,
            link: url ? new Html(ctx.text('nominations.cardLink', { url })) : NO_HTML,
            recommended: new Html(recommended.join('')),
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
    const range = periodOf(parsed.value.period, localDayOf(ctx.now, config.timeZone));
    const { unitIds, commendations, records } = await commendationsIn(ctx, callerOf(ctx.from), {
      groupUnitId: groupUnit?.id,
      ...instantsOfDays(range, config.timeZone),
    });
    if (unitIds.length === 0) return ctx.replyText('chat.groupOnly');
    const header = ctx.text('commendations.header', {
      scope: groupUnit?.name ?? nameOf(ctx.from),
      period: periodLabel(ctx.locale, parsed.value.period, range),
    });
    if (commendations.length === 0) return void (await ctx.reply([header, ctx.text('commendations.none')].join('\n')));
    const rank = (code: string | null) => config.commendationAuthorities.findIndex((level) => level.code === code);
    const body = [...new Set(commendations.map((nomination) => nomination.unitId))].flatMap((unitId) => [
      '',
      ctx.text('commendations.unit', { unit: tree.byId(unitId)?.name ?? '' }),
      ...commendations
        .filter((nomination) => nomination.unitId === unitId)
        .sort((a, b) => rank(b.level) - rank(a.level))
        .map((nomination) => {
          const record = records.get(nomination.id);
          return ctx.text('commendations.line', {
            nominee: nomination.nomineeName,
            phrase: phraseOf(config, ctx.locale, nomination.level ?? '', record),
            reason: nomination.reason,
            decision: record ? new Html(`\n  ${decisionLine(ctx.locale, record)}`) : NO_HTML,
          });
        }),
    ]);
    await ctx.reply(String(lines([header, ...body])));
  }

  async function decisionCommand(ctx: CommandContext) {
    const parsed = parseDecisionArgs(ctx.args);
    if (!parsed.ok) {
      const problem = parsed.error;
      return problem.kind === 'decision.badDate'
        ? ctx.replyText(problem.kind, { date: problem.date })
        : ctx.replyText(problem.kind);
    }
    const recorded = await recordOfficialDecision(ctx, callerOf(ctx.from), parsed.value);
    if (!recorded.ok) return refuse(ctx, recorded.error);
    const { kind, record } = recorded.value;
    await ctx.replyText(kind === 'corrected' ? 'decision.corrected' : 'decision.recorded', {
      id: record.nominationId,
      line: decisionLine(ctx.locale, record),
    });
  }

  async function certificateCommand(ctx: CommandContext) {
    const nominationId = parseNominationNumber(ctx.args);
    if (nominationId === undefined) return ctx.replyText('certificate.usage');
    const read = await readCommendation(ctx, callerOf(ctx.from), { nominationId });
    if (!read.ok) return refuse(ctx, read.error);
    const { nomination, record, official } = read.value;
    const tree = await ctx.directory.units();
    const { locale } = ctx;
    // An official paper names the person as the roster does, read now; an unlinked account's name is marked.
    const person = official ? official.officialName : `${nomination.nomineeName} ${t(locale, 'official.unmatched')}`;
    const render = certificatePdf({
      draftMark: t(locale, 'certificate.draftMark'),
      draftNote: t(locale, 'certificate.draftNote'),
      campaign: config.campaignName,
      title: levelName(locale, nomination.level),
      phrase: t(
        locale,
        stillProposed(config, nomination.level, record) ? 'certificate.proposed' : 'certificate.awarded',
      ),
      person,
      unit: official?.unitName ?? tree.byId(nomination.unitId)?.name ?? '',
      reasonLabel: t(locale, 'certificate.reasonLabel'),
      reason: nomination.reason,
      decision: plain(
        record
          ? t(locale, 'certificate.decision', {
              number: record.number,
              date: formatDay(record.date),
              signer: record.signer,
            })
          : t(locale, 'certificate.noDecision'),
      ),
      footer: plain(t(locale, 'certificate.footer', { day: formatDay(localDayOf(ctx.now, config.timeZone)) })),
    });
    ctx.out.document(
      ctx.chat.id,
      {
        render,
        filename: `ban-nhap-khen-thuong-${nominationId}.pdf`,
        caption: t(locale, 'certificate.caption', {
          id: nominationId,
          nominee: official?.fullName ?? nomination.nomineeName,
        }),
      },
      {
        replyTo: ctx.message.message_id,
        threadId: ctx.message.is_topic_message ? ctx.message.message_thread_id : undefined,
      },
    );
  }

  return {
    commands: {
      nominate: nominateCommand,
      reject: rejectCommand,
      nominations: nominationsCommand,
      commendations: commendationsCommand,
      decision: decisionCommand,
      certificate: certificateCommand,
    },
    callbacks: { [NOMINATION_BUTTON_PREFIX]: onCardPress },
    // Honoured on the card and on the private copies that show the nomination, for as long as the nomination lives.
    buttonRecords: { [NOMINATION_BUTTON_PREFIX]: nominationButtonOn },
    // The card and each private copy learn their message once sent: their buttons are honoured only there.
    afterSent: {
      [CARD_SENT]: (db, hook, messageId) => setCardMessage(db, hook.id, messageId),
      [COPY_SENT]: (db, hook, messageId) => setPrivateCopyMessage(db, hook.id, messageId),
    },
  };
}
