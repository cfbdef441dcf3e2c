/**
 * Whether a candidate may be considered for a title, rule by rule: each check passes, fails, or is `unknown` when
 * the bot lacks the evidence (a rating, an initiative), which the meeting then checks by hand. A candidate is
 * eligible when no check fails. Each check carries the citation and the `verify` note of the figure it applied.
 */
import { type HonourRecord, measureChain } from './chains';
import {
  type AchievementNeed,
  type Citation,
  DISCIPLINES,
  type Discipline,
  type FlagKind,
  RATINGS,
  type Rating,
  type TitleRule,
} from './rules';
import { meets } from './share';
import { subjectOf, type TitleId } from './titles';

/** What the year's evidence says of a person (roster data, flags, records); absent fields are unknown. */
export interface IndividualEvidence {
  readonly kind: 'individual';
  /** The roster's person id: chains are counted by it. */
  readonly subjectId: string;
  readonly registered: boolean;
  /** When they registered (ISO instant): the quota's fourth tie-break. */
  readonly registeredAt?: string;
  /** Pending matters a commander flagged privately. */
  readonly flags: readonly FlagKind[];
  /** The heaviest discipline of the year; `none` when there was none. */
  readonly discipline?: Discipline | 'none';
  readonly monthsServed?: number;
  readonly rating?: Rating;
  /** An initiative (sáng kiến), research or feat recognised by the unit this year. */
  readonly initiative?: boolean;
  /** Titles held, or proposed in this same cycle, for the review's year (CSTT for a CSTĐCS candidate). */
  readonly titlesThisYear: readonly TitleId[];
}

/** What the year's evidence says of a unit and its members. */
export interface CollectiveEvidence {
  readonly kind: 'collective';
  /** The unit's id: a unit's own titles form its chains. */
  readonly subjectId: string;
  readonly registered: boolean;
  readonly registeredAt?: string;
  readonly flags: readonly FlagKind[];
  /** Active members over the year. */
  readonly members: number;
  /** Members holding (or proposed for) each title this year. */
  readonly membersHolding: Readonly<Partial<Record<TitleId, number>>>;
  /** Members who completed their duties (hoàn thành nhiệm vụ trở lên); unknown if absent. */
  readonly membersCompleted?: number;
  /** The heaviest discipline of each disciplined member this year (unknown if absent). */
  readonly memberDisciplines?: readonly Discipline[];
  readonly titlesThisYear: readonly TitleId[];
}

export type CandidateEvidence = IndividualEvidence | CollectiveEvidence;

export type CheckKind =
  | 'subject'
  | 'registered'
  | 'flags'
  | 'discipline'
  | 'served'
  | 'rating'
  | 'achievement'
  | 'requires'
  | 'chain'
  | 'once'
  | 'memberShare'
  | 'memberHolds'
  | 'membersComplete';

export type CheckOutcome = 'pass' | 'fail' | 'unknown';

/** One rule applied to one candidate; `detail` carries the figures a text needs ("2 of 3 years"). */
export interface Check {
  readonly kind: CheckKind;
  readonly outcome: CheckOutcome;
  readonly citation: Citation;
  readonly verify?: string;
  readonly detail?: Readonly<Record<string, number | string>>;
}

export interface Eligibility {
  readonly subjectId: string;
  readonly title: TitleId;
  /** No check failed. */
  readonly eligible: boolean;
  /** Checks the bot could not make for want of evidence: the meeting confirms them. */
  readonly toConfirm: readonly CheckKind[];
  readonly checks: readonly Check[];
}

const outcomeOf = (known: boolean, passed: boolean): CheckOutcome => (!known ? 'unknown' : passed ? 'pass' : 'fail');
const atLeast = <T>(order: readonly T[], value: T, minimum: T) => order.indexOf(value) >= order.indexOf(minimum);

/**
 * Checks a candidate against a title's rule for the review of `year`. `records` are every title across the years
 * (the candidate's, found by `subjectId`); the year's own title, if already recorded, makes the check `once` fail.
 */
export function checkEligibility(
  rule: TitleRule,
  candidate: CandidateEvidence,
  year: number,
  records: readonly HonourRecord[],
): Eligibility {
  const checks: Check[] = [];
  const add = (
    kind: CheckKind,
    outcome: CheckOutcome,
    figure: { citation: Citation; verify?: string },
    detail?: Record<string, number | string>,
  ) =>
    checks.push({
      kind,
      outcome,
      citation: figure.citation,
      ...(figure.verify && { verify: figure.verify }),
      ...(detail && { detail }),
    });

  add('subject', outcomeOf(true, candidate.kind === subjectOf(rule.title)), { citation: rule.citation });

  if (rule.registration.value) add('registered', outcomeOf(true, candidate.registered), rule.registration);
  const pending = candidate.flags.filter((flag) => rule.disqualifiers.value.includes(flag));
  add(
    'flags',
    outcomeOf(true, pending.length === 0),
    rule.disqualifiers,
    pending.length > 0 ? { flags: pending.join(',') } : undefined,
  );

  const lightest = rule.discipline.value;
  const keepsOut = (discipline: Discipline) => atLeast(DISCIPLINES, discipline, lightest);
  if (candidate.kind === 'individual') {
    const discipline = candidate.discipline;
    add(
      'discipline',
      outcomeOf(discipline !== undefined, discipline === 'none' || (discipline !== undefined && !keepsOut(discipline))),
      rule.discipline,
      { lightest, subject: candidate.kind },
    );
    if (rule.minMonthsServed) {
      const served = candidate.monthsServed;
      add(
        'served',
        outcomeOf(served !== undefined, (served ?? 0) >= rule.minMonthsServed.value),
        rule.minMonthsServed,
        {
          needed: rule.minMonthsServed.value,
          ...(served !== undefined && { served }),
        },
      );
    }
    if (rule.minRating) {
      const rating = candidate.rating;
      add(
        'rating',
        outcomeOf(rating !== undefined, rating !== undefined && atLeast(RATINGS, rating, rule.minRating.value)),
        rule.minRating,
        {
          needed: rule.minRating.value,
        },
      );
    }
    if (rule.achievement)
      add('achievement', achievementOutcome(rule.achievement.value, candidate), rule.achievement, {
        needed: rule.achievement.value,
      });
  } else {
    const disciplined = candidate.memberDisciplines;
    add(
      'discipline',
      outcomeOf(
        disciplined !== undefined,
        (disciplined ?? []).every((d) => !keepsOut(d)),
      ),
      rule.discipline,
      { lightest, subject: candidate.kind },
    );
    if (rule.memberShare) {
      const holding = candidate.membersHolding[rule.memberShare.of] ?? 0;
      add(
        'memberShare',
        outcomeOf(
          true,
          meets(holding, candidate.members, rule.memberShare.share.value, rule.memberShare.comparison.value),
        ),
        rule.memberShare.share,
        {
          of: rule.memberShare.of,
          holding,
          members: candidate.members,
        },
      );
    }
    if (rule.memberHolds) {
      const holding = candidate.membersHolding[rule.memberHolds.of] ?? 0;
      add('memberHolds', outcomeOf(true, holding >= rule.memberHolds.count.value), rule.memberHolds.count, {
        of: rule.memberHolds.of,
        holding,
        needed: rule.memberHolds.count.value,
      });
    }
    if (rule.allMembersComplete?.value) {
      const completed = candidate.membersCompleted;
      add(
        'membersComplete',
        outcomeOf(completed !== undefined, completed === candidate.members),
        rule.allMembersComplete,
        {
          members: candidate.members,
          ...(completed !== undefined && { completed }),
        },
      );
    }
  }

  if (rule.requires)
    add('requires', outcomeOf(true, candidate.titlesThisYear.includes(rule.requires.value)), rule.requires, {
      of: rule.requires.value,
    });
  if (rule.chain) {
    const chain = measureChain(rule.chain, records, candidate.subjectId, year, candidate.titlesThisYear);
    add('chain', outcomeOf(true, chain.met), rule.chain.years, {
      of: chain.of,
      years: chain.years,
      needed: chain.needed,
      through: chain.throughYear,
    });
  }
  const already = records.some(
    (record) => record.subjectId === candidate.subjectId && record.title === rule.title && record.year === year,
  );
  add('once', outcomeOf(true, !already), { citation: rule.citation }, { year });

  return {
    subjectId: candidate.subjectId,
    title: rule.title,
    eligible: checks.every((check) => check.outcome !== 'fail'),
    toConfirm: checks.filter((check) => check.outcome === 'unknown').map((check) => check.kind),
    checks,
  };
}

function achievementOutcome(need: AchievementNeed, candidate: IndividualEvidence): CheckOutcome {
  if (candidate.initiative === true) return 'pass';
  if (need === 'excellent-or-initiative' && candidate.rating === 'excellent') return 'pass';
  const ratingSettles = need === 'initiative' || candidate.rating !== undefined;
  return candidate.initiative === false && ratingSettles ? 'fail' : 'unknown';
}
