import { describe, expect, it } from 'vitest';
import { barChart, changeOf, fitToLimit } from '../../../src/features/weekly/weekly-report';

describe('changeOf', () => {
  it.each([
    [112, 100, { kind: 'up', percent: 12 }],
    [95, 100, { kind: 'down', percent: 5 }],
    [0, 40, { kind: 'down', percent: 100 }],
    [300, 100, { kind: 'up', percent: 200 }],
    [100, 100, { kind: 'same' }],
    [1001, 1000, { kind: 'same' }],
    [5, 0, { kind: 'new' }],
    [0, 0, { kind: 'none' }],
  ])('%d against %d is %j', (current, previous, change) => {
    expect(changeOf(current, previous)).toEqual(change);
  });
});

describe('barChart', () => {
  it('pads labels, scales bars to the largest value and keeps a sliver for any positive one', () => {
    expect(
      barChart(
        [
          { label: 'PC06', value: 80, shown: '80' },
          { label: 'PC08-DK', value: 40, shown: '40' },
          { label: 'PC08', value: 1, shown: '1' },
          { label: 'CAT', value: 0, shown: '0' },
        ],
        4,
      ),
    ).toEqual(['PC06    ████ 80', 'PC08-DK ██   40', 'PC08    ▏    1', 'CAT          0']);
  });

  it('draws eighths of a cell', () => {
    expect(
      barChart(
        [
          { label: 'A', value: 8, shown: '' },
          { label: 'B', value: 3, shown: '' },
        ],
        1,
      ),
    ).toEqual(['A █ ', 'B ▍ ']);
  });
});

describe('fitToLimit', () => {
  const render = ([a = 0, b = 0]: readonly number[]) => `${'a'.repeat(a * 10)}|${'b'.repeat(b * 10)}`;

  it('renders everything when it fits', () => {
    expect(fitToLimit(render, [3, 2], 100)).toBe(render([3, 2]));
  });

  it('trims the longest list first until it fits', () => {
    const text = fitToLimit(render, [30, 5], 200);

    expect(text.length).toBeLessThanOrEqual(200);
    expect(text).toContain('|bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb');
  });

  it('gives up with every list empty rather than loop', () => {
    expect(fitToLimit(() => 'x'.repeat(50), [3], 10)).toHaveLength(50);
  });
});
