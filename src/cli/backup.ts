// npm run backup: an online backup of the store into BACKUP_DIR, as a dated file with its census beside it
// (<file>.json: rows and numeric totals per table, read in the very snapshot the backup copies), keeping the
// newest BACKUP_KEEP. SQLite: a VACUUM INTO snapshot (thidua-<stamp>.sqlite). PostgreSQL: pg_dump's custom format
// (thidua-<stamp>.dump) of the connection's schema, from a snapshot exported by the census's own transaction.
// The bot keeps running and writing meanwhile. `npm run restore -- <file>` checks a backup by restoring it.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '../config';
import { configFromEnvironment, exitWithProblems } from '../env';
import { censusOf, inExportedSnapshot, postgresSchemaOf, snapshotSqlite } from '../storage/backup';
import { connect } from '../storage/connect';
import { type BackupManifest, libpqUrl, runProgram } from './backup-manifest';

export const BACKUP_NAME = /^thidua-\d{4}-\d{2}-\d{2}T\d{6}Z\.(sqlite|dump)$/;

/** 2026-12-01T023000Z: sorts as time does, and is a file name everywhere. */
const stamp = (at: Date) =>
  at
    .toISOString()
    .replace(/[:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

/** Deletes the oldest backups (and their .json) beyond `keep`; returns the names deleted. */
export function pruneBackups(dir: string, keep: number): string[] {
  const backups = readdirSync(dir)
    .filter((name) => BACKUP_NAME.test(name))
    .sort();
  const old = backups.slice(0, Math.max(0, backups.length - keep));
  for (const name of old) {
    rmSync(join(dir, name), { force: true });
    rmSync(join(dir, `${name}.json`), { force: true });
  }
  return old;
}

/** Takes one backup of the store `config` names; resolves with its manifest (also written beside it). */
export async function takeBackup(
  config: Pick<Config, 'databaseUrl' | 'backup'>,
  now = new Date(),
): Promise<BackupManifest> {
  mkdirSync(config.backup.dir, { recursive: true });
  const connection = connect(config.databaseUrl);
  try {
    let manifest: BackupManifest;
    if (connection.dialect === 'sqlite') {
      const file = join(config.backup.dir, `thidua-${stamp(now)}.sqlite`);
      await snapshotSqlite(connection, file);
      // The census of the snapshot itself: the file, not the store that went on changing.
      const copy = connect(file);
      try {
        manifest = { file, dialect: 'sqlite', takenAt: now.toISOString(), census: await censusOf(copy) };
      } finally {
        await copy.close();
      }
    } else {
      const file = join(config.backup.dir, `thidua-${stamp(now)}.dump`);
      const { schema } = await postgresSchemaOf(connection);
      const census = await inExportedSnapshot(connection, async (snapshot, trx) => {
        const read = await censusOf(connection, trx);
        await runProgram('pg_dump', [
          '--format=custom',
          `--snapshot=${snapshot}`,
          `--schema=${schema}`,
          '--no-owner',
          `--file=${file}`,
          `--dbname=${libpqUrl(config.databaseUrl)}`,
        ]);
        return read;
      });
      manifest = { file, dialect: 'postgres', takenAt: now.toISOString(), schema, census };
    }
    writeFileSync(`${manifest.file}.json`, `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    await connection.close();
  }
}

async function main(): Promise<number> {
  const loaded = configFromEnvironment();
  if (!loaded.ok) exitWithProblems(loaded.problems);
  const { config } = loaded;
  try {
    const manifest = await takeBackup(config);
    const entries = manifest.census.tables.tally_entries?.rows ?? 0;
    console.log(`backup: ${manifest.file} (${entries} tally entries; census in ${manifest.file}.json)`);
    for (const name of pruneBackups(config.backup.dir, config.backup.keep)) console.log(`deleted the old ${name}`);
    return 0;
  } catch (error) {
    console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main();
