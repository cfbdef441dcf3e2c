/** A cell as the export writes it: text, a number (stays a number in Excel), a local day (a date), or empty. */
export type ExportCell = string | number | { readonly day: string } | null;

/** A sheet's column: its Vietnamese header, width and what its cells hold. */
export interface ExportColumn {
  readonly header: string;
  readonly width: number;
  readonly kind: 'text' | 'number' | 'date';
}

/** Where a sheet's rows go; the writer behind it streams them out (xlsx-writer.ts, a CSV file). */
export interface SheetSink {
  row(cells: readonly ExportCell[]): void;
  /**
   * Called after every EXPORT_FLUSH_ROWS rows and each page: resolves once what was written has drained to the file.
   * Without it the rows of a whole year would pile up in the writers' buffers, since reading the store never yields
   * to the event loop.
   */
  flush?(): Promise<void>;
}

/** A workbook being written: sheets one after another, each finished before the next starts. */
export interface WorkbookSink {
  sheet(name: string, columns: readonly ExportColumn[], write: (sink: SheetSink) => Promise<void>): Promise<void>;
}
