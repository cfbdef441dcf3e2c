/**
 * The year's evidence of each candidate, as a review shows it and the rules read it: the registration, pending
 * flags (with their reasons: only commanders see a review), the titles of this year (decided, or proposed in a
 * closed review) and of earlier years (decisions, and the roster's imported history), the person's own tallies, the
 * campaign's commendations, and, for a unit, its members' titles. What the bot cannot know (a rating, a
 * discipline) stays unknown, for the meeting to confirm.
 */

import type { OfficialName } from '../../files/papers';
import { instantsOfDays } from '../../kernel/cron';
import type { DayRange } from '../../kernel/day';
import { targetProgressOf } from '../../kernel/report';
import { byUnitAndMetric } from '../../kernel/totals';
import type { HonourRecord } from './chains';
import { type CandidateEvidence, checkEligibility, type Eligibility } from './eligibility';
import {
  approvedCommendations,
  type CommendationEvidence,
  memberTotals,
  unitsTotals,
  yearTargets,
} from './evidence-store';
import { type Flag, pendingFlags, type Registration, registrationsOf } from './registration-store';
import { outcomesOf } from './review-store';
import { type RosterPerson, unitOfSubject, unitSubject } from './roster-port';
import type { TitleRule } from './rules';
import { titlesDecided } from './title-store';
import { COLLECTIVE_TITLES, INDIVIDUAL_TITLES, subjectOf, type TitleId } from './titles';
import type { YearScope } from './year-scope';

/** The days of a year. */
export const yearRange = (year: number): DayRange => ({ from: `${year}-01-01`, to: `${year}-12-31` });

const rankOf = (title: TitleId): number => {
  const individual = (INDIVIDUAL_TITLES as readonly string[]).indexOf(title);
  return individual >= 0 ? individual : (COLLECTIVE_TITLES as readonly string[]).indexOf(title);
};

/**
 * Whether a registration puts its subject up for a title: registered for it or for a higher title of the same
 * kind (whoever aims at Chiến sĩ thi đua cơ sở is considered for Chiến sĩ tiên tiến first, which it requires).
 */
export const registeredFor = (registration: Registration, title: TitleId): boolean =>
  subjectOf(registration.title) === subjectOf(title) && rankOf(registration.title) >= rankOf(title);

/** A metric's amount. */
export interface MetricTotal {
  readonly metricCode: string;
  readonly total: number;
}

/** One candidate as a review shows them. */
export interface CandidateView {
  readonly subjectId: string;
  /** A person's rank and name, or a unit's name. */
  readonly name: OfficialName;
  readonly position?: string;
  readonly unitId: number;
  readonly registration?: Registration;
  /** What the rules read. */
  readonly evidence: CandidateEvidence;
  /** The rules applied, each check with its citation. */
  readonly eligibility: Eligibility;
  /** The person's own entries over the year (a unit's: its subtree's), per metric. */
  readonly totals: readonly MetricTotal[];
  /** The campaign's commendations approved over the year (never counted toward titles). */
  readonly commendations: readonly CommendationEvidence[];
  /** Titles of earlier years: decisions and the roster's history. */
  readonly earlierTitles: readonly HonourRecord[];
  /** Pending matters, with their reasons. */
  readonly flags: readonly Flag[];
}

/** A subject to gather evidence for: a roster person, or a unit. */
export type Subject =
  | { readonly kind: 'individual'; readonly person: RosterPerson }
  | { readonly kind: 'collective'; readonly unitId: number; readonly name: string };

export const subjectIdOf = (subject: Subject): string =>
  subject.kind === 'individual' ? subject.person.personId : unitSubject(subject.unitId);

/** Every title of these subjects across the years: decisions here, and the roster's imported history. */
export async function honourRecords(scope: YearScope, subjectIds: readonly string[]): Promise<HonourRecord[]> {
  if (subjectIds.length === 0) return [];
  const decided = await titlesDecided(scope.db, { subjectIds });
  const imported = await scope.roster.pastTitles(subjectIds);
  return [
    ...decided.map(
      (record): HonourRecord => ({
        subjectId: record.subjectId,
        year: record.year,
        title: record.title,
        basis: 'annual',
        ...(record.unitId !== undefined && { unitId: String(record.unitId) }),
      }),
    ),
    ...imported,
  ];
}

/** Titles each subject holds for the year: decided, or proposed in a closed review of the year. */
export async function titlesThisYear(
  scope: YearScope,
  year: number,
  subjectIds: readonly string[],
): Promise<Map<string, Set<TitleId>>> {
  const held = new Map<string, Set<TitleId>>();
  const add = (subjectId: string, title: TitleId) => held.set(subjectId, (held.get(subjectId) ?? new Set()).add(title));
  for (const decided of await titlesDecided(scope.db, { subjectIds, year })) add(decided.subjectId, decided.title);
  for (const outcome of await outcomesOf(scope.db, { year, subjectIds }))
    if (outcome.status === 'proposed') add(outcome.subjectId, outcome.title);
  return held;
}

/** Gathers each subject's evidence for a title's review of the year, and checks it against the rule. */
export async function gatherEvidence(
  scope: YearScope,
  request: { readonly year: number; readonly rule: TitleRule; readonly subjects: readonly Subject[] },
): Promise<CandidateView[]> {
  const { year, rule, subjects } = request;
  const ids = subjects.map(subjectIdOf);
  const [registrations, flags, records, thisYear] = await Promise.all([
    registrationsOf(scope.db, { year, subjectIds: ids }),
    pendingFlags(scope.db, { subjectIds: ids }),
    honourRecords(scope, ids),
    titlesThisYear(scope, year, ids),
  ]);
  const range = yearRange(year);
  const users = subjects.flatMap((subject) =>
    subject.kind === 'individual' && subject.person.userId !== undefined ? [subject.person.userId] : [],
  );
  const commendations = await approvedCommendations(scope.db, users, instantsOfDays(range, scope.config.timeZone));
  const tree = await scope.directory.units();
  const views: CandidateView[] = [];
  for (const subject of subjects) {
    const subjectId = subjectIdOf(subject);
    const registration = registrations.find((each) => each.subjectId === subjectId);
    const registered = registration !== undefined && registeredFor(registration, rule.title);
    const own = flags.filter((each) => each.subjectId === subjectId);
    const base = {
      subjectId,
      registered,
      ...(registration && { registeredAt: registration.registeredAt }),
      flags: own.map((each) => each.kind),
      titlesThisYear: [...(thisYear.get(subjectId) ?? [])],
    };
    let evidence: CandidateEvidence;
    let totals: MetricTotal[];
    if (subject.kind === 'individual') {
      evidence = { kind: 'individual', ...base };
      const userId = subject.person.userId;
      totals = userId === undefined ? [] : toTotals(await memberTotals(scope.db, userId, range));
    } else {
      const members = await scope.roster.membersAt(subject.unitId, scope.now);
      const held = await titlesThisYear(
        scope,
        year,
        members.map((member) => member.personId),
      );
      const membersHolding: Partial<Record<TitleId, number>> = {};
      for (const titles of held.values())
        for (const title of titles) membersHolding[title] = (membersHolding[title] ?? 0) + 1;
      evidence = { kind: 'collective', ...base, members: members.length, membersHolding };
      const rows = await unitsTotals(scope.db, tree.subtreeIds(subject.unitId), range);
      const sums = new Map<string, number>();
      for (const row of rows) sums.set(row.metricCode, (sums.get(row.metricCode) ?? 0) + row.total);
      totals = toTotals(sums);
    }
    views.push({
      subjectId,
      name: subject.kind === 'individual' ? subject.person.name : { fullName: subject.name },
      ...(subject.kind === 'individual' && subject.person.position && { position: subject.person.position }),
      unitId: subject.kind === 'individual' ? subject.person.unitId : subject.unitId,
      ...(registration && { registration }),
      evidence,
      eligibility: checkEligibility(rule, evidence, year, records),
      totals,
      commendations:
        subject.kind === 'individual' && subject.person.userId !== undefined
          ? (commendations.get(subject.person.userId) ?? [])
          : [],
      earlierTitles: records
        .filter((record) => record.subjectId === subjectId && record.year < year)
        .sort((a, b) => a.year - b.year),
      flags: own,
    });
  }
  return views;
}

const toTotals = (sums: ReadonlyMap<string, number>): MetricTotal[] =>
  [...sums]
    .filter(([, total]) => total > 0)
    .map(([metricCode, total]) => ({ metricCode, total }))
    .sort((a, b) => a.metricCode.localeCompare(b.metricCode));

/** A unit's progress over the year against its yearly targets (its own, or its sub-units' summed), per metric. */
export interface TargetView {
  readonly metricCode: string;
  readonly total: number;
  readonly target: number;
  /** Rounded down. */
  readonly percent: number;
}

/** The unit's subtree's totals of the year against its yearly targets. */
export async function unitTargets(scope: YearScope, unitId: number, year: number): Promise<TargetView[]> {
  const [tree, catalog] = await Promise.all([scope.directory.units(), scope.directory.metrics()]);
  const totals = byUnitAndMetric(await unitsTotals(scope.db, tree.subtreeIds(unitId), yearRange(year)));
  return targetProgressOf({ tree, catalog, rootIds: [unitId], totals, targets: await yearTargets(scope.db) }).map(
    (row) => ({ metricCode: row.metric.code, total: row.total, target: row.target, percent: row.percent }),
  );
}

/** The subject a `unit:<id>` or person id names, or undefined when neither the tree nor the roster knows it. */
export async function subjectOfId(scope: YearScope, subjectId: string): Promise<Subject | undefined> {
  const unitId = unitOfSubject(subjectId);
  if (unitId !== undefined) {
    const unit = (await scope.directory.units()).byId(unitId);
    return unit && { kind: 'collective', unitId, name: unit.name };
  }
  const person = await scope.roster.person(subjectId);
  return person && { kind: 'individual', person };
}

/** How papers and ballots name a subject: a person's rank and name and position, or a unit's name. */
export async function nameOfSubject(
  scope: YearScope,
  subjectId: string,
): Promise<{ readonly name: OfficialName; readonly position?: string; readonly unitId?: number }> {
  const subject = await subjectOfId(scope, subjectId);
  if (!subject) return { name: { fullName: subjectId } };
  if (subject.kind === 'collective') return { name: { fullName: subject.name }, unitId: subject.unitId };
  const { name, position, unitId } = subject.person;
  return { name, ...(position && { position }), unitId };
}
