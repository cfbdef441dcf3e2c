import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, sleep } from '../helpers/processes';
import { startTestBot, TEST_BOT_DIALECT, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

// SQLite's file lock; PostgreSQL has no such thing.
describe.skipIf(TEST_BOT_DIALECT !== 'sqlite')('/healthz while another process holds the write lock', () => {
  it('answers within a second, "unavailable" with no error text, while an update waits on the only connection; ok after', async () => {
    const port = await freePort();
    bot = await startTestBot({ env: { PORT: String(port) } });
    await bot.setUpUnits();
    await bot.app.start();
    const health = async () => {
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      return { ms: performance.now() - started, status: response.status, text: await response.text() };
    };
    expect((await health()).status).toBe(200);

    const other = new SqliteDatabase(bot.app.services.config.databaseUrl);
    try {
      other.exec('begin immediate');
      // A write outside a transaction (the sender's marks, the lease) retries for up to 10 s, holding the store's
      // only connection meanwhile; a /log waits too.
      const db = bot.app.connection.db;
      const write = sql`delete from processed_updates where update_id = -1`.execute(db);
      const waiting = bot.send(users.alice, chats.pc06, '/log cccd 5');
      await sleep(300);
      const during = await health();
      expect(during.ms).toBeLessThan(1000);
      expect(during.status).toBe(503);
      expect(JSON.parse(during.text)).toEqual({ ok: false, status: 'unavailable' });
      other.exec('commit');
      await Promise.all([write, waiting]);
    } finally {
      other.close();
    }
    const after = await health();
    expect(after.status).toBe(200);
    expect(JSON.parse(after.text)).toMatchObject({ ok: true, status: 'ok', database: 'ok' });
  });
});
