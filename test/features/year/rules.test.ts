import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyOverride,
  DEFAULT_RULE_SETS,
  type Figure,
  fewestMeeting,
  meets,
  parseRuleOverrides,
  parseShare,
  type RuleSet,
  ruleSetForYear,
  ruleSetOn,
  rulesForYear,
  TITLES,
  unverifiedFigures,
} from '../../../src/features/year';

describe('shares', () => {
  it.each([
    ['2/3', { numerator: 2, denominator: 3 }],
    ['70%', { numerator: 70, denominator: 100 }],
    ['12,5%', { numerator: 125, denominator: 1000 }],
    ['0.7', { numerator: 7, denominator: 10 }],
    [' 1 / 2 ', { numerator: 1, denominator: 2 }],
  ])('reads %j', (text, expected) => {
    expect(parseShare(text)).toEqual(expected);
  });

  it.each(['', 'abc', '3/2', '120%', '1/0', '-1/2', '2/3/4'])('refuses %j', (text) => {
    expect(parseShare(text)).toBeUndefined();
  });

  it.each([
    // 18 of 27 is exactly 2/3: it meets "at least 2/3", not "more than 2/3".
    [18, 27, '2/3', 'at-least', true],
    [18, 27, '2/3', 'more-than', false],
    [17, 27, '2/3', 'at-least', false],
    [5, 10, '1/2', 'more-than', false],
    [6, 10, '1/2', 'more-than', true],
    [7, 10, '70%', 'at-least', true],
    [0, 0, '1/2', 'at-least', false],
  ] as const)('%i of %i against %s %s: %s', (count, base, text, comparison, expected) => {
    expect(meets(count, base, parseShare(text)!, comparison)).toBe(expected);
  });

  it('names the fewest count that meets a share, and one fewer never does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 100 }).chain((d) => fc.tuple(fc.integer({ min: 0, max: d }), fc.constant(d))),
        fc.constantFrom('at-least' as const, 'more-than' as const),
        (base, [numerator, denominator], comparison) => {
          const threshold = { numerator, denominator };
          const fewest = fewestMeeting(base, threshold, comparison);
          if (fewest <= base) expect(meets(fewest, base, threshold, comparison)).toBe(true);
          if (fewest >= 1) expect(meets(fewest - 1, base, threshold, comparison)).toBe(false);
        },
      ),
    );
  });
});

describe('the rule in force', () => {
  it.each([
    [2023, 'law-2003+decree-91-2017'],
    [2024, 'law-06-2022+decree-98-2023'],
    // Decree 152/2025 replaced 98/2023 on 1/7/2025, so the whole of 2025 is reviewed under it (31/12 decides).
    [2025, 'law-06-2022+decree-152-2025'],
    [2026, 'law-06-2022+decree-152-2025'],
    [2016, undefined],
  ])('for the year %i is %s', (year, id) => {
    expect(ruleSetForYear(year)?.id).toBe(id);
  });

  it('is, for any day, the one set whose period holds it; for a year, the set of its 31 December', () => {
    const day = fc
      .date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
      .map((date) => date.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, (iso) => {
        const holding = DEFAULT_RULE_SETS.filter((set) => set.from <= iso && (!set.until || iso <= set.until));
        expect(holding.length).toBeLessThanOrEqual(1);
        expect(ruleSetOn(iso)).toBe(holding[0]);
        const year = Number(iso.slice(0, 4));
        expect(ruleSetForYear(year)).toBe(ruleSetOn(`${year}-12-31`));
      }),
    );
  });

  it('picks by date from any list of sets, whatever their order', () => {
    const sets: RuleSet[] = [
      { ...DEFAULT_RULE_SETS[2]!, id: 'c', from: '2030-01-01', until: undefined },
      { ...DEFAULT_RULE_SETS[0]!, id: 'a', from: '2020-01-01', until: '2024-12-30' },
      { ...DEFAULT_RULE_SETS[1]!, id: 'b', from: '2024-12-31', until: '2029-12-31' },
    ];
    expect(ruleSetForYear(2023, sets)?.id).toBe('a');
    expect(ruleSetForYear(2024, sets)?.id).toBe('b');
    expect(ruleSetOn('2024-12-30', sets)?.id).toBe('a');
    expect(ruleSetForYear(2030, sets)?.id).toBe('c');
  });
});

describe('the rule data', () => {
  const figures = (value: unknown): Figure<unknown>[] => {
    if (typeof value !== 'object' || value === null) return [];
    if ('citation' in value && 'value' in value) return [value as Figure<unknown>];
    return Object.values(value).flatMap(figures);
  };

  it('has every title in every period, each figure citing an act', () => {
    for (const set of DEFAULT_RULE_SETS) {
      expect(Object.keys(set.titles).sort()).toEqual([...TITLES].sort());
      for (const title of TITLES) {
        expect(set.titles[title].title).toBe(title);
        for (const figure of figures(set.titles[title]))
          expect(figure.citation.act).toMatch(/^(law|decree|circular|config)/);
      }
    }
  });

  it('marks the figures not found in the texts as unverified', () => {
    const latest = DEFAULT_RULE_SETS.at(-1)!;
    const paths = (title: (typeof TITLES)[number]) =>
      unverifiedFigures(latest.titles[title]).map((found) => found.path);
    expect(paths('cstdcs')).toEqual(expect.arrayContaining(['quota.share', 'review.share', 'review.base']));
    // Three consecutive CSTĐCS, two consecutive ministry-level titles: read in quotations of the 2022 law.
    expect(paths('cstd-bo')).not.toContain('chain.years');
    expect(paths('cstd-tq')).not.toContain('chain.years');
    expect(latest.titles.cstdcs.quota!.share.value).toEqual({ numerator: 15, denominator: 100 });
  });

  it('cites, for every figure not marked verify, the page quoting the text it was read in', () => {
    for (const set of DEFAULT_RULE_SETS)
      for (const title of TITLES)
        for (const figure of figures(set.titles[title]))
          if (figure.verify === undefined && figure.citation.act !== 'config')
            expect(figure.citation.source, `${set.id} ${title}`).toMatch(/^https?:\/\//);
  });

  it('holds the corrections the texts asked for (issue 18)', () => {
    const [of2013, of2024, current] = DEFAULT_RULE_SETS as [RuleSet, RuleSet, RuleSet];
    // Registration: a ground of every title under the 2003 law (Art. 10(1)(b)), dropped by the 2022 law (Art. 7).
    expect(of2013.titles.cstt.registration.value).toBe(true);
    for (const set of [of2024, current]) {
      expect(set.titles.cstt.registration.value).toBe(false);
      expect(set.titles.cstt.registration.citation).toMatchObject({ act: 'law-06-2022', article: 7 });
    }
    // The ministry-level title needs 90 % of the whole council (Decree 91/2017 Art. 45(8)), not 2/3.
    expect(of2013.titles['cstd-bo'].council!.share).toMatchObject({
      value: { numerator: 90, denominator: 100 },
      citation: { act: 'decree-91-2017', article: 45, clause: 8 },
    });
    expect(of2013.titles['cstd-bo'].council!.share.verify).toBeUndefined();
    // Months served: 10 under Decree 91/2017, 6 under TT 01/2024/TT-BNV.
    expect(of2013.titles.cstt.minMonthsServed!.value).toBe(10);
    expect(current.titles.cstt.minMonthsServed!.value).toBe(6);
    // The 2022 law's articles: CSTĐCS is Art. 23, not 21; TT 12/2019/TT-BCA gave way to a 2024 circular.
    expect(current.titles.cstdcs.citation).toMatchObject({ act: 'law-06-2022', article: 23 });
    expect(current.basis.map((citation) => citation.act)).toEqual([
      'law-06-2022',
      'decree-152-2025',
      'circular-04-2024-bca',
    ]);
  });
});

describe('docs/YEAR-RULES.md', () => {
  it('lists every figure of the current rule set that is marked verify', () => {
    const doc = readFileSync(resolve(import.meta.dirname, '../../../docs/YEAR-RULES.md'), 'utf8');
    const rows = doc
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    const latest = DEFAULT_RULE_SETS.at(-1)!;
    const missing = TITLES.flatMap((title) =>
      unverifiedFigures(latest.titles[title])
        .filter(({ path }) => !rows.some((row) => row[1] === `\`${path}\`` && row[2]!.split(', ').includes(title)))
        .map(({ path }) => `${title} ${path}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('overrides', () => {
  it('replace a figure, which then cites the configuration', () => {
    const parsed = parseRuleOverrides({ cstdcs: { quota: { share: '20%' }, review: { base: 'members' } } });
    expect(parsed.ok).toBe(true);
    const set = rulesForYear(2026, parsed.ok ? parsed.value : {})!;
    expect(set.titles.cstdcs.quota!.share).toEqual({
      value: { numerator: 20, denominator: 100 },
      citation: { act: 'config' },
      overridden: true,
    });
    expect(set.titles.cstdcs.review!.base.value).toBe('members');
    // Untouched figures keep the law's citation.
    expect(set.titles.cstdcs.review!.share.citation.act).toBe('circular-04-2024-bca');
    expect(set.titles.cstt).toEqual(ruleSetForYear(2026)!.titles.cstt);
  });

  it('accept a fraction object, and apply to any period', () => {
    const older = rulesForYear(2023, { 'cstd-bo': { chain: { years: 2 } } })!;
    expect(older.titles['cstd-bo'].chain!.years.value).toBe(2);
    const rule = applyOverride(DEFAULT_RULE_SETS[2]!.titles.dvtt, {
      memberShare: { share: { numerator: 3, denominator: 5 } },
    });
    expect(rule.memberShare!.share.value).toEqual({ numerator: 3, denominator: 5 });
  });

  it.each([
    [{ cstt: { quota: { share: '10%' } } }, 'cstt.quota: not a rule of this title'],
    [{ cstdcs: { quota: { share: '150%' } } }, 'cstdcs.quota.share'],
    [{ nobody: {} }, 'nobody'],
    [{ cstdcs: { review: { share: '2/3', extra: 1 } } }, 'cstdcs.review'],
    [{ cstdcs: { disqualifiers: [] } }, 'cstdcs'],
  ])('refuse %j', (input, path) => {
    const parsed = parseRuleOverrides(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.join('\n')).toContain(path);
  });
});
