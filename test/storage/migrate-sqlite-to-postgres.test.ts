import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { upsertChat } from '../../src/directory/chat-store';
import { insertUnit } from '../../src/directory/unit-store';
import { insertNomination, recordDecision, toggleEndorsement } from '../../src/features/nominations/nomination-store';
import { addToDayTotals, insertTallies } from '../../src/features/tally/tally-store';
import { type Connection, connect } from '../../src/storage/connect';
import { copySqliteToPostgres, dependencyOrder, formatReport } from '../../src/storage/migrate-sqlite-to-postgres';
import type { Db } from '../../src/storage/schema';
import { createTestSchema, DIALECTS, dropTestSchema } from '../helpers/dialects';
import { batch, NOW, type TempStore, tempStore } from '../helpers/store-fixture';

const run = promisify(execFile);
const GROUP = -1001234567890;

/** A SQLite store with some of everything: a unit whose parent has a larger id, 1,200 entries, a nomination. */
async function fill(db: Db): Promise<void> {
  await insertUnit(db, { code: 'CAT', name: 'Công an tỉnh', parentId: null }, NOW);
  await db.updateTable('units').set({ parent_id: 4 }).where('id', 'in', [1, 2]).execute();
  await upsertChat(db, { chatId: GROUP, type: 'supergroup', title: 'PC06' }, { unitId: 1, locale: 'vi' }, NOW);
  for (let updateId = 1; updateId <= 600; updateId += 1) {
    const tallies = batch(updateId, {
      chatId: GROUP,
      unitId: 1 + (updateId % 3),
      userId: 11 + (updateId % 3),
      items: [
        { metricCode: 'cccd', amount: updateId },
        { metricCode: 'qua', amount: 7 },
      ],
    });
    await insertTallies(db, tallies, NOW);
    await addToDayTotals(
      db,
      tallies.items.map((item) => ({
        unitId: tallies.unitId,
        metricCode: item.metricCode,
        day: tallies.day,
        delta: item.amount,
      })),
    );
    await db.insertInto('processed_updates').values({ update_id: updateId, processed_at: NOW.toISOString() }).execute();
  }
  const id = await insertNomination(
    db,
    {
      chatId: GROUP,
      threadId: null,
      sourceMessageId: 5,
      nomineeId: 12,
      unitId: 1,
      nominatorId: 11,
      reason: 'x'.repeat(12),
      day: '2026-11-26',
    },
    NOW,
  );
  await toggleEndorsement(db, id, 13, NOW);
  await recordDecision(
    db,
    {
      nominationId: id,
      from: 'pending',
      to: 'approved',
      outcome: 'approved',
      level: 'giaykhen',
      reason: null,
      decidedBy: 11,
    },
    NOW,
  );
  await db.insertInto('metric_aliases').values({ alias: 'the can cuoc', metric_code: 'cccd' }).execute();
}

describe('dependency order', () => {
  it('puts parents before children whatever the order given, and refuses a cycle', () => {
    const tables = [
      { name: 'c', dependsOn: ['b', 'a'] },
      { name: 'b', dependsOn: ['a'] },
      { name: 'a', dependsOn: [] },
    ];
    expect(dependencyOrder(tables).map((table) => table.name)).toEqual(['a', 'b', 'c']);
    expect(() =>
      dependencyOrder([
        { name: 'a', dependsOn: ['b'] },
        { name: 'b', dependsOn: ['a'] },
      ]),
    ).toThrow(/cycle/);
  });
});

describe.skipIf(!DIALECTS.includes('postgres'))('migrate-sqlite-to-postgres', () => {
  let source: TempStore;
  let schema: string;
  let url: string;
  let target: Connection;

  beforeEach(async () => {
    source = await tempStore('sqlite');
    await fill(source.db);
    ({ schema, url } = await createTestSchema());
    target = connect(url);
  });

  afterEach(async () => {
    await target.close();
    await dropTestSchema(schema);
    await source.dispose();
  });

  it('copies every table, with the same rows and totals, and moves the id sequences past the copied ids', async () => {
    const report = await copySqliteToPostgres(source.connection, target);
    expect(formatReport(report)).toContain('every table matches');
    expect(report.ok).toBe(true);
    const byTable = new Map(report.checks.map((check) => [check.table, check]));
    expect(byTable.get('tally_entries')).toMatchObject({ sourceRows: 1200, targetRows: 1200, ok: true });
    expect(byTable.get('tally_entries')?.totals).toContainEqual({
      column: 'amount',
      source: '184500',
      target: '184500',
    });
    expect(byTable.get('metric_aliases')).toMatchObject({ targetRows: byTable.get('metric_aliases')!.sourceRows });
    expect(byTable.get('units')?.targetRows).toBe(4);

    const db = target.db;
    expect(await db.selectFrom('units').select(['id', 'parent_id']).orderBy('id').execute()).toEqual([
      { id: 1, parent_id: 4 },
      { id: 2, parent_id: 4 },
      { id: 3, parent_id: null },
      { id: 4, parent_id: null },
    ]);
    expect(await db.selectFrom('chats').select('chat_id').execute()).toEqual([{ chat_id: GROUP }]);
    await insertUnit(db, { code: 'NEW', name: 'New', parentId: 4 }, NOW);
    expect(await db.selectFrom('units').select('id').where('code', '=', 'NEW').executeTakeFirst()).toEqual({ id: 5 });
    const [entry] = await db
      .insertInto('tally_entries')
      .values({
        ...(await db.selectFrom('tally_entries').selectAll().where('id', '=', 1).executeTakeFirstOrThrow()),
        id: undefined,
      })
      .returning('id')
      .execute();
    expect(entry).toEqual({ id: 1201 });
  });

  it('refuses a target that is not empty, and changes nothing in it', async () => {
    expect((await copySqliteToPostgres(source.connection, target)).ok).toBe(true);
    await expect(copySqliteToPostgres(source.connection, target)).rejects.toThrow(/not empty: .*units \(4 rows\)/);
    expect(
      Number((await sql<{ n: number }>`select count(*) as n from tally_entries`.execute(target.db)).rows[0]?.n),
    ).toBe(1200);
  });

  it('reports a mismatch, exits with the check failed and keeps nothing', async () => {
    const { error } = await (await import('../../src/storage/migrate')).migrateToLatest(target);
    expect(error).toBeUndefined();
    // A target that alters what it is given: one entry's amount changes on the way in.
    await sql
      .raw(`create function bump() returns trigger language plpgsql as $$
        begin if new.id = 7 then new.amount := new.amount + 1; end if; return new; end $$;
        create trigger bump before insert on tally_entries for each row execute function bump();`)
      .execute(target.db);
    const report = await copySqliteToPostgres(source.connection, target);
    expect(report.ok).toBe(false);
    const entries = report.checks.find((check) => check.table === 'tally_entries');
    expect(entries).toMatchObject({ sourceRows: 1200, targetRows: 1200, ok: false });
    expect(entries?.totals).toContainEqual({ column: 'amount', source: '184500', target: '184501' });
    expect(formatReport(report)).toMatch(/tally_entries .* amount: 184500 ≠ 184501 .*MISMATCH/);
    expect(report.checks.filter((check) => !check.ok).map((check) => check.table)).toEqual(['tally_entries']);
    expect(Number((await sql<{ n: number }>`select count(*) as n from units`.execute(target.db)).rows[0]?.n)).toBe(0);
  });

  it('runs as `npm run migrate-sqlite-to-postgres -- <file> <url>`: a table and exit 0, then a refusal and exit 1', async () => {
    const cli = ['src/storage/migrate-sqlite-to-postgres.ts', source.url, url];
    const { stdout } = await run('node_modules/.bin/tsx', cli, { timeout: 60_000 });
    expect(stdout).toMatch(/^table +sqlite rows +postgres rows +numeric totals +check$/m);
    expect(stdout).toMatch(/^tally_entries +1200 +1200 +\d+ equal +ok$/m);
    expect(stdout).toContain('every table matches');
    const again = await run('node_modules/.bin/tsx', cli, { timeout: 60_000 }).catch((error: unknown) => error);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringMatching(/target is not empty/) });
    const usage = await run('node_modules/.bin/tsx', [cli[0]!, source.url], { timeout: 60_000 }).catch(
      (e: unknown) => e,
    );
    expect(usage).toMatchObject({ code: 2 });
  });
});
