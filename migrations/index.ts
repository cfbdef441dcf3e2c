import type { Migration } from 'kysely';
import { initial } from './0001-initial';
import { seedMetrics } from './0002-seed-metrics';
import { unitDayTotals } from './0003-unit-day-totals';
import { nominations } from './0004-nominations';
import { outbox } from './0005-outbox';
import { weeklyPosts } from './0006-weekly-posts';
import { repliesOutbox } from './0007-replies-outbox';
import { entryAuthor } from './0008-entry-author';
import { retire } from './0009-retire';
import { commendationRecords } from './0010-commendation-records';
import { targetsModels } from './0011-targets-models';
import { replicas } from './0012-replicas';
import { exportRequests } from './0013-export-requests';
import { roster } from './0016-roster';
import { yearCycle } from './0017-year-cycle';
import { yearWrittenVotes } from './0018-year-written-votes';
import { logCaches } from './0019-log-caches';
import type { MigrationDialect } from './columns';

/** Every migration, in order, registered in code so a bundled or installed bot never reads the disk for them. */
export const migrationsFor = (dialect: MigrationDialect): Record<string, Migration> => ({
  '0001-initial': initial(dialect),
  '0002-seed-metrics': seedMetrics,
  '0003-unit-day-totals': unitDayTotals,
  '0004-nominations': nominations(dialect),
  '0005-outbox': outbox(dialect),
  '0006-weekly-posts': weeklyPosts,
  '0007-replies-outbox': repliesOutbox,
  '0010-commendation-records': commendationRecords(dialect),
  '0011-targets-models': targetsModels(dialect),
  '0008-entry-author': entryAuthor,
  '0009-retire': retire,
  '0012-replicas': replicas(dialect),
  '0013-export-requests': exportRequests(dialect),
  '0016-roster': roster(dialect),
  '0017-year-cycle': yearCycle(dialect),
  '0018-year-written-votes': yearWrittenVotes,
  '0019-log-caches': logCaches(dialect),
});
