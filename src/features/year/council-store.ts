import type { Db } from '../../storage/schema';

/** The council's current members, by roster person id, in the order they were named. */
export async function councilMemberIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('year_council_members')
    .select('person_id')
    .where('removed_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.person_id);
}

/** Names a member; false when they already are one. */
export async function addCouncilMember(db: Db, personId: string, by: number, now: Date): Promise<boolean> {
  const current = await db
    .selectFrom('year_council_members')
    .select('id')
    .where('person_id', '=', personId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (current) return false;
  await db
    .insertInto('year_council_members')
    .values({ person_id: personId, added_by: by, added_at: now.toISOString() })
    .execute();
  return true;
}

/** Takes a member off the council (the row stays, for the record); false when they were not one. */
export async function removeCouncilMember(db: Db, personId: string, by: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('year_council_members')
    .set({ removed_by: by, removed_at: now.toISOString() })
    .where('person_id', '=', personId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Every naming to the council, past ones included: who, from when, until when. */
export async function councilMemberships(
  db: Db,
): Promise<{ readonly personId: string; readonly addedAt: string; readonly removedAt: string | null }[]> {
  const rows = await db
    .selectFrom('year_council_members')
    .select(['person_id', 'added_at', 'removed_at'])
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ personId: row.person_id, addedAt: row.added_at, removedAt: row.removed_at }));
}
