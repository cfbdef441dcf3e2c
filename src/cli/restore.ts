// npm run restore -- <backup file> [--into <fresh SQLite path | postgres:// URL of an empty database>]
// Restores a backup of `npm run backup` into a fresh store, never over an existing one, then checks it against the
// census taken with the backup: every table's rows and numeric totals, the running totals against the entries, and
// (SQLite) the file's integrity. Prints the comparison; exits 1 on any difference. Without --into, a SQLite backup
// is restored beside the store (<store>.restored-<stamp>.sqlite); a PostgreSQL one needs --into.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { configFromEnvironment, exitWithProblems } from '../env';
import { textTable } from '../kernel/text-table';
import { censusOf, integrityOf, postgresSchemaOf, type StoreCensus } from '../storage/backup';
import { type Connection, connect, isPostgresUrl } from '../storage/connect';
import { type BackupManifest, libpqUrl, runProgram } from './backup-manifest';

/** One line of the check: a table (or a check of the whole store), what the backup said, what the restore holds. */
export interface RestoreCheck {
  readonly what: string;
  readonly expected: string;
  readonly found: string;
  readonly ok: boolean;
}

export interface RestoreReport {
  readonly into: string;
  readonly checks: readonly RestoreCheck[];
  readonly ok: boolean;
}

const describe = (table: StoreCensus['tables'][string] | undefined) =>
  table
    ? `${table.rows} rows${Object.values(table.totals).length ? `, Σ ${Object.values(table.totals).join('/')}` : ''}`
    : 'missing';

/** The census of the restored store against the backup's. */
export function compareCensus(expected: StoreCensus, found: StoreCensus, integrity: string): RestoreCheck[] {
  const names = [...new Set([...Object.keys(expected.tables), ...Object.keys(found.tables)])].sort();
  const checks: RestoreCheck[] = names.map((name) => {
    const want = describe(expected.tables[name]);
    const have = describe(found.tables[name]);
    return { what: name, expected: want, found: have, ok: want === have };
  });
  checks.push({
    what: 'running totals = entries',
    expected: `${expected.totalsOffBy} off`,
    found: `${found.totalsOffBy} off`,
    ok: found.totalsOffBy === 0 && expected.totalsOffBy === 0,
  });
  checks.push({ what: 'integrity', expected: 'ok', found: integrity, ok: integrity === 'ok' });
  return checks;
}

/** The URL of `url`'s database with search_path set to `schema`, where pg_restore recreated the dump's tables. */
function inSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

/** Restores `file` (with its .json beside it) into `into`, which must be a fresh store, and checks it. */
export async function restoreBackup(file: string, into: string): Promise<RestoreReport> {
  const manifest = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as BackupManifest;
  let restored: Connection;
  if (manifest.dialect === 'sqlite') {
    if (isPostgresUrl(into)) throw new Error('a SQLite backup restores into a SQLite file');
    if (existsSync(into)) throw new Error(`${into} exists: restore only into a new file`);
    copyFileSync(file, into);
    restored = connect(into);
  } else {
    if (!isPostgresUrl(into)) throw new Error('a PostgreSQL backup restores into a postgres:// URL');
    const schema = manifest.schema ?? 'public';
    const target = connect(inSchema(into, schema));
    try {
      const { tables } = await postgresSchemaOf(target);
      if (tables > 0)
        throw new Error(`schema ${schema} of the target holds ${tables} tables: restore only into an empty database`);
    } finally {
      await target.close();
    }
    await runProgram('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${libpqUrl(into)}`, file]);
    restored = connect(inSchema(into, schema));
  }
  try {
    const found = await censusOf(restored);
    const checks = compareCensus(manifest.census, found, await integrityOf(restored));
    return { into, checks, ok: checks.every((check) => check.ok) };
  } finally {
    await restored.close();
  }
}

/** The report as an aligned table, and a last line saying what to do next. */
export function formatRestoreReport(report: RestoreReport): string {
  const header = ['table', 'backup', 'restored', 'check'];
  const lines = report.checks.map((check) => [check.what, check.expected, check.found, check.ok ? 'ok' : 'MISMATCH']);
  return [
    ...textTable(header, lines),
    report.ok
      ? `restored into ${report.into}: every table matches; point DATABASE_URL at it and start the bot`
      : `MISMATCH: ${report.into} does not hold what the backup said; do not use it`,
  ].join('\n');
}

async function main(args: readonly string[]): Promise<number> {
  const file = args[0];
  const flag = args.indexOf('--into');
  if (!file || file.startsWith('--') || (flag >= 0 && !args[flag + 1])) {
    console.error('usage: npm run restore -- <backup file> [--into <new SQLite file | postgres://…/empty database>]');
    return 2;
  }
  if (!existsSync(file) || !existsSync(`${file}.json`)) {
    console.error(`restore: ${file} and ${file}.json are both needed (npm run backup writes them together)`);
    return 2;
  }
  let into = flag >= 0 ? args[flag + 1]! : undefined;
  if (!into) {
    const loaded = configFromEnvironment();
    if (!loaded.ok) exitWithProblems(loaded.problems);
    const store = loaded.config.databaseUrl;
    if (isPostgresUrl(store) || store === ':memory:') {
      console.error('restore: name the fresh store with --into');
      return 2;
    }
    into = join(dirname(store), `${basename(store, '.sqlite')}.restored-${basename(file).replace(/^thidua-/, '')}`);
  }
  try {
    const report = await restoreBackup(file, into);
    console.log(formatRestoreReport(report));
    return report.ok ? 0 : 1;
  } catch (error) {
    console.error(`restore failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
