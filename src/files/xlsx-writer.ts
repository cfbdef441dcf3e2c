/**
 * A small streaming XLSX writer: each sheet's XML is built row by row and deflated straight into a zip file, so a
 * year's export holds a few rows in memory, never a sheet. It writes only what the exports need — text, numbers
 * (#,##0), dates as serial numbers (dd/mm/yyyy), a bold frozen header row and column widths — and about ten times
 * faster than exceljs's streaming WorkbookWriter, which builds an object per cell (docs/PERFORMANCE.md).
 *
 * Text goes to the shared strings table (xl/sharedStrings.xml, written after the sheets), each cell citing its
 * index, while the table is small (SHARED_MAX texts of at most SHARED_LONGEST characters); other text is written
 * inline where it stands. An export repeats a few thousand texts (units, metrics, people) over hundreds of
 * thousands of rows: shared, a row's XML is about half as long, ASCII, and escaped once per text, not per cell.
 *
 * The zip: one entry after another, each a local header with bit 3 set (sizes and CRC follow the data, in a data
 * descriptor), deflated at level 1, then the central directory. No ZIP64: an entry or the file past 4 GiB fails.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { crc32, createDeflateRaw } from 'node:zlib';
import { xmlText } from '../i18n/format';
import type { ExportCell, ExportColumn, WorkbookSink } from './sheet-sink';
import { textChunks } from './text-chunks';

const LIMIT = 0xffffffff;
/** Excel's serial number of a local day (days since 1899-12-30, the 1900 date system). */
export function daySerial(day: string): number {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  return Date.UTC(year, month - 1, date) / 86_400_000 + 25_569;
}

/** Column letters of a 0-based index: 0 → A, 26 → AA. */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Style indexes in styles.xml's cellXfs. */
const STYLE = { header: 1, date: 2, number: 3 } as const;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="#,##0"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

function sheetHead(columns: readonly ExportColumn[]): string {
  const cols = columns
    .map((column, index) => `<col min="${index + 1}" max="${index + 1}" width="${column.width}" customWidth="1"/>`)
    .join('');
  const header = columns.map((column, index) => cell(`${columnName(index)}1`, column.header, STYLE.header)).join('');
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0">` +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>` +
    (columns.length > 0 ? `<row r="1">${header}</row>` : '')
  );
}

const SHEET_TAIL = '</sheetData></worksheet>';

/** Texts the shared strings table takes at most: it stays in memory until the workbook is finished. */
export const SHARED_MAX = 50_000;
/** Longer texts (a long note, a citation) are written inline: they rarely repeat. */
export const SHARED_LONGEST = 120;

/** Whether a text needs xml:space="preserve" to keep its leading or trailing spaces. */
const hasEdges = (value: string) =>
  value.length > 0 && (value.charCodeAt(0) <= 32 || value.charCodeAt(value.length - 1) <= 32);

/** A cell's XML; `serial` turns a day into its serial number (the sheets cache it: a month has 31 days). */
function cell(ref: string, value: ExportCell, style: number, serial = daySerial): string {
  const s = style ? ` s="${style}"` : '';
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : '';
  if (typeof value === 'object') return `<c r="${ref}" s="${STYLE.date}"><v>${serial(value.day)}</v></c>`;
  // Leading or trailing spaces would be trimmed without xml:space; most texts have none and skip its 20 bytes.
  return `<c r="${ref}"${s} t="inlineStr"><is><t${hasEdges(value) ? ' xml:space="preserve"' : ''}>${xmlText(value)}</t></is></c>`;
}

interface Entry {
  readonly name: Buffer;
  readonly offset: number;
  crc: number;
  compressed: number;
  size: number;
}

/**
 * An XLSX file written as it goes. Sheets come one after another (WorkbookSink); finish() writes the workbook
 * parts that name them and the zip's central directory. A failed write is the export's failure, told by the next
 * flush or the finish, never an uncaught 'error' event.
 */
export function createXlsxWriter(filename: string): WorkbookSink & { finish(): Promise<void>; abort(): void } {
  const file = createWriteStream(filename);
  /** The compressors of the entries being written, destroyed by abort(). */
  const compressors = new Set<ReturnType<typeof createDeflateRaw>>();
  let failure: Error | undefined;
  file.on('error', (error) => {
    failure ??= error;
  });
  const healthy = () => {
    if (failure) throw failure;
  };
  let offset = 0;
  const entries: Entry[] = [];
  const sheetNames: string[] = [];
  const put = (bytes: Buffer) => {
    offset += bytes.length;
    if (offset > LIMIT) failure ??= new Error('XLSX past 4 GiB: ZIP64 is not written');
    file.write(bytes);
  };

  /** Opens an entry; returns a writer of its text and a function that ends it (resolves once it is all written). */
  function entry(path: string) {
    const name = Buffer.from(path, 'utf8');
    const record: Entry = { name, offset, crc: 0, compressed: 0, size: 0 };
    entries.push(record);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed
    header.writeUInt16LE(0x0808, 6); // bit 3: data descriptor; bit 11: UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt32LE(0x00210000, 10); // DOS time 00:00, date 1980-01-01
    header.writeUInt16LE(name.length, 26);
    put(header);
    put(name);
    // Output in 64 KiB pieces (zlib's default is 16 KiB): a quarter of the callbacks and file writes.
    const deflate = createDeflateRaw({ level: 1, chunkSize: 1 << 16 });
    compressors.add(deflate);
    deflate.on('data', (chunk: Buffer) => {
      record.compressed += chunk.length;
      put(chunk);
    });
    deflate.on('error', (error) => {
      failure ??= error;
    });
    // Text is encoded into a buffer of its own as it comes: one UTF-8 write per row, no joined strings.
    const chunks = textChunks((bytes, done) => {
      record.crc = crc32(bytes, record.crc);
      record.size += bytes.length;
      if (record.size > LIMIT) failure ??= new Error('XLSX part past 4 GiB: ZIP64 is not written');
      // Once compressed, the buffer is given back to be filled again.
      deflate.write(bytes, () => done());
    });
    return {
      write: (text: string) => chunks.write(text),
      writeAscii: (text: string) => chunks.writeAscii(text),
      async drain() {
        chunks.push();
        healthy();
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (deflate.writableNeedDrain) await once(deflate, 'drain');
        if (file.writableNeedDrain) await once(file, 'drain');
        healthy();
      },
      async end() {
        chunks.push();
        const ended = once(deflate, 'end');
        deflate.end();
        await ended;
        compressors.delete(deflate);
        healthy();
        const descriptor = Buffer.alloc(16);
        descriptor.writeUInt32LE(0x08074b50, 0);
        descriptor.writeUInt32LE(record.crc, 4);
        descriptor.writeUInt32LE(record.compressed, 8);
        descriptor.writeUInt32LE(record.size, 12);
        put(descriptor);
      },
    };
  }

  async function part(path: string, text: string) {
    const e = entry(path);
    e.write(text);
    await e.end();
  }

  function centralDirectory(): Buffer {
    const records = entries.map((e) => {
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(20, 4); // made by
      record.writeUInt16LE(20, 6); // version needed
      record.writeUInt16LE(0x0808, 8);
      record.writeUInt16LE(8, 10);
      record.writeUInt32LE(0x00210000, 12);
      record.writeUInt32LE(e.crc, 16);
      record.writeUInt32LE(e.compressed, 20);
      record.writeUInt32LE(e.size, 24);
      record.writeUInt16LE(e.name.length, 28);
      record.writeUInt32LE(e.offset, 42);
      return Buffer.concat([record, e.name]);
    });
    const directory = Buffer.concat(records);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([directory, end]);
  }

  /** The shared strings: each text's index, and the table's XML in order. */
  const shared = new Map<string, number>();
  const sharedXml: string[] = [];
  /** Each shared text's cell XML after its reference, unstyled (text columns): made once, not once per cell. */
  const plainTails: string[] = [];
  let sharedCount = 0;
  /** Whether a text went inline since the row began: then the row may hold more than ASCII. */
  let inlined = false;
  /** A text cell's XML after its reference: shared if the table takes it, inline otherwise. */
  function textTail(value: string, style: number): string {
    const s = style ? ` s="${style}"` : '';
    let index = shared.get(value);
    if (index === undefined) {
      if (shared.size >= SHARED_MAX || value.length > SHARED_LONGEST) {
        inlined = true;
        return `"${s} t="inlineStr"><is><t${hasEdges(value) ? ' xml:space="preserve"' : ''}>${xmlText(value)}</t></is></c>`;
      }
      index = shared.size;
      shared.set(value, index);
      sharedXml.push(`<si><t${hasEdges(value) ? ' xml:space="preserve"' : ''}>${xmlText(value)}</t></si>`);
      plainTails.push(`" t="s"><v>${index}</v></c>`);
    }
    sharedCount += 1;
    return style ? `"${s} t="s"><v>${index}</v></c>` : plainTails[index]!;
  }

  return {
    async sheet(name, columns, write) {
      healthy();
      sheetNames.push(name.slice(0, 31));
      const sheet = entry(`xl/worksheets/sheet${sheetNames.length}.xml`);
      sheet.write(sheetHead(columns));
      const styles = columns.map((column) =>
        column.kind === 'number' ? STYLE.number : column.kind === 'date' ? STYLE.date : 0,
      );
      // Each column's cell opening, `<c r="B` (the row number follows), and its number style, worked out once.
      const opens: string[] = [];
      const open = (index: number) => (opens[index] ??= `<c r="${columnName(index)}`);
      const numberStyles = styles.map((style) => (style ? ` s="${style}"` : ''));
      // A month has 31 days: each day's cell (its serial number) is built once.
      const dates = new Map<string, string>();
      const dateTail = (day: string) => {
        let tail = dates.get(day);
        if (tail === undefined) {
          tail = `" s="${STYLE.date}"><v>${daySerial(day)}</v></c>`;
          dates.set(day, tail);
        }
        return tail;
      };
      let rowNumber = 1;
      await write({
        row(cells) {
          rowNumber += 1;
          const n = `${rowNumber}`;
          let xml = `<row r="${n}">`;
          inlined = false;
          for (let index = 0; index < cells.length; index++) {
            const value = cells[index];
            if (value === null || value === undefined) continue;
            if (typeof value === 'string') xml += open(index) + n + textTail(value, styles[index] ?? 0);
            else if (typeof value === 'number') {
              if (Number.isFinite(value)) xml += `${open(index)}${n}"${numberStyles[index] ?? ''}><v>${value}</v></c>`;
            } else xml += open(index) + n + dateTail(value.day);
          }
          // Shared strings, numbers and dates are ASCII: such a row is copied into the buffer, not transcoded.
          if (inlined) sheet.write(`${xml}</row>`);
          else sheet.writeAscii(`${xml}</row>`);
        },
        flush: () => sheet.drain(),
      });
      sheet.write(SHEET_TAIL);
      await sheet.end();
    },
    async finish() {
      healthy();
      const sheets = sheetNames.map((_, index) => index + 1);
      if (sharedXml.length > 0) {
        const table = entry('xl/sharedStrings.xml');
        table.write(`${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${sharedCount}" uniqueCount="${sharedXml.length}">`);
        for (const si of sharedXml) table.write(si);
        table.write('</sst>');
        await table.end();
      }
      await part(
        '[Content_Types].xml',
        `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
          sheets
            .map(
              (n) =>
                `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
            )
            .join('') +
          (sharedXml.length > 0
            ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            : '') +
          '</Types>',
      );
      await part(
        '_rels/.rels',
        `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      );
      await part(
        'xl/workbook.xml',
        `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
          sheetNames
            .map((name, i) => `<sheet name="${xmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
            .join('') +
          '</sheets></workbook>',
      );
      await part(
        'xl/_rels/workbook.xml.rels',
        `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
          sheets
            .map((n) => `<Relationship Id="rId${n}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${n}.xml"/>`)
            .join('') +
          `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
          (sharedXml.length > 0
            ? `<Relationship Id="rId${sheets.length + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`
            : '') +
          '</Relationships>',
      );
      await part('xl/styles.xml', STYLES);
      put(centralDirectory());
      healthy();
      await new Promise<void>((resolve, reject) => {
        file.once('error', reject);
        file.end(resolve);
      });
      healthy();
    },
    /** Stops where it stands (the export failed or was cut off): the file is closed, unfinished. */
    abort() {
      failure ??= new Error('XLSX writer aborted');
      for (const deflate of compressors) deflate.destroy();
      compressors.clear();
      file.destroy();
    },
  };
}
