/**
 * What the year needs of the roster (src/features/roster, built apart): the people of a unit with their official
 * names and linked Telegram accounts, and the titles of earlier years imported from the office's sheet. The lead
 * connects it; tests use a fake.
 */
import type { OfficialName } from '../../files/papers';
import type { HonourRecord } from './chains';

/** A person as the roster knows them. */
export interface RosterPerson {
  /** The roster's id: registrations, flags, titles and chains are kept by it. */
  readonly personId: string;
  /** Rank and full name, as official papers write them ("Thiếu úy" "Hà Văn Hưng"). */
  readonly name: OfficialName;
  /** "Đội trưởng", "Cán bộ"; absent when the roster has none. */
  readonly position?: string;
  /** The unit they belong to now (or last, once they left). */
  readonly unitId: number;
  /** Their linked Telegram account; absent while unlinked (they get no ballot). */
  readonly userId?: number;
  /** False once they left the force or the roster. */
  readonly active: boolean;
}

/** The roster, as the year reads it. */
export interface YearRoster {
  /** The unit's own active members at an instant (not its sub-units'), whether linked or not. */
  membersAt(unitId: number, at: Date): Promise<readonly RosterPerson[]>;
  /** A person by their linked Telegram account. */
  personByUser(userId: number): Promise<RosterPerson | undefined>;
  /** A person by roster id, whether active or not. */
  person(personId: string): Promise<RosterPerson | undefined>;
  /**
   * Titles and commendations of earlier years from the office's "Khen thưởng" sheet, for these subjects (person
   * ids, or `unit:<id>`): `basis` says whether each was a year's title (`annual`) or a thematic or sudden award.
   */
  pastTitles(subjectIds: readonly string[]): Promise<readonly HonourRecord[]>;
}

/** A unit as a subject of titles and flags: `unit:<id>`, apart from any person id. */
export const unitSubject = (unitId: number): string => `unit:${unitId}`;

/** The unit id of a `unit:<id>` subject; undefined for a person. */
export function unitOfSubject(subjectId: string): number | undefined {
  const match = /^unit:(\d+)$/.exec(subjectId);
  return match ? Number(match[1]) : undefined;
}
