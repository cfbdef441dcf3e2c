import { createHash } from 'node:crypto';
import type { Db } from '../storage/schema';

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

/** How long the sender lease lasts unrenewed; a holder renews it before every pass and at least every third of it. */
export const SENDER_LEASE_MS = 15_000;

/** One process's hold on its token's sender lease: the one delivery (delivery.ts) takes it for the app and the job CLI. */
export interface SenderLease {
  /** Whether the last take or renewal succeeded. */
  readonly held: boolean;
  /**
   * Takes or renews the lease (wall time: the lease is between processes); false when another process holds it.
   * Throws when the database refused (the lease then counts as not held).
   */
  hold(): Promise<boolean>;
  /** The owner holding the lease now, if any (who sends instead of this process). */
  holder(): Promise<string | undefined>;
  /** Gives the lease up if held; never throws (an unreleased lease simply expires). */
  release(): Promise<void>;
}

export function senderLease(
  db: Db,
  options: { readonly botToken: string; readonly owner: string; readonly leaseMs?: number },
): SenderLease {
  const lease = { tokenHash: tokenHashOf(options.botToken), owner: options.owner };
  const leaseMs = options.leaseMs ?? SENDER_LEASE_MS;
  let held = false;
  return {
    get held() {
      return held;
    },
    async hold() {
      held = false;
      held = await holdSenderLease(db, { ...lease, now: new Date(), leaseMs });
      return held;
    },
    async holder() {
      const row = await db
        .selectFrom('sender_lease')
        .select('owner')
        .where('token_hash', '=', lease.tokenHash)
        .where('until', '>=', new Date().toISOString())
        .executeTakeFirst();
      return row?.owner;
    },
    async release() {
      if (!held) return;
      held = false;
      await releaseSenderLease(db, lease).catch(() => {});
    },
  };
}
