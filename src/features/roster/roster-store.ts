/**
 * The roster's tables (migration 0016): people, their units over time, links to accounts and their audit, link
 * requests, past commendations, and import dry runs. The one place that maps their snake_case columns.
 */
import type { IsoDay } from '../../kernel/day';
import type { Db, PersonRow } from '../../storage/schema';
import { inTransaction } from '../../storage/unit-of-work';
import type {
  NewPerson,
  PersonFields,
  PersonRef,
  RosterPlan,
  RosterSnapshot,
  StoredPerson,
  UnitRef,
} from './import-plan';
import type { ParsedRoster } from './import-sheets';
import { officialName } from './official-name';

/** Rows per multi-row insert and ids per `in (…)` list: well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}

export const toStoredPerson = (row: PersonRow): StoredPerson => ({
  id: row.id,
  fullName: row.full_name,
  nameKey: row.name_key,
  rank: row.rank,
  position: row.position,
  unitId: row.unit_id,
  serviceNumber: row.service_number,
  role: row.role === 'commander' ? 'commander' : 'officer',
  userId: row.user_id,
  pendingUserId: row.pending_user_id,
  pendingUsername: row.pending_username,
  leftOn: row.left_on,
});

/** The roster as stored, with the accounts among `accounts` the bot has seen: what an import is planned against. */
export async function loadRosterSnapshot(
  db: Db,
  accounts: { readonly userIds: readonly number[]; readonly usernames: readonly string[] },
): Promise<RosterSnapshot> {
  const units = await db.selectFrom('units').select(['id', 'code', 'name', 'parent_id']).orderBy('id').execute();
  const people = await db.selectFrom('people').selectAll().orderBy('id').execute();
  const commanders = await db
    .selectFrom('roles')
    .select(['user_id', 'unit_id'])
    .where('role', '=', 'commander')
    .where('unit_id', 'is not', null)
    .execute();
  const commendations = await db.selectFrom('past_commendations').selectAll().orderBy('id').execute();
  const seenUserIds = new Set<number>();
  for (const ids of chunks([...new Set(accounts.userIds)])) {
    const rows = await db.selectFrom('members').select('user_id').where('user_id', 'in', ids).execute();
    for (const row of rows) seenUserIds.add(row.user_id);
  }
  const seenUsernames = new Map<string, number>();
  for (const names of chunks([...new Set(accounts.usernames)])) {
    const rows = await db
      .selectFrom('members')
      .select(['user_id', 'username'])
      .where((eb) => eb(eb.fn('lower', ['username']), 'in', names))
      .orderBy('last_seen_at')
      .execute();
    // The latest holder of a username wins: Telegram lets a name pass from one account to another.
    for (const row of rows) if (row.username) seenUsernames.set(row.username.toLowerCase(), row.user_id);
  }
  return {
    units: units.map((unit) => ({ id: unit.id, code: unit.code, name: unit.name, parentId: unit.parent_id })),
    people: people.map(toStoredPerson),
    commanders: commanders.map((row) => ({ userId: row.user_id, unitId: row.unit_id! })),
    commendations: commendations.map((row) => ({
      id: row.id,
      personId: row.person_id,
      year: Number(row.year),
      title: row.title,
      titleKey: row.title_key,
      decisionNumber: row.decision_number,
      decisionKey: row.decision_key,
      decisionDate: row.decision_date,
      issuingLevel: row.issuing_level,
    })),
    seenUserIds,
    seenUsernames,
  };
}

/** The accounts a parsed file names: what loadRosterSnapshot looks up among the members. */
export function accountsNamed(parsed: ParsedRoster): { userIds: number[]; usernames: string[] } {
  const userIds: number[] = [];
  const usernames: string[] = [];
  for (const line of parsed.people ?? []) {
    if (!line.telegram) continue;
    if ('userId' in line.telegram) userIds.push(line.telegram.userId);
    else usernames.push(line.telegram.username);
  }
  return { userIds, usernames };
}

/** Who applies, when, and whether the people missing from the file leave. */
export interface ApplyOptions {
  readonly by: number;
  readonly now: Date;
  readonly day: IsoDay;
  readonly markMissingLeft: boolean;
}

const personColumns = (fields: Partial<PersonFields>) => ({
  ...(fields.fullName !== undefined && { full_name: fields.fullName }),
  ...(fields.nameKey !== undefined && { name_key: fields.nameKey }),
  ...(fields.rank !== undefined && { rank: fields.rank }),
  ...(fields.position !== undefined && { position: fields.position }),
  ...(fields.serviceNumber !== undefined && { service_number: fields.serviceNumber }),
  ...(fields.role !== undefined && { role: fields.role }),
  ...(fields.pendingUserId !== undefined && { pending_user_id: fields.pendingUserId }),
  ...(fields.pendingUsername !== undefined && { pending_username: fields.pendingUsername }),
  ...(fields.leftOn !== undefined && { left_on: fields.leftOn }),
});

/**
 * Writes a plan, all of it or nothing (one transaction: the caller's when it has one). The plan must have been
 * computed against the roster this transaction sees (importRoster checks its fingerprint first).
 */
export async function applyRosterPlan(db: Db, plan: RosterPlan, options: ApplyOptions): Promise<void> {
  const at = options.now.toISOString();
  await inTransaction(db, async (trx) => {
    const newUnitIds = await createUnits(trx, plan.units.created, at);
    const unitId = (ref: UnitRef) => ('id' in ref ? ref.id : newUnitIds.get(ref.code)!);
    for (const unit of plan.units.renamed)
      await trx.updateTable('units').set({ name: unit.name }).where('id', '=', unit.id).execute();
    for (const unit of plan.units.moved) {
      const parent = unit.parent === null ? null : unitId(unit.parent);
      await trx.updateTable('units').set({ parent_id: parent }).where('id', '=', unit.id).execute();
    }

    const newPersonIds = await createPeople(trx, plan.people.created, unitId, at);
    const personId = (ref: PersonRef) => ('id' in ref ? ref.id : newPersonIds.get(`${ref.sheet}\n${ref.row}`)!);
    await trx
      .insertInto('person_units')
      .columns(['person_id', 'unit_id', 'from_day', 'recorded_by', 'recorded_at'])
      .expression((eb) =>
        eb
          .selectFrom('people')
          .select((s) => [
            'people.id',
            'people.unit_id',
            s.val(options.day).as('from_day'),
            s.cast<number>(s.val(options.by), 'bigint').as('recorded_by'),
            s.val(at).as('recorded_at'),
          ])
          .where((w) =>
            w.not(
              w.exists(
                w
                  .selectFrom('person_units')
                  .select('person_units.id')
                  .whereRef('person_units.person_id', '=', 'people.id'),
              ),
            ),
          ),
      )
      .execute();

    for (const change of plan.people.changed) {
      await trx
        .updateTable('people')
        .set({ ...personColumns(change.set), updated_at: at })
        .where('id', '=', change.personId)
        .execute();
    }
    for (const transfer of plan.people.transferred)
      await recordTransfer(trx, transfer.personId, unitId(transfer.to), options);
    for (const link of plan.links) {
      await linkStored(
        trx,
        { personId: personId(link.person), userId: link.userId, via: 'import', by: options.by },
        options.now,
      );
    }
    for (const role of plan.roles.revoked) {
      await trx
        .deleteFrom('roles')
        .where('user_id', '=', role.userId)
        .where('role', '=', 'commander')
        .where('unit_id', '=', role.unitId)
        .execute();
    }
    for (const role of plan.roles.granted) {
      await trx
        .insertInto('roles')
        .values({
          user_id: role.userId,
          role: 'commander',
          unit_id: unitId(role.unit),
          granted_by: options.by,
          granted_at: at,
        })
        .execute();
    }
    for (const batch of chunks(plan.commendations.created)) {
      await trx
        .insertInto('past_commendations')
        .values(
          batch.map((row) => ({
            person_id: personId(row.person),
            year: row.year,
            title: row.title,
            title_key: row.titleKey,
            decision_number: row.decisionNumber,
            decision_key: row.decisionKey,
            decision_date: row.decisionDate,
            issuing_level: row.issuingLevel,
            imported_by: options.by,
            imported_at: at,
          })),
        )
        .execute();
    }
    for (const row of plan.commendations.changed) {
      await trx
        .updateTable('past_commendations')
        .set({
          title: row.title,
          decision_number: row.decisionNumber,
          decision_date: row.decisionDate,
          issuing_level: row.issuingLevel,
        })
        .where('id', '=', row.id)
        .execute();
    }
    if (options.markMissingLeft) {
      for (const ids of chunks(plan.people.missing.map((person) => person.personId))) {
        await trx
          .updateTable('people')
          .set({ left_on: options.day, updated_at: at })
          .where('id', 'in', ids)
          .where('left_on', 'is', null)
          .execute();
      }
    }
  });
}

/** Inserts new units parents first (a parent may come later in the sheet); their ids by code. */
async function createUnits(db: Db, units: RosterPlan['units']['created'], at: string): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  let waiting = [...units];
  while (waiting.length > 0) {
    const ready = waiting.filter((unit) => unit.parent === null || 'id' in unit.parent || ids.has(unit.parent.code));
    // The plan refused cycles; a unit whose parent never comes would loop forever, so stop loudly.
    if (ready.length === 0)
      throw new Error(`units without a parent to create: ${waiting.map((unit) => unit.code).join(', ')}`);
    for (const batch of chunks(ready)) {
      const rows = await db
        .insertInto('units')
        .values(
          batch.map((unit) => ({
            code: unit.code,
            name: unit.name,
            parent_id: unit.parent === null ? null : 'id' in unit.parent ? unit.parent.id : ids.get(unit.parent.code)!,
            created_at: at,
          })),
        )
        .returning(['id', 'code'])
        .execute();
      for (const row of rows) ids.set(row.code, row.id);
    }
    waiting = waiting.filter((unit) => !ids.has(unit.code));
  }
  return ids;
}

/**
 * Inserts new people; their ids by "sheet\nrow", matched back by what is unique among them (the service number,
 * else unit and folded name: the parse refuses a second such line), never by the order rows come back in.
 */
async function createPeople(
  db: Db,
  people: readonly NewPerson[],
  unitId: (ref: UnitRef) => number,
  at: string,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const keyOf = (serviceNumber: string | null, unit: number, nameKey: string) => serviceNumber ?? `${unit}\n${nameKey}`;
  for (const batch of chunks(people)) {
    const refs = new Map(
      batch.map((person) => [
        keyOf(person.serviceNumber, unitId(person.unit), person.nameKey),
        `${person.sheet}\n${person.row}`,
      ]),
    );
    const rows = await db
      .insertInto('people')
      .values(
        batch.map((person) => ({
          full_name: person.fullName,
          name_key: person.nameKey,
          rank: person.rank,
          position: person.position,
          unit_id: unitId(person.unit),
          service_number: person.serviceNumber,
          role: person.role,
          user_id: null,
          pending_user_id: person.pendingUserId,
          pending_username: person.pendingUsername,
          left_on: person.leftOn,
          created_at: at,
          updated_at: at,
        })),
      )
      .returning(['id', 'service_number', 'unit_id', 'name_key'])
      .execute();
    for (const row of rows) ids.set(refs.get(keyOf(row.service_number, row.unit_id, row.name_key))!, row.id);
  }
  return ids;
}

/** Moves a person to a unit from `day`: closes their open history row and opens one. */
async function recordTransfer(db: Db, personId: number, unitId: number, options: ApplyOptions): Promise<void> {
  const at = options.now.toISOString();
  await db
    .updateTable('person_units')
    .set({ to_day: options.day })
    .where('person_id', '=', personId)
    .where('to_day', 'is', null)
    .execute();
  await db
    .insertInto('person_units')
    .values({ person_id: personId, unit_id: unitId, from_day: options.day, recorded_by: options.by, recorded_at: at })
    .execute();
  await db.updateTable('people').set({ unit_id: unitId, updated_at: at }).where('id', '=', personId).execute();
}

/** How a link or unlink came about, as the audit records it. */
export type LinkVia = 'import' | 'sight' | 'link' | 'request' | 'unlink';

/** Links the account to the person (pending account and username cleared) and records it in the audit. */
export async function linkStored(
  db: Db,
  link: { readonly personId: number; readonly userId: number; readonly via: LinkVia; readonly by: number | null },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .updateTable('people')
    .set({ user_id: link.userId, pending_user_id: null, pending_username: null, updated_at: at })
    .where('id', '=', link.personId)
    .execute();
  await db
    .insertInto('person_link_events')
    .values({ person_id: link.personId, user_id: link.userId, event: 'linked', via: link.via, by_user_id: link.by, at })
    .execute();
}

/** Takes the account off the person and records it in the audit. */
export async function unlinkStored(
  db: Db,
  unlink: { readonly personId: number; readonly userId: number; readonly via: LinkVia; readonly by: number | null },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db.updateTable('people').set({ user_id: null, updated_at: at }).where('id', '=', unlink.personId).execute();
  await db
    .insertInto('person_link_events')
    .values({
      person_id: unlink.personId,
      user_id: unlink.userId,
      event: 'unlinked',
      via: unlink.via,
      by_user_id: unlink.by,
      at,
    })
    .execute();
}

export async function findPerson(db: Db, personId: number): Promise<StoredPerson | undefined> {
  const row = await db.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirst();
  return row && toStoredPerson(row);
}

export async function findPersonByAccount(db: Db, userId: number): Promise<StoredPerson | undefined> {
  const row = await db.selectFrom('people').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row && toStoredPerson(row);
}

export async function findPersonByServiceNumber(db: Db, serviceNumber: string): Promise<StoredPerson | undefined> {
  const row = await db.selectFrom('people').selectAll().where('service_number', '=', serviceNumber).executeTakeFirst();
  return row && toStoredPerson(row);
}

/** People named so (folded), in the given units when given; active ones only. */
export async function findPeopleByName(db: Db, nameKey: string, unitIds?: readonly number[]): Promise<StoredPerson[]> {
  let query = db.selectFrom('people').selectAll().where('name_key', '=', nameKey).where('left_on', 'is', null);
  if (unitIds) query = query.where('unit_id', 'in', unitIds.length > 0 ? [...unitIds] : [-1]);
  return (await query.orderBy('id').limit(20).execute()).map(toStoredPerson);
}

/** The person waiting for this account, by its id or its username (lower case), not linked yet. */
export async function findPendingFor(
  db: Db,
  userId: number,
  username: string | null,
): Promise<StoredPerson | undefined> {
  const row = await db
    .selectFrom('people')
    .selectAll()
    .where('user_id', 'is', null)
    .where((eb) =>
      username === null
        ? eb('pending_user_id', '=', userId)
        : eb.or([eb('pending_user_id', '=', userId), eb('pending_username', '=', username.toLowerCase())]),
    )
    // An id names the account surely; a username may have passed on: the id first, then the oldest row.
    .orderBy((eb) => eb.case().when('pending_user_id', '=', userId).then(0).else(1).end())
    .orderBy('id')
    .executeTakeFirst();
  return row && toStoredPerson(row);
}

/** Makes the account a commander of the unit unless it already is. */
export async function grantCommander(
  db: Db,
  userId: number,
  unitId: number,
  by: number | null,
  now: Date,
): Promise<boolean> {
  const held = await db
    .selectFrom('roles')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', 'commander')
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  if (held) return false;
  await db
    .insertInto('roles')
    .values({ user_id: userId, role: 'commander', unit_id: unitId, granted_by: by, granted_at: now.toISOString() })
    .execute();
  return true;
}

/** Takes the account's commander role of the unit away; whether it had one. */
export async function revokeCommander(db: Db, userId: number, unitId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('roles')
    .where('user_id', '=', userId)
    .where('role', '=', 'commander')
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface LinkRequest {
  readonly id: number;
  readonly personId: number;
  readonly userId: number;
  readonly status: 'pending' | 'confirmed' | 'refused' | 'withdrawn';
}

const toRequest = (row: { id: number; person_id: number; user_id: number; status: string }): LinkRequest => ({
  id: row.id,
  personId: row.person_id,
  userId: row.user_id,
  status: row.status as LinkRequest['status'],
});

/** Files an /iam request; an earlier pending one of the same account is withdrawn. */
export async function createLinkRequest(db: Db, personId: number, userId: number, now: Date): Promise<LinkRequest> {
  const at = now.toISOString();
  await db
    .updateTable('person_link_requests')
    .set({ status: 'withdrawn', decided_at: at })
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .execute();
  const row = await db
    .insertInto('person_link_requests')
    .values({ person_id: personId, user_id: userId, status: 'pending', created_at: at })
    .returning(['id', 'person_id', 'user_id', 'status'])
    .executeTakeFirstOrThrow();
  return toRequest(row);
}

/** Whether the account already asks for this person. */
export async function hasPendingRequest(db: Db, userId: number, personId: number): Promise<boolean> {
  const row = await db
    .selectFrom('person_link_requests')
    .select('id')
    .where('user_id', '=', userId)
    .where('person_id', '=', personId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row !== undefined;
}

/** The commanders of the units, in the order the units are given (nearest first), each once. */
export async function commandersOf(db: Db, unitIds: readonly number[]): Promise<number[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('roles')
    .select(['user_id', 'unit_id'])
    .where('role', '=', 'commander')
    .where('unit_id', 'in', [...unitIds])
    .orderBy('id')
    .execute();
  const rank = (unitId: number | null) => unitIds.indexOf(unitId ?? -1);
  return [...new Set([...rows].sort((a, b) => rank(a.unit_id) - rank(b.unit_id)).map((row) => row.user_id))];
}

export async function findLinkRequest(db: Db, requestId: number): Promise<LinkRequest | undefined> {
  const row = await db
    .selectFrom('person_link_requests')
    .select(['id', 'person_id', 'user_id', 'status'])
    .where('id', '=', requestId)
    .executeTakeFirst();
  return row && toRequest(row);
}

/** Settles a pending request; false when it was no longer pending (decided meanwhile). */
export async function decideLinkRequest(
  db: Db,
  requestId: number,
  status: 'confirmed' | 'refused',
  by: number,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('person_link_requests')
    .set({ status, decided_by: by, decided_at: now.toISOString() })
    .where('id', '=', requestId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The link audit of a person, oldest first. */
export async function linkEvents(db: Db, personId: number) {
  const rows = await db
    .selectFrom('person_link_events')
    .select(['user_id', 'event', 'via', 'by_user_id', 'at'])
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ userId: row.user_id, event: row.event, via: row.via, by: row.by_user_id, at: row.at }));
}

/** A dry run kept for its apply. */
export interface StoredImport {
  readonly id: number;
  readonly adminId: number;
  readonly fileName: string;
  readonly status: 'pending' | 'applied' | 'cancelled' | 'expired';
  readonly parsed: ParsedRoster | null;
  readonly fingerprint: string;
  readonly expiresAt: string;
}

export async function saveImport(
  db: Db,
  entry: { adminId: number; fileName: string; parsed: ParsedRoster; fingerprint: string; expiresAt: Date },
  now: Date,
): Promise<number> {
  const row = await db
    .insertInto('roster_imports')
    .values({
      admin_id: entry.adminId,
      file_name: entry.fileName,
      status: 'pending',
      rows: JSON.stringify(entry.parsed),
      fingerprint: entry.fingerprint,
      created_at: now.toISOString(),
      expires_at: entry.expiresAt.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findImport(db: Db, importId: number): Promise<StoredImport | undefined> {
  const row = await db.selectFrom('roster_imports').selectAll().where('id', '=', importId).executeTakeFirst();
  return (
    row && {
      id: row.id,
      adminId: row.admin_id,
      fileName: row.file_name,
      status: row.status as StoredImport['status'],
      parsed: row.rows === null ? null : (JSON.parse(row.rows) as ParsedRoster),
      fingerprint: row.fingerprint,
      expiresAt: row.expires_at,
    }
  );
}

/** A stale dry run shown again: the apply now expects this plan. */
export async function updateImportFingerprint(db: Db, importId: number, fingerprint: string): Promise<void> {
  await db.updateTable('roster_imports').set({ fingerprint }).where('id', '=', importId).execute();
}

/** Ends a pending import (applied or cancelled) and drops its rows; false when it was not pending any more. */
export async function finishImport(
  db: Db,
  importId: number,
  status: 'applied' | 'cancelled',
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('roster_imports')
    .set({ status, rows: null, finished_at: now.toISOString() })
    .where('id', '=', importId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Drops the rows of every dry run past its window (privacy: the file's contents are not kept); how many. */
export async function purgeExpiredImports(db: Db, now: Date): Promise<number> {
  const result = await db
    .updateTable('roster_imports')
    .set({ status: 'expired', rows: null, finished_at: now.toISOString() })
    .where('status', '=', 'pending')
    .where('expires_at', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The active people of the units, by unit then name. */
export async function activePeopleOf(db: Db, unitIds: readonly number[]): Promise<StoredPerson[]> {
  const people: StoredPerson[] = [];
  for (const ids of chunks(unitIds)) {
    const rows = await db
      .selectFrom('people')
      .selectAll()
      .where('unit_id', 'in', ids)
      .where('left_on', 'is', null)
      .execute();
    people.push(...rows.map(toStoredPerson));
  }
  return people.sort((a, b) => a.unitId - b.unitId || a.nameKey.localeCompare(b.nameKey) || a.id - b.id);
}

/** Each account's latest day with a standing entry (undone ones left out); accounts without one are absent. */
export async function lastEntryDays(db: Db, userIds: readonly number[]): Promise<Map<number, IsoDay>> {
  const days = new Map<number, IsoDay>();
  for (const ids of chunks([...new Set(userIds)])) {
    const rows = await db
      .selectFrom('tally_entries')
      .select((eb) => ['user_id', eb.fn.max('day').as('last')])
      .where('user_id', 'in', ids)
      .where('undone_at', 'is', null)
      .groupBy('user_id')
      .execute();
    for (const row of rows) days.set(row.user_id, row.last as IsoDay);
  }
  return days;
}

/** A linked account's person, as official outputs name them. */
export interface OfficialPerson {
  readonly personId: number;
  readonly fullName: string;
  readonly rank: string | null;
  readonly position: string | null;
  readonly serviceNumber: string | null;
  readonly unitId: number;
  readonly unitCode: string;
  readonly unitName: string;
  /** "Thiếu úy Hà Văn Hưng". */
  readonly officialName: string;
  /** Null while active. */
  readonly leftOn: IsoDay | null;
}

/**
 * For each of the accounts linked to a person, that person as official outputs name them; unlinked accounts are
 * absent (their display name stands, marked unmatched).
 */
export async function officialPeopleOf(db: Db, userIds: readonly number[]): Promise<Map<number, OfficialPerson>> {
  const found = new Map<number, OfficialPerson>();
  for (const ids of chunks([...new Set(userIds)])) {
    const rows = await db
      .selectFrom('people')
      .innerJoin('units', 'units.id', 'people.unit_id')
      .select([
        'people.id',
        'people.user_id',
        'people.full_name',
        'people.rank',
        'people.position',
        'people.service_number',
        'people.unit_id',
        'people.left_on',
        'units.code',
        'units.name',
      ])
      .where('people.user_id', 'in', ids)
      .execute();
    for (const row of rows) {
      found.set(row.user_id!, {
        personId: row.id,
        fullName: row.full_name,
        rank: row.rank,
        position: row.position,
        serviceNumber: row.service_number,
        unitId: row.unit_id,
        unitCode: row.code,
        unitName: row.name,
        officialName: officialName({ fullName: row.full_name, rank: row.rank }),
        leftOn: row.left_on,
      });
    }
  }
  return found;
}

/** A title or commendation from the office's "Khen thưởng" sheet. */
export interface PastCommendation {
  readonly year: number;
  readonly title: string;
  readonly decisionNumber: string | null;
  readonly decisionDate: IsoDay | null;
  readonly issuingLevel: string | null;
}

/** A person's imported titles and commendations, latest year first. */
export async function pastCommendationsOf(db: Db, personId: number): Promise<PastCommendation[]> {
  const rows = await db
    .selectFrom('past_commendations')
    .select(['year', 'title', 'decision_number', 'decision_date', 'issuing_level'])
    .where('person_id', '=', personId)
    .orderBy('year', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    year: Number(row.year),
    title: row.title,
    decisionNumber: row.decision_number,
    decisionDate: row.decision_date as IsoDay | null,
    issuingLevel: row.issuing_level,
  }));
}

/** A unit's active roster members, and how many of them have no standing entry over some days. */
export interface UnitSilence {
  readonly active: number;
  readonly silent: number;
}

/**
 * Per unit with an active roster member: how many it has, and how many logged nothing over the days (in any
 * group; a member without a linked account never logs). Units without a roster are absent.
 */
export async function silenceByUnit(
  db: Db,
  range: { readonly from: IsoDay; readonly to: IsoDay },
): Promise<Map<number, UnitSilence>> {
  const people = await db.selectFrom('people').select(['unit_id', 'user_id']).where('left_on', 'is', null).execute();
  const logged = new Set<number>();
  const accounts = [...new Set(people.flatMap((person) => (person.user_id === null ? [] : [Number(person.user_id)])))];
  for (const ids of chunks(accounts)) {
    const rows = await db
      .selectFrom('tally_entries')
      .select('user_id')
      .distinct()
      .where('user_id', 'in', ids)
      .where('day', '>=', range.from)
      .where('day', '<=', range.to)
      .where('undone_at', 'is', null)
      .execute();
    for (const row of rows) logged.add(Number(row.user_id));
  }
  const byUnit = new Map<number, { active: number; silent: number }>();
  for (const person of people) {
    const unit = byUnit.get(person.unit_id) ?? { active: 0, silent: 0 };
    unit.active += 1;
    if (person.user_id === null || !logged.has(Number(person.user_id))) unit.silent += 1;
    byUnit.set(person.unit_id, unit);
  }
  return byUnit;
}
