import { describe, expect, it } from 'vitest';
import {
  type CheckKind,
  checkEligibility,
  DEFAULT_RULE_SETS,
  type IndividualEvidence,
  rulesForYear,
  TITLES,
} from '../../src/features/year';
import { checkReason, citationText, officialDate, placeAndDate, shareText, titleName } from '../../src/i18n/year-text';

describe('officialDate', () => {
  it.each([
    // Nghị định 30/2020: a leading zero for days under 10 and for January and February only.
    ['2026-12-15', 'ngày 15 tháng 12 năm 2026'],
    ['2026-02-05', 'ngày 05 tháng 02 năm 2026'],
    ['2026-01-15', 'ngày 15 tháng 01 năm 2026'],
    ['2026-03-09', 'ngày 09 tháng 3 năm 2026'],
    ['2026-11-30', 'ngày 30 tháng 11 năm 2026'],
  ])('%s is "%s"', (day, words) => {
    expect(officialDate('vi', day)).toBe(words);
  });

  it('writes place and date as the heading has them, in both languages', () => {
    expect(placeAndDate('vi', 'Lạng Sơn', '2026-12-15')).toBe('Lạng Sơn, ngày 15 tháng 12 năm 2026');
    expect(placeAndDate('en', 'Lạng Sơn', '2026-02-05')).toBe('Lạng Sơn, 5 February 2026');
  });
});

describe('the rules in words', () => {
  it.each([
    [{ numerator: 2, denominator: 3 }, '2/3'],
    [{ numerator: 70, denominator: 100 }, '70%'],
    [{ numerator: 1, denominator: 2 }, '50%'],
    [{ numerator: 125, denominator: 1000 }, '12,5%'],
  ])('writes the share %j as %s', (share, text) => {
    expect(shareText('vi', share)).toBe(text);
  });

  it('names every title and every act the rules cite, in both languages', () => {
    for (const locale of ['vi', 'en'] as const) {
      for (const title of TITLES) expect(titleName(locale, title)).not.toBe(title);
      for (const set of DEFAULT_RULE_SETS)
        for (const citation of set.basis) expect(citationText(locale, citation)).not.toBe(citation.act);
    }
    expect(citationText('vi', { act: 'law-06-2022', article: 21 })).toBe(
      'Điều 21 Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022',
    );
    expect(titleName('vi', 'cstdcs')).toBe('Chiến sĩ thi đua cơ sở');
  });

  it('gives a reason for every check a candidate can fail', () => {
    // 2023 too: registration is a condition under the 2003 law only (the 2022 law's Art. 7 drops it).
    const years = [2023, 2026];
    const nobody: IndividualEvidence = {
      kind: 'individual',
      subjectId: 'x',
      registered: false,
      flags: ['discipline-pending'],
      discipline: 'warning',
      monthsServed: 3,
      rating: 'complete',
      initiative: false,
      titlesThisYear: [],
    };
    const kinds = new Set<CheckKind>();
    for (const year of years)
      for (const title of TITLES) {
        const result = checkEligibility(rulesForYear(year)!.titles[title], nobody, year, [
          { subjectId: 'x', title, year, basis: 'annual' },
        ]);
        for (const check of result.checks.filter((c) => c.outcome === 'fail')) {
          kinds.add(check.kind);
          for (const locale of ['vi', 'en'] as const) {
            const reason = checkReason(locale, check);
            expect(reason).not.toBe(check.kind);
            expect(reason).not.toMatch(/undefined|NaN/);
          }
        }
      }
    expect([...kinds].sort()).toEqual(
      [
        'achievement',
        'chain',
        'discipline',
        'flags',
        'once',
        'rating',
        'registered',
        'requires',
        'served',
        'subject',
      ].sort(),
    );
    expect(checkReason('vi', { kind: 'chain', detail: { of: 'cstdcs', years: 2, needed: 3 } })).toBe(
      'Mới có 2/3 năm liên tục đạt danh hiệu “Chiến sĩ thi đua cơ sở”.',
    );
  });
});
