/**
 * Flags: a commander records privately that a discipline, an inspection or a complaint is pending against a person
 * (or a unit), with a reason. Nobody flagged is proposed (the rules' disqualifiers). Only commanders of the
 * flagged subject's unit or of a unit above it, and admins, may record, clear or see them.
 */
import type { OfficialName } from '../../files/papers';
import { ok } from '../../kernel/result';
import type { Caller } from '../use-case';
import { clearFlag, type Flag, findPendingFlag, insertFlag, pendingFlags } from './registration-store';
import { unitOfSubject, unitSubject } from './roster-port';
import type { FlagKind } from './rules';
import { refuse, type YearResult, type YearScope } from './year-scope';

/** The shortest reason a flag is recorded with. */
export const MIN_FLAG_REASON = 5;

export interface FlagInput {
  /** A person, or, with `unitId` alone, the unit itself. */
  readonly personId?: string;
  readonly unitId?: number;
  readonly kind: FlagKind;
  readonly reason: string;
}

/** Records a pending matter against a person or a unit. */
export async function flag(
  scope: YearScope,
  caller: Caller,
  input: FlagInput,
): Promise<YearResult<{ readonly flagId: number; readonly subjectId: string }>> {
  let subjectId: string;
  let unitId: number;
  if (input.personId !== undefined) {
    const person = await scope.roster.person(input.personId);
    if (!person) return refuse({ kind: 'year.error.unknownPerson' });
    subjectId = person.personId;
    unitId = person.unitId;
  } else {
    const unit = input.unitId === undefined ? undefined : (await scope.directory.units()).byId(input.unitId);
    if (!unit) return refuse({ kind: 'year.error.unknownUnit' });
    subjectId = unitSubject(unit.id);
    unitId = unit.id;
  }
  if (!(await scope.directory.commands(caller.userId, unitId))) return refuse({ kind: 'year.error.notCommander' });
  const reason = input.reason.trim();
  if (Array.from(reason).length < MIN_FLAG_REASON) return refuse({ kind: 'year.error.reasonNeeded' });
  const flagId = await insertFlag(
    scope.db,
    { subjectId, unitId, kind: input.kind, reason, flaggedBy: caller.userId },
    scope.now,
  );
  return ok({ flagId, subjectId });
}

/** Clears a pending flag. */
export async function unflag(
  scope: YearScope,
  caller: Caller,
  input: { readonly flagId: number },
): Promise<YearResult<{ readonly subjectId: string }>> {
  const found = await findPendingFlag(scope.db, input.flagId);
  if (!found) return refuse({ kind: 'year.error.unknownFlag' });
  if (!(await scope.directory.commands(caller.userId, found.unitId)))
    return refuse({ kind: 'year.error.notCommander' });
  await clearFlag(scope.db, found.id, caller.userId, scope.now);
  return ok({ subjectId: found.subjectId });
}

/** A pending flag with whom it concerns, named. */
export interface FlagView extends Flag {
  /** The person's official name, or the unit's name. */
  readonly name: OfficialName;
}

/** The pending flags of a unit and the units below it, for a commander of it (or an admin). */
export async function flagsOf(
  scope: YearScope,
  caller: Caller,
  input: { readonly unitId: number },
): Promise<YearResult<readonly FlagView[]>> {
  const tree = await scope.directory.units();
  if (!tree.byId(input.unitId)) return refuse({ kind: 'year.error.unknownUnit' });
  if (!(await scope.directory.commands(caller.userId, input.unitId)))
    return refuse({ kind: 'year.error.notCommander' });
  const flags = await pendingFlags(scope.db, { unitIds: tree.subtreeIds(input.unitId) });
  const views: FlagView[] = [];
  for (const each of flags) {
    const unitId = unitOfSubject(each.subjectId);
    const name =
      unitId !== undefined
        ? { fullName: tree.byId(unitId)?.name ?? each.subjectId }
        : ((await scope.roster.person(each.subjectId))?.name ?? { fullName: each.subjectId });
    views.push({ ...each, name });
  }
  return ok(views);
}
