/**
 * Quotas (CSTĐCS at most 15 % of the unit's CSTT holders): the limit is the share of the holders rounded as the
 * rule says, and it is never exceeded. Candidates who passed the vote are taken in a fixed order:
 * 1. higher share of yes votes (exactly, as fractions);
 * 2. more yes votes;
 * 3. longer run of consecutive years of the title the quota counts (seniority in it);
 * 4. earlier registration;
 * 5. the candidate id, so that the order never depends on the input's.
 * With the rule's tie `revote` (the default), candidates equal in 1 and 2 across the last place are all marked
 * tied (ngang phiếu) and none of them is proposed: the places they compete for stay open until the commander or
 * the council settles it (a new vote among them, or their choice, recorded by the title's decision). With `order`
 * they are ordered by 3–5.
 */
import type { QuotaRule } from './rules';
import { compareFractions } from './share';

export interface QuotaCandidate {
  readonly candidateId: string;
  readonly yes: number;
  /** The count the share was taken over. */
  readonly base: number;
  readonly seniority?: number;
  /** ISO instant of the registration. */
  readonly registeredAt?: string;
}

export interface QuotaOutcome {
  /** The most the quota allows. */
  readonly limit: number;
  readonly proposed: readonly string[];
  /** Passed the vote, but the quota was full. */
  readonly overQuota: readonly string[];
  /** Equal at the last place under the `revote` tie rule: none of them is proposed; the places stay open. */
  readonly tied: readonly string[];
}

/** The most the quota allows for this many holders of its base title. */
export function quotaLimit(rule: QuotaRule, holders: number): number {
  const { numerator, denominator } = rule.share.value;
  const round = { floor: Math.floor, ceil: Math.ceil, round: Math.round }[rule.rounding.value];
  return round((numerator * holders) / denominator);
}

const byVote = (a: QuotaCandidate, b: QuotaCandidate): number =>
  -compareFractions(a.yes, Math.max(a.base, 1), b.yes, Math.max(b.base, 1)) || b.yes - a.yes;

/** The order candidates are taken in (see the file's comment). */
export const quotaOrder = (a: QuotaCandidate, b: QuotaCandidate): number =>
  byVote(a, b) ||
  (b.seniority ?? 0) - (a.seniority ?? 0) ||
  (a.registeredAt ?? '\uffff').localeCompare(b.registeredAt ?? '\uffff') ||
  (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0);

const ids = (candidates: readonly QuotaCandidate[]) => candidates.map((candidate) => candidate.candidateId);

/** Takes candidates who passed the vote, in order, up to the quota's limit. */
export function applyQuota(rule: QuotaRule, holders: number, passed: readonly QuotaCandidate[]): QuotaOutcome {
  const limit = quotaLimit(rule, holders);
  const ordered = [...passed].sort(quotaOrder);
  let proposedEnd = Math.min(limit, ordered.length);
  let tiedEnd = proposedEnd;
  const last = ordered[proposedEnd - 1];
  const next = ordered[proposedEnd];
  if (rule.tie.value === 'revote' && last && next && byVote(last, next) === 0) {
    proposedEnd = ordered.findIndex((candidate) => byVote(candidate, last) === 0);
    tiedEnd = ordered.findLastIndex((candidate) => byVote(candidate, last) === 0) + 1;
  }
  return {
    limit,
    proposed: ids(ordered.slice(0, proposedEnd)),
    tied: ids(ordered.slice(proposedEnd, tiedEnd)),
    overQuota: ids(ordered.slice(tiedEnd)),
  };
}
