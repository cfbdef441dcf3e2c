import type { PressedMessage, UpdateScope } from '../../bot/context';
import { messageLink } from '../../bot/links';
import type { Config } from '../../config';
import { commendationPhrase } from '../../i18n/commendation';
import { formatDay, Html, mention } from '../../i18n/format';
import { truncateHtml } from '../../i18n/split-html';
import { levelName, lines, t } from '../../i18n/texts';
import type { CommendationLevel } from '../../kernel/commendation-levels';
import { isLocale, type Locale } from '../../kernel/locale';
import type { InlineKeyboard } from '../../outbox/transport';
import type { Db } from '../../storage/schema';
import type { TellingScope } from '../use-case';
import { type DecisionRecord, isProposal, type Nomination, type Recommendation, readsAsProposal } from './nomination';
import {
  addToPrivateCopy,
  findNomination,
  findPrivateCopy,
  latestDecisionRecords,
  type PrivateCopy,
  privateCopiesOf,
  privateLocaleOf,
  recommendationsOf,
  unreachablePrivateChats,
  writePrivateCopyRow,
} from './nomination-store';

/**
 * How a nomination shows in Telegram: its card in the group, the deciders' private copies, the congratulation and
 * the rejection notices, all written to the outbox of the unit of work that changed it.
 */

export const NOMINATION_BUTTON_PREFIX = 'nom';
/** After-sent hooks: the card and each private copy learn their message once sent. */
export const CARD_SENT = 'nominationCard';
export const COPY_SENT = 'nominationPrivateCopy';
/** Nominations one private copy shows with their buttons; Telegram allows 100 buttons, people read fewer. */
const COPY_ITEMS = 6;

/** What a button does: endorse, approve (or recommend) a level, reject, reopen. */
export type NominationAction = 'e' | 'a' | 'r' | 'o';

export interface NominationButton {
  readonly id: number;
  readonly action: NominationAction;
  readonly level: string | undefined;
}

const buttonData = (id: number, action: NominationAction, level?: string) =>
  level === undefined
    ? `${NOMINATION_BUTTON_PREFIX}:${id}:${action}`
    : `${NOMINATION_BUTTON_PREFIX}:${id}:${action}:${level}`;

/** Reads a nomination button's data; undefined for anything else. */
export function parseNominationButton(data: string): NominationButton | undefined {
  const match = /^nom:(\d{1,12}):([earo])(?::([a-z0-9_]{1,24}))?$/.exec(data);
  if (!match) return undefined;
  const [, id, action, level] = match;
  if ((action === 'a') !== (level !== undefined)) return undefined;
  return { id: Number(id), action: action as NominationAction, level };
}

/**
 * The nominations' own record of their buttons' messages (kept for as long as the nomination, where the outbox
 * forgets replies after a week): the button's nomination has this message as its card, or this private copy shows
 * it, pressed by the decider it was sent to.
 */
export async function nominationButtonOn(scope: UpdateScope, pressed: PressedMessage, data: string): Promise<boolean> {
  const button = parseNominationButton(data);
  const nomination = button && (await findNomination(scope.db, button.id));
  if (!button || !nomination) return false;
  if (nomination.chatId === pressed.chatId && nomination.cardMessageId === pressed.messageId) return true;
  if (pressed.chatId !== pressed.fromId) return false;
  const copy = await findPrivateCopy(scope.db, pressed.fromId, pressed.messageId);
  return copy?.nominationIds.slice(0, COPY_ITEMS).includes(button.id) ?? false;
}

const NO_HTML = new Html('');

/** What a card shows besides the nomination: who recommended what, and the official decision once recorded. */
export interface CardExtras {
  readonly recommendations: readonly Recommendation[];
  readonly record: DecisionRecord | undefined;
}

export async function extrasOf(db: Db, nominationId: number): Promise<CardExtras> {
  const [recommendations, records] = await Promise.all([
    recommendationsOf(db, [nominationId]),
    latestDecisionRecords(db, [nominationId]),
  ]);
  return { recommendations: recommendations.get(nominationId) ?? [], record: records.get(nominationId) };
}

const levelOf = (config: Config, code: string | null): CommendationLevel | undefined =>
  config.commendationAuthorities.find((level) => level.code === code);

/** "được tặng Giấy khen …", or "được đề nghị tặng Bằng khen …" while a proposal's decision is not recorded. */
export const phraseOf = (config: Config, locale: Locale, code: string, record: DecisionRecord | undefined): Html =>
  commendationPhrase(locale, code, readsAsProposal(levelOf(config, code), record));

/** Whether the commendation reads as a proposal, for the certificate's wording. */
export const stillProposed = (config: Config, code: string, record: DecisionRecord | undefined): boolean =>
  readsAsProposal(levelOf(config, code), record);

export function decisionLine(locale: Locale, record: DecisionRecord | undefined): Html {
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

function statusLines(config: Config, locale: Locale, nomination: Nomination, extras: CardExtras): Html {
  const out: string[] = [];
  if (nomination.status === 'approved') {
    const level = nomination.level ?? '';
    const params = { phrase: phraseOf(config, locale, level, extras.record), by: nomination.decidedByName ?? '' };
    const proposal = isProposal(levelOf(config, level));
    const key =
      proposal && extras.record
        ? 'nomination.proposalDecided'
        : proposal
          ? 'nomination.proposedStatus'
          : 'nomination.approved';
    out.push(t(locale, key, params));
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

function cardHtml(config: Config, locale: Locale, nomination: Nomination, extras: CardExtras): string {
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
    status: statusLines(config, locale, nomination, extras),
  });
}

/** The decision buttons; in a private copy listing several nominations each button names its number. */
function decisionRows(config: Config, locale: Locale, nomination: Nomination, numbered: boolean): InlineKeyboard {
  const label = (text: string) =>
    numbered ? t(locale, 'nomination.privateButton', { id: nomination.id, label: text }) : text;
  if (nomination.status !== 'pending')
    return [[{ text: label(t(locale, 'nomination.reopenButton')), callbackData: buttonData(nomination.id, 'o') }]];
  return [
    config.commendationAuthorities.map((level) => ({
      text: label(levelName(locale, level.code, 'short')),
      callbackData: buttonData(nomination.id, 'a', level.code),
    })),
    [{ text: label(t(locale, 'nomination.rejectButton')), callbackData: buttonData(nomination.id, 'r') }],
  ];
}

function card(config: Config, locale: Locale, nomination: Nomination, extras: CardExtras) {
  const endorseRow: InlineKeyboard =
    nomination.status === 'pending'
      ? [
          [
            {
              text: t(locale, 'nomination.endorseButton', { count: nomination.endorsements }),
              callbackData: buttonData(nomination.id, 'e'),
            },
          ],
        ]
      : [];
  return {
    html: cardHtml(config, locale, nomination, extras),
    keyboard: [...endorseRow, ...decisionRows(config, locale, nomination, false)],
  };
}

/** The language of a chat with the bot: as chosen there, else the default. */
async function localeOfChat(scope: TellingScope, chatId: number): Promise<Locale> {
  const stored = (await scope.directory.chat(chatId))?.locale;
  return stored && isLocale(stored) ? stored : scope.config.defaultLocale;
}

async function localeOfPerson(scope: TellingScope, userId: number): Promise<Locale> {
  const stored = await privateLocaleOf(scope.db, userId);
  return stored && isLocale(stored) ? stored : scope.config.defaultLocale;
}

/** Posts a new nomination's card in its group, as a reply to `replyTo` when given; it learns its message once sent. */
export async function postCard(scope: TellingScope, nomination: Nomination, replyTo: number | undefined) {
  const locale = await localeOfChat(scope, nomination.chatId);
  const { html, keyboard } = card(scope.config, locale, nomination, { recommendations: [], record: undefined });
  scope.out.send(nomination.chatId, html, {
    replyTo,
    threadId: nomination.threadId ?? undefined,
    keyboard,
    afterSent: { kind: CARD_SENT, id: nomination.id },
  });
}

/** A private copy's text and buttons: the cards of what is new since the decider's last one. */
async function copyContent(scope: TellingScope, copy: PrivateCopy) {
  const locale = await localeOfPerson(scope, copy.deciderId);
  const shown = copy.nominationIds.slice(0, COPY_ITEMS);
  const items = (await Promise.all(shown.map((id) => findNomination(scope.db, id)))).filter(
    (item): item is Nomination => item !== undefined,
  );
  const numbered = items.length > 1;
  const cards: string[] = [];
  const keyboard: InlineKeyboard[number][] = [];
  for (const item of items) {
    cards.push(cardHtml(scope.config, locale, item, await extrasOf(scope.db, item.id)));
    keyboard.push(...decisionRows(scope.config, locale, item, numbered).map((row) => [...row]));
  }
  const more = copy.nominationIds.length - shown.length;
  const html = truncateHtml(
    [
      t(locale, 'nomination.privateHeader', { count: copy.nominationIds.length }),
      ...cards,
      ...(more > 0 ? [t(locale, 'list.more', { count: more })] : []),
    ].join('\n\n'),
    (dropped) => t(locale, 'list.more', { count: dropped }),
  );
  return { html, keyboard };
}

async function writeCopy(scope: TellingScope, copy: PrivateCopy): Promise<void> {
  const { html, keyboard } = await copyContent(scope, copy);
  await writePrivateCopyRow(
    scope.db,
    { copy, html, payload: { keyboard, afterSent: { kind: COPY_SENT, id: copy.id } } },
    scope.now,
  );
}

/** Puts the nomination in each decider's next private copy, at most one message an hour; skips unreachable chats. */
export async function sendPrivateCopies(scope: TellingScope, nominationId: number, deciderIds: readonly number[]) {
  const unreachable = await unreachablePrivateChats(scope.db, deciderIds);
  for (const deciderId of deciderIds) {
    if (unreachable.has(deciderId)) continue;
    const { copy } = await addToPrivateCopy(scope.db, { deciderId, nominationId }, scope.now);
    await writeCopy(scope, copy);
  }
}

/** Shows the nomination's state on its card and on every private copy listing it (sent or still waiting). */
export async function refreshEverywhere(scope: TellingScope, nominationId: number): Promise<Nomination | undefined> {
  const nomination = await findNomination(scope.db, nominationId);
  if (!nomination) return nomination;
  const extras = await extrasOf(scope.db, nominationId);
  if (nomination.cardMessageId !== null) {
    const locale = await localeOfChat(scope, nomination.chatId);
    const { html, keyboard } = card(scope.config, locale, nomination, extras);
    scope.out.edit(nomination.chatId, nomination.cardMessageId, html, keyboard);
  }
  for (const copy of await privateCopiesOf(scope.db, nominationId)) {
    if (copy.messageId === null) await writeCopy(scope, copy);
    else {
      const { html, keyboard } = await copyContent(scope, copy);
      scope.out.edit(copy.deciderId, copy.messageId, html, keyboard);
    }
  }
  return nomination;
}

/** The congratulation in the group, replying to the card. */
export async function announce(scope: TellingScope, nomination: Nomination): Promise<void> {
  if (nomination.cardMessageId === null) return;
  const locale = await localeOfChat(scope, nomination.chatId);
  const { record } = await extrasOf(scope.db, nomination.id);
  scope.out.send(
    nomination.chatId,
    t(locale, 'nomination.announce', {
      nominee: mention(nomination.nomineeId, nomination.nomineeName),
      phrase: phraseOf(scope.config, locale, nomination.level ?? '', record),
    }),
    { replyTo: nomination.cardMessageId, threadId: nomination.threadId ?? undefined },
  );
}

/** A rejection's reason, told privately (never in the group) to each reachable person of `userIds`. */
export async function sendRejectionNotices(
  scope: TellingScope,
  nomination: Nomination,
  rejection: { by: string; reason: string },
  userIds: readonly number[],
): Promise<void> {
  const unreachable = await unreachablePrivateChats(scope.db, userIds);
  for (const userId of userIds) {
    if (unreachable.has(userId)) continue;
    const locale = await localeOfPerson(scope, userId);
    scope.out.send(
      userId,
      t(locale, 'nomination.rejectedNotice', {
        id: nomination.id,
        nominee: nomination.nomineeName,
        by: rejection.by,
        reason: rejection.reason,
      }),
    );
  }
}

/** A card's link, for lists (/nominations). */
export const cardLink = (nomination: Nomination): string | undefined =>
  nomination.cardMessageId === null
    ? undefined
    : messageLink(nomination.chatId, nomination.cardMessageId, nomination.threadId);
