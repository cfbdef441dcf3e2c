/**
 * Titles across years (§6): a decision records who holds which title for which year (its number, date and
 * signer); a subject's titles by year join the decisions with the roster's imported history; the chains tell who
 * may be proposed for a higher title in the coming review.
 */
import { isValidIsoDay, localDayOf } from '../../kernel/period';
import { ok } from '../../kernel/result';
import type { Caller } from '../use-case';
import { type HonourBasis, measureChain } from './chains';
import { honourRecords, subjectOfId } from './evidence';
import { outcomesOf } from './review-store';
import { unitOfSubject, unitSubject } from './roster-port';
import { saveTitles, type TitleDecision, titlesDecided } from './title-store';
import { subjectOf, TITLES, type TitleId } from './titles';
import { isAdmin, refuse, rulesOf, todayOf, type YearResult, type YearScope, yearOfScope } from './year-scope';

export interface TitleDecisionInput {
  readonly year: number;
  readonly title: TitleId;
  /** Roster person ids, or `unit:<id>` for units. */
  readonly subjectIds: readonly string[];
  /** "567/QĐ-CAT". */
  readonly number: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  /** Who signed: "Đại tá Nguyễn Văn A, Giám đốc Công an tỉnh". */
  readonly signer: string;
}

/**
 * Records a decision conferring a title for a year (an admin). Refused: a date after today, before the year began,
 * or before the subject's proposal for it (the close of the last review that proposed them).
 */
export async function recordTitleDecision(
  scope: YearScope,
  caller: Caller,
  input: TitleDecisionInput,
): Promise<YearResult<{ readonly recorded: number }>> {
  if (!(await isAdmin(scope, caller.userId))) return refuse({ kind: 'year.error.notAdmin' });
  const number = input.number.trim();
  const signer = input.signer.trim();
  if (!number || !signer || !isValidIsoDay(input.date) || input.subjectIds.length === 0)
    return refuse({ kind: 'year.error.decisionIncomplete' });
  if (input.date > todayOf(scope)) return refuse({ kind: 'year.error.decisionInFuture' });
  const yearStart = `${input.year}-01-01`;
  if (input.date < yearStart) return refuse({ kind: 'year.error.decisionTooEarly', day: yearStart });
  const decisions: TitleDecision[] = [];
  for (const subjectId of input.subjectIds) {
    const subject = await subjectOfId(scope, subjectId);
    if (!subject)
      return refuse({ kind: subjectId.startsWith('unit:') ? 'year.error.unknownUnit' : 'year.error.unknownPerson' });
    if (subject.kind !== subjectOf(input.title))
      return refuse({
        kind: subject.kind === 'collective' ? 'year.error.individualTitle' : 'year.error.collectiveTitle',
        title: input.title,
      });
    decisions.push({
      year: input.year,
      subjectId,
      title: input.title,
      unitId: subject.kind === 'collective' ? subject.unitId : subject.person.unitId,
      number,
      date: input.date,
      signer,
    });
  }
  const proposals = (await outcomesOf(scope.db, { year: input.year, subjectIds: input.subjectIds })).filter(
    (outcome) => outcome.title === input.title && outcome.status === 'proposed',
  );
  const proposedOn = proposals
    .map((outcome) => localDayOf(new Date(outcome.closedAt), scope.config.timeZone))
    .sort()
    .at(-1);
  if (proposedOn && input.date < proposedOn) return refuse({ kind: 'year.error.decisionTooEarly', day: proposedOn });
  await saveTitles(scope.db, decisions, caller.userId, scope.now);
  return ok({ recorded: decisions.length });
}

/** One title of a subject for a year: from a decision recorded here, the roster's imported history, or a proposal. */
export interface HeldTitle {
  readonly year: number;
  /** A title id, or (imported) a commendation's name. */
  readonly title: string;
  readonly basis: HonourBasis;
  /** `proposed`: the reviews proposed it (the council's vote when the title has one) and no decision is recorded. */
  readonly source: 'decision' | 'imported' | 'proposed';
  readonly decision?: { readonly number: string; readonly date: string; readonly signer: string };
  /** An imported record's decision as the office's sheet wrote it. */
  readonly sheet?: { readonly number?: string; readonly date?: string; readonly level?: string };
}

const SOURCE_ORDER: readonly HeldTitle['source'][] = ['imported', 'decision', 'proposed'];

/**
 * A person's (or a unit's, `unit:<id>`) titles by year, oldest first. With `withProposals`, also the titles of
 * this year and the last that the reviews proposed and no decision confirmed yet (read as proposals, not awards).
 */
export async function titlesOf(
  scope: YearScope,
  _caller: Caller,
  input: { readonly subjectId: string; readonly withProposals?: boolean },
): Promise<YearResult<readonly HeldTitle[]>> {
  if (!(await subjectOfId(scope, input.subjectId))) return refuse({ kind: 'year.error.unknownPerson' });
  const decided = await titlesDecided(scope.db, { subjectIds: [input.subjectId] });
  const imported = await scope.roster.pastTitles([input.subjectId]);
  const held: HeldTitle[] = [
    ...decided.map(
      (record): HeldTitle => ({
        year: record.year,
        title: record.title,
        basis: 'annual',
        source: 'decision',
        decision: { number: record.number, date: record.date, signer: record.signer },
      }),
    ),
    ...imported
      .filter((record) => record.subjectId === input.subjectId)
      .map(
        (record): HeldTitle => ({
          year: record.year,
          title: record.title,
          basis: record.basis,
          source: 'imported',
          ...(record.sheet && { sheet: record.sheet }),
        }),
      ),
  ];
  if (input.withProposals) {
    const thisYear = yearOfScope(scope);
    for (const year of [thisYear - 1, thisYear])
      for (const title of await pendingProposals(scope, input.subjectId, year, decided))
        held.push({ year, title, basis: 'annual', source: 'proposed' });
  }
  return ok(held.sort((a, b) => a.year - b.year || SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source)));
}

/**
 * The titles of a year the reviews proposed the subject for, without a decision: by the council when the title's
 * rules have a council vote (its latest closed review decides), else by the unit's latest review of the title.
 */
async function pendingProposals(
  scope: YearScope,
  subjectId: string,
  year: number,
  decided: readonly TitleDecision[],
): Promise<TitleId[]> {
  const rules = rulesOf(scope, year);
  const latest = new Map<TitleId, boolean>();
  for (const outcome of await outcomesOf(scope.db, { year, subjectIds: [subjectId] })) {
    const stage = rules?.titles[outcome.title].council ? 'council' : 'review';
    if (outcome.stage === stage) latest.set(outcome.title, outcome.status === 'proposed');
  }
  return [...latest]
    .filter(([title, proposed]) => proposed && !decided.some((each) => each.year === year && each.title === title))
    .map(([title]) => title);
}

/** A subject a chain makes eligible for a higher title in the review of `year`. */
export interface ChainProspect {
  readonly subjectId: string;
  /** The higher title. */
  readonly title: TitleId;
  /** The title whose consecutive years count, the years held, and the years needed. */
  readonly of: TitleId;
  readonly years: number;
  readonly needed: number;
  /** The chain is met only if the subject also earns `of` in the review's year. */
  readonly ifEarnedThisYear: boolean;
}

/**
 * Who in the unit (its active members, and the unit itself), or one subject, may be proposed for a higher title in
 * the review of `year` by the chains of that year's rules: those whose consecutive years meet the chain, or will if
 * they earn the chain's title in that year too (when the chain ends in the review's year).
 */
export async function chainProspects(
  scope: YearScope,
  _caller: Caller,
  input: { readonly year: number } & ({ readonly unitId: number } | { readonly subjectId: string }),
): Promise<YearResult<readonly ChainProspect[]>> {
  const rules = rulesOf(scope, input.year);
  let subjects: string[];
  if ('unitId' in input) {
    const unit = (await scope.directory.units()).byId(input.unitId);
    if (!unit) return refuse({ kind: 'year.error.unknownUnit' });
    if (!rules) return refuse({ kind: 'year.error.noRules', year: input.year });
    const members = await scope.roster.membersAt(unit.id, scope.now);
    subjects = [...members.map((member) => member.personId), unitSubject(unit.id)];
  } else {
    if (!(await subjectOfId(scope, input.subjectId))) return refuse({ kind: 'year.error.unknownPerson' });
    if (!rules) return refuse({ kind: 'year.error.noRules', year: input.year });
    subjects = [input.subjectId];
  }
  const records = await honourRecords(scope, subjects);
  const prospects: ChainProspect[] = [];
  for (const title of TITLES) {
    const chain = rules.titles[title].chain;
    if (!chain) continue;
    for (const subjectId of subjects) {
      if ((unitOfSubject(subjectId) !== undefined) !== (subjectOf(title) === 'collective')) continue;
      const standing = measureChain(chain, records, subjectId, input.year);
      const earned = standing.met ? standing : measureChain(chain, records, subjectId, input.year, [chain.of]);
      if (!earned.met) continue;
      prospects.push({
        subjectId,
        title,
        of: chain.of,
        years: earned.years,
        needed: earned.needed,
        ifEarnedThisYear: !standing.met,
      });
    }
  }
  return ok(prospects);
}
