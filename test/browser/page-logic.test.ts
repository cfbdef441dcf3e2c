import { describe, expect, it } from 'vitest';
import { enApp } from '../../src/i18n/app-en';
import { viApp } from '../../src/i18n/app-vi';
import { changeOf } from '../../src/kernel/change';
import { axisTicks, barWidth } from '../../src/webapp/figures';
import { hashOf, parseRoute, type Route } from '../../src/webapp/routes';

describe("the page's routes", () => {
  it.each([
    ['', { page: 'overview', unitId: null }],
    ['#/', { page: 'overview', unitId: null }],
    ['#tgWebAppData=query_id%3D1&tgWebAppVersion=8.0', { page: 'overview', unitId: null }],
    ['#/u/12', { page: 'overview', unitId: 12 }],
    ['#/u/0', { page: 'overview', unitId: null }],
    ['#/u/x', { page: 'overview', unitId: null }],
    ['#/m/2/cccd', { page: 'metric', unitId: 2, metric: 'cccd' }],
    ['#/m/2', { page: 'metric', unitId: 2, metric: null }],
    ['#/m/2/CCCD', { page: 'metric', unitId: 2, metric: null }],
    ['#/n', { page: 'nominations' }],
    ['#/r/21', { page: 'reports', unitId: 21 }],
    ['#/nothing/else', { page: 'overview', unitId: null }],
  ] as const)('reads %j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it.each<Route>([
    { page: 'overview', unitId: null },
    { page: 'overview', unitId: 5 },
    { page: 'metric', unitId: 2, metric: 'dktam' },
    { page: 'metric', unitId: 2, metric: null },
    { page: 'nominations' },
    { page: 'reports', unitId: 31 },
  ])('writes %j so that it reads back', (route) => {
    expect(parseRoute(hashOf(route))).toEqual(route);
  });
});

describe("the page's figures (the change is the weekly posts')", () => {
  it.each([
    [435, 370, { kind: 'up', percent: 18 }],
    [120, 150, { kind: 'down', percent: 20 }],
    [2, 2, { kind: 'same' }],
    [80, 0, { kind: 'new' }],
    [0, 0, { kind: 'none' }],
    [0, 10, { kind: 'down', percent: 100 }],
    [1999, 1000, { kind: 'up', percent: 100 }],
    [1001, 1000, { kind: 'same' }],
  ] as const)('a change from %d to %d… reads %j', (now, previous, change) => {
    expect(changeOf(now, previous)).toEqual(change);
  });

  it('draws bars relative to the largest, keeping a sliver for small non-zero values', () => {
    expect([barWidth(300, 300), barWidth(150, 300), barWidth(1, 1000), barWidth(0, 300), barWidth(5, 0)]).toEqual([
      100, 50, 2, 0, 0,
    ]);
  });

  it.each([
    [1400, [0, 500, 1000, 1500]],
    [553, [0, 200, 400, 600]],
    [3, [0, 1, 2, 3]],
    [0, [0, 1]],
    [1, [0, 1]],
  ])('puts the axis of a maximum of %d at %j', (max, ticks) => {
    expect(axisTicks(max)).toEqual(ticks);
  });
});

describe("the web app's texts", () => {
  it('has the same keys in English as in the Vietnamese master, all under app.', () => {
    expect(Object.keys(enApp).sort()).toEqual(Object.keys(viApp).sort());
    expect(Object.keys(viApp).every((key) => key.startsWith('app.'))).toBe(true);
  });

  it('formats numbers the Vietnamese way and the English way', () => {
    expect(viApp['app.target']({ percent: 1400 })).toBe('1.400% mục tiêu tháng');
    expect(enApp['app.nominations.endorsements']({ count: 1 })).toBe('👍 1 endorsement');
  });
});
