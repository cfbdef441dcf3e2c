import type { IsoDay } from '../../kernel/day';
import { foldText } from '../../kernel/fold';
import type { Metric, MetricCatalog } from '../../kernel/metric';
import { matchMetric } from '../../kernel/parsing/match-metric';
import { parseReportPeriod } from '../../kernel/parsing/parse-period';
import { monthOf } from '../../kernel/period';
import type { ReportPeriod } from '../../kernel/report';
import { err, ok, type Result } from '../../kernel/result';

/** The yearly reviews /report adds a paragraph of: sơ kết (the first six months) or tổng kết (the year). */
export type YearReviewPart = 'half' | 'year';

/** A parsed /report or /export: an optional unit code and the period (this month when none is given). */
export interface ReportCommand {
  readonly unitCode: string | undefined;
  readonly period: ReportPeriod;
  /** A half-year ("6thang") or a calendar year: /report adds the yearly review's paragraph. */
  readonly review?: YearReviewPart;
}

/** Words for the first six months of a year (sơ kết). */
const HALF_WORDS: ReadonlySet<string> = new Set(['6thang', '6-thang', 'soket', 'so-ket', 'half', 'half-year']);

/** "6thang" (this year's first six months) or "6thang 2025"; undefined for anything else. */
function halfYearOf(words: readonly string[], today: IsoDay): ReportPeriod | undefined {
  const [word = '', year, ...rest] = words;
  if (rest.length > 0 || !HALF_WORDS.has(foldText(word))) return undefined;
  if (year !== undefined && !/^\d{4}$/.test(year)) return undefined;
  const y = year ?? today.slice(0, 4);
  return { kind: 'months', range: { from: `${y}-01-01`, to: `${y}-06-30` } };
}

/** The command, marked as a yearly review when its period is a half-year's or a calendar year's. */
const withReview = (command: ReportCommand, half = false): ReportCommand =>
  half ? { ...command, review: 'half' } : command.period.kind === 'year' ? { ...command, review: 'year' } : command;

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
  const half = halfYearOf(words, today);
  if (half) return ok(withReview({ unitCode: undefined, period: half }, true));
  const whole = parseReportPeriod(words.join(' '), today);
  if (whole) return ok(withReview({ unitCode: undefined, period: whole }));
  const [first = '', ...rest] = words;
  if (!UNIT_CODE.test(first)) return err({ kind: 'report.badPeriod', period: words.join(' ') });
  if (rest.length === 0) return ok({ unitCode: first.toUpperCase(), period: { kind: 'month', range: monthOf(today) } });
  const halfOfUnit = halfYearOf(rest, today);
  if (halfOfUnit) return ok(withReview({ unitCode: first.toUpperCase(), period: halfOfUnit }, true));
  const period = parseReportPeriod(rest.join(' '), today);
  if (!period) return err({ kind: 'report.badPeriod', period: rest.join(' ') });
  return ok(withReview({ unitCode: first.toUpperCase(), period }));
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
