import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportColumn } from '../../src/files/sheet-sink';
import { createXlsxWriter, daySerial, SHARED_MAX } from '../../src/files/xlsx-writer';
import { xmlText } from '../../src/i18n/format';
import { unzip } from '../helpers/zip';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'xlsx-'));
  dirs.push(dir);
  return join(dir, 'a.xlsx');
};

const COLUMNS: readonly ExportColumn[] = [
  { header: 'Ngày', width: 12, kind: 'date' },
  { header: 'Đơn vị', width: 36, kind: 'text' },
  { header: 'Số lượng', width: 12, kind: 'number' },
];

/** Every entry of the zip as text, each checked against its CRC-32 and size. */
const zipEntries = (file: Buffer): Map<string, string> =>
  new Map([...unzip(file)].map(([name, data]) => [name, data.toString('utf8')]));

describe('createXlsxWriter', () => {
  it('writes three sheets that exceljs reads back: dates as dates, numbers as numbers, text escaped', async () => {
    const filename = tempFile();
    const writer = createXlsxWriter(filename);
    await writer.sheet('Lượt ghi', COLUMNS, async (sink) => {
      sink.row([{ day: '2021-05-15' }, 'Công an <tỉnh> & "huyện"', 1234]);
      sink.row([null, 'ký tự\u0001cấm\u000b', 0.5]);
      sink.row([null, 'ệ'.repeat(30_000), null]);
      sink.row([null, '  cách lề ', null]);
      await sink.flush?.();
      for (let i = 0; i < 2000; i++) sink.row([{ day: '2021-05-16' }, `Đơn vị ${i}`, i]);
    });
    await writer.sheet('Tổng hợp', [{ header: 'Mã', width: 8, kind: 'text' }], async (sink) => {
      sink.row(['A']);
    });
    await writer.sheet('Khen thưởng', COLUMNS, async () => {});
    await writer.finish();

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(filename);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Lượt ghi', 'Tổng hợp', 'Khen thưởng']);
    const [entries, summary, empty] = workbook.worksheets;
    expect(entries!.getRow(1).values).toEqual([undefined, 'Ngày', 'Đơn vị', 'Số lượng']);
    expect(entries!.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(entries!.getColumn(2).width).toBe(36);
    expect(entries!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const first = entries!.getRow(2);
    expect(first.getCell(1).value).toEqual(new Date(Date.UTC(2021, 4, 15)));
    expect(first.getCell(1).numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(2).value).toBe('Công an <tỉnh> & "huyện"');
    expect(first.getCell(3).value).toBe(1234);
    expect(first.getCell(3).numFmt).toBe('#,##0');
    const second = entries!.getRow(3);
    expect(second.getCell(1).value).toBeNull();
    expect(second.getCell(2).value).toBe('ký tựcấm');
    expect(second.getCell(3).value).toBe(0.5);
    expect(entries!.getRow(4).getCell(2).value).toBe('ệ'.repeat(30_000));
    expect(entries!.getRow(5).getCell(2).value).toBe('  cách lề ');
    expect(entries!.rowCount).toBe(2005);
    expect(entries!.getRow(2005).getCell(2).value).toBe('Đơn vị 1999');
    expect(entries!.getRow(2005).getCell(3).value).toBe(1999);
    expect(summary!.getRow(2).getCell(1).value).toBe('A');
    expect(empty!.rowCount).toBe(1);

    const parts = zipEntries(readFileSync(filename));
    expect([...parts.keys()].sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      'xl/worksheets/sheet3.xml',
    ]);
    // Short texts are shared, each written once however often it stands; a long one is written where it stands.
    const table = parts.get('xl/sharedStrings.xml') ?? '';
    expect(table).toContain('<t>Công an &lt;tỉnh&gt; &amp; &quot;huyện&quot;</t>');
    expect(table).toContain('<t xml:space="preserve">  cách lề </t>');
    expect(table.split('<t>Ngày</t>')).toHaveLength(1); // headers are inline
    expect(parts.get('xl/worksheets/sheet1.xml')).toContain(`<t>${'ệ'.repeat(30_000)}</t>`);
    expect(parts.get('xl/worksheets/sheet1.xml')).not.toContain('Đơn vị 1999');
  });

  it(`shares at most ${SHARED_MAX} texts and writes the rest inline, read back alike`, async () => {
    const filename = tempFile();
    const writer = createXlsxWriter(filename);
    const count = SHARED_MAX + 3;
    await writer.sheet('x', [{ header: 'Ghi chú', width: 20, kind: 'text' }], async (sink) => {
      for (let i = 0; i < count; i++) {
        sink.row([`ghi chú ${i}`]);
        if (i % 1000 === 0) await sink.flush?.();
      }
      sink.row(['ghi chú 0']);
      sink.row([`ghi chú ${count - 1}`]);
    });
    await writer.finish();
    const parts = zipEntries(readFileSync(filename));
    expect(parts.get('xl/sharedStrings.xml')).toContain(`uniqueCount="${SHARED_MAX}"`);
    expect(parts.get('xl/worksheets/sheet1.xml')).toContain(`<t>ghi chú ${count - 1}</t>`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(filename);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(count + 3);
    expect(sheet.getRow(2).getCell(1).value).toBe('ghi chú 0');
    expect(sheet.getRow(SHARED_MAX + 1).getCell(1).value).toBe(`ghi chú ${SHARED_MAX - 1}`);
    expect(sheet.getRow(count + 1).getCell(1).value).toBe(`ghi chú ${count - 1}`);
    expect(sheet.getRow(count + 2).getCell(1).value).toBe('ghi chú 0');
    expect(sheet.getRow(count + 3).getCell(1).value).toBe(`ghi chú ${count - 1}`);
  });

  it('fails the finish, not the process, when the file cannot be written', async () => {
    const writer = createXlsxWriter(join(tempFile(), 'missing', 'a.xlsx'));
    await expect(
      (async () => {
        await writer.sheet('x', COLUMNS, async (sink) => {
          sink.row(['a']);
          await sink.flush?.();
        });
        await writer.finish();
      })(),
    ).rejects.toThrow(/ENOENT/);
  });
});

describe('xmlText and daySerial', () => {
  it('escapes markup, drops what XML 1.0 forbids and keeps tabs, newlines and astral characters', () => {
    expect(xmlText('a<b>&"c"')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
    expect(xmlText('x\u0000\u0008\u001f\ufffey')).toBe('xy');
    expect(xmlText('\t\n\r😀')).toBe('\t\n\r😀');
    expect(xmlText('lone\ud800')).toBe('lone');
  });

  it('counts days as Excel does', () => {
    expect(daySerial('1900-03-01')).toBe(61);
    expect(daySerial('2021-05-15')).toBe(44331);
  });
});
