import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config';
import { yearSettingsOf } from '../../../src/features/year';
import { placeOfNames } from '../../../src/features/year/year-papers';

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

describe('YEAR_RULES', () => {
  const configWith = (rules: string) => {
    const loaded = loadConfig({ YEAR_RULES: rules });
    if (!loaded.ok) return loaded.problems;
    return loaded.config;
  };

  it('sets the figures it names, citing the configuration', () => {
    const config = configWith('{"cstdcs":{"quota":{"share":"20%"}},"cstt":{"review":{"share":"2/3"}}}');
    if (Array.isArray(config)) throw new Error(config.join('; '));
    expect(yearSettingsOf(config).ruleOverrides).toEqual({
      cstdcs: { quota: { share: '20%' } },
      cstt: { review: { share: '2/3' } },
    });
  });

  it.each(['not json', '[1,2]', '"cstt"'])('refuses %j at start, naming the key', (rules) => {
    const problems = configWith(rules);
    expect(Array.isArray(problems) && problems[0]).toMatch(/^YEAR_RULES: /);
  });

  it.each([
    ['{"cstt":{"quota":{"share":"20%"}}}', /cstt\.quota: not a rule of this title/],
    ['{"cstdcs":{"quota":{"share":"lots"}}}', /cstdcs\.quota\.share/],
    ['{"unknown":{}}', /unknown/],
  ])('stops the start on rules that do not fit the titles: %s', (rules, problem) => {
    const config = configWith(rules);
    if (Array.isArray(config)) throw new Error(config.join('; '));
    expect(() => yearSettingsOf(config)).toThrow(problem);
    expect(() => yearSettingsOf(config)).toThrow(/^YEAR_RULES: /);
  });
});

describe('the papers’ place', () => {
  it('is PAPERS_PLACE when set, trimmed; undefined when empty', () => {
    const placeOf = (value: string) => {
      const loaded = loadConfig({ PAPERS_PLACE: value });
      return loaded.ok ? loaded.config.papersPlace : loaded.problems;
    };
    expect(placeOf(' Lạng Sơn ')).toBe('Lạng Sơn');
    expect(placeOf('')).toBeUndefined();
    expect(placeOf('x'.repeat(61))).toEqual([expect.stringContaining('PAPERS_PLACE')]);
  });

  it.each([
    [['Công an tỉnh Lạng Sơn'], 'Lạng Sơn'],
    [['Đội Cảnh sát giao thông số 1', 'Phòng Cảnh sát giao thông', 'Công an tỉnh Lạng Sơn'], 'Lạng Sơn'],
    [['Phòng Cảnh sát quản lý hành chính về trật tự xã hội', 'Công an tỉnh Lạng Sơn'], 'Lạng Sơn'],
    [['Công an huyện Hữu Lũng', 'Công an tỉnh Lạng Sơn'], 'Hữu Lũng'],
    [['Công an thành phố Lạng Sơn'], 'Lạng Sơn'],
    [['Công an thị xã Sơn Tây'], 'Sơn Tây'],
    [['Phòng Cảnh sát giao thông'], undefined],
    [[], undefined],
  ])('%j names %j', (names, place) => {
    expect(placeOfNames(names)).toBe(place);
  });
});
