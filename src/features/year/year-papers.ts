/**
 * The year's papers (§7), as the inputs of the renderers in src/files/papers (registrationListPaper,
 * reviewMinutesPaper, proposalListPaper, proposalLetterPaper; renderPaper draws PDF or DOCX): worded from the
 * store and the roster (people by rank and full name, the signer's position), and marked DỰ THẢO until a decision
 * on the year's titles of the people they list is recorded. For a commander of the unit (an admin for the council).
 */
import type {
  CertificateDraftInput,
  OfficialName,
  ProposalGroup,
  ProposalLetterInput,
  ProposalListInput,
  RegistrationListInput,
  ReviewMinutesInput,
  Signer,
} from '../../files/papers';
import { citationText, paperText, titleName } from '../../i18n/year-text';
import { localTimeOf } from '../../kernel/cron';
import type { Locale } from '../../kernel/locale';
import { localDayOf } from '../../kernel/period';
import { ok } from '../../kernel/result';
import type { Caller } from '../use-case';
import { votersOf } from './ballot-store';
import { nameOfSubject } from './evidence';
import { unitRegistrations } from './registration';
import { findRegistration } from './registration-store';
import { baseCountOf, resultOf } from './review-close';
import { closedReviews, findReview, outcomesOf } from './review-store';
import { unitSubject } from './roster-port';
import { titlesDecided } from './title-store';
import { subjectOf, TITLES } from './titles';
import { writtenBallotsOf } from './written-store';
import { isAdmin, refuse, rulesOf, todayOf, type YearResult, type YearScope, yearOfScope } from './year-scope';

/** What the office fills in for its papers. */
export interface PaperSettings {
  /**
   * "Lạng Sơn", for the place-and-date line (PAPERS_PLACE). When absent, the place a unit's name gives, the unit's
   * own or the nearest above it (`placeOfNames`); dots for the office to fill when none does.
   */
  readonly place?: string;
  /** The governing body above the unit; the parent unit's name when absent. */
  readonly issuerParent?: string;
  /** The symbol after the number: "ĐK-PC08". */
  readonly symbol?: string;
  /** Nơi nhận (without "Lưu"). */
  readonly recipients?: readonly string[];
  /** Vietnamese unless told. */
  readonly locale?: Locale;
  /** Who signs; the caller when absent. */
  readonly signerPersonId?: string;
}

type Basics = Pick<RegistrationListInput, 'locale' | 'issuer' | 'symbol' | 'place' | 'day' | 'recipients' | 'decided'>;

/** The place line's place when nothing names one: dots, for the office to fill in the DOCX. */
export const PLACE_UNKNOWN = '…………';

/** The words before an administrative unit's name in a unit's name, longest first: "thị xã" before "xã". */
const PLACE_WORDS = ['thành phố', 'thị xã', 'thị trấn', 'tỉnh', 'tp.', 'huyện', 'quận', 'xã', 'phường'];

/**
 * The place (địa danh, Nghị định 30/2020: the administrative unit where the issuing body sits) the first of these
 * unit names gives, nearest unit first: "Công an tỉnh Lạng Sơn" gives "Lạng Sơn", "Công an huyện Hữu Lũng" "Hữu
 * Lũng"; undefined when none names one. The name after the words must start with a capital, so "trật tự xã hội"
 * names no place.
 */
export function placeOfNames(names: readonly string[]): string | undefined {
  for (const name of names) {
    const words = name.normalize('NFC').trim().split(/\s+/);
    for (let at = 0; at < words.length; at += 1)
      for (const place of PLACE_WORDS) {
        const size = place.split(' ').length;
        const rest = words.slice(at + size);
        if (
          words
            .slice(at, at + size)
            .join(' ')
            .toLocaleLowerCase('vi') === place &&
          rest.length > 0 &&
          /^\p{Lu}/u.test(rest[0]!)
        )
          return rest.join(' ');
      }
  }
  return undefined;
}

/** The frame of a paper of a unit: issuer, place and today's date, draft unless `decided`. */
async function basicsOf(
  scope: YearScope,
  unitId: number | undefined,
  settings: PaperSettings,
  decided: boolean,
): Promise<Basics> {
  const tree = await scope.directory.units();
  const unit = unitId === undefined ? undefined : tree.byId(unitId);
  const parent = unit?.parentId == null ? undefined : tree.byId(unit.parentId)?.name;
  const issuerParent = settings.issuerParent ?? parent;
  const locale = settings.locale ?? 'vi';
  // The unit and those above it, nearest first (for the council, the top units): the first naming a place gives it.
  const namesUp = (
    unit ? tree.ancestorIds(unit.id) : tree.active.filter((each) => each.parentId == null).map((each) => each.id)
  ).map((id) => tree.byId(id)?.name ?? '');
  return {
    locale,
    issuer: {
      ...(issuerParent && { parent: issuerParent }),
      unit: unit?.name ?? paperText(locale, 'year.ballot.council'),
    },
    ...(settings.symbol && { symbol: settings.symbol }),
    place: settings.place || placeOfNames(namesUp) || PLACE_UNKNOWN,
    day: todayOf(scope),
    ...(settings.recipients && { recipients: settings.recipients }),
    decided,
  };
}

/** The signer: the person named, or the caller, with their position from the roster. */
async function signerOf(scope: YearScope, caller: Caller, personId: string | undefined): Promise<Signer> {
  const person =
    personId === undefined ? await scope.roster.personByUser(caller.userId) : await scope.roster.person(personId);
  return { position: person?.position ?? '', name: person?.name ?? { fullName: '' } };
}

/** Whether a decision on the year's titles is recorded for any of these subjects. */
async function decidedFor(scope: YearScope, year: number, subjectIds: readonly string[]): Promise<boolean> {
  return (await titlesDecided(scope.db, { year, subjectIds })).length > 0;
}

const mayDraft = async (scope: YearScope, caller: Caller, unitId: number | undefined) =>
  unitId === undefined ? isAdmin(scope, caller.userId) : scope.directory.commands(caller.userId, unitId);

/** Bản đăng ký thi đua năm N of a unit. */
export async function registrationListInput(
  scope: YearScope,
  caller: Caller,
  input: { readonly unitId: number; readonly year?: number; readonly paper: PaperSettings },
): Promise<YearResult<RegistrationListInput>> {
  if (!(await mayDraft(scope, caller, input.unitId))) return refuse({ kind: 'year.error.notCommander' });
  const listed = await unitRegistrations(scope, caller, {
    unitId: input.unitId,
    ...(input.year !== undefined && { year: input.year }),
  });
  if (!listed.ok) return listed;
  const { year, unitName, collective, people } = listed.value;
  const locale = input.paper.locale ?? 'vi';
  const subjects = [unitSubject(input.unitId), ...people.map((person) => person.personId)];
  return ok({
    ...(await basicsOf(scope, input.unitId, input.paper, await decidedFor(scope, year, subjects))),
    year,
    unitName,
    campaign: scope.config.campaignName,
    ...(collective && { unitTitle: titleName(locale, collective.title) }),
    people: people.map((person) => ({
      name: person.name,
      ...(person.position && { position: person.position }),
      title: titleName(locale, person.title),
    })),
    signer: await signerOf(scope, caller, input.paper.signerPersonId),
  });
}

/** "08:00" in the campaign's time zone. */
const clockText = (instant: string, timeZone: string) => {
  const local = localTimeOf(new Date(instant), timeZone);
  return `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
};

/**
 * Biên bản of a closed review (a unit's meeting, or the council's): attendance (ballots issued against the members,
 * those who did not vote named), the quorum, the ballots, and each candidate's yes votes and share against the
 * rule's base. The chair is whoever opened it unless told; the secretary, the chair unless told.
 */
export async function reviewMinutesInput(
  scope: YearScope,
  caller: Caller,
  input: {
    readonly reviewId: number;
    readonly paper: PaperSettings;
    readonly venue?: string;
    readonly chairPersonId?: string;
    readonly secretaryPersonId?: string;
  },
): Promise<YearResult<ReviewMinutesInput>> {
  const review = await findReview(scope.db, input.reviewId);
  if (!review) return refuse({ kind: 'year.error.unknownReview' });
  if (!(await mayDraft(scope, caller, review.unitId)))
    return refuse({ kind: review.unitId === undefined ? 'year.error.notAdmin' : 'year.error.notCommander' });
  if (!review.closed) return refuse({ kind: 'year.error.reviewNotClosed' });
  const { closed, candidates } = await resultOf(scope, review);
  if (!closed) return refuse({ kind: 'year.error.reviewNotClosed' });
  const locale = input.paper.locale ?? 'vi';
  const opener = await scope.roster.personByUser(review.openedBy);
  const chairPerson = input.chairPersonId === undefined ? opener : await scope.roster.person(input.chairPersonId);
  const secretaryPerson =
    input.secretaryPersonId === undefined ? chairPerson : await scope.roster.person(input.secretaryPersonId);
  const role = (person: typeof opener) => ({
    name: person?.name ?? { fullName: '' },
    position: person?.position ?? '',
  });
  const voters = await votersOf(scope.db, review.id);
  // The council's paper ballots: cast at the meeting, or sent in writing by members away (named as such).
  const written = await writtenBallotsOf(scope.db, review.id);
  const wroteIn = new Set(written.map((ballot) => ballot.personId));
  const absentees: { name: OfficialName; reason?: string }[] = [];
  for (const voter of voters.filter((each) => !each.voted && !wroteIn.has(each.personId)))
    absentees.push({ name: (await nameOfSubject(scope, voter.personId)).name });
  for (const ballot of written.filter((each) => !each.present))
    absentees.push({
      name: (await nameOfSubject(scope, ballot.personId)).name,
      reason: paperText(input.paper.locale ?? 'vi', 'paper.minutes.writtenVote'),
    });
  const writtenAway = written.filter((ballot) => !ballot.present).length;
  const unitName =
    review.unitId === undefined
      ? paperText(locale, 'year.ballot.council')
      : ((await scope.directory.units()).byId(review.unitId)?.name ?? '');
  const decided = await decidedFor(
    scope,
    review.year,
    candidates.map((candidate) => candidate.subjectId),
  );
  return ok({
    ...(await basicsOf(scope, review.unitId, input.paper, decided)),
    day: localDayOf(new Date(closed.at), scope.config.timeZone),
    year: review.year,
    unitName,
    venue: input.venue ?? paperText(locale, 'year.paper.venue'),
    startedAt: clockText(review.openedAt, scope.config.timeZone),
    endedAt: clockText(closed.at, scope.config.timeZone),
    chair: role(chairPerson),
    secretary: role(secretaryPerson),
    members: closed.members,
    present: closed.present,
    absentees,
    quorum: { share: closed.quorum, needed: closed.quorumNeeded, met: closed.quorumMet },
    ballots: {
      issued:
        voters.length + written.filter((ballot) => !voters.some((each) => each.personId === ballot.personId)).length,
      returned: closed.present + writtenAway,
      valid: closed.present + writtenAway,
    },
    sections: [
      {
        title: titleName(locale, review.title),
        rule: { share: closed.share, comparison: closed.comparison, base: closed.base },
        ...(closed.quota && {
          quota: {
            share: closed.quota.share,
            of: titleName(locale, closed.quota.of),
            holders: closed.quota.holders,
            limit: closed.quota.limit,
          },
        }),
        candidates: candidates.map((candidate) => ({
          name: candidate.name,
          ...(candidate.role && { position: candidate.role }),
          yes: candidate.result?.yes ?? 0,
          base: candidate.result?.base ?? 0,
          result: candidate.result?.status ?? 'not-voted',
        })),
      },
    ],
  });
}

/** The proposals of a unit's subtree for the year, title by title, and the unit's collective registration. */
async function proposalGroups(
  scope: YearScope,
  unitId: number,
  year: number,
  locale: Locale,
): Promise<{ groups: ProposalGroup[]; subjects: string[]; meetingDay?: string }> {
  const tree = await scope.directory.units();
  const reviews = await closedReviews(scope.db, { year, stage: 'review', unitIds: tree.subtreeIds(unitId) });
  const reviewIds = new Set(reviews.map((review) => review.id));
  const outcomes = (await outcomesOf(scope.db, { year, stage: 'review' })).filter(
    (outcome) => reviewIds.has(outcome.reviewId) && outcome.status === 'proposed',
  );
  const groups: ProposalGroup[] = [];
  const subjects: string[] = [];
  for (const title of TITLES) {
    if (subjectOf(title) === 'collective') {
      const registered = await findRegistration(scope.db, year, unitSubject(unitId));
      if (registered?.title === title) {
        groups.push({
          title: titleName(locale, title),
          collective: true,
          rows: [{ name: tree.byId(unitId)?.name ?? '' }],
        });
        subjects.push(unitSubject(unitId));
      }
      continue;
    }
    const rows = [];
    for (const outcome of outcomes.filter((each) => each.title === title)) {
      const named = await nameOfSubject(scope, outcome.subjectId);
      const review = reviews.find((each) => each.id === outcome.reviewId)!;
      const unitName = tree.byId(named.unitId ?? review.unitId ?? unitId)?.name ?? '';
      rows.push({
        name: named.name as OfficialName,
        positionUnit: [named.position, unitName].filter(Boolean).join(', '),
        yes: outcome.yes,
        base: baseCountOf(scope, review) ?? 0,
      });
      subjects.push(outcome.subjectId);
    }
    if (rows.length > 0) groups.push({ title: titleName(locale, title), collective: false, rows });
  }
  const meetingDay = reviews
    .map((review) => localDayOf(new Date(review.closed!.at), scope.config.timeZone))
    .sort()
    .at(-1);
  return { groups, subjects, ...(meetingDay && { meetingDay }) };
}

/** Danh sách đề nghị of a unit (its sub-units' proposals included) for the year. */
export async function proposalListInput(
  scope: YearScope,
  caller: Caller,
  input: {
    readonly unitId: number;
    readonly year?: number;
    readonly letterSymbol?: string;
    readonly paper: PaperSettings;
  },
): Promise<YearResult<ProposalListInput>> {
  const unit = (await scope.directory.units()).byId(input.unitId);
  if (!unit) return refuse({ kind: 'year.error.unknownUnit' });
  if (!(await mayDraft(scope, caller, unit.id))) return refuse({ kind: 'year.error.notCommander' });
  const year = input.year ?? yearOfScope(scope);
  const { groups, subjects } = await proposalGroups(scope, unit.id, year, input.paper.locale ?? 'vi');
  return ok({
    ...(await basicsOf(scope, unit.id, input.paper, await decidedFor(scope, year, subjects))),
    year,
    unitName: unit.name,
    ...(input.letterSymbol && { letterSymbol: input.letterSymbol }),
    groups,
    signer: await signerOf(scope, caller, input.paper.signerPersonId),
  });
}

/** Tờ trình of a unit for the year: the acts of the rules in force, the meeting, and a count per title. */
export async function proposalLetterInput(
  scope: YearScope,
  caller: Caller,
  input: { readonly unitId: number; readonly year?: number; readonly addressee: string; readonly paper: PaperSettings },
): Promise<YearResult<ProposalLetterInput>> {
  const unit = (await scope.directory.units()).byId(input.unitId);
  if (!unit) return refuse({ kind: 'year.error.unknownUnit' });
  if (!(await mayDraft(scope, caller, unit.id))) return refuse({ kind: 'year.error.notCommander' });
  const year = input.year ?? yearOfScope(scope);
  const rules = rulesOf(scope, year);
  if (!rules) return refuse({ kind: 'year.error.noRules', year });
  const locale = input.paper.locale ?? 'vi';
  const { groups, subjects, meetingDay } = await proposalGroups(scope, unit.id, year, locale);
  return ok({
    ...(await basicsOf(scope, unit.id, input.paper, await decidedFor(scope, year, subjects))),
    year,
    unitName: unit.name,
    addressee: input.addressee,
    bases: rules.basis.map((citation) => citationText(locale, citation)),
    ...(meetingDay && { meetingDay }),
    lines: groups.map((group) => ({ title: group.title, count: group.rows.length, collective: group.collective })),
    signer: await signerOf(scope, caller, input.paper.signerPersonId),
  });
}

/**
 * The certificate draft of a person's title for the year: the highest title decided for them ("được tặng", with the
 * decision), else the highest the reviews proposed ("được đề nghị tặng", DỰ THẢO). For a commander of their unit.
 */
export async function titleCertificateInput(
  scope: YearScope,
  caller: Caller,
  input: { readonly personId: string; readonly year?: number; readonly paper: PaperSettings },
): Promise<YearResult<CertificateDraftInput>> {
  const person = await scope.roster.person(input.personId);
  if (!person) return refuse({ kind: 'year.error.unknownPerson' });
  if (!(await mayDraft(scope, caller, person.unitId))) return refuse({ kind: 'year.error.notCommander' });
  const year = input.year ?? yearOfScope(scope);
  const highest = <T extends { readonly title: string }>(rows: readonly T[]) =>
    [...rows].sort((a, b) => TITLES.indexOf(b.title as never) - TITLES.indexOf(a.title as never))[0];
  const decided = highest(await titlesDecided(scope.db, { year, subjectIds: [person.personId] }));
  const proposed = highest(
    (await outcomesOf(scope.db, { year, subjectIds: [person.personId] })).filter(
      (outcome) => outcome.status === 'proposed',
    ),
  );
  const title = decided?.title ?? proposed?.title;
  if (!title) return refuse({ kind: 'year.error.noTitle', year });
  const locale = input.paper.locale ?? 'vi';
  const unitName = (await scope.directory.units()).byId(person.unitId)?.name ?? '';
  return ok({
    ...(await basicsOf(scope, person.unitId, input.paper, decided !== undefined)),
    kind: decided ? 'award' : 'proposal',
    form: paperText(locale, 'yearChat.certificateForm', { title: titleName(locale, title) }),
    campaign: scope.config.campaignName,
    person: person.name,
    unit: unitName,
    reason: paperText(locale, 'yearChat.certificateReason', { year }),
    ...(decided && { decision: { number: decided.number, day: decided.date } }),
    signer: await signerOf(scope, caller, input.paper.signerPersonId),
  });
}
