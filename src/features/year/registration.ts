/**
 * Registration (đăng ký thi đua, DOMAIN.md's yearly cycle §1): an officer on the unit's roster pledges for the
 * year's individual title; a commander registers the unit's collective title, and may register someone on their
 * behalf. Outside the registration window only a commander may register.
 */
import type { OfficialName } from '../../files/papers';
import { ok } from '../../kernel/result';
import type { Caller } from '../use-case';
import { findRegistration, registrationsOf, saveRegistration } from './registration-store';
import { type RosterPerson, unitSubject } from './roster-port';
import { subjectOf, type TitleId } from './titles';
import { inWindow, refuse, rulesOf, todayOf, type YearResult, type YearScope, yearOfScope } from './year-scope';

export interface PledgeInput {
  /** The unit the pledge is made in (its group's): only its roster's people may pledge there. */
  readonly unitId: number;
  readonly title: TitleId;
  /** This year by default; this year or the next. */
  readonly year?: number;
  /** A commander registering someone else (by reply). */
  readonly personId?: string;
}

export interface PledgeOutcome {
  readonly year: number;
  readonly title: TitleId;
  readonly subjectId: string;
  /** The person, or undefined for the unit's collective title. */
  readonly person?: RosterPerson;
  /** The title registered before, now replaced. */
  readonly replaced?: TitleId;
  /** Registered by a commander for someone else. */
  readonly onBehalf: boolean;
}

/** Registers a person's (or the unit's) title for the year. */
export async function pledge(scope: YearScope, caller: Caller, input: PledgeInput): Promise<YearResult<PledgeOutcome>> {
  const thisYear = yearOfScope(scope);
  const year = input.year ?? thisYear;
  if (year !== thisYear && year !== thisYear + 1) return refuse({ kind: 'year.error.yearOutOfRange', year });
  if (!rulesOf(scope, year)) return refuse({ kind: 'year.error.noRules', year });
  const unit = (await scope.directory.units()).byId(input.unitId);
  if (!unit || unit.retiredAt) return refuse({ kind: 'year.error.unknownUnit' });
  const commander = await scope.directory.commands(caller.userId, unit.id);
  const window = scope.settings.pledgeWindow;
  if (!commander && !inWindow(window, todayOf(scope)))
    return refuse({ kind: 'year.error.windowClosed', from: window!.from, to: window!.to });

  if (subjectOf(input.title) === 'collective') {
    if (input.personId !== undefined) return refuse({ kind: 'year.error.collectiveTitle', title: input.title });
    if (!commander) return refuse({ kind: 'year.error.notCommander' });
    const subjectId = unitSubject(unit.id);
    const replaced = (await findRegistration(scope.db, year, subjectId))?.title;
    await saveRegistration(
      scope.db,
      { year, subjectId, unitId: unit.id, title: input.title, registeredBy: caller.userId },
      scope.now,
    );
    return ok({ year, title: input.title, subjectId, ...(replaced && { replaced }), onBehalf: false });
  }

  const onBehalf = input.personId !== undefined;
  if (onBehalf && !commander) return refuse({ kind: 'year.error.notCommander' });
  const person = onBehalf ? await scope.roster.person(input.personId!) : await scope.roster.personByUser(caller.userId);
  if (!person?.active || person.unitId !== unit.id) return refuse({ kind: 'year.error.notOnRoster' });
  const replaced = (await findRegistration(scope.db, year, person.personId))?.title;
  await saveRegistration(
    scope.db,
    { year, subjectId: person.personId, unitId: unit.id, title: input.title, registeredBy: caller.userId },
    scope.now,
  );
  return ok({
    year,
    title: input.title,
    subjectId: person.personId,
    person,
    ...(replaced && { replaced }),
    onBehalf: onBehalf && person.userId !== caller.userId,
  });
}

/** One line of a unit's registrations. */
export interface RegisteredPerson {
  readonly personId: string;
  readonly name: OfficialName;
  readonly position?: string;
  readonly title: TitleId;
  readonly registeredAt: string;
}

export interface UnitRegistrations {
  readonly year: number;
  readonly unitId: number;
  readonly unitName: string;
  /** The unit's collective title, if registered. */
  readonly collective?: { readonly title: TitleId; readonly registeredAt: string };
  /** People registered in the unit, in the order they registered. */
  readonly people: readonly RegisteredPerson[];
}

/** The unit's registrations for the year (this year by default), for anyone to read. */
export async function unitRegistrations(
  scope: YearScope,
  _caller: Caller,
  input: { readonly unitId: number; readonly year?: number },
): Promise<YearResult<UnitRegistrations>> {
  const unit = (await scope.directory.units()).byId(input.unitId);
  if (!unit) return refuse({ kind: 'year.error.unknownUnit' });
  const year = input.year ?? yearOfScope(scope);
  const registrations = await registrationsOf(scope.db, { year, unitIds: [unit.id] });
  const collective = registrations.find((registration) => registration.subjectId === unitSubject(unit.id));
  const people: RegisteredPerson[] = [];
  for (const registration of registrations) {
    if (registration === collective) continue;
    const person = await scope.roster.person(registration.subjectId);
    people.push({
      personId: registration.subjectId,
      name: person?.name ?? { fullName: registration.subjectId },
      ...(person?.position && { position: person.position }),
      title: registration.title,
      registeredAt: registration.registeredAt,
    });
  }
  return ok({
    year,
    unitId: unit.id,
    unitName: unit.name,
    ...(collective && { collective: { title: collective.title, registeredAt: collective.registeredAt } }),
    people,
  });
}
