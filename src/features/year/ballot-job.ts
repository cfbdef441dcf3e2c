/**
 * The ballots' deadline (the scheduler runs it every minute): closes every review whose deadline has come, in one
 * unit of work, and posts each count to its unit's groups (a council's to whoever opened it, privately). Two
 * processes may run it at once: the count takes the review's row lock, and a review closed meanwhile is skipped.
 */
import type { Config } from '../../config';
import { boundGroups } from '../../directory/chat-store';
import type { Directory } from '../../directory/directory';
import { isLocale } from '../../kernel/locale';
import { enqueueNewPosts, type OutboxPost } from '../../outbox/outbox-store';
import type { Db } from '../../storage/schema';
import { inTransaction } from '../../storage/unit-of-work';
import { closeDueReviews } from './review-close';
import { resultText } from './review-text';
import type { RosterOf } from './year-chat';
import { yearSettingsOf } from './year-chat';
import { privateLocaleOf, type YearScope } from './year-scope';

/** The outbox job of the counts posted at a deadline; its period is the review's id. */
export const BALLOT_RESULT_JOB = 'year-result';

export interface BallotJobDeps {
  readonly db: Db;
  readonly directory: Directory;
  readonly config: Config;
  readonly now: Date;
  readonly rosterOf: RosterOf;
}

/** Closes the reviews due at `now` and queues their counts; returns how many posts it queued. */
export async function closeDueBallots(deps: BallotJobDeps): Promise<number> {
  const { config, now } = deps;
  let view: ReturnType<Directory['within']> | undefined;
  const queued = await inTransaction(deps.db, async (trx) => {
    view = deps.directory.within(trx);
    const scope: YearScope = {
      db: trx,
      directory: view,
      config,
      now,
      roster: deps.rosterOf(trx, { now, timeZone: config.timeZone }),
      settings: yearSettingsOf(config),
    };
    const results = await closeDueReviews(scope);
    if (results.length === 0) return 0;
    const tree = await view.units();
    const groups = await boundGroups(trx);
    const posts: OutboxPost[] = [];
    for (const result of results) {
      const chats =
        result.unitId === undefined
          ? [{ chatId: result.openedBy, locale: await privateLocaleOf(scope, result.openedBy) }]
          : await Promise.all(
              (groups.get(result.unitId) ?? []).map(async (group) => {
                const stored = (await view!.chat(group.chatId))?.locale;
                return {
                  chatId: group.chatId,
                  locale: stored && isLocale(stored) ? stored : config.defaultLocale,
                };
              }),
            );
      for (const chat of chats)
        posts.push({
          job: BALLOT_RESULT_JOB,
          period: String(result.reviewId),
          chatId: chat.chatId,
          html: resultText(chat.locale, result, tree),
        });
    }
    return (await enqueueNewPosts(trx, posts, now)).length;
  });
  view?.committed();
  return queued;
}
