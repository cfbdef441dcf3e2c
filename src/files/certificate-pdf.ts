/**
 * A draft certificate of commendation as a PDF, A4 landscape. Official certificates follow the Ministry's template
 * and are printed by the emulation office; this one is for checking names and wording. The page is laid out in
 * three bands that never overlap: the heading (issuing body on the left, Quốc hiệu and Tiêu ngữ on the right, the
 * draft mark between), the citation centred in the middle (title, campaign, person, unit, "được tặng …" or "được
 * đề nghị tặng …", the achievement, the decision), and the foot (số/ký hiệu and the draft note on the left; place
 * and date, the signer's position, room to sign and the signer's name on the right). The middle band is centred
 * in the room the other two leave, and a long achievement is set smaller rather than let run into the foot.
 *
 * The font is Be Vietnam Pro (src/files/fonts.ts), embedded and subset with a ToUnicode map, so the text can be
 * copied and searched back out of the PDF.
 */

import { paperText } from '../i18n/year-text';
import type { Locale } from '../kernel/locale';
import type { FontFace } from './fonts';
import { openPdf } from './pdf-document';

/** Everything the certificate says, already worded in the reader's language by the caller. */
export interface CertificateInput {
  /** A boxed mark at the top: "BẢN NHÁP" or "DỰ THẢO"; empty for none. */
  readonly draftMark: string;
  /** A line at the foot saying it is not the official certificate. */
  readonly draftNote: string;
  /** The campaign's name (CAMPAIGN_NAME). */
  readonly campaign: string;
  /** The level's full name, as the title: "Giấy khen của Giám đốc Công an tỉnh". */
  readonly title: string;
  /** "được tặng" or "được đề nghị tặng": the line under the person reads "<phrase> <title>". */
  readonly phrase: string;
  readonly person: string;
  readonly unit: string;
  /** Set on its own line above the reason: "Lý do:". */
  readonly reasonLabel: string;
  readonly reason: string;
  /** "Quyết định số 123/QĐ-CAT ngày 05/12/2026, người ký: …", once recorded. */
  readonly decision?: string;
  /** Where and when drafted: "Bản nháp lập ngày 01/12/2026"; stands in for `placeDate` when that is absent. */
  readonly footer: string;
  /** The heading's left column: the governing body and the issuing unit. */
  readonly issuer?: { readonly parent?: string; readonly unit: string };
  /** Quốc hiệu and Tiêu ngữ; the Vietnamese ones when absent. */
  readonly nation?: { readonly name: string; readonly motto: string };
  /** "Số:        /GK-CAT", the number left for the office. */
  readonly number?: string;
  /** "Lạng Sơn, ngày 15 tháng 12 năm 2026", above the signature. */
  readonly placeDate?: string;
  /** The signer's authority and position lines (upper case), and rank and name. */
  readonly signature?: { readonly lines: readonly string[]; readonly name: string };
  /** The language of the fallback Quốc hiệu; Vietnamese when absent. */
  readonly locale?: Locale;
}

const PAGE = { width: 841.89, height: 595.28 };
/** Inside the double frame. */
const INNER = { left: 64, right: PAGE.width - 64, top: 54, bottom: PAGE.height - 50 };
const WIDTH = INNER.right - INNER.left;
const LINE_GAP = 2;
const SIGNATURE_SPACE = 46;
const RED = '#8b0000';

type Doc = PDFKit.PDFDocument;

/** Renders the draft: input in, PDF bytes out; nothing read but the font files. */
export async function renderCertificate(input: CertificateInput): Promise<Buffer> {
  const { doc, bytes } = await openPdf({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    info: { Title: input.draftMark ? `${input.draftMark}: ${input.title}` : input.title, Subject: input.campaign },
  });
  drawFrame(doc);
  const headingBottom = drawHeading(doc, input);
  const footTop = drawFoot(doc, input);
  drawCitation(doc, input, headingBottom + 14, footTop - 12);
  doc.end();
  return bytes;
}

const use = (doc: Doc, face: FontFace, size: number, color = '#000000') =>
  doc.font(face).fontSize(size).fillColor(color);

function heightOf(doc: Doc, text: string, face: FontFace, size: number, width: number): number {
  return use(doc, face, size).heightOfString(text, { width, lineGap: LINE_GAP });
}

/** Centred text in a column; returns the y below it. */
function centred(
  doc: Doc,
  text: string,
  face: FontFace,
  size: number,
  x: number,
  width: number,
  y: number,
  color?: string,
) {
  use(doc, face, size, color).text(text, x, y, { width, align: 'center', lineGap: LINE_GAP });
  return y + heightOf(doc, text, face, size, width);
}

function rule(doc: Doc, x: number, y: number, length: number) {
  doc
    .moveTo(x, y)
    .lineTo(x + length, y)
    .lineWidth(0.8)
    .strokeColor('#000000')
    .stroke();
}

function drawFrame(doc: Doc) {
  doc
    .lineWidth(3)
    .strokeColor('#b8860b')
    .rect(28, 28, PAGE.width - 56, PAGE.height - 56)
    .stroke();
  doc
    .lineWidth(1)
    .rect(38, 38, PAGE.width - 76, PAGE.height - 76)
    .stroke();
}

const LEFT_WIDTH = WIDTH * 0.38;
const RIGHT_WIDTH = WIDTH * 0.44;
const RIGHT_X = INNER.right - RIGHT_WIDTH;

/** The heading band; returns its bottom. */
function drawHeading(doc: Doc, input: CertificateInput): number {
  const size = 10.5;
  let left = INNER.top;
  if (input.issuer) {
    if (input.issuer.parent)
      left = centred(doc, input.issuer.parent.toUpperCase(), 'regular', size, INNER.left, LEFT_WIDTH, left);
    left = centred(doc, input.issuer.unit.toUpperCase(), 'bold', size, INNER.left, LEFT_WIDTH, left);
    const line = LEFT_WIDTH * 0.4;
    rule(doc, INNER.left + (LEFT_WIDTH - line) / 2, left + 2, line);
    left += 4;
  }
  const locale = input.locale ?? 'vi';
  const nation = input.nation ?? { name: paperText(locale, 'paper.nation'), motto: paperText(locale, 'paper.motto') };
  let right = centred(doc, nation.name, 'bold', size, RIGHT_X, RIGHT_WIDTH, INNER.top);
  right = centred(doc, nation.motto, 'bold', size + 1, RIGHT_X, RIGHT_WIDTH, right);
  const mottoWidth = use(doc, 'bold', size + 1).widthOfString(nation.motto);
  rule(doc, RIGHT_X + (RIGHT_WIDTH - mottoWidth) / 2, right + 1, mottoWidth);
  right += 4;

  let middle = INNER.top;
  if (input.draftMark) {
    const markSize = 11;
    // Between the columns; in the left one when there is no issuer to fill it.
    const gapX = input.issuer ? INNER.left + LEFT_WIDTH : INNER.left;
    const gap = input.issuer ? RIGHT_X - gapX : LEFT_WIDTH;
    const boxWidth = Math.min(gap - 8, use(doc, 'bold', markSize).widthOfString(input.draftMark) + 16);
    const x = gapX + (gap - boxWidth) / 2;
    const textHeight = heightOf(doc, input.draftMark, 'bold', markSize, boxWidth - 8);
    doc
      .rect(x, INNER.top, boxWidth, textHeight + 8)
      .lineWidth(1)
      .strokeColor('#c00000')
      .stroke();
    centred(doc, input.draftMark, 'bold', markSize, x + 4, boxWidth - 8, INNER.top + 4, '#c00000');
    middle = INNER.top + textHeight + 8;
  }
  return Math.max(left, right, middle);
}

/** The foot band, drawn up from the bottom; returns its top. */
function drawFoot(doc: Doc, input: CertificateInput): number {
  const size = 12;
  const placeDate = input.placeDate ?? input.footer;
  const lines = input.signature?.lines ?? [];
  const rightHeight =
    heightOf(doc, placeDate, 'italic', size, RIGHT_WIDTH) +
    4 +
    lines.reduce((sum, line) => sum + heightOf(doc, line, 'bold', size, RIGHT_WIDTH), 0) +
    (input.signature ? SIGNATURE_SPACE + heightOf(doc, input.signature.name, 'bold', size, RIGHT_WIDTH) : 0);
  const noteSize = 9;
  const leftHeight =
    (input.number ? heightOf(doc, input.number, 'regular', size, LEFT_WIDTH) + 6 : 0) +
    heightOf(doc, input.draftNote, 'italic', noteSize, LEFT_WIDTH);
  const top = INNER.bottom - Math.max(rightHeight, leftHeight);

  let right = centred(doc, placeDate, 'italic', size, RIGHT_X, RIGHT_WIDTH, top) + 4;
  for (const line of lines) right = centred(doc, line, 'bold', size, RIGHT_X, RIGHT_WIDTH, right);
  if (input.signature) centred(doc, input.signature.name, 'bold', size, RIGHT_X, RIGHT_WIDTH, right + SIGNATURE_SPACE);

  let left = top;
  if (input.number) left = centred(doc, input.number, 'regular', size, INNER.left, LEFT_WIDTH, left) + 6;
  centred(doc, input.draftNote, 'italic', noteSize, INNER.left, LEFT_WIDTH, left, '#c00000');
  return top;
}

/** One line of the citation: its text, face, size, colour and the space above it. */
interface Line {
  readonly text: string;
  readonly face: FontFace;
  readonly size: number;
  readonly before: number;
  readonly color?: string;
}

/** The citation, centred between `top` and `bottom`; the achievement set smaller if it would not fit. */
function drawCitation(doc: Doc, input: CertificateInput, top: number, bottom: number) {
  const width = WIDTH * 0.86;
  const x = INNER.left + (WIDTH - width) / 2;
  const linesAt = (reasonSize: number): Line[] => [
    { text: input.title.toUpperCase(), face: 'bold', size: 24, before: 0, color: RED },
    ...(input.campaign ? [{ text: input.campaign, face: 'italic' as const, size: 13, before: 4 }] : []),
    { text: input.person, face: 'bold', size: 22, before: 14 },
    ...(input.unit ? [{ text: input.unit, face: 'regular' as const, size: 14, before: 2 }] : []),
    { text: `${input.phrase} ${input.title}`, face: 'regular', size: 14, before: 8 },
    { text: input.reasonLabel, face: 'bold', size: reasonSize, before: 10 },
    { text: input.reason, face: 'regular', size: reasonSize, before: 1 },
    ...(input.decision ? [{ text: input.decision, face: 'italic' as const, size: 11.5, before: 8 }] : []),
  ];
  const heightOfAll = (lines: Line[]) =>
    lines.reduce((sum, line) => sum + line.before + heightOf(doc, line.text, line.face, line.size, width), 0);
  let reasonSize = 13;
  let lines = linesAt(reasonSize);
  while (heightOfAll(lines) > bottom - top && reasonSize > 9) {
    reasonSize -= 0.5;
    lines = linesAt(reasonSize);
  }
  const room = bottom - top;
  let y = top + Math.max(0, (room - heightOfAll(lines)) / 2);
  for (const line of lines) {
    y += line.before;
    const height = heightOf(doc, line.text, line.face, line.size, width);
    const limit = bottom - y;
    use(doc, line.face, line.size, line.color).text(line.text, x, y, {
      width,
      align: 'center',
      lineGap: LINE_GAP,
      // Past the smallest size, what still does not fit ends in "…" rather than running into the foot.
      ...(height > limit && { height: Math.max(limit, line.size), ellipsis: true }),
    });
    y += Math.min(height, Math.max(limit, line.size));
  }
}
