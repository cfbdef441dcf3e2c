import type { CommendationLevel } from '../../kernel/commendation-levels';

export type { CommendationLevel } from '../../kernel/commendation-levels';

/** Where a nomination stands; a decision moves it, a reopening moves it back to pending. */
export type NominationStatus = 'pending' | 'approved' | 'rejected';

/** A recommendation upward: a commander below a level's authority asked for that level. */
export interface Recommendation {
  readonly level: string;
  readonly byId: number;
  readonly byName: string;
  readonly at: string;
}

/** An official decision recorded afterwards (số quyết định, ngày, người ký); the latest one stands. */
export interface DecisionRecord {
  readonly id: number;
  readonly nominationId: number;
  readonly number: string;
  /** dd/mm/yyyy as the decision reads, stored as YYYY-MM-DD. */
  readonly date: string;
  readonly signer: string;
  readonly recordedBy: number;
  readonly recordedAt: string;
}

/** A nomination of a colleague for commendation, as the card shows it. */
export interface Nomination {
  readonly id: number;
  readonly chatId: number;
  readonly threadId: number | null;
  readonly sourceMessageId: number | null;
  readonly nomineeId: number;
  readonly nomineeName: string;
  readonly unitId: number;
  readonly nominatorId: number;
  readonly nominatorName: string;
  readonly reason: string;
  readonly status: NominationStatus;
  readonly level: string | null;
  readonly cardMessageId: number | null;
  readonly day: string;
  readonly createdAt: string;
  readonly endorsements: number;
  /** The latest decision, if any: who took it, when and, for a rejection, why. */
  readonly decidedBy: number | null;
  readonly decidedByName: string | null;
  readonly decidedAt?: string | null;
  readonly rejectReason: string | null;
}

/** Shortest reason accepted, in characters: enough for a two-word deed and a few words more. */
export const MIN_REASON_LENGTH = 10;
export const MAX_REASON_LENGTH = 500;

/**
 * Where a person stands towards one nomination: admin, the depths (0 the root) of the units on the nominee's
 * chain they command, and whether it is their own case (the nominee or the nominator).
 */
export interface Standing {
  readonly admin: boolean;
  readonly chainDepths: readonly number[];
  readonly ownCase: boolean;
}

/**
 * The standing from the nominee's unit's ancestors (nearest first, the unit itself included) and the units the
 * person commands.
 */
export function standingOf(input: {
  readonly admin: boolean;
  readonly ancestorIds: readonly number[];
  readonly commanderOf: readonly number[];
  readonly ownCase: boolean;
}): Standing {
  const rootIndex = input.ancestorIds.length - 1;
  const chainDepths = input.ancestorIds
    .map((id, index) => (input.commanderOf.includes(id) ? rootIndex - index : -1))
    .filter((depth) => depth >= 0);
  return { admin: input.admin, chainDepths, ownCase: input.ownCase };
}

/** Whether the standing decides (or, for a proposal level, proposes) the level; own cases aside. */
export function decidesLevel(level: CommendationLevel, standing: Standing): boolean {
  if (standing.admin) return true;
  const { authority } = level;
  if (authority.kind === 'unit') return standing.chainDepths.length > 0;
  const deepest = authority.kind === 'depth' ? authority.depth : 0;
  return standing.chainDepths.some((depth) => depth <= deepest);
}

export const isProposal = (level: CommendationLevel | undefined): boolean => level?.authority.kind === 'proposal';

/**
 * Whether a commendation still reads as a proposal ("được đề nghị tặng …"): a proposal level whose official
 * decision is not recorded yet. Once it is, it reads as an award everywhere.
 */
export const readsAsProposal = (level: CommendationLevel | undefined, record: DecisionRecord | undefined): boolean =>
  isProposal(level) && record === undefined;

/** What pressing a level's button does. */
export type PressOutcome = 'decide' | 'recommend' | 'ownCase' | 'notDecider';

export function pressOutcome(level: CommendationLevel, standing: Standing): PressOutcome {
  if (standing.ownCase) return 'ownCase';
  if (decidesLevel(level, standing)) return 'decide';
  if (standing.chainDepths.length > 0) return 'recommend';
  return 'notDecider';
}

/**
 * The level whose authority a rejection (or the reopening of one) needs: the highest level recommended so far, so
 * a team commander cannot bury what he sent up; with none, the lowest level.
 */
export function levelAtStake(
  levels: readonly CommendationLevel[],
  recommendations: readonly Recommendation[],
): CommendationLevel | undefined {
  const indices = recommendations.map((r) => levels.findIndex((level) => level.code === r.level)).filter((i) => i >= 0);
  return indices.length > 0 ? levels[Math.max(...indices)] : levels[0];
}

/** Who may reject a pending nomination, or reopen a decided one: the authority of the level at stake. */
export function mayRejectOrReopen(
  levels: readonly CommendationLevel[],
  nomination: Pick<Nomination, 'status' | 'level'>,
  recommendations: readonly Recommendation[],
  standing: Standing,
): 'yes' | 'ownCase' | 'notDecider' {
  if (standing.ownCase) return 'ownCase';
  const decided =
    nomination.status === 'approved' ? levels.find((level) => level.code === nomination.level) : undefined;
  const level = decided ?? levelAtStake(levels, recommendations);
  return level && decidesLevel(level, standing) ? 'yes' : 'notDecider';
}

/** Who records an official decision: admins and commanders of the root unit. */
export const recordsDecisions = (standing: Standing): boolean => standing.admin || standing.chainDepths.includes(0);

/** The codes of the levels that are proposed rather than decided in the bot. */
export const proposalCodes = (levels: readonly CommendationLevel[] = []): ReadonlySet<string> =>
  new Set(levels.filter((level) => isProposal(level)).map((level) => level.code));
