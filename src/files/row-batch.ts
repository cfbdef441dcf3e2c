/**
 * Rows as the export hands them to its writers' thread (src/files/export-thread.ts): each cell a kind (a byte) and a
 * value (a float64) in two typed arrays whose buffers are transferred, not copied; a text as a number, the id it got
 * the first time it was sent, so a unit's, a metric's or a person's name crosses once per export, not once per row.
 * A month of the province is 212,329 rows of 14 cells and a few thousand distinct texts.
 *
 * A batch is a stream of steps: `row` (to a writer: the cells follow, up to the next step), `same` (the previous
 * row's cells again, to another writer: the entries go to the workbook and the CSV alike) and `flush` (drain a
 * writer here, where the export flushed it), so the thread writes and drains exactly as the writers would have in
 * this thread, and the files are the same bytes.
 */
import type { ExportCell } from './sheet-sink';

/** What a slot of a batch holds. Below ROW, a cell; from ROW on, a step whose value is the writer it is for. */
const EMPTY = 0;
const NUMBER = 1;
/** A text of the table: the value is its id. */
const TEXT = 2;
/** A day (a date cell): the value is the id of its text, yyyy-mm-dd. */
const DAY = 3;
/** A text sent with this batch alone (long, or past the table's size): the value is its index in `once`. */
const ONCE = 4;
/** A day whose text is sent with this batch alone (the table is full). */
const DAY_ONCE = 5;
const ROW = 6;
const SAME = 7;
const FLUSH = 8;

/** Texts given an id at most (the thread keeps them all until the export ends), each at most this long. */
export const TEXTS_KEPT = 50_000;
export const TEXT_LONGEST = 120;

/** Slots a new batch starts with; it grows as needed. */
const FIRST_CAPACITY = 1 << 14;

export interface RowBatch {
  readonly kinds: Uint8Array;
  readonly values: Float64Array;
  /** Slots used (the arrays may be longer). */
  readonly length: number;
  /** Texts seen first in this batch, in the order of their ids. */
  readonly texts: readonly string[];
  readonly once: readonly string[];
  /** Rows in the batch, `same` ones included: what the thread has yet to write. */
  readonly rows: number;
}

/** The sending side: rows and flushes in, batches out. */
export function rowEncoder() {
  const ids = new Map<string, number>();
  let kinds = new Uint8Array(FIRST_CAPACITY);
  let values = new Float64Array(FIRST_CAPACITY);
  let used = 0;
  let texts: string[] = [];
  let once: string[] = [];
  let rows = 0;
  let last: readonly ExportCell[] | undefined;

  function room(slots: number): void {
    if (used + slots <= kinds.length) return;
    const capacity = Math.max(kinds.length * 2, used + slots);
    const grownKinds = new Uint8Array(capacity);
    grownKinds.set(kinds.subarray(0, used));
    const grownValues = new Float64Array(capacity);
    grownValues.set(values.subarray(0, used));
    kinds = grownKinds;
    values = grownValues;
  }

  function text(kind: typeof TEXT | typeof DAY, value: string): void {
    let id = ids.get(value);
    if (id === undefined) {
      if (ids.size >= TEXTS_KEPT || value.length > TEXT_LONGEST) {
        kinds[used] = kind === DAY ? DAY_ONCE : ONCE;
        values[used++] = once.push(value) - 1;
        return;
      }
      id = ids.size;
      ids.set(value, id);
      texts.push(value);
    }
    kinds[used] = kind;
    values[used++] = id;
  }

  return {
    /** A row for writer `to`. The cells must not change once given (the same array again is sent as `same`). */
    row(to: number, cells: readonly ExportCell[]): void {
      rows += 1;
      if (cells === last) {
        room(1);
        kinds[used] = SAME;
        values[used++] = to;
        return;
      }
      last = cells;
      room(cells.length + 1);
      kinds[used] = ROW;
      values[used++] = to;
      for (const cell of cells) {
        if (cell === null || cell === undefined) {
          kinds[used] = EMPTY;
          values[used++] = 0;
        } else if (typeof cell === 'number') {
          kinds[used] = NUMBER;
          values[used++] = cell;
        } else if (typeof cell === 'string') text(TEXT, cell);
        else text(DAY, cell.day);
      }
    },
    /** Writer `to` is drained at this point. */
    flush(to: number): void {
      room(1);
      kinds[used] = FLUSH;
      values[used++] = to;
    },
    /** Whether anything waits to be sent. */
    get pending(): boolean {
      return used > 0;
    },
    /** The batch so far, to send (its buffers can be transferred); the next one starts empty. */
    take(): RowBatch {
      const batch = { kinds, values, length: used, texts, once, rows };
      kinds = new Uint8Array(FIRST_CAPACITY);
      values = new Float64Array(FIRST_CAPACITY);
      used = 0;
      texts = [];
      once = [];
      rows = 0;
      last = undefined;
      return batch;
    },
  };
}

/** Where the receiving side's rows go. */
export interface RowTarget {
  /** The cells are valid during the call only: the next row of the same length reuses the array. */
  row(to: number, cells: readonly ExportCell[]): void;
  flush(to: number): Promise<void>;
}

/** The receiving side: batches in the order they were taken, rows and flushes out. */
export function rowDecoder() {
  const table: string[] = [];
  /** Each day's cell, made once. */
  const days: { readonly day: string }[] = [];
  return {
    async apply(batch: RowBatch, target: RowTarget): Promise<void> {
      for (const text of batch.texts) table.push(text);
      const { kinds, values, length, once } = batch;
      let cells: ExportCell[] = [];
      let at = 0;
      while (at < length) {
        const kind = kinds[at];
        const to = values[at++]!;
        if (kind === ROW) {
          let end = at;
          while (end < length && kinds[end]! < ROW) end++;
          // The writers keep no row: one array serves every row of its length.
          if (cells.length !== end - at) cells = new Array<ExportCell>(end - at);
          for (let index = 0; at < end; at++, index++) {
            const value = values[at]!;
            switch (kinds[at]) {
              case NUMBER:
                cells[index] = value;
                break;
              case TEXT:
                cells[index] = table[value]!;
                break;
              case DAY:
                cells[index] = days[value] ??= { day: table[value]! };
                break;
              case ONCE:
                cells[index] = once[value]!;
                break;
              case DAY_ONCE:
                cells[index] = { day: once[value]! };
                break;
              default:
                cells[index] = null;
            }
          }
          target.row(to, cells);
        } else if (kind === SAME) target.row(to, cells);
        else if (kind === FLUSH) await target.flush(to);
        else throw new Error(`row batch: a cell where a step was expected (slot ${at - 1})`);
      }
    },
  };
}
