import { describe, expect, it } from 'vitest';
import { rankChart } from '../../../src/features/reports/chart';
import { byUnitAndMetric, unitTotal } from '../../../src/kernel/totals';
import { createUnitTree } from '../../../src/kernel/units';
import { seedMetric } from '../../helpers/metric-catalog';

/** The province has a group of its own and logs there, beside its departments. */
const tree = createUnitTree([
  { id: 1, code: 'CAT', name: 'Công an tỉnh', parentId: null, groups: 1 },
  { id: 2, code: 'PC06', name: 'PC06', parentId: 1, groups: 1 },
  { id: 3, code: 'PC08', name: 'PC08', parentId: 1, groups: 1 },
  { id: 4, code: 'PC08-DK', name: 'Đội ĐK', parentId: 3, groups: 0 },
]);
const totals = byUnitAndMetric([
  { unitId: 1, metricCode: 'cccd', total: 7 },
  { unitId: 2, metricCode: 'cccd', total: 120 },
  { unitId: 4, metricCode: 'cccd', total: 5 },
  { unitId: 4, metricCode: 'dkoto', total: 9 },
]);
const range = { from: '2026-11-01', to: '2026-11-30' };
const bars = (unitId: number, metric: string) =>
  rankChart({ tree, totals, unit: tree.byId(unitId)!, metric: seedMetric(metric), range, locale: 'vi' }).bars.map(
    (bar) => `${bar.label} ${bar.value}`,
  );

describe('/chart’s ranking (rankChart)', () => {
  it.each([
    {
      unit: 1,
      metric: 'cccd',
      expected: ['PC06 120', 'PC08 5', 'CAT (trực tiếp) 7'],
      why: "a parent's own entries as a bar",
    },
    { unit: 1, metric: 'dkoto', expected: ['PC06 0', 'PC08 9'], why: 'no own bar when it logged none itself' },
    { unit: 3, metric: 'cccd', expected: ['PC08-DK 5'], why: 'a department: its team (its own nothing)' },
    { unit: 2, metric: 'cccd', expected: ['PC06 120', 'PC08 5'], why: 'a unit without sub-units: among its siblings' },
  ])('$why', ({ unit, metric, expected }) => {
    expect(bars(unit, metric)).toEqual(expected);
  });

  it("adds up to the unit's total, as /top counts it", () => {
    const values = rankChart({
      tree,
      totals,
      unit: tree.byId(1)!,
      metric: seedMetric('cccd'),
      range,
      locale: 'vi',
    }).bars.map((bar) => bar.value);
    expect(values.reduce((a, b) => a + b, 0)).toBe(unitTotal(tree, totals, 1).get('cccd'));
  });
});
