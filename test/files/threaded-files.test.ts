import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { csvFileSink, xlsxFileSink } from '../../src/files/report-files';
import { rowDecoder, rowEncoder, TEXT_LONGEST, TEXTS_KEPT } from '../../src/files/row-batch';
import type { ExportCell, ExportColumn, SheetSink, WorkbookSink } from '../../src/files/sheet-sink';
import { threadedFiles } from '../../src/files/threaded-files';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-threaded-'));
  dirs.push(dir);
  return dir;
};

const COLUMNS: readonly ExportColumn[] = [
  { header: 'Ngày', width: 12, kind: 'date' },
  { header: 'Đơn vị', width: 36, kind: 'text' },
  { header: 'Số lượng', width: 12, kind: 'number' },
  { header: 'Ghi chú', width: 30, kind: 'text' },
];

/** Texts of every kind the writers treat apart: markup, forbidden characters, edges, long, astral, lone halves. */
const ODD_TEXTS = [
  'Công an <tỉnh> & "huyện"',
  'ký tự\u0001cấm\u000b',
  '  cách lề ',
  '=HYPERLINK("x")',
  '-5',
  'a, "b"\r\nc',
  'ệ'.repeat(TEXT_LONGEST),
  'ệ'.repeat(TEXT_LONGEST + 1),
  'ệ'.repeat(30_000),
  '😀 lone\ud800',
  '',
];
const ODD_NUMBERS = [0, -0, -12, 0.1 + 0.2, 1e21, 2 ** 53 + 2, Number.NaN, Number.POSITIVE_INFINITY];

/**
 * Rows like an export's (a day, a repeated unit, an amount, a note) and odd ones, with more distinct texts than
 * either table keeps (TEXTS_KEPT and the XLSX's shared strings): the same array goes to both files, as the export does.
 */
function rowsOf(count: number): ExportCell[][] {
  const rows: ExportCell[][] = [];
  for (let i = 0; i < count; i++) {
    // Days first seen once the tables are full, late in the rows.
    const day = { day: `${i < count - 2000 ? '2026-03' : '2027-01'}-${String(1 + (i % 31)).padStart(2, '0')}` };
    rows.push([
      i % 97 === 0 ? null : day,
      `Đội ${i % 42}`,
      i % 13 === 0 ? (ODD_NUMBERS[i % ODD_NUMBERS.length] ?? 0) : i * 1.5,
      i % 7 === 0 ? (ODD_TEXTS[i % ODD_TEXTS.length] ?? null) : i % 5 === 0 ? null : `ghi chú ${i}`,
    ]);
  }
  return rows;
}

/**
 * Writes the same calls to a workbook and a CSV as writeExport makes them: the CSV's header, a sheet of entries
 * (each row to both, flushed every `flushEvery`), then a second sheet to the workbook alone, then an empty one.
 */
async function writeBoth(
  files: { workbook: WorkbookSink & { finish(): Promise<void> }; csv: SheetSink & { finish(): Promise<void> } },
  rows: readonly ExportCell[][],
  flushEvery: number,
) {
  files.csv.row(COLUMNS.map((column) => column.header));
  await files.workbook.sheet('Lượt ghi', COLUMNS, async (sheet) => {
    for (const [index, cells] of rows.entries()) {
      if (index > 0 && index % flushEvery === 0) {
        await sheet.flush?.();
        await files.csv.flush?.();
      }
      sheet.row(cells);
      files.csv.row(cells);
    }
    await sheet.flush?.();
    await files.csv.flush?.();
  });
  await files.workbook.sheet('Tổng hợp', COLUMNS.slice(1, 3), async (sheet) => {
    for (let i = 0; i < 50; i++) sheet.row([`Đội ${i}`, i]);
    sheet.row(['Tổng cộng', 1225]);
  });
  await files.workbook.sheet('Trống', [], async () => {});
  await Promise.all([files.workbook.finish(), files.csv.finish()]);
}

describe('the writers in a thread of their own', () => {
  it('write the same bytes as in this thread, for the same rows and flushes', async () => {
    const rows = rowsOf(TEXTS_KEPT + 25_000);
    const here = tempDir();
    await writeBoth(
      { workbook: await xlsxFileSink(join(here, 'a.xlsx')), csv: csvFileSink(join(here, 'a.csv')) },
      rows,
      500,
    );
    const there = tempDir();
    const files = threadedFiles();
    try {
      await writeBoth(
        { workbook: await files.xlsx(join(there, 'a.xlsx')), csv: files.csv(join(there, 'a.csv')) },
        rows,
        500,
      );
      expect(files.threadId).toBeGreaterThan(0);
    } finally {
      await files.close();
    }
    for (const name of ['a.xlsx', 'a.csv']) {
      const [ours, theirs] = [readFileSync(join(here, name)), readFileSync(join(there, name))];
      expect(theirs.length, name).toBeGreaterThan(100_000);
      expect(theirs.equals(ours), name).toBe(true);
    }
  }, 60_000);

  it('fail the flush or the finish, not the process, when the file cannot be written; close ends the thread', async () => {
    const files = threadedFiles();
    const gone = join(tempDir(), 'missing');
    const workbook = await files.xlsx(join(gone, 'a.xlsx'));
    const csv = files.csv(join(gone, 'a.csv'));
    const failure = (async () => {
      await workbook.sheet('x', COLUMNS, async (sheet) => {
        for (let i = 0; i < 100; i++) {
          sheet.row([null, 'a', i, null]);
          csv.row([null, 'a', i, null]);
          await sheet.flush?.();
        }
      });
      await Promise.all([workbook.finish(), csv.finish()]);
    })();
    await expect(failure).rejects.toThrow(/ENOENT: no such file or directory, open '.*missing/);
    await expect(csv.finish()).rejects.toThrow(/ENOENT/);
    await files.close();
    await files.close();
    expect(() => files.csv(join(gone, 'b.csv'))).toThrow(/closed|ENOENT/);
  });
});

describe('row batches', () => {
  it('carry rows, the same row again and flushes; each text once while the table has room', async () => {
    const encoder = rowEncoder();
    const shared: ExportCell[] = [{ day: '2026-03-01' }, 'Đội 1', 5, null];
    encoder.row(0, shared);
    encoder.row(1, shared);
    encoder.row(0, ['Đội 1', 'x'.repeat(TEXT_LONGEST + 1), -0, Number.NaN]);
    encoder.flush(1);
    const first = encoder.take();
    encoder.row(1, [{ day: '2026-03-01' }, 'Đội 1', 'Đội 2']);
    const second = encoder.take();
    expect(first.texts).toEqual(['2026-03-01', 'Đội 1']);
    expect(first.once).toEqual(['x'.repeat(TEXT_LONGEST + 1)]);
    expect(first.rows).toBe(3);
    // The second row is the first's cells again: one slot, not five.
    expect(first.length).toBe(1 + 4 + 1 + 1 + 4 + 1);
    expect(second.texts).toEqual(['Đội 2']);

    const seen: unknown[] = [];
    const decoder = rowDecoder();
    const target = {
      row: (to: number, cells: readonly ExportCell[]) => seen.push([to, ...cells]),
      flush: async (to: number) => {
        seen.push(`flush ${to}`);
      },
    };
    await decoder.apply(first, target);
    await decoder.apply(second, target);
    expect(seen).toEqual([
      [0, { day: '2026-03-01' }, 'Đội 1', 5, null],
      [1, { day: '2026-03-01' }, 'Đội 1', 5, null],
      [0, 'Đội 1', 'x'.repeat(TEXT_LONGEST + 1), -0, Number.NaN],
      'flush 1',
      [1, { day: '2026-03-01' }, 'Đội 1', 'Đội 2'],
    ]);
  });

  it('send texts past the table’s size, days included, with their batch', async () => {
    const encoder = rowEncoder();
    for (let i = 0; i < TEXTS_KEPT; i++) encoder.row(0, [`t${i}`]);
    encoder.row(0, ['t0', 'new text', { day: '2026-12-07' }]);
    const batch = encoder.take();
    expect(batch.texts).toHaveLength(TEXTS_KEPT);
    expect(batch.once).toEqual(['new text', '2026-12-07']);
    let last: readonly ExportCell[] = [];
    await rowDecoder().apply(batch, {
      row: (_, cells) => {
        last = cells;
      },
      flush: async () => {},
    });
    expect(last).toEqual(['t0', 'new text', { day: '2026-12-07' }]);
  });
});
