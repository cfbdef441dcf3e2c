import { type HtmlElement, type HtmlNode, parseTelegramHtml } from './telegram-html';

/** Whether to style with ANSI escapes (a terminal) or plain text (a pipe, a file, a test). */
export interface RenderStyle {
  readonly ansi: boolean;
}

const ANSI: Partial<Record<HtmlElement['kind'], string>> = {
  bold: '\u001b[1m',
  italic: '\u001b[3m',
  underline: '\u001b[4m',
  strikethrough: '\u001b[9m',
  spoiler: '\u001b[2m',
  text_link: '\u001b[4m',
  code: '\u001b[36m',
  pre: '\u001b[36m',
};
const RESET = '\u001b[0m';

function renderNodes(nodes: readonly HtmlNode[], style: RenderStyle, active: readonly string[]): string {
  let out = '';
  for (const node of nodes) {
    if (typeof node === 'string') {
      out += node;
      continue;
    }
    const code = style.ansi ? ANSI[node.kind] : undefined;
    const body = renderNodes(node.children, style, code ? [...active, code] : active);
    // Closing with a full reset and re-opening the outer styles keeps nesting right in every terminal.
    out += decorate(node, code ? `${code}${body}${RESET}${active.join('')}` : body, style);
  }
  return out;
}

function decorate(node: HtmlElement, body: string, style: RenderStyle): string {
  switch (node.kind) {
    case 'text_link':
      // A mention's link says nothing to the reader; a web link does.
      return node.value?.startsWith('tg://user') ? body : `${body} <${node.value}>`;
    case 'spoiler':
      return style.ansi ? body : `||${body}||`;
    case 'code':
      return style.ansi ? body : `\`${body}\``;
    case 'blockquote':
    case 'expandable_blockquote':
      return body
        .split('\n')
        .map((line) => `| ${line}`)
        .join('\n');
    default:
      return body;
  }
}

/** Turns a message written in Telegram's HTML into terminal text; invalid markup is shown raw with the complaint. */
export function renderHtml(html: string, style: RenderStyle): string {
  const parsed = parseTelegramHtml(html);
  if (!parsed.ok) return `${html}\n[invalid HTML: ${parsed.error}]`;
  return renderNodes(parsed.nodes, style, []);
}

/** A button as the Bot API carries it. */
export interface RenderableButton {
  readonly text: string;
  readonly callback_data?: string;
  readonly url?: string;
}

/** One line per keyboard row, buttons numbered from 1 across rows: `[1: Undo] [2: Site -> https://...]`. */
export function renderKeyboard(rows: readonly (readonly RenderableButton[])[]): string[] {
  let number = 0;
  return rows
    .filter((row) => row.length > 0)
    .map((row) =>
      row
        .map((button) => {
          number += 1;
          return button.url ? `[${number}: ${button.text} -> ${button.url}]` : `[${number}: ${button.text}]`;
        })
        .join(' '),
    );
}
