import type { JobPeriod } from '../../kernel/job-period';
import type { Metric } from '../../kernel/metric';
import type { Ranked } from '../../kernel/ranking';
import type { Unit } from '../../kernel/units';
import type { Nomination } from '../nominations';
import type { MonthTargets } from '../reports';

/** Telegram refuses messages longer than this (counted after HTML parsing; the source is never shorter). */
export const MESSAGE_LIMIT = 4096;

/** A total against the one before it. */
export type Change =
  | { readonly kind: 'up' | 'down'; readonly percent: number }
  | { readonly kind: 'same' }
  | { readonly kind: 'new' }
  | { readonly kind: 'none' };

/** ▲/▼ and the rounded percentage; "new" when there was nothing before, "none" when there is nothing either time. */
export function changeOf(current: number, previous: number): Change {
  if (previous <= 0) return current > 0 ? { kind: 'new' } : { kind: 'none' };
  const percent = Math.round((Math.abs(current - previous) / previous) * 100);
  if (percent === 0) return { kind: 'same' };
  return { kind: current > previous ? 'up' : 'down', percent };
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/**
 * A horizontal bar chart in Unicode blocks, one line per row: label padded to the widest, a bar of up to `width`
 * cells scaled to the largest value (an eighth of a cell at least for any positive value), then the shown value.
 */
export function barChart(rows: readonly { label: string; value: number; shown: string }[], width = 12): string[] {
  const labelWidth = Math.max(0, ...rows.map((row) => row.label.length));
  const max = Math.max(0, ...rows.map((row) => row.value));
  return rows.map((row) => {
    const eighths = max > 0 && row.value > 0 ? Math.max(1, Math.round((row.value / max) * width * 8)) : 0;
    const bar = '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
    return `${row.label.padEnd(labelWidth)} ${bar.padEnd(width)} ${row.shown}`;
  });
}

/**
 * Renders with as many items of each list as fit under the limit: starts from the given caps and, while too long,
 * trims the list currently showing most by a quarter (at least one). `render` gets how many of each list to show.
 */
export function fitToLimit(
  render: (shown: readonly number[]) => string,
  caps: readonly number[],
  limit = MESSAGE_LIMIT,
): string {
  const shown = [...caps];
  let text = render(shown);
  while (text.length > limit) {
    let longest = -1;
    for (const [index, count] of shown.entries())
      if (count > 0 && (longest === -1 || count > shown[longest]!)) longest = index;
    if (longest === -1) break;
    shown[longest] = Math.max(0, shown[longest]! - Math.max(1, Math.ceil(shown[longest]! / 4)));
    text = render(shown);
  }
  return text;
}

/** A place in a parent's sub-unit ranking: a sub-unit (its subtree), or (`own`) the parent's own entries. */
export interface SubUnitPart {
  readonly unit: Unit;
  readonly own: boolean;
}

/** One metric's total this period and the period before. */
export interface MetricTotal {
  readonly metric: Metric;
  readonly current: number;
  readonly previous: number;
}

/** The best contributors of one metric. */
export interface MetricTop {
  readonly metric: Metric;
  readonly people: readonly { name: string; unitCode: string; total: number }[];
}

/** A commendation as the weekly posts show it. */
export interface Commendation {
  readonly level: string;
  readonly nominee: string;
  readonly unitName: string;
  readonly reason: string;
}

/** A group's weekly leaderboard: its unit (with everything under it) over the week. */
export interface LeaderboardReport {
  readonly unit: Unit;
  readonly period: JobPeriod;
  readonly totals: readonly MetricTotal[];
  /** The unit's place among the units under the same parent, per metric it logged; absent for a top unit. */
  readonly ranks?: { readonly parent: Unit; readonly rows: readonly { metric: Metric; rank: number; of: number }[] };
  readonly top: readonly MetricTop[];
  readonly commendations: readonly Commendation[];
  /** A unit with sub-units: per metric it logged, its sub-units ranked, each with its subtree rolled up. */
  readonly subUnits?: readonly { readonly metric: Metric; readonly rows: readonly Ranked<SubUnitPart>[] }[];
  readonly targets?: MonthTargets;
  /** With a roster under the unit: its active members (the subtree's) and how many logged nothing this week. */
  readonly unlogged?: { readonly silent: number; readonly active: number };
}

/** A commander's (or the province's) weekly digest over one or more subtrees. */
export interface DigestReport {
  readonly roots: readonly Unit[];
  readonly period: JobPeriod;
  readonly totals: readonly MetricTotal[];
  /** Units in tree order with their own totals (all metrics added up), for the chart. */
  readonly units: readonly { unit: Unit; depth: number; current: number; previous: number }[];
  /** Per metric logged this week or last, the units' own totals in tree order: one chart each, metrics never added. */
  readonly charts?: readonly {
    readonly metric: Metric;
    readonly rows: readonly { unit: Unit; depth: number; current: number; previous: number }[];
  }[];
  /** Units with a group whose whole subtree logged nothing. */
  readonly silent: readonly Unit[];
  readonly top: readonly MetricTop[];
  readonly pending: readonly (Nomination & { unitCode: string })[];
  readonly commendations: readonly Commendation[];
  readonly targets?: MonthTargets;
  /** Per unit with a roster, in tree order: its own active members and how many logged nothing this week. */
  readonly unlogged?: readonly { readonly unit: Unit; readonly silent: number; readonly active: number }[];
}
