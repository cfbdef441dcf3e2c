import type { Db } from './schema';

/** The directory caches whose versions the triggers of migrations 0012 and 0019 move. */
export type CacheName = 'metrics' | 'units' | 'chats' | 'roles' | 'people';

/** Every cache's version now (a cache whose data never changed has no row: version 0). */
export async function cacheVersions(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('cache_versions').select(['name', 'version']).execute();
  return new Map(rows.map((row) => [row.name, Number(row.version)]));
}
