import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { formatDay, formatNumber, Html } from '../../src/i18n/format';
import { lines, t } from '../../src/i18n/texts';
import { vi } from '../../src/i18n/vi';

describe('the text catalog', () => {
  it('has the same keys in English as in the Vietnamese master', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('escapes string parameters and passes Html through', () => {
    expect(t('vi', 'unit.added', { code: '<X>', name: 'A & B' })).toBe('Đã thêm đơn vị <b>&lt;X&gt;</b>: A &amp; B.');
    expect(t('vi', 'undo.done', { lines: lines(['<b>1</b>']) })).toBe('↩️ Đã hoàn tác:\n<b>1</b>');
  });

  it.each([
    ['vi', 1400, '1.400'],
    ['vi', 5222, '5.222'],
    ['vi', 17500, '17.500'],
    ['en', 1400, '1,400'],
    ['vi', 7, '7'],
  ] as const)('formats %s %d as %s', (locale, value, expected) => {
    expect(formatNumber(locale, value)).toBe(expected);
  });

  it('writes dates day first', () => {
    expect(formatDay('2026-11-24')).toBe('24/11/2026');
  });

  it('keeps Html markup as it is', () => {
    expect(String(new Html('<i>x</i>'))).toBe('<i>x</i>');
  });
});
