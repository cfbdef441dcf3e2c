import { err, ok, type Result } from '../../kernel/result';

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

/** Default commendation levels, lowest first: praise in the digest, the director's certificate, the proposal for the committee's. */
export const DEFAULT_LEVELS = ['bieuduong', 'giaykhen', 'bangkhen'] as const;

/**
 * Who decides a level. `unit`: a commander of the nominee's unit or of any unit above it. `depth`: commanders of
 * the units on the nominee's chain at that depth or above (0 is the root, the province). `proposal`: the level is
 * decided outside the bot; the root's commanders propose it (đề nghị) and the decision is recorded afterwards.
 * Admins decide every level.
 */
export type LevelAuthority =
  | { readonly kind: 'unit' }
  | { readonly kind: 'depth'; readonly depth: number }
  | { readonly kind: 'proposal' };

export interface CommendationLevel {
  readonly code: string;
  readonly authority: LevelAuthority;
}

/** A level's authority when the setting names only its code: the known levels as the law has them, else the unit chain. */
export function defaultAuthority(code: string): LevelAuthority {
  if (code === 'giaykhen') return { kind: 'depth', depth: 0 };
  if (code === 'bangkhen') return { kind: 'proposal' };
  return { kind: 'unit' };
}

const LEVEL_CODE = /^[a-z0-9_]{1,24}$/;
export const MAX_LEVELS = 6;

/**
 * Parses COMMENDATION_LEVELS: comma-separated `code[:authority]`, lowest first, where authority is `unit`, a depth
 * (`0` the root) or `proposal`. A plain code takes its default authority. Every problem is named.
 */
export function parseLevelsSpec(raw: string): Result<CommendationLevel[], string[]> {
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const problems: string[] = [];
  const levels: CommendationLevel[] = [];
  for (const entry of entries) {
    const [code = '', authority, ...extra] = entry.split(':').map((part) => part.trim());
    if (!LEVEL_CODE.test(code)) {
      problems.push(`"${entry}": level codes are lower-case letters, digits and _`);
      continue;
    }
    if (extra.length > 0) {
      problems.push(`"${entry}": one authority per level (unit, a depth like 0, or proposal)`);
      continue;
    }
    if (levels.some((level) => level.code === code)) {
      problems.push(`"${code}" appears twice`);
      continue;
    }
    if (authority === undefined) levels.push({ code, authority: defaultAuthority(code) });
    else if (authority === 'unit') levels.push({ code, authority: { kind: 'unit' } });
    else if (authority === 'proposal') levels.push({ code, authority: { kind: 'proposal' } });
    else if (/^\d{1,2}$/.test(authority)) levels.push({ code, authority: { kind: 'depth', depth: Number(authority) } });
    else problems.push(`"${entry}": the authority is unit, a depth like 0 (the root), or proposal`);
  }
  if (entries.length === 0) problems.push('at least one level');
  if (entries.length > MAX_LEVELS) problems.push(`at most ${MAX_LEVELS} levels`);
  return problems.length > 0 ? err(problems) : ok(levels);
}

/** The setting as written back: `bieuduong:unit,giaykhen:0,bangkhen:proposal`. */
export const formatLevelsSpec = (levels: readonly CommendationLevel[]): string =>
  levels
    .map(({ code, authority }) =>
      authority.kind === 'depth' ? `${code}:${authority.depth}` : `${code}:${authority.kind}`,
    )
    .join(',');

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
