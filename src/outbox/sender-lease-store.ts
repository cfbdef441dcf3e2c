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

/** One process's hold on its token's sender lease: the app's sender and the job CLI take it the same way. */
export interface SenderLease {
  /** Whether the last take or renewal succeeded. */
  readonly held: boolean;
  /** Takes or renews the lease (wall time: the lease is between processes); false when another process holds it. */
  hold(): Promise<boolean>;
  /** Renews it every third of its length until released; `onTaken` when it is taken after not being held. */
  keep(onTaken?: () => void): void;
  /** The owner holding the lease now, if any (who sends instead of this process). */
  holder(): Promise<string | undefined>;
  /** Stops renewing and gives the lease up if held; never throws (an unreleased lease simply expires). */
  release(): Promise<void>;
}

export function senderLease(
  db: Db,
  options: {
    readonly botToken: string;
    readonly owner: string;
    readonly leaseMs?: number;
    /**
     * Told when the database refused a take or renewal; the lease then counts as not held. What it throws, `hold`
     * throws (a renewal by `keep` swallows it).
     */
    readonly onError?: (error: unknown) => void;
  },
): SenderLease {
  const lease = { tokenHash: tokenHashOf(options.botToken), owner: options.owner };
  const leaseMs = options.leaseMs ?? SENDER_LEASE_MS;
  let held = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  const hold = async () => {
    try {
      held = await holdSenderLease(db, { ...lease, now: new Date(), leaseMs });
    } catch (error) {
      held = false;
      options.onError?.(error);
    }
    return held;
  };
  return {
    get held() {
      return held;
    },
    hold,
    keep(onTaken) {
      if (timer) return;
      timer = setInterval(async () => {
        const had = held;
        if ((await hold().catch(() => false)) && !had) onTaken?.();
      }, leaseMs / 3);
      timer.unref();
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
      if (timer) clearInterval(timer);
      timer = undefined;
      if (!held) return;
      held = false;
      await releaseSenderLease(db, lease).catch(() => {});
    },
  };
}
