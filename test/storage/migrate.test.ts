import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrationsFor } from '../../migrations';
import { connect } from '../../src/storage/connect';
import { migrateToLatest } from '../../src/storage/migrate';
import { DIALECTS, openTestStore } from '../helpers/dialects';

const run = promisify(execFile);
const MIGRATE_CLI = ['node_modules/.bin/tsx', 'src/cli/migrate.ts'] as const;

/** Migrates the store at the URL in a process of its own, as `npm run migrate` does; its output lines. */
async function migrateInProcess(url: string): Promise<string[]> {
  const { stdout } = await run(MIGRATE_CLI[0], [MIGRATE_CLI[1]], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
    timeout: 60_000,
  });
  return stdout.trim().split('\n');
}

/** A worker thread runs JavaScript: it registers tsx, then loads the TypeScript worker. */
const WORKER_ENTRY = new URL('./migrate-worker.ts', import.meta.url).href;
const WORKER_BOOT = `
  const { workerData } = require('node:worker_threads');
  import('tsx/esm/api').then(({ register }) => { register(); return import(workerData.entry); });
`;

/** Migrates the store from several threads released at the same instant; what each applied, or its error. */
async function migrateAtOnce(url: string, threads: number): Promise<{ error?: string; applied: string[] }[]> {
  const gate = new SharedArrayBuffer(4);
  const workers = Array.from(
    { length: threads },
    () => new Worker(WORKER_BOOT, { eval: true, workerData: { url, gate, entry: WORKER_ENTRY } }),
  );
  const ready = workers.map(
    (worker) =>
      new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      }),
  );
  const done = workers.map(
    (worker) =>
      new Promise<{ error?: string; applied: string[] }>((resolve, reject) => {
        worker.on('message', (message) => message !== 'ready' && resolve(message));
        worker.once('error', reject);
      }),
  );
  await Promise.all(ready);
  Atomics.store(new Int32Array(gate), 0, 1);
  Atomics.notify(new Int32Array(gate), 0);
  try {
    return await Promise.all(done);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

for (const dialect of DIALECTS) {
  describe(`migrations on ${dialect}`, () => {
    // Kysely runs migrations in the order of their names.
    const names = Object.keys(migrationsFor(dialect)).sort();

    it('run every migration once, and find nothing to do the second time', async () => {
      const store = await openTestStore(dialect, { migrate: false });
      try {
        const first = await migrateToLatest(store.connection);
        expect(first.error).toBeUndefined();
        expect(first.results?.map((result) => [result.migrationName, result.status])).toEqual(
          names.map((name) => [name, 'Success']),
        );
        const again = await migrateToLatest(store.connection);
        expect(again).toEqual({ results: [] });
        const tables = await store.db.introspection.getTables();
        expect(tables.map((table) => table.name)).toEqual(
          expect.arrayContaining([
            'units',
            'tally_entries',
            'unit_day_totals',
            'nominations',
            'outbox',
            'group_settings',
          ]),
        );
      } finally {
        await store.dispose();
      }
    });

    it('several processes starting at once on a fresh store migrate it once', async () => {
      const store = await openTestStore(dialect, { migrate: false });
      try {
        const outputs = await Promise.all([migrateInProcess(store.url), migrateInProcess(store.url)]);
        const applied = outputs.flat().filter((line) => line.startsWith('success: '));
        expect(applied.sort()).toEqual(names.map((name) => `success: ${name}`).sort());
        expect(outputs.map((lines) => lines.join('|')).filter((text) => text === 'already up to date')).toHaveLength(1);
        const { rows } = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(store.db);
        expect(Number(rows[0]?.n)).toBe(names.length);
        expect(Number((await sql<{ n: number }>`select count(*) as n from metrics`.execute(store.db)).rows[0]?.n)).toBe(
          10,
        );
      } finally {
        await store.dispose();
      }
    }, 90_000);

    it('several threads released at the same instant on a fresh store migrate it once', async () => {
      for (let round = 0; round < 1; round += 1) {
        const store = await openTestStore(dialect, { migrate: false });
        try {
          const outcomes = await migrateAtOnce(store.url, 4);
          expect(outcomes.map((outcome) => outcome.error)).toEqual(Array(4).fill(undefined));
          expect(outcomes.flatMap((outcome) => outcome.applied).sort()).toEqual([...names].sort());
        } finally {
          await store.dispose();
        }
      }
    }, 90_000);

    it('rolls every migration back when one fails, leaving the store as it was', async () => {
      const store = await openTestStore(dialect, { migrate: false });
      try {
        // A table in the way of the fourth migration: the first three must not stay applied.
        await sql`create table nominations (x integer)`.execute(store.db);
        const result = await migrateToLatest(store.connection);
        expect(result.error).toBeDefined();
        // Kysely's PostgreSQL introspection lists every schema's tables (other test files' stores too): this store's.
        const tables = (await store.db.introspection.getTables())
          .filter((table) => dialect === 'sqlite' || table.schema === store.location)
          .map((table) => table.name);
        expect(tables).not.toContain('units');
        expect(tables).toContain('nominations');
      } finally {
        await store.dispose();
      }
    });
  });
}

if (DIALECTS.includes('postgres')) {
  describe('migrations on postgres, several connections', () => {
    it('two pools migrating a fresh schema at once apply each migration once', async () => {
      const store = await openTestStore('postgres', { migrate: false });
      const other = connect(store.url);
      try {
        const results = await Promise.all([migrateToLatest(store.connection), migrateToLatest(other)]);
        expect(results.map((result) => result.error)).toEqual([undefined, undefined]);
        const applied = results.flatMap((result) => result.results ?? []).map((result) => result.migrationName);
        expect(applied.sort()).toEqual(Object.keys(migrationsFor('postgres')).sort());
      } finally {
        await other.close();
        await store.dispose();
      }
    });

    it('a schema is migrated on its own even when another schema on the server already is', async () => {
      const first = await openTestStore('postgres');
      try {
        const second = await openTestStore('postgres');
        try {
          const { rows } = await sql<{ n: number }>`select count(*) as n from metrics`.execute(second.db);
          expect(rows).toEqual([{ n: 10 }]);
        } finally {
          await second.dispose();
        }
      } finally {
        await first.dispose();
      }
    });
  });
}
