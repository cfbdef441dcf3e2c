import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeAmount, parseAmount } from '../../../src/kernel/parsing/parse-amount';

describe('parseAmount', () => {
  it.each([
    ['1400', 1400],
    ['1.400', 1400],
    ['1,400', 1400],
    ['1.400.000', 1_400_000],
    ['1,400,000', 1_400_000],
    ['5.222', 5222],
    ['17.500', 17_500],
    ['120', 120],
    ['1', 1],
    ['007', 7],
    ['999.999.999.999.999', 999_999_999_999_999],
    ['999999999999999', 999_999_999_999_999],
  ])('%s → %i', (token, value) => {
    expect(parseAmount(token)).toEqual({ ok: true, value });
  });

  it.each([
    '1.4',
    '1,5',
    '1.40',
    '12.3456',
    '1.4000',
    '1.400,000',
    '1,400.000',
    '1.400.00',
    '0.400',
    '.400',
    '1.',
    '1,',
    ',400',
    '1..400',
    '1400.000',
    'abc',
    'mười',
    '1e3',
    '0x10',
    '12abc',
    '+5',
    '½',
    '１２０',
    '١٢٠',
    '',
    '-',
    '-abc',
    '-1.4',
    ' 120',
    '120 ',
    'Infinity',
    'NaN',
  ])('%j is bad', (token) => {
    expect(parseAmount(token)).toEqual({ ok: false, error: 'bad' });
  });

  it.each(['0', '-5', '-1.400', '000', '-0', '−5', '0000000000000000000000'])('%j is not positive', (token) => {
    expect(parseAmount(token)).toEqual({ ok: false, error: 'notPositive' });
  });

  it('returns Infinity past 15 digits so a maximum check refuses it', () => {
    expect(parseAmount('1234567890123456')).toEqual({ ok: true, value: Number.POSITIVE_INFINITY });
    expect(parseAmount('1.234.567.890.123.456')).toEqual({ ok: true, value: Number.POSITIVE_INFINITY });
    expect(parseAmount('0001234')).toEqual({ ok: true, value: 1234 });
  });

  it('never throws and yields only positive integers or Infinity', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.stringMatching(/^-?[0-9.,]{0,25}$/)), (token) => {
        const result = parseAmount(token);
        if (result.ok)
          expect(Number.isSafeInteger(result.value) || result.value === Number.POSITIVE_INFINITY).toBe(true);
        if (result.ok) expect(result.value).toBeGreaterThan(0);
      }),
    );
  });

  it('reads any whole number back in every accepted spelling', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (value) => {
        if (String(value).length > 15) return;
        for (const locale of ['vi-VN', 'en-US']) {
          expect(parseAmount(new Intl.NumberFormat(locale).format(value))).toEqual({ ok: true, value });
        }
        expect(parseAmount(String(value))).toEqual({ ok: true, value });
      }),
    );
  });
});

describe('looksLikeAmount', () => {
  it.each(['120', '1.400', '1,400', '-5', '+5', '1.4', '１２０', '0', '1,', '−3'])(
    '%j was meant as a number',
    (token) => {
      expect(looksLikeAmount(token)).toBe(true);
    },
  );

  it.each(['', 'cccd', 'hôm', '12abc', '1e3', '½', '.5', '-', 'x1', '23/11', '2026-11-23'])('%j was not', (token) => {
    expect(looksLikeAmount(token)).toBe(false);
  });
});
