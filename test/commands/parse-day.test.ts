import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDayWords } from '../../src/commands/parse-day';

const TODAY = '2026-11-24';
const words = (text: string) => text.split(' ');

describe('parseDayWords', () => {
  it.each([
    ['hôm qua', '2026-11-23', 2],
    ['Hôm Qua', '2026-11-23', 2],
    ['hom qua', '2026-11-23', 2],
    ['hôm qua,', '2026-11-23', 2],
    ['homqua', '2026-11-23', 1],
    ['yesterday', '2026-11-23', 1],
    ['Yesterday.', '2026-11-23', 1],
    ['hôm nay', '2026-11-24', 2],
    ['hom nay', '2026-11-24', 2],
    ['today', '2026-11-24', 1],
    ['hôm kia', '2026-11-22', 2],
    ['hom kia', '2026-11-22', 2],
    ['23/11', '2026-11-23', 1],
    ['3/11', '2026-11-03', 1],
    ['03/1', '2026-01-03', 1],
    ['24/11', '2026-11-24', 1],
    ['25/11', '2025-11-25', 1], // after today, so last year
    ['23/11/2026', '2026-11-23', 1],
    ['23-11-2026', '2026-11-23', 1],
    ['3/1/2026', '2026-01-03', 1],
    ['2026-11-23', '2026-11-23', 1],
    ['2026-1-3', '2026-01-03', 1],
    ['29/02/2028', '2028-02-29', 1],
    ['23/11.', '2026-11-23', 1],
    ['23/11 ghi chú', '2026-11-23', 1],
  ])('%j → %s', (text, day, consumed) => {
    expect(parseDayWords(words(text), 0, TODAY)).toEqual({ day, consumed });
  });

  it.each([
    ['31/12', '2027-01-01', '2026-12-31'],
    ['1/1', '2027-01-01', '2027-01-01'],
    ['hôm qua', '2027-01-01', '2026-12-31'],
    ['hôm kia', '2028-03-01', '2028-02-28'],
    ['29/02', '2029-01-10', '2028-02-29'], // this year has no 29/02, last year had
    ['29/02', '2028-01-10', '2028-02-29'], // last year had none: this year's, which the caller reports as not yet come
    ['29/02', '2028-03-01', '2028-02-29'],
  ])('%j on %s → %s', (text, today, day) => {
    expect(parseDayWords(words(text), 0, today)).toMatchObject({ day });
  });

  it('reads from the given position', () => {
    expect(parseDayWords(words('cccd 120 hôm qua'), 2, TODAY)).toEqual({ day: '2026-11-23', consumed: 2 });
    expect(parseDayWords(words('cccd 120 hôm'), 2, TODAY)).toBeUndefined();
    expect(parseDayWords(words('cccd 120'), 2, TODAY)).toBeUndefined();
    expect(parseDayWords([], 0, TODAY)).toBeUndefined();
  });

  it.each([
    '31/02',
    '00/11',
    '32/1',
    '23/13',
    '23/0',
    '123/11',
    '2026-13-01',
    '2026-02-30',
    '2026-00-10',
    '29/02/2026',
    '31/04/2026',
    '31-04-2026',
    '23/11/26',
    '23/11/02026',
    '1/2/3',
    '2026/11/23',
    '23-11/2026',
    '29/02', // in 2027, neither this year nor last year has one
  ])('%j is a date that cannot be', (text) => {
    expect(parseDayWords([text], 0, '2027-03-01')).toEqual({ error: 'badDate', text });
  });

  it.each(['qua', 'hôm', 'hom', 'cccd', '120', '1.400', '3-5', '23.11', 'ngày', 'hôm trước', 'tomorrow', '-1/2'])(
    '%j is not a date',
    (text) => {
      expect(parseDayWords(words(text), 0, TODAY)).toBeUndefined();
    },
  );

  it('never throws and only finds real days', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 4 }), fc.nat(5), (tokens, start) => {
        const found = parseDayWords(tokens, start, TODAY);
        if (found && 'day' in found) expect(found.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }),
    );
  });
});
