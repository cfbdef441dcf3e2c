/**
 * The one place that finds the bundled font, Be Vietnam Pro (static TTFs from @expo-google-fonts/be-vietnam-pro,
 * SIL Open Font License), for pdfkit, resvg and DOCX. Drawn for Vietnamese first, every stacked diacritic
 * (ầ, ẫ, ệ, ự, ỗ…) has its own glyph; full TTFs, because pdfkit garbles WOFF/WOFF2 subsets and resvg draws WOFF2
 * blank. No renderer may fall back on a system font: a server without Vietnamese fonts would draw empty boxes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The family name the faces register under (PDF, SVG, DOCX). */
export const FONT_FAMILY = 'Be Vietnam Pro';

export type FontFace = 'regular' | 'bold' | 'italic' | 'boldItalic';

const fontDir = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/be-vietnam-pro/package.json'));

/** The TTF file of each face. */
export const FONT_FILES: Readonly<Record<FontFace, string>> = {
  regular: join(fontDir, '400Regular', 'BeVietnamPro_400Regular.ttf'),
  bold: join(fontDir, '700Bold', 'BeVietnamPro_700Bold.ttf'),
  italic: join(fontDir, '400Regular_Italic', 'BeVietnamPro_400Regular_Italic.ttf'),
  boldItalic: join(fontDir, '700Bold_Italic', 'BeVietnamPro_700Bold_Italic.ttf'),
};

const loaded = new Map<FontFace, Buffer>();

/** A face's bytes, read once (about 135 KB each). */
export function fontBytes(face: FontFace): Buffer {
  let bytes = loaded.get(face);
  if (!bytes) {
    bytes = readFileSync(FONT_FILES[face]);
    loaded.set(face, bytes);
  }
  return bytes;
}
