/**
 * The file formats behind /export and /chart: our streaming XLSX writer, a CSV file, and resvg for PNGs.
 * Kept here, at the edge, because services import no packages (test/architecture); the services hand over rows
 * and SVG text through the ports in src/features/reports/export.ts.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { FONT_FAMILY, FONT_FILES } from './fonts';
import type { ExportCell, SheetSink, WorkbookSink } from './sheet-sink';
import { textChunks } from './text-chunks';
import { createXlsxWriter } from './xlsx-writer';

/**
 * An XLSX written as it goes (our own streaming writer, src/files/xlsx-writer.ts): rows are deflated into the
 * file as they come, so a year's export holds a few rows in memory, not the workbook. Dates as dates (dd/mm/yyyy),
 * numbers as numbers, bold Vietnamese headers.
 */
export async function xlsxFileSink(
  filename: string,
): Promise<WorkbookSink & { finish(): Promise<void>; abort(): void }> {
  return createXlsxWriter(filename);
}

/** Lets the compressor and the file catch up: one turn of the event loop, then a drain if the stream asks for one. */
async function drained(stream: Writable | undefined): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (stream?.writableNeedDrain) await once(stream, 'drain');
}

/** What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): =, +, -, @, tab and carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field, the one rule for every CSV the bot writes: numbers as numbers, dates as dd/mm/yyyy, and text that
 * a spreadsheet would run as a formula prefixed with ' and quoted (OWASP's advice on CSV injection); text with a
 * quote, comma or line break quoted as RFC 4180 says.
 */
export function csvField(cell: ExportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = typeof cell === 'object' ? cell.day.split('-').reverse().join('/') : cell;
  if (FORMULA_START.test(text)) return `"'${text.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Texts whose field the CSV writer remembers at most, each at most this long: an export repeats a few thousand. */
const REMEMBERED_FIELDS = 50_000;
const REMEMBERED_LONGEST = 120;
const [COMMA, CR, LF] = [0x2c, 0x0d, 0x0a];

/** A CSV file, UTF-8 with a byte-order mark so Excel reads Vietnamese right; CRLF line ends as RFC 4180 says. */
export function csvFileSink(filename: string): SheetSink & { finish(): Promise<void>; abort(): void } {
  const stream: WriteStream = createWriteStream(filename);
  // A failed write (disk full, directory gone) is the export's failure, told by the next flush or the finish,
  // never an uncaught 'error' event that would end the process.
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure ??= error;
  });
  const healthy = () => {
    if (failure) throw failure;
  };
  const chunks = textChunks((bytes, done) => stream.write(bytes, done));
  chunks.write('\uFEFF');
  // The fields of texts and days seen before (units, metrics, people repeat on every page), as csvField made them,
  // in UTF-8: a row is these bytes copied, numbers and separators, without a line's string to build and encode.
  const texts = new Map<string, Buffer>();
  const days = new Map<string, Buffer>();
  const remembered = (seen: Map<string, Buffer>, key: string, cell: ExportCell): Buffer | string => {
    const made = seen.get(key);
    if (made !== undefined) return made;
    const text = csvField(cell);
    if (seen.size >= REMEMBERED_FIELDS || key.length > REMEMBERED_LONGEST) return text;
    const bytes = Buffer.from(text, 'utf8');
    seen.set(key, bytes);
    return bytes;
  };
  return {
    row(cells) {
      for (let index = 0; index < cells.length; index++) {
        if (index > 0) chunks.byte(COMMA);
        const cell = cells[index] ?? null;
        if (cell === null) continue;
        // csvField's numbers: String(cell), ASCII.
        if (typeof cell === 'number') chunks.writeAscii(String(cell));
        else {
          const made = typeof cell === 'string' ? remembered(texts, cell, cell) : remembered(days, cell.day, cell);
          if (typeof made === 'string') chunks.write(made);
          else chunks.bytes(made);
        }
      }
      chunks.byte(CR);
      chunks.byte(LF);
    },
    async flush() {
      chunks.push();
      healthy();
      await drained(stream);
      healthy();
    },
    finish: () =>
      new Promise<void>((resolve, reject) => {
        chunks.push();
        if (failure) return reject(failure);
        stream.once('error', reject);
        stream.end(resolve);
      }),
    /** Stops where it stands (the export failed or was cut off): the file is closed, unfinished. */
    abort() {
      failure ??= new Error('CSV writer aborted');
      stream.destroy();
    },
  };
}

/** Be Vietnam Pro, a TTF with every Vietnamese diacritic; resvg draws WOFF2 blank, so the TTF files are given. */
export const CHART_FONT_FILES = [FONT_FILES.regular, FONT_FILES.bold];

/**
 * Renders chart SVG to PNG with resvg, with the bundled font only: no system fonts are loaded, so a chart looks
 * the same on every server and a machine without Vietnamese fonts draws no empty boxes.
 */
export async function renderPng(svg: string): Promise<Uint8Array> {
  // Loaded on first use: a native module the bot needs only for /chart.
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    font: { fontFiles: CHART_FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}
