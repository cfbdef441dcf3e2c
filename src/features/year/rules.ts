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
  | 'circular-04-2024-bca'
  | 'circular-01-2024-bnv'
  | 'circular-08-2017-bnv'
  | 'config';

/**
 * Where a rule or figure comes from: an act, and the article and clause when known. `source` is the public page
 * the figure was checked against: a quotation of the text (a law library, a government portal, the press), not the
 * official gazette. A figure with a `source` and no `verify` was read there; docs/YEAR-RULES.md lists each.
 */
export interface Citation {
  readonly act: ActId;
  readonly article?: number;
  readonly clause?: number;
  readonly source?: string;
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

/**
 * The public pages each figure was checked against (issue 18). Each quotes the text; none is the official gazette.
 * docs/YEAR-RULES.md gives, for each, what was read there.
 */
const SOURCE = {
  /** Tạp chí Tòa án: the 2003 law's Art. 10(1)(b) made registration a ground of every title. */
  law2003Registration: 'https://tapchitoaan.vn/quy-dinh-moi-nhat-ve-dang-ky-thi-dua10663.html',
  /** Quảng Ngãi provincial portal: the 2022 law's Art. 7 lists the grounds of a title without registration. */
  law2022Registration:
    'https://quangngai.dms.gov.vn/en/tin-chi-tiet/-/chi-tiet/nhung-%C4%91iem-moi-cua-luat-thi-%C4%91ua-khen-thuong-2022-78278-1355.html',
  /** Thư viện Pháp luật: the text of TT 12/2019/TT-BCA, Art. 2(1). */
  circular12Art2:
    'https://thuvienphapluat.vn/bulletin/document.aspx?bid=cb851ac7-c512-47bf-8e86-a66558e15ed9&key=dPPwiv1iq1nspFYnhJh7nQ%3D%3D',
  /** Pháp luật TP.HCM: the Ministry's 2024 training presents "Thông tư 04/2024" on emulation in the CAND. */
  circular04Of2024:
    'https://plo.vn/bo-cong-an-to-chuc-hoi-nghi-tap-huan-cong-tac-thi-dua-khen-thuong-trong-cand-post785671.html',
  /** Thư viện Pháp luật: Decree 91/2017, no LĐTT/CSTT for those recruited less than 10 months before. */
  decree91Months:
    'https://thuvienphapluat.vn/hoi-dap-phap-luat/4F449-hd-bi-cat-hop-dong-co-duoc-xet-danh-hieu-chien-si-thi-dua-co-so.html',
  /** Pháp luật & Cuộc sống: TT 01/2024/TT-BNV, no LĐTT for those recruited less than 06 months before. */
  circular01Of2024Months:
    'https://phapluatvacuocsong.vn/khong-xet-tang-danh-hieu-lao-dong-tien-tien-doi-voi-cac-ca-nhan-moi-tuyen-dung-duoi-06-thang-a74072.html',
  /** Thư viện Pháp luật: Decree 91/2017 Art. 9(3), CSTĐCS's standard and its quota of 15 % of LĐTT/CSTT. */
  decree91Quota:
    'https://thuvienphapluat.vn/hoi-dap-phap-luat/45A9C-hd-tieu-chuan-de-xet-tang-danh-hieu-chien-si-thi-dua-co-so.html',
  /** Ban Thi đua – Khen thưởng Trung ương: Decree 91/2017 Art. 45(8), the council's 90 % of its whole membership. */
  decree91Council: 'http://banthiduakhenthuongtw.gov.vn/traloi/b6b7af14f6e14ac9a084a21d7a64b00e',
  /** Cần Thơ University: the 2003 law's Art. 21 (2 consecutive CSTĐ cấp Bộ) and Art. 24 (LĐTT: duties done well). */
  law2003Art21And24: 'http://websrv2.ctu.edu.vn/dept/dp/index.php/khen-thng/cac-danh-hieu-thi-dua',
  /** Supreme People's Court emulation pages: the 2003 law's Art. 22, three consecutive CSTĐCS. */
  law2003Art22: 'http://tdkt.toaan.gov.vn/portal/page/portal/tdkt/Gioithieu/67987125/67987711',
  /** Lạng Sơn emulation board: the 2003 law's Art. 23 (CSTĐCS). */
  law2003Art23: 'http://thiduakhenthuong.langson.gov.vn/en/hinhthucs/chien-si-thi-dua-co-so',
  /** Lạng Sơn emulation board: the 2003 law's Art. 28 (Tập thể lao động tiên tiến, Đơn vị tiên tiến). */
  law2003Art28: 'http://thiduakhenthuong.langson.gov.vn/en/hinhthucs/tap-lao-dong-tien-tien',
  /** Lawnet: the 2022 law's national title, 02 consecutive ministry-level titles and an initiative. */
  law2022National:
    'https://lawnet.vn/thong-tin-phap-luat/khac/tieu-chuan-danh-hieu-chien-si-thi-dua-toan-quoc-tu-2024-103164.html',
  /** Báo Yên Bái: the 2022 law's ministry-level title, 03 consecutive CSTĐCS and an initiative. */
  law2022Ministry:
    'https://baoyenbai.com.vn/13/342479/Tieu-chuan-danh-hieu-Chien-si-thi-dua-co-so-Lao-dong-tien-tien-Chien-si-tien-tien.aspx',
  /** Lao Động: the 2022 law's Art. 23, CSTĐCS: the CSTT standard, and excellent duties or an initiative. */
  law2022Art23:
    'https://ja.laodong.vn/giao-duc/du-kien-giao-vien-phai-co-sang-kien-moi-duoc-danh-hieu-chien-si-thi-dua-co-so-1629499.ldo',
  /** Lào Cai education department: the 2022 law's Art. 24(1), LĐTT: duties done well or better. */
  law2022Art24: 'http://laocai.edu.vn/?pageid=100257&qid=76381',
  /** Hanoi University of Science and Technology: the 2022 law's Art. 27, Tập thể lao động xuất sắc. */
  law2022Art27:
    'https://sbft.hust.edu.vn/hai-vien-thuoc-truong-hoa-va-khoa-hoc-su-song-nhan-danh-hieu-tap-the-lao-dong-xuat-sac.html',
  /** Kon Tum science department: the 2022 law's Art. 24 (LĐTT, CSTT) and Art. 28 (Tập thể LĐTT, Đơn vị tiên tiến). */
  law2022Art28:
    'http://skhcn.kontum.gov.vn/tuyen-truyen-pho-bien-phap-luat/luat-thi-dua-khen-thuong-so-062022qh15.html',
} as const;

/** What tells two periods of the law apart: the acts, the articles that define each title, and what changed. */
interface Period {
  readonly law: 'law-2003' | 'law-06-2022';
  readonly decree: 'decree-91-2017' | 'decree-98-2023' | 'decree-152-2025';
  /** The Ministry of Public Security's circular on emulation in the People's Public Security. */
  readonly circular: 'circular-12-2019-bca' | 'circular-04-2024-bca';
  /** The article of the law defining each title; absent where it could not be confirmed. */
  readonly articles: Partial<Record<TitleId, number>>;
  /** The page quoting each title's article, where one was read. */
  readonly sources: Partial<Record<TitleId, string>>;
}

const DECREE_NAMES = {
  'decree-91-2017': 'Decree 91/2017',
  'decree-98-2023': 'Decree 98/2023',
  'decree-152-2025': 'Decree 152/2025',
} as const;

/**
 * Every title's rules in one period. A figure read in a quotation of the text cites the page (`source`); a figure
 * read for one act and carried into a later one, or not found, says so in `verify`.
 */
function rulesOf(period: Period): Record<TitleId, TitleRule> {
  const law = (title: TitleId, clause?: number): Citation => {
    const article = period.articles[title];
    const source = period.sources[title];
    return {
      act: period.law,
      ...(article !== undefined && { article }),
      ...(clause !== undefined && { clause }),
      ...(source !== undefined && { source }),
    };
  };
  const since2024 = period.law === 'law-06-2022';
  /** The figure of the 2013 law's period, or the one of the 2022 law's. */
  const pick = <T>(old: T, current: T): T => (since2024 ? current : old);
  const decree = DECREE_NAMES[period.decree];
  const byDecree: Citation = { act: period.decree };
  const byCircular: Citation = { act: period.circular };
  const decree91 = (article: number, clause: number, source: string): Citation => ({
    act: 'decree-91-2017',
    article,
    clause,
    source,
  });
  /** A figure read in Decree 91/2017: it cites the decree there; later, the current decree, unconfirmed. */
  const fromDecree91 = <T>(value: T, read: Citation, what: string): Figure<T> =>
    since2024
      ? figure(
          value,
          byDecree,
          `${what}: read in Decree 91/2017 (Art. ${read.article}(${read.clause})), not found in ${decree}`,
        )
      : figure(value, read);
  const circular04 =
    'TT 12/2019/TT-BCA was replaced by a 2024 circular of the Ministry (TT 04/2024/TT-BCA, as the press reports it), whose text was not read';
  const common = {
    registration: pick(
      figure(true, { act: 'law-2003', article: 10, clause: 1, source: SOURCE.law2003Registration }),
      figure(
        false,
        { act: 'law-06-2022', article: 7, source: SOURCE.law2022Registration },
        "the 2022 law drops registration from the grounds of a title (Art. 7); whether TT 04/2024/TT-BCA still asks for it in the People's Public Security is unconfirmed",
      ),
    ),
    disqualifiers: pick(
      figure(FLAG_KINDS, { act: 'circular-12-2019-bca', article: 2, clause: 1, source: SOURCE.circular12Art2 }),
      figure(FLAG_KINDS, byCircular, `read in TT 12/2019/TT-BCA Art. 2(1); ${circular04}`),
    ),
  };
  const unitMeeting = (needed: Share, what: string): VoteRule => ({
    share: figure(needed, byCircular, `${what}: the share needed at the unit's meeting was not found`),
    comparison: figure<Comparison>('at-least', byCircular, 'read as "từ … trở lên" (at least): not found'),
    base: figure<'present' | 'members'>('present', byCircular, 'counted over those present: not found'),
    quorum: figure(share(2, 3), byCircular, "a quorum of 2/3 at the unit's meeting: not found"),
  });
  const council = (needed: Share, verify: string): VoteRule => ({
    share: figure(needed, byDecree, verify),
    comparison: figure<Comparison>('at-least', byDecree, `"từ … trở lên" (at least): not found in ${decree}`),
    base: figure<'present' | 'members'>('members', byDecree, `over the whole council: not found in ${decree}`),
    quorum: figure(share(2, 3), byDecree, 'a quorum of 2/3 of the council: not found'),
  });
  /**
   * The council of the Ministry (or province) on its own and the national title: 90 % of its whole membership, absent
   * members answering in writing (Decree 91/2017 Art. 45(8)); not found in the later decrees.
   */
  const ninetyPercent = (): VoteRule => {
    const read = decree91(45, 8, SOURCE.decree91Council);
    return {
      share: fromDecree91(percent(90), read, '90 % of the whole council'),
      comparison: fromDecree91<Comparison>('at-least', read, '"từ 90% trở lên" (at least)'),
      base: fromDecree91<'present' | 'members'>('members', read, '"tính trên tổng số thành viên" (the whole council)'),
      quorum: figure(
        share(2, 3),
        since2024 ? byDecree : read,
        'no quorum in the text: absent members give their opinion in writing (Decree 91/2017 Art. 45(8)), so every member counts; the 2/3 is an assumption',
      ),
    };
  };
  const notFound = (what: string) => `${what}: not found in the texts read`;
  /** Where Đơn vị quyết thắng's figures were read: in the standard of its civilian twin, Tập thể lao động xuất sắc. */
  const twin = pick(
    "a guide's quotation of the 2013 law's standard of Tập thể lao động xuất sắc (no article given)",
    'Art. 27 of the 2022 law for Tập thể lao động xuất sắc',
  );
  return {
    cstt: {
      title: 'cstt',
      citation: law('cstt'),
      ...common,
      discipline: pick(
        figure<Discipline>(
          'reprimand',
          { act: 'circular-12-2019-bca', article: 2, clause: 1, source: SOURCE.circular12Art2 },
          'TT 12/2019/TT-BCA Art. 2(1)(b) keeps out anyone whose discipline, khiển trách included, is still running; a discipline of the year already served by the review is not covered',
        ),
        figure<Discipline>('reprimand', byCircular, notFound('disciplined from khiển trách up keeps a person out')),
      ),
      minMonthsServed: pick(
        figure(10, decree91(10, 1, SOURCE.decree91Months)),
        figure(
          6,
          { act: 'circular-01-2024-bnv', source: SOURCE.circular01Of2024Months },
          "TT 01/2024/TT-BNV: no LĐTT for those recruited less than 06 months before (it was 10 under Decree 91/2017); that CSTT in the People's Public Security follows it (TT 04/2024/TT-BCA) is unconfirmed",
        ),
      ),
      minRating: pick(
        figure<Rating>('good', { act: 'law-2003', article: 24, source: SOURCE.law2003Art21And24 }),
        figure<Rating>('good', { act: 'law-06-2022', article: 24, clause: 1, source: SOURCE.law2022Art24 }),
      ),
      review: unitMeeting(share(1, 2), 'CSTT'),
    },
    cstdcs: {
      title: 'cstdcs',
      citation: law('cstdcs'),
      ...common,
      discipline: figure<Discipline>('reprimand', law('cstdcs'), 'follows from the CSTT standard it requires'),
      achievement: figure<AchievementNeed>(pick('initiative', 'excellent-or-initiative'), law('cstdcs', 2)),
      requires: figure<TitleId>('cstt', law('cstdcs', 1)),
      review: unitMeeting(percent(70), 'CSTĐCS'),
      council: council(
        share(2, 3),
        notFound("the council's share for CSTĐCS (Decree 91/2017 Art. 45(8) sets 90 % only for the higher titles)"),
      ),
      quota: {
        of: 'cstt',
        share: fromDecree91(percent(15), decree91(9, 3, SOURCE.decree91Quota), '"không quá 15%" of the CSTT holders'),
        rounding: fromDecree91<'floor' | 'round' | 'ceil'>(
          'floor',
          decree91(9, 3, SOURCE.decree91Quota),
          'rounded down, as "không quá" (not more than) asks',
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
      achievement: pick(
        figure<AchievementNeed>('initiative', law('cstd-bo'), notFound('an initiative (2013 law)')),
        figure<AchievementNeed>('initiative', law('cstd-bo')),
      ),
      chain: {
        of: 'cstdcs',
        years: figure(3, law('cstd-bo')),
        endsIn: figure<'review-year' | 'previous-year'>(
          'review-year',
          byDecree,
          notFound('considered in the year of the third CSTĐCS'),
        ),
      },
      review: unitMeeting(percent(70), 'CSTĐ cấp Bộ'),
      council: ninetyPercent(),
    },
    'cstd-tq': {
      title: 'cstd-tq',
      citation: law('cstd-tq'),
      ...common,
      discipline: figure<Discipline>('reprimand', law('cstd-tq'), 'follows from the CSTĐ standard'),
      achievement: pick(
        figure<AchievementNeed>('initiative', law('cstd-tq'), notFound('an initiative of national reach (2013 law)')),
        figure<AchievementNeed>('initiative', law('cstd-tq')),
      ),
      chain: {
        of: 'cstd-bo',
        years: figure(2, law('cstd-tq')),
        endsIn: figure<'review-year' | 'previous-year'>(
          'previous-year',
          byDecree,
          notFound(
            'considered the year after the second ministry-level title (Decree 65/2014; TT 151/2018/TT-BQP has it for the army)',
          ),
        ),
      },
      review: unitMeeting(percent(70), 'CSTĐ toàn quốc'),
      council: ninetyPercent(),
    },
    dvtt: {
      title: 'dvtt',
      citation: law('dvtt'),
      ...common,
      discipline: pick(
        figure<Discipline>(
          'warning',
          law('dvtt', 2),
          'Art. 28(2) of the 2013 law applies points a, b and d of clause 1 to Đơn vị tiên tiến, not point c, which holds the "no member disciplined from cảnh cáo up" clause: not in the text for this title',
        ),
        figure<Discipline>('warning', law('dvtt'), notFound('no member disciplined from cảnh cáo up (2022 law)')),
      ),
      memberShare: {
        of: 'cstt',
        share: pick(
          figure(share(1, 2), law('dvtt', 2)),
          figure(
            share(1, 2),
            law('dvtt'),
            'more than 50 % CSTT: read in the 2013 law (Art. 28(2)); Art. 28 of the 2022 law not read',
          ),
        ),
        comparison: pick(
          figure<Comparison>('more-than', law('dvtt', 2)),
          figure<Comparison>('more-than', law('dvtt'), '"trên 50%" (more than): read in the 2013 law'),
        ),
      },
      council: council(share(1, 2), notFound("the council's share for a collective title")),
    },
    dvqt: {
      title: 'dvqt',
      citation: law('dvqt'),
      ...common,
      discipline: pick(
        figure<Discipline>(
          'warning',
          law('dvqt'),
          "no member disciplined from cảnh cáo up: the 2013 law's standard of Tập thể lao động xuất sắc, as guides quote it; the Đơn vị quyết thắng clause was not read",
        ),
        figure<Discipline>(
          'warning',
          law('dvqt'),
          'Art. 27 of the 2022 law, as quoted, has no discipline condition (the 2013 law had "không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên"); kept pending TT 04/2024/TT-BCA',
        ),
      ),
      memberShare: {
        of: 'cstt',
        share: figure(
          percent(70),
          law('dvqt', 1),
          `at least 70 %: read in ${twin} ("ít nhất 70%" LĐTT); the Đơn vị quyết thắng clause (CSTT) was not read`,
        ),
        comparison: figure<Comparison>('at-least', law('dvqt', 1), '"ít nhất" (at least): as for the share'),
      },
      memberHolds: {
        of: 'cstdcs',
        count: figure(
          1,
          law('dvqt', 1),
          `one CSTĐCS: read in ${twin} ("có cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở"); the Đơn vị quyết thắng clause was not read`,
        ),
      },
      allMembersComplete: figure(
        true,
        law('dvqt', 1),
        `every member completed their duties: read in ${twin} ("100% cá nhân … hoàn thành nhiệm vụ"); the Đơn vị quyết thắng clause was not read`,
      ),
      council: council(share(2, 3), notFound("the council's share for a collective title")),
    },
    'co-thi-dua': {
      title: 'co-thi-dua',
      citation: law('co-thi-dua'),
      ...common,
      discipline: figure<Discipline>('warning', law('co-thi-dua'), notFound('as for Đơn vị quyết thắng')),
      requires: figure<TitleId>('dvqt', law('co-thi-dua'), notFound("chosen among the year's Đơn vị quyết thắng")),
      council: council(share(2, 3), notFound("the council's share for the emulation flag")),
    },
  };
}

/** The 2013 law's articles, each read in a quotation but the flag's (26) and Đơn vị quyết thắng's (27). */
const LAW_2013: Omit<Period, 'decree' | 'circular'> = {
  law: 'law-2003',
  articles: { 'cstd-tq': 21, 'cstd-bo': 22, cstdcs: 23, cstt: 24, 'co-thi-dua': 26, dvqt: 27, dvtt: 28 },
  sources: {
    'cstd-tq': SOURCE.law2003Art21And24,
    'cstd-bo': SOURCE.law2003Art22,
    cstdcs: SOURCE.law2003Art23,
    cstt: SOURCE.law2003Art21And24,
    dvtt: SOURCE.law2003Art28,
  },
};
/**
 * The 2022 law's articles: 23, 24, 27 and 28 read in quotations giving the number; 21, 22 and 26 by their place
 * between them (the pages quoting the national and ministry-level titles give no number).
 */
const LAW_2022: Omit<Period, 'decree' | 'circular'> = {
  law: 'law-06-2022',
  articles: { 'cstd-tq': 21, 'cstd-bo': 22, cstdcs: 23, cstt: 24, 'co-thi-dua': 26, dvqt: 27, dvtt: 28 },
  sources: {
    'cstd-tq': SOURCE.law2022National,
    'cstd-bo': SOURCE.law2022Ministry,
    cstdcs: SOURCE.law2022Art23,
    cstt: SOURCE.law2022Art24,
    dvqt: SOURCE.law2022Art27,
    dvtt: SOURCE.law2022Art28,
  },
};

/** The periods of the law, oldest first. */
export const DEFAULT_RULE_SETS: readonly RuleSet[] = [
  {
    id: 'law-2003+decree-91-2017',
    from: '2017-09-15',
    until: '2023-12-31',
    basis: [{ act: 'law-2003' }, { act: 'decree-91-2017' }, { act: 'circular-12-2019-bca' }],
    titles: rulesOf({ ...LAW_2013, decree: 'decree-91-2017', circular: 'circular-12-2019-bca' }),
  },
  {
    id: 'law-06-2022+decree-98-2023',
    from: '2024-01-01',
    until: '2025-06-30',
    basis: [{ act: 'law-06-2022' }, { act: 'decree-98-2023' }, { act: 'circular-04-2024-bca' }],
    titles: rulesOf({ ...LAW_2022, decree: 'decree-98-2023', circular: 'circular-04-2024-bca' }),
  },
  {
    id: 'law-06-2022+decree-152-2025',
    from: '2025-07-01',
    basis: [{ act: 'law-06-2022' }, { act: 'decree-152-2025' }, { act: 'circular-04-2024-bca' }],
    titles: rulesOf({ ...LAW_2022, decree: 'decree-152-2025', circular: 'circular-04-2024-bca' }),
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
