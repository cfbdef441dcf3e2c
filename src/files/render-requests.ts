/**
 * Files drawn after the update's commit: a feature queues what to draw (a request naming a renderer and its input,
 * stored in the outbox row) and the sender draws it just before sending (src/files/renderers.ts). Nothing here
 * draws, so a feature that builds a request loads no rendering package.
 */
import type { CertificateInput } from './certificate-pdf';
import type { Paper } from './papers';
import type { ExportCell, ExportColumn, SheetSink, WorkbookSink } from './sheet-sink';

/** A sheet as data: what a workbook renderer writes (the roster's template and export). */
export interface RecordedSheet {
  readonly name: string;
  readonly columns: readonly ExportColumn[];
  readonly rows: readonly (readonly ExportCell[])[];
}

/** What each renderer draws from. */
export interface RenderInputs {
  /** A chart's SVG (src/files/chart-svg.ts), drawn as PNG. */
  readonly chartPng: { readonly svg: string };
  /** A draft certificate's wording, drawn as PDF. */
  readonly certificatePdf: CertificateInput;
  /** A small workbook's sheets, drawn as XLSX. */
  readonly workbookXlsx: { readonly sheets: readonly RecordedSheet[] };
  /** An official paper of the year (src/files/papers), drawn as PDF or DOCX. */
  readonly yearPaper: { readonly paper: Paper; readonly format: 'pdf' | 'docx' };
}

export type RendererName = keyof RenderInputs;

/** A file to draw when it is sent: which renderer, from what. */
export type RenderRequest = {
  readonly [N in RendererName]: { readonly renderer: N; readonly input: RenderInputs[N] };
}[RendererName];

/** A chart's SVG, to go out as a PNG photo. */
export const chartPng = (svg: string): RenderRequest => ({ renderer: 'chartPng', input: { svg } });

/** A draft certificate, to go out as a PDF document. */
export const certificatePdf = (input: CertificateInput): RenderRequest => ({ renderer: 'certificatePdf', input });

/** A small workbook (its rows kept in the outbox row), to go out as an XLSX document. */
export const workbookXlsx = (sheets: readonly RecordedSheet[]): RenderRequest => ({
  renderer: 'workbookXlsx',
  input: { sheets },
});

/** What a workbook writer writes, kept as data for workbookXlsx rather than written to a file. */
export async function recordWorkbook(write: (sink: WorkbookSink) => Promise<void>): Promise<RecordedSheet[]> {
  const sheets: RecordedSheet[] = [];
  await write({
    async sheet(name, columns, fill) {
      const rows: ExportCell[][] = [];
      const sink: SheetSink = { row: (cells) => void rows.push([...cells]) };
      await fill(sink);
      sheets.push({ name, columns, rows });
    },
  });
  return sheets;
}

/** An official paper of the year, to go out as a PDF or DOCX document. */
export const yearPaper = (paper: Paper, format: 'pdf' | 'docx'): RenderRequest => ({
  renderer: 'yearPaper',
  input: { paper, format },
});
