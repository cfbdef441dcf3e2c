import type { Unit } from '../kernel/units';
import type { Db } from '../storage/schema';

/** Every unit with its parent and the number of groups bound to it. */
export async function loadUnits(db: Db): Promise<Unit[]> {
  const rows = await db
    .selectFrom('units')
    .leftJoin('chats', 'chats.unit_id', 'units.id')
    .select((eb) => [
      'units.id',
      'units.code',
      'units.name',
      'units.parent_id',
      'units.retired_at',
      eb.fn.count<number>('chats.chat_id').as('groups'),
    ])
    .groupBy(['units.id', 'units.code', 'units.name', 'units.parent_id', 'units.retired_at'])
    .orderBy('units.code')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    parentId: row.parent_id,
    groups: Number(row.groups),
    retiredAt: row.retired_at,
  }));
}

export async function insertUnit(
  db: Db,
  unit: { code: string; name: string; parentId: number | null },
  now: Date,
): Promise<void> {
  await db
    .insertInto('units')
    .values({ code: unit.code, name: unit.name, parent_id: unit.parentId, created_at: now.toISOString() })
    .execute();
}

/** Gives the unit a new name; its code, history and groups stay. */
export async function renameUnit(db: Db, unitId: number, name: string): Promise<void> {
  await db.updateTable('units').set({ name }).where('id', '=', unitId).execute();
}

/** Puts the unit under another parent (null: at the top); the caller has refused cycles. */
export async function moveUnit(db: Db, unitId: number, parentId: number | null): Promise<void> {
  await db.updateTable('units').set({ parent_id: parentId }).where('id', '=', unitId).execute();
}

/** Marks the unit retired; false when it already was (nothing changed). Its entries and roles stay as they are. */
export async function retireUnit(db: Db, unitId: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('units')
    .set({ retired_at: now.toISOString() })
    .where('id', '=', unitId)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
