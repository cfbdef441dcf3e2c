import type { Db } from '../storage/schema';
import { inTransaction } from '../storage/unit-of-work';

/** The units a person commands, and whether they are a stored admin. */
export interface StoredRoles {
  readonly admin: boolean;
  readonly commanderOf: readonly number[];
}

export async function findRoles(db: Db, userId: number): Promise<StoredRoles> {
  const rows = await db.selectFrom('roles').select(['role', 'unit_id']).where('user_id', '=', userId).execute();
  return {
    admin: rows.some((row) => row.role === 'admin'),
    commanderOf: rows.filter((row) => row.role === 'commander' && row.unit_id !== null).map((row) => row.unit_id!),
  };
}

/** Makes the person a commander of the unit, or takes the role away; idempotent. */
export async function setCommander(
  db: Db,
  change: { userId: number; unitId: number; commander: boolean; grantedBy: number },
  now: Date,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .deleteFrom('roles')
      .where('user_id', '=', change.userId)
      .where('role', '=', 'commander')
      .where('unit_id', '=', change.unitId)
      .execute();
    if (change.commander) {
      await trx
        .insertInto('roles')
        .values({
          user_id: change.userId,
          role: 'commander',
          unit_id: change.unitId,
          granted_by: change.grantedBy,
          granted_at: now.toISOString(),
        })
        .execute();
    }
  });
}

/** Every stored commander role: who commands which unit. */
export async function commanderRoles(db: Db): Promise<{ userId: number; unitId: number }[]> {
  const rows = await db
    .selectFrom('roles')
    .select(['user_id', 'unit_id'])
    .where('role', '=', 'commander')
    .where('unit_id', 'is not', null)
    .orderBy('user_id')
    .orderBy('unit_id')
    .execute();
  return rows.map((row) => ({ userId: row.user_id, unitId: row.unit_id! }));
}
