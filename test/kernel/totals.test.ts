import { describe, expect, it } from 'vitest';
import {
  byUnitAndMetric,
  ownTotal,
  rankedWith,
  splitBySubUnit,
  sumOverUnits,
  unitTotal,
} from '../../src/kernel/totals';
import { createUnitTree } from '../../src/kernel/units';

/** CAT (its own group) → PC06, PC08 → PC08-DK; PA04 retired under CAT. */
const tree = createUnitTree([
  { id: 1, code: 'CAT', name: 'CAT', parentId: null, groups: 1 },
  { id: 2, code: 'PC06', name: 'PC06', parentId: 1, groups: 1 },
  { id: 3, code: 'PC08', name: 'PC08', parentId: 1, groups: 1 },
  { id: 4, code: 'PC08-DK', name: 'PC08-DK', parentId: 3, groups: 0 },
  { id: 5, code: 'PA04', name: 'PA04', parentId: 1, groups: 0, retiredAt: '2026-01-01T00:00:00Z' },
]);
const totals = byUnitAndMetric([
  { unitId: 1, metricCode: 'cccd', total: 7 },
  { unitId: 2, metricCode: 'cccd', total: 100 },
  { unitId: 2, metricCode: 'cccd', total: 20 },
  { unitId: 3, metricCode: 'dkoto', total: 5 },
  { unitId: 4, metricCode: 'dkoto', total: 50 },
  { unitId: 4, metricCode: 'cccd', total: 1 },
  { unitId: 5, metricCode: 'cccd', total: 1000 },
]);
const plain = (map: ReadonlyMap<string, number>) => Object.fromEntries(map);

describe('byUnitAndMetric and sumOverUnits', () => {
  it('adds repeated rows and never adds across metrics', () => {
    expect(plain(totals.get(2)!)).toEqual({ cccd: 120 });
    expect(plain(sumOverUnits(totals, [3, 4]))).toEqual({ dkoto: 55, cccd: 1 });
    expect(plain(sumOverUnits(totals, []))).toEqual({});
  });
});

describe('unitTotal: a unit is its own entries and everything under it', () => {
  it.each([
    { id: 1, expected: { cccd: 128, dkoto: 55 }, why: 'the province: its own 7 and all the active units under it' },
    { id: 3, expected: { dkoto: 55, cccd: 1 }, why: 'a department with its team' },
    { id: 4, expected: { dkoto: 50, cccd: 1 }, why: 'a team alone' },
    { id: 5, expected: { cccd: 1000 }, why: 'a retired unit keeps its own history, outside its parent' },
    { id: 99, expected: {}, why: 'an unknown unit' },
  ])('unit $id: $why', ({ id, expected }) => {
    expect(plain(unitTotal(tree, totals, id))).toEqual(expected);
  });
});

describe('ownTotal and splitBySubUnit', () => {
  it('split a parent into its sub-units and its own entries, which add up to its total', () => {
    const split = splitBySubUnit(tree, totals, 1);
    expect(split.children.map((child) => [child.unit.code, plain(child.totals)])).toEqual([
      ['PC06', { cccd: 120 }],
      ['PC08', { dkoto: 55, cccd: 1 }],
    ]);
    expect(plain(split.own)).toEqual({ cccd: 7 });
    const parts = byUnitAndMetric(
      [...split.children.map((child) => child.totals), split.own].flatMap((part, unitId) =>
        [...part].map(([metricCode, total]) => ({ unitId, metricCode, total })),
      ),
    );
    expect(plain(sumOverUnits(parts, parts.keys()))).toEqual(plain(unitTotal(tree, totals, 1)));
  });

  it('give nothing of their own to a unit that logged nothing itself', () => {
    expect(plain(ownTotal(totals, 3))).toEqual({ dkoto: 5 });
    expect(plain(ownTotal(totals, 99))).toEqual({});
    expect(splitBySubUnit(tree, totals, 4).children).toEqual([]);
  });
});

describe('rankedWith: what a chart ranks a unit with', () => {
  const parts = (id: number) =>
    rankedWith(tree, totals, id).map(
      (part) => `${part.unit.code}${part.own ? ' (own)' : ''}: ${JSON.stringify(plain(part.totals))}`,
    );

  it.each([
    {
      id: 1,
      why: 'a parent: its sub-units rolled up, and its own entries apart',
      expected: ['PC06: {"cccd":120}', 'PC08: {"dkoto":55,"cccd":1}', 'CAT (own): {"cccd":7}'],
    },
    {
      id: 2,
      why: 'a unit without sub-units: among its siblings, each rolled up',
      expected: ['PC06: {"cccd":120}', 'PC08: {"dkoto":55,"cccd":1}'],
    },
    { id: 4, why: 'an only child: alone among its siblings', expected: ['PC08-DK: {"dkoto":50,"cccd":1}'] },
    { id: 99, why: 'an unknown unit: nothing', expected: [] },
  ])('unit $id: $why', ({ id, expected }) => {
    expect(parts(id)).toEqual(expected);
  });

  it('adds up, for a parent, to its total', () => {
    const sum = new Map<string, number>();
    for (const part of rankedWith(tree, totals, 3))
      for (const [metric, total] of part.totals) sum.set(metric, (sum.get(metric) ?? 0) + total);
    expect(plain(sum)).toEqual(plain(unitTotal(tree, totals, 3)));
  });
});
