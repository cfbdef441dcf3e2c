import { sql } from 'kysely';
import type { Db } from './schema';

/** How long a handled update is remembered: Telegram redelivers for at most 24 hours. */
export const LEDGER_DAYS = 7;

/**
 * Records an update as handled, inside the caller's transaction; false when it was handled before (a redelivery),
 * so it must change nothing and send nothing. A known id with another fingerprint is a new update (Telegram picks
 * new ids at random after a quiet week): the entry is taken over and the update handled.
 */
export async function claimUpdate(db: Db, updateId: number, fingerprint: string, now: Date): Promise<boolean> {
  const { rows } = await sql<{ update_id: number }>`
    insert into processed_updates (update_id, processed_at, fingerprint)
    values (${updateId}, ${now.toISOString()}, ${fingerprint})
    on conflict (update_id) do update set processed_at = excluded.processed_at, fingerprint = excluded.fingerprint
    where processed_updates.fingerprint is not null and processed_updates.fingerprint <> excluded.fingerprint
    returning update_id`.execute(db);
  return rows.length > 0;
}

/** Forgets updates handled more than LEDGER_DAYS ago; returns how many. */
export async function pruneLedger(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - LEDGER_DAYS * 24 * 60 * 60 * 1000).toISOString();
  const result = await db.deleteFrom('processed_updates').where('processed_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
