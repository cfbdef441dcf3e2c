/**
 * The year of emulation in chat (issue 18): /pledge, /flag, /review with its secret ballot's buttons, /closeballot,
 * /council, /titles and /paper. Each handler reads its arguments (year-args.ts), calls one use case and words its
 * answer; what a commander alone may read (the candidates' evidence, flags and their reasons) goes to their
 * private chat, never to the group.
 */
import type { BotServices, CallbackContext, CommandContext, Feature } from '../../bot/context';
import { callerOf } from '../../bot/people';
import type { Config } from '../../config';
import {
  certificatePaper,
  type OfficialName,
  officialName,
  type Paper,
  proposalLetterPaper,
  proposalListPaper,
  registrationListPaper,
  reviewMinutesPaper,
} from '../../files/papers';
import { yearPaper } from '../../files/render-requests';
import { escapeHtml, formatDay, formatNumber, Html } from '../../i18n/format';
import { levelName, t } from '../../i18n/texts';
import { checkReason, titleName, yearErrorText } from '../../i18n/year-text';
import { localTimeOf } from '../../kernel/cron';
import { localDayOf } from '../../kernel/period';
import type { Db } from '../../storage/schema';
import type { Message } from '../../telegram/update-schema';
import type { YearReviewParagraph } from '../reports';
import { scopeOf } from '../use-case';
import { BALLOT_CALLBACK_PREFIX, parseBallotData } from './ballot-token';
import { addToCouncil, councilMembers, openCouncilReview, removeFromCouncil } from './council';
import { writtenVotesCommand } from './council-chat';
import type { CandidateView } from './evidence';
import { flag, flagsOf, unflag } from './flags';
import { recordTitleDecision, titlesOf } from './honours';
import { pledge, unitRegistrations } from './registration';
import { closeReview } from './review-close';
import { lastClosedReview, openReviewsHere, proposedSubjects } from './review-lookup';
import { resultText } from './review-text';
import { openReview, previewReview, type ReviewOpened, type ReviewPreview } from './reviews';
import type { YearRoster } from './roster-port';
import { parseRuleOverrides } from './rule-overrides';
import { castVote } from './voting';
import {
  type PaperKind,
  parseFlagArgs,
  parsePaperArgs,
  parseReviewArgs,
  parseTitleAndYear,
  parseTitleDecision,
  type YearArgsProblem,
} from './year-args';
import {
  proposalLetterInput,
  proposalListInput,
  registrationListInput,
  reviewMinutesInput,
  titleCertificateInput,
} from './year-papers';
import { yearParagraph } from './year-report';
import { parsePledgeWindow, type YearError, type YearScope, type YearSettings } from './year-scope';

/** How the year reads the roster in one update's unit of work. */
export type RosterOf = (db: Db, clock: { readonly now: Date; readonly timeZone: string }) => YearRoster;

/**
 * The year's settings from the deployment's: the registration window (PLEDGE_WINDOW) and the rule figures it sets
 * (YEAR_RULES). Rules that do not fit the titles stop the bot at start, naming each bad part.
 */
export function yearSettingsOf(config: Config): YearSettings {
  const window = config.pledgeWindow === undefined ? undefined : parsePledgeWindow(config.pledgeWindow);
  const overrides = config.yearRules === undefined ? undefined : parseRuleOverrides(config.yearRules);
  if (overrides && !overrides.ok) throw new Error(`YEAR_RULES: ${overrides.error.join('; ')}`);
  return { ...(window && { pledgeWindow: window }), ...(overrides && { ruleOverrides: overrides.value }) };
}

const nameText = (name: OfficialName) => officialName(name);

/** "16:30 10/12/2026", in the campaign's time zone. */
function deadlineText(instant: string, timeZone: string): string {
  const local = localTimeOf(new Date(instant), timeZone);
  const time = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
  return `${time} ${formatDay(localDayOf(new Date(instant), timeZone))}`;
}

/** /report's yearly review paragraph (sơ kết, tổng kết): registrations against proposals and awards. */
export function yearReviewParagraph(rosterOf: RosterOf): YearReviewParagraph {
  return async (scope, caller, input) => {
    const built = await yearParagraph(
      {
        ...scope,
        roster: rosterOf(scope.db, { now: scope.now, timeZone: scope.config.timeZone }),
        settings: yearSettingsOf(scope.config),
      },
      caller,
      { ...input, withoutFigures: true },
    );
    return built.ok ? `<b>${built.value.heading}</b>\n${built.value.paragraph}` : undefined;
  };
}

/** The year's commands and the ballot's buttons. */
export function yearFeature(services: BotServices, rosterOf: RosterOf): Feature {
  const { config } = services;
  const settings = yearSettingsOf(config);

  const yearScope = (ctx: CommandContext | CallbackContext): YearScope => ({
    ...scopeOf(ctx, config),
    roster: rosterOf(ctx.db, { now: ctx.now, timeZone: config.timeZone }),
    settings,
  });
  const refuse = (ctx: CommandContext, error: YearError) => ctx.reply(yearErrorText(ctx.locale, error));
  const argsProblem = (
    ctx: CommandContext,
    problem: YearArgsProblem,
    usage: 'yearChat.pledgeUsage' | 'yearChat.reviewUsage',
  ) => (problem.kind === 'yearChat.usage' ? ctx.replyText(usage) : ctx.replyText(problem.kind, { text: problem.text }));
  const threadOf = (ctx: CommandContext) =>
    ctx.message.is_topic_message ? (ctx.message.message_thread_id ?? undefined) : undefined;
  /** Sends to the caller's private chat; in a group, says so there. */
  const privately = async (ctx: CommandContext, html: string) => {
    ctx.out.send(ctx.from.id, html);
    if (ctx.chat.type !== 'private') await ctx.replyText('yearChat.sentPrivately');
  };
  /** The group's unit, or undefined after answering why there is none. */
  const groupUnit = async (ctx: CommandContext): Promise<number | undefined> => {
    if (ctx.chat.type === 'private') return void (await ctx.replyText('chat.groupOnly'));
    const unitId = ctx.settings?.unitId;
    if (!unitId) return void (await ctx.replyText('chat.notRegistered'));
    return unitId;
  };
  /** The message replied to, when it is a person's (not the bot's, not a topic's header). */
  const repliedPerson = (ctx: CommandContext): Message['from'] | undefined => {
    const replied = ctx.message.reply_to_message;
    if (!replied?.from || replied.from.is_bot || replied.forum_topic_created !== undefined) return undefined;
    if (ctx.message.is_topic_message && replied.message_id === ctx.message.message_thread_id) return undefined;
    return replied.from;
  };

  async function pledgeCommand(ctx: CommandContext) {
    const unitId = await groupUnit(ctx);
    if (unitId === undefined) return;
    const parsed = parseTitleAndYear(ctx.args);
    if (!parsed.ok) return argsProblem(ctx, parsed.error, 'yearChat.pledgeUsage');
    const scope = yearScope(ctx);
    const caller = callerOf(ctx.from);
    if (!parsed.value) {
      const listed = await unitRegistrations(scope, caller, { unitId });
      if (!listed.ok) return refuse(ctx, listed.error);
      const { year, unitName, collective, people } = listed.value;
      const lines = people.length
        ? people.map(
            (person, index) => `\n${index + 1}. ${nameText(person.name)} — ${titleName(ctx.locale, person.title)}`,
          )
        : [` ${ctx.text('yearChat.pledgeNone')}`];
      return ctx.replyText('yearChat.pledgeList', {
        unit: unitName,
        year,
        collective: collective ? titleName(ctx.locale, collective.title) : '',
        lines: new Html(lines.map(escapeHtml).join('')),
        count: people.length,
      });
    }
    const { title, year } = parsed.value;
    const other = repliedPerson(ctx);
    let personId: string | undefined;
    if (other && other.id !== ctx.from.id) {
      const person = await scope.roster.personByUser(other.id);
      if (!person) return ctx.replyText('yearChat.notOnRosterReply');
      personId = person.personId;
    }
    const done = await pledge(scope, caller, {
      unitId,
      title,
      ...(year !== undefined && { year }),
      ...(personId !== undefined && { personId }),
    });
    if (!done.ok) return refuse(ctx, done.error);
    const outcome = done.value;
    const replaced = outcome.replaced ? titleName(ctx.locale, outcome.replaced) : '';
    if (!outcome.person) {
      const unit = (await ctx.directory.units()).byId(unitId);
      return ctx.replyText('yearChat.pledgedUnit', {
        unit: unit?.name ?? '',
        title: titleName(ctx.locale, outcome.title),
        year: outcome.year,
        replaced,
      });
    }
    await ctx.replyText('yearChat.pledged', {
      name: nameText(outcome.person.name),
      title: titleName(ctx.locale, outcome.title),
      year: outcome.year,
      replaced,
    });
  }

  async function flagCommand(ctx: CommandContext) {
    const parsed = parseFlagArgs(ctx.args);
    if (!parsed.ok) return ctx.replyText(parsed.error.kind);
    const unitId = await groupUnit(ctx);
    if (unitId === undefined) return;
    const scope = yearScope(ctx);
    const caller = callerOf(ctx.from);
    const args = parsed.value;
    if (args.kind === 'list') {
      const listed = await flagsOf(scope, caller, { unitId });
      if (!listed.ok) return refuse(ctx, listed.error);
      const unit = (await ctx.directory.units()).byId(unitId)?.name ?? '';
      if (listed.value.length === 0) return privately(ctx, ctx.text('yearChat.flagNone', { unit }));
      const lines = listed.value.map(
        (each) =>
          `\n${ctx.text('yearChat.flagLine', {
            id: each.id,
            name: nameText(each.name),
            kind: ctx.text(`year.flag.${each.kind}`),
            reason: each.reason,
            day: formatDay(localDayOf(new Date(each.flaggedAt), config.timeZone)),
          })}`,
      );
      return privately(ctx, ctx.text('yearChat.flagList', { unit, lines: new Html(lines.join('')) }));
    }
    if (args.kind === 'clear') {
      const cleared = await unflag(scope, caller, { flagId: args.flagId });
      if (!cleared.ok) return refuse(ctx, cleared.error);
      const person = await scope.roster.person(cleared.value.subjectId);
      return privately(
        ctx,
        ctx.text('yearChat.unflagged', { name: person ? nameText(person.name) : cleared.value.subjectId }),
      );
    }
    const other = repliedPerson(ctx);
    if (!other) return ctx.replyText('yearChat.replyNeeded');
    const person = await scope.roster.personByUser(other.id);
    if (!person) return ctx.replyText('yearChat.notOnRosterReply');
    const recorded = await flag(scope, caller, { personId: person.personId, kind: args.flagKind, reason: args.reason });
    if (!recorded.ok) return refuse(ctx, recorded.error);
    await privately(
      ctx,
      ctx.text('yearChat.flagged', {
        id: recorded.value.flagId,
        name: nameText(person.name),
        kind: ctx.text(`year.flag.${args.flagKind}`),
        reason: args.reason.trim(),
      }),
    );
  }

  /**
   * The candidates' evidence, for the commander's eyes: each one's checks (and, when not eligible, why), the year's
   * totals, the campaign's commendations (never counted), earlier titles and flags with their reasons; then the
   * unit's yearly targets and who gets no ballot.
   */
  async function evidenceText(ctx: CommandContext, review: ReviewPreview): Promise<string> {
    const { locale } = ctx;
    const catalog = await ctx.directory.metrics();
    const metricName = (code: string) => catalog.resolve(code)?.name[locale] ?? code;
    const sub = (text: string) => `\n   ${text}`;
    const count = (value: number) => formatNumber(locale, value);
    const lines = review.candidates.map((candidate: CandidateView, index) => {
      const verdict = candidate.eligibility.eligible
        ? t(locale, 'yearChat.eligible')
        : t(locale, 'yearChat.notEligible', {
            reasons: candidate.eligibility.checks
              .filter((check) => check.outcome === 'fail')
              .map((check) => checkReason(locale, check))
              .join(' '),
          });
      const totals = candidate.totals.map((each) => `${metricName(each.metricCode)} ${count(each.total)}`).join(', ');
      const levels = [...new Set(candidate.commendations.map((each) => levelName(locale, each.level)))].join(', ');
      const earlier = candidate.earlierTitles
        .map((record) => `${record.year}: ${titleName(locale, record.title)}`)
        .join(', ');
      const flags = candidate.flags.map((each) =>
        sub(`🔒 ${escapeHtml(`${t(locale, `year.flag.${each.kind}`)}: ${each.reason}`)}`),
      );
      return [
        `\n${index + 1}. ${escapeHtml(nameText(candidate.name))}: ${verdict}`,
        sub(t(locale, 'yearChat.evidenceTotals', { text: totals })),
        sub(t(locale, 'yearChat.evidenceCommendations', { count: candidate.commendations.length, levels })),
        sub(t(locale, 'yearChat.evidenceTitles', { text: earlier })),
        ...flags,
      ].join('');
    });
    const targets = review.targets.map(
      (each) => `${metricName(each.metricCode)} ${count(each.total)}/${count(each.target)} (${each.percent}%)`,
    );
    const tail = [
      ...(targets.length > 0 ? [t(locale, 'yearChat.evidenceTargets', { text: targets.join(', ') })] : []),
      ...(review.unlinked.length > 0
        ? [
            t(locale, 'yearChat.evidenceUnlinked', {
              count: review.unlinked.length,
              names: review.unlinked.map((person) => nameText(person.name)).join(', '),
            }),
          ]
        : []),
    ];
    return t(locale, 'yearChat.evidence', {
      title: titleName(locale, review.title),
      year: review.year,
      ruleSet: review.ruleSet,
      lines: new Html([...lines, ...tail.map((line) => `\n\n${line}`)].join('')),
    });
  }

  const ballotNames = (opened: ReviewOpened) =>
    new Html(
      opened.candidates
        .filter((candidate) => candidate.eligibility.eligible)
        .map((candidate, index) => `\n${index + 1}. ${escapeHtml(nameText(candidate.name))}`)
        .join(''),
    );

  async function reviewCommand(ctx: CommandContext) {
    const unitId = await groupUnit(ctx);
    if (unitId === undefined) return;
    const parsed = parseReviewArgs(ctx.args);
    if (!parsed.ok) return argsProblem(ctx, parsed.error, 'yearChat.reviewUsage');
    const { title, year, hours, preview } = parsed.value;
    if (preview) {
      const previewed = await previewReview(yearScope(ctx), callerOf(ctx.from), {
        unitId,
        title,
        ...(year !== undefined && { year }),
      });
      if (!previewed.ok) return refuse(ctx, previewed.error);
      return privately(ctx, await evidenceText(ctx, previewed.value));
    }
    const opened = await openReview(yearScope(ctx), callerOf(ctx.from), {
      unitId,
      title,
      ...(year !== undefined && { year }),
      ...(hours !== undefined && { closesAt: new Date(ctx.now.getTime() + hours * 3600_000) }),
    });
    if (!opened.ok) return refuse(ctx, opened.error);
    const review = opened.value;
    ctx.out.send(ctx.from.id, await evidenceText(ctx, review));
    await ctx.replyText('yearChat.reviewOpened', {
      title: titleName(ctx.locale, review.title),
      year: review.year,
      unit: (await ctx.directory.units()).byId(unitId)?.name ?? '',
      names: ballotNames(review),
      voters: review.voters,
      unlinked: review.unlinked.length,
      closes: deadlineText(review.closesAt, config.timeZone),
    });
  }

  async function onBallotPress(ctx: CallbackContext) {
    const press = parseBallotData(ctx.data);
    const message = ctx.query.message;
    if (!press || !message) return ctx.answer(t(ctx.locale, 'year.error.notYourBallot'), true);
    const cast = await castVote(yearScope(ctx), callerOf(ctx.from), {
      ...press,
      chatId: message.chat.id,
      messageId: message.message_id,
    });
    if (!cast.ok) return ctx.answer(yearErrorText(ctx.locale, cast.error), true);
    await ctx.answer(t(ctx.locale, 'year.ballot.recorded'));
  }

  async function closeBallotCommand(ctx: CommandContext) {
    let unitId: number | undefined;
    if (ctx.chat.type !== 'private') {
      unitId = ctx.settings?.unitId ?? undefined;
      if (!unitId) return ctx.replyText('chat.notRegistered');
    }
    const parsed = parseTitleAndYear(ctx.args);
    if (!parsed.ok) return argsProblem(ctx, parsed.error, 'yearChat.reviewUsage');
    const scope = yearScope(ctx);
    const caller = callerOf(ctx.from);
    const open = await openReviewsHere(scope, caller, unitId === undefined ? {} : { unitId });
    if (!open.ok) return refuse(ctx, open.error);
    const wanted = parsed.value;
    const matching = open.value.filter(
      (review) =>
        !wanted || (review.title === wanted.title && (wanted.year === undefined || review.year === wanted.year)),
    );
    if (matching.length === 0) return ctx.replyText('yearChat.noOpenReview');
    if (matching.length > 1)
      return ctx.replyText('yearChat.closeUsage', {
        titles: matching.map((review) => `${review.title} ${review.year}`).join(', '),
      });
    const closed = await closeReview(scope, caller, { reviewId: matching[0]!.id });
    if (!closed.ok) return refuse(ctx, closed.error);
    await ctx.reply(resultText(ctx.locale, closed.value, await ctx.directory.units()));
  }

  async function councilCommand(ctx: CommandContext) {
    const scope = yearScope(ctx);
    const caller = callerOf(ctx.from);
    const words = ctx.args.trim().split(/\s+/).filter(Boolean);
    const verb = (words[0] ?? 'list').toLowerCase();
    if (verb === 'list' || verb === 'ds') {
      const members = await councilMembers(scope, caller);
      if (!members.ok) return refuse(ctx, members.error);
      if (members.value.length === 0) return ctx.replyText('yearChat.councilNone');
      const lines = members.value.map(
        (member, index) =>
          `\n${index + 1}. ${escapeHtml('name' in member ? nameText(member.name) : member.personId)}${
            'position' in member && member.position ? ` — ${escapeHtml(member.position)}` : ''
          }`,
      );
      return ctx.replyText('yearChat.councilList', { lines: new Html(lines.join('')), count: members.value.length });
    }
    if (verb === 'phieu' || verb === 'written') return writtenVotesCommand(ctx, scope, words.slice(1).join(' '));
    if (verb === 'add' || verb === 'them' || verb === 'remove' || verb === 'bot') {
      const other = repliedPerson(ctx);
      if (!other) return ctx.replyText('yearChat.councilUsage');
      const person = await scope.roster.personByUser(other.id);
      if (!person) return ctx.replyText('yearChat.notOnRosterReply');
      const adding = verb === 'add' || verb === 'them';
      const done = adding
        ? await addToCouncil(scope, caller, { personId: person.personId })
        : await removeFromCouncil(scope, caller, { personId: person.personId });
      if (!done.ok) return refuse(ctx, done.error);
      return ctx.replyText(adding ? 'yearChat.councilAdded' : 'yearChat.councilRemoved', {
        name: nameText(person.name),
      });
    }
    const parsed = parseReviewArgs(ctx.args);
    if (!parsed.ok)
      return parsed.error.kind === 'yearChat.usage'
        ? ctx.replyText('yearChat.councilUsage')
        : ctx.replyText(parsed.error.kind, { text: parsed.error.text });
    const { title, year, hours } = parsed.value;
    const opened = await openCouncilReview(scope, caller, {
      title,
      ...(year !== undefined && { year }),
      ...(hours !== undefined && { closesAt: new Date(ctx.now.getTime() + hours * 3600_000) }),
    });
    if (!opened.ok) return refuse(ctx, opened.error);
    const review = opened.value;
    ctx.out.send(ctx.from.id, await evidenceText(ctx, review));
    await ctx.replyText('yearChat.councilOpened', {
      title: titleName(ctx.locale, review.title),
      year: review.year,
      names: ballotNames(review),
      voters: review.voters,
      closes: deadlineText(review.closesAt, config.timeZone),
    });
  }

  /** `/titles` alone: the titles by year of the person replied to, or of the caller. */
  async function titlesHeld(ctx: CommandContext) {
    const scope = yearScope(ctx);
    const other = repliedPerson(ctx);
    const person = await scope.roster.personByUser((other ?? ctx.from).id);
    if (!person) return ctx.replyText(other ? 'yearChat.notOnRosterReply' : 'year.error.notOnRoster');
    const held = await titlesOf(scope, callerOf(ctx.from), { subjectId: person.personId });
    if (!held.ok) return refuse(ctx, held.error);
    const name = nameText(person.name);
    if (held.value.length === 0) return ctx.replyText('yearChat.titlesNone', { name });
    const lines = held.value.map(
      (each) =>
        `\n${t(ctx.locale, 'yearChat.titleLine', {
          year: each.year,
          title: titleName(ctx.locale, each.title),
          decision: each.decision ? `${each.decision.number} ${formatDay(each.decision.date)}` : '',
        })}`,
    );
    await ctx.replyText('yearChat.titlesOf', { name, lines: new Html(lines.join('')) });
  }

  async function titlesCommand(ctx: CommandContext) {
    if (ctx.args.trim() === '') return titlesHeld(ctx);
    const parsed = parseTitleDecision(ctx.args);
    if (!parsed.ok) {
      const problem = parsed.error;
      return problem.kind === 'yearChat.decisionUsage'
        ? ctx.replyText(problem.kind)
        : ctx.replyText(problem.kind, { text: problem.text });
    }
    const scope = yearScope(ctx);
    const { title, year, number, date, signer } = parsed.value;
    const other = repliedPerson(ctx);
    let subjectIds: readonly string[];
    if (other) {
      const person = await scope.roster.personByUser(other.id);
      if (!person) return ctx.replyText('yearChat.notOnRosterReply');
      subjectIds = [person.personId];
    } else subjectIds = await proposedSubjects(scope, { year, title });
    const recorded = await recordTitleDecision(scope, callerOf(ctx.from), {
      year,
      title,
      subjectIds,
      number,
      date,
      signer,
    });
    // Nobody named and nobody proposed: the use case finds the decision incomplete once the caller is an admin.
    if (!recorded.ok && recorded.error.kind === 'year.error.decisionIncomplete' && subjectIds.length === 0)
      return ctx.replyText('yearChat.noneProposed', { title: titleName(ctx.locale, title), year });
    if (!recorded.ok) return refuse(ctx, recorded.error);
    const tree = await ctx.directory.units();
    const names: string[] = [];
    for (const subjectId of subjectIds) {
      const unitMatch = /^unit:(\d+)$/.exec(subjectId);
      if (unitMatch) names.push(tree.byId(Number(unitMatch[1]))?.name ?? subjectId);
      else {
        const person = await scope.roster.person(subjectId);
        names.push(person ? nameText(person.name) : subjectId);
      }
    }
    await ctx.replyText('yearChat.titlesRecorded', {
      count: recorded.value.recorded,
      title: titleName(ctx.locale, title),
      year,
      number,
      names: names.join(', '),
    });
  }

  const paperFiles: Readonly<Record<PaperKind, string>> = {
    registration: 'ban-dang-ky-thi-dua',
    minutes: 'bien-ban-binh-xet',
    list: 'danh-sach-de-nghi',
    letter: 'to-trinh',
    certificate: 'chung-nhan-danh-hieu',
  };

  async function paperCommand(ctx: CommandContext) {
    const parsed = parsePaperArgs(ctx.args);
    if (!parsed.ok) return ctx.replyText(parsed.error.kind);
    const unitId = await groupUnit(ctx);
    if (unitId === undefined) return;
    const scope = yearScope(ctx);
    const caller = callerOf(ctx.from);
    const { kind, format, year } = parsed.value;
    const paper = { ...(config.papersPlace && { place: config.papersPlace }), locale: ctx.locale };
    const yearArg = year !== undefined ? { year } : {};
    let drawn: Paper;
    let paperYear: number;
    /** Who a certificate is for, in its file's name. */
    let whose = '';
    if (kind === 'registration') {
      const input = await registrationListInput(scope, caller, { unitId, ...yearArg, paper });
      if (!input.ok) return refuse(ctx, input.error);
      drawn = registrationListPaper(input.value);
      paperYear = input.value.year;
    } else if (kind === 'minutes') {
      if (!(await ctx.directory.commands(ctx.from.id, unitId))) return refuse(ctx, { kind: 'year.error.notCommander' });
      const review = await lastClosedReview(scope, { unitId, ...yearArg });
      if (!review) return ctx.replyText('yearChat.noClosedReview');
      const input = await reviewMinutesInput(scope, caller, { reviewId: review.id, paper });
      if (!input.ok) return refuse(ctx, input.error);
      drawn = reviewMinutesPaper(input.value);
      paperYear = review.year;
    } else if (kind === 'list') {
      const input = await proposalListInput(scope, caller, { unitId, ...yearArg, paper });
      if (!input.ok) return refuse(ctx, input.error);
      drawn = proposalListPaper(input.value);
      paperYear = input.value.year;
    } else if (kind === 'certificate') {
      // The person replied to, or the caller.
      const person = await scope.roster.personByUser((repliedPerson(ctx) ?? ctx.from).id);
      if (!person) return ctx.replyText('yearChat.notOnRosterReply');
      const input = await titleCertificateInput(scope, caller, { personId: person.personId, ...yearArg, paper });
      if (!input.ok) return refuse(ctx, input.error);
      drawn = certificatePaper(input.value);
      whose = `-${person.personId}`;
      paperYear = year ?? Number(input.value.day.slice(0, 4));
    } else {
      const input = await proposalLetterInput(scope, caller, {
        unitId,
        ...yearArg,
        addressee: t(ctx.locale, 'yearChat.addressee'),
        paper,
      });
      if (!input.ok) return refuse(ctx, input.error);
      drawn = proposalLetterPaper(input.value);
      paperYear = input.value.year;
    }
    const unit = (await ctx.directory.units()).byId(unitId);
    // The minutes name who was found ineligible, which can tell a group of a pending discipline: the caller's only.
    const toCaller = kind === 'minutes' && ctx.chat.type !== 'private';
    ctx.out.document(
      toCaller ? ctx.from.id : ctx.chat.id,
      {
        render: yearPaper(drawn, format),
        filename: `${paperFiles[kind]}-${unit?.code ?? unitId}${whose}-${paperYear}.${format}`,
        caption: t(ctx.locale, 'yearChat.paperCaption', {
          kind: t(ctx.locale, `yearChat.paper.${kind}`),
          year: paperYear,
        }),
      },
      toCaller ? {} : { replyTo: ctx.message.message_id, threadId: threadOf(ctx) },
    );
    if (toCaller) await ctx.replyText('yearChat.sentPrivately');
  }

  return {
    commands: {
      pledge: pledgeCommand,
      flag: flagCommand,
      review: reviewCommand,
      closeballot: closeBallotCommand,
      council: councilCommand,
      titles: titlesCommand,
      paper: paperCommand,
    },
    callbacks: { [BALLOT_CALLBACK_PREFIX]: onBallotPress },
    // A ballot's message forgets its buttons once sent (the outbox row is blanked): castVote checks the press
    // itself (the voter's private chat, the message their ballot went out as, a token issued to them).
    buttonRecords: { [BALLOT_CALLBACK_PREFIX]: async () => true },
  };
}
