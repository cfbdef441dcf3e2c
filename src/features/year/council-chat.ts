/**
 * `/council phieu` (`/hoidong phieu`): the council's paper ballots in chat. An admin names the open council vote by
 * its title (and year), the members by their numbers in `/council list`, whether the ballots were cast at the
 * meeting (`comat`), and the sums of yes and no per candidate; `recordWrittenVotes` checks and stores them. The
 * answer repeats the sums only, never who said what.
 */
import type { CommandContext } from '../../bot/context';
import { callerOf } from '../../bot/people';
import { titleName, yearErrorText } from '../../i18n/year-text';
import { councilMembers } from './council';
import { openReviewsHere } from './review-lookup';
import { recordWrittenVotes } from './written-votes';
import { parseWrittenVotes } from './year-args';
import type { YearScope } from './year-scope';

/** Records a batch of paper ballots from `/council phieu <args>`. */
export async function writtenVotesCommand(ctx: CommandContext, scope: YearScope, args: string) {
  const parsed = parseWrittenVotes(args);
  if (!parsed.ok)
    return parsed.error.kind === 'yearChat.badTitle'
      ? ctx.replyText('yearChat.badTitle', { text: parsed.error.text })
      : ctx.replyText('yearChat.writtenUsage');
  const caller = callerOf(ctx.from);
  const open = await openReviewsHere(scope, caller, {});
  if (!open.ok) return ctx.reply(yearErrorText(ctx.locale, open.error));
  const { title, year } = parsed.value;
  const matching = open.value.filter(
    (review) => review.title === title && (year === undefined || review.year === year),
  );
  if (matching.length !== 1) return ctx.replyText('yearChat.noOpenReview');
  const members = await councilMembers(scope, caller);
  if (!members.ok) return ctx.reply(yearErrorText(ctx.locale, members.error));
  const personIds = parsed.value.members.map((number) => members.value[number - 1]?.personId);
  if (personIds.some((personId) => personId === undefined))
    return ctx.reply(yearErrorText(ctx.locale, { kind: 'year.error.notCouncilVoter' }));
  const review = matching[0]!;
  const recorded = await recordWrittenVotes(scope, caller, {
    reviewId: review.id,
    personIds: personIds as string[],
    present: parsed.value.present,
    votes: parsed.value.votes,
  });
  if (!recorded.ok) return ctx.reply(yearErrorText(ctx.locale, recorded.error));
  return ctx.replyText('yearChat.writtenRecorded', {
    count: recorded.value.recorded,
    present: parsed.value.present,
    title: titleName(ctx.locale, review.title),
    year: review.year,
    total: recorded.value.total,
  });
}
