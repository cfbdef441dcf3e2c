import type { BotServices, CommandContext, Feature } from '../../bot/context';
import { callerOf, nameOf } from '../../bot/people';
import { displayName } from '../../directory/member-store';
import { errorText } from '../../i18n/error-text';
import { formatDay, Html } from '../../i18n/format';
import { t } from '../../i18n/texts';
import { titleName } from '../../i18n/year-text';
import { localDayOf } from '../../kernel/period';
import { phraseOf } from '../nominations';
import { scopeOf } from '../use-case';
import { type HeldTitle, rosterForYear, yearSettingsOf } from '../year';
import { readProfile } from './profile-service';

const NO_HTML = new Html('');

/** /profile (/hoso): one's own record, or the replied-to author's for their commanders and admins. */
export function profileFeature(services: BotServices): Feature {
  const { config } = services;
  const settings = yearSettingsOf(config);

  async function profile(ctx: CommandContext) {
    const replied = ctx.message.reply_to_message;
    const subject = replied?.from && !replied.from.is_bot ? replied.from : ctx.from;
    const read = await readProfile(
      scopeOf(ctx, config),
      callerOf(ctx.from),
      { subjectId: subject.id },
      { roster: rosterForYear(ctx.db, { now: ctx.now, timeZone: config.timeZone }), settings },
    );
    if (!read.ok) return ctx.reply(errorText(ctx.locale, read.error));
    const { member, year, totals, commendations, records, official, titles, prospects } = read.value;
    const tree = await ctx.directory.units();
    const catalog = await ctx.directory.metrics();
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
        phrase: phraseOf(config, locale, nomination.level ?? '', record),
        reason: nomination.reason,
        decision: record
          ? new Html(t(locale, 'profile.decision', { number: record.number, date: formatDay(record.date) }))
          : NO_HTML,
      });
    });
    const unit = official?.unitName ?? (member?.unitId ? tree.byId(member.unitId)?.name : undefined);
    // Rank and position are personal data: only in a private chat, whose reader may read this record (the person,
    // a commander of their unit or above, an admin); a group sees the roster's full name.
    const details = ctx.chat.type === 'private';
    const name = official
      ? details
        ? official.officialName
        : official.fullName
      : member
        ? displayName(member)
        : nameOf(subject);
    const titleText = (held: HeldTitle) => {
      const title = titleName(locale, held.title);
      if (held.source === 'proposed') return t(locale, 'profile.titleProposed', { title });
      const decision = held.decision ?? held.sheet;
      return t(locale, 'profile.pastTitle', {
        title,
        number: decision?.number ?? '',
        date: decision?.date ? formatDay(decision.date) : '',
        level: held.sheet?.level ?? '',
      });
    };
    const years = [...new Set(titles.map((held) => held.year))].sort((a, b) => b - a);
    const pastLines = years.map((year) =>
      t(locale, 'profile.pastLine', {
        year,
        titles: new Html(
          titles
            .filter((held) => held.year === year)
            .map(titleText)
            .join('; '),
        ),
      }),
    );
    const thisYear = Number(year.from.slice(0, 4));
    const prospectLines = prospects.map(({ year: reviewYear, prospect }) =>
      t(locale, prospect.ifEarnedThisYear ? 'profile.prospectIf' : 'profile.prospect', {
        title: titleName(locale, prospect.title),
        year: reviewYear,
        next: reviewYear > thisYear,
        of: titleName(locale, prospect.of),
        years: prospect.ifEarnedThisYear ? prospect.years - 1 : prospect.years,
        needed: prospect.needed,
      }),
    );
    await ctx.reply(
      [
        t(locale, 'profile.header', { name, unit: unit ?? t(locale, 'profile.noUnit') }),
        ...(details && official?.position ? [t(locale, 'profile.position', { position: official.position })] : []),
        t(locale, 'profile.totalsHeader', { year: thisYear }),
        ...(totalLines.length > 0 ? totalLines : [t(locale, 'profile.noTotals')]),
        t(locale, 'profile.commendationsHeader'),
        ...(commendationLines.length > 0 ? commendationLines : [t(locale, 'profile.noCommendations')]),
        ...(pastLines.length > 0 ? [t(locale, 'profile.pastHeader'), ...pastLines] : []),
        ...(prospectLines.length > 0 ? [t(locale, 'profile.prospectsHeader'), ...prospectLines] : []),
      ].join('\n'),
    );
  }

  return { commands: { profile } };
}
