import type { Dialect } from './connect';
import { groupCommitOf } from './group-commit';
import type { Db } from './schema';

/** Work on one transaction; it must use only the handle it is given. */
export type Work<T> = (trx: Db) => Promise<T>;

/** Runs `work` in the caller's transaction when there is one, else in a transaction of its own. */
export function inTransaction<T>(db: Db, work: Work<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * One update's whole effect, its ledger entry and its replies: one transaction. On SQLite, units arriving together
 * share a commit (group commit, each in a savepoint), which is where SQLite's cost lies; on PostgreSQL each unit is
 * a transaction of its own, so no transaction ever holds more than one savepoint.
 *
 * `last`, when given, is the unit's last write, made from what `work` returned. On PostgreSQL it is written and the
 * `commit` right behind it without waiting for its answer (the pipelined connection, src/storage/connect.ts), so
 * both cost one round trip; if it fails, the server turns the commit into a rollback and its own error is thrown.
 * On SQLite it runs before the commit like any other statement.
 */
export async function runUnitOfWork<T>(
  db: Db,
  dialect: Dialect,
  work: Work<T>,
  last?: (trx: Db, done: T) => Promise<unknown>,
): Promise<T> {
  if (dialect === 'sqlite') {
    return groupCommitOf(db).run(async (trx) => {
      const done = await work(trx);
      if (last) await last(trx, done);
      return done;
    });
  }
  let written: Promise<unknown> | undefined;
  try {
    const done = await db.transaction().execute(async (trx) => {
      const result = await work(trx);
      // Not awaited: its statement is on the wire when this returns, and the commit follows it.
      written = last?.(trx, result);
      written?.catch(() => {});
      return result;
    });
    await written;
    return done;
  } catch (error) {
    // The last write's own failure says more than the aborted commit it caused.
    await written;
    throw error;
  }
}
