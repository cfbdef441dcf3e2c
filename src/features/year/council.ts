/**
 * The emulation council (Hội đồng Thi đua – Khen thưởng, §5): an admin names its members; the proposals that
 * passed in the units reach it as one list per title (and the units registered for a collective title, which no
 * unit votes on), voted by secret ballot like a unit's review, with the council's own quorum and share, counted
 * against its whole membership (review-close.ts).
 */
import { ok } from '../../kernel/result';
import type { Caller } from '../use-case';
import { addCouncilMember, councilMemberIds, removeCouncilMember } from './council-store';
import { gatherEvidence, registeredFor, type Subject } from './evidence';
import { registrationsOf } from './registration-store';
import { outcomesOf } from './review-store';
import { type ReviewOpened, startBallot } from './reviews';
import { type RosterPerson, unitOfSubject } from './roster-port';
import { subjectOf, type TitleId } from './titles';
import { isAdmin, refuse, reviewYearOf, type YearResult, type YearScope } from './year-scope';

/** Who the council's members are, as the roster names them (a member the roster no longer knows by id alone). */
export async function councilMembers(
  scope: YearScope,
  _caller: Caller,
): Promise<YearResult<readonly (RosterPerson | { readonly personId: string })[]>> {
  const members = [];
  for (const personId of await councilMemberIds(scope.db))
    members.push((await scope.roster.person(personId)) ?? { personId });
  return ok(members);
}

/** Names a person to the council (an admin). */
export async function addToCouncil(
  scope: YearScope,
  caller: Caller,
  input: { readonly personId: string },
): Promise<YearResult<RosterPerson>> {
  if (!(await isAdmin(scope, caller.userId))) return refuse({ kind: 'year.error.notAdmin' });
  const person = await scope.roster.person(input.personId);
  if (!person?.active) return refuse({ kind: 'year.error.unknownPerson' });
  if (!(await addCouncilMember(scope.db, person.personId, caller.userId, scope.now)))
    return refuse({ kind: 'year.error.alreadyCouncil' });
  return ok(person);
}

/** Takes a person off the council (an admin). */
export async function removeFromCouncil(
  scope: YearScope,
  caller: Caller,
  input: { readonly personId: string },
): Promise<YearResult<{ readonly personId: string }>> {
  if (!(await isAdmin(scope, caller.userId))) return refuse({ kind: 'year.error.notAdmin' });
  if (!(await removeCouncilMember(scope.db, input.personId, caller.userId, scope.now)))
    return refuse({ kind: 'year.error.notCouncil' });
  return ok({ personId: input.personId });
}

/**
 * The council's list for a title: the people (or units) proposed for it by the units' closed reviews of the year,
 * in the order the reviews closed; for a collective title, the units registered for it.
 */
async function councilSubjects(scope: YearScope, year: number, title: TitleId): Promise<Subject[]> {
  const tree = await scope.directory.units();
  if (subjectOf(title) === 'collective')
    return (await registrationsOf(scope.db, { year }))
      .filter((registration) => registeredFor(registration, title) && unitOfSubject(registration.subjectId))
      .flatMap((registration) => {
        const unit = tree.byId(registration.unitId);
        return unit ? [{ kind: 'collective' as const, unitId: unit.id, name: unit.name }] : [];
      });
  const proposed = (await outcomesOf(scope.db, { year, stage: 'review' })).filter(
    (outcome) => outcome.title === title && outcome.status === 'proposed',
  );
  const subjects: Subject[] = [];
  for (const subjectId of new Set(proposed.map((outcome) => outcome.subjectId))) {
    const person = await scope.roster.person(subjectId);
    if (person) subjects.push({ kind: 'individual', person });
  }
  return subjects;
}

/** Opens the council's vote on a title's list for the year (an admin); each linked member gets a private ballot. */
export async function openCouncilReview(
  scope: YearScope,
  caller: Caller,
  input: { readonly title: TitleId; readonly year?: number; readonly closesAt?: Date },
): Promise<YearResult<ReviewOpened>> {
  if (!(await isAdmin(scope, caller.userId))) return refuse({ kind: 'year.error.notAdmin' });
  const held = reviewYearOf(scope, input.year);
  if (!held.ok) return held;
  const { year, rules } = held.value;
  const rule = rules.titles[input.title];
  if (!rule.council) return refuse({ kind: 'year.error.notVotedHere', title: input.title });
  const memberIds = await councilMemberIds(scope.db);
  if (memberIds.length === 0) return refuse({ kind: 'year.error.emptyCouncil' });
  const members: RosterPerson[] = [];
  for (const personId of memberIds) {
    const person = await scope.roster.person(personId);
    if (person) members.push(person);
  }
  const candidates = await gatherEvidence(scope, {
    year,
    rule,
    subjects: await councilSubjects(scope, year, input.title),
  });
  if (candidates.length === 0) return refuse({ kind: 'year.error.noCandidates', title: input.title });
  const voters = members.filter((member) => member.active && member.userId !== undefined);
  const started = await startBallot(scope, caller, {
    stage: 'council',
    year,
    title: input.title,
    unitName: '',
    candidates,
    voters,
    ...(input.closesAt && { closesAt: input.closesAt }),
  });
  if (!started.ok) return started;
  return ok({
    year,
    title: input.title,
    ruleSet: rules.id,
    rule,
    candidates,
    targets: [],
    unlinked: members.filter((member) => member.userId === undefined),
    ...started.value,
  });
}
