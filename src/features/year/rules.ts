/**
 * The rules of each title as data, one rule set per period of the law, each figure with its legal citation. A figure
 * that could not be confirmed from the legal texts carries `verify` (what is uncertain); docs/YEAR-RULES.md lists
 * them. Every figure can be overridden from configuration (rule-overrides.ts). A year's review uses the rule set in
 * force on 31 December of that year.
 */
import { type Comparison, percent, type Share, share } from './share';
import type { TitleId } from './titles';

/** The legal acts the rules cite; `config` marks a figure set by this deployment's configuration. */
export type ActId =
  | 'law-2003'
  | 'law-06-2022'
  | 'decree-91-2017'
  | 'decree-98-2023'
  | 'decree-152-2025'
  | 'circular-12-2019-bca'
  | 'circular-08-2017-bnv'
  | 'config';

/** Where a rule or figure comes from: an act, and the article and clause when known. */
export interface Citation {
  readonly act: ActId;
  readonly article?: number;
  readonly clause?: number;
}

/** One figure of a rule with its citation; `verify` says what could not be confirmed from the legal text. */
export interface Figure<T> {
  readonly value: T;
  readonly citation: Citation;
  readonly verify?: string;
  /** Set by configuration rather than read off the law. */
  readonly overridden?: true;
}

/** What a commander records privately against a person: nobody is considered while one is pending. */
export type FlagKind = 'discipline-pending' | 'inspection-pending' | 'complaint-pending';
export const FLAG_KINDS: readonly FlagKind[] = ['discipline-pending', 'inspection-pending', 'complaint-pending'];

/** A year's rating of how a person did their duties (xếp loại), lowest first. */
export const RATINGS = ['incomplete', 'complete', 'good', 'excellent'] as const;
export type Rating = (typeof RATINGS)[number];

/** Forms of discipline, lightest first: khiển trách, cảnh cáo, and anything heavier. */
export const DISCIPLINES = ['reprimand', 'warning', 'heavier'] as const;
export type Discipline = (typeof DISCIPLINES)[number];

/** What the CSTĐCS-style titles ask beyond a good year: an initiative, or (2022 law) an excellent rating instead. */
export type AchievementNeed = 'initiative' | 'excellent-or-initiative';

/** How a body votes on a title: the share of yes votes needed, over whom, and the quorum of members present. */
export interface VoteRule {
  readonly share: Figure<Share>;
  readonly comparison: Figure<Comparison>;
  /** `present`: over the members at the meeting (in chat, the ballots cast); `members`: over the whole membership. */
  readonly base: Figure<'present' | 'members'>;
  /** The share of members who must be present (or, in chat, cast a ballot) for the vote to count. */
  readonly quorum: Figure<Share>;
}

/** How many may get a title: a share of the holders of another title, rounded so the share is not exceeded. */
export interface QuotaRule {
  readonly of: TitleId;
  readonly share: Figure<Share>;
  readonly rounding: Figure<'floor' | 'round' | 'ceil'>;
  /**
   * Candidates equal on the vote across the quota's last place: all marked tied (ngang phiếu), none of them proposed,
   * the choice left to the commander or the council, by a new vote among them or otherwise (`revote`, the default);
   * or ordered by seniority, registration and id (`order`, see quota.ts).
   */
  readonly tie: Figure<'order' | 'revote'>;
}

/** N consecutive years of another title, the last of them the review's year or the year before. */
export interface ChainRule {
  readonly of: TitleId;
  readonly years: Figure<number>;
  readonly endsIn: Figure<'review-year' | 'previous-year'>;
}

/** The share of a unit's members who must hold a title (a collective title's condition). */
export interface MemberShareRule {
  readonly of: TitleId;
  readonly share: Figure<Share>;
  readonly comparison: Figure<Comparison>;
}

/** One title's rules in one period. Absent parts do not apply to the title. */
export interface TitleRule {
  readonly title: TitleId;
  /** The article that defines the title. */
  readonly citation: Citation;
  /** Only those who registered for the title at the start of the year are considered. */
  readonly registration: Figure<boolean>;
  /** Pending matters that keep a candidate out (never overridden: a flag always keeps a candidate out). */
  readonly disqualifiers: Figure<readonly FlagKind[]>;
  /** The lightest discipline in the year that keeps a person out, or (collective) a member of the unit. */
  readonly discipline: Figure<Discipline>;
  readonly minMonthsServed?: Figure<number>;
  readonly minRating?: Figure<Rating>;
  readonly achievement?: Figure<AchievementNeed>;
  /** Another title the candidate must hold (or be proposed for) in the same year. */
  readonly requires?: Figure<TitleId>;
  readonly chain?: ChainRule;
  readonly memberShare?: MemberShareRule;
  /** At least this many members holding a title (Đơn vị quyết thắng: one CSTĐCS). */
  readonly memberHolds?: { readonly of: TitleId; readonly count: Figure<number> };
  /** Every member completed their duties. */
  readonly allMembersComplete?: Figure<boolean>;
  /** The unit's review meeting (bình xét); absent for collective titles, which the unit does not vote on. */
  readonly review?: VoteRule;
  /** The emulation council (Hội đồng Thi đua – Khen thưởng) of the issuing level; absent where the head decides. */
  readonly council?: VoteRule;
  readonly quota?: QuotaRule;
}

/** The rules of every title for one period: in force from `from` through `until` (inclusive days, YYYY-MM-DD). */
export interface RuleSet {
  readonly id: string;
  readonly from: string;
  readonly until?: string;
  /** The acts a proposal letter cites ("Căn cứ …"). */
  readonly basis: readonly Citation[];
  readonly titles: Readonly<Record<TitleId, TitleRule>>;
}

const figure = <T>(value: T, citation: Citation, verify?: string): Figure<T> =>
  verify === undefined ? { value, citation } : { value, citation, verify };

const TT12: Citation = { act: 'circular-12-2019-bca' };

/** What tells two periods of the law apart: the acts, the articles that define each title, and what changed. */
interface Period {
  readonly law: 'law-2003' | 'law-06-2022';
  readonly decree: 'decree-91-2017' | 'decree-98-2023' | 'decree-152-2025';
  /** The article of the law defining each title; absent where it could not be confirmed. */
  readonly articles: Partial<Record<TitleId, number>>;
  /** CSTĐCS: an initiative (2013 law), or an excellent rating or an initiative (2022 law). */
  readonly cstdcsAchievement: AchievementNeed;
}

const DECREE_NAMES = {
  'decree-91-2017': 'Decree 91/2017',
  'decree-98-2023': 'Decree 98/2023',
  'decree-152-2025': 'Decree 152/2025',
} as const;

/** Every title's rules in one period. Figures read for one act and assumed for another say so in `verify`. */
function rulesOf(period: Period): Record<TitleId, TitleRule> {
  const law = (title: TitleId): Citation => {
    const article = period.articles[title];
    return article === undefined ? { act: period.law } : { act: period.law, article };
  };
  const byDecree: Citation = { act: period.decree };
  const decree = DECREE_NAMES[period.decree];
  const since2024 = period.law === 'law-06-2022';
  /** A note only for the periods after the one the figure was read for. */
  const unlessOld = (note: string) => (since2024 ? note : undefined);
  /** Carries a note on a figure read for Decree 91/2017 into the later decrees. */
  const later = since2024 ? `, and in ${decree}` : '';
  const circular = since2024
    ? 'TT 12/2019/TT-BCA was issued under the 2013 law; whether a later circular of the Ministry replaced it is unconfirmed'
    : undefined;
  const common = {
    registration: figure(
      true,
      byDecree,
      `registration as a condition of a title, recalled from Decree 91/2017: unconfirmed${later}`,
    ),
    disqualifiers: figure(FLAG_KINDS, TT12, circular),
  };
  const unitMeeting = (needed: Share, what: string): VoteRule => ({
    share: figure(needed, TT12, `${what}: the share needed at the unit's meeting is unconfirmed`),
    comparison: figure<Comparison>('at-least', TT12, 'read as "từ … trở lên" (at least): unconfirmed'),
    base: figure<'present' | 'members'>('present', TT12, 'counted over those present: unconfirmed'),
    quorum: figure(share(2, 3), TT12, "a quorum of 2/3 at the unit's meeting is assumed from the central council's"),
  });
  const council = (needed: Share, verify: string): VoteRule => ({
    share: figure(needed, byDecree, verify),
    comparison: figure<Comparison>('at-least', byDecree),
    base: figure<'present' | 'members'>('members', byDecree),
    quorum: figure(share(2, 3), byDecree, "the 2/3 quorum is the central council's; assumed for the lower councils"),
  });
  const ofCouncil = `2/3 of the whole council: unconfirmed in ${decree}`;
  return {
    cstt: {
      title: 'cstt',
      citation: law('cstt'),
      ...common,
      discipline: figure<Discipline>(
        'reprimand',
        byDecree,
        'disciplined from khiển trách up keeps a person out: unconfirmed',
      ),
      minMonthsServed: figure(
        10,
        byDecree,
        `10 months served in the year, recalled from Decree 91/2017: unconfirmed${later}`,
      ),
      minRating: figure<Rating>('good', law('cstt')),
      review: unitMeeting(share(1, 2), 'CSTT'),
    },
    cstdcs: {
      title: 'cstdcs',
      citation: law('cstdcs'),
      ...common,
      discipline: figure<Discipline>('reprimand', law('cstdcs'), 'follows from the CSTT standard it requires'),
      achievement: figure<AchievementNeed>(
        period.cstdcsAchievement,
        law('cstdcs'),
        unlessOld(
          'the 2022 law no longer requires an initiative; whether an excellent rating alone suffices is unconfirmed',
        ),
      ),
      requires: figure<TitleId>('cstt', law('cstdcs')),
      review: unitMeeting(percent(70), 'CSTĐCS'),
      council: council(share(2, 3), ofCouncil),
      quota: {
        of: 'cstt',
        share: figure(
          percent(15),
          byDecree,
          `15 % of the CSTT holders stood in TT 07/2014/TT-BNV (2013 law): unconfirmed in ${decree}`,
        ),
        rounding: figure<'floor' | 'round' | 'ceil'>(
          'floor',
          byDecree,
          "rounded down, so the share is never exceeded: the act's rounding is unconfirmed",
        ),
        tie: figure<'order' | 'revote'>(
          'revote',
          byDecree,
          'how a tie at the last place of the quota is settled was not found in the texts read: none of those tied is proposed by the count, the commander or the council chooses',
        ),
      },
    },
    'cstd-bo': {
      title: 'cstd-bo',
      citation: law('cstd-bo'),
      ...common,
      discipline: figure<Discipline>('reprimand', law('cstd-bo'), 'follows from the CSTĐCS standard'),
      achievement: figure<AchievementNeed>('initiative', law('cstd-bo')),
      chain: {
        of: 'cstdcs',
        years: figure(
          3,
          law('cstd-bo'),
          unlessOld('3 consecutive CSTĐCS: read in secondary sources on the 2022 law, not in its text'),
        ),
        endsIn: figure<'review-year' | 'previous-year'>(
          'review-year',
          byDecree,
          unlessOld(`considered in the year of the third CSTĐCS (Decree 91/2017): unconfirmed in ${decree}`),
        ),
      },
      review: unitMeeting(percent(70), 'CSTĐ cấp Bộ'),
      council: council(share(2, 3), ofCouncil),
    },
    'cstd-tq': {
      title: 'cstd-tq',
      citation: law('cstd-tq'),
      ...common,
      discipline: figure<Discipline>('reprimand', law('cstd-tq'), 'follows from the CSTĐ standard'),
      achievement: figure<AchievementNeed>('initiative', law('cstd-tq')),
      chain: {
        of: 'cstd-bo',
        years: figure(2, law('cstd-tq')),
        endsIn: figure<'review-year' | 'previous-year'>(
          'previous-year',
          byDecree,
          'considered the year after the second ministry-level title (Decree 65/2014): unconfirmed since',
        ),
      },
      review: unitMeeting(percent(70), 'CSTĐ toàn quốc'),
      council: council(percent(90), "90 % of the central council's whole membership: unconfirmed"),
    },
    dvtt: {
      title: 'dvtt',
      citation: law('dvtt'),
      ...common,
      discipline: figure<Discipline>(
        'warning',
        law('dvtt'),
        unlessOld(
          'no member disciplined from cảnh cáo up: read in the 2013 law (Art. 28), unconfirmed in the 2022 law',
        ),
      ),
      memberShare: {
        of: 'cstt',
        share: figure(
          share(1, 2),
          law('dvtt'),
          unlessOld('more than 50 % CSTT: read in the 2013 law (Art. 28), unconfirmed in the 2022 law'),
        ),
        comparison: figure<Comparison>('more-than', law('dvtt')),
      },
      council: council(share(1, 2), "the council's share for a collective title is unconfirmed"),
    },
    dvqt: {
      title: 'dvqt',
      citation: law('dvqt'),
      ...common,
      discipline: figure<Discipline>(
        'warning',
        law('dvqt'),
        'no member disciplined from cảnh cáo up, as for Đơn vị tiên tiến: unconfirmed',
      ),
      memberShare: {
        of: 'cstt',
        share: figure(
          percent(70),
          law('dvqt'),
          'at least 70 % CSTT, recalled from the 2013 law (Art. 27): unconfirmed',
        ),
        comparison: figure<Comparison>('at-least', law('dvqt')),
      },
      memberHolds: {
        of: 'cstdcs',
        count: figure(1, law('dvqt'), 'at least one CSTĐCS, recalled from the 2013 law: unconfirmed'),
      },
      allMembersComplete: figure(
        true,
        law('dvqt'),
        'every member completed their duties, recalled from the 2013 law: unconfirmed',
      ),
      council: council(share(2, 3), "the council's share for a collective title is unconfirmed"),
    },
    'co-thi-dua': {
      title: 'co-thi-dua',
      citation: law('co-thi-dua'),
      ...common,
      discipline: figure<Discipline>('warning', law('co-thi-dua'), 'as for Đơn vị quyết thắng: unconfirmed'),
      requires: figure<TitleId>('dvqt', law('co-thi-dua'), "chosen among the year's Đơn vị quyết thắng: unconfirmed"),
      council: council(share(2, 3), "the council's share for the emulation flag is unconfirmed"),
    },
  };
}

const LAW_2013: Omit<Period, 'decree'> = {
  law: 'law-2003',
  articles: { 'cstd-tq': 21, 'cstd-bo': 22, cstdcs: 23, cstt: 24, 'co-thi-dua': 26, dvqt: 27, dvtt: 28 },
  cstdcsAchievement: 'initiative',
};
/** The 2022 law's articles for the collective titles could not be confirmed, so they cite the law alone. */
const LAW_2022: Omit<Period, 'decree'> = {
  law: 'law-06-2022',
  articles: { 'cstd-tq': 21, 'cstd-bo': 21, cstdcs: 21, cstt: 24 },
  cstdcsAchievement: 'excellent-or-initiative',
};

/** The periods of the law, oldest first. */
export const DEFAULT_RULE_SETS: readonly RuleSet[] = [
  {
    id: 'law-2003+decree-91-2017',
    from: '2017-09-15',
    until: '2023-12-31',
    basis: [{ act: 'law-2003' }, { act: 'decree-91-2017' }, TT12],
    titles: rulesOf({ ...LAW_2013, decree: 'decree-91-2017' }),
  },
  {
    id: 'law-06-2022+decree-98-2023',
    from: '2024-01-01',
    until: '2025-06-30',
    basis: [{ act: 'law-06-2022' }, { act: 'decree-98-2023' }, TT12],
    titles: rulesOf({ ...LAW_2022, decree: 'decree-98-2023' }),
  },
  {
    id: 'law-06-2022+decree-152-2025',
    from: '2025-07-01',
    basis: [{ act: 'law-06-2022' }, { act: 'decree-152-2025' }, TT12],
    titles: rulesOf({ ...LAW_2022, decree: 'decree-152-2025' }),
  },
];

/** The rule set in force on a day (YYYY-MM-DD), if any. */
export const ruleSetOn = (day: string, sets: readonly RuleSet[] = DEFAULT_RULE_SETS): RuleSet | undefined =>
  sets.find((set) => set.from <= day && (set.until === undefined || day <= set.until));

/** The rule set a year's review uses: the one in force on 31 December of that year. */
export const ruleSetForYear = (year: number, sets: readonly RuleSet[] = DEFAULT_RULE_SETS): RuleSet | undefined =>
  ruleSetOn(`${String(year).padStart(4, '0')}-12-31`, sets);

/** Every figure of a title rule with a `verify` note, by its path in the rule ("quota.share"). */
export function unverifiedFigures(rule: TitleRule): { path: string; figure: Figure<unknown> }[] {
  const found: { path: string; figure: Figure<unknown> }[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value !== 'object' || value === null) return;
    if ('citation' in value && 'value' in value) {
      if ((value as Figure<unknown>).verify) found.push({ path, figure: value as Figure<unknown> });
      return;
    }
    for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
  };
  walk(rule, '');
  return found;
}
