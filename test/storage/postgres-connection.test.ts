import { Socket } from 'node:net';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Connection, connect } from '../../src/storage/connect';
import { createTestSchema, dropTestSchema, TEST_DATABASE_URL } from '../helpers/dialects';

/** What went to the server: each query's text, its statement name if any, and whether the connection parsed it. */
interface Sent {
  readonly text: string;
  readonly name: string | undefined;
  /** Already prepared on its connection when sent: bound and run without a Parse. */
  readonly prepared: boolean;
}

async function sentDuring(work: () => Promise<unknown>): Promise<Sent[]> {
  const sent: Sent[] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: Parameters<typeof query>) {
    const first = args[0] as unknown;
    const config = typeof first === 'string' ? { text: first, name: undefined } : (first as Sent);
    const parsed = (this as unknown as { connection: { parsedStatements: Record<string, string> } }).connection
      .parsedStatements;
    sent.push({
      text: config.text,
      name: config.name,
      prepared: config.name !== undefined && parsed[config.name] !== undefined,
    });
    return query.apply(this, args);
  } as typeof query;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = query;
  }
  return sent;
}

describe.skipIf(!TEST_DATABASE_URL)('prepared statements on PostgreSQL', () => {
  let schema: string;
  let url: string;
  let connection: Connection;

  beforeEach(async () => {
    ({ schema, url } = await createTestSchema());
    connection = connect(url, { maxConnections: 1 });
    await sql`create table things (id integer primary key, name text not null)`.execute(connection.db);
    await sql`insert into things values (1, 'one'), (2, 'two')`.execute(connection.db);
  });
  afterEach(async () => {
    await connection.close();
    await dropTestSchema(schema);
  });

  const nameOf = (id: number) =>
    connection.db
      .selectFrom('things' as never)
      .select('name' as never)
      .where('id' as never, '=', id as never)
      .execute();

  it('parses a statement with values once per connection, then binds it by name', async () => {
    const sent = await sentDuring(async () => {
      expect(await nameOf(1)).toEqual([{ name: 'one' }]);
      expect(await nameOf(2)).toEqual([{ name: 'two' }]);
    });
    expect(sent).toHaveLength(2);
    expect(sent[0]!.name).toMatch(/^thidua_\d+$/);
    expect(sent[1]!.name).toBe(sent[0]!.name);
    expect(sent.map((each) => each.prepared)).toEqual([false, true]);
  });

  it('leaves unnamed what returns `*` and what has no values, so a new column or several statements still work', async () => {
    const all = () =>
      connection.db
        .selectFrom('things' as never)
        .selectAll()
        .where('id' as never, '=', 1 as never)
        .execute();
    const sent = await sentDuring(async () => {
      await all();
      await nameOf(1);
      await sql.raw('update things set name = name; update things set name = name').execute(connection.db);
    });
    expect(sent.map((each) => each.name === undefined)).toEqual([true, false, true]);

    // A migration adds a column: the `*` query shows it, the named one keeps its shape and its plan.
    await sql`alter table things add column rank text`.execute(connection.db);
    expect(await all()).toEqual([{ id: 1, name: 'one', rank: null }]);
    expect(await nameOf(1)).toEqual([{ name: 'one' }]);
  });

  it('writes a transaction’s begin with its first statement, in one write to the socket', async () => {
    const writes = { count: 0 };
    const prototype = Socket.prototype as unknown as Record<'_write' | '_writev', (...args: unknown[]) => unknown>;
    const originals = { _write: prototype._write, _writev: prototype._writev };
    for (const method of ['_write', '_writev'] as const) {
      prototype[method] = function (this: Socket, ...args: unknown[]) {
        writes.count += 1;
        return originals[method].apply(this, args);
      };
    }
    try {
      await nameOf(1); // the connection is open and idle
      writes.count = 0;
      const result = await connection.db
        .transaction()
        .execute((trx) => sql<{ n: number }>`select ${1}::int + 1 as n`.execute(trx));
      expect(result.rows).toEqual([{ n: 2 }]);
    } finally {
      Object.assign(prototype, originals);
    }
    // begin + select, then commit: two writes where there are three statements.
    expect(writes.count).toBe(2);
  });

  it('names nothing when told not to (a pooler that cannot keep prepared statements)', async () => {
    const plain = connect(url, { preparedStatements: false });
    try {
      const sent = await sentDuring(async () => {
        await plain.db
          .selectFrom('things' as never)
          .select('name' as never)
          .where('id' as never, '=', 1 as never)
          .execute();
      });
      expect(sent.map((each) => each.name)).toEqual([undefined]);
    } finally {
      await plain.close();
    }
  });
});
