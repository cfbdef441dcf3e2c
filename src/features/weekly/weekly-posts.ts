import { displayName, findMember } from '../../directory/member-store';
import { loadMetricCatalog } from '../../directory/metric-store';
import { commanderRoles } from '../../directory/role-store';
import { loadUnits } from '../../directory/unit-store';
import { mention } from '../../i18n/format';
import { t } from '../../i18n/texts';
import { startOfLocalDay } from '../../kernel/cron';
import type { JobName, JobPeriod } from '../../kernel/job-period';
import { isLocale, type Locale } from '../../kernel/locale';
import type { MetricCatalog } from '../../kernel/metric';
import { addDays } from '../../kernel/period';
import { createUnitTree, type UnitTree } from '../../kernel/units';
import type { Db } from '../../storage/schema';
import { type CommendationLevel, proposalCodes } from '../nominations';
import { boundGroups, chatLocales, unreachableChats } from '../settings';
import { unitTotals } from '../tally';
import { digestChart, leaderboardChart, type WeeklyChart } from './weekly-charts';
import { digestReport, leaderboardReport, loadWeekData, rootsOf, treeRoots, type WeekData } from './weekly-figures';
import { renderDigest, renderLeaderboard, renderReminder } from './weekly-posts-text';

/** The settings the weekly posts read: a slice of the config, declared here so services need not import it. */
export interface WeeklySettings {
  readonly timeZone: string;
  readonly defaultLocale: Locale;
  /** Days (YYYY-MM-DD) without reminders. */
  readonly holidays: readonly string[];
  readonly provinceDigestChatId: number | undefined;
  /** Which levels are proposals, for the words of the commendations listed ("được đề nghị tặng …"). */
  readonly commendationAuthorities?: readonly CommendationLevel[];
  /** Whether the leaderboard and the digest come with a chart photo (WEEKLY_CHARTS); on unless false. */
  readonly weeklyCharts?: boolean;
}

/** What the weekly posts need to know. */
export interface WeeklyDeps {
  readonly db: Db;
  readonly config: WeeklySettings;
}

/** The job name of the notice, in a commander's group, that their digest could not reach them. */
export const UNREACHABLE_NOTICE = 'digest-unreachable';

/** The job names of the chart photos beside the leaderboard and the digest: their own outbox keys. */
export const CHART_JOBS = { leaderboard: 'leaderboard-chart', digest: 'digest-chart' } as const;

/** One post to make: with the job and period, the chat is its unique key in the outbox. */
export interface PlannedPost {
  readonly job: JobName | typeof UNREACHABLE_NOTICE;
  readonly period: string;
  readonly chatId: number;
  readonly threadId?: number | null;
  readonly html: string;
  /** After this instant the post is stale and must not go out (reminders: the end of their day). */
  readonly expiresAt?: Date;
  /**
   * The photo to send right after the post, in the same chat and thread, under its own job name (same period and
   * chat): queued only together with its post, so a post queued before is never followed by a late photo.
   */
  readonly chart?: WeeklyChart & { readonly job: (typeof CHART_JOBS)[keyof typeof CHART_JOBS] };
}

interface Sources {
  readonly tree: UnitTree;
  readonly catalog: MetricCatalog;
}

async function sources(db: Db): Promise<Sources> {
  const [units, catalog] = await Promise.all([loadUnits(db), loadMetricCatalog(db)]);
  return { tree: createUnitTree(units), catalog };
}

/** The one digest, whoever asks: the weekly job (one week's data for every recipient) and /digest alike. */
function digestHtml(
  from: Sources,
  data: WeekData,
  rootIds: readonly number[],
  locale: Locale,
  proposals: ReadonlySet<string> = new Set(),
): string {
  return renderDigest(locale, digestReport(from.tree, from.catalog, data, rootIds), proposals);
}

/** The language of each chat: its own choice, else the default. */
async function localesOf(deps: WeeklyDeps, chatIds: readonly number[]): Promise<(chatId: number) => Locale> {
  const stored = await chatLocales(deps.db, chatIds);
  return (chatId) => {
    const chosen = stored.get(chatId);
    return chosen && isLocale(chosen) ? chosen : deps.config.defaultLocale;
  };
}

/** Each commander's top commanded units (a unit under another they command is covered by it). */
async function commanderScopes(db: Db, tree: UnitTree): Promise<Map<number, number[]>> {
  const byUser = new Map<number, number[]>();
  for (const role of await commanderRoles(db))
    byUser.set(role.userId, [...(byUser.get(role.userId) ?? []), role.unitId]);
  return new Map([...byUser].map(([userId, unitIds]) => [userId, rootsOf(tree, unitIds).map((unit) => unit.id)]));
}

/**
 * The digest of the subtrees under `rootIds` for the period, and with `charts` its photo: the one service behind
 * both the weekly job and /digest. Undefined when none of the units exists any more.
 */
export async function composeDigest(
  db: Db,
  request: {
    rootIds: readonly number[] | 'province';
    period: JobPeriod;
    locale: Locale;
    timeZone: string;
    commendationAuthorities?: readonly CommendationLevel[];
    /** With the 8-week chart of the digest's photo, when there is data. */
    charts?: boolean;
  },
): Promise<{ html: string; chart?: WeeklyChart } | undefined> {
  const from = await sources(db);
  const rootIds = request.rootIds === 'province' ? treeRoots(from.tree).map((unit) => unit.id) : request.rootIds;
  const roots = rootsOf(from.tree, rootIds);
  if (roots.length === 0) return undefined;
  const charts = request.charts ?? false;
  const data = await loadWeekData(db, from.tree, request.period, request.timeZone, { trend: charts });
  const html = digestHtml(from, data, rootIds, request.locale, proposalCodes(request.commendationAuthorities));
  const chart = charts ? digestChart(from.tree, from.catalog, data, roots, request.locale) : undefined;
  return { html, ...(chart && { chart }) };
}

/**
 * The posts one firing of a job makes for its period: a leaderboard per registered group; a digest per reachable
 * commander (and the province digest to its command group); a reminder per group whose unit (with everything
 * under it) logged nothing so far this week and that has reminders on, none on a holiday.
 */
export async function planPosts(deps: WeeklyDeps, job: JobName, period: JobPeriod): Promise<PlannedPost[]> {
  const { db, config } = deps;
  const from = await sources(db);
  const { tree, catalog } = from;
  const groups = await boundGroups(db);
  const localeOf = await localesOf(
    deps,
    groups.map((group) => group.chatId),
  );

  if (job === 'reminder') {
    if (period.lastDay !== undefined && config.holidays.includes(period.lastDay)) return [];
    const expiresAt = period.lastDay ? startOfLocalDay(addDays(period.lastDay, 1), config.timeZone) : undefined;
    const logged = new Set((await unitTotals(db, { unitIds: 'all', range: period.range })).map((row) => row.unitId));
    return groups.flatMap((group) => {
      const unit = tree.byId(group.unitId);
      if (!unit || !group.settings.reminders || tree.subtreeIds(unit.id).some((id) => logged.has(id))) return [];
      const html = renderReminder(localeOf(group.chatId), unit.name, period);
      return [
        {
          job,
          period: period.label,
          chatId: group.chatId,
          threadId: group.settings.postsThreadId,
          html,
          ...(expiresAt && { expiresAt }),
        },
      ];
    });
  }

  const charts = config.weeklyCharts !== false;
  const data = await loadWeekData(db, tree, period, config.timeZone, { trend: charts && job === 'digest' });
  if (job === 'leaderboard') {
    return groups.flatMap((group) => {
      const report = leaderboardReport(tree, catalog, data, group.unitId);
      if (!report) return [];
      const locale = localeOf(group.chatId);
      const chart = charts ? leaderboardChart(tree, catalog, data, group.unitId, locale) : undefined;
      return [
        {
          job,
          period: period.label,
          chatId: group.chatId,
          threadId: group.settings.postsThreadId,
          html: renderLeaderboard(locale, report, proposalCodes(config.commendationAuthorities)),
          ...(chart && { chart: { ...chart, job: CHART_JOBS.leaderboard } }),
        },
      ];
    });
  }

  const scopes = await commanderScopes(db, tree);
  const unreachable = await unreachableChats(db, [...scopes.keys()]);
  const recipients = [...scopes].filter(([userId, roots]) => !unreachable.has(userId) && roots.length > 0);
  const provinceChat = config.provinceDigestChatId;
  const chatLocale = await localesOf(deps, [
    ...recipients.map(([userId]) => userId),
    ...(provinceChat !== undefined ? [provinceChat] : []),
  ]);
  const digestTo = (chatId: number, rootIds: readonly number[]): PlannedPost => {
    const locale = chatLocale(chatId);
    const chart = charts ? digestChart(tree, catalog, data, rootsOf(tree, rootIds), locale) : undefined;
    return {
      job,
      period: period.label,
      chatId,
      html: digestHtml(from, data, rootIds, locale, proposalCodes(config.commendationAuthorities)),
      ...(chart && { chart: { ...chart, job: CHART_JOBS.digest } }),
    };
  };
  const posts = recipients.map(([userId, roots]) => digestTo(userId, roots));
  const province = treeRoots(tree).map((unit) => unit.id);
  if (provinceChat !== undefined && province.length > 0) posts.push(digestTo(provinceChat, province));
  return posts;
}

/**
 * The notice, in a commander's unit group, that their digest cannot reach them (they never opened a private chat
 * with the bot), with a link that opens it. Keyed by when Telegram first refused them, so each such spell is told
 * once, however many processes or posts fail. Undefined for someone who commands nothing, or no unit with a group.
 */
export async function unreachableNotice(
  deps: WeeklyDeps & { botUsername: string },
  request: { userId: number; since: string },
): Promise<PlannedPost | undefined> {
  const { db } = deps;
  const { tree } = await sources(db);
  const roots = (await commanderScopes(db, tree)).get(request.userId) ?? [];
  const groups = await boundGroups(db);
  // Their own unit's group first, else the first group under it.
  const group =
    groups.find((g) => roots.includes(g.unitId)) ??
    groups.find((g) => roots.some((root) => tree.subtreeIds(root).includes(g.unitId)));
  if (!group) return undefined;
  const member = await findMember(db, request.userId);
  const locale = (await localesOf(deps, [group.chatId]))(group.chatId);
  return {
    job: UNREACHABLE_NOTICE,
    period: request.since,
    chatId: group.chatId,
    html: t(locale, 'digest.unreachable', {
      commander: mention(request.userId, member ? displayName(member) : String(request.userId)),
      link: `https://t.me/${deps.botUsername}?start=digest`,
    }),
  };
}
