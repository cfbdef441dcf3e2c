/** Telegram refuses a message text longer than this (counted after parsing; the markup's length is an upper bound). */
export const MESSAGE_LIMIT = 4096;

/** Cuts one over-long line of markup to `limit` characters of plain text, never inside an entity like "&amp;". */
function cutLine(line: string, limit: number): string {
  const plain = line.replace(/<[^>]*>/g, '');
  if (plain.length <= limit) return plain;
  let cut = plain.slice(0, limit - 1);
  const amp = cut.lastIndexOf('&');
  if (amp > cut.lastIndexOf(';')) cut = cut.slice(0, amp);
  return `${cut}…`;
}

/**
 * Splits a message's markup into parts that each fit Telegram's limit, at line breaks, so no tag is cut open (every
 * catalog text closes its tags on the line it opens them). A single line too long for a message loses its markup
 * and is shortened.
 */
export function splitHtml(html: string, limit = MESSAGE_LIMIT): string[] {
  if (html.length <= limit) return [html];
  const parts: string[] = [];
  let current = '';
  for (const raw of html.split('\n')) {
    const line = raw.length > limit ? cutLine(raw, limit) : raw;
    if (current === '') current = line;
    else if (current.length + 1 + line.length <= limit) current += `\n${line}`;
    else {
      parts.push(current);
      current = line;
    }
  }
  if (current.trim() !== '' || parts.length === 0) parts.push(current);
  return parts.filter((part) => part.trim() !== '');
}

/** Keeps a message to one part (an edit cannot become two messages): the first part, then `more` when cut. */
export function truncateHtml(html: string, more: (dropped: number) => string, limit = MESSAGE_LIMIT): string {
  const parts = splitHtml(html, limit);
  if (parts.length === 1) return parts[0]!;
  const kept = splitHtml(html, limit - 200)[0]!;
  const dropped = html.split('\n').length - kept.split('\n').length;
  return `${kept}\n${more(dropped)}`;
}
