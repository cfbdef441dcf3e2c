import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkAliasShape,
  checkNewAlias,
  checkNewMetricCode,
  checkUnitName,
  MAX_ALIAS_CHARS,
  MAX_UNIT_NAME_CHARS,
} from '../../../src/features/admin/validate-names';
import { parseLogArgs } from '../../../src/features/tally/parse-log';
import { createMetricCatalog } from '../../../src/kernel/metric';
import { seedCatalog, seedMetric } from '../../helpers/metric-catalog';

const catalog = seedCatalog();

describe('checkUnitName', () => {
  it.each([
    ['Phòng Cảnh sát QLHC về TTXH', 'Phòng Cảnh sát QLHC về TTXH'],
    ['  Đội  CSGT\n Hữu Lũng ', 'Đội CSGT Hữu Lũng'],
    ['ă'.repeat(MAX_UNIT_NAME_CHARS), 'ă'.repeat(MAX_UNIT_NAME_CHARS)],
  ])('%j is accepted as %j', (name, display) => {
    expect(checkUnitName(name)).toEqual({ ok: true, value: display });
  });

  it.each([
    ['', { kind: 'unit.missingName' }],
    [' \n ', { kind: 'unit.missingName' }],
    ['ă'.repeat(MAX_UNIT_NAME_CHARS + 1), { kind: 'unit.nameTooLong', max: MAX_UNIT_NAME_CHARS }],
    ['👮'.repeat(MAX_UNIT_NAME_CHARS + 1), { kind: 'unit.nameTooLong', max: MAX_UNIT_NAME_CHARS }],
  ])('%j is refused', (name, error) => {
    expect(checkUnitName(name)).toEqual({ ok: false, error });
  });
});

describe('checkAliasShape', () => {
  it.each([
    ['thẻ căn cước', 'thẻ căn cước', 'the can cuoc'],
    ['  Xe  Ô tô ', 'Xe Ô tô', 'xe o to'],
    ['ｘｅ tải', 'ｘｅ tải', 'xe tai'],
  ])('%j is accepted', (alias, display, folded) => {
    expect(checkAliasShape(alias)).toEqual({ ok: true, value: { display, folded } });
  });

  it.each([
    ['', 'metric.usage'],
    ['a'.repeat(MAX_ALIAS_CHARS + 1), 'metric.aliasTooLong'],
    ['120', 'metric.aliasNumeric'],
    ['1.400', 'metric.aliasNumeric'],
    ['１２', 'metric.aliasNumeric'],
    ['-5', 'metric.aliasNumeric'],
    ['dkoto5', 'metric.aliasNumeric'],
    ['xe 16 cho', 'metric.aliasNumeric'],
    ['covid-19 test', 'metric.aliasNumeric'],
    ['5k', 'metric.aliasNumeric'],
    ['hôm qua', 'metric.aliasDateWord'],
    ['hom nay', 'metric.aliasDateWord'],
    ['homqua', 'metric.aliasDateWord'],
    ['yesterday', 'metric.aliasDateWord'],
    ['ngày', 'metric.aliasDateWord'],
    ['ngay cong', 'metric.aliasDateWord'],
    ['ngày mai', 'metric.aliasDateWord'],
    ['thứ hai', 'metric.aliasDateWord'],
    ['thu 2', 'metric.aliasDateWord'],
    ['thu phi', 'metric.aliasDateWord'], // would be shadowed by "thu 2" … "thu 7" in a /log
    ['t2', 'metric.aliasDateWord'],
    ['T7', 'metric.aliasDateWord'],
    ['cn', 'metric.aliasDateWord'],
    ['chủ nhật', 'metric.aliasDateWord'],
    ['23/11', 'metric.aliasDateWord'],
    ['20.11', 'metric.aliasDateWord'],
    ['2026-11-23', 'metric.aliasDateWord'],
    ['xe hôm qua', 'metric.aliasDateWord'],
    ['monday', 'metric.aliasDateWord'],
    ['+', 'metric.aliasNoLetter'],
    ['xe - tải', 'metric.aliasNoLetter'],
    ['👮', 'metric.aliasNoLetter'],
  ])('%j is refused as %s', (alias, kind) => {
    expect(checkAliasShape(alias)).toMatchObject({ ok: false, error: { kind } });
  });

  it('accepts an alias of exactly the maximum length', () => {
    expect(checkAliasShape('ă'.repeat(MAX_ALIAS_CHARS)).ok).toBe(true);
  });
});

describe('checkNewAlias', () => {
  it.each([
    ['căn cước', 'cccd'],
    ['CAN CUOC', 'cccd'],
    ['CCCD', 'cccd'],
    ['dkoto', 'dkoto'],
    ['Ô tô', 'dkoto'],
    ['quà tặng', 'qua'],
  ])('%j collides with %s', (alias, metric) => {
    expect(checkNewAlias(alias, catalog)).toMatchObject({ ok: false, error: { kind: 'metric.aliasTaken', metric } });
  });

  it('accepts a new name and returns both forms', () => {
    expect(checkNewAlias('Thẻ CCCD gắn chip', catalog)).toEqual({
      ok: true,
      value: { display: 'Thẻ CCCD gắn chip', folded: 'the cccd gan chip' },
    });
  });

  it('checks the shape before the catalog', () => {
    expect(checkNewAlias('hôm qua', createMetricCatalog([]))).toMatchObject({
      error: { kind: 'metric.aliasDateWord' },
    });
  });

  it('never throws, and an accepted alias reads back in /log as its metric', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 12 })), (alias) => {
        const checked = checkNewAlias(alias, catalog);
        if (!checked.ok) return;
        const metric = { ...seedMetric('antt'), aliases: [...seedMetric('antt').aliases, checked.value.folded] };
        const withAlias = createMetricCatalog([...catalog.all.filter((m) => m.code !== 'antt'), metric]);
        const parsed = parseLogArgs(`${checked.value.display} 5`, { catalog: withAlias, today: '2026-11-24' });
        // An alias whose words the tokenizer splits differently (a lone mark) may not read back; all else must.
        if (checked.value.folded.split(' ').length === checked.value.display.split(' ').length) {
          expect(parsed).toMatchObject({ ok: true, value: { items: [{ metric: { code: 'antt' }, amount: 5 }] } });
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('checkNewMetricCode', () => {
  it.each([
    ['cuuho', undefined],
    ['x1', undefined],
    ['qua', undefined],
    ['today', 'metric.codeDateWord'],
    ['homqua', 'metric.codeDateWord'],
    ['cn', 'metric.codeDateWord'],
    ['42', 'metric.codeNumeric'],
    ['tuan', 'metric.codePeriodWord'],
    ['month', 'metric.codePeriodWord'],
    ['y', 'metric.codePeriodWord'],
  ])('%s → %s', (code, problem) => {
    const checked = checkNewMetricCode(code);
    expect(checked.ok ? undefined : checked.error.kind).toBe(problem);
  });

  it('lets through only codes that /log then reads as that metric', () => {
    const catalog = seedCatalog();
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{1,24}$/), (code) => {
        if (!checkNewMetricCode(code).ok || catalog.resolve(code)) return;
        const metric = { ...seedMetric('antt'), code, aliases: [] };
        const parsed = parseLogArgs(`${code} 5`, {
          catalog: createMetricCatalog([...catalog.all, metric]),
          today: '2026-11-24',
        });
        expect(parsed).toMatchObject({ ok: true, value: { items: [{ metric: { code }, amount: 5 }] } });
      }),
      { numRuns: 1000 },
    );
  });
});
