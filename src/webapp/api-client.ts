import {
  type ApiError,
  AUTH_SCHEME,
  apiPaths,
  type ExportQueued,
  type Me,
  type MetricView,
  type NominationOutcome,
  type NominationsWaiting,
  type Overview,
  type RankingPeriod,
  type ReportView,
  type TrendWeeks,
} from '../features/app/api-types';
import type { Result } from '../kernel/result';
import type { FirstCalls } from './telegram';

export type Answer<T> = Promise<Result<T, ApiError>>;

/** The API as the page calls it: every call sends the init data, none keeps anything between calls. */
export interface ApiClient {
  me(): Answer<Me>;
  overview(unitId: number | null): Answer<Overview>;
  metric(unitId: number, metric: string, weeks: TrendWeeks, period: RankingPeriod): Answer<MetricView>;
  nominations(): Answer<NominationsWaiting>;
  decide(nominationId: number, level: string): Answer<NominationOutcome>;
  recommend(nominationId: number, level: string): Answer<NominationOutcome>;
  reject(nominationId: number, reason: string): Answer<NominationOutcome>;
  report(unitId: number, period: string): Answer<ReportView>;
  requestExport(unitId: number, period: string): Answer<ExportQueued>;
}

/**
 * The API's client for one opening of the page. `firstCalls`: the responses index.html's inline script already
 * asked for (first-calls.ts), used once in place of asking again.
 */
export function createApiClient(initData: string, firstCalls?: FirstCalls): ApiClient {
  let early = firstCalls;
  async function call<T>(path: string, body?: unknown, started?: Promise<Response>): Answer<T> {
    let response: Response;
    try {
      response = await (started ??
        fetch(path, {
          method: body === undefined ? 'GET' : 'POST',
          headers: {
            authorization: `${AUTH_SCHEME} ${initData}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        }));
    } catch {
      return { ok: false, error: { status: 500, kind: 'app.network' } };
    }
    const value: unknown = await response.json().catch(() => undefined);
    if (response.ok) return { ok: true, value: value as T };
    const error = (value as { error?: ApiError } | undefined)?.error;
    return { ok: false, error: error ?? { status: response.status as ApiError['status'], kind: 'app.error' } };
  }
  /** The early response for one of the first screen's calls, handed out once. */
  const taken = (which: keyof FirstCalls): Promise<Response> | undefined => {
    const started = early?.[which];
    if (early) early = { ...early, [which]: undefined };
    return started;
  };
  return {
    me: () => call(apiPaths.me(), undefined, taken('me')),
    overview: (unitId) => call(apiPaths.overview(unitId), undefined, unitId === null ? taken('overview') : undefined),
    metric: (unitId, metric, weeks, period) => call(apiPaths.metric(unitId, metric, weeks, period)),
    nominations: () => call(apiPaths.nominations()),
    decide: (id, level) => call(apiPaths.nominationAction(id, 'decide'), { level }),
    recommend: (id, level) => call(apiPaths.nominationAction(id, 'recommend'), { level }),
    reject: (id, reason) => call(apiPaths.nominationAction(id, 'reject'), { reason }),
    report: (unitId, period) => call(apiPaths.report(unitId, period)),
    requestExport: (unitId, period) => call(apiPaths.export(unitId), { period }),
  };
}
