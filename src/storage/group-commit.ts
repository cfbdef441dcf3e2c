import { sql } from 'kysely';
import type { Db } from './schema';

/** A unit of work for a shared transaction; it must use only the transaction it is given, never the store itself. */
export type Work<T> = (trx: Db) => Promise<T>;

interface Pending {
  readonly work: Work<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** Thrown out of a group's transaction to roll it back when its first unit of work failed. */
class FirstWorkFailed {
  constructor(readonly error: unknown) {}
}

/**
 * Group commit: units of work that arrive while a transaction is open join it instead of each paying for a commit
 * of its own (on SQLite the commit is most of the cost of a small write).
 *
 * - Each unit of work runs alone: the group runs them one after another, in arrival order, on one connection.
 * - Each unit of work after the first runs inside a savepoint: if it throws, the savepoint is rolled back, so
 *   only its own writes are undone and the others stay in the group. The first needs no savepoint: when it
 *   throws, the transaction holds nothing else, so the transaction is rolled back and a new group begins.
 * - A unit of work's promise settles only after its group's transaction has ended: resolved once the commit
 *   succeeded (never before: no caller may announce a write that could still be lost), rejected with its own
 *   error, or rejected with the commit's error when the commit fails.
 * - A group closes when no unit of work is waiting, or at `maxGroup` units of work; whatever arrives during the
 *   commit forms the next group.
 *
 * Idempotency stays with the units of work: each claims its own update id inside its savepoint, so a redelivered
 * update in the same group finds the id claimed, and a failed one leaves its id unclaimed.
 */
export class GroupCommit {
  readonly #db: Db;
  readonly #maxGroup: number;
  readonly #queue: Pending[] = [];
  #draining = false;

  readonly #onGroupEnd: ((size: number, committed: boolean) => void) | undefined;

  /** `onGroupEnd` hears of every group once its transaction has ended (for metrics and tests). */
  constructor(db: Db, options: { maxGroup?: number; onGroupEnd?: (size: number, committed: boolean) => void } = {}) {
    this.#db = db;
    this.#maxGroup = options.maxGroup ?? 256;
    this.#onGroupEnd = options.onGroupEnd;
  }

  /** Runs the work in the current group's transaction (or the next one's) and settles after that commit. */
  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#draining) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#queue.length > 0) await this.#runGroup();
    } finally {
      this.#draining = false;
    }
  }

  async #runGroup(): Promise<void> {
    const group: Pending[] = [];
    const outcomes: Outcome[] = [];
    try {
      await this.#db.transaction().execute(async (trx) => {
        while (this.#queue.length > 0 && group.length < this.#maxGroup) {
          const pending = this.#queue.shift()!;
          group.push(pending);
          if (group.length === 1) {
            try {
              outcomes.push({ ok: true, value: await pending.work(trx) });
            } catch (error) {
              throw new FirstWorkFailed(error);
            }
            continue;
          }
          await sql`savepoint group_item`.execute(trx);
          try {
            outcomes.push({ ok: true, value: await pending.work(trx) });
          } catch (error) {
            await sql`rollback to savepoint group_item`.execute(trx);
            outcomes.push({ ok: false, error });
          }
          await sql`release savepoint group_item`.execute(trx);
        }
      });
    } catch (error) {
      // Either the first unit of work failed (it is the whole group), or begin, a savepoint or commit did:
      // then nothing of the group is stored and every unit of work fails with that error.
      const cause = error instanceof FirstWorkFailed ? error.error : error;
      for (const pending of group) pending.reject(cause);
      this.#report(group.length, false);
      return;
    }
    group.forEach((pending, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
    this.#report(group.length, true);
  }

  #report(size: number, committed: boolean): void {
    try {
      this.#onGroupEnd?.(size, committed);
    } catch {
      // A listener's failure must not stop the groups that follow.
    }
  }
}

const groups = new WeakMap<Db, GroupCommit>();

/** The store's group commit, made on first use. */
export function groupCommitOf(db: Db): GroupCommit {
  let group = groups.get(db);
  if (!group) {
    group = new GroupCommit(db);
    groups.set(db, group);
  }
  return group;
}
