/**
 * An export's XLSX and CSV written in a worker thread of their own (src/files/export-thread.ts), the same writers
 * as in this thread: the main thread reads the store and builds the cells, the thread turns them into XML, CSV and
 * deflated bytes, at the same time, on two cores (docs/PERFORMANCE.md, "Reports, roll-ups and exports").
 *
 * The rows cross as typed arrays, each text once (src/files/row-batch.ts), in a batch per flush. A flush here
 * returns once the batch is sent, unless the thread is more than AHEAD_ROWS rows behind: then it waits for the
 * thread, so what waits between the two stays a few pages at most. A failure in the thread (a write refused, a
 * directory gone) is told by the next flush or the finish, as the writers in this thread do.
 *
 * The thread starts with the first file opened and ends with close(), which the export calls once it is over,
 * finished or not: an unfinished file is closed where it stands.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type RowBatch, rowEncoder } from './row-batch';
import type { ExportColumn, SheetSink, WorkbookSink } from './sheet-sink';

/** What the main thread asks of the writers' thread, in order (`close` out of turn). */
export type ThreadRequest =
  | { readonly type: 'open'; readonly id: number; readonly kind: 'xlsx' | 'csv'; readonly filename: string }
  | { readonly type: 'sheet'; readonly id: number; readonly name: string; readonly columns: readonly ExportColumn[] }
  | { readonly type: 'rows'; readonly batch: RowBatch }
  | { readonly type: 'sheetEnd'; readonly id: number }
  | { readonly type: 'finish'; readonly id: number }
  | { readonly type: 'close' };

/** What the thread answers. */
export type ThreadReply =
  | { readonly type: 'ready'; readonly threadId: number }
  | { readonly type: 'written'; readonly rows: number }
  | { readonly type: 'finished'; readonly id: number; readonly threadId: number }
  | { readonly type: 'failed'; readonly error: { name: string; message: string; code?: string } };

/**
 * Rows (to either writer) the thread may be behind before a flush waits for it: four flushes' rows to both writers.
 * The thread is the slower side (docs/PERFORMANCE.md), so more would only hold more rows in memory.
 */
export const AHEAD_ROWS = 8000;
/**
 * The thread tells how far it has written every this many rows (a message per batch cost about 0.1 ms each, 85 ms
 * an export); less than AHEAD_ROWS, so a flush waiting for the thread is always woken.
 */
export const ACK_ROWS = 2000;
/** How long close() waits for the thread to end by itself before it is terminated. */
const CLOSE_WAIT_MS = 5000;

/** The thread's module and how to start it: the bundle's dist/files/export-thread.js, or the source under tsx. */
function threadEntry(module?: URL): { url: URL | string; eval: boolean } {
  if (module) return { url: module, eval: false };
  const here = new URL(import.meta.url);
  if (here.pathname.endsWith('.ts')) {
    // Sources (tests, benches, tsx): Node 20 runs no loader given by --import in a worker, so the thread imports
    // tsx's API and loads the TypeScript through it.
    const tsx = join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist/esm/api/index.mjs');
    const entry = new URL('./export-thread.ts', here).href;
    const code = `import(${JSON.stringify(pathToFileURL(tsx).href)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;
    return { url: code, eval: true };
  }
  // The bundle: this code sits in dist/chunks/ or in an entry under dist/; the thread is dist/files/export-thread.js.
  for (const path of ['./export-thread.js', '../files/export-thread.js', './files/export-thread.js']) {
    const url = new URL(path, here);
    if (existsSync(url)) return { url, eval: false };
  }
  throw new Error(`the export thread's module is not in the bundle (looked beside ${here.pathname})`);
}

/** An export's two files and their thread. */
export interface ThreadedFiles {
  xlsx(filename: string): Promise<WorkbookSink & { finish(): Promise<void> }>;
  csv(filename: string): SheetSink & { finish(): Promise<void> };
  /** Ends the thread, the files finished or not (then they are closed where they stand). */
  close(): Promise<void>;
  /** The thread's id, once it has said it runs (logs, and the test that the bundle's export uses it). */
  readonly threadId: number | undefined;
}

export interface ThreadedFilesOptions {
  /** The thread's module, built (the bench gives the bundle's, so that its thread starts as the bot's does). */
  readonly module?: URL;
}

export function threadedFiles(options: ThreadedFilesOptions = {}): ThreadedFiles {
  let worker: Worker | undefined;
  let exited: Promise<void> | undefined;
  let failure: Error | undefined;
  let closed = false;
  let threadId: number | undefined;
  let writers = 0;
  const encoder = rowEncoder();
  /** Rows sent and not yet written by the thread. */
  let ahead = 0;
  let wake: (() => void) | undefined;
  const finishing = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  function fail(error: Error): void {
    failure ??= error;
    for (const waiter of finishing.values()) waiter.reject(failure);
    finishing.clear();
    wake?.();
  }

  function thread(): Worker {
    if (worker) return worker;
    if (closed) throw new Error('the export files are closed');
    const entry = threadEntry(options.module);
    const started = new Worker(entry.url, { eval: entry.eval });
    started.on('message', (message: ThreadReply) => {
      switch (message.type) {
        case 'ready':
          threadId = message.threadId;
          return;
        case 'written':
          ahead -= message.rows;
          wake?.();
          return;
        case 'finished':
          threadId = message.threadId;
          finishing.get(message.id)?.resolve();
          finishing.delete(message.id);
          return;
        case 'failed':
          fail(Object.assign(new Error(message.error.message), message.error));
          return;
      }
    });
    started.on('error', (error) => fail(error));
    started.on('messageerror', (error) => fail(error));
    exited = new Promise<void>((resolve) => {
      started.once('exit', (code) => {
        if (!closed) fail(new Error(`the export thread stopped (exit code ${code})`));
        resolve();
      });
    });
    worker = started;
    return started;
  }

  const healthy = () => {
    if (failure) throw failure;
  };

  /** Sends the rows gathered so far, their buffers transferred. */
  function sendRows(): void {
    if (!encoder.pending) return;
    const batch = encoder.take();
    ahead += batch.rows;
    thread().postMessage({ type: 'rows', batch } satisfies ThreadRequest, [
      batch.kinds.buffer as ArrayBuffer,
      batch.values.buffer as ArrayBuffer,
    ]);
  }

  /** Sends a step after the rows before it. */
  function send(request: ThreadRequest): void {
    healthy();
    sendRows();
    thread().postMessage(request);
  }

  async function flush(id: number): Promise<void> {
    healthy();
    encoder.flush(id);
    sendRows();
    // One turn of the event loop, as the writers in this thread give it: the bot's other work goes on meanwhile.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (!failure && ahead > AHEAD_ROWS)
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    wake = undefined;
    healthy();
  }

  function finish(id: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure);
      finishing.set(id, { resolve, reject });
      send({ type: 'finish', id });
    });
  }

  function open(kind: 'xlsx' | 'csv', filename: string): number {
    const id = writers++;
    send({ type: 'open', id, kind, filename });
    return id;
  }

  return {
    async xlsx(filename) {
      const id = open('xlsx', filename);
      return {
        async sheet(name, columns, write) {
          send({ type: 'sheet', id, name, columns });
          await write({ row: (cells) => encoder.row(id, cells), flush: () => flush(id) });
          send({ type: 'sheetEnd', id });
        },
        finish: () => finish(id),
      };
    },
    csv(filename) {
      const id = open('csv', filename);
      return { row: (cells) => encoder.row(id, cells), flush: () => flush(id), finish: () => finish(id) };
    },
    async close() {
      if (closed) return;
      closed = true;
      if (!worker || !exited) return;
      worker.postMessage({ type: 'close' } satisfies ThreadRequest);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), CLOSE_WAIT_MS);
      });
      if ((await Promise.race([exited, late])) === 'late') await worker.terminate();
      clearTimeout(timer);
      await exited;
    },
    get threadId() {
      return threadId;
    },
  };
}
