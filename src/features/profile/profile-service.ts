import { findMember, type KnownMember } from '../../directory/member-store';
import type { TextMisfits } from '../../i18n/error-text';
import type { DayRange } from '../../kernel/day';
import { localDayOf, periodOf } from '../../kernel/period';
import { err, ok, type Result } from '../../kernel/result';
import {
  commendationsOf,
  type DecisionRecord,
  latestDecisionRecords,
  mayReadRecordOf,
  type Nomination,
} from '../nominations';
import { type OfficialPerson, officialPeopleOf, type PastCommendation, pastCommendationsOf } from '../roster';
import { personTotals } from '../tally';
import type { Caller, UseCaseScope } from '../use-case';

/** A person's record: who they are, this year's totals by metric, and every commendation with its decision. */
export interface Profile {
  /** The person as the bot knows them; undefined when it has never seen them (only one's own profile then). */
  readonly member: KnownMember | undefined;
  readonly year: DayRange;
  readonly totals: ReadonlyMap<string, number>;
  readonly commendations: readonly Nomination[];
  readonly records: ReadonlyMap<number, DecisionRecord>;
  /** The person as the roster has them now (name, rank, position, unit); undefined for an account not linked. */
  readonly official: OfficialPerson | undefined;
  /** Titles and commendations imported from the office's list, latest year first. */
  readonly past: readonly PastCommendation[];
}

export type ProfileRefusal = { kind: 'profile.unknown' } | { kind: 'commendation.notAllowed' };
const everyRefusalFitsItsText: [TextMisfits<ProfileRefusal>] extends [never] ? true : TextMisfits<ProfileRefusal> =
  true;
void everyRefusalFitsItsText;

/**
 * A person's record, for the person, the commanders of their unit and the units above it, and admins; anyone else
 * is refused, whether or not the bot knows the person.
 */
export async function readProfile(
  scope: UseCaseScope,
  caller: Caller,
  input: { subjectId: number },
): Promise<Result<Profile, ProfileRefusal>> {
  const member = await findMember(scope.db, input.subjectId);
  const own = input.subjectId === caller.userId;
  if (!own && !(await mayReadRecordOf(scope, caller, { userId: input.subjectId, unitIds: [member?.unitId ?? null] })))
    return err({ kind: 'commendation.notAllowed' });
  if (!member && !own) return err({ kind: 'profile.unknown' });
  const year = periodOf('year', localDayOf(scope.now, scope.config.timeZone));
  const totals = await personTotals(scope.db, input.subjectId, year);
  const commendations = await commendationsOf(scope.db, input.subjectId);
  const records = await latestDecisionRecords(
    scope.db,
    commendations.map((nomination) => nomination.id),
  );
  const official = (await officialPeopleOf(scope.db, [input.subjectId])).get(input.subjectId);
  const past = official ? await pastCommendationsOf(scope.db, official.personId) : [];
  return ok({ member, year, totals, commendations, records, official, past });
}
