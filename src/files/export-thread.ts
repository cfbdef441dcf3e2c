/**
 * The export's writers' thread: the XLSX and the CSV of an export are built here (src/files/xlsx-writer.ts and
 * report-files.ts, the same writers as on the main thread), while the main thread reads the next pages and builds
 * their cells. Started for an export and ended with it by src/files/threaded-files.ts, which says what is sent
 * here; in the bundle it is an entry of its own (dist/files/export-thread.js, scripts/build.mjs).
 *
 * Messages are handled one after another, in the order sent. The first failure (a write refused, a directory gone)
 * is reported once and everything after it ignored; `close` stops the writers where they stand and ends the thread.
 */
import { parentPort, threadId } from 'node:worker_threads';
import { csvFileSink, xlsxFileSink } from './report-files';
import { type RowBatch, rowDecoder } from './row-batch';
import type { ExportColumn, SheetSink } from './sheet-sink';
import { ACK_ROWS, type ThreadReply, type ThreadRequest } from './threaded-files';

function portOf() {
  if (!parentPort) throw new Error('export-thread.ts runs as a worker thread (src/files/threaded-files.ts starts it)');
  return parentPort;
}
const port = portOf();

type Xlsx = Awaited<ReturnType<typeof xlsxFileSink>>;
type Csv = ReturnType<typeof csvFileSink>;
interface OpenSheet {
  readonly sink: SheetSink;
  readonly end: () => void;
  readonly done: Promise<void>;
}
type Writer = { kind: 'xlsx'; file: Xlsx; sheet?: OpenSheet } | { kind: 'csv'; file: Csv };

const writers = new Map<number, Writer>();
const decoder = rowDecoder();
let failed = false;
let closing = false;
/** Rows written and not yet told to the main thread: told every ACK_ROWS, not after every batch. */
let untold = 0;

const reply = (message: ThreadReply) => port.postMessage(message);

function writer(id: number): Writer {
  const found = writers.get(id);
  if (!found) throw new Error(`export thread: no writer ${id}`);
  return found;
}

/** Where writer `id`'s rows go: the CSV, or the workbook's sheet being written. */
function sinkOf(id: number): SheetSink {
  const target = writer(id);
  if (target.kind === 'csv') return target.file;
  if (!target.sheet) throw new Error(`export thread: writer ${id} has no sheet open`);
  return target.sheet.sink;
}

async function openSheet(id: number, name: string, columns: readonly ExportColumn[]): Promise<void> {
  const target = writer(id);
  if (target.kind !== 'xlsx') throw new Error(`export thread: writer ${id} is no workbook`);
  let sink: SheetSink | undefined;
  let end = () => {};
  const ended = new Promise<void>((resolve) => {
    end = resolve;
  });
  const done = target.file.sheet(name, columns, async (opened) => {
    sink = opened;
    await ended;
  });
  // The writer calls back at once, unless it has already failed: then its failure is this one.
  if (!sink) await done;
  if (!sink) throw new Error('export thread: the sheet did not open');
  // Until the sheet's end is awaited, a failure inside it is reported by the next step, not left unhandled.
  done.catch(() => {});
  target.sheet = { sink, end, done };
}

async function endSheet(id: number): Promise<void> {
  const target = writer(id);
  if (target.kind !== 'xlsx' || !target.sheet) throw new Error(`export thread: writer ${id} has no sheet open`);
  const { end, done } = target.sheet;
  target.sheet = undefined;
  end();
  await done;
}

async function rows(batch: RowBatch): Promise<void> {
  await decoder.apply(batch, {
    row: (to, cells) => sinkOf(to).row(cells),
    flush: async (to) => {
      await sinkOf(to).flush?.();
    },
  });
}

async function handle(request: ThreadRequest): Promise<void> {
  switch (request.type) {
    case 'open':
      writers.set(
        request.id,
        request.kind === 'xlsx'
          ? { kind: 'xlsx', file: await xlsxFileSink(request.filename) }
          : { kind: 'csv', file: csvFileSink(request.filename) },
      );
      return;
    case 'sheet':
      return openSheet(request.id, request.name, request.columns);
    case 'rows':
      await rows(request.batch);
      untold += request.batch.rows;
      if (untold >= ACK_ROWS) {
        reply({ type: 'written', rows: untold });
        untold = 0;
      }
      return;
    case 'sheetEnd':
      return endSheet(request.id);
    case 'finish':
      await writer(request.id).file.finish();
      writers.delete(request.id);
      reply({ type: 'finished', id: request.id, threadId });
      return;
    case 'close':
      return;
  }
}

/** Stops every writer not finished where it stands (its file closed) and lets the thread end. */
function close(): void {
  closing = true;
  for (const target of writers.values()) target.file.abort();
  writers.clear();
  port.close();
}

let queue = Promise.resolve();
port.on('message', (request: ThreadRequest) => {
  // Out of turn: the export is over (finished, failed or cut off), whatever is still queued.
  if (request.type === 'close') return close();
  queue = queue.then(async () => {
    if (failed || closing) return;
    try {
      await handle(request);
    } catch (error) {
      failed = true;
      const { name, message, code } = error as NodeJS.ErrnoException;
      reply({ type: 'failed', error: { name: String(name), message: String(message), code } });
    }
  });
});
reply({ type: 'ready', threadId });
