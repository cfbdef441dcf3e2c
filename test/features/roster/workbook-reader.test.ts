import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { MAX_UNZIPPED_BYTES, readWorkbook } from '../../../src/files/workbook-reader';
import { workbookBytes } from './roster-fixture';

describe('the workbook reader', () => {
  it('reads the old .xls format offices still send', async () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([
        ['Họ tên', 'Mã đơn vị'],
        ['Hà Văn Hưng', 'PC06'],
      ]),
      'Cán bộ',
    );
    const bytes = new Uint8Array(XLSX.write(book, { type: 'buffer', bookType: 'xls' }) as Buffer);
    expect(await readWorkbook(bytes, 'can-bo.xls')).toEqual({
      ok: true,
      value: {
        date1904: false,
        sheets: [
          {
            name: 'Cán bộ',
            rows: [
              { row: 1, cells: ['Họ tên', 'Mã đơn vị'] },
              { row: 2, cells: ['Hà Văn Hưng', 'PC06'] },
            ],
          },
        ],
      },
    });
  });

  it('refuses a small zip that would unpack past MAX_UNZIPPED_BYTES, before unpacking it', async () => {
    const bytes = await workbookBytes({ 'Cán bộ': [['Họ tên'], ['Hà Văn Hưng']] });
    expect((await readWorkbook(bytes, 'ok.xlsx')).ok).toBe(true);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let central = -1;
    for (let at = 0; at < bytes.length - 4; at++) {
      if (view.getUint32(at, true) === 0x02014b50) {
        central = at;
        break;
      }
    }
    expect(central).toBeGreaterThan(0);
    view.setUint32(central + 24, MAX_UNZIPPED_BYTES + 1, true);
    expect(await readWorkbook(bytes, 'bomb.xlsx')).toEqual({ ok: false, error: 'import.tooLarge' });
  });

  it('refuses binary data that is no spreadsheet, and reads UTF-16 CSV', async () => {
    expect(await readWorkbook(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2]), 'x.pdf')).toEqual({
      ok: false,
      error: 'import.unreadable',
    });
    const utf16 = new Uint8Array(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Họ tên\tMã đơn vị\r\nHưng\tPC06\r\n', 'utf16le')]),
    );
    const read = await readWorkbook(utf16, 'can-bo.txt');
    expect(read.ok && read.value.sheets[0]!.rows.map((row) => row.cells)).toEqual([
      ['Họ tên', 'Mã đơn vị'],
      ['Hưng', 'PC06'],
    ]);
  });
});
