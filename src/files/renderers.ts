import { renderCertificate } from './certificate-pdf';
import { renderPaper } from './papers';
import type { RendererName, RenderInputs } from './render-requests';
import { renderPng } from './report-files';
import { renderWorkbook } from './workbook-bytes';

/** One renderer per name: input in, file bytes out. */
export type Renderers = { readonly [N in RendererName]: (input: RenderInputs[N]) => Promise<Uint8Array> };

/** The renderers of src/files/: resvg for charts, pdfkit for certificates and papers, docx for papers, our XLSX writer; each loaded on first use. */
export const fileRenderers: Renderers = {
  chartPng: ({ svg }) => renderPng(svg),
  certificatePdf: (input) => renderCertificate(input),
  workbookXlsx: ({ sheets }) => renderWorkbook(sheets),
  yearPaper: ({ paper, format }) => renderPaper(paper, format),
};

/**
 * Draws a stored request with `renderers`; undefined when none has its name (a row written by a newer release). The
 * input is what a RenderRequest of that name carried when the row was written.
 */
export function renderStored(
  renderers: Renderers,
  request: { readonly renderer: string; readonly input: unknown },
): Promise<Uint8Array> | undefined {
  if (!Object.hasOwn(renderers, request.renderer)) return undefined;
  const render = renderers[request.renderer as RendererName] as (input: unknown) => Promise<Uint8Array>;
  return render(request.input);
}
