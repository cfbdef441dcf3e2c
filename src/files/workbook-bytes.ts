/**
 * A small workbook (the roster's template or export) drawn as XLSX bytes for the outbox: the streaming writer
 * writes to a file of its own in a temporary directory, read back and removed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedSheet } from './render-requests';
import { createXlsxWriter } from './xlsx-writer';

/** The sheets as an XLSX file's bytes. */
export async function renderWorkbook(sheets: readonly RecordedSheet[]): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-workbook-'));
  try {
    const file = join(dir, 'book.xlsx');
    const writer = createXlsxWriter(file);
    for (const { name, columns, rows } of sheets) {
      await writer.sheet(name, columns, async (sink) => {
        for (const row of rows) sink.row(row);
      });
    }
    await writer.finish();
    return new Uint8Array(readFileSync(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
