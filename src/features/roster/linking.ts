/**
 * Linking accounts to people, as use cases: on sight (a row's id or @username), by a commander (`link`), by an
 * officer's request that a commander confirms (`iam`), and unlinking. One account per person and one person per
 * account; every link and unlink goes to the audit (person_link_events). A linked commander of the roster holds
 * the commander role of their roster unit; unlinked, the account loses it.
 */
import { foldText } from '../../kernel/fold';
import { err, ok, type Result } from '../../kernel/result';
import type { Caller, UseCaseScope } from '../use-case';
import type { StoredPerson } from './import-plan';
import { serviceNumberKey } from './import-sheets';
import { officialName } from './official-name';
import {
  commandersOf,
  createLinkRequest,
  decideLinkRequest,
  findLinkRequest,
  findPendingFor,
  findPeopleByName,
  findPerson,
  findPersonByAccount,
  findPersonByServiceNumber,
  grantCommander,
  hasPendingRequest,
  type LinkVia,
  linkStored,
  revokeCommander,
  unlinkStored,
} from './roster-store';

/** A person as the linking answers name them. */
export interface LinkedPerson {
  readonly personId: number;
  readonly userId: number;
  readonly unitId: number;
  /** "Thiếu úy Hà Văn Hưng". */
  readonly officialName: string;
}

export type LinkError =
  | { readonly kind: 'roster.notAllowed' }
  | { readonly kind: 'roster.personNotFound' }
  /** Several people fit the words; the chat side lets the commander pick one (by personId). */
  | {
      readonly kind: 'roster.ambiguous';
      readonly candidates: readonly { readonly personId: number; readonly name: string }[];
    }
  | { readonly kind: 'roster.personLeft'; readonly name: string }
  /** The person has another account: linking this one replaces it, which a commander must ask for (`replace`). */
  | { readonly kind: 'roster.personLinked'; readonly name: string }
  /** The account is another person's: the same. */
  | { readonly kind: 'roster.accountLinked'; readonly name: string }
  | { readonly kind: 'roster.youAreLinked'; readonly name: string }
  | { readonly kind: 'roster.requestPending' }
  | { readonly kind: 'roster.requestNotFound' }
  | { readonly kind: 'roster.requestDecided' }
  | { readonly kind: 'roster.notLinked' };

const linkedOf = (person: StoredPerson, userId: number): LinkedPerson => ({
  personId: person.id,
  userId,
  unitId: person.unitId,
  officialName: officialName(person),
});

/** Links and records it; a commander of the roster gets the role of their unit. */
async function link(scope: UseCaseScope, person: StoredPerson, userId: number, via: LinkVia, by: number | null) {
  await linkStored(scope.db, { personId: person.id, userId, via, by }, scope.now);
  if (person.role === 'commander' && (await grantCommander(scope.db, userId, person.unitId, by, scope.now))) {
    scope.directory.forget('roles');
  }
}

/** Unlinks and records it; the account loses the commander role the roster gave it. */
async function unlink(scope: UseCaseScope, person: StoredPerson, via: LinkVia, by: number | null) {
  if (person.userId === null) return;
  await unlinkStored(scope.db, { personId: person.id, userId: person.userId, via, by }, scope.now);
  if (person.role === 'commander' && (await revokeCommander(scope.db, person.userId, person.unitId))) {
    scope.directory.forget('roles');
  }
}

/**
 * An account seen (the dispatcher calls this when it remembers a member, with their id and username): links it to
 * the roster row that named it, by id or by @username, unless the account is already someone's. Undefined when
 * nothing was linked.
 */
export async function linkOnSight(
  scope: UseCaseScope,
  seen: { readonly userId: number; readonly username: string | null },
): Promise<Result<LinkedPerson | undefined, never>> {
  const person = await findPendingFor(scope.db, seen.userId, seen.username);
  if (!person || (await findPersonByAccount(scope.db, seen.userId))) return ok(undefined);
  await link(scope, person, seen.userId, 'sight', null);
  return ok(linkedOf(person, seen.userId));
}

/** Who may act on a person's link: admins anywhere, commanders of the person's unit or a unit above it. */
const mayManage = (scope: UseCaseScope, caller: Caller, person: StoredPerson) =>
  scope.directory.commands(caller.userId, person.unitId);

/**
 * The person words name, for a commander or admin: a service number, else a full name (without case or
 * diacritics) among the units the caller commands (anywhere for an admin).
 */
export async function findPersonFor(
  scope: UseCaseScope,
  caller: Caller,
  words: string,
): Promise<Result<StoredPerson, LinkError>> {
  const bySn = await findPersonByServiceNumber(scope.db, serviceNumberKey(words));
  if (bySn) return (await mayManage(scope, caller, bySn)) ? ok(bySn) : err({ kind: 'roster.notAllowed' });
  const authority = await scope.directory.authority(caller.userId);
  const tree = await scope.directory.units();
  const units = authority.admin ? undefined : [...new Set(authority.commanderOf.flatMap((id) => tree.subtreeIds(id)))];
  if (units?.length === 0) return err({ kind: 'roster.notAllowed' });
  const people = await findPeopleByName(scope.db, foldText(words), units);
  if (people.length === 1) return ok(people[0]!);
  if (people.length === 0) return err({ kind: 'roster.personNotFound' });
  return err({
    kind: 'roster.ambiguous',
    candidates: people.map((person) => ({
      personId: person.id,
      name: `${officialName(person)} (${tree.byId(person.unitId)?.code ?? '?'})`,
    })),
  });
}

/**
 * A commander (of the person's unit or above it) or an admin links an account to a person, named by id or by
 * words (service number or name). A person with another account, or an account with another person, is refused
 * unless `replace`: then the old links are undone first, each recorded.
 */
export async function linkPerson(
  scope: UseCaseScope,
  caller: Caller,
  input: { readonly person: number | string; readonly userId: number; readonly replace?: boolean },
): Promise<Result<LinkedPerson & { readonly changed: boolean }, LinkError>> {
  const found =
    typeof input.person === 'number'
      ? await findPerson(scope.db, input.person).then((person) =>
          person ? ok(person) : err({ kind: 'roster.personNotFound' } as const),
        )
      : await findPersonFor(scope, caller, input.person);
  if (!found.ok) return found;
  const person = found.value;
  if (!(await mayManage(scope, caller, person))) return err({ kind: 'roster.notAllowed' });
  if (person.leftOn !== null) return err({ kind: 'roster.personLeft', name: officialName(person) });
  if (person.userId === input.userId) return ok({ ...linkedOf(person, input.userId), changed: false });
  const holder = await findPersonByAccount(scope.db, input.userId);
  if (!input.replace) {
    if (person.userId !== null) return err({ kind: 'roster.personLinked', name: officialName(person) });
    if (holder) return err({ kind: 'roster.accountLinked', name: officialName(holder) });
  }
  if (holder) await unlink(scope, holder, 'link', caller.userId);
  await unlink(scope, person, 'link', caller.userId);
  await link(scope, person, input.userId, 'link', caller.userId);
  return ok({ ...linkedOf(person, input.userId), changed: true });
}

/** A commander or admin takes the account off a person (recorded). */
export async function unlinkPerson(
  scope: UseCaseScope,
  caller: Caller,
  input: { readonly personId: number },
): Promise<Result<LinkedPerson, LinkError>> {
  const person = await findPerson(scope.db, input.personId);
  if (!person) return err({ kind: 'roster.personNotFound' });
  if (!(await mayManage(scope, caller, person))) return err({ kind: 'roster.notAllowed' });
  if (person.userId === null) return err({ kind: 'roster.notLinked' });
  await unlink(scope, person, 'unlink', caller.userId);
  return ok(linkedOf(person, person.userId));
}

/** An /iam request filed: who may decide it (for the cards). */
export interface LinkRequestFiled {
  readonly requestId: number;
  readonly personId: number;
  readonly unitId: number;
  /** Commanders of the person's unit and of the units above it, nearest first. */
  readonly commanders: readonly number[];
  /** The admins (ADMIN_IDS), who may decide too: the cards go to them when no commander is known. */
  readonly admins: readonly number[];
}

/**
 * An officer asks to be linked to the person with this service number. Nothing links until a commander of the
 * person's unit (or above) or an admin confirms. The answer names no one: a guessed number tells the asker nothing
 * but that a request went to that unit's commanders.
 */
export async function requestLink(
  scope: UseCaseScope,
  caller: Caller,
  input: { readonly serviceNumber: string },
): Promise<Result<LinkRequestFiled, LinkError>> {
  const own = await findPersonByAccount(scope.db, caller.userId);
  if (own) return err({ kind: 'roster.youAreLinked', name: officialName(own) });
  const person = await findPersonByServiceNumber(scope.db, serviceNumberKey(input.serviceNumber));
  if (!person || person.leftOn !== null) return err({ kind: 'roster.personNotFound' });
  if (person.userId !== null) return err({ kind: 'roster.personLinked', name: '' });
  if (await hasPendingRequest(scope.db, caller.userId, person.id)) return err({ kind: 'roster.requestPending' });
  const request = await createLinkRequest(scope.db, person.id, caller.userId, scope.now);
  const commanders = await commandersOf(scope.db, (await scope.directory.units()).ancestorIds(person.unitId));
  return ok({
    requestId: request.id,
    personId: person.id,
    unitId: person.unitId,
    commanders: commanders.filter((userId) => userId !== caller.userId),
    admins: scope.config.adminIds.filter((id) => id !== caller.userId),
  });
}

/**
 * A commander of the person's unit (or above) or an admin confirms or refuses an /iam request. Confirming links
 * the account, unless the person or the account was linked meanwhile (then the request stays pending and the
 * refusal says why; `linkPerson` with `replace` is the way).
 */
export async function decideLink(
  scope: UseCaseScope,
  caller: Caller,
  input: { readonly requestId: number; readonly confirm: boolean },
): Promise<Result<LinkedPerson & { readonly confirmed: boolean }, LinkError>> {
  const request = await findLinkRequest(scope.db, input.requestId);
  if (!request) return err({ kind: 'roster.requestNotFound' });
  const person = await findPerson(scope.db, request.personId);
  if (!person) return err({ kind: 'roster.requestNotFound' });
  if (!(await mayManage(scope, caller, person))) return err({ kind: 'roster.notAllowed' });
  if (request.status !== 'pending') return err({ kind: 'roster.requestDecided' });
  if (input.confirm) {
    if (person.userId !== null && person.userId !== request.userId) {
      return err({ kind: 'roster.personLinked', name: officialName(person) });
    }
    const holder = await findPersonByAccount(scope.db, request.userId);
    if (holder && holder.id !== person.id) return err({ kind: 'roster.accountLinked', name: officialName(holder) });
  }
  if (
    !(await decideLinkRequest(scope.db, request.id, input.confirm ? 'confirmed' : 'refused', caller.userId, scope.now))
  ) {
    return err({ kind: 'roster.requestDecided' });
  }
  if (input.confirm && person.userId === null) await link(scope, person, request.userId, 'request', caller.userId);
  return ok({ ...linkedOf(person, request.userId), confirmed: input.confirm });
}
