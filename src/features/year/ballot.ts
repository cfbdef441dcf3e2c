/**
 * Counting a secret ballot, at the unit's review meeting or at the council: ballots cast against members, the
 * quorum, and each candidate's yes votes against the rule's base (those present, or the whole membership, as the
 * council counts). The count sees only totals: who voted how never reaches it.
 */
import type { VoteRule } from './rules';
import { fewestMeeting, meets } from './share';

/** A candidate's totals: yes (đồng ý) and no (không đồng ý); ballots that said neither are blank. */
export interface CandidateVotes {
  readonly candidateId: string;
  readonly yes: number;
  readonly no: number;
}

export interface BallotTally {
  /** Who may vote: the unit's members (see `electorate`) or the council's whole membership. */
  readonly members: number;
  /** Members at the meeting; in a chat ballot, the members who cast a ballot. */
  readonly present: number;
  /** Ballots returned, written votes of absent council members included. */
  readonly cast: number;
  readonly votes: readonly CandidateVotes[];
}

export interface CandidateResult {
  readonly candidateId: string;
  readonly yes: number;
  readonly no: number;
  readonly blank: number;
  /** The count the share is taken over: those present, or all members. */
  readonly base: number;
  /** The fewest yes votes that pass. */
  readonly needed: number;
  /** The share met, and the quorum too. */
  readonly passed: boolean;
}

export interface BallotResult {
  readonly members: number;
  readonly present: number;
  readonly cast: number;
  /** The fewest present for the quorum. */
  readonly quorumNeeded: number;
  readonly quorumMet: boolean;
  readonly base: 'present' | 'members';
  readonly candidates: readonly CandidateResult[];
}

const whole = (value: number) => Number.isInteger(value) && value >= 0;

/** Counts a closed ballot under a vote rule. Throws on totals that cannot be (more yes votes than ballots): a bug. */
export function countBallot(rule: VoteRule, tally: BallotTally): BallotResult {
  const { members, present, cast } = tally;
  if (![members, present, cast].every(whole) || present > members || cast > members)
    throw new RangeError(`impossible ballot: ${cast} cast, ${present} present, ${members} members`);
  const quorumNeeded = fewestMeeting(members, rule.quorum.value, 'at-least');
  const quorumMet = members > 0 && present >= quorumNeeded;
  const base = rule.base.value === 'members' ? members : present;
  const candidates = tally.votes.map((votes): CandidateResult => {
    if (!whole(votes.yes) || !whole(votes.no) || votes.yes + votes.no > cast)
      throw new RangeError(`impossible votes for ${votes.candidateId}: ${votes.yes} yes, ${votes.no} no of ${cast}`);
    return {
      candidateId: votes.candidateId,
      yes: votes.yes,
      no: votes.no,
      blank: cast - votes.yes - votes.no,
      base,
      needed: fewestMeeting(base, rule.share.value, rule.comparison.value),
      passed: quorumMet && meets(votes.yes, base, rule.share.value, rule.comparison.value),
    };
  });
  return { members, present, cast, quorumNeeded, quorumMet, base: rule.base.value, candidates };
}

/** A person's membership of the unit (or council): from the day they joined, until the day they left. */
export interface Membership {
  readonly id: string;
  /** ISO instants or days, compared as text: one format for all. */
  readonly joinedAt: string;
  readonly leftAt?: string;
}

/**
 * Who may vote in a ballot open from `openedAt` to `closedAt`: members when it opened who had not left when it
 * closed. Someone who joins after the opening votes in the next ballot, not this one; someone who left is no
 * longer a member, so neither counted in the base nor allowed to vote.
 */
export const electorate = (memberships: readonly Membership[], openedAt: string, closedAt: string): string[] =>
  memberships
    .filter((member) => member.joinedAt <= openedAt && (member.leftAt === undefined || member.leftAt > closedAt))
    .map((member) => member.id);
