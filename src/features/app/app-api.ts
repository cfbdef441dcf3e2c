import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import type { Directory } from '../../directory/directory';
import { t } from '../../i18n/texts';
import { enqueueReplies } from '../../outbox/outbox-store';
import { Outgoing } from '../../outbox/outgoing';
import { type Dialect, retryWhileBusy } from '../../storage/connect';
import type { Db } from '../../storage/schema';
import { runUnitOfWork } from '../../storage/unit-of-work';
import type { Caller, TellingScope } from '../use-case';
import type { ApiResult, AppApi, AppCaller } from './api-types';
import {
  type AppContext,
  appDecide,
  appExport,
  appMe,
  appMetric,
  appNominations,
  appOverview,
  appRecommend,
  appReject,
  appReport,
} from './app-service';

export interface AppApiDeps {
  readonly db: Db;
  readonly dialect: Dialect;
  /** The bot's cached directory: each request works on it bound to its own transaction. */
  readonly directory: Directory;
  readonly config: Config;
  readonly clock: Clock;
  /** Told after a request committed messages (a card's edit, an export's acknowledgement): the sender delivers them. */
  readonly onCommitted: () => void;
}

/**
 * The AppApi the HTTP handler calls, on the app's use cases: each request is one unit of work, as a chat update is
 * (a transaction, the directory bound to it, an outbox written with the effect and sent after the commit).
 */
export function createAppApi(deps: AppApiDeps): AppApi {
  const { db, dialect, directory, config, clock } = deps;
  const moreText = (dropped: number) => t(config.defaultLocale, 'list.more', { count: dropped });

  const callerOf = (caller: AppCaller): Caller => ({
    userId: caller.userId,
    profile: {
      userId: caller.userId,
      firstName: caller.firstName,
      lastName: caller.lastName,
      username: caller.username,
    },
  });
  const contextOf = (caller: AppCaller): AppContext => ({
    languageCode: caller.languageCode,
    startParam: caller.startParam,
  });

  async function run<T>(caller: AppCaller, work: (scope: TellingScope, who: Caller) => ApiResult<T>): ApiResult<T> {
    let scoped: ReturnType<Directory['within']> | undefined;
    let queued = 0;
    const result = await retryWhileBusy(() =>
      runUnitOfWork(db, dialect, async (trx) => {
        const now = clock.now();
        scoped = directory.within(trx);
        const out = new Outgoing(moreText);
        const done = await work({ db: scoped.db, directory: scoped, config, now, out }, callerOf(caller));
        // A refusal stores nothing and tells nobody.
        queued = done.ok ? await enqueueReplies(trx, `app:${randomUUID()}`, out.replies, now) : 0;
        return done;
      }),
    );
    scoped?.committed();
    if (queued > 0) deps.onCommitted();
    return result;
  }

  return {
    me: (caller) => run(caller, (scope, who) => appMe(scope, who, contextOf(caller))),
    overview: (caller, unitId) =>
      run(caller, (scope, who) => appOverview(scope, who, { ...contextOf(caller), unitId })),
    metric: (caller, query) => run(caller, (scope, who) => appMetric(scope, who, { ...contextOf(caller), ...query })),
    nominations: (caller) => run(caller, (scope, who) => appNominations(scope, who, contextOf(caller))),
    decide: (caller, input) => run(caller, (scope, who) => appDecide(scope, who, { ...contextOf(caller), ...input })),
    recommend: (caller, input) =>
      run(caller, (scope, who) => appRecommend(scope, who, { ...contextOf(caller), ...input })),
    reject: (caller, input) => run(caller, (scope, who) => appReject(scope, who, { ...contextOf(caller), ...input })),
    report: (caller, query) => run(caller, (scope, who) => appReport(scope, who, { ...contextOf(caller), ...query })),
    requestExport: (caller, input) =>
      run(caller, (scope, who) => appExport(scope, who, { ...contextOf(caller), ...input })),
  };
}
