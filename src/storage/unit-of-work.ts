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
 */
export function runUnitOfWork<T>(db: Db, dialect: Dialect, work: Work<T>): Promise<T> {
  return dialect === 'sqlite' ? groupCommitOf(db).run(work) : db.transaction().execute(work);
}
