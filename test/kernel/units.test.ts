import { describe, expect, it } from 'vitest';
import { createUnitTree, isActiveUnit, type Unit } from '../../src/kernel/units';

const unit = (id: number, code: string, parentId: number | null, retiredAt: string | null = null): Unit => ({
  id,
  code,
  name: `Unit ${code}`,
  parentId,
  groups: 0,
  retiredAt,
});

/** CAT → PC06, PC08 → PC08-DK; PA04 retired under CAT with an active team PA04-A; HL a second root. */
const tree = createUnitTree([
  unit(1, 'CAT', null),
  unit(2, 'PC06', 1),
  unit(3, 'PC08', 1),
  unit(4, 'PC08-DK', 3),
  unit(5, 'PA04', 1, '2026-01-01T00:00:00Z'),
  unit(6, 'PA04-A', 5),
  unit(7, 'HL', null),
]);
const codes = (ids: readonly number[]) => ids.map((id) => tree.byId(id)?.code);

describe('createUnitTree', () => {
  it.each([
    { id: 1, children: ['PC06', 'PC08'] },
    { id: 3, children: ['PC08-DK'] },
    { id: 4, children: [] },
    { id: 5, children: [] },
    { id: 99, children: [] },
  ])('children($id)', ({ id, children }) => {
    expect(tree.children(id).map((child) => child.code)).toEqual(children);
  });

  it.each([
    { id: 1, subtree: ['CAT', 'PC08', 'PC08-DK', 'PC06'] },
    { id: 3, subtree: ['PC08', 'PC08-DK'] },
    { id: 4, subtree: ['PC08-DK'] },
    // A retired unit keeps only itself: its active team now stands at the top.
    { id: 5, subtree: ['PA04'] },
  ])('subtreeIds($id)', ({ id, subtree }) => {
    expect(codes(tree.subtreeIds(id)).sort()).toEqual([...subtree].sort());
  });

  it.each([
    { id: 4, ancestors: ['PC08-DK', 'PC08', 'CAT'] },
    { id: 1, ancestors: ['CAT'] },
    // History still names retired units: ancestors go through them.
    { id: 6, ancestors: ['PA04-A', 'PA04', 'CAT'] },
    { id: 99, ancestors: [] },
  ])('ancestorIds($id)', ({ id, ancestors }) => {
    expect(codes(tree.ancestorIds(id))).toEqual(ancestors);
  });

  it.each([
    { id: 4, ancestorId: 1, within: true },
    { id: 4, ancestorId: 3, within: true },
    { id: 4, ancestorId: 4, within: true },
    { id: 3, ancestorId: 4, within: false },
    { id: 2, ancestorId: 3, within: false },
    { id: 7, ancestorId: 1, within: false },
  ])('isWithin($id, $ancestorId) is $within', ({ id, ancestorId, within }) => {
    expect(tree.isWithin(id, ancestorId)).toBe(within);
  });

  it('walks the active units, each parent before its children, with their depth', () => {
    expect(tree.walk().map(({ unit: each, depth }) => `${depth} ${each.code}`)).toEqual([
      '0 CAT',
      '1 PC06',
      '1 PC08',
      '2 PC08-DK',
      '0 PA04-A',
      '0 HL',
    ]);
  });

  it.each([
    { code: 'pc08-dk', found: 'PC08-DK' },
    { code: 'PA04', found: 'PA04' },
    { code: 'PC09', found: undefined },
  ])('byCode($code) ignores case and finds retired units too', ({ code, found }) => {
    expect(tree.byCode(code)?.code).toBe(found);
  });

  it('lists every unit and the active ones apart', () => {
    expect(tree.all).toHaveLength(7);
    expect(tree.active.map((each) => each.code)).not.toContain('PA04');
    expect(tree.active.every(isActiveUnit)).toBe(true);
  });

  it('survives a cycle in stored parents (a unit under its own sub-unit) without looping', () => {
    const looped = createUnitTree([unit(1, 'A', 2), unit(2, 'B', 1)]);
    expect(looped.ancestorIds(1)).toEqual([1, 2]);
    expect(looped.isWithin(1, 3)).toBe(false);
    expect(looped.walk()).toEqual([]);
  });
});
