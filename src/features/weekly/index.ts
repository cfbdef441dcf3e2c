/** What other layers may use of the weekly posts: the /digest feature, the jobs that plan and queue the posts. */

export { weeklyFeature } from './weekly-chat';
export { catchUp, type JobDeps, missedFirings, periodAt, runJob, runJobForPeriod, staleAfter } from './weekly-jobs';
export { type PlannedPost, planPosts, unreachableNotice, type WeeklyDeps } from './weekly-posts';
