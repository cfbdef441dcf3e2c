import type { MessageEntity } from '../telegram/update-schema';

// Telegram's HTML parse mode is a small, strict subset: unknown tags, stray `<` and unbalanced tags are refused with
// "can't parse entities". The fake refuses them the same way, so such bugs show up in tests and the console.

/** A formatting element of Telegram's HTML, named after the entity it becomes. */
export interface HtmlElement {
  readonly kind:
    | 'bold'
    | 'italic'
    | 'underline'
    | 'strikethrough'
    | 'spoiler'
    | 'text_link'
    | 'code'
    | 'pre'
    | 'blockquote'
    | 'expandable_blockquote'
    | 'custom_emoji';
  /** The href of a link, the language of a code block, the id of a custom emoji. */
  readonly value?: string;
  readonly children: readonly HtmlNode[];
}

/** Decoded text or an element. */
export type HtmlNode = string | HtmlElement;

/** The tree of a message, or Telegram's complaint about it (without the "Bad Request: " prefix). */
export type ParsedHtml = { ok: true; nodes: HtmlNode[] } | { ok: false; error: string };

const SIMPLE_TAGS: Readonly<Record<string, HtmlElement['kind']>> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  code: 'code',
  pre: 'pre',
};

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"' };

const byteOffset = (html: string, index: number) => Buffer.byteLength(html.slice(0, index), 'utf8');

function decodeEntity(html: string, at: number): { text: string; end: number } | undefined {
  const match = /^&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/i.exec(html.slice(at, at + 12));
  if (!match) return undefined;
  const [whole, decimal, hex, name] = match;
  const codePoint = decimal !== undefined ? Number(decimal) : hex !== undefined ? Number.parseInt(hex, 16) : undefined;
  if (codePoint !== undefined)
    return codePoint <= 0x10ffff ? { text: String.fromCodePoint(codePoint), end: at + whole.length } : undefined;
  const named = NAMED_ENTITIES[name?.toLowerCase() ?? ''];
  return named === undefined ? undefined : { text: named, end: at + whole.length };
}

function parseAttributes(source: string): Map<string, string> | undefined {
  const attributes = new Map<string, string>();
  const pattern = /\s*([a-z][a-z0-9-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/giy;
  let index = 0;
  while (index < source.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(source);
    if (!match || match[0].length === 0) return source.slice(index).trim() === '' ? attributes : undefined;
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    attributes.set(match[1]!.toLowerCase(), decodeAttribute(value));
    index = pattern.lastIndex;
  }
  return attributes;
}

const decodeAttribute = (value: string) =>
  value.replace(/&[#a-z0-9]+;/gi, (entity) => decodeEntity(entity, 0)?.text ?? entity);

interface Open {
  readonly tag: string;
  readonly kind: HtmlElement['kind'] | undefined;
  readonly value: string | undefined;
  readonly children: HtmlNode[];
}

function elementFor(tag: string, attributes: Map<string, string>, parent: Open): Open | string {
  const simple = SIMPLE_TAGS[tag];
  if (simple === 'code' && parent.kind === 'pre') {
    // <pre><code class="language-x"> is how Telegram takes a code block's language.
    const language = /^language-(.+)$/.exec(attributes.get('class') ?? '')?.[1];
    return { tag, kind: undefined, value: language, children: [] };
  }
  if (simple) return { tag, kind: simple, value: undefined, children: [] };
  switch (tag) {
    case 'a': {
      const href = attributes.get('href');
      return { tag, kind: href ? 'text_link' : undefined, value: href, children: [] };
    }
    case 'span':
      return attributes.get('class') === 'tg-spoiler'
        ? { tag, kind: 'spoiler', value: undefined, children: [] }
        : 'Tag "span" must have class "tg-spoiler"';
    case 'blockquote':
      return {
        tag,
        kind: attributes.has('expandable') ? 'expandable_blockquote' : 'blockquote',
        value: undefined,
        children: [],
      };
    case 'tg-emoji': {
      const id = attributes.get('emoji-id');
      return id ? { tag, kind: 'custom_emoji', value: id, children: [] } : 'Custom emoji entity must have emoji-id';
    }
    default:
      return `Unsupported start tag "${tag}"`;
  }
}

/** Parses a message written for parse_mode HTML, refusing what Telegram refuses. Never throws. */
export function parseTelegramHtml(html: string): ParsedHtml {
  const root: Open = { tag: '', kind: undefined, value: undefined, children: [] };
  const stack: Open[] = [root];
  let text = '';
  const top = () => stack[stack.length - 1]!;
  const flush = () => {
    if (text) top().children.push(text);
    text = '';
  };

  let index = 0;
  while (index < html.length) {
    const char = html[index]!;
    if (char === '&') {
      const decoded = decodeEntity(html, index);
      text += decoded ? decoded.text : '&';
      index = decoded ? decoded.end : index + 1;
      continue;
    }
    if (char !== '<') {
      text += char;
      index += 1;
      continue;
    }
    const close = html.indexOf('>', index);
    const at = byteOffset(html, index);
    if (html[index + 1] === '/') {
      const name = html
        .slice(index + 2, close === -1 ? undefined : close)
        .trim()
        .toLowerCase();
      if (close === -1) return { ok: false, error: `Unclosed end tag at byte offset ${at}` };
      if (stack.length === 1) return { ok: false, error: `Unexpected end tag at byte offset ${at}` };
      const open = top();
      if (open.tag !== name)
        return {
          ok: false,
          error: `Unmatched end tag at byte offset ${at}, expected "</${open.tag}>", found "</${name}>"`,
        };
      flush();
      stack.pop();
      const element: HtmlNode[] = open.kind
        ? [{ kind: open.kind, ...(open.value !== undefined && { value: open.value }), children: open.children }]
        : open.children;
      top().children.push(...element);
      if (open.tag === 'code' && open.kind === undefined && open.value !== undefined) {
        // The language sits on the inner <code>, but belongs to the enclosing <pre>.
        stack[stack.length - 1] = { ...top(), value: open.value };
      }
      index = close + 1;
      continue;
    }
    const tag = /^[a-z0-9-]*/i.exec(html.slice(index + 1))![0].toLowerCase();
    if (!tag) return { ok: false, error: `Unsupported start tag "" at byte offset ${at}` };
    if (close === -1) return { ok: false, error: `Unclosed start tag at byte offset ${at}` };
    const attributes = parseAttributes(html.slice(index + 1 + tag.length, close));
    if (!attributes) return { ok: false, error: `Can't parse attributes of tag "${tag}" at byte offset ${at}` };
    const opened = elementFor(tag, attributes, top());
    if (typeof opened === 'string') return { ok: false, error: `${opened} at byte offset ${at}` };
    flush();
    stack.push(opened);
    index = close + 1;
  }
  if (stack.length > 1) return { ok: false, error: `Can't find end tag corresponding to start tag "${top().tag}"` };
  flush();
  return { ok: true, nodes: root.children };
}

/** The plain text and entities Telegram would store for a parsed message; offsets count UTF-16 code units. */
export function toTextAndEntities(nodes: readonly HtmlNode[]): { text: string; entities: MessageEntity[] } {
  let text = '';
  const entities: MessageEntity[] = [];
  const walk = (node: HtmlNode) => {
    if (typeof node === 'string') {
      text += node;
      return;
    }
    const offset = text.length;
    for (const child of node.children) walk(child);
    const length = text.length - offset;
    if (length > 0) entities.push(entityOf(node, offset, length));
  };
  for (const node of nodes) walk(node);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

function entityOf(element: HtmlElement, offset: number, length: number): MessageEntity {
  switch (element.kind) {
    case 'text_link':
      return { type: 'text_link', offset, length, url: element.value ?? '' };
    case 'pre':
      return { type: 'pre', offset, length, ...(element.value !== undefined && { language: element.value }) };
    case 'custom_emoji':
      return { type: 'custom_emoji', offset, length, custom_emoji_id: element.value ?? '' };
    default:
      return { type: element.kind, offset, length };
  }
}
