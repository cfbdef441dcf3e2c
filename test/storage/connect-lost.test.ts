import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type Connection, connect } from '../../src/storage/connect';
import { onTestServer, openTestStore, TEST_DATABASE_URL, type TestStore } from '../helpers/dialects';
import { until } from '../helpers/processes';

const gate = TEST_DATABASE_URL ? describe : describe.skip;

gate('a PostgreSQL connection that dies', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  });

  /** A pool on a schema of its own, telling its lost connections. */
  async function pool(): Promise<{ connection: Connection; lost: Error[] }> {
    const store: TestStore = await openTestStore('postgres');
    cleanups.push(() => store.dispose());
    const lost: Error[] = [];
    const connection = connect(store.url, { onConnectionLost: (error) => lost.push(error) });
    cleanups.push(() => connection.close());
    return { connection, lost };
  }

  const backendPid = async (db: Connection['db']) =>
    (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;
  const terminate = (pid: number) => onTestServer(`select pg_terminate_backend(${pid})`);

  it('is told once when idle in the pool, and the next query opens another', async () => {
    const { connection, lost } = await pool();
    const pid = await backendPid(connection.db);
    await terminate(pid);
    await until(() => lost.length > 0, 5000, 'the lost connection to be told');
    expect(lost).toHaveLength(1);
    expect(await backendPid(connection.db)).not.toBe(pid);
    expect(lost).toHaveLength(1);
  });

  it('is told once when it dies in a transaction, whose query fails', async () => {
    const { connection, lost } = await pool();
    await expect(
      connection.db.transaction().execute(async (trx) => {
        await terminate(await backendPid(trx));
        await sql`select 1`.execute(trx);
      }),
    ).rejects.toThrow();
    await until(() => lost.length > 0, 5000, 'the lost connection to be told');
    expect(lost).toHaveLength(1);
    await sql`select 1`.execute(connection.db);
    expect(lost).toHaveLength(1);
  });
});
