import { unzip } from './zip';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/** The text of word/document.xml, one paragraph (w:p) a line, runs joined as Word shows them. */
export function docxText(bytes: Uint8Array): string {
  const xml = unzip(bytes).get('word/document.xml')?.toString('utf8');
  if (xml === undefined) throw new Error('no word/document.xml');
  return (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [])
    .map((paragraph) =>
      (paragraph.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? [])
        .map((run) => run.replace(/<[^>]+>/g, '').replace(/&(amp|lt|gt|quot|apos);/g, (e) => ENTITIES[e]!))
        .join(''),
    )
    .join('\n')
    .normalize('NFC');
}
