/**
 * Writes a Paper as DOCX with the `docx` package, for the office to edit in Word: the same layout as the PDF
 * (Nghị định 30/2020 margins, the heading in a borderless two-column table, bordered data tables whose header
 * repeats on each page, nơi nhận and the signature side by side), with Be Vietnam Pro's four faces embedded, so
 * Word shows every diacritic on a machine without the font. Page numbers from the second page, centred at the top.
 */
import { FONT_FAMILY, fontBytes } from '../fonts';
import { type Align, type Paper, type PaperBlock, SIZES, type TextRun } from './paper';

/** Twips (1/20 pt) per millimetre. */
const MM = 1440 / 25.4;
const PAGE = { width: Math.round(210 * MM), height: Math.round(297 * MM) };
const MARGIN = {
  top: Math.round(20 * MM),
  bottom: Math.round(20 * MM),
  left: Math.round(30 * MM),
  right: Math.round(20 * MM),
};
/** Half-points, as DOCX sizes are written. */
const half = (points: number) => Math.round(points * 2);

/** Renders a paper as DOCX bytes. */
export async function renderPaperDocx(paper: Paper): Promise<Buffer> {
  // Loaded on first use: a megabyte of JavaScript that only the papers need.
  const docx = await import('docx');
  const {
    AlignmentType,
    BorderStyle,
    CharacterSet,
    Document,
    Header,
    Packer,
    PageNumber,
    PageOrientation,
    Paragraph,
    Table,
    TableBorders,
    TableCell,
    TableLayoutType,
    TableRow,
    TextRun: Run,
    VerticalAlign,
    WidthType,
  } = docx;
  type DocParagraph = InstanceType<typeof Paragraph>;
  type DocTable = InstanceType<typeof Table>;

  const landscape = paper.orientation === 'landscape';
  const textWidth = (landscape ? PAGE.height : PAGE.width) - MARGIN.left - MARGIN.right;
  const alignments: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
    left: AlignmentType.LEFT,
    center: AlignmentType.CENTER,
    right: AlignmentType.RIGHT,
    justify: AlignmentType.JUSTIFIED,
  };
  const line = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 };
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

  const text = (
    content: string,
    options: { size: number; bold?: boolean; italic?: boolean; underline?: boolean; align?: Align; after?: number },
  ): DocParagraph =>
    new Paragraph({
      alignment: alignments[options.align ?? 'center'],
      spacing: { after: options.after ?? 0 },
      children: [
        new Run({
          text: content,
          size: half(options.size),
          bold: options.bold ?? false,
          italics: options.italic ?? false,
          ...(options.underline && { underline: {} }),
        }),
      ],
    });
  /** A short rule under a centred line: an empty paragraph bordered between wide indents. */
  const shortRule = (columnWidth: number, share: number): DocParagraph =>
    new Paragraph({
      spacing: { before: 60, after: 0, line: 120 },
      indent: { left: Math.round((columnWidth * (1 - share)) / 2), right: Math.round((columnWidth * (1 - share)) / 2) },
      border: { top: line },
      children: [],
    });
  const cell = (children: (DocParagraph | DocTable)[], width: number, bordered = false) =>
    new TableCell({
      children,
      width: { size: width, type: WidthType.DXA },
      ...(bordered
        ? { margins: { top: 60, bottom: 60, left: 80, right: 80 }, verticalAlign: VerticalAlign.CENTER }
        : { borders: { top: none, bottom: none, left: none, right: none } }),
    });
  const layoutTable = (rows: (DocParagraph | DocTable)[][][], widths: number[]) =>
    new Table({
      rows: rows.map((cells) => new TableRow({ children: cells.map((children, i) => cell(children, widths[i]!)) })),
      width: { size: textWidth, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: TableBorders.NONE,
    });

  const leftWidth = Math.round(textWidth * 0.42);
  const rightWidth = textWidth - leftWidth;
  const { heading } = paper;
  const leftTop = [
    ...(heading.parent ? [text(heading.parent.toUpperCase(), { size: SIZES.heading })] : []),
    text(heading.unit.toUpperCase(), { size: SIZES.heading, bold: true }),
    shortRule(leftWidth, 0.4),
  ];
  const rightTop = [
    text(heading.nation, { size: SIZES.heading, bold: true }),
    text(heading.motto, { size: SIZES.heading + 1, bold: true, underline: true }),
  ];
  const headingTable = layoutTable(
    [
      [leftTop, rightTop],
      [
        heading.number ? [text(heading.number, { size: SIZES.body })] : [text('', { size: SIZES.body })],
        [text(heading.placeDate ?? '', { size: SIZES.body, italic: true })],
      ],
    ],
    [leftWidth, rightWidth],
  );

  /** The draft mark boxed at the top right: a paragraph bordered on four sides, indented to the box's width. */
  const boxWidth = Math.round(32 * MM);
  const draft = paper.draftMark
    ? [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          indent: { left: textWidth - boxWidth },
          border: { top: line, bottom: line, left: line, right: line },
          spacing: { after: 120 },
          children: [new Run({ text: paper.draftMark, size: half(SIZES.heading), bold: true })],
        }),
      ]
    : [];

  const title = [
    text(paper.kind, { size: paper.kindSize ?? SIZES.kind, bold: true }),
    ...(paper.summary ? [text(paper.summary, { size: SIZES.summary, bold: true }), shortRule(textWidth, 0.25)] : []),
    ...(paper.addressee
      ? [text(`${paper.addressee.label} ${paper.addressee.text}`, { size: SIZES.body, after: 120 })]
      : []),
    text('', { size: 6 }),
  ];

  const runOf = (run: TextRun, size: number) =>
    new Run({ text: run.text, size: half(size), bold: run.bold ?? false, italics: run.italic ?? false });
  const block = (item: PaperBlock): DocParagraph | DocTable => {
    if (item.kind === 'paragraph') {
      const size = item.size ?? SIZES.body;
      return new Paragraph({
        alignment: alignments[item.align ?? 'justify'],
        spacing: { before: Math.round((item.spaceBefore ?? 0) * 20), after: 80 },
        ...(item.indent && { indent: { firstLine: Math.round(10 * MM) } }),
        children: item.runs.map((run) => runOf(run, size)),
      });
    }
    const total = item.columns.reduce((sum, column) => sum + column.width, 0);
    const widths = item.columns.map((column) => Math.floor((textWidth * column.width) / total));
    const row = (cells: readonly string[], header: boolean) =>
      new TableRow({
        tableHeader: header,
        cantSplit: true,
        children: cells.map((content, i) =>
          cell(
            [
              text(content, {
                size: SIZES.table,
                bold: header,
                align: header ? 'center' : (item.columns[i]!.align ?? 'left'),
              }),
            ],
            widths[i]!,
            true,
          ),
        ),
      });
    return new Table({
      rows: [
        row(
          item.columns.map((column) => column.header),
          true,
        ),
        ...item.rows.map((cells) => row(cells, false)),
      ],
      width: { size: textWidth, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
    });
  };

  const halfWidth = Math.round(textWidth / 2);
  const signature = (lines: readonly string[], name: string) => [
    ...lines.map((content) => text(content, { size: SIZES.signature, bold: true })),
    ...Array.from({ length: 4 }, () => text('', { size: SIZES.signature })),
    text(name, { size: SIZES.signature, bold: true }),
  ];
  const recipients = paper.recipients
    ? [
        text(paper.recipients.label, { size: SIZES.recipients + 1, bold: true, italic: true, align: 'left' }),
        ...paper.recipients.lines.map((content) => text(content, { size: SIZES.recipients, align: 'left' })),
      ]
    : [text('', { size: SIZES.recipients })];
  const signatures = paper.signatures.map((s, i) => [
    ...(paper.signaturePlaceDate && i === paper.signatures.length - 1
      ? [text(paper.signaturePlaceDate, { size: SIZES.body, italic: true, after: 60 })]
      : []),
    ...signature(s.lines, s.name),
  ]);
  const closing = layoutTable(
    [paper.signatures.length > 1 ? [signatures[0]!, signatures[1]!] : [recipients, signatures[0] ?? []]],
    [halfWidth, textWidth - halfWidth],
  );

  const document = new Document({
    creator: heading.unit,
    title: paper.title,
    fonts: [
      {
        name: FONT_FAMILY,
        data: fontBytes('regular'),
        bold: fontBytes('bold'),
        italic: fontBytes('italic'),
        boldItalic: fontBytes('boldItalic'),
        characterSet: CharacterSet.VIETNAMESE,
      },
    ],
    styles: { default: { document: { run: { font: FONT_FAMILY, size: half(SIZES.body) } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: {
              width: PAGE.width,
              height: PAGE.height,
              orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: MARGIN,
          },
        },
        headers: {
          first: new Header({ children: [] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new Run({ children: [PageNumber.CURRENT], size: half(SIZES.body) })],
              }),
            ],
          }),
        },
        children: [
          ...draft,
          headingTable,
          text('', { size: 8 }),
          ...title,
          ...paper.body.map(block),
          text('', { size: 8 }),
          closing,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
