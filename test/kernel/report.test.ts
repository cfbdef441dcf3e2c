import { describe, expect, it } from 'vitest';
import {
  buildReport,
  effectiveTarget,
  paragraphOf,
  percentOf,
  type ReportPeriod,
  targetBasis,
  targetProgressOf,
} from '../../src/kernel/report';
import { byUnitAndMetric } from '../../src/kernel/totals';
import { createUnitTree } from '../../src/kernel/units';
import { seedCatalog } from '../helpers/metric-catalog';

const catalog = seedCatalog();
/** CAT → PC06, PC08 → PC08-DK, PC08-TT. */
const tree = createUnitTree([
  { id: 1, code: 'CAT', name: 'Công an tỉnh', parentId: null, groups: 1 },
  { id: 2, code: 'PC06', name: 'PC06', parentId: 1, groups: 1 },
  { id: 3, code: 'PC08', name: 'PC08', parentId: 1, groups: 1 },
  { id: 4, code: 'PC08-DK', name: 'Đội ĐK', parentId: 3, groups: 0 },
  { id: 5, code: 'PC08-TT', name: 'Đội TT', parentId: 3, groups: 0 },
]);
const range = (from: string, to: string) => ({ from, to });
const targets = (entries: [number, string, number][]) => {
  const map = new Map<number, Map<string, number>>();
  for (const [unitId, metric, amount] of entries) map.set(unitId, (map.get(unitId) ?? new Map()).set(metric, amount));
  return map;
};

describe('targetBasis', () => {
  it.each<{ period: ReportPeriod; basis: ReturnType<typeof targetBasis> }>([
    { period: { kind: 'month', range: range('2026-11-01', '2026-11-30') }, basis: { kind: 'month', times: 1 } },
    { period: { kind: 'quarter', range: range('2026-10-01', '2026-12-31') }, basis: { kind: 'quarter', times: 1 } },
    { period: { kind: 'year', range: range('2026-01-01', '2026-12-31') }, basis: { kind: 'year', times: 1 } },
    { period: { kind: 'months', range: range('2021-05-01', '2021-08-31') }, basis: { kind: 'month', times: 4 } },
    { period: { kind: 'months', range: range('2025-11-01', '2026-02-28') }, basis: { kind: 'month', times: 4 } },
    { period: { kind: 'week', range: range('2026-11-23', '2026-11-29') }, basis: undefined },
    { period: { kind: 'days', range: range('2026-11-02', '2026-11-20') }, basis: undefined },
  ])('$period.kind $period.range.from–$period.range.to', ({ period, basis }) => {
    expect(targetBasis(period)).toEqual(basis);
  });
});

describe('percentOf', () => {
  it.each([
    { total: 0, target: 500, percent: 0 },
    { total: 242, target: 500, percent: 48 },
    { total: 498, target: 500, percent: 99 },
    { total: 500, target: 500, percent: 100 },
    { total: 1400, target: 500, percent: 280 },
    { total: 10, target: 0, percent: 0 },
  ])('$total of $target is $percent%', ({ total, target, percent }) => {
    expect(percentOf(total, target)).toBe(percent);
  });
});

describe('effectiveTarget', () => {
  it.each([
    { why: 'its own, when set', set: [[3, 'dkoto', 100]], unit: 3, expected: 100 },
    {
      why: "its own wins over its sub-units'",
      set: [
        [3, 'dkoto', 100],
        [4, 'dkoto', 70],
      ],
      unit: 3,
      expected: 100,
    },
    {
      why: "else its sub-units' added",
      set: [
        [4, 'dkoto', 70],
        [5, 'dkoto', 30],
      ],
      unit: 3,
      expected: 100,
    },
    {
      why: 'all the way up',
      set: [
        [4, 'dkoto', 70],
        [2, 'dkoto', 5],
      ],
      unit: 1,
      expected: 75,
    },
    { why: 'none in the subtree', set: [[2, 'dkoto', 5]], unit: 3, expected: undefined },
    { why: 'another metric does not count', set: [[4, 'cccd', 70]], unit: 3, expected: undefined },
  ] as { why: string; set: [number, string, number][]; unit: number; expected: number | undefined }[])(
    '$why',
    ({ set, unit, expected }) => {
      expect(effectiveTarget(tree, targets(set), unit, 'dkoto')).toBe(expected);
    },
  );
});

describe('targetProgressOf', () => {
  const totals = byUnitAndMetric([
    { unitId: 2, metricCode: 'cccd', total: 300 },
    { unitId: 4, metricCode: 'dkoto', total: 60 },
    { unitId: 3, metricCode: 'dkoto', total: 15 },
  ]);
  it.each([
    {
      why: "a root's subtree against its rolled-up target, times the months",
      roots: [3],
      set: [[4, 'dkoto', 50]],
      times: 2,
      rows: ['dkoto 75/100 75%'],
    },
    {
      why: 'a root without a target is left out of that metric',
      roots: [2, 3],
      set: [[2, 'dkoto', 10]],
      times: 1,
      rows: ['dkoto 0/10 0%'],
    },
    {
      why: 'several roots add up, in catalog order',
      roots: [2, 3],
      set: [
        [2, 'cccd', 500],
        [3, 'dkoto', 50],
        [2, 'dkoto', 50],
      ],
      times: 1,
      rows: ['cccd 300/500 60%', 'dkoto 75/100 75%'],
    },
    { why: 'no target, no row', roots: [1], set: [], times: 1, rows: [] },
  ] as { why: string; roots: number[]; set: [number, string, number][]; times: number; rows: string[] }[])(
    '$why',
    ({ roots, set, times, rows }) => {
      const progress = targetProgressOf({ tree, catalog, rootIds: roots, totals, targets: targets(set), times });
      expect(progress.map((row) => `${row.metric.code} ${row.total}/${row.target} ${row.percent}%`)).toEqual(rows);
    },
  );
});

describe('buildReport and paragraphOf', () => {
  const month: ReportPeriod = { kind: 'month', range: range('2026-11-01', '2026-11-30') };
  const totals = byUnitAndMetric([
    { unitId: 1, metricCode: 'cccd', total: 3 },
    { unitId: 2, metricCode: 'cccd', total: 300 },
    { unitId: 4, metricCode: 'dkoto', total: 60 },
  ]);
  const report = (unitId: number) =>
    buildReport({ tree, catalog, unitId, period: month, totals, targets: new Map(), commendations: [] });
  const amounts = (list: readonly { metric: { code: string }; total: number }[]) =>
    list.map((amount) => `${amount.metric.code} ${amount.total}`).join(', ');

  it.each([
    {
      unit: 1,
      totals: 'cccd 303, dkoto 60',
      lines: [
        '0 CAT: cccd 303, dkoto 60 (own cccd 3)',
        '1 PC06: cccd 300 (own cccd 300)',
        '1 PC08: dkoto 60 (own )',
        '2 PC08-DK: dkoto 60 (own dkoto 60)',
      ],
    },
    { unit: 3, totals: 'dkoto 60', lines: ['0 PC08: dkoto 60 (own )', '1 PC08-DK: dkoto 60 (own dkoto 60)'] },
    { unit: 5, totals: '', lines: [] },
  ])('unit $unit: the subtree in tree order, each line rolled up, its own apart', ({ unit, ...expected }) => {
    const built = report(unit)!;
    expect(amounts(built.totals)).toBe(expected.totals);
    expect(
      built.units.map((line) => `${line.depth} ${line.unit.code}: ${amounts(line.totals)} (own ${amounts(line.own)})`),
    ).toEqual(expected.lines);
  });

  it('is undefined for a unit that does not exist', () => {
    expect(report(99)).toBeUndefined();
  });

  it.each([
    { unit: 1, subjects: ['Công an tỉnh: cccd 3', 'PC06: cccd 300', 'PC08: dkoto 60'], overall: 'cccd 303, dkoto 60' },
    { unit: 3, subjects: ['Đội ĐK: dkoto 60'], overall: undefined },
    { unit: 4, subjects: ['(the unit): dkoto 60'], overall: undefined },
    { unit: 5, subjects: [], overall: undefined },
  ])('the paragraph of unit $unit speaks for its own entries and each sub-unit that logged', (expected) => {
    const paragraph = paragraphOf(report(expected.unit)!);
    expect(paragraph.subjects.map((s) => `${s.name ?? '(the unit)'}: ${amounts(s.amounts)}`)).toEqual(
      expected.subjects,
    );
    expect(paragraph.overall && amounts(paragraph.overall.amounts)).toBe(expected.overall);
  });
});
