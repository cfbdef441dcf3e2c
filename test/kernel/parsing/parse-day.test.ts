import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDayWords } from '../../../src/kernel/parsing/parse-day';
import { addDays, daysBetween } from '../../../src/kernel/period';

const TODAY = '2026-11-24'; // a Tuesday
const words = (text: string) => text.split(' ');

describe('parseDayWords reads', () => {
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
    ['ngày hôm qua', '2026-11-23', 3],
    ['23/11', '2026-11-23', 1],
    ['3/11', '2026-11-03', 1],
    ['24/11', '2026-11-24', 1],
    ['25/11', '2026-11-25', 1], // nearest: tomorrow, which the caller refuses as not yet come
    ['03/1', '2027-01-03', 1], // nearest: 40 days ahead rather than 325 back
    ['23.11', '2026-11-23', 1],
    ['23-11', '2026-11-23', 1],
    ['3-5', '2027-05-03', 1], // 160 days ahead is nearer than 205 back
    ['23/11/2026', '2026-11-23', 1],
    ['23.11.2026', '2026-11-23', 1],
    ['23.11.2026.', '2026-11-23', 1],
    ['23-11-2026', '2026-11-23', 1],
    ['3/1/2026', '2026-01-03', 1],
    ['2026-11-23', '2026-11-23', 1],
    ['2026-1-3', '2026-01-03', 1],
    ['29/02/2028', '2028-02-29', 1],
    ['23/11.', '2026-11-23', 1],
    ['23/11 ghi chú', '2026-11-23', 1],
    ['ngày 23/11', '2026-11-23', 2],
    ['Ngày 23.11.2026', '2026-11-23', 2],
    ['ngay 23-11', '2026-11-23', 2],
    ['ngày 2026-11-23', '2026-11-23', 2],
    ['ngày 04/12', '2026-12-04', 2], // the example: now read as a date (in the future here)
    ['２０/１１', '2026-11-20', 1], // full-width digits
    ['２０／１１／２０２６', '2026-11-20', 1], // full-width slashes too
    ['٢٠/١١', '2026-11-20', 1], // Arabic-Indic digits
    ['२०.११', '2026-11-20', 1], // Devanagari digits
    ['2\u200b3/11', '2026-11-23', 1], // a zero-width space inside
    ['ngày mai', '2026-11-25', 2],
    ['ngay mai', '2026-11-25', 2],
    ['tomorrow', '2026-11-25', 1],
    ['ngày kia', '2026-11-26', 2],
    // Weekdays: the latest such day, today (a Tuesday) included.
    ['thứ hai', '2026-11-23', 2],
    ['Thứ Ba', '2026-11-24', 2],
    ['thứ tư', '2026-11-18', 2],
    ['thứ năm', '2026-11-19', 2],
    ['thứ sáu', '2026-11-20', 2],
    ['thứ bảy', '2026-11-21', 2],
    ['chủ nhật', '2026-11-22', 2],
    ['thu hai', '2026-11-23', 2],
    ['chu nhat', '2026-11-22', 2],
    ['chunhat', '2026-11-22', 1],
    ['thứ 2', '2026-11-23', 2],
    ['thứ 7', '2026-11-21', 2],
    ['T2', '2026-11-23', 1],
    ['t3', '2026-11-24', 1],
    ['t7,', '2026-11-21', 1],
    ['CN', '2026-11-22', 1],
    ['thu6', '2026-11-20', 1],
    ['ngày thứ hai', '2026-11-23', 3],
    ['Monday', '2026-11-23', 1],
    ['sunday', '2026-11-22', 1],
  ])('%j → %s', (text, day, consumed) => {
    expect(parseDayWords(words(text), 0, TODAY)).toEqual({ day, consumed });
  });

  it.each([
    ['30/12', '2027-01-02', '2026-12-30'], // the example: three days ago, last year
    ['05/12', '2026-12-02', '2026-12-05'], // three days ahead, this year: the caller refuses it as not yet come
    ['31/12', '2027-01-01', '2026-12-31'],
    ['1/1', '2026-12-31', '2027-01-01'],
    ['1/7', '2026-12-31', '2027-07-01'], // 182 days ahead is nearer than 183 back
    ['1/7', '2026-12-30', '2026-07-01'], // 182 back against 183 ahead
    ['hôm qua', '2027-01-01', '2026-12-31'],
    ['hôm kia', '2028-03-01', '2028-02-28'],
    ['29/02', '2028-03-01', '2028-02-29'],
    ['29/02', '2028-01-10', '2028-02-29'],
    ['thứ hai', '2027-01-01', '2026-12-28'],
    ['cn', '2026-11-29', '2026-11-29'], // a Sunday: today itself
  ])('%j on %s → %s', (text, today, day) => {
    expect(parseDayWords(words(text), 0, today)).toMatchObject({ day });
  });

  it('reads from the given position', () => {
    expect(parseDayWords(words('cccd 120 hôm qua'), 2, TODAY)).toEqual({ day: '2026-11-23', consumed: 2 });
    expect(parseDayWords(words('cccd 120 ngày 23/11 xã'), 2, TODAY)).toEqual({ day: '2026-11-23', consumed: 2 });
    expect(parseDayWords(words('cccd 120'), 2, TODAY)).toBeUndefined();
    expect(parseDayWords([], 0, TODAY)).toBeUndefined();
  });
});

describe('parseDayWords refuses', () => {
  it.each([
    '31/02',
    '00/11',
    '32/1',
    '32/13',
    '23/13',
    '23/0',
    '31/04',
    '31.04',
    '2026-13-01',
    '2026-02-30',
    '2026-00-10',
    '29/02/2026',
    '29/02/2027',
    '31/04/2026',
    '31-04-2026',
    '31.04.2026',
    '29/02', // in 2027 neither this year nor the nearest others have one
    '1.40',
  ])('%j as a day that does not exist', (text) => {
    expect(parseDayWords([text], 0, '2027-03-01')).toEqual({ error: 'noSuchDay', text, consumed: 1 });
  });

  it.each([
    ['123/11', 1],
    ['23/11/26', 1],
    ['23/11/02026', 1],
    ['1/2/3', 1],
    ['5/5/5', 1],
    ['12.5.', 1], // 12 May ending a sentence, or a date whose year was forgotten: asked
    ['2026/11/23', 1],
    ['2026.11.23', 1],
    ['23-11/2026', 1],
    ['23//11', 1],
    ['23/', 1],
    ['1-2-3-4', 1],
    ['t8', 1],
    ['t1', 1],
    ['T12', 1],
    ['thu9', 1],
    ['thứ 8', 2],
    ['thu 1', 2],
    ['thứ tám', 2],
    ['thứ', 1],
    ['hôm', 1],
    ['hôm trước', 2],
    ['ngày', 1],
    ['ngày abc', 2],
  ])('%j as a date written wrong', (text, consumed) => {
    expect(parseDayWords(words(text), 0, TODAY)).toEqual({ error: 'badDate', text, consumed });
  });

  it.each([
    ['ngày 40/12', 'noSuchDay'],
    ['ngày 5/5/5', 'badDate'],
    ['ngày 31.04.2026', 'noSuchDay'],
  ])('%j after "ngày" quotes both words', (text, error) => {
    expect(parseDayWords(words(text), 0, TODAY)).toEqual({ error, text, consumed: 2 });
  });
});

describe('parseDayWords leaves alone', () => {
  it.each([
    'qua',
    'hom',
    'hom truoc', // without diacritics "hom" is no date word
    'ngay tai cho', // "ngay" without diacritics: at once
    'thu phi', // "thu" without diacritics: to collect
    'chủ tịch',
    'cccd',
    '120',
    '1.400',
    '1.400.000',
    '-1/2',
    '1,5',
    'mai', // a name as often as tomorrow
    'QL1A',
    'F0',
  ])('%j as no date', (text) => {
    expect(parseDayWords(words(text), 0, TODAY)).toBeUndefined();
  });
});

const DIGIT_ZEROS = [0x30, 0xff10, 0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0x1d7ce];
const inDigits = (text: string, zero: number) =>
  text.replace(/[0-9]/g, (digit) => String.fromCodePoint(zero + Number(digit)));
const nearToday = fc.integer({ min: -400, max: 400 }).map((offset) => addDays(TODAY, offset));
const pad = (n: number) => String(n).padStart(2, '0');

describe('parseDayWords properties', () => {
  it('never throws, and whatever it finds is a real day', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('ngày', 'hôm', 'thứ', 'qua', '23/11')), {
          maxLength: 4,
        }),
        fc.nat(5),
        (tokens, start) => {
          const found = parseDayWords(tokens, start, TODAY);
          if (found && 'day' in found) expect(found.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          if (found) expect(found.consumed).toBeGreaterThanOrEqual(1);
        },
      ),
    );
  });

  it('reads back any day written with its year, in every form and every family of digits', () => {
    fc.assert(
      fc.property(
        nearToday,
        fc.constantFrom('dd/mm/yyyy', 'dd.mm.yyyy', 'dd-mm-yyyy', 'yyyy-mm-dd', 'd/m/yyyy'),
        fc.boolean(),
        fc.constantFrom(...DIGIT_ZEROS),
        (day, form, withNgay, zero) => {
          const [y, m, d] = day.split('-').map(Number) as [number, number, number];
          const written = {
            'dd/mm/yyyy': `${pad(d)}/${pad(m)}/${y}`,
            'dd.mm.yyyy': `${pad(d)}.${pad(m)}.${y}`,
            'dd-mm-yyyy': `${pad(d)}-${pad(m)}-${y}`,
            'yyyy-mm-dd': day,
            'd/m/yyyy': `${d}/${m}/${y}`,
          }[form];
          const tokens = [...(withNgay ? ['ngày'] : []), inDigits(written, zero)];
          expect(parseDayWords(tokens, 0, TODAY)).toEqual({ day, consumed: tokens.length });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reads a day and month without a year as the nearest such day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -182, max: 182 }),
        nearToday,
        fc.constantFrom('/', '.', '-'),
        (offset, today, separator) => {
          const day = addDays(today, offset);
          const [, m, d] = day.split('-').map(Number) as [number, number, number];
          // 29/02 seen from a year without one is refused, tested in the tables.
          fc.pre(!(m === 2 && d === 29));
          expect(parseDayWords([`${d}${separator}${m}`], 0, today)).toEqual({ day, consumed: 1 });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reads a weekday as the latest such day, today included', () => {
    const names = [
      ['thứ hai', 't2'],
      ['thứ ba', 't3'],
      ['thứ tư', 't4'],
      ['thứ năm', 't5'],
      ['thứ sáu', 't6'],
      ['thứ bảy', 't7'],
      ['chủ nhật', 'cn'],
    ] as const;
    fc.assert(
      fc.property(nearToday, fc.nat(6), fc.boolean(), (today, weekday, short) => {
        const text = names[weekday]![short ? 1 : 0];
        const found = parseDayWords(words(text), 0, today);
        if (!found || !('day' in found)) throw new Error(`${text} not read`);
        const back = daysBetween(found.day, today);
        expect(back).toBeGreaterThanOrEqual(0);
        expect(back).toBeLessThanOrEqual(6);
        // 2024-01-01 was a Monday.
        expect((((daysBetween('2024-01-01', found.day) % 7) + 7) % 7) as number).toBe(weekday);
      }),
      { numRuns: 500 },
    );
  });
});
