import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTelegramHtml, toTextAndEntities } from '../../src/console/telegram-html';
import { escapeHtml } from '../../src/i18n/format';

const textOf = (html: string) => {
  const parsed = parseTelegramHtml(html);
  if (!parsed.ok) throw new Error(parsed.error);
  return toTextAndEntities(parsed.nodes);
};

describe('parseTelegramHtml into text and entities', () => {
  it.each([
    ['<b>120</b> thẻ', { text: '120 thẻ', entities: [{ type: 'bold', offset: 0, length: 3 }] }],
    [
      '<b>a <i>b</i></b>',
      {
        text: 'a b',
        entities: [
          { type: 'bold', offset: 0, length: 3 },
          { type: 'italic', offset: 2, length: 1 },
        ],
      },
    ],
    ['🏆 <strong>x</strong>', { text: '🏆 x', entities: [{ type: 'bold', offset: 3, length: 1 }] }],
    [
      '<a href="tg://user?id=1">An</a>',
      { text: 'An', entities: [{ type: 'text_link', offset: 0, length: 2, url: 'tg://user?id=1' }] },
    ],
    [
      '<pre><code class="language-ts">x</code></pre>',
      { text: 'x', entities: [{ type: 'pre', offset: 0, length: 1, language: 'ts' }] },
    ],
    ['<span class="tg-spoiler">s</span>', { text: 's', entities: [{ type: 'spoiler', offset: 0, length: 1 }] }],
    [
      '<blockquote expandable>q</blockquote>',
      { text: 'q', entities: [{ type: 'expandable_blockquote', offset: 0, length: 1 }] },
    ],
    [
      '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
      {
        text: '👍',
        entities: [{ type: 'custom_emoji', offset: 0, length: 2, custom_emoji_id: '5368324170671202286' }],
      },
    ],
    ['<b></b>x', { text: 'x', entities: [] }],
    ['AT&T &nbsp;', { text: 'AT&T &nbsp;', entities: [] }],
    ['<a>no link</a>', { text: 'no link', entities: [] }],
  ])('%j', (html, expected) => {
    expect(textOf(html)).toEqual(expected);
  });
});

describe('parseTelegramHtml refuses what Telegram refuses', () => {
  it.each([
    ['a < b', 'Unsupported start tag "" at byte offset 2'],
    ['dòng<br>mới', 'Unsupported start tag "br" at byte offset 5'],
    ['<div>x</div>', 'Unsupported start tag "div" at byte offset 0'],
    ['<b>x', `Can't find end tag corresponding to start tag "b"`],
    ['<b><i>x</b></i>', 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'],
    ['x</b>', 'Unexpected end tag at byte offset 1'],
    ['<span>x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ['<b', 'Unclosed start tag at byte offset 0'],
  ])('%j', (html, error) => {
    expect(parseTelegramHtml(html)).toEqual({ ok: false, error });
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (html) => typeof parseTelegramHtml(html).ok === 'boolean'));
  });

  it('reads back any escaped text unchanged, with no entities', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(textOf(escapeHtml(text))).toEqual({ text, entities: [] });
      }),
    );
  });
});
