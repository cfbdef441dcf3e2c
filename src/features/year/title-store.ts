import type { Db } from '../../storage/schema';
import type { TitleId } from './titles';

/** A title held for a year, by decision. */
export interface TitleDecision {
  readonly year: number;
  readonly subjectId: string;
  readonly title: TitleId;
  readonly unitId: number | undefined;
  readonly number: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly signer: string;
}

/** Records the decision's titles; a subject's title of a year recorded again takes the new decision (a correction). */
export async function saveTitles(db: Db, decisions: readonly TitleDecision[], by: number, now: Date): Promise<void> {
  for (const decision of decisions) {
    const values = {
      unit_id: decision.unitId ?? null,
      decision_number: decision.number,
      decision_date: decision.date,
      signer: decision.signer,
      recorded_by: by,
      recorded_at: now.toISOString(),
    };
    await db
      .insertInto('year_titles')
      .values({ year: decision.year, subject_id: decision.subjectId, title: decision.title, ...values })
      .onConflict((oc) => oc.columns(['year', 'subject_id', 'title']).doUpdateSet(values))
      .execute();
  }
}

/** The titles decided for these subjects (or, without subjects, for the year), oldest year first. */
export async function titlesDecided(
  db: Db,
  filter: { readonly subjectIds?: readonly string[]; readonly year?: number },
): Promise<TitleDecision[]> {
  if (filter.subjectIds?.length === 0) return [];
  const rows = await db
    .selectFrom('year_titles')
    .selectAll()
    .$if(filter.subjectIds !== undefined, (query) => query.where('subject_id', 'in', filter.subjectIds!))
    .$if(filter.year !== undefined, (query) => query.where('year', '=', filter.year!))
    .orderBy('year')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    year: Number(row.year),
    subjectId: row.subject_id,
    title: row.title as TitleId,
    unitId: row.unit_id === null ? undefined : Number(row.unit_id),
    number: row.decision_number,
    date: row.decision_date,
    signer: row.signer,
  }));
}
