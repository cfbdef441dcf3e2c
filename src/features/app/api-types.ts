/**
 * The JSON contract between the commanders' web app (src/webapp/) and its API (app-http.ts): the shapes, the paths
 * and the AppApi port the server implements on top of the use cases. Types and a few pure path helpers only, so the
 * page may import this one file of src/features/ (the layer test allows exactly that).
 *
 * Every call carries `Authorization: tma <initData>`. Failures answer `{ "error": ApiError }` with the status:
 * 401 init data missing, forged or older than the maximum age (the page says to open it from Telegram); 403 a unit
 * or nomination outside what the caller may see; 404 no such unit, metric or nomination; 400 bad input (a period the
 * /baocao parser refuses, a reason too short); 409 the nomination was decided meanwhile.
 */
import type { IsoDay } from '../../kernel/day';
import type { Locale } from '../../kernel/locale';
import type { Result } from '../../kernel/result';

/** A unit as the page names it. */
export interface UnitRef {
  readonly id: number;
  readonly code: string;
  readonly name: string;
}

/** A metric with its names in the caller's language. */
export interface MetricRef {
  readonly code: string;
  readonly name: string;
  /** "thẻ", "xe": what one counts. */
  readonly countUnit: string;
}

/** A run of days and how the caller's language names it ("Tuần 24/11–30/11/2026", "Tháng 11/2026"). */
export interface PeriodRef {
  readonly from: IsoDay;
  readonly to: IsoDay;
  readonly label: string;
}

/** Where the caller may look: a unit and everything under it. */
export interface Scope {
  readonly unit: UnitRef;
  /** commander: a unit they command; member: their own unit (what its group's /baocao shows); admin: a root. */
  readonly role: 'commander' | 'member' | 'admin';
}

/** GET /api/me: who is calling, what they may open, and what the page needs to draw its menus. */
export interface Me {
  readonly userId: number;
  readonly name: string;
  /** The language of the caller's private chat with the bot, else their Telegram client's, else Vietnamese. */
  readonly locale: Locale;
  readonly admin: boolean;
  /** In tree order: the units they command, then their own unit; for an admin, the roots. Empty: nothing to show. */
  readonly scopes: readonly Scope[];
  /** The unit the page opens on: the direct link's `startapp` unit when visible, else the first scope's. */
  readonly home: number | null;
  /** The metric catalog (in use), in catalog order. */
  readonly metrics: readonly MetricRef[];
  /** How many nominations wait for the caller's decision (the tab's badge). */
  readonly waitingNominations: number;
}

/**
 * One metric's figures for a unit. `week` and `month` run from the period's first day to today; the `previous`
 * figures cover the same number of days at the start of the period before (Monday–Wednesday against last
 * Monday–Wednesday), so a change is never a part period against a whole one.
 */
export interface MetricFigures {
  readonly metric: string;
  readonly week: number;
  readonly previousWeek: number;
  readonly month: number;
  readonly previousMonth: number;
  /** The month's target (the unit's own, else its sub-units' added up, as /report counts); null: none set. */
  readonly monthTarget: number | null;
  /** month / monthTarget in %, rounded down (99.6% never reads as done); null without a target. */
  readonly monthPercent: number | null;
}

/** A sub-unit's row in an overview: its whole subtree rolled up. */
export interface ChildRow {
  readonly unit: UnitRef;
  /** How many active units are directly below it (0: a leaf; the page still opens it). */
  readonly subUnits: number;
  readonly figures: readonly MetricFigures[];
}

/** An officer of the roster who logged nothing this week (with the roster issue; absent until then). */
export interface PersonRef {
  readonly name: string;
  readonly unit: UnitRef;
}

/** GET /api/overview (the caller's home unit) or /api/overview/<unitId>. */
export interface Overview {
  readonly unit: UnitRef;
  /** The units above it that the caller may open, the top first: the way back up. */
  readonly path: readonly UnitRef[];
  readonly week: PeriodRef;
  readonly month: PeriodRef;
  /** The metrics the figures below mention, in catalog order. */
  readonly metrics: readonly MetricRef[];
  /** The unit with everything under it, per metric with anything logged or a target set. */
  readonly total: readonly MetricFigures[];
  /** The unit's own entries (not its sub-units'), when it has sub-units; null for a leaf. */
  readonly own: readonly MetricFigures[] | null;
  /** Its active sub-units in tree order. */
  readonly children: readonly ChildRow[];
  /** Units of the subtree (those with a group) that logged nothing this week. */
  readonly silentUnits: readonly UnitRef[];
  readonly silentPeople?: readonly PersonRef[];
}

/** One week of a trend. */
export interface WeekPoint {
  /** ISO week, "2026-W48". */
  readonly week: string;
  readonly from: IsoDay;
  readonly total: number;
}

/** A sub-unit ranked by one metric, with its subtree. */
export interface RankRow {
  readonly unit: UnitRef;
  /** 1 for the first; equal totals share a rank, as /top ranks them. */
  readonly rank: number;
  readonly total: number;
  readonly subUnits: number;
}

/** The weeks a trend can cover. */
export const TREND_WEEKS = [8, 52] as const;
export type TrendWeeks = (typeof TREND_WEEKS)[number];
/** The periods a ranking can cover. */
export const RANKING_PERIODS = ['week', 'month'] as const;
export type RankingPeriod = (typeof RANKING_PERIODS)[number];

/** GET /api/units/<unitId>/metrics/<code>?weeks=8|52&period=week|month. */
export interface MetricView {
  readonly unit: UnitRef;
  readonly metric: MetricRef;
  /** Oldest first; the last point is this week so far. The unit with its subtree. */
  readonly trend: readonly WeekPoint[];
  readonly ranking: {
    readonly period: PeriodRef;
    /** Its sub-units, best first (empty for a leaf). */
    readonly rows: readonly RankRow[];
    /** The unit's own entries, shown apart as /top does. */
    readonly own: number;
  };
}

/** A commendation level as the caller's language names it. */
export interface LevelRef {
  readonly code: string;
  readonly name: string;
  /** Decided outside the bot: "deciding" it proposes it (đề nghị) rather than awards it. */
  readonly proposal: boolean;
}

/** What the caller may do with a nomination, as the card's buttons would let them. */
export type NominationAction =
  | { readonly kind: 'decide'; readonly level: string }
  | { readonly kind: 'recommend'; readonly level: string }
  | { readonly kind: 'reject' };

/** A nomination waiting for the caller. */
export interface WaitingNomination {
  readonly id: number;
  readonly nominee: string;
  readonly unit: UnitRef;
  readonly nominator: string;
  readonly reason: string;
  readonly day: IsoDay;
  readonly endorsements: number;
  /** Recommendations upward so far, oldest first; `at` is an ISO instant. */
  readonly recommendations: readonly { readonly level: string; readonly by: string; readonly at: string }[];
  readonly actions: readonly NominationAction[];
  /** A t.me link to the card in its group, when it can be linked. */
  readonly cardLink: string | null;
}

/** GET /api/nominations: oldest first, as /decu lists them. */
export interface NominationsWaiting {
  readonly levels: readonly LevelRef[];
  /** The shortest reason a rejection takes (MIN_REASON_LENGTH), so the page says so before sending. */
  readonly minReasonLength: number;
  readonly nominations: readonly WaitingNomination[];
}

/** POST /api/nominations/<id>/decide {level}, /recommend {level}, /reject {reason}: where it stands afterwards. */
export interface NominationOutcome {
  readonly id: number;
  readonly status: 'pending' | 'approved' | 'rejected';
  /** The level decided (approved) or, while pending, the highest recommended; null otherwise. */
  readonly level: string | null;
}

/** A metric's total in a report, against its target over the period when one applies. */
export interface ReportTotal {
  readonly metric: MetricRef;
  readonly total: number;
  readonly target: number | null;
  readonly percent: number | null;
}

/** GET /api/units/<unitId>/report?period=<as /baocao takes it>. */
export interface ReportView {
  readonly unit: UnitRef;
  readonly period: PeriodRef;
  /** The /baocao paragraph as plain text (no HTML), ready to paste. */
  readonly paragraph: string;
  readonly totals: readonly ReportTotal[];
}

/** POST /api/units/<unitId>/export {period}: 202, the files go to the caller's private chat through the outbox. */
export interface ExportQueued {
  readonly period: PeriodRef;
  readonly formats: readonly ('xlsx' | 'csv')[];
}

/** Periods the page offers, in the words /baocao and /xuat take (parse-report.ts reads them). */
export const PERIOD_WORDS = ['tuan', 'tuan-truoc', 'thang', 'thang-truoc', 'quy', 'nam'] as const;
export type PeriodWord = (typeof PERIOD_WORDS)[number];
/** A run of whole months as /baocao takes it: "05/2021-08/2021". */
export const monthsPeriod = (from: { year: number; month: number }, to: { year: number; month: number }): string =>
  `${String(from.month).padStart(2, '0')}/${from.year}-${String(to.month).padStart(2, '0')}/${to.year}`;

/** The body of every failed call. `message` is in the caller's language when the server knows who asked. */
export interface ApiError {
  readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 500;
  /** A text key (`auth.expired`, `app.forbidden`, `nomination.alreadyDecided`…). */
  readonly kind: string;
  readonly message?: string;
}
export interface ApiErrorBody {
  readonly error: ApiError;
}

/** What an AppApi method may refuse with (401 is the handler's alone, before any method runs). */
export type ApiFailure = Omit<ApiError, 'status'> & { readonly status: 400 | 403 | 404 | 409 };
export type ApiResult<T> = Promise<Result<T, ApiFailure>>;

/** The person calling, from init data whose signature and age were checked. */
export interface AppCaller {
  readonly userId: number;
  readonly firstName: string;
  readonly lastName: string | null;
  readonly username: string | null;
  readonly languageCode: string | null;
  /** The direct link's `startapp` parameter (a unit code), when the app was opened through one. */
  readonly startParam: string | null;
}

/**
 * The port the HTTP handler calls: one method per route. The lead implements it on the use cases (which check
 * authority themselves: 403 for a unit outside the caller's scopes); tests and the benchmark pass a fake.
 */
export interface AppApi {
  me(caller: AppCaller): ApiResult<Me>;
  /** unitId null: the caller's home unit. */
  overview(caller: AppCaller, unitId: number | null): ApiResult<Overview>;
  metric(
    caller: AppCaller,
    query: { unitId: number; metric: string; weeks: TrendWeeks; period: RankingPeriod },
  ): ApiResult<MetricView>;
  nominations(caller: AppCaller): ApiResult<NominationsWaiting>;
  decide(caller: AppCaller, input: { nominationId: number; level: string }): ApiResult<NominationOutcome>;
  recommend(caller: AppCaller, input: { nominationId: number; level: string }): ApiResult<NominationOutcome>;
  reject(caller: AppCaller, input: { nominationId: number; reason: string }): ApiResult<NominationOutcome>;
  report(caller: AppCaller, query: { unitId: number; period: string }): ApiResult<ReportView>;
  requestExport(caller: AppCaller, input: { unitId: number; period: string }): ApiResult<ExportQueued>;
}

/** The API's paths, as the page calls them and the handler's routes match them. */
export const apiPaths = {
  me: () => '/api/me',
  overview: (unitId: number | null) => (unitId === null ? '/api/overview' : `/api/overview/${unitId}`),
  metric: (unitId: number, metric: string, weeks: TrendWeeks, period: RankingPeriod) =>
    `/api/units/${unitId}/metrics/${encodeURIComponent(metric)}?weeks=${weeks}&period=${period}`,
  nominations: () => '/api/nominations',
  nominationAction: (nominationId: number, action: 'decide' | 'recommend' | 'reject') =>
    `/api/nominations/${nominationId}/${action}`,
  report: (unitId: number, period: string) => `/api/units/${unitId}/report?period=${encodeURIComponent(period)}`,
  export: (unitId: number) => `/api/units/${unitId}/export`,
} as const;

/** The header the page sends and the handler reads: `Authorization: tma <initData>`. */
export const AUTH_SCHEME = 'tma';
