import type { Db } from '../storage/schema';

/** A person the bot has seen, as Telegram names them. */
export interface MemberProfile {
  readonly userId: number;
  readonly firstName: string;
  readonly lastName: string | null;
  readonly username: string | null;
}

/** Records the person (and, when given, the unit they work in); idempotent. */
export async function upsertMember(db: Db, member: MemberProfile, unitId: number | null, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('members')
    .values({
      user_id: member.userId,
      first_name: member.firstName,
      last_name: member.lastName,
      username: member.username,
      unit_id: unitId,
      first_seen_at: at,
      last_seen_at: at,
    })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        first_name: member.firstName,
        last_name: member.lastName,
        username: member.username,
        last_seen_at: at,
        ...(unitId !== null && { unit_id: unitId }),
      }),
    )
    .execute();
}

/**
 * A member as stored, with their unit: the roster's when the account is linked to a person of the roster (issue
 * 16: a person's unit is the roster's), else the unit they were last seen working in.
 */
export interface KnownMember extends MemberProfile {
  readonly unitId: number | null;
}

function selectMember(db: Db) {
  return db
    .selectFrom('members')
    .leftJoin('people', 'people.user_id', 'members.user_id')
    .select((eb) => [
      'members.user_id',
      'members.first_name',
      'members.last_name',
      'members.username',
      eb.fn.coalesce('people.unit_id', 'members.unit_id').as('unit_id'),
    ]);
}

const toKnownMember = (row: {
  user_id: number;
  first_name: string;
  last_name: string | null;
  username: string | null;
  unit_id: number | null;
}): KnownMember => ({
  userId: row.user_id,
  firstName: row.first_name,
  lastName: row.last_name,
  username: row.username,
  unitId: row.unit_id,
});

export async function findMember(db: Db, userId: number): Promise<KnownMember | undefined> {
  const row = await selectMember(db).where('members.user_id', '=', userId).executeTakeFirst();
  return row && toKnownMember(row);
}

/** Finds a member by @username, ignoring case. */
export async function findMemberByUsername(db: Db, username: string): Promise<KnownMember | undefined> {
  const row = await selectMember(db)
    .where((eb) => eb(eb.fn('lower', ['members.username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  return row && toKnownMember(row);
}

export const displayName = (member: { firstName: string; lastName: string | null }): string =>
  member.lastName ? `${member.firstName} ${member.lastName}` : member.firstName;

/** Where the roster puts a linked account's person: their unit, and the day they left (null while active). */
export interface RosterPlacement {
  readonly unitId: number;
  readonly leftOn: string | null;
}

/** The roster's placement of the person linked to the account, if any. */
export async function findRosterPlacement(db: Db, userId: number): Promise<RosterPlacement | undefined> {
  const row = await db
    .selectFrom('people')
    .select(['unit_id', 'left_on'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row && { unitId: row.unit_id, leftOn: row.left_on };
}
