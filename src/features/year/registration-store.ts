import type { Db } from '../../storage/schema';
import type { FlagKind } from './rules';
import type { TitleId } from './titles';

/** One subject's title for a year. */
export interface Registration {
  readonly year: number;
  readonly subjectId: string;
  readonly unitId: number;
  readonly title: TitleId;
  readonly registeredBy: number;
  readonly registeredAt: string;
}

const toRegistration = (row: {
  year: number;
  subject_id: string;
  unit_id: number;
  title: string;
  registered_by: number;
  registered_at: string;
}): Registration => ({
  year: Number(row.year),
  subjectId: row.subject_id,
  unitId: Number(row.unit_id),
  title: row.title as TitleId,
  registeredBy: Number(row.registered_by),
  registeredAt: row.registered_at,
});

/** A subject's registration for a year, if any. */
export async function findRegistration(db: Db, year: number, subjectId: string): Promise<Registration | undefined> {
  const row = await db
    .selectFrom('year_registrations')
    .selectAll()
    .where('year', '=', year)
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  return row && toRegistration(row);
}

/** Registers a subject for the year's title, replacing an earlier one (and its time, the quota's tie-break). */
export async function saveRegistration(
  db: Db,
  registration: Omit<Registration, 'registeredAt'>,
  now: Date,
): Promise<void> {
  const values = {
    unit_id: registration.unitId,
    title: registration.title,
    registered_by: registration.registeredBy,
    registered_at: now.toISOString(),
  };
  await db
    .insertInto('year_registrations')
    .values({ year: registration.year, subject_id: registration.subjectId, ...values })
    .onConflict((oc) => oc.columns(['year', 'subject_id']).doUpdateSet(values))
    .execute();
}

/** The year's registrations of these subjects, or of the units, oldest first. */
export async function registrationsOf(
  db: Db,
  filter: { readonly year: number; readonly subjectIds?: readonly string[]; readonly unitIds?: readonly number[] },
): Promise<Registration[]> {
  if (filter.subjectIds?.length === 0 || filter.unitIds?.length === 0) return [];
  const rows = await db
    .selectFrom('year_registrations')
    .selectAll()
    .where('year', '=', filter.year)
    .$if(filter.subjectIds !== undefined, (query) => query.where('subject_id', 'in', filter.subjectIds!))
    .$if(filter.unitIds !== undefined, (query) => query.where('unit_id', 'in', filter.unitIds!))
    .orderBy('registered_at')
    .orderBy('subject_id')
    .execute();
  return rows.map(toRegistration);
}

/** A pending matter recorded against a subject. */
export interface Flag {
  readonly id: number;
  readonly subjectId: string;
  readonly unitId: number;
  readonly kind: FlagKind;
  readonly reason: string;
  readonly flaggedBy: number;
  readonly flaggedAt: string;
}

/** Records a flag; returns its id. */
export async function insertFlag(db: Db, flag: Omit<Flag, 'id' | 'flaggedAt'>, now: Date): Promise<number> {
  const row = await db
    .insertInto('year_flags')
    .values({
      subject_id: flag.subjectId,
      unit_id: flag.unitId,
      kind: flag.kind,
      reason: flag.reason,
      flagged_by: flag.flaggedBy,
      flagged_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

const toFlag = (row: {
  id: number;
  subject_id: string;
  unit_id: number;
  kind: string;
  reason: string;
  flagged_by: number;
  flagged_at: string;
}): Flag => ({
  id: Number(row.id),
  subjectId: row.subject_id,
  unitId: Number(row.unit_id),
  kind: row.kind as FlagKind,
  reason: row.reason,
  flaggedBy: Number(row.flagged_by),
  flaggedAt: row.flagged_at,
});

const pending = (db: Db) =>
  db
    .selectFrom('year_flags')
    .select(['id', 'subject_id', 'unit_id', 'kind', 'reason', 'flagged_by', 'flagged_at'])
    .where('cleared_at', 'is', null);

/** A flag still pending. */
export async function findPendingFlag(db: Db, id: number): Promise<Flag | undefined> {
  const row = await pending(db).where('id', '=', id).executeTakeFirst();
  return row && toFlag(row);
}

/** Clears a pending flag; false when it was not pending. */
export async function clearFlag(db: Db, id: number, by: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('year_flags')
    .set({ cleared_by: by, cleared_at: now.toISOString() })
    .where('id', '=', id)
    .where('cleared_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The pending flags of these subjects, or of the units, oldest first. */
export async function pendingFlags(
  db: Db,
  filter: { readonly subjectIds?: readonly string[]; readonly unitIds?: readonly number[] },
): Promise<Flag[]> {
  if (filter.subjectIds?.length === 0 || filter.unitIds?.length === 0) return [];
  const rows = await pending(db)
    .$if(filter.subjectIds !== undefined, (query) => query.where('subject_id', 'in', filter.subjectIds!))
    .$if(filter.unitIds !== undefined, (query) => query.where('unit_id', 'in', filter.unitIds!))
    .orderBy('id')
    .execute();
  return rows.map(toFlag);
}
