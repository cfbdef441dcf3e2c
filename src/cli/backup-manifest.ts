// What backup and restore share: the manifest beside a backup, and running libpq's programs (pg_dump, pg_restore).
import { spawn } from 'node:child_process';
import type { StoreCensus } from '../storage/backup';

/** What a backup's .json says: enough to restore it and to check the restored store. */
export interface BackupManifest {
  readonly file: string;
  readonly dialect: 'sqlite' | 'postgres';
  readonly takenAt: string;
  /** PostgreSQL: the schema the dump holds (pg_restore recreates it). */
  readonly schema?: string;
  readonly census: StoreCensus;
}

/**
 * The URL as libpq (pg_dump, pg_restore) reads it: it takes `+` in the query literally, where URLSearchParams (and
 * node-pg) write and read a space, as in `options=-c+search_path%3Dx`.
 */
export const libpqUrl = (url: string): string => {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query) + url.slice(query).replace(/\+/g, '%20');
};

/** Runs a program to its end; rejects with its error output when it fails. */
export function runProgram(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk) => {
      errors += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${errors.trim()}`)),
    );
  });
}
