/** The text of every page of a PDF, read back with pdfjs-dist's legacy (Node) build; lines joined by spaces. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= doc.numPages; number++) {
    const content = await (await doc.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  return pages.join('\n').normalize('NFC');
}

/** The size of the first page, in points. */
export async function pdfPageSize(bytes: Uint8Array): Promise<{ width: number; height: number; pages: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes) }).promise;
  const [, , width = 0, height = 0] = (await doc.getPage(1)).view;
  const pages = doc.numPages;
  await doc.destroy();
  return { width, height, pages };
}

/** One run of text as pdfjs places it: its string, page, left edge and baseline (points, y up), width and height. */
export interface PdfTextItem {
  readonly str: string;
  readonly page: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Every non-blank text run of a PDF, with its position. */
export async function pdfTextItems(bytes: Uint8Array): Promise<PdfTextItem[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const items: PdfTextItem[] = [];
  for (let page = 1; page <= doc.numPages; page++) {
    const content = await (await doc.getPage(page)).getTextContent();
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [, , , , x = 0, y = 0] = item.transform as number[];
      items.push({ str: item.str.normalize('NFC'), page, x, y, width: item.width, height: item.height });
    }
  }
  await doc.destroy();
  return items;
}
