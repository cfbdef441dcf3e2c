/**
 * A pdfkit document ready to draw on: the bundled font's four faces registered by their face names, fixed dates in
 * the metadata (the same input gives the same bytes), and the bytes collected for when it ends.
 */
import { type FontFace, fontBytes } from './fonts';

const FACES: readonly FontFace[] = ['regular', 'bold', 'italic', 'boldItalic'];

export async function openPdf(
  options: PDFKit.PDFDocumentOptions,
): Promise<{ doc: PDFKit.PDFDocument; bytes: Promise<Buffer> }> {
  // Loaded on first use: pdfkit costs about a second and 15 MiB at start, for commands few people send.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    ...options,
    info: { ...options.info, CreationDate: new Date(0), ModDate: new Date(0) },
  });
  for (const face of FACES) doc.registerFont(face, fontBytes(face));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, bytes };
}
