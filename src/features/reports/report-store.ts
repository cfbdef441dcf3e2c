import type { DayRange } from '../../kernel/day';
import type { Db } from '../../storage/schema';

/**
 * One standing entry as the export lists it: the entry's own columns only. Who it names (the account's display
 * name and roster person, and who typed it) is read once per account by `namesOf`, not joined into every row:
 * a page of 5,000 entries names a few hundred people, and each row read as an object costs by its columns.
 */
export interface ExportEntry {
  readonly id: number;
  readonly day: string;
  readonly userId: number;
  /** Who typed the /log (a commander logging for an officer), when not the person themself; null otherwise. */
  readonly enteredBy: number | null;
  readonly metricCode: string;
  readonly amount: number;
  readonly note: string | null;
}

/** A person as the roster names them (what official files print). */
export interface RosterName {
  readonly fullName: string;
  readonly rank: string | null;
  readonly position: string | null;
  readonly serviceNumber: string | null;
}

const rosterName = (row: {
  full_name: string | null;
  rank: string | null;
  position: string | null;
  service_number: string | null;
}): RosterName | null =>
  row.full_name === null
    ? null
    : { fullName: row.full_name, rank: row.rank, position: row.position, serviceNumber: row.service_number };

/** An account as the export names it: the display name Telegram gives it, and its roster person if linked. */
export interface AccountName {
  readonly memberName: string;
  readonly person: RosterName | null;
}

/** A display name as Telegram gives it: first name, then last name if any. */
const fullName = (first: string, last: string | null) => (last ? `${first} ${last}` : first);

/** Where a page of entries ended: the next page starts after it. */
export interface EntryCursor {
  readonly day: string;
  readonly id: number;
}

/**
 * One page of a unit's standing entries over the days, by day then id, after the cursor: a keyset read along the
 * (unit_id, day) index, so a year's export never holds more than a page in memory and never rescans what it read.
 */
export async function pageEntries(
  db: Db,
  query: { unitId: number; range: DayRange; after: EntryCursor | undefined; limit: number },
): Promise<ExportEntry[]> {
  let select = db
    .selectFrom('tally_entries as e')
    .select(['e.id', 'e.day', 'e.user_id', 'e.entered_by', 'e.metric_code', 'e.amount', 'e.note'])
    .where('e.unit_id', '=', query.unitId)
    .where('e.day', '<=', query.range.to)
    .where('e.undone_at', 'is', null);
  const after = query.after;
  select = after
    ? select.where((eb) =>
        eb.or([eb('e.day', '>', after.day), eb.and([eb('e.day', '=', after.day), eb('e.id', '>', after.id)])]),
      )
    : select.where('e.day', '>=', query.range.from);
  const rows = await select.orderBy('e.day').orderBy('e.id').limit(query.limit).execute();
  return rows.map((row) => {
    const userId = Number(row.user_id);
    const enteredBy = row.entered_by === null ? null : Number(row.entered_by);
    return {
      id: Number(row.id),
      day: row.day,
      userId,
      enteredBy: enteredBy === userId ? null : enteredBy,
      metricCode: row.metric_code,
      amount: Number(row.amount),
      note: row.note,
    };
  });
}

/** Accounts named per query: well under every dialect's limit of bound parameters. */
const NAMES_PER_QUERY = 500;

/**
 * The accounts' display names and roster people, read now (so the file names people as the roster does when it is
 * made); an id with no member row is left out.
 */
export async function namesOf(db: Db, userIds: readonly number[]): Promise<Map<number, AccountName>> {
  const names = new Map<number, AccountName>();
  for (let start = 0; start < userIds.length; start += NAMES_PER_QUERY) {
    const rows = await db
      .selectFrom('members as m')
      .leftJoin('people as p', 'p.user_id', 'm.user_id')
      .select(['m.user_id', 'm.first_name', 'm.last_name', 'p.full_name', 'p.rank', 'p.position', 'p.service_number'])
      .where('m.user_id', 'in', userIds.slice(start, start + NAMES_PER_QUERY))
      .execute();
    for (const row of rows)
      names.set(Number(row.user_id), {
        memberName: fullName(row.first_name, row.last_name),
        person: rosterName(row),
      });
  }
  return names;
}

/** A nomination as an emulation office imports it. */
export interface ExportNomination {
  readonly id: number;
  /** The nominee's display name. */
  readonly nominee: string;
  /** The nominee as the roster names them, read now; null for an account not linked. */
  readonly nomineePerson: RosterName | null;
  /** The nominator's roster name (full name), when linked. */
  readonly nominatorOfficial: string | null;
  readonly unitId: number;
  readonly status: string;
  readonly level: string | null;
  readonly reason: string;
  readonly nominator: string;
  readonly day: string;
  /** When the standing decision was taken, if any. */
  readonly decidedAt: string | null;
  /** The official decision recorded for the commendation (the latest record stands), if any. */
  readonly decision: { readonly number: string; readonly date: string; readonly signer: string } | null;
}

/** The nominations of the units proposed over the days, every status, oldest first, with the standing decision's date. */
export async function nominationsForExport(
  db: Db,
  filter: { unitIds: readonly number[]; range: DayRange },
): Promise<ExportNomination[]> {
  if (filter.unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('nominations as n')
    .innerJoin('members as nominee', 'nominee.user_id', 'n.nominee_id')
    .innerJoin('members as nominator', 'nominator.user_id', 'n.nominator_id')
    .leftJoin('people as p', 'p.user_id', 'n.nominee_id')
    .leftJoin('people as np', 'np.user_id', 'n.nominator_id')
    .select((eb) => [
      'p.full_name',
      'p.rank',
      'p.position',
      'p.service_number',
      'np.full_name as nominator_official',
      'n.id',
      'n.unit_id',
      'n.status',
      'n.level',
      'n.reason',
      'n.day',
      'nominee.first_name as nominee_first',
      'nominee.last_name as nominee_last',
      'nominator.first_name as nominator_first',
      'nominator.last_name as nominator_last',
      eb
        .selectFrom('nomination_decisions as d')
        .select((inner) => inner.fn.max('d.decided_at').as('at'))
        .whereRef('d.nomination_id', '=', 'n.id')
        .as('decided_at'),
      eb
        .selectFrom('commendation_decisions as c')
        .select('c.id')
        .whereRef('c.nomination_id', '=', 'n.id')
        .orderBy('c.id', 'desc')
        .limit(1)
        .as('record_id'),
    ])
    .where('n.unit_id', 'in', filter.unitIds)
    .where('n.day', '>=', filter.range.from)
    .where('n.day', '<=', filter.range.to)
    .orderBy('n.day')
    .orderBy('n.id')
    .execute();
  const recordIds = rows.flatMap((row) => (row.record_id === null ? [] : [Number(row.record_id)]));
  const records = new Map(
    recordIds.length === 0
      ? []
      : (
          await db
            .selectFrom('commendation_decisions')
            .select(['id', 'decision_number', 'decision_date', 'signer'])
            .where('id', 'in', recordIds)
            .execute()
        ).map((record) => [
          Number(record.id),
          { number: record.decision_number, date: record.decision_date, signer: record.signer },
        ]),
  );
  return rows.map((row) => ({
    id: Number(row.id),
    nominee: fullName(row.nominee_first, row.nominee_last),
    nomineePerson: rosterName(row),
    nominatorOfficial: row.nominator_official,
    unitId: row.unit_id,
    status: row.status,
    level: row.level,
    reason: row.reason,
    nominator: fullName(row.nominator_first, row.nominator_last),
    day: row.day,
    decidedAt: (row.decided_at as string | null) ?? null,
    decision: row.record_id === null ? null : (records.get(Number(row.record_id)) ?? null),
  }));
}
