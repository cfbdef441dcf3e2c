import type { JobPeriod } from '../../kernel/job-period';
import type { Locale } from '../../kernel/locale';
import { err, ok, type Result } from '../../kernel/result';
import type { Caller, Place, UseCaseScope } from '../use-case';
import type { WeeklyChart } from './weekly-charts';
import { composeDigest } from './weekly-posts';

export type DigestRefusal =
  | { kind: 'auth.commanderOrAdmin' }
  | { kind: 'digest.notAllowed' }
  | { kind: 'unit.listEmpty' };

/**
 * Whose digest the caller gets: in a unit's group, that unit's, for its commanders (and admins); elsewhere the
 * units they command, or the whole province for an admin. Officers are told it is for commanders.
 */
async function digestScope(
  scope: UseCaseScope,
  caller: Caller,
  place: Place,
): Promise<Result<readonly number[] | 'province', DigestRefusal>> {
  const authority = await scope.directory.authority(caller.userId);
  const mayDigest = authority.admin || authority.commanderOf.length > 0;
  const groupUnit = place.kind === 'group' ? (place.unitId ?? undefined) : undefined;
  if (groupUnit !== undefined) {
    if (await scope.directory.commands(caller.userId, groupUnit)) return ok([groupUnit]);
    return err({ kind: mayDigest ? 'auth.commanderOrAdmin' : 'digest.notAllowed' });
  }
  if (authority.admin) return ok('province');
  return mayDigest ? ok(authority.commanderOf) : err({ kind: 'digest.notAllowed' });
}

/** /digest: the weekly digest of the period on demand, the same as the weekly job's, with its chart when on. */
export async function digestFor(
  scope: UseCaseScope,
  caller: Caller,
  input: { readonly place: Place; readonly period: JobPeriod; readonly locale: Locale },
): Promise<Result<{ html: string; chart?: WeeklyChart }, DigestRefusal>> {
  const rootIds = await digestScope(scope, caller, input.place);
  if (!rootIds.ok) return rootIds;
  const { config } = scope;
  const digested = await composeDigest(scope.db, {
    rootIds: rootIds.value,
    period: input.period,
    locale: input.locale,
    timeZone: config.timeZone,
    commendationAuthorities: config.commendationAuthorities,
    charts: config.weeklyCharts,
  });
  return digested ? ok(digested) : err({ kind: 'unit.listEmpty' });
}
