/**
 * Every figure of the rules can be overridden by a plain object (the deployment's configuration), title by title:
 * `{ cstdcs: { quota: { share: '20%' }, review: { share: '2/3', base: 'members' } } }`. An overridden figure cites
 * the configuration instead of the law. Which titles are considered, and that a flag keeps a candidate out, are not
 * figures and cannot be overridden.
 */
import * as z from 'zod';
import { err, ok, type Result } from '../../kernel/result';
import {
  type AchievementNeed,
  DEFAULT_RULE_SETS,
  type Discipline,
  type Figure,
  type Rating,
  type RuleSet,
  ruleSetForYear,
  type TitleRule,
  type VoteRule,
} from './rules';
import { type Comparison, parseShare, type Share } from './share';
import { TITLES, type TitleId } from './titles';

/** A share as configuration writes it: "2/3", "70%", "0.7", or a fraction object. */
export type ShareInput = string | Share;

export interface VoteOverride {
  readonly share?: ShareInput;
  readonly comparison?: Comparison;
  readonly base?: 'present' | 'members';
  readonly quorum?: ShareInput;
}

export interface TitleOverride {
  readonly registration?: boolean;
  readonly discipline?: Discipline;
  readonly minMonthsServed?: number;
  readonly minRating?: Rating;
  readonly achievement?: AchievementNeed;
  readonly review?: VoteOverride;
  readonly council?: VoteOverride;
  readonly quota?: {
    readonly share?: ShareInput;
    readonly rounding?: 'floor' | 'round' | 'ceil';
    readonly tie?: 'order' | 'revote';
  };
  readonly chain?: { readonly years?: number; readonly endsIn?: 'review-year' | 'previous-year' };
  readonly memberShare?: { readonly share?: ShareInput; readonly comparison?: Comparison };
  readonly memberHolds?: { readonly count?: number };
}

export type RuleOverrides = Partial<Record<TitleId, TitleOverride>>;

const shareInput = z.union([
  z.string().refine((text) => parseShare(text) !== undefined, { message: 'a share: "2/3", "70%" or "0.7"' }),
  z
    .object({ numerator: z.number().int().min(0), denominator: z.number().int().positive() })
    .strict()
    .refine((value) => value.numerator <= value.denominator, { message: 'a share of at most 1' }),
]);
const comparison = z.enum(['at-least', 'more-than']);
const vote = z
  .object({ share: shareInput, comparison, base: z.enum(['present', 'members']), quorum: shareInput })
  .partial()
  .strict();
const titleOverride = z
  .object({
    registration: z.boolean(),
    discipline: z.enum(['reprimand', 'warning', 'heavier']),
    minMonthsServed: z.number().int().min(0).max(12),
    minRating: z.enum(['incomplete', 'complete', 'good', 'excellent']),
    achievement: z.enum(['initiative', 'excellent-or-initiative']),
    review: vote,
    council: vote,
    quota: z
      .object({ share: shareInput, rounding: z.enum(['floor', 'round', 'ceil']), tie: z.enum(['order', 'revote']) })
      .partial()
      .strict(),
    chain: z
      .object({ years: z.number().int().min(1).max(20), endsIn: z.enum(['review-year', 'previous-year']) })
      .partial()
      .strict(),
    memberShare: z.object({ share: shareInput, comparison }).partial().strict(),
    memberHolds: z
      .object({ count: z.number().int().min(0) })
      .partial()
      .strict(),
  })
  .partial()
  .strict();
const overridesSchema = z.partialRecord(z.enum(TITLES as [TitleId, ...TitleId[]]), titleOverride);

/**
 * Checks configuration against the shape of the overrides and against the rules: a part a title does not have
 * (a quota for Chiến sĩ tiên tiến) is refused. Errors name the path: "cstt.quota: …".
 */
export function parseRuleOverrides(input: unknown): Result<RuleOverrides, string[]> {
  const parsed = overridesSchema.safeParse(input);
  if (!parsed.success) return err(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  const latest = DEFAULT_RULE_SETS[DEFAULT_RULE_SETS.length - 1]!;
  const missing: string[] = [];
  for (const [title, override] of Object.entries(parsed.data) as [TitleId, TitleOverride][]) {
    const rule = latest.titles[title] as unknown as Record<string, unknown>;
    for (const part of Object.keys(override))
      if (rule[part] === undefined) missing.push(`${title}.${part}: not a rule of this title`);
  }
  return missing.length > 0 ? err(missing) : ok(parsed.data as RuleOverrides);
}

const CONFIG = { act: 'config' } as const;
const set = <T>(value: T | undefined, current: Figure<T>): Figure<T> =>
  value === undefined ? current : { value, citation: CONFIG, overridden: true };
const toShare = (input: ShareInput | undefined): Share | undefined =>
  input === undefined ? undefined : typeof input === 'string' ? parseShare(input) : input;

function overrideVote(rule: VoteRule | undefined, override: VoteOverride | undefined): VoteRule | undefined {
  if (!rule || !override) return rule;
  return {
    share: set(toShare(override.share), rule.share),
    comparison: set(override.comparison, rule.comparison),
    base: set(override.base, rule.base),
    quorum: set(toShare(override.quorum), rule.quorum),
  };
}

/** The title's rule with the configured figures in place of the law's; parts the title lacks are left absent. */
export function applyOverride(rule: TitleRule, override: TitleOverride | undefined): TitleRule {
  if (!override) return rule;
  const { quota, chain, memberShare, memberHolds } = rule;
  return {
    ...rule,
    registration: set(override.registration, rule.registration),
    discipline: set(override.discipline, rule.discipline),
    ...(rule.minMonthsServed && { minMonthsServed: set(override.minMonthsServed, rule.minMonthsServed) }),
    ...(rule.minRating && { minRating: set(override.minRating, rule.minRating) }),
    ...(rule.achievement && { achievement: set(override.achievement, rule.achievement) }),
    ...(rule.review && { review: overrideVote(rule.review, override.review) }),
    ...(rule.council && { council: overrideVote(rule.council, override.council) }),
    ...(quota && {
      quota: {
        of: quota.of,
        share: set(toShare(override.quota?.share), quota.share),
        rounding: set(override.quota?.rounding, quota.rounding),
        tie: set(override.quota?.tie, quota.tie),
      },
    }),
    ...(chain && {
      chain: {
        of: chain.of,
        years: set(override.chain?.years, chain.years),
        endsIn: set(override.chain?.endsIn, chain.endsIn),
      },
    }),
    ...(memberShare && {
      memberShare: {
        of: memberShare.of,
        share: set(toShare(override.memberShare?.share), memberShare.share),
        comparison: set(override.memberShare?.comparison, memberShare.comparison),
      },
    }),
    ...(memberHolds && {
      memberHolds: { of: memberHolds.of, count: set(override.memberHolds?.count, memberHolds.count) },
    }),
  };
}

/** The rule set a year's review uses, with the configured overrides applied to every title. */
export function rulesForYear(
  year: number,
  overrides: RuleOverrides = {},
  sets: readonly RuleSet[] = DEFAULT_RULE_SETS,
): RuleSet | undefined {
  const inForce = ruleSetForYear(year, sets);
  if (!inForce) return undefined;
  const titles = Object.fromEntries(
    TITLES.map((title) => [title, applyOverride(inForce.titles[title], overrides[title])]),
  ) as Record<TitleId, TitleRule>;
  return { ...inForce, titles };
}
