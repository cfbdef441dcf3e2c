/**
 * Reading the roster, as use cases: a commander's listing of their subtree (link status, last activity, who
 * logged nothing this week) and one person's card. Rank, position and service number are personal data: only
 * admins, commanders of the person's unit or a unit above it, and the person themself see them.
 */
import type { DayRange, IsoDay } from '../../kernel/day';
import { localDayOf, weekOf } from '../../kernel/period';
import { err, ok, type Result } from '../../kernel/result';
import type { Caller, UseCaseScope } from '../use-case';
import type { StoredPerson } from './import-plan';
import { officialName } from './official-name';
import { activePeopleOf, findPerson, lastEntryDays } from './roster-store';

export type LinkStatus = 'linked' | 'pending' | 'unlinked';

export const linkStatusOf = (person: StoredPerson): LinkStatus =>
  person.userId !== null
    ? 'linked'
    : person.pendingUserId !== null || person.pendingUsername !== null
      ? 'pending'
      : 'unlinked';

/** What only the entitled see. */
export interface PersonalDetails {
  readonly rank: string | null;
  readonly position: string | null;
  readonly serviceNumber: string | null;
}

export interface PersonCard {
  readonly personId: number;
  readonly fullName: string;
  readonly unitId: number;
  readonly link: LinkStatus;
  readonly leftOn: IsoDay | null;
  /** Absent for a caller without the right to see them. */
  readonly details?: PersonalDetails;
}

/** Whether the caller may see the person's rank, position and service number. */
export async function maySeeDetails(scope: UseCaseScope, caller: Caller, person: StoredPerson): Promise<boolean> {
  return person.userId === caller.userId || scope.directory.commands(caller.userId, person.unitId);
}

const detailsOf = (person: StoredPerson): PersonalDetails => ({
  rank: person.rank,
  position: person.position,
  serviceNumber: person.serviceNumber,
});

/** One person's card, with their personal details only for those entitled to them. */
export async function viewPerson(
  scope: UseCaseScope,
  caller: Caller,
  input: { readonly personId: number },
): Promise<Result<PersonCard, { readonly kind: 'roster.personNotFound' }>> {
  const person = await findPerson(scope.db, input.personId);
  if (!person) return err({ kind: 'roster.personNotFound' });
  const card: PersonCard = {
    personId: person.id,
    fullName: person.fullName,
    unitId: person.unitId,
    link: linkStatusOf(person),
    leftOn: person.leftOn,
  };
  return ok((await maySeeDetails(scope, caller, person)) ? { ...card, details: detailsOf(person) } : card);
}

export interface RosterEntry extends PersonalDetails {
  readonly personId: number;
  readonly fullName: string;
  /** "Thiếu úy Hà Văn Hưng". */
  readonly officialName: string;
  readonly link: LinkStatus;
  /** The latest day with an entry of theirs; null for none (or no account). */
  readonly lastEntryDay: IsoDay | null;
  readonly loggedThisWeek: boolean;
}

export interface RosterUnit {
  readonly unitId: number;
  readonly code: string;
  readonly name: string;
  readonly depth: number;
  /** The unit's own active people (not those of units below). */
  readonly people: readonly RosterEntry[];
  /** How many of them have no entry this week: "12/30" is silent/active. */
  readonly silent: number;
  readonly active: number;
}

export interface RosterListing {
  readonly week: DayRange;
  readonly units: readonly RosterUnit[];
}

/**
 * A unit's subtree as the roster has it, for its commanders and admins: each unit's active people with their link
 * status and last activity, and how many logged nothing this week. Without a unit: every unit the caller commands
 * (every top unit for an admin).
 */
export async function listRoster(
  scope: UseCaseScope,
  caller: Caller,
  input: { readonly unitId?: number },
): Promise<Result<RosterListing, { readonly kind: 'roster.notAllowed' }>> {
  const tree = await scope.directory.units();
  const walk = tree.walk();
  const authority = await scope.directory.authority(caller.userId);
  let roots: number[];
  if (input.unitId !== undefined) {
    if (!(await scope.directory.commands(caller.userId, input.unitId))) return err({ kind: 'roster.notAllowed' });
    roots = [input.unitId];
  } else if (authority.admin) roots = walk.filter((step) => step.depth === 0).map((step) => step.unit.id);
  else
    roots = authority.commanderOf.filter(
      (id) => !authority.commanderOf.some((other) => other !== id && tree.isWithin(id, other)),
    );
  if (roots.length === 0) return err({ kind: 'roster.notAllowed' });

  const depthOf = new Map(walk.map(({ unit, depth }) => [unit.id, depth]));
  const position = new Map(walk.map(({ unit }, index) => [unit.id, index]));
  const at = (unitId: number) => position.get(unitId) ?? Number.MAX_SAFE_INTEGER;
  const order = [...new Set(roots.flatMap((root) => tree.subtreeIds(root)))].sort((a, b) => at(a) - at(b));
  const people = await activePeopleOf(scope.db, order);
  const lastDays = await lastEntryDays(
    scope.db,
    people.flatMap((person) => (person.userId === null ? [] : [person.userId])),
  );
  const week = weekOf(localDayOf(scope.now, scope.config.timeZone));
  const units = order.map((unitId): RosterUnit => {
    const unit = tree.byId(unitId)!;
    const entries = people
      .filter((person) => person.unitId === unitId)
      .map((person): RosterEntry => {
        const lastEntryDay = person.userId === null ? null : (lastDays.get(person.userId) ?? null);
        return {
          personId: person.id,
          fullName: person.fullName,
          officialName: officialName(person),
          ...detailsOf(person),
          link: linkStatusOf(person),
          lastEntryDay,
          loggedThisWeek: lastEntryDay !== null && lastEntryDay >= week.from && lastEntryDay <= week.to,
        };
      });
    return {
      unitId,
      code: unit.code,
      name: unit.name,
      depth: depthOf.get(unitId) ?? 0,
      people: entries,
      silent: entries.filter((entry) => !entry.loggedThisWeek).length,
      active: entries.length,
    };
  });
  return ok({ week, units });
}
