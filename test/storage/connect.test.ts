import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, isBusyError, isPostgresUrl, parseSafeNumber } from '../../src/storage/connect';
import { DIALECTS, openTestStore, type TestStore } from '../helpers/dialects';

describe('connect', () => {
  it('picks PostgreSQL for postgres:// and postgresql:// URLs, SQLite for anything else', async () => {
    expect(isPostgresUrl('postgres://bot@127.0.0.1/thidua')).toBe(true);
    expect(isPostgresUrl('postgresql://bot@127.0.0.1/thidua')).toBe(true);
    expect(isPostgresUrl('data/thidua.sqlite')).toBe(false);
    expect(isPostgresUrl(':memory:')).toBe(false);
    // The pool is lazy: connecting to an unreachable server is synchronous and fails only at the first query.
    const pooled = connect('postgres://nobody@127.0.0.1:1/none');
    expect(pooled.dialect).toBe('postgres');
    await expect(sql`select 1`.execute(pooled.db)).rejects.toThrow();
    await pooled.close();
    const file = connect(':memory:');
    expect(file.dialect).toBe('sqlite');
    await file.close();
  });

  it('parses int8 and numeric text to numbers, refusing what a number cannot hold exactly', () => {
    expect(parseSafeNumber('42')).toBe(42);
    expect(parseSafeNumber('-1001234567890')).toBe(-1001234567890);
    expect(parseSafeNumber('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseSafeNumber('12.5')).toBe(12.5);
    expect(() => parseSafeNumber('9007199254740992')).toThrow(RangeError);
    expect(() => parseSafeNumber('-9007199254740993')).toThrow(RangeError);
    expect(() => parseSafeNumber('NaN')).toThrow(RangeError);
  });

  it('tells a lost lock race from other errors', () => {
    const sqliteError = (code: string) => Object.assign(new Error(code), { code });
    expect(isBusyError(sqliteError('SQLITE_BUSY'))).toBe(true);
    expect(isBusyError(sqliteError('SQLITE_BUSY_SNAPSHOT'))).toBe(true);
    expect(isBusyError(sqliteError('SQLITE_LOCKED'))).toBe(true);
    expect(isBusyError(sqliteError('SQLITE_LOCKED_SHAREDCACHE'))).toBe(true);
    expect(isBusyError(sqliteError('40001'))).toBe(true);
    expect(isBusyError(sqliteError('40P01'))).toBe(true);
    expect(isBusyError(new Error('wrapped', { cause: sqliteError('40001') }))).toBe(true);
    expect(isBusyError(sqliteError('SQLITE_CONSTRAINT_PRIMARYKEY'))).toBe(false);
    expect(isBusyError(sqliteError('23505'))).toBe(false);
    expect(isBusyError(new Error('SQLITE_BUSY'))).toBe(false);
    expect(isBusyError(undefined)).toBe(false);
    expect(isBusyError('SQLITE_BUSY')).toBe(false);
  });

  it("waits out another connection's write lock without blocking the event loop, then writes", async () => {
    const store = await openTestStore('sqlite', { migrate: false });
    const other = new SqliteDatabase(store.url);
    try {
      await sql`create table t (x integer)`.execute(store.db);
      other.exec('begin immediate');
      let ticks = 0;
      const ticker = setInterval(() => {
        ticks += 1;
      }, 10);
      setTimeout(() => other.exec('commit'), 400);
      await sql`insert into t values (1)`.execute(store.db);
      clearInterval(ticker);
      // A synchronous busy_timeout wait would have frozen the ticker for the whole 400 ms.
      expect(ticks).toBeGreaterThan(10);
      expect(other.prepare('select count(*) as n from t').get()).toEqual({ n: 1 });
    } finally {
      other.close();
      await store.dispose();
    }
  });

  it('gives up on a lock held for good with the error better-sqlite3 throws', async () => {
    const store = await openTestStore('sqlite', { migrate: false });
    const other = new SqliteDatabase(store.url);
    try {
      await sql`create table t (x integer)`.execute(store.db);
      other.exec('begin immediate');
      const error = await store.db
        .transaction()
        .execute((trx) => sql`insert into t values (1)`.execute(trx))
        .catch((caught: unknown) => caught);
      // Inside a transaction the error goes up at once: the transaction's owner retries it whole.
      expect(isBusyError(error)).toBe(true);
    } finally {
      other.close();
      await store.dispose();
    }
  });
});

for (const dialect of DIALECTS) {
  describe(`numbers on ${dialect}`, () => {
    let store: TestStore;
    beforeEach(async () => {
      store = await openTestStore(dialect);
    });
    afterEach(() => store.dispose());

    it('reads counts, sums and bigint columns as numbers', async () => {
      const { db } = store;
      await db
        .insertInto('chats')
        .values({
          chat_id: -1001234567890,
          type: 'supergroup',
          title: 'x',
          unit_id: null,
          locale: null,
          created_at: 'a',
          updated_at: 'a',
        })
        .execute();
      const row = await db
        .selectFrom('chats')
        .select((eb) => ['chat_id', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('chat_id').as('total')])
        .groupBy('chat_id')
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ chat_id: -1001234567890, n: 1, total: -1001234567890 });
      const [metrics] = (await sql<{ n: number }>`select count(*) as n from metrics`.execute(db)).rows;
      expect(metrics).toEqual({ n: 10 });
    });

    if (dialect === 'postgres') {
      it('refuses an int8 beyond 2^53, and leaves pg’s global parsers alone', async () => {
        await expect(sql`select 9007199254740993::int8 as n`.execute(store.db)).rejects.toThrow(RangeError);
        await expect(
          sql`select sum(x) as n from (values (9007199254740991::int8), (2::int8)) as v(x)`.execute(store.db),
        ).rejects.toThrow(RangeError);
        expect(pg.types.getTypeParser(20, 'text')('9007199254740993')).toBe('9007199254740993');
        const client = new pg.Client({ connectionString: store.url });
        await client.connect();
        try {
          expect((await client.query('select 5::int8 as n')).rows).toEqual([{ n: '5' }]);
        } finally {
          await client.end();
        }
      });
    }
  });
}
