import { displayName, findMember, type KnownMember } from '../../directory/member-store';
import { commanderRoles } from '../../directory/role-store';
import type { TextMisfits } from '../../i18n/error-text';
import type { CommendationLevel } from '../../kernel/commendation-levels';
import type { IsoDay } from '../../kernel/day';
import { localDayOf } from '../../kernel/period';
import { err, ok, type Result } from '../../kernel/result';
import { type OfficialPerson, officialPeopleOf } from '../roster';
import type { Caller, TellingScope, UseCaseScope } from '../use-case';
import {
  type DecisionRecord,
  decidesLevel,
  levelAtStake,
  mayRejectOrReopen,
  type Nomination,
  pressOutcome,
  type Recommendation,
  recordsDecisions,
  type Standing,
  standingOf,
} from './nomination';
import {
  announce,
  extrasOf,
  postCard,
  refreshEverywhere,
  sendPrivateCopies,
  sendRejectionNotices,
} from './nomination-cards';
import {
  addEndorsement,
  addRecommendation,
  approvedNominations,
  countNominationsBy,
  decisionRecordsOf,
  findNomination,
  findSameNomination,
  insertDecisionRecord,
  insertNomination,
  latestDecisionRecords,
  pendingNominations,
  recommendationsOf,
  recordDecision,
  toggleEndorsement,
} from './nomination-store';

/**
 * The nomination use cases: plain functions of a unit of work, the caller and the input, callable from the chat,
 * the web app or the CLI. Each checks the caller's authority itself and tells whom the change concerns (the card,
 * the deciders' private copies, the nominator) through the outbox of the same unit of work.
 */

/** Why a use case refused; the kind is the reply's text key, the fields its parameters. Nothing was changed. */
export type NominationRefusal =
  | { kind: 'decision.notFound'; id: number }
  | { kind: 'button.notValid' }
  | { kind: 'nominate.self' }
  | { kind: 'nominate.unknownPerson' }
  | { kind: 'nominate.dailyCap'; cap: number }
  | { kind: 'nomination.ownCase' }
  | { kind: 'nomination.notDecider' }
  | { kind: 'nomination.alreadyDecided' }
  | { kind: 'nomination.notDecided' }
  | { kind: 'nomination.selfEndorse' }
  | { kind: 'nomination.recommendedAlready' }
  | { kind: 'decision.notAllowed' }
  | { kind: 'decision.notApproved'; id: number }
  | { kind: 'decision.future'; date: string }
  | { kind: 'decision.beforeNomination'; date: string; day: string }
  | { kind: 'commendation.notAllowed' };
const everyRefusalFitsItsText: [TextMisfits<NominationRefusal>] extends [never]
  ? true
  : TextMisfits<NominationRefusal> = true;
void everyRefusalFitsItsText;

type Outcome<T> = Promise<Result<T, NominationRefusal>>;

const levelOf = (scope: UseCaseScope, code: string | null | undefined): CommendationLevel | undefined =>
  scope.config.commendationAuthorities.find((level) => level.code === code);

/** Stores the caller's name when the door told it, so the card names who acted. */
async function rememberCaller(scope: UseCaseScope, caller: Caller): Promise<void> {
  if (caller.profile) await scope.directory.rememberMember(caller.profile, null, scope.now);
}

async function standingIn(scope: UseCaseScope, caller: Caller, nomination: Nomination): Promise<Standing> {
  const [authority, tree] = await Promise.all([scope.directory.authority(caller.userId), scope.directory.units()]);
  return standingOf({
    admin: authority.admin,
    ancestorIds: tree.ancestorIds(nomination.unitId),
    commanderOf: authority.commanderOf,
    ownCase: caller.userId === nomination.nomineeId || caller.userId === nomination.nominatorId,
  });
}

async function nominationNumbered(scope: UseCaseScope, id: number): Outcome<Nomination> {
  const nomination = await findNomination(scope.db, id);
  return nomination ? ok(nomination) : err({ kind: 'decision.notFound', id });
}

/**
 * Who is told that a nomination waits at a level: the commanders of the nearest unit on the nominee's chain whose
 * commanders decide it, or the admins when no such unit has one; never the nominee or the nominator.
 */
async function decidersOf(scope: UseCaseScope, nomination: Nomination, level: CommendationLevel): Promise<number[]> {
  const ancestors = (await scope.directory.units()).ancestorIds(nomination.unitId);
  const roles = await commanderRoles(scope.db);
  const own = new Set([nomination.nomineeId, nomination.nominatorId]);
  for (const [index, unitId] of ancestors.entries()) {
    const standing: Standing = { admin: false, chainDepths: [ancestors.length - 1 - index], ownCase: false };
    if (!decidesLevel(level, standing)) continue;
    const commanders = roles.filter((role) => role.unitId === unitId && !own.has(role.userId)).map((r) => r.userId);
    if (commanders.length > 0) return [...new Set(commanders)];
  }
  return scope.config.adminIds.filter((id) => !own.has(id));
}

/** A new nomination, as a group's chat or another door asks for it. */
export interface NominateInput {
  /** The group the card goes to, and its forum topic. */
  readonly chatId: number;
  readonly threadId: number | null;
  /** The message that shows the deed, when the nomination replies to one; the card then replies to `replyTo`. */
  readonly sourceMessageId: number | null;
  readonly replyTo?: number;
  readonly nominee: KnownMember;
  readonly reason: string;
}

/**
 * Nominates a colleague: posts the card and tells the deciders of the lowest level. A second nomination of the same
 * person for the same message joins the first as an endorsement; past the daily cap nothing is stored.
 */
export async function nominate(
  scope: TellingScope,
  caller: Caller,
  input: NominateInput,
): Outcome<{ kind: 'created'; nomination: Nomination } | { kind: 'joined'; nomineeName: string }> {
  const { nominee } = input;
  if (nominee.userId === caller.userId) return err({ kind: 'nominate.self' });
  if (nominee.unitId === null) return err({ kind: 'nominate.unknownPerson' });
  await rememberCaller(scope, caller);
  if (input.sourceMessageId !== null) {
    const same = await findSameNomination(scope.db, {
      chatId: input.chatId,
      sourceMessageId: input.sourceMessageId,
      nomineeId: nominee.userId,
    });
    if (same !== undefined) {
      await addEndorsement(scope.db, same, caller.userId, scope.now);
      await refreshEverywhere(scope, same);
      return ok({ kind: 'joined', nomineeName: displayName(nominee) });
    }
  }
  const day = localDayOf(scope.now, scope.config.timeZone);
  const cap = scope.config.nominationDailyCap;
  if ((await countNominationsBy(scope.db, caller.userId, day)) >= cap) return err({ kind: 'nominate.dailyCap', cap });
  const id = await insertNomination(
    scope.db,
    {
      chatId: input.chatId,
      threadId: input.threadId,
      sourceMessageId: input.sourceMessageId,
      nomineeId: nominee.userId,
      unitId: nominee.unitId,
      nominatorId: caller.userId,
      reason: input.reason,
      day,
    },
    scope.now,
  );
  const nomination = (await findNomination(scope.db, id))!;
  await postCard(scope, nomination, input.replyTo);
  const lowest = scope.config.commendationAuthorities[0];
  if (lowest) await sendPrivateCopies(scope, id, await decidersOf(scope, nomination, lowest));
  return ok({ kind: 'created', nomination });
}

/** Endorses a pending nomination, or withdraws the caller's endorsement; not the nominee's or the nominator's. */
export async function endorse(
  scope: TellingScope,
  caller: Caller,
  input: { nominationId: number },
): Outcome<'endorsed' | 'withdrawn'> {
  const found = await nominationNumbered(scope, input.nominationId);
  if (!found.ok) return found;
  const nomination = found.value;
  if (nomination.status !== 'pending') return err({ kind: 'nomination.alreadyDecided' });
  if (caller.userId === nomination.nomineeId || caller.userId === nomination.nominatorId)
    return err({ kind: 'nomination.selfEndorse' });
  const endorsed = await toggleEndorsement(scope.db, nomination.id, caller.userId, scope.now);
  await refreshEverywhere(scope, nomination.id);
  return ok(endorsed ? 'endorsed' : 'withdrawn');
}

/** The pending nomination and the level a level's press is about, with the caller's standing towards it. */
async function levelPress(
  scope: UseCaseScope,
  caller: Caller,
  input: { nominationId: number; level: string },
): Outcome<{ nomination: Nomination; level: CommendationLevel; standing: Standing }> {
  const found = await nominationNumbered(scope, input.nominationId);
  if (!found.ok) return found;
  const level = levelOf(scope, input.level);
  if (!level) return err({ kind: 'button.notValid' });
  const nomination = found.value;
  const standing = await standingIn(scope, caller, nomination);
  const outcome = pressOutcome(level, standing);
  if (outcome === 'ownCase' || outcome === 'notDecider') return err({ kind: `nomination.${outcome}` });
  if (nomination.status !== 'pending') return err({ kind: 'nomination.alreadyDecided' });
  return ok({ nomination, level, standing });
}

/** Approves a pending nomination at a level the caller decides; the group is congratulated. */
export async function decideAtLevel(
  scope: TellingScope,
  caller: Caller,
  input: { nominationId: number; level: string },
): Outcome<Nomination> {
  const press = await levelPress(scope, caller, input);
  if (!press.ok) return press;
  if (!decidesLevel(press.value.level, press.value.standing)) return err({ kind: 'nomination.notDecider' });
  await rememberCaller(scope, caller);
  const decided = await recordDecision(
    scope.db,
    {
      nominationId: input.nominationId,
      from: 'pending',
      to: 'approved',
      outcome: 'approved',
      level: press.value.level.code,
      reason: null,
      decidedBy: caller.userId,
    },
    scope.now,
  );
  if (!decided) return err({ kind: 'nomination.alreadyDecided' });
  const updated = (await refreshEverywhere(scope, input.nominationId))!;
  await announce(scope, updated);
  return ok(updated);
}

/**
 * Recommends a level upward: a commander on the nominee's chain below the level's authority asks for it; the
 * nomination stays pending and the level's deciders are told privately.
 */
export async function recommendUpward(
  scope: TellingScope,
  caller: Caller,
  input: { nominationId: number; level: string },
): Outcome<CommendationLevel> {
  const press = await levelPress(scope, caller, input);
  if (!press.ok) return press;
  const { nomination, level } = press.value;
  await rememberCaller(scope, caller);
  const added = await addRecommendation(
    scope.db,
    { nominationId: nomination.id, level: level.code, by: caller.userId },
    scope.now,
  );
  if (!added) return err({ kind: 'nomination.recommendedAlready' });
  const deciders = (await decidersOf(scope, nomination, level)).filter((id) => id !== caller.userId);
  await sendPrivateCopies(scope, nomination.id, deciders);
  await refreshEverywhere(scope, nomination.id);
  return ok(level);
}

/** What a level's button does: decides it for a caller with its authority, else recommends it upward. */
export async function pressLevel(
  scope: TellingScope,
  caller: Caller,
  input: { nominationId: number; level: string },
): Outcome<{ kind: 'decided' } | { kind: 'recommended'; level: string }> {
  const press = await levelPress(scope, caller, input);
  if (!press.ok) return press;
  if (decidesLevel(press.value.level, press.value.standing)) {
    const decided = await decideAtLevel(scope, caller, input);
    return decided.ok ? ok({ kind: 'decided' }) : decided;
  }
  const recommended = await recommendUpward(scope, caller, input);
  return recommended.ok ? ok({ kind: 'recommended', level: recommended.value.code }) : recommended;
}

/**
 * The nomination with its recommendations, once the caller is found to hold the authority of the level at stake
 * (the decided level, else the highest recommended, else the lowest): who may reject or reopen it.
 */
async function underAuthorityAtStake(
  scope: UseCaseScope,
  caller: Caller,
  nominationId: number,
): Outcome<{ nomination: Nomination; recommendations: readonly Recommendation[] }> {
  const found = await nominationNumbered(scope, nominationId);
  if (!found.ok) return found;
  const nomination = found.value;
  const standing = await standingIn(scope, caller, nomination);
  const { recommendations } = await extrasOf(scope.db, nomination.id);
  const allowed = mayRejectOrReopen(scope.config.commendationAuthorities, nomination, recommendations, standing);
  return allowed === 'yes' ? ok({ nomination, recommendations }) : err({ kind: `nomination.${allowed}` });
}

/** Whether the caller may reject the pending nomination, or why not. */
export async function mayReject(
  scope: UseCaseScope,
  caller: Caller,
  input: { nominationId: number },
): Outcome<{ nomination: Nomination; recommendations: readonly Recommendation[] }> {
  const held = await underAuthorityAtStake(scope, caller, input.nominationId);
  if (held.ok && held.value.nomination.status !== 'pending') return err({ kind: 'nomination.alreadyDecided' });
  return held;
}

/**
 * Rejects a pending nomination with its reason: the card says who decided, and the reason goes privately to the
 * nominator and the deciders of the level at stake, never to the group.
 */
export async function rejectNomination(
  scope: TellingScope,
  caller: Caller,
  input: { nominationId: number; reason: string },
): Outcome<Nomination> {
  const allowed = await mayReject(scope, caller, input);
  if (!allowed.ok) return allowed;
  const { nomination, recommendations } = allowed.value;
  await rememberCaller(scope, caller);
  const rejected = await recordDecision(
    scope.db,
    {
      nominationId: nomination.id,
      from: 'pending',
      to: 'rejected',
      outcome: 'rejected',
      level: null,
      reason: input.reason,
      decidedBy: caller.userId,
    },
    scope.now,
  );
  if (!rejected) return err({ kind: 'nomination.alreadyDecided' });
  const updated = (await refreshEverywhere(scope, nomination.id))!;
  const stake = levelAtStake(scope.config.commendationAuthorities, recommendations);
  const deciders = stake ? await decidersOf(scope, nomination, stake) : [];
  const told = [...new Set([nomination.nominatorId, ...deciders])].filter((id) => id !== caller.userId);
  const by = await nameOfPerson(scope, caller);
  await sendRejectionNotices(scope, nomination, { by, reason: input.reason }, told);
  return ok(updated);
}

async function nameOfPerson(scope: UseCaseScope, caller: Caller): Promise<string> {
  if (caller.profile) return displayName(caller.profile);
  const member = await findMember(scope.db, caller.userId);
  return member ? displayName(member) : String(caller.userId);
}

/** Reopens a decided nomination (for the authority of the decided level) as a new record: nothing is deleted. */
export async function reopenNomination(
  scope: TellingScope,
  caller: Caller,
  input: { nominationId: number },
): Outcome<Nomination> {
  const held = await underAuthorityAtStake(scope, caller, input.nominationId);
  if (!held.ok) return held;
  const { nomination } = held.value;
  if (nomination.status === 'pending') return err({ kind: 'nomination.notDecided' });
  const reopened = await recordDecision(
    scope.db,
    {
      nominationId: nomination.id,
      from: nomination.status,
      to: 'pending',
      outcome: 'reopened',
      level: null,
      reason: null,
      decidedBy: caller.userId,
    },
    scope.now,
  );
  if (!reopened) return err({ kind: 'nomination.alreadyDecided' });
  await rememberCaller(scope, caller);
  return ok((await refreshEverywhere(scope, nomination.id))!);
}

/**
 * Records the official decision (số quyết định, ngày, người ký) on an approved or proposed commendation, for admins
 * and commanders of the root unit; a second one corrects it, stored beside the first. A decision dated after today
 * or before the nomination is refused. From then on the commendation reads as an award everywhere.
 */
export async function recordOfficialDecision(
  scope: TellingScope,
  caller: Caller,
  input: { nominationId: number; number: string; date: IsoDay; signer: string },
): Outcome<{ kind: 'recorded' | 'corrected'; record: DecisionRecord }> {
  const found = await nominationNumbered(scope, input.nominationId);
  if (!found.ok) return found;
  const nomination = found.value;
  const standing = await standingIn(scope, caller, nomination);
  if (standing.ownCase) return err({ kind: 'nomination.ownCase' });
  if (!recordsDecisions(standing)) return err({ kind: 'decision.notAllowed' });
  if (nomination.status !== 'approved') return err({ kind: 'decision.notApproved', id: nomination.id });
  if (input.date > localDayOf(scope.now, scope.config.timeZone))
    return err({ kind: 'decision.future', date: input.date });
  if (input.date < nomination.day)
    return err({ kind: 'decision.beforeNomination', date: input.date, day: nomination.day });
  await rememberCaller(scope, caller);
  const earlier = (await decisionRecordsOf(scope.db, [nomination.id])).get(nomination.id) ?? [];
  const recordedBy = caller.userId;
  const id = await insertDecisionRecord(scope.db, { ...input, recordedBy }, scope.now);
  await refreshEverywhere(scope, nomination.id);
  const record = { ...input, id, recordedBy, recordedAt: scope.now.toISOString() };
  return ok({ kind: earlier.length > 0 ? 'corrected' : 'recorded', record });
}

/** The units whose nominations the caller sees as a decider: everything for admins, else their commands' subtrees. */
export async function unitsDecidedBy(scope: UseCaseScope, caller: Caller): Promise<number[]> {
  const authority = await scope.directory.authority(caller.userId);
  const tree = await scope.directory.units();
  if (authority.admin) return tree.all.map((unit) => unit.id);
  return [...new Set(authority.commanderOf.flatMap((id) => tree.subtreeIds(id)))];
}

/** The nominations waiting for the caller as a decider, oldest first, with their recommendations. */
export async function nominationsWaitingFor(
  scope: UseCaseScope,
  caller: Caller,
): Promise<{ nomination: Nomination; recommendations: readonly Recommendation[] }[]> {
  const pending = await pendingNominations(scope.db, await unitsDecidedBy(scope, caller));
  const recommendations = await recommendationsOf(
    scope.db,
    pending.map((nomination) => nomination.id),
  );
  return pending.map((nomination) => ({ nomination, recommendations: recommendations.get(nomination.id) ?? [] }));
}

/**
 * The commendations approved in [since, until) in the units given, each with its standing decision record. The
 * caller sees a unit's subtree when `groupUnitId` names the group they asked in (its people see it), else the
 * units they command.
 */
export async function commendationsIn(
  scope: UseCaseScope,
  caller: Caller,
  input: { groupUnitId: number | undefined; since: Date; until: Date },
): Promise<{ unitIds: number[]; commendations: Nomination[]; records: ReadonlyMap<number, DecisionRecord> }> {
  const tree = await scope.directory.units();
  const unitIds =
    input.groupUnitId === undefined ? await unitsDecidedBy(scope, caller) : tree.subtreeIds(input.groupUnitId);
  const commendations = await approvedNominations(scope.db, { unitIds, since: input.since, until: input.until });
  const records = await latestDecisionRecords(
    scope.db,
    commendations.map((nomination) => nomination.id),
  );
  return { unitIds, commendations, records };
}

/**
 * Whether the caller may read a person's commendations (a certificate, a profile, a record): the person, an admin,
 * or a commander of one of `unitIds` (the person's units) or of a unit above it. The same for every door.
 */
export async function mayReadRecordOf(
  scope: UseCaseScope,
  caller: Caller,
  person: { readonly userId: number; readonly unitIds: readonly (number | null)[] },
): Promise<boolean> {
  if (caller.userId === person.userId) return true;
  if ((await scope.directory.authority(caller.userId)).admin) return true;
  for (const unitId of person.unitIds) {
    if (unitId !== null && (await scope.directory.commands(caller.userId, unitId))) return true;
  }
  return false;
}

/**
 * One commendation as a certificate shows it, for the person commended, the commanders of their units and the
 * units above, and admins. Anyone else is refused alike whether or not the number exists, so enumerating numbers
 * shows nothing.
 */
export async function readCommendation(
  scope: UseCaseScope,
  caller: Caller,
  input: { nominationId: number },
): Outcome<{
  nomination: Nomination & { level: string };
  record: DecisionRecord | undefined;
  /** The nominee as the roster names them now; undefined for an account not linked to the roster. */
  official: OfficialPerson | undefined;
}> {
  const nomination = await findNomination(scope.db, input.nominationId);
  const member = nomination && (await findMember(scope.db, nomination.nomineeId));
  const allowed =
    nomination !== undefined &&
    (await mayReadRecordOf(scope, caller, {
      userId: nomination.nomineeId,
      unitIds: [nomination.unitId, member?.unitId ?? null],
    }));
  if (!nomination || !allowed) {
    const admin = (await scope.directory.authority(caller.userId)).admin;
    return err(admin ? { kind: 'decision.notFound', id: input.nominationId } : { kind: 'commendation.notAllowed' });
  }
  const { level } = nomination;
  if (nomination.status !== 'approved' || !level) return err({ kind: 'decision.notApproved', id: nomination.id });
  const records = await latestDecisionRecords(scope.db, [nomination.id]);
  const official = (await officialPeopleOf(scope.db, [nomination.nomineeId])).get(nomination.nomineeId);
  return ok({ nomination: { ...nomination, level }, record: records.get(nomination.id), official });
}

/** What the caller may do with a pending nomination, as its card's buttons would let them (issue 17's app). */
export interface NominationChoices {
  /** Levels the caller decides (or, for a proposal level, proposes). */
  readonly decide: readonly string[];
  /** Levels the caller may only recommend upward. */
  readonly recommend: readonly string[];
  readonly reject: boolean;
}

/**
 * The choices the card's buttons would give the caller on a pending nomination: each level decided or recommended
 * as a press would (pressOutcome), and a rejection for the authority of the level at stake. Nothing for their own
 * case or a decided nomination.
 */
export async function choicesOn(
  scope: UseCaseScope,
  caller: Caller,
  input: { nomination: Nomination; recommendations: readonly Recommendation[] },
): Promise<NominationChoices> {
  const { nomination, recommendations } = input;
  const none: NominationChoices = { decide: [], recommend: [], reject: false };
  if (nomination.status !== 'pending') return none;
  const standing = await standingIn(scope, caller, nomination);
  if (standing.ownCase) return none;
  const levels = scope.config.commendationAuthorities;
  const outcomes = levels.map((level) => ({ code: level.code, outcome: pressOutcome(level, standing) }));
  return {
    decide: outcomes.filter((each) => each.outcome === 'decide').map((each) => each.code),
    recommend: outcomes.filter((each) => each.outcome === 'recommend').map((each) => each.code),
    reject: mayRejectOrReopen(levels, nomination, recommendations, standing) === 'yes',
  };
}
