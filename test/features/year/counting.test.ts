import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyQuota,
  type BallotTally,
  checkEligibility,
  consecutiveYears,
  countBallot,
  electorate,
  FLAG_KINDS,
  type HonourRecord,
  type IndividualEvidence,
  measureChain,
  type QuotaCandidate,
  quotaLimit,
  type RuleSet,
  rulesForYear,
  runStage,
  TITLES,
  type TitleId,
} from '../../../src/features/year';

const RULES: RuleSet = rulesForYear(2026)!;
const annual = (subjectId: string, title: string, year: number, unitId = 'PC06'): HonourRecord => ({
  subjectId,
  title,
  year,
  basis: 'annual',
  unitId,
});

/** A person with a good year and nothing against them, for a CSTĐCS review of 2026. */
const good = (subjectId: string, extra: Partial<IndividualEvidence> = {}): IndividualEvidence => ({
  kind: 'individual',
  subjectId,
  registered: true,
  flags: [],
  discipline: 'none',
  monthsServed: 12,
  rating: 'excellent',
  initiative: true,
  titlesThisYear: ['cstt'],
  ...extra,
});

describe('eligibility', () => {
  const check = (title: TitleId, candidate: IndividualEvidence, records: HonourRecord[] = []) =>
    checkEligibility(RULES.titles[title], candidate, 2026, records);
  const failed = (title: TitleId, candidate: IndividualEvidence, records: HonourRecord[] = []) =>
    check(title, candidate, records)
      .checks.filter((c) => c.outcome === 'fail')
      .map((c) => c.kind);

  it('passes a person who meets every rule, each check with its citation', () => {
    const result = check('cstdcs', good('hung'));
    expect(result.eligible).toBe(true);
    expect(result.toConfirm).toEqual([]);
    // The 2022 law no longer makes registration a ground of a title (Art. 7): it is not checked for 2026.
    expect(result.checks.map((c) => c.kind)).toEqual([
      'subject',
      'flags',
      'discipline',
      'achievement',
      'requires',
      'once',
    ]);
    expect(result.checks.find((c) => c.kind === 'requires')!.citation).toMatchObject({
      act: 'law-06-2022',
      article: 23,
      clause: 1,
    });
  });

  it('checks registration under the 2003 law (Art. 10) only', () => {
    const unregistered = good('hung', { registered: false });
    const under2013 = checkEligibility(rulesForYear(2023)!.titles.cstdcs, unregistered, 2023, []);
    expect(under2013.checks.filter((c) => c.outcome === 'fail').map((c) => c.kind)).toEqual(['registered']);
    expect(under2013.checks.find((c) => c.kind === 'registered')!.citation).toMatchObject({
      act: 'law-2003',
      article: 10,
    });
    expect(check('cstdcs', unregistered).eligible).toBe(true);
  });

  it.each([
    [{ flags: ['inspection-pending' as const] }, ['flags']],
    [{ discipline: 'reprimand' as const }, ['discipline']],
    [{ titlesThisYear: [] }, ['requires']],
    [{ initiative: false, rating: 'good' as const }, ['achievement']],
  ])('fails a CSTĐCS candidate with %j', (extra, kinds) => {
    expect(failed('cstdcs', good('hung', extra))).toEqual(kinds);
  });

  it('leaves what the bot cannot know for the meeting to confirm, without failing it', () => {
    const result = check('cstt', good('hung', { rating: undefined, monthsServed: undefined, discipline: undefined }));
    expect(result.eligible).toBe(true);
    expect(result.toConfirm).toEqual(['discipline', 'served', 'rating']);
  });

  it('refuses the same title twice for one year (one achievement, one reward)', () => {
    expect(failed('cstdcs', good('hung'), [annual('hung', 'cstdcs', 2026)])).toEqual(['once']);
    expect(failed('cstdcs', good('hung'), [annual('hung', 'cstdcs', 2025)])).toEqual([]);
  });

  it('needs three consecutive CSTĐCS for the ministry title, the third in the review year', () => {
    const two = [annual('hung', 'cstdcs', 2024), annual('hung', 'cstdcs', 2025)];
    expect(failed('cstd-bo', good('hung', { titlesThisYear: ['cstt'] }), two)).toEqual(['chain']);
    expect(failed('cstd-bo', good('hung', { titlesThisYear: ['cstt', 'cstdcs'] }), two)).toEqual([]);
  });

  it('checks a unit by its members: more than half CSTT for Đơn vị tiên tiến', () => {
    const unit = (holding: number, disciplines: ('reprimand' | 'warning')[] = []) =>
      checkEligibility(
        RULES.titles.dvtt,
        {
          kind: 'collective',
          subjectId: 'PC06',
          registered: true,
          flags: [],
          members: 30,
          membersHolding: { cstt: holding },
          memberDisciplines: disciplines,
          titlesThisYear: [],
        },
        2026,
        [],
      );
    expect(unit(15).eligible).toBe(false);
    expect(unit(16).eligible).toBe(true);
    // A member reprimanded does not keep the unit out; one warned does.
    expect(unit(16, ['reprimand']).eligible).toBe(true);
    expect(unit(16, ['warning']).checks.find((c) => c.kind === 'discipline')!.outcome).toBe('fail');
  });

  it('refuses a person for a unit title and a unit for a person title', () => {
    expect(failed('dvtt', good('hung'))).toContain('subject');
  });
});

describe('chains', () => {
  it('counts consecutive years back from the last, skipping none', () => {
    const records = [2021, 2023, 2024, 2025].map((year) => annual('hung', 'cstdcs', year));
    expect(consecutiveYears(records, 'hung', 'cstdcs', 2025)).toBe(3);
    expect(consecutiveYears(records, 'hung', 'cstdcs', 2022)).toBe(0);
    expect(consecutiveYears(records, 'hung', 'cstdcs', 2026, true)).toBe(4);
    expect(consecutiveYears(records, 'other', 'cstdcs', 2025)).toBe(0);
  });

  const years = fc.uniqueArray(fc.integer({ min: 2010, max: 2030 }), { maxLength: 12 });
  const units = fc.array(fc.constantFrom('PC06', 'PC08', 'CAH-HL', 'CAH-CL'), { minLength: 1 });

  it('are counted by person: moving between units never breaks or changes one', () => {
    fc.assert(
      fc.property(years, units, fc.integer({ min: 2010, max: 2031 }), (held, path, through) => {
        const stayed = held.map((year) => annual('hung', 'cstdcs', year, 'PC06'));
        const moved = held.map((year, i) => annual('hung', 'cstdcs', year, path[i % path.length]));
        expect(consecutiveYears(moved, 'hung', 'cstdcs', through)).toBe(
          consecutiveYears(stayed, 'hung', 'cstdcs', through),
        );
        const rule = RULES.titles['cstd-bo'].chain!;
        expect(measureChain(rule, moved, 'hung', through)).toEqual(measureChain(rule, stayed, 'hung', through));
      }),
    );
  });

  it('never count thematic or sudden commendations, nor forms of commendation, however many', () => {
    const extra = fc.array(
      fc.record({
        subjectId: fc.constant('hung'),
        year: fc.integer({ min: 2010, max: 2030 }),
        title: fc.constantFrom<string>(...TITLES, 'giaykhen', 'bangkhen'),
        basis: fc.constantFrom('thematic' as const, 'sudden' as const),
      }),
    );
    const forms = fc.array(
      fc.record({
        subjectId: fc.constant('hung'),
        year: fc.integer({ min: 2010, max: 2030 }),
        title: fc.constantFrom('giaykhen', 'bangkhen', 'bieuduong'),
        basis: fc.constant('annual' as const),
      }),
    );
    fc.assert(
      fc.property(
        years,
        extra,
        forms,
        fc.constantFrom(...TITLES),
        fc.integer({ min: 2010, max: 2031 }),
        (held, thematic, commendations, title, through) => {
          const base = held.map((year) => annual('hung', title, year));
          const noisy = [...base, ...thematic, ...commendations];
          expect(consecutiveYears(noisy, 'hung', title, through)).toBe(consecutiveYears(base, 'hung', title, through));
        },
      ),
    );
  });
});

describe('countBallot', () => {
  const rule = RULES.titles.cstdcs.review!; // 70 % of those present, quorum 2/3 of members
  const tally = (present: number, yes: number, members = 30): BallotTally => ({
    members,
    present,
    cast: present,
    votes: [{ candidateId: 'hung', yes, no: present - yes }],
  });

  it.each([
    // 2/3 of 30 is 20: 20 present meet the quorum, 19 do not.
    [20, 14, true, true],
    [20, 13, true, false],
    [19, 19, false, false],
    [27, 19, true, true],
    [27, 18, true, false],
  ])('%i present, %i yes: quorum %s, passed %s', (present, yes, quorumMet, passed) => {
    const result = countBallot(rule, tally(present, yes));
    expect(result.quorumMet).toBe(quorumMet);
    expect(result.candidates[0]!.passed).toBe(passed);
  });

  it('counts a council over its whole membership, written votes included', () => {
    const council = RULES.titles.cstdcs.council!; // 2/3 of all 9 members: 6
    const result = countBallot(council, {
      members: 9,
      present: 6,
      cast: 8,
      votes: [
        { candidateId: 'a', yes: 6, no: 2 },
        { candidateId: 'b', yes: 5, no: 1 },
      ],
    });
    expect(result.base).toBe('members');
    expect(result.candidates.map((c) => [c.candidateId, c.base, c.needed, c.blank, c.passed])).toEqual([
      ['a', 9, 6, 0, true],
      ['b', 9, 6, 2, false],
    ]);
  });

  it('throws on totals that cannot be', () => {
    expect(() => countBallot(rule, { members: 3, present: 4, cast: 4, votes: [] })).toThrow(RangeError);
    expect(() =>
      countBallot(rule, { members: 3, present: 3, cast: 3, votes: [{ candidateId: 'x', yes: 3, no: 1 }] }),
    ).toThrow(RangeError);
  });

  it('lets vote the members at the opening who are still members at the close', () => {
    const ids = electorate(
      [
        { id: 'stays', joinedAt: '2025-03-01' },
        { id: 'late', joinedAt: '2026-12-10' },
        { id: 'left', joinedAt: '2024-01-01', leftAt: '2026-12-09' },
        { id: 'leaves-after', joinedAt: '2024-01-01', leftAt: '2026-12-20' },
      ],
      '2026-12-08',
      '2026-12-15',
    );
    expect(ids).toEqual(['stays', 'leaves-after']);
  });
});

describe('quotas', () => {
  const quota = RULES.titles.cstdcs.quota!;
  const candidate = fc.record({
    candidateId: fc.string({ minLength: 1, maxLength: 4 }),
    yes: fc.integer({ min: 0, max: 40 }),
    base: fc.constant(40),
    seniority: fc.integer({ min: 0, max: 5 }),
    registeredAt: fc.constantFrom('2026-01-05', '2026-02-01', '2026-03-30'),
  });
  const field = fc.uniqueArray(candidate, { selector: (c) => c.candidateId, maxLength: 25 });

  it('gives 15 % of the CSTT holders, rounded down', () => {
    expect([0, 6, 7, 20, 40].map((holders) => quotaLimit(quota, holders))).toEqual([0, 0, 1, 3, 6]);
  });

  it('are never exceeded, take the best shares first, and do not depend on the input order', () => {
    fc.assert(
      fc.property(
        field,
        fc.integer({ min: 0, max: 200 }),
        fc.constantFrom('order' as const, 'revote' as const),
        (passed, holders, tie) => {
          const rule = { ...quota, tie: { ...quota.tie, value: tie } };
          const outcome = applyQuota(rule, holders, passed);
          expect(outcome.proposed.length).toBeLessThanOrEqual(outcome.limit);
          expect(outcome.proposed.length + outcome.tied.length + outcome.overQuota.length).toBe(passed.length);
          const yesOf = new Map(passed.map((c: QuotaCandidate) => [c.candidateId, c.yes]));
          const lowestIn = Math.min(...outcome.proposed.map((id) => yesOf.get(id)!));
          for (const id of [...outcome.tied, ...outcome.overQuota])
            expect(yesOf.get(id)!).toBeLessThanOrEqual(lowestIn);
          expect(applyQuota(rule, holders, [...passed].reverse())).toEqual(outcome);
        },
      ),
    );
  });

  it('leaves a tie at the last place to be settled by default; with `order`, breaks it by seniority, then registration', () => {
    const passed = [
      { candidateId: 'c', yes: 30, base: 40, seniority: 1, registeredAt: '2026-01-10' },
      { candidateId: 'b', yes: 30, base: 40, seniority: 2, registeredAt: '2026-01-20' },
      { candidateId: 'a', yes: 35, base: 40, seniority: 0 },
      { candidateId: 'd', yes: 30, base: 40, seniority: 1, registeredAt: '2026-01-05' },
    ];
    // 15 % of 14 holders: 2 places.
    expect(quota.tie.value).toBe('revote');
    expect(applyQuota(quota, 14, passed)).toEqual({ limit: 2, proposed: ['a'], tied: ['b', 'd', 'c'], overQuota: [] });
    const order = { ...quota, tie: { ...quota.tie, value: 'order' as const } };
    expect(applyQuota(order, 14, passed)).toEqual({ limit: 2, proposed: ['a', 'b'], tied: [], overQuota: ['d', 'c'] });
    // 3 places: the three level on 30 compete for 2 of them, still tied.
    expect(applyQuota(quota, 20, passed)).toEqual({ limit: 3, proposed: ['a'], tied: ['b', 'd', 'c'], overQuota: [] });
    // 4 places: everyone fits, nobody is tied.
    expect(applyQuota(quota, 27, passed)).toEqual({
      limit: 4,
      proposed: ['a', 'b', 'd', 'c'],
      tied: [],
      overQuota: [],
    });
  });

  it('by default never splits candidates level on the vote across the cut, nor proposes past the quota', () => {
    // Few distinct vote counts, so ties are common.
    const level = fc.record({
      candidateId: fc.string({ minLength: 1, maxLength: 4 }),
      yes: fc.integer({ min: 28, max: 32 }),
      base: fc.constantFrom(40, 40, 40, 80),
      seniority: fc.integer({ min: 0, max: 5 }),
      registeredAt: fc.constantFrom('2026-01-05', '2026-02-01'),
    });
    const share = (c: QuotaCandidate) => c.yes / c.base;
    const same = (a: QuotaCandidate, b: QuotaCandidate) => a.yes * b.base === b.yes * a.base && a.yes === b.yes;
    fc.assert(
      fc.property(
        fc.uniqueArray(level, { selector: (c) => c.candidateId, maxLength: 20 }),
        fc.integer({ min: 0, max: 120 }),
        (passed, holders) => {
          const outcome = applyQuota(quota, holders, passed);
          const byId = new Map(passed.map((c) => [c.candidateId, c]));
          const proposed = outcome.proposed.map((id) => byId.get(id)!);
          const tied = outcome.tied.map((id) => byId.get(id)!);
          const over = outcome.overQuota.map((id) => byId.get(id)!);
          expect(proposed.length).toBeLessThanOrEqual(outcome.limit);
          // Nobody level with someone proposed is left out.
          for (const out of [...tied, ...over]) for (const inside of proposed) expect(same(out, inside)).toBe(false);
          if (tied.length > 0) {
            // The tied are level with each other, straddle the cut, and are ahead of everyone over the quota.
            for (const each of tied) expect(same(each, tied[0]!)).toBe(true);
            expect(proposed.length).toBeLessThan(outcome.limit);
            expect(proposed.length + tied.length).toBeGreaterThan(outcome.limit);
            for (const each of over) expect(share(each)).toBeLessThanOrEqual(share(tied[0]!));
          } else expect(over.length === 0 || proposed.length === outcome.limit).toBe(true);
        },
      ),
    );
  });
});

describe('runStage', () => {
  const rule = RULES.titles.cstdcs;

  it('proposes the eligible who passed, within the quota, and says why of each other', () => {
    const candidates = [
      good('a'),
      good('b'),
      good('flagged', { flags: ['discipline-pending'] }),
      good('weak'),
      good('c'),
    ];
    const outcome = runStage({
      rule,
      stage: 'review',
      year: 2026,
      candidates,
      records: [],
      tally: {
        members: 30,
        present: 27,
        cast: 27,
        votes: [
          { candidateId: 'a', yes: 27, no: 0 },
          { candidateId: 'b', yes: 25, no: 2 },
          { candidateId: 'flagged', yes: 27, no: 0 },
          { candidateId: 'weak', yes: 18, no: 9 },
          { candidateId: 'c', yes: 20, no: 7 },
        ],
      },
      quotaHolders: 14,
    });
    expect(outcome.candidates.map((c) => [c.subjectId, c.status])).toEqual([
      ['a', 'proposed'],
      ['b', 'proposed'],
      ['flagged', 'ineligible'],
      ['weak', 'not-passed'],
      ['c', 'over-quota'],
    ]);
    expect(outcome.proposed).toEqual(['a', 'b']);
    expect(outcome.quota).toMatchObject({ limit: 2, holders: 14 });
  });

  it('proposes nobody without a quorum', () => {
    const outcome = runStage({
      rule,
      stage: 'review',
      year: 2026,
      candidates: [good('a')],
      records: [],
      tally: { members: 30, present: 19, cast: 19, votes: [{ candidateId: 'a', yes: 19, no: 0 }] },
      quotaHolders: 30,
    });
    expect(outcome.candidates[0]!.status).toBe('no-quorum');
    expect(outcome.proposed).toEqual([]);
  });

  it('refuses a stage the title has no vote at, and a quota without its holders', () => {
    const tally = { members: 1, present: 1, cast: 1, votes: [] };
    const base = { year: 2026, candidates: [], records: [], tally };
    expect(() => runStage({ ...base, rule: RULES.titles.cstt, stage: 'council' })).toThrow(RangeError);
    expect(() => runStage({ ...base, rule, stage: 'review' })).toThrow(/quota/);
  });

  it('never proposes anyone flagged, whatever the votes, quota and title', () => {
    const person = fc.record({
      id: fc.string({ minLength: 1, maxLength: 3 }),
      flags: fc.subarray([...FLAG_KINDS]),
      yes: fc.integer({ min: 0, max: 30 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(person, { selector: (p) => p.id, maxLength: 12 }),
        fc.constantFrom<TitleId>('cstt', 'cstdcs', 'cstd-bo'),
        fc.integer({ min: 0, max: 60 }),
        (people, title, holders) => {
          const outcome = runStage({
            rule: RULES.titles[title],
            stage: 'review',
            year: 2026,
            candidates: people.map((p) => good(p.id, { flags: p.flags, titlesThisYear: ['cstt', 'cstdcs'] })),
            records: people.flatMap((p) => [annual(p.id, 'cstdcs', 2024), annual(p.id, 'cstdcs', 2025)]),
            tally: {
              members: 30,
              present: 30,
              cast: 30,
              votes: people.map((p) => ({ candidateId: p.id, yes: p.yes, no: 0 })),
            },
            quotaHolders: holders,
          });
          const flagged = new Set(people.filter((p) => p.flags.length > 0).map((p) => p.id));
          for (const id of outcome.proposed) expect(flagged.has(id)).toBe(false);
          for (const c of outcome.candidates) if (flagged.has(c.subjectId)) expect(c.status).toBe('ineligible');
        },
      ),
    );
  });
});
