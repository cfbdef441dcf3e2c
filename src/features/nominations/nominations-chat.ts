import type { BotServices, CallbackContext, CommandContext, Feature, UpdateScope } from '../../bot/context';
import { messageLink } from '../../bot/links';
import { nameOf, profileOf } from '../../bot/people';
import type { Directory } from '../../directory/directory';
import { displayName, findMember, findMemberByUsername, type KnownMember } from '../../directory/member-store';
import { commanderRoles } from '../../directory/role-store';
import { renderCertificate } from '../../files/certificate-pdf';
import { commendationPhrase } from '../../i18n/commendation';
import { formatDay, Html, mention } from '../../i18n/format';
import { periodLabel } from '../../i18n/period-label';
import { truncateHtml } from '../../i18n/split-html';
import { levelName, lines, t } from '../../i18n/texts';
import { instantsOfDays } from '../../kernel/cron';
import { isLocale, type Locale } from '../../kernel/locale';
import { localDayOf, periodOf } from '../../kernel/period';
import type { InlineKeyboard } from '../../outbox/transport';
import type { MessageEntity } from '../../telegram/update-schema';
import { personTotals } from '../tally';
import {
  type CommendationLevel,
  type DecisionRecord,
  decidesLevel,
  isProposal,
  levelAtStake,
  mayRejectOrReopen,
  type Nomination,
  pressOutcome,
  type Recommendation,
  recordsDecisions,
  type Standing,
  standingOf,
} from './nomination';
import { decide, endorse, nominate, recommend, recordOfficialDecision } from './nomination-service';
import {
  addToPrivateCopy,
  approvedNominations,
  commendationsOf,
  findNomination,
  findNominationByCard,
  findPrivateCopy,
  latestDecisionRecords,
  type PrivateCopy,
  pendingNominations,
  privateCopiesOf,
  privateLocaleOf,
  recommendationsOf,
  setCardMessage,
  setPrivateCopyMessage,
  unreachablePrivateChats,
  writePrivateCopyRow,
} from './nomination-store';
import { parseDecisionArgs, parseNominationNumber, parseRejection } from './parse-decision';
import { parseCommendationsArgs, parseNominateArgs } from './parse-nominate';

const PREFIX = 'nom';
const CARD_SENT = 'nominationCard';
const COPY_SENT = 'nominationPrivateCopy';
type Action = 'e' | 'a' | 'r' | 'o';
/** Nominations one private copy shows with their buttons; Telegram allows 100 buttons, people read fewer. */
const COPY_ITEMS = 6;

const callbackData = (id: number, action: Action, level?: string) =>
  level === undefined ? `${PREFIX}:${id}:${action}` : `${PREFIX}:${id}:${action}:${level}`;

function parseCallback(data: string): { id: number; action: Action; level: string | undefined } | undefined {
  const match = /^nom:(\d{1,12}):([earo])(?::([a-z0-9_]{1,24}))?$/.exec(data);
  if (!match) return undefined;
  const [, id, action, level] = match;
  if ((action === 'a') !== (level !== undefined)) return undefined;
  return { id: Number(id), action: action as Action, level };
}

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

/** What a card shows besides the nomination: who recommended what, and the official decision once recorded. */
interface CardExtras {
  readonly recommendations: readonly Recommendation[];
  readonly record: DecisionRecord | undefined;
}

/**
 * Nominations and the commendation process: /nominate, the card's buttons (in the group and in the deciders'
 * private copies), /reject, /nominations, /commendations, /decision, /certificate and /profile.
 */
export function nominationsFeature(services: BotServices): Feature {
  const { config } = services;
  const levels: readonly CommendationLevel[] = config.commendationAuthorities;
  const levelOf = (code: string | null) => levels.find((level) => level.code === code);
  const phraseOf = (locale: Locale, code: string) => commendationPhrase(locale, code, isProposal(levelOf(code)));
  const moreText = (locale: Locale) => (dropped: number) => t(locale, 'list.more', { count: dropped });

  async function extrasOf(db: UpdateScope['db'], nominationId: number): Promise<CardExtras> {
    const [recommendations, records] = await Promise.all([
      recommendationsOf(db, [nominationId]),
      latestDecisionRecords(db, [nominationId]),
    ]);
    return { recommendations: recommendations.get(nominationId) ?? [], record: records.get(nominationId) };
  }

  async function standingIn(ctx: UpdateScope, userId: number, nomination: Nomination): Promise<Standing> {
    const [authority, tree] = await Promise.all([ctx.directory.authority(userId), ctx.directory.units()]);
    return standingOf({
      admin: authority.admin,
      ancestorIds: tree.ancestorIds(nomination.unitId),
      commanderOf: authority.commanderOf,
      ownCase: userId === nomination.nomineeId || userId === nomination.nominatorId,
    });
  }

  function decisionLine(locale: Locale, record: DecisionRecord | undefined): Html {
    return record
      ? new Html(
          t(locale, 'nomination.decisionLine', {
            number: record.number,
            date: formatDay(record.date),
            signer: record.signer,
          }),
        )
      : NO_HTML;
  }

  function statusLines(locale: Locale, nomination: Nomination, extras: CardExtras): Html {
    const out: string[] = [];
    if (nomination.status === 'approved') {
      const level = nomination.level ?? '';
      const params = { phrase: phraseOf(locale, level), by: nomination.decidedByName ?? '' };
      out.push(t(locale, isProposal(levelOf(level)) ? 'nomination.proposedStatus' : 'nomination.approved', params));
      if (extras.record) out.push(String(decisionLine(locale, extras.record)));
    } else if (nomination.status === 'rejected') {
      out.push(t(locale, 'nomination.rejected', { by: nomination.decidedByName ?? '' }));
    } else {
      out.push(t(locale, 'nomination.pending'));
    }
    for (const recommendation of extras.recommendations) {
      out.push(
        t(locale, 'nomination.recommendedLine', {
          level: levelName(locale, recommendation.level),
          by: recommendation.byName,
        }),
      );
    }
    return lines(out);
  }

  function cardHtml(locale: Locale, nomination: Nomination, extras: CardExtras): string {
    const source =
      nomination.sourceMessageId === null
        ? undefined
        : messageLink(nomination.chatId, nomination.sourceMessageId, nomination.threadId);
    return t(locale, 'nomination.card', {
      id: nomination.id,
      nominee: mention(nomination.nomineeId, nomination.nomineeName),
      nominator: nomination.nominatorName,
      reason: nomination.reason,
      link: source ? new Html(t(locale, 'nomination.link', { url: source })) : NO_HTML,
      endorsements: nomination.endorsements,
      status: statusLines(locale, nomination, extras),
    });
  }

  /** The decision buttons; in a private copy listing several nominations each button names its number. */
  function decisionRows(locale: Locale, nomination: Nomination, numbered: boolean): InlineKeyboard {
    const label = (text: string) =>
      numbered ? t(locale, 'nomination.privateButton', { id: nomination.id, label: text }) : text;
    if (nomination.status !== 'pending')
      return [[{ text: label(t(locale, 'nomination.reopenButton')), callbackData: callbackData(nomination.id, 'o') }]];
    return [
      levels.map((level) => ({
        text: label(levelName(locale, level.code, 'short')),
        callbackData: callbackData(nomination.id, 'a', level.code),
      })),
      [{ text: label(t(locale, 'nomination.rejectButton')), callbackData: callbackData(nomination.id, 'r') }],
    ];
  }

  function card(locale: Locale, nomination: Nomination, extras: CardExtras) {
    const endorseRow: InlineKeyboard =
      nomination.status === 'pending'
        ? [
            [
              {
                text: t(locale, 'nomination.endorseButton', { count: nomination.endorsements }),
                callbackData: callbackData(nomination.id, 'e'),
              },
            ],
          ]
        : [];
    return {
      html: cardHtml(locale, nomination, extras),
      keyboard: [...endorseRow, ...decisionRows(locale, nomination, false)],
    };
  }

  async function localeOfPerson(ctx: UpdateScope, userId: number): Promise<Locale> {
    const stored = await privateLocaleOf(ctx.db, userId);
    return stored && isLocale(stored) ? stored : config.defaultLocale;
  }

  /** A private copy's text and buttons: the cards of what is new since the decider's last one. */
  async function copyContent(ctx: UpdateScope, copy: PrivateCopy) {
    const locale = await localeOfPerson(ctx, copy.deciderId);
    const shown = copy.nominationIds.slice(0, COPY_ITEMS);
    const items = (await Promise.all(shown.map((id) => findNomination(ctx.db, id)))).filter(
      (item): item is Nomination => item !== undefined,
    );
    const numbered = items.length > 1;
    const cards: string[] = [];
    const keyboard: { text: string; callbackData: string }[][] = [];
    for (const item of items) {
      cards.push(cardHtml(locale, item, await extrasOf(ctx.db, item.id)));
      keyboard.push(...decisionRows(locale, item, numbered).map((row) => [...row]));
    }
    const more = copy.nominationIds.length - shown.length;
    const html = truncateHtml(
      [
        t(locale, 'nomination.privateHeader', { count: copy.nominationIds.length }),
        ...cards,
        ...(more > 0 ? [t(locale, 'list.more', { count: more })] : []),
      ].join('\n\n'),
      moreText(locale),
    );
    return { html, keyboard };
  }

  /**
   * The deciders of a level for a nomination: the commanders of the nearest unit on the nominee's chain whose
   * commanders decide it, or the admins when no such unit has one; never the nominee or the nominator.
   */
  async function decidersOf(ctx: UpdateScope, nomination: Nomination, level: CommendationLevel): Promise<number[]> {
    const tree = await ctx.directory.units();
    const ancestors = tree.ancestorIds(nomination.unitId);
    const roles = await commanderRoles(ctx.db);
    const own = new Set([nomination.nomineeId, nomination.nominatorId]);
    for (const [index, unitId] of ancestors.entries()) {
      const depth = ancestors.length - 1 - index;
      const standing: Standing = { admin: false, chainDepths: [depth], ownCase: false };
      if (!decidesLevel(level, standing)) continue;
      const commanders = roles.filter((role) => role.unitId === unitId && !own.has(role.userId)).map((r) => r.userId);
      if (commanders.length > 0) return [...new Set(commanders)];
    }
    return config.adminIds.filter((id) => !own.has(id));
  }

  /** Tells each decider who has a private chat with the bot, in at most one message an hour. */
  async function tellDeciders(ctx: UpdateScope, nomination: Nomination, level: CommendationLevel, exclude: number[]) {
    const deciders = (await decidersOf(ctx, nomination, level)).filter((id) => !exclude.includes(id));
    const unreachable = await unreachablePrivateChats(ctx.db, deciders);
    for (const deciderId of deciders) {
      if (unreachable.has(deciderId)) continue;
      const { copy } = await addToPrivateCopy(ctx.db, { deciderId, nominationId: nomination.id }, services.clock.now());
      await writeCopy(ctx, copy);
    }
  }

  async function writeCopy(ctx: UpdateScope, copy: PrivateCopy): Promise<void> {
    const { html, keyboard } = await copyContent(ctx, copy);
    await writePrivateCopyRow(
      ctx.db,
      { copy, html, payload: { keyboard, afterSent: { kind: COPY_SENT, id: copy.id } } },
      services.clock.now(),
    );
  }

  /** Shows the nomination's state on its card and on every private copy listing it (sent or still waiting). */
  async function refreshEverywhere(ctx: UpdateScope & { locale: Locale }, nominationId: number) {
    const nomination = await findNomination(ctx.db, nominationId);
    if (!nomination) return nomination;
    const extras = await extrasOf(ctx.db, nominationId);
    if (nomination.cardMessageId !== null) {
      const groupLocale = (await ctx.directory.chat(nomination.chatId))?.locale;
      const { html, keyboard } = card(
        groupLocale && isLocale(groupLocale) ? groupLocale : config.defaultLocale,
        nomination,
        extras,
      );
      ctx.out.edit(nomination.chatId, nomination.cardMessageId, html, keyboard);
    }
    for (const copy of await privateCopiesOf(ctx.db, nominationId)) {
      if (copy.messageId === null) await writeCopy(ctx, copy);
      else {
        const { html, keyboard } = await copyContent(ctx, copy);
        ctx.out.edit(copy.deciderId, copy.messageId, html, keyboard);
      }
    }
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
      await refreshEverywhere(ctx, outcome.id);
      return ctx.replyText('nominate.joined', { nominee: displayName(nominee) });
    }
    const nomination = await findNomination(ctx.db, outcome.id);
    if (!nomination) return;
    const { html, keyboard } = card(ctx.locale, nomination, { recommendations: [], record: undefined });
    await ctx.reply(html, { keyboard, afterSent: { kind: CARD_SENT, id: nomination.id } });
    const lowest = levels[0];
    if (lowest) await tellDeciders(ctx, nomination, lowest, []);
  }

  /** The nomination a press is about, if the button is on its own card or on a private copy listing it. */
  async function pressedNomination(ctx: CallbackContext, id: number): Promise<Nomination | undefined> {
    const nomination = await findNomination(ctx.db, id);
    const message = ctx.query.message;
    if (!nomination || !message) return undefined;
    if (nomination.chatId === message.chat.id && nomination.cardMessageId === message.message_id) return nomination;
    if (message.chat.id !== ctx.from.id) return undefined;
    const copy = await findPrivateCopy(ctx.db, ctx.from.id, message.message_id);
    return copy?.nominationIds.includes(id) ? nomination : undefined;
  }

  async function announce(ctx: CallbackContext, nomination: Nomination) {
    if (nomination.cardMessageId === null) return;
    const groupLocale = (await ctx.directory.chat(nomination.chatId))?.locale;
    const locale = groupLocale && isLocale(groupLocale) ? groupLocale : config.defaultLocale;
    ctx.out.send(
      nomination.chatId,
      t(locale, 'nomination.announce', {
        nominee: mention(nomination.nomineeId, nomination.nomineeName),
        phrase: phraseOf(locale, nomination.level ?? ''),
      }),
      { replyTo: nomination.cardMessageId, threadId: nomination.threadId ?? undefined },
    );
  }

  async function onCardPress(ctx: CallbackContext) {
    const parsed = parseCallback(ctx.data);
    const nomination = parsed && (await pressedNomination(ctx, parsed.id));
    const level = parsed?.level === undefined ? undefined : levelOf(parsed.level);
    if (!parsed || !nomination || (parsed.level !== undefined && !level)) {
      return ctx.answer(t(ctx.locale, 'nomination.unknown'), true);
    }

    if (parsed.action === 'e') {
      if (nomination.status !== 'pending') return ctx.answer(t(ctx.locale, 'nomination.alreadyDecided'), true);
      if (ctx.from.id === nomination.nomineeId || ctx.from.id === nomination.nominatorId)
        return ctx.answer(t(ctx.locale, 'nomination.selfEndorse'), true);
      const outcome = await endorse(ctx.db, { nominationId: nomination.id, userId: ctx.from.id }, ctx.now);
      await ctx.answer(t(ctx.locale, outcome === 'endorsed' ? 'nomination.endorsed' : 'nomination.withdrawn'));
      await refreshEverywhere(ctx, nomination.id);
      return;
    }

    const standing = await standingIn(ctx, ctx.from.id, nomination);
    if (standing.ownCase) return ctx.answer(t(ctx.locale, 'nomination.ownCase'), true);
    const { recommendations } = await extrasOf(ctx.db, nomination.id);

    if (parsed.action === 'r' || parsed.action === 'o') {
      const allowed = mayRejectOrReopen(levels, nomination, recommendations, standing);
      if (allowed !== 'yes') return ctx.answer(t(ctx.locale, 'nomination.notDecider'), true);
      if (parsed.action === 'r') {
        if (nomination.status !== 'pending') return ctx.answer(t(ctx.locale, 'nomination.alreadyDecided'), true);
        return ctx.answer(t(ctx.locale, 'nomination.rejectHow'), true);
      }
      if (nomination.status === 'pending') return ctx.answer(t(ctx.locale, 'nomination.notDecided'), true);
      const reopened = await decide(
        ctx.db,
        {
          nominationId: nomination.id,
          from: nomination.status,
          to: 'pending',
          outcome: 'reopened',
          level: null,
          reason: null,
          decidedBy: ctx.from.id,
        },
        ctx.now,
      );
      if (reopened === 'stale') return ctx.answer(t(ctx.locale, 'nomination.alreadyDecided'), true);
      await ctx.directory.rememberMember(profileOf(ctx.from), null, ctx.now);
      await ctx.answer(t(ctx.locale, 'nomination.decided'));
      await refreshEverywhere(ctx, nomination.id);
      return;
    }

    if (!level) return ctx.answer(t(ctx.locale, 'nomination.unknown'), true);
    const outcome = pressOutcome(level, standing);
    if (outcome === 'notDecider' || outcome === 'ownCase')
      return ctx.answer(t(ctx.locale, outcome === 'ownCase' ? 'nomination.ownCase' : 'nomination.notDecider'), true);
    if (nomination.status !== 'pending') return ctx.answer(t(ctx.locale, 'nomination.alreadyDecided'), true);
    await ctx.directory.rememberMember(profileOf(ctx.from), null, ctx.now);

    if (outcome === 'recommend') {
      const done = await recommend(
        ctx.db,
        { nominationId: nomination.id, level: level.code, by: ctx.from.id },
        ctx.now,
      );
      if (done === 'already') return ctx.answer(t(ctx.locale, 'nomination.recommendedAlready'), true);
      await ctx.answer(t(ctx.locale, 'nomination.recommended', { level: levelName(ctx.locale, level.code) }));
      await tellDeciders(ctx, nomination, level, [ctx.from.id]);
      await refreshEverywhere(ctx, nomination.id);
      return;
    }

    const decided = await decide(
      ctx.db,
      {
        nominationId: nomination.id,
        from: 'pending',
        to: 'approved',
        outcome: 'approved',
        level: level.code,
        reason: null,
        decidedBy: ctx.from.id,
      },
      ctx.now,
    );
    if (decided === 'stale') return ctx.answer(t(ctx.locale, 'nomination.alreadyDecided'), true);
    await ctx.answer(t(ctx.locale, 'nomination.decided'));
    const updated = await refreshEverywhere(ctx, nomination.id);
    if (updated?.status === 'approved') await announce(ctx, updated);
  }

  /** Which nomination a /reject is about: the card or single-nomination private copy it replies to, or a number. */
  async function rejectTarget(ctx: CommandContext): Promise<{ nomination: Nomination | undefined; numbered: boolean }> {
    const replied = ctx.message.reply_to_message;
    if (replied && replied.from?.id === services.botId()) {
      const onCard = await findNominationByCard(ctx.db, ctx.chat.id, replied.message_id);
      if (onCard) return { nomination: onCard, numbered: false };
      if (ctx.chat.type === 'private') {
        const copy = await findPrivateCopy(ctx.db, ctx.from.id, replied.message_id);
        const only = copy?.nominationIds.length === 1 ? copy.nominationIds[0] : undefined;
        if (only !== undefined) return { nomination: await findNomination(ctx.db, only), numbered: false };
      }
    }
    return { nomination: undefined, numbered: true };
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
    const nomination =
      target.nomination ??
      (parsed.value.nominationId === undefined ? undefined : await findNomination(ctx.db, parsed.value.nominationId));
    if (!nomination) return ctx.replyText('reject.notCard');
    const standing = await standingIn(ctx, ctx.from.id, nomination);
    const { recommendations } = await extrasOf(ctx.db, nomination.id);
    const allowed = mayRejectOrReopen(levels, nomination, recommendations, standing);
    if (allowed === 'ownCase') return ctx.replyText('nomination.ownCase');
    if (allowed !== 'yes') return ctx.replyText('nomination.notDecider');
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
    await refreshEverywhere(ctx, nomination.id);
    await ctx.replyText('nomination.decided');
    // The reason goes privately to the nominator and the deciders, never to the group.
    const stake = levelAtStake(levels, recommendations);
    const deciders = stake ? await decidersOf(ctx, nomination, stake) : [];
    const told = [...new Set([nomination.nominatorId, ...deciders])].filter((id) => id !== ctx.from.id);
    const unreachable = await unreachablePrivateChats(ctx.db, told);
    for (const userId of told) {
      if (unreachable.has(userId)) continue;
      const locale = await localeOfPerson(ctx, userId);
      ctx.out.send(
        userId,
        t(locale, 'nomination.rejectedNotice', {
          id: nomination.id,
          nominee: nomination.nomineeName,
          by: nameOf(ctx.from),
          reason: parsed.value.reason,
        }),
      );
    }
  }

  /** The units whose nominations the person sees as a decider: everything for admins, else their commands' subtrees. */
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
    const recommendations = await recommendationsOf(
      ctx.db,
      pending.map((nomination) => nomination.id),
    );
    await ctx.reply(
      [
        ctx.text('nominations.header'),
        ...pending.map((nomination) => {
          const url =
            nomination.cardMessageId === null
              ? undefined
              : messageLink(nomination.chatId, nomination.cardMessageId, nomination.threadId);
          const recommended = (recommendations.get(nomination.id) ?? []).map(
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
    const unitIds = groupUnit ? tree.subtreeIds(groupUnit.id) : await decidedUnits(ctx.directory, ctx.from.id);
    if (unitIds.length === 0) return ctx.replyText('chat.groupOnly');
    const range = periodOf(parsed.value.period, localDayOf(ctx.now, config.timeZone));
    const approved = await approvedNominations(ctx.db, { unitIds, ...instantsOfDays(range, config.timeZone) });
    const header = ctx.text('commendations.header', {
      scope: groupUnit?.name ?? nameOf(ctx.from),
      period: periodLabel(ctx.locale, parsed.value.period, range),
    });
    if (approved.length === 0) return void (await ctx.reply([header, ctx.text('commendations.none')].join('\n')));
    const records = await latestDecisionRecords(
      ctx.db,
      approved.map((nomination) => nomination.id),
    );
    const rank = (code: string | null) => levels.findIndex((level) => level.code === code);
    const body = [...new Set(approved.map((nomination) => nomination.unitId))].flatMap((unitId) => [
      '',
      ctx.text('commendations.unit', { unit: tree.byId(unitId)?.name ?? '' }),
      ...approved
        .filter((nomination) => nomination.unitId === unitId)
        .sort((a, b) => rank(b.level) - rank(a.level))
        .map((nomination) => {
          const record = records.get(nomination.id);
          return ctx.text('commendations.line', {
            nominee: nomination.nomineeName,
            phrase: phraseOf(ctx.locale, nomination.level ?? ''),
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
    const { nominationId } = parsed.value;
    const nomination = await findNomination(ctx.db, nominationId);
    if (!nomination) return ctx.replyText('decision.notFound', { id: nominationId });
    const standing = await standingIn(ctx, ctx.from.id, nomination);
    if (standing.ownCase) return ctx.replyText('nomination.ownCase');
    if (!recordsDecisions(standing)) return ctx.replyText('decision.notAllowed');
    if (nomination.status !== 'approved') return ctx.replyText('decision.notApproved', { id: nominationId });
    await ctx.directory.rememberMember(profileOf(ctx.from), null, ctx.now);
    const outcome = await recordOfficialDecision(ctx.db, { ...parsed.value, recordedBy: ctx.from.id }, ctx.now);
    await refreshEverywhere(ctx, nominationId);
    const line = decisionLine(ctx.locale, {
      id: 0,
      nominationId,
      number: parsed.value.number,
      date: parsed.value.date,
      signer: parsed.value.signer,
      recordedBy: ctx.from.id,
      recordedAt: ctx.now.toISOString(),
    });
    await ctx.replyText(outcome === 'corrected' ? 'decision.corrected' : 'decision.recorded', {
      id: nominationId,
      line,
    });
  }

  async function certificateCommand(ctx: CommandContext) {
    const nominationId = parseNominationNumber(ctx.args);
    if (nominationId === undefined) return ctx.replyText('certificate.usage');
    const nomination = await findNomination(ctx.db, nominationId);
    if (!nomination) return ctx.replyText('decision.notFound', { id: nominationId });
    if (nomination.status !== 'approved' || !nomination.level)
      return ctx.replyText('decision.notApproved', { id: nominationId });
    const tree = await ctx.directory.units();
    const { record } = await extrasOf(ctx.db, nominationId);
    const proposal = isProposal(levelOf(nomination.level));
    const { locale } = ctx;
    const bytes = await renderCertificate({
      draftMark: t(locale, 'certificate.draftMark'),
      draftNote: t(locale, 'certificate.draftNote'),
      campaign: config.campaignName,
      title: levelName(locale, nomination.level),
      phrase: t(locale, proposal ? 'certificate.proposed' : 'certificate.awarded'),
      person: nomination.nomineeName,
      unit: tree.byId(nomination.unitId)?.name ?? '',
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
        bytes,
        filename: `ban-nhap-khen-thuong-${nominationId}.pdf`,
        caption: t(locale, 'certificate.caption', { id: nominationId, nominee: nomination.nomineeName }),
      },
      {
        replyTo: ctx.message.message_id,
        threadId: ctx.message.is_topic_message ? ctx.message.message_thread_id : undefined,
      },
    );
  }

  async function profileCommand(ctx: CommandContext) {
    const replied = ctx.message.reply_to_message;
    const subject = replied?.from && !replied.from.is_bot ? replied.from : ctx.from;
    const member = await findMember(ctx.db, subject.id);
    if (!member && subject.id !== ctx.from.id) return ctx.replyText('profile.unknown');
    const tree = await ctx.directory.units();
    const catalog = await ctx.directory.metrics();
    const day = localDayOf(ctx.now, config.timeZone);
    const year = periodOf('year', day);
    const totals = await personTotals(ctx.db, subject.id, year);
    const commendations = await commendationsOf(ctx.db, subject.id);
    const records = await latestDecisionRecords(
      ctx.db,
      commendations.map((nomination) => nomination.id),
    );
    const { locale } = ctx;
    const totalLines = catalog.all
      .filter((metric) => (totals.get(metric.code) ?? 0) > 0)
      .map((metric) =>
        t(locale, 'log.line', {
          metric: metric.name[locale],
          amount: totals.get(metric.code)!,
          countUnit: metric.countUnit[locale],
        }),
      );
    const commendationLines = commendations.map((nomination) => {
      const record = records.get(nomination.id);
      const decidedDay = nomination.decidedAt
        ? localDayOf(new Date(nomination.decidedAt), config.timeZone)
        : nomination.day;
      return t(locale, 'profile.commendationLine', {
        day: formatDay(decidedDay),
        phrase: phraseOf(locale, nomination.level ?? ''),
        reason: nomination.reason,
        decision: record
          ? new Html(t(locale, 'profile.decision', { number: record.number, date: formatDay(record.date) }))
          : NO_HTML,
      });
    });
    const unit = member?.unitId ? tree.byId(member.unitId)?.name : undefined;
    await ctx.reply(
      [
        t(locale, 'profile.header', {
          name: member ? displayName(member) : nameOf(subject),
          unit: unit ?? t(locale, 'profile.noUnit'),
        }),
        t(locale, 'profile.totalsHeader', { year: Number(day.slice(0, 4)) }),
        ...(totalLines.length > 0 ? totalLines : [t(locale, 'profile.noTotals')]),
        t(locale, 'profile.commendationsHeader'),
        ...(commendationLines.length > 0 ? commendationLines : [t(locale, 'profile.noCommendations')]),
      ].join('\n'),
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
      profile: profileCommand,
    },
    callbacks: { [PREFIX]: onCardPress },
    // The card and each private copy learn their message once sent: their buttons are honoured only there.
    afterSent: {
      [CARD_SENT]: (db, hook, messageId) => setCardMessage(db, hook.id, messageId),
      [COPY_SENT]: (db, hook, messageId) => setPrivateCopyMessage(db, hook.id, messageId),
    },
  };
}
