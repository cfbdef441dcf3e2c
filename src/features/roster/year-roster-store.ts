/**
 * What the year's roster adapter (year-roster.ts) reads of the roster's tables: a unit's people on a day by their
 * unit history, and the imported "Khen thưởng" rows of some people. Read only.
 */
import type { IsoDay } from '../../kernel/day';
import type { Db } from '../../storage/schema';
import type { StoredCommendation, StoredPerson } from './import-plan';
import { toStoredPerson } from './roster-store';

/** Ids per `in (…)` list: well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

/**
 * The people in the unit on `day` (its own, not its sub-units'), who had not left by then: by their unit history
 * (from_day inclusive, to_day exclusive), or by their current unit for a person with no history row.
 */
export async function peopleOfUnitOn(db: Db, unitId: number, day: IsoDay): Promise<StoredPerson[]> {
  const rows = await db
    .selectFrom('people')
    .selectAll('people')
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('person_units')
            .select('person_units.id')
            .whereRef('person_units.person_id', '=', 'people.id')
            .where('person_units.unit_id', '=', unitId)
            .where('person_units.from_day', '<=', day)
            .where((w) => w.or([w('person_units.to_day', 'is', null), w('person_units.to_day', '>', day)])),
        ),
        eb.and([
          eb('people.unit_id', '=', unitId),
          eb.not(
            eb.exists(
              eb
                .selectFrom('person_units')
                .select('person_units.id')
                .whereRef('person_units.person_id', '=', 'people.id'),
            ),
          ),
        ]),
      ]),
    )
    .where((eb) => eb.or([eb('people.left_on', 'is', null), eb('people.left_on', '>', day)]))
    .orderBy('people.id')
    .execute();
  return rows.map(toStoredPerson);
}

/** The imported commendations and titles of these people, by year then id. */
export async function importedCommendationsOf(db: Db, personIds: readonly number[]): Promise<StoredCommendation[]> {
  const found: StoredCommendation[] = [];
  const ids = [...new Set(personIds)];
  for (let at = 0; at < ids.length; at += CHUNK) {
    const rows = await db
      .selectFrom('past_commendations')
      .selectAll()
      .where('person_id', 'in', ids.slice(at, at + CHUNK))
      .orderBy('year')
      .orderBy('id')
      .execute();
    for (const row of rows)
      found.push({
        id: row.id,
        personId: row.person_id,
        year: Number(row.year),
        title: row.title,
        titleKey: row.title_key,
        decisionNumber: row.decision_number,
        decisionKey: row.decision_key,
        decisionDate: row.decision_date,
        issuingLevel: row.issuing_level,
      });
  }
  return found;
}
