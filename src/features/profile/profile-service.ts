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
import { type OfficialPerson, officialPeopleOf } from '../roster';
import { personTotals } from '../tally';
import type { Caller, UseCaseScope } from '../use-case';
import {
  type ChainProspect,
  chainProspects,
  type HeldTitle,
  titlesOf,
  type YearRoster,
  type YearSettings,
} from '../year';

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
  /**
   * Titles by year, oldest first: decided here (with the decision), imported from the office's list, and this
   * year's or last year's proposals awaiting a decision. Empty without the year's roster, or off the roster.
   */
  readonly titles: readonly HeldTitle[];
  /** The higher titles a chain makes them eligible for, each in the first review (this year's or next) it does. */
  readonly prospects: readonly { readonly year: number; readonly prospect: ChainProspect }[];
}

/** What the titles across years read: the year's roster port and settings (src/features/year). */
export interface ProfileYear {
  readonly roster: YearRoster;
  readonly settings: YearSettings;
}

export type ProfileRefusal = { kind: 'profile.unknown' } | { kind: 'commendation.notAllowed' };
const everyRefusalFitsItsText: [TextMisfits<ProfileRefusal>] extends [never] ? true : TextMisfits<ProfileRefusal> =
  true;
void everyRefusalFitsItsText;

/**
 * A person's record (with `yearPart`, their titles by year and chain prospects), for the person, the commanders of their unit and the units above it, and admins; anyone else
 * is refused, whether or not the bot knows the person.
 */
export async function readProfile(
  scope: UseCaseScope,
  caller: Caller,
  input: { subjectId: number },
  yearPart?: ProfileYear,
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
  const titled =
    official && yearPart ? await titlesAndProspects({ ...scope, ...yearPart }, caller, official) : undefined;
  return ok({
    member,
    year,
    totals,
    commendations,
    records,
    official,
    titles: titled?.titles ?? [],
    prospects: titled?.prospects ?? [],
  });
}

/** The person's titles by year (the year feature's `titlesOf`) and chain prospects for this year's and next review. */
async function titlesAndProspects(
  scope: UseCaseScope & ProfileYear,
  caller: Caller,
  official: OfficialPerson,
): Promise<Pick<Profile, 'titles' | 'prospects'>> {
  const subjectId = String(official.personId);
  const held = await titlesOf(scope, caller, { subjectId, withProposals: true });
  const thisYear = Number(localDayOf(scope.now, scope.config.timeZone).slice(0, 4));
  const prospects: { year: number; prospect: ChainProspect }[] = [];
  for (const year of [thisYear, thisYear + 1]) {
    const found = await chainProspects(scope, caller, { year, subjectId });
    if (!found.ok) continue;
    for (const prospect of found.value)
      if (!prospects.some((each) => each.prospect.title === prospect.title)) prospects.push({ year, prospect });
  }
  return { titles: held.ok ? held.value : [], prospects };
}
