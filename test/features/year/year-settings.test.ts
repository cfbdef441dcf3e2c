import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config';
import { yearSettingsOf } from '../../../src/features/year';

const settingsOf = (window: string | undefined) => {
  const loaded = loadConfig(window === undefined ? {} : { PLEDGE_WINDOW: window });
  return loaded.ok ? yearSettingsOf(loaded.config) : loaded.problems;
};

describe('PLEDGE_WINDOW', () => {
  it.each([
    [undefined, {}],
    ['', {}],
    ['1-3', { pledgeWindow: { from: '01-01', to: '03-31' } }],
    ['11 - 2', { pledgeWindow: { from: '11-01', to: '02-29' } }],
    ['01-01..03-15', { pledgeWindow: { from: '01-01', to: '03-15' } }],
  ])('%j gives %j', (window, settings) => {
    expect(settingsOf(window)).toEqual(settings);
  });

  it.each(['13-2', '0-3', 'tháng 1 đến 3', '01-32..03-01', '02-30..03-31', '1-3-5'])(
    'refuses %j at start, naming the key',
    (window) => {
      const problems = settingsOf(window);
      expect(Array.isArray(problems) && problems[0]).toMatch(/^PLEDGE_WINDOW: /);
    },
  );
});
