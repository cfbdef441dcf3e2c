import { describe, expect, it } from 'vitest';
import { rank } from '../../src/kernel/ranking';

type Row = { item: string; total: number };
const rows = (...pairs: [string, number][]): Row[] => pairs.map(([item, total]) => ({ item, total }));
const ranked = (input: Row[]) => rank(input, (item) => item).map((row) => `${row.rank} ${row.item} ${row.total}`);

describe('rank', () => {
  it.each([
    { name: 'nothing', input: rows(), expected: [] },
    { name: 'one', input: rows(['PC06', 5]), expected: ['1 PC06 5'] },
    { name: 'highest first', input: rows(['a', 1], ['b', 3], ['c', 2]), expected: ['1 b 3', '2 c 2', '3 a 1'] },
    {
      name: 'equal totals share a rank and the next skips (1, 2, 2, 4)',
      input: rows(['a', 9], ['b', 5], ['c', 5], ['d', 1]),
      expected: ['1 a 9', '2 b 5', '2 c 5', '4 d 1'],
    },
    { name: 'everyone tied', input: rows(['c', 4], ['a', 4], ['b', 4]), expected: ['1 a 4', '1 b 4', '1 c 4'] },
    {
      name: 'zero and negative totals are not ranked',
      input: rows(['a', 0], ['b', 2], ['c', -3]),
      expected: ['1 b 2'],
    },
    {
      name: 'ties ordered by the label in Vietnamese order (Đ after D)',
      input: rows(['Đông', 7], ['Dũng', 7], ['An', 7]),
      expected: ['1 An 7', '1 Dũng 7', '1 Đông 7'],
    },
  ])('$name', ({ input, expected }) => {
    expect(ranked(input)).toEqual(expected);
  });

  it('keeps the items as given and leaves its input alone', () => {
    const input = [
      { item: { id: 2 }, total: 1 },
      { item: { id: 1 }, total: 2 },
    ];
    const result = rank(input, (item) => String(item.id));
    expect(result.map((row) => row.item)).toEqual([input[1]!.item, input[0]!.item]);
    expect(input.map((row) => row.item.id)).toEqual([2, 1]);
  });
});
