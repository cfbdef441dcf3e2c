/**
 * A draft certificate of commendation as a PDF: A4 landscape, marked as a draft. Official certificates follow the
 * Ministry's template and are printed by the emulation office; this one is for checking names and wording.
 *
 * The font is Be Vietnam Pro (Regular and Bold, static TTFs from @expo-google-fonts/be-vietnam-pro, SIL Open Font
 * License): drawn for Vietnamese first, so every stacked diacritic (ầ, ẫ, ệ, ự, ỗ…) has its own designed glyph
 * rather than marks piled on by the renderer, and full TTFs, which pdfkit embeds and subsets itself (it garbles
 * WOFF/WOFF2 subsets) with a ToUnicode map, so the text can be copied and searched back out of the PDF.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Everything the certificate says, already worded in the reader's language by the caller. */
export interface CertificateInput {
  /** Diagonal mark and header line: "BẢN NHÁP". */
  readonly draftMark: string;
  /** A line under the mark saying it is not the official certificate. */
  readonly draftNote: string;
  /** The campaign's name (CAMPAIGN_NAME). */
  readonly campaign: string;
  /** The level's full name, as the title: "Giấy khen của Giám đốc Công an tỉnh". */
  readonly title: string;
  /** "được tặng" or "được đề nghị tặng", before the title in the sentence. */
  readonly phrase: string;
  readonly person: string;
  readonly unit: string;
  readonly reasonLabel: string;
  readonly reason: string;
  /** "Quyết định số 123/QĐ-CAT ngày 05/12/2026, người ký: …", once recorded. */
  readonly decision?: string;
  /** Where and when drafted: "Lạng Sơn, ngày 01/12/2026". */
  readonly footer: string;
}

const require = createRequire(import.meta.url);
const FONT_DIR = '@expo-google-fonts/be-vietnam-pro';

let fonts: { regular: Buffer; bold: Buffer } | undefined;
function loadFonts() {
  fonts ??= {
    regular: readFileSync(require.resolve(`${FONT_DIR}/400Regular/BeVietnamPro_400Regular.ttf`)),
    bold: readFileSync(require.resolve(`${FONT_DIR}/700Bold/BeVietnamPro_700Bold.ttf`)),
  };
  return fonts;
}

/** Renders the draft: input in, PDF bytes out; nothing read but the font files. */
export async function renderCertificate(input: CertificateInput): Promise<Buffer> {
  // Loaded on first use: pdfkit costs about a second and 15 MiB at start for a command few people send.
  const { default: PDFDocument } = await import('pdfkit');
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 56,
    info: {
      Title: `${input.draftMark}: ${input.title}`,
      Subject: input.campaign,
      CreationDate: new Date(0),
      ModDate: new Date(0),
    },
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width;
  const height = doc.page.height;
  const inner = width - 2 * 56;

  // A double frame, and the draft mark across the page, light enough to read through.
  doc
    .lineWidth(3)
    .strokeColor('#b8860b')
    .rect(28, 28, width - 56, height - 56)
    .stroke();
  doc
    .lineWidth(1)
    .rect(38, 38, width - 76, height - 76)
    .stroke();
  doc.save();
  doc.rotate(-25, { origin: [width / 2, height / 2] });
  doc
    .font('bold')
    .fontSize(110)
    .fillColor('#c00000', 0.12)
    .text(input.draftMark, 0, height / 2 - 70, { width, align: 'center' });
  doc.restore();
  doc.fillOpacity(1);

  doc.font('bold').fontSize(12).fillColor('#c00000').text(input.draftMark, 56, 52, { width: inner, align: 'right' });
  doc.font('regular').fontSize(9).text(input.draftNote, 56, 68, { width: inner, align: 'right' });

  doc
    .fillColor('#000000')
    .font('regular')
    .fontSize(14)
    .text(input.campaign, 56, 110, { width: inner, align: 'center' });
  doc.moveDown(0.8);
  doc.font('bold').fontSize(30).fillColor('#8b0000').text(input.title.toUpperCase(), { width: inner, align: 'center' });
  doc.moveDown(1);
  doc.fillColor('#000000').font('regular').fontSize(15).text(input.phrase, { width: inner, align: 'center' });
  doc.moveDown(0.4);
  doc.font('bold').fontSize(24).text(input.person, { width: inner, align: 'center' });
  doc.moveDown(0.3);
  doc.font('regular').fontSize(15).text(input.unit, { width: inner, align: 'center' });
  doc.moveDown(1);
  doc
    .font('bold')
    .fontSize(13)
    .text(`${input.reasonLabel} `, { width: inner, align: 'center', continued: true })
    .font('regular')
    .text(input.reason);
  if (input.decision) {
    doc.moveDown(1);
    doc.font('regular').fontSize(12).text(input.decision, { width: inner, align: 'center' });
  }
  doc
    .font('regular')
    .fontSize(12)
    .text(input.footer, 56, height - 110, { width: inner, align: 'right' });
  doc.end();
  return done;
}
