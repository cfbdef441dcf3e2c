import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKUP_NAME, pruneBackups, takeBackup } from '../../src/cli/backup';
import type { BackupManifest } from '../../src/cli/backup-manifest';
import { restoreBackup } from '../../src/cli/restore';
import { DIALECTS, onTestServer, TEST_DATABASE_URL } from '../helpers/dialects';
import { startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
// Stopping a bot and dropping the restored databases can take a while on a loaded machine.
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}, 60_000);

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-backup-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A fresh store to restore into: a new SQLite path, or a new empty database on the test server. */
async function freshStore(dialect: string, dir: string): Promise<string> {
  if (dialect === 'sqlite') return join(dir, 'restored.sqlite');
  const name = `thidua_restore_${randomBytes(6).toString('hex')}`;
  await onTestServer(`create database ${name} template template0 encoding 'UTF8'`);
  cleanups.push(() => onTestServer(`drop database if exists ${name} with (force)`));
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** /log as fast as the bot takes them, from two officers in two groups, until stopped. */
function keepLogging(bot: TestBot) {
  let stopped = false;
  let sent = 0;
  const done = (async () => {
    while (!stopped) {
      sent += 1;
      await bot.send(sent % 2 ? users.alice : users.binh, sent % 2 ? chats.pc06 : chats.pc08, `/log cccd ${sent}`);
      // On SQLite a /log can complete in microtasks alone: let timers (and the backup's own work) run between.
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  return {
    sent: () => sent,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

const ROOT = resolve(import.meta.dirname, '../..');

/** Runs one of the CLIs as `npm run` does (tsx), with only the given settings; resolves with its status and output. */
function runCli(entry: string, args: readonly string[], env: Record<string, string> = {}) {
  return new Promise<{ status: number | null; output: string }>((done) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, entry), ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ENV_FILE: '/dev/null',
        LOG_LEVEL: 'silent',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => (output += chunk));
    child.once('close', (status) => done({ status, output }));
  });
}

const entries = (manifest: BackupManifest) => manifest.census.tables.tally_entries?.rows ?? 0;

describe.each(DIALECTS)('backup and restore (%s)', (dialect) => {
  it('takes an online backup while the bot writes, and restores it into a fresh store that matches it', async () => {
    const bot = await startTestBot({ dialect });
    cleanups.push(() => bot.close());
    await bot.setUpUnits();
    for (let i = 1; i <= 30; i += 1) await bot.send(users.alice, chats.pc06, `/log cccd ${i}`);
    const dir = tempDir();
    const writer = keepLogging(bot);
    while (writer.sent() < 20) await new Promise((resolve) => setTimeout(resolve, 10));
    const before = (await bot.allEntries()).length;
    // `npm run backup` as a process of its own, as the nightly timer runs it, while this bot keeps logging.
    const backup = await runCli('src/cli/backup.ts', [], { DATABASE_URL: bot.url, BACKUP_DIR: dir, BACKUP_KEEP: '3' });
    const after = (await bot.allEntries()).length;
    await writer.stop();
    expect(backup.status, backup.output).toBe(0);
    const file = join(dir, readdirSync(dir).find((name) => BACKUP_NAME.test(name))!);
    expect(backup.output).toContain(`backup: ${file}`);
    const manifest = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as BackupManifest;

    // A snapshot taken while entries kept coming: consistent (totals agree), somewhere between before and after.
    expect(after).toBeGreaterThan(before);
    expect(entries(manifest)).toBeGreaterThanOrEqual(before);
    expect(entries(manifest)).toBeLessThanOrEqual(after);
    expect(manifest.census.totalsOffBy).toBe(0);

    const into = await freshStore(dialect, dir);
    const restore = await runCli('src/cli/restore.ts', [file, '--into', into]);
    expect(restore.status, restore.output).toBe(0);
    expect(restore.output).toContain('every table matches');
    const report = await restoreBackup(file, await freshStore(dialect, tempDir()));
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.find((check) => check.what === 'tally_entries')?.found).toMatch(
      new RegExp(`^${entries(manifest)} rows`),
    );
    // Not over a store that exists, or holds tables.
    await expect(restoreBackup(file, into)).rejects.toThrow(/exists|empty database/);
  }, 120_000);

  it('reports a restore that does not hold what the backup said', async () => {
    const bot = await startTestBot({ dialect });
    cleanups.push(() => bot.close());
    await bot.setUpUnits();
    await bot.send(users.alice, chats.pc06, '/log cccd 7');
    const dir = tempDir();
    const manifest = await takeBackup({ databaseUrl: bot.url, backup: { dir, keep: 3 } });
    const tampered = structuredClone(manifest) as { census: { tables: Record<string, { rows: number }> } };
    tampered.census.tables.tally_entries!.rows += 1;
    writeFileSync(`${manifest.file}.json`, JSON.stringify(tampered));

    const report = await restoreBackup(manifest.file, await freshStore(dialect, dir));
    expect(report.ok).toBe(false);
    expect(report.checks.filter((check) => !check.ok).map((check) => check.what)).toEqual(['tally_entries']);
  }, 120_000);
});

describe('keeping N backups', () => {
  it('deletes the oldest beyond BACKUP_KEEP, with their census', () => {
    const dir = tempDir();
    const names = ['2026-11-29T023000Z', '2026-11-30T023000Z', '2026-12-01T023000Z'].map((at) => `thidua-${at}.sqlite`);
    for (const name of names) {
      writeFileSync(join(dir, name), '');
      writeFileSync(join(dir, `${name}.json`), '{}');
    }
    writeFileSync(join(dir, 'notes.txt'), 'kept');

    expect(pruneBackups(dir, 2)).toEqual([names[0]]);
    expect(readdirSync(dir).sort()).toEqual(
      [names[1]!, `${names[1]}.json`, names[2]!, `${names[2]}.json`, 'notes.txt'].sort(),
    );
  });
});
