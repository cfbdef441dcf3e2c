import type { Unit } from '../domain/units';
import type { Db } from './schema';

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
      eb.fn.count<number>('chats.chat_id').as('groups'),
    ])
    .groupBy(['units.id', 'units.code', 'units.name', 'units.parent_id'])
    .orderBy('units.code')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    parentId: row.parent_id,
    groups: Number(row.groups),
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
