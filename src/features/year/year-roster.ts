/**
 * The year's roster (the YearRoster port of src/features/year) over the roster's tables: people by their roster id
 * (as text), their unit history for who was a member when, their linked accounts, and the "Khen thưởng" sheet's
 * rows as titles of earlier years. Only the roster counts: a unit without imported people has no members here
 * (nobody may pledge there, nobody gets a ballot), whoever writes in its group.
 */
import { titleName } from '../../i18n/year-text';
import { foldText } from '../../kernel/fold';
import { localDayOf } from '../../kernel/period';
import type { Db } from '../../storage/schema';
import { findPerson, findPersonByAccount, importedCommendationsOf, peopleOfUnitOn, type StoredPerson } from '../roster';
import type { HonourRecord } from './chains';
import type { RosterPerson, YearRoster } from './roster-port';
import { TITLES, type TitleId } from './titles';

/** Folded names an office writes a title by in its sheet: the catalog's names and the usual abbreviations. */
const TITLE_BY_KEY: ReadonlyMap<string, TitleId> = new Map(
  TITLES.flatMap((id) => [
    [foldText(titleName('vi', id)), id] as const,
    [foldText(titleName('en', id)), id] as const,
    [id.replace(/-/g, ' '), id] as const,
  ]).concat([
    ['cstdcs', 'cstdcs'],
    ['chien si thi dua cap co so', 'cstdcs'],
    ['cstd cap bo', 'cstd-bo'],
    ['cstd toan quoc', 'cstd-tq'],
  ]),
);

/** The title a sheet's row names ("Chiến sĩ thi đua cơ sở", "CSTĐCS"), or undefined for a form of commendation. */
export function titleOfSheet(title: string): TitleId | undefined {
  return TITLE_BY_KEY.get(
    foldText(title)
      .replace(/[.\s]+/g, ' ')
      .trim(),
  );
}

const toRosterPerson = (person: StoredPerson, today: string): RosterPerson => ({
  personId: String(person.id),
  name: { ...(person.rank && { rank: person.rank }), fullName: person.fullName },
  ...(person.position && { position: person.position }),
  unitId: person.unitId,
  ...(person.userId !== null && { userId: person.userId }),
  active: person.leftOn === null || person.leftOn > today,
});

/** A roster id as the year writes it ("17"), or undefined for anything else (a unit's `unit:<id>`). */
const idOf = (personId: string): number | undefined => (/^\d{1,15}$/.test(personId) ? Number(personId) : undefined);

/** The roster as the year reads it, in one unit of work (`db`) at `now`; days are read in `timeZone`. */
export function rosterForYear(db: Db, clock: { readonly now: Date; readonly timeZone: string }): YearRoster {
  const today = localDayOf(clock.now, clock.timeZone);
  return {
    async membersAt(unitId, at) {
      const people = await peopleOfUnitOn(db, unitId, localDayOf(at, clock.timeZone));
      return people.map((person) => toRosterPerson(person, today));
    },
    async personByUser(userId) {
      const person = await findPersonByAccount(db, userId);
      return person && toRosterPerson(person, today);
    },
    async person(personId) {
      const id = idOf(personId);
      const person = id === undefined ? undefined : await findPerson(db, id);
      return person && toRosterPerson(person, today);
    },
    async pastTitles(subjectIds) {
      const ids = subjectIds.flatMap((subjectId) => {
        const id = idOf(subjectId);
        return id === undefined ? [] : [id];
      });
      if (ids.length === 0) return [];
      return (await importedCommendationsOf(db, ids)).map((row): HonourRecord => {
        const title = titleOfSheet(row.title);
        const sheet = {
          ...(row.decisionNumber && { number: row.decisionNumber }),
          ...(row.decisionDate && { date: row.decisionDate }),
          ...(row.issuingLevel && { level: row.issuingLevel }),
        };
        const shown = Object.keys(sheet).length > 0 ? { sheet } : {};
        // A year's title counts toward chains; any other commendation of the sheet is kept as itself and never does.
        return title
          ? { subjectId: String(row.personId), year: row.year, title, basis: 'annual', ...shown }
          : { subjectId: String(row.personId), year: row.year, title: row.title, basis: 'thematic', ...shown };
      });
    },
  };
}
