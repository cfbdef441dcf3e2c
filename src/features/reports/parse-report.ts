import type { IsoDay } from '../../kernel/day';
import type { Metric, MetricCatalog } from '../../kernel/metric';
import { matchMetric } from '../../kernel/parsing/match-metric';
import { parseReportPeriod } from '../../kernel/parsing/parse-period';
import { monthOf } from '../../kernel/period';
import type { ReportPeriod } from '../../kernel/report';
import { err, ok, type Result } from '../../kernel/result';

/** A parsed /report or /export: an optional unit code and the period (this month when none is given). */
export interface ReportCommand {
  readonly unitCode: string | undefined;
  readonly period: ReportPeriod;
}

/** Why /report's arguments were refused; the kind is the reply's text key. */
export type ReportParseError =
  | { readonly kind: 'report.usage' }
  | { readonly kind: 'report.badPeriod'; period: string };

const UNIT_CODE = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Parses "/report [UNIT] [period]": a unit code first when the words are more than a period; this month by
 * default. A lone word that is no period but reads like a unit code is taken as the unit.
 */
export function parseReportArgs(args: string, today: IsoDay): Result<ReportCommand, ReportParseError> {
  const words = args
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length === 0) return ok({ unitCode: undefined, period: { kind: 'month', range: monthOf(today) } });
  const whole = parseReportPeriod(words.join(' '), today);
  if (whole) return ok({ unitCode: undefined, period: whole });
  const [first = '', ...rest] = words;
  if (!UNIT_CODE.test(first)) return err({ kind: 'report.badPeriod', period: words.join(' ') });
  if (rest.length === 0) return ok({ unitCode: first.toUpperCase(), period: { kind: 'month', range: monthOf(today) } });
  const period = parseReportPeriod(rest.join(' '), today);
  if (!period) return err({ kind: 'report.badPeriod', period: rest.join(' ') });
  return ok({ unitCode: first.toUpperCase(), period });
}

/** A parsed /chart: a metric (or none: the busiest one) and a period (this month by default). */
export interface ChartCommand {
  readonly metric: Metric | undefined;
  readonly period: ReportPeriod;
}

/** Parses "/chart [metric] [period]": a metric name first (an alias of several words too), then the period. */
export function parseChartArgs(
  args: string,
  catalog: MetricCatalog,
  today: IsoDay,
): Result<ChartCommand, ReportParseError> {
  const words = args
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  const named = words.length > 0 ? matchMetric(catalog, words, 0) : undefined;
  const rest = named ? words.slice(named.consumed) : words;
  if (rest.length === 0) return ok({ metric: named?.metric, period: { kind: 'month', range: monthOf(today) } });
  const period = parseReportPeriod(rest.join(' '), today);
  if (!period) return err({ kind: 'report.badPeriod', period: rest.join(' ') });
  return ok({ metric: named?.metric, period });
}
