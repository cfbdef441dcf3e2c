/**
 * Draws a Paper as a PDF with pdfkit, A4, margins as Nghị định 30/2020 asks (top and bottom 20 mm, left 30 mm,
 * right 20 mm), the bundled font embedded and subset. Page numbers from the second page, centred at the top; the
 * draft mark boxed at the top right of every page. Tables repeat their header on each page; the closing (nơi nhận
 * and signatures) is never split from itself.
 */
import type { FontFace } from '../fonts';
import { openPdf } from '../pdf-document';
import { type Paper, type PaperBlock, SIZES, type TextRun } from './paper';

const MM = 72 / 25.4;
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 20 * MM };
const LINE_GAP = 2;
const CELL_PAD = 4;
/** Room left blank in a signature block for the signature and seal. */
const SIGNATURE_SPACE = 64;

type Doc = PDFKit.PDFDocument;

const faceOf = (run: { bold?: boolean; italic?: boolean }): FontFace =>
  run.bold ? (run.italic ? 'boldItalic' : 'bold') : run.italic ? 'italic' : 'regular';

/** Renders a paper: input in, PDF bytes out; nothing read but the font files. */
export async function renderPaperPdf(paper: Paper): Promise<Buffer> {
  const { doc, bytes } = await openPdf({
    size: 'A4',
    layout: paper.orientation,
    margins: MARGIN,
    bufferPages: true,
    info: { Title: paper.title, Author: paper.heading.unit },
  });
  const layout = new Layout(doc);
  layout.heading(paper);
  layout.title(paper);
  for (const block of paper.body) layout.block(block);
  layout.closing(paper);
  layout.pageFurniture(paper);
  doc.end();
  return bytes;
}

/** A cursor down the page, with the measures the drawing needs. */
class Layout {
  readonly left = MARGIN.left;
  readonly width: number;
  readonly bottom: number;
  y = MARGIN.top;

  constructor(readonly doc: Doc) {
    this.width = doc.page.width - MARGIN.left - MARGIN.right;
    this.bottom = doc.page.height - MARGIN.bottom;
  }

  /** Starts a new page when `height` does not fit on this one. */
  private room(height: number) {
    if (this.y + height <= this.bottom) return;
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  private font(face: FontFace, size: number) {
    return this.doc.font(face).fontSize(size);
  }

  private heightOf(text: string, face: FontFace, size: number, width: number) {
    return this.font(face, size).heightOfString(text, { width, lineGap: LINE_GAP });
  }

  /** Centred text in a column at `y`; returns the y below it. */
  private centred(text: string, face: FontFace, size: number, x: number, width: number, y: number) {
    this.font(face, size).text(text, x, y, { width, align: 'center', lineGap: LINE_GAP });
    return y + this.heightOf(text, face, size, width);
  }

  private rule(x: number, y: number, length: number) {
    this.doc
      .moveTo(x, y)
      .lineTo(x + length, y)
      .lineWidth(0.8)
      .strokeColor('#000000')
      .stroke();
  }

  heading(paper: Paper) {
    const { heading } = paper;
    const leftWidth = this.width * 0.42;
    const rightX = this.left + leftWidth;
    const rightWidth = this.width - leftWidth;
    const top = this.y;
    let left = top;
    if (heading.parent)
      left = this.centred(heading.parent.toUpperCase(), 'regular', SIZES.heading, this.left, leftWidth, left);
    left = this.centred(heading.unit.toUpperCase(), 'bold', SIZES.heading, this.left, leftWidth, left);
    const unitLine = leftWidth * 0.4;
    this.rule(this.left + (leftWidth - unitLine) / 2, left + 2, unitLine);
    left += 8;

    let right = this.centred(heading.nation, 'bold', SIZES.heading, rightX, rightWidth, top);
    right = this.centred(heading.motto, 'bold', SIZES.heading + 1, rightX, rightWidth, right);
    const mottoWidth = this.font('bold', SIZES.heading + 1).widthOfString(heading.motto);
    this.rule(rightX + (rightWidth - mottoWidth) / 2, right + 1, mottoWidth);
    right += 8;

    const row = Math.max(left, right);
    let below = row;
    if (heading.number) below = this.centred(heading.number, 'regular', SIZES.body, this.left, leftWidth, row);
    if (heading.placeDate)
      below = Math.max(below, this.centred(heading.placeDate, 'italic', SIZES.body, rightX, rightWidth, row));
    this.y = below + 18;
  }

  title(paper: Paper) {
    this.y = this.centred(paper.kind, 'bold', paper.kindSize ?? SIZES.kind, this.left, this.width, this.y);
    if (paper.summary) {
      this.y = this.centred(paper.summary, 'bold', SIZES.summary, this.left, this.width, this.y);
      const line = this.width / 4;
      this.rule(this.left + (this.width - line) / 2, this.y + 2, line);
      this.y += 6;
    }
    if (paper.addressee) {
      this.y += 8;
      const text = `${paper.addressee.label} ${paper.addressee.text}`;
      this.y = this.centred(text, 'regular', SIZES.body, this.left, this.width, this.y);
    }
    this.y += 10;
  }

  block(block: PaperBlock) {
    if (block.kind === 'table') return this.table(block.columns, block.rows);
    const size = block.size ?? SIZES.body;
    this.y += block.spaceBefore ?? 0;
    const options = {
      width: this.width,
      align: block.align ?? 'justify',
      lineGap: LINE_GAP,
      indent: block.indent ? 10 * MM : 0,
    };
    const whole = block.runs.map((run) => run.text).join('');
    // Measured in the heaviest face of the paragraph, so the room asked for is never short.
    const face = block.runs.some((run) => run.bold) ? 'bold' : 'regular';
    this.room(Math.min(this.font(face, size).heightOfString(whole, options), 3 * size));
    this.doc.x = this.left;
    this.doc.y = this.y;
    block.runs.forEach((run: TextRun, index) => {
      const continued = index < block.runs.length - 1;
      this.font(faceOf(run), size).text(run.text, { ...options, continued });
    });
    this.y = this.doc.y + 4;
  }

  private table(
    columns: readonly { header: string; width: number; align?: 'left' | 'center' | 'right' }[],
    rows: readonly (readonly string[])[],
  ) {
    const total = columns.reduce((sum, column) => sum + column.width, 0);
    const widths = columns.map((column) => (this.width * column.width) / total);
    const size = SIZES.table;
    const rowHeight = (cells: readonly string[], face: FontFace) =>
      Math.max(...cells.map((cell, i) => this.heightOf(cell, face, size, widths[i]! - 2 * CELL_PAD))) + 2 * CELL_PAD;
    const drawRow = (cells: readonly string[], face: FontFace, header: boolean) => {
      const height = rowHeight(cells, face);
      let x = this.left;
      cells.forEach((cell, i) => {
        const width = widths[i]!;
        this.doc.rect(x, this.y, width, height).lineWidth(0.6).strokeColor('#000000').stroke();
        const align = header ? 'center' : (columns[i]!.align ?? 'left');
        this.font(face, size).text(cell, x + CELL_PAD, this.y + CELL_PAD, {
          width: width - 2 * CELL_PAD,
          align,
          lineGap: LINE_GAP,
        });
        x += width;
      });
      this.y += height;
    };
    const headers = columns.map((column) => column.header);
    const headerHeight = rowHeight(headers, 'bold');
    this.room(headerHeight + (rows[0] ? rowHeight(rows[0], 'regular') : 0));
    drawRow(headers, 'bold', true);
    for (const row of rows) {
      const height = rowHeight(row, 'regular');
      if (this.y + height > this.bottom) {
        this.doc.addPage();
        this.y = MARGIN.top;
        drawRow(headers, 'bold', true);
      }
      drawRow(row, 'regular', false);
    }
    this.y += 8;
  }

  closing(paper: Paper) {
    const half = this.width / 2;
    const signatureHeight = (lines: readonly string[], name: string) =>
      lines.reduce((sum, line) => sum + this.heightOf(line, 'bold', SIZES.signature, half), 0) +
      SIGNATURE_SPACE +
      this.heightOf(name, 'bold', SIZES.signature, half);
    const recipientsHeight = paper.recipients
      ? this.heightOf(paper.recipients.label, 'boldItalic', SIZES.recipients + 1, half) +
        paper.recipients.lines.reduce((sum, line) => sum + this.heightOf(line, 'regular', SIZES.recipients, half), 0)
      : 0;
    const placeDate = paper.signaturePlaceDate;
    const placeDateHeight = placeDate ? this.heightOf(placeDate, 'italic', SIZES.body, half) + 4 : 0;
    const height = Math.max(
      recipientsHeight,
      ...paper.signatures.map((s) => placeDateHeight + signatureHeight(s.lines, s.name)),
    );
    this.y += 10;
    this.room(height);
    const top = this.y;
    if (paper.recipients) {
      let y = top;
      this.font('boldItalic', SIZES.recipients + 1).text(paper.recipients.label, this.left, y, {
        width: half,
        lineGap: LINE_GAP,
      });
      y += this.heightOf(paper.recipients.label, 'boldItalic', SIZES.recipients + 1, half);
      for (const line of paper.recipients.lines) {
        this.font('regular', SIZES.recipients).text(line, this.left, y, { width: half, lineGap: LINE_GAP });
        y += this.heightOf(line, 'regular', SIZES.recipients, half);
      }
    }
    const columns = paper.signatures.length > 1 ? [this.left, this.left + half] : [this.left + half];
    paper.signatures.forEach((signature, i) => {
      const x = columns[i] ?? this.left + half;
      let y = top;
      if (placeDate && i === paper.signatures.length - 1)
        y = this.centred(placeDate, 'italic', SIZES.body, x, half, y) + 4;
      else y += placeDateHeight;
      for (const line of signature.lines) y = this.centred(line, 'bold', SIZES.signature, x, half, y);
      this.centred(signature.name, 'bold', SIZES.signature, x, half, y + SIGNATURE_SPACE);
    });
    this.y = top + height;
  }

  /** Page numbers from the second page, and the draft mark on every page. */
  pageFurniture(paper: Paper) {
    const { start, count } = this.doc.bufferedPageRange();
    for (let page = start; page < start + count; page++) {
      this.doc.switchToPage(page);
      if (page > start)
        this.font('regular', SIZES.body).text(String(page - start + 1), this.left, MARGIN.top / 2, {
          width: this.width,
          align: 'center',
          lineBreak: false,
        });
      if (paper.draftMark) {
        const size = SIZES.heading;
        const textWidth = this.font('bold', size).widthOfString(paper.draftMark);
        const boxWidth = textWidth + 12;
        const x = this.doc.page.width - MARGIN.right - boxWidth;
        const y = MARGIN.top / 2 - 4;
        this.doc
          .rect(x, y, boxWidth, size + 8)
          .lineWidth(0.8)
          .strokeColor('#000000')
          .stroke();
        this.font('bold', size).text(paper.draftMark, x, y + 4, { width: boxWidth, align: 'center', lineBreak: false });
      }
    }
  }
}
