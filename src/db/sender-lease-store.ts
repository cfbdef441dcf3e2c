import { createHash } from 'node:crypto';
import type { Db } from './schema';

/** A bot token as the lease table names it: never the token itself. */
export const tokenHashOf = (botToken: string): string =>
  createHash('sha256').update(botToken).digest('hex').slice(0, 32);

/**
 * Takes or renews the token's sender lease for `owner` until `now + leaseMs`: granted when nobody holds it, when
 * `owner` already does, or when the holder's lease has expired (the holder died). One statement, so two processes
 * asking at once cannot both win. Returns whether `owner` holds it now.
 */
export async function holdSenderLease(
  db: Db,
  lease: { tokenHash: string; owner: string; now: Date; leaseMs: number },
): Promise<boolean> {
  const until = new Date(lease.now.getTime() + lease.leaseMs).toISOString();
  const row = await db
    .insertInto('sender_lease')
    .values({ token_hash: lease.tokenHash, owner: lease.owner, until })
    .onConflict((oc) =>
      oc
        .column('token_hash')
        .doUpdateSet({ owner: lease.owner, until })
        .where((eb) =>
          eb.or([eb('sender_lease.owner', '=', lease.owner), eb('sender_lease.until', '<', lease.now.toISOString())]),
        ),
    )
    .returning('owner')
    .executeTakeFirst();
  return row?.owner === lease.owner;
}

/** Gives the lease up (a clean stop), so another process takes it at once instead of after it expires. */
export async function releaseSenderLease(db: Db, lease: { tokenHash: string; owner: string }): Promise<void> {
  await db
    .deleteFrom('sender_lease')
    .where('token_hash', '=', lease.tokenHash)
    .where('owner', '=', lease.owner)
    .execute();
}
