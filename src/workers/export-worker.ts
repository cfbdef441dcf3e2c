/**
 * The export worker: writes the files of the /export requests the command stored (features/reports' export requests),
 * outside any update's transaction, and hands them to the one sender as documents.
 *
 * Why not in the handler: a province's month at 5M entries takes tens of seconds to write, and an update's
 * transaction (on SQLite a group commit, holding the write lock) would keep every other update of every group
 * waiting behind it. Here the export only reads, a page at a time, between other work: on SQLite each read takes the
 * connection for one statement, on PostgreSQL a pooled connection; the write lock is taken only by the claim, the
 * lease renewals and the last small transaction that marks the request finished and queues the files.
 *
 * Once: a request is claimed with a lease, renewed as pages go out. A process that dies mid-export leaves the lease
 * to lapse and the next worker (this process restarted, or another) starts the export again from the beginning; a
 * worker that lost its lease finishes nothing. Marking finished and queueing the files are one transaction.
 *
 * One export at a time per process: its memory is a page of rows and the writers' buffers, and the bot's other work
 * keeps the event loop between pages. It runs beside the sender, never inside a delivery pass, so other chats'
 * messages go out while it writes.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../clock';
import type { Directory } from '../directory/directory';
import {
  type ClaimedExport,
  claimExport,
  EXPORT_REQUESTED_HOOK,
  finishExport,
  forgetSentExportFiles,
  releaseExport,
  renewExportLease,
  writeExport,
} from '../features/reports';
import { csvFileSink, xlsxFileSink } from '../files/report-files';
import type { SheetSink, WorkbookSink } from '../files/sheet-sink';
import { threadedFiles } from '../files/threaded-files';
import { t } from '../i18n/texts';
import { isLocale, type Locale } from '../kernel/locale';
import type { Logger } from '../logger';
import { Outgoing } from '../outbox/outgoing';
import type { AfterSent } from '../outbox/sender';
import type { Db } from '../storage/schema';
import { createLoop } from './loop';

/** The files of one export; tests pass writers that wait or fail. */
export interface ExportFiles {
  xlsx(filename: string): Promise<WorkbookSink & { finish(): Promise<void> }>;
  csv(filename: string): SheetSink & { finish(): Promise<void> };
  /** Called once the export is over, its files finished or not: ends what they hold (the writers' thread). */
  close?(): Promise<void>;
  /** The thread the files were written in, when not this one (the log says it). */
  readonly threadId?: number;
}

/**
 * The bot's: an export's XLSX and CSV are written in a worker thread of its own, started for the export and ended
 * with it (src/files/threaded-files.ts), while this thread reads the store and builds the cells.
 */
export const exportFiles = (): ExportFiles => threadedFiles();
/** The same writers in this thread (tests, and a fallback for a process that cannot start a thread). */
export const inThreadExportFiles = (): ExportFiles => ({ xlsx: xlsxFileSink, csv: csvFileSink });

/** The after-sent hook of the documents: their bytes leave the outbox once Telegram has them. */
const EXPORT_SENT_HOOK = 'exportSent';

/** Larger exports are refused: the file goes through the outbox row as base64, and Telegram takes 50 MB at most. */
export const MAX_EXPORT_BYTES = 20 * 1024 * 1024;
/** A claim's lease; renewed as pages go out, once a quarter of it has passed. */
export const EXPORT_LEASE_MS = 2 * 60_000;
/** Claims of one request before the worker gives up on it (each ended by a crash or a restart). */
export const MAX_EXPORT_ATTEMPTS = 3;
/** Where an export writes, under the system's temporary directory. */
const TEMP_PREFIX = 'thidua-export-';
/** A temporary directory this old is a crashed export's: no export runs that long. */
const STALE_TEMP_MS = 24 * 60 * 60_000;
/** How often the worker looks for requests nobody woke it for (a lapsed claim, an acknowledgement not sent). */
const EXPORT_POLL_MS = 30_000;

export interface ExportWorkerOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The cached directory outside any transaction: the unit tree and the metrics. */
  readonly directory: Directory;
  /** This process's name in lease_owner. */
  readonly owner: string;
  /** Told when a request's answers are in the outbox: wakes the sender. */
  readonly onQueued: () => void;
  /** Opens an export's files (exportFiles unless told). */
  readonly files?: () => ExportFiles;
  /** The commendation levels proposed rather than decided in the bot (COMMENDATION_LEVELS). */
  readonly proposals?: ReadonlySet<string>;
  readonly leaseMs?: number;
  readonly intervalMs?: number;
  /** MAX_EXPORT_BYTES unless told (tests). */
  readonly maxBytes?: number;
}

export interface ExportWorker {
  /** Looks for requests now, then every interval, until stopped. */
  start(): void;
  /** Looks for requests now (a request was just acknowledged). */
  wake(): void;
  /** Exports every request claimable now, one after another; returns how many it finished (tests and tools). */
  drain(): Promise<number>;
  /** Stops looking; an export under way stops at its next page and hands its request back. */
  stop(): Promise<void>;
  /** The sender's hooks: the acknowledgement wakes the worker, a sent document drops its bytes. */
  readonly afterSent: Readonly<Record<string, AfterSent>>;
}

/** The claim was taken over by another worker (this one stalled past its lease): it finishes nothing. */
class LeaseLost extends Error {}
/** The process is stopping: the request goes back for the next worker. */
class Stopping extends Error {}

export function createExportWorker(options: ExportWorkerOptions): ExportWorker {
  const { db, clock, logger, directory, owner } = options;
  const openFiles = options.files ?? exportFiles;
  const leaseMs = options.leaseMs ?? EXPORT_LEASE_MS;
  const intervalMs = options.intervalMs ?? EXPORT_POLL_MS;
  const maxBytes = options.maxBytes ?? MAX_EXPORT_BYTES;
  let stopped = false;

  /** The request's answers, in its language, replying to the command. */
  function answersOf(claim: ClaimedExport) {
    const locale: Locale = isLocale(claim.locale) ? claim.locale : 'vi';
    const out = new Outgoing((count) => t(locale, 'list.more', { count }));
    const where = { replyTo: claim.replyTo, threadId: claim.threadId };
    return { locale, out, where };
  }

  async function finish(claim: ClaimedExport, outcome: { status: 'done' | 'failed'; error?: string }, out: Outgoing) {
    const replies = out.replies.map((reply) =>
      reply.kind === 'document'
        ? { ...reply, payload: { ...reply.payload, afterSent: { kind: EXPORT_SENT_HOOK, id: claim.id } } }
        : reply,
    );
    if (!(await finishExport(db, claim, outcome, replies, clock.now()))) throw new LeaseLost();
    options.onQueued();
  }

  /** Writes the request's files and queues them; the caller settles failures. Resolves with the writers' thread. */
  async function exportFilesOf(claim: ClaimedExport, dir: string): Promise<number | undefined> {
    const { locale, out, where } = answersOf(claim);
    const tree = await directory.units();
    const unit = tree.byId(claim.unitId);
    if (!unit) throw new Error(`unit ${claim.unitId} is no longer in the tree`);
    let renewedAt = clock.now().getTime();
    const heartbeat = async () => {
      if (stopped) throw new Stopping();
      const now = clock.now();
      if (now.getTime() - renewedAt < leaseMs / 4) return;
      if (!(await renewExportLease(db, claim, now, leaseMs))) throw new LeaseLost();
      renewedAt = now.getTime();
    };
    const { range } = claim;
    const base = `thidua-${unit.code}-${range.from}-${range.to}`;
    const paths = { xlsx: join(dir, `${base}.xlsx`), csv: join(dir, `${base}.csv`) };
    const files = openFiles();
    let entries = 0;
    try {
      const workbook = await files.xlsx(paths.xlsx);
      const csv = files.csv(paths.csv);
      // The CSV gets every page of entries: each page, once drained, is where the lease is renewed.
      const pacedCsv: SheetSink = {
        row: (cells) => csv.row(cells),
        flush: async () => {
          await csv.flush?.();
          await heartbeat();
        },
      };
      ({ entries } = await writeExport(
        db,
        { tree, catalog: await directory.metrics(), unitId: unit.id, range, locale, proposals: options.proposals },
        { workbook, csv: pacedCsv },
      ));
      await Promise.all([workbook.finish(), csv.finish()]);
    } finally {
      // Finished, failed or cut off: the writers' thread ends with the export.
      await files.close?.();
    }
    await heartbeat();
    const sizes = { xlsx: statSync(paths.xlsx).size, csv: statSync(paths.csv).size };
    const megabytes = maxBytes / 2 ** 20;
    if (sizes.xlsx > maxBytes) {
      out.send(claim.chatId, t(locale, 'export.tooLarge', { megabytes }), where);
      await finish(claim, { status: 'failed', error: 'too large' }, out);
      return files.threadId;
    }
    // The CSV (about three times the workbook's size: it is not compressed) is left out when both would not fit.
    const withCsv = sizes.xlsx + sizes.csv <= maxBytes;
    const caption = t(locale, 'export.caption', { unit: unit.name, from: range.from, to: range.to, entries });
    out.document(claim.chatId, { bytes: readFileSync(paths.xlsx), filename: `${base}.xlsx`, caption }, where);
    if (withCsv) out.document(claim.chatId, { bytes: readFileSync(paths.csv), filename: `${base}.csv` }, where);
    else out.send(claim.chatId, t(locale, 'export.csvLeftOut', { megabytes }), where);
    await finish(claim, { status: 'done' }, out);
    return files.threadId;
  }

  /** Claims one request and sees it through; false when none was claimable. */
  async function exportOne(): Promise<boolean> {
    const claim = await claimExport(db, { owner, now: clock.now(), leaseMs });
    if (!claim) return false;
    const apologise = (error: string) => {
      const { locale, out, where } = answersOf(claim);
      out.send(claim.chatId, t(locale, 'export.failed'), where);
      return finish(claim, { status: 'failed', error }, out);
    };
    // A directory of its own: another worker (another process, or one that stalled past its lease) may still be
    // writing this request's files in its own.
    const dir = mkdtempSync(join(tmpdir(), TEMP_PREFIX));
    try {
      if (claim.attempts > MAX_EXPORT_ATTEMPTS) {
        logger.error({ requestId: claim.id, attempts: claim.attempts }, 'export given up: every attempt was cut off');
        await apologise(`gave up after ${MAX_EXPORT_ATTEMPTS} attempts`);
        return true;
      }
      const thread = await exportFilesOf(claim, dir);
      logger.info({ requestId: claim.id, attempts: claim.attempts, thread }, 'export queued');
    } catch (error) {
      if (error instanceof LeaseLost) {
        logger.warn({ requestId: claim.id, owner }, 'export taken over by another worker; this one finishes nothing');
      } else if (error instanceof Stopping) {
        await releaseExport(db, claim).catch(() => false);
      } else {
        logger.error({ err: error, requestId: claim.id }, 'export failed');
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        // When even the apology cannot be stored (the database is away), the claim lapses and is tried again.
        await apologise(message).catch((failure: unknown) => {
          if (!(failure instanceof LeaseLost)) logger.error({ err: failure, requestId: claim.id }, 'export unsettled');
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return true;
  }

  async function drain(): Promise<number> {
    let handled = 0;
    while (!stopped && (await exportOne())) handled += 1;
    return handled;
  }

  // Drains now, or again right after the drain under way; then looks again every interval.
  const loop = createLoop({
    name: 'export pass',
    logger,
    intervalMs,
    run: async () => {
      await drain();
    },
  });

  /** Removes what exports cut off by a crash left in the temporary directory. */
  function sweepStaleFiles(): void {
    const before = Date.now() - STALE_TEMP_MS;
    try {
      for (const name of readdirSync(tmpdir())) {
        const path = join(tmpdir(), name);
        if (name.startsWith(TEMP_PREFIX) && statSync(path).mtimeMs < before)
          rmSync(path, { recursive: true, force: true });
      }
    } catch (error) {
      logger.warn({ err: error }, 'could not sweep old export files');
    }
  }

  return {
    start() {
      if (stopped) return;
      sweepStaleFiles();
      loop.start();
    },
    wake: () => loop.wake(),
    drain,
    async stop() {
      stopped = true;
      await loop.stop();
    },
    afterSent: {
      [EXPORT_REQUESTED_HOOK]: async () => loop.wake(),
      [EXPORT_SENT_HOOK]: async (store, hook) => {
        await forgetSentExportFiles(store, hook.id);
      },
    },
  };
}
