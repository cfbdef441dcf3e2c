/**
 * Reads an office's spreadsheet (XLSX, XLS, ODS or CSV) into plain rows of cell values, for the roster import.
 *
 * Spreadsheets go through SheetJS (@e965/xlsx, SheetJS 0.20.3 as published by its authors, republished on npm:
 * the `xlsx` 0.18.5 on npm has known CVEs), loaded on first use so the idle bot never holds it. It reads cached
 * values of formula cells (never evaluating them), merged ranges, 1900 and 1904 date systems and the old .xls
 * format offices still send. CSV is read here, by a small RFC 4180 parser: SheetJS guesses types in CSV (it reads
 * "01/02/2024" as a US date), and the roster wants text. Nothing is kept: the bytes are the caller's.
 */
/** A cell's value: text, a number (an Excel date is its serial number), a boolean, or empty. */
export type RawCell = string | number | boolean | null;

/** One row of a sheet and its number as the spreadsheet shows it (1-based). */
export interface RawRow {
  readonly row: number;
  readonly cells: readonly RawCell[];
}

export interface RawSheet {
  readonly name: string;
  readonly rows: readonly RawRow[];
}

export interface RawWorkbook {
  readonly sheets: readonly RawSheet[];
  /** Whether date serials count from 1904 (old Mac workbooks) rather than 1900. */
  readonly date1904: boolean;
}

/** Why a file could not be read at all (each a text key). */
export type ReadError = 'import.tooLarge' | 'import.unreadable';

/** The largest file read: the 5 MB. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** The most a zipped workbook may unpack to: bounds SheetJS's memory against a "zip bomb" of a few MB. */
export const MAX_UNZIPPED_BYTES = 80 * 1024 * 1024;
/** A merged range is copied into at most this many cells (a whole-column merge is not a million copies). */
const MAX_MERGE_CELLS = 10_000;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((byte, i) => bytes[i] === byte);

/** Reads the workbook: its sheets' rows with merged ranges filled from their first cell. Never throws. */
export async function readWorkbook(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, error: 'import.tooLarge' };
  if (startsWith(bytes, ZIP) || startsWith(bytes, CFB)) return readSpreadsheet(bytes);
  const text = decodeText(bytes);
  if (text === undefined) return { ok: false, error: 'import.unreadable' };
  return { ok: true, value: { sheets: [{ name: sheetNameOf(fileName), rows: parseCsv(text) }], date1904: false } };
}

export type ReadResult = { ok: true; value: RawWorkbook } | { ok: false; error: ReadError };

const sheetNameOf = (fileName: string) => fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');

async function readSpreadsheet(bytes: Uint8Array): Promise<ReadResult> {
  if (startsWith(bytes, ZIP)) {
    const unzipped = unzippedSize(bytes);
    if (unzipped === undefined) return { ok: false, error: 'import.unreadable' };
    if (unzipped > MAX_UNZIPPED_BYTES) return { ok: false, error: 'import.tooLarge' };
  }
  // Loaded here, not at the top: the bot's idle memory does not pay for it (docs/PERFORMANCE.md).
  const XLSX = await import('@e965/xlsx');
  let book: import('@e965/xlsx').WorkBook;
  try {
    book = XLSX.read(bytes, {
      type: 'buffer',
      dense: true,
      cellFormula: false,
      cellHTML: false,
      cellText: false,
      cellNF: false,
      cellStyles: false,
      cellDates: false,
      bookVBA: false,
    });
  } catch {
    return { ok: false, error: 'import.unreadable' };
  }
  const sheets = book.SheetNames.map((name) => denseRows(name, book.Sheets[name]));
  return { ok: true, value: { sheets, date1904: Boolean(book.Workbook?.WBProps?.date1904) } };
}

type DenseCell = { t?: string; v?: unknown } | null | undefined;

/** A sheet's rows (empty ones left out), each cell its value, merged ranges filled from their top-left cell. */
function denseRows(name: string, sheet: import('@e965/xlsx').WorkSheet | undefined): RawSheet {
  const data = ((sheet as { '!data'?: DenseCell[][] } | undefined)?.['!data'] ?? []) as (DenseCell[] | undefined)[];
  const grid: RawCell[][] = data.map((row) => (row ?? []).map(cellValue));
  for (const merge of sheet?.['!merges'] ?? []) {
    const first = grid[merge.s.r]?.[merge.s.c] ?? null;
    if (first === null) continue;
    const lastRow = Math.min(merge.e.r, grid.length - 1);
    if ((lastRow - merge.s.r + 1) * (merge.e.c - merge.s.c + 1) > MAX_MERGE_CELLS) continue;
    for (let r = merge.s.r; r <= lastRow; r++) {
      const row = grid[r] ?? [];
      grid[r] = row;
      for (let c = merge.s.c; c <= merge.e.c; c++) row[c] ??= first;
    }
  }
  const rows: RawRow[] = [];
  grid.forEach((cells, index) => {
    const filled = Array.from(cells, (cell) => cell ?? null);
    if (filled.some((cell) => cell !== null && cell !== '')) rows.push({ row: index + 1, cells: filled });
  });
  return { name, rows };
}

function cellValue(cell: DenseCell): RawCell {
  if (!cell || cell.v === undefined || cell.v === null) return null;
  if (cell.t === 'e') return null;
  const value = cell.v;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

/**
 * The sum of the entries' uncompressed sizes, from the zip's central directory; undefined when there is none.
 * Read before SheetJS unpacks anything, so a small file that would unpack to gigabytes is refused first.
 */
function unzippedSize(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 22 bytes plus a comment of at most 64 KiB.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) !== 0x06054b50) continue;
    const count = view.getUint16(at + 10, true);
    let entry = view.getUint32(at + 16, true);
    let total = 0;
    for (let i = 0; i < count; i++) {
      if (entry + 46 > bytes.length || view.getUint32(entry, true) !== 0x02014b50) return undefined;
      total += view.getUint32(entry + 24, true);
      entry +=
        46 + view.getUint16(entry + 28, true) + view.getUint16(entry + 30, true) + view.getUint16(entry + 32, true);
    }
    return total;
  }
  return undefined;
}

/** UTF-8 (with or without its byte-order mark) or UTF-16 with one; undefined for binary data. */
function decodeText(bytes: Uint8Array): string | undefined {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return undefined;
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Control characters other than tab and line ends mean this is not text.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point.
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) return undefined;
  return text;
}

/** The separator of a CSV file: the one of comma, semicolon and tab its first line holds most of, outside quotes. */
function separatorOf(text: string): string {
  const firstLine = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((sep) => [sep, firstLine.split(sep).length - 1] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** Parses CSV text (RFC 4180: quoted fields may hold separators, quotes doubled and line breaks); every cell text. */
export function parseCsv(text: string): RawRow[] {
  const sep = separatorOf(text);
  const rows: RawRow[] = [];
  let cells: RawCell[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endField = () => {
    cells.push(field === '' ? null : field);
    field = '';
  };
  const endRow = () => {
    endField();
    if (cells.some((cell) => cell !== null && String(cell).trim() !== '')) rows.push({ row: rowLine, cells });
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"' && field === '') quoted = true;
    else if (char === sep) endField();
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += char;
  }
  if (field !== '' || cells.length > 0) endRow();
  return rows;
}
