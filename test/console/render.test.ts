import { describe, expect, it } from 'vitest';
import { renderHtml, renderKeyboard } from '../../src/console/render';

const plain = { ansi: false };
const ansi = { ansi: true };

describe('renderHtml, plain', () => {
  it.each([
    ['Đã ghi <b>120</b> thẻ', 'Đã ghi 120 thẻ'],
    ['<i>nghiêng</i> và <u>gạch</u> <s>bỏ</s>', 'nghiêng và gạch bỏ'],
    ['a &lt;b&gt; &amp; &quot;c&quot; &#273; &#x111;', 'a <b> & "c" đ đ'],
    ['gõ <code>/log cccd 120</code>', 'gõ `/log cccd 120`'],
    ['<a href="tg://user?id=1001">Nguyễn Văn An</a>', 'Nguyễn Văn An'],
    ['<a href="https://congan.langson.gov.vn">trang</a>', 'trang <https://congan.langson.gov.vn>'],
    ['<tg-spoiler>bí mật</tg-spoiler>', '||bí mật||'],
    ['<blockquote>5 xin\n5 luôn</blockquote>', '| 5 xin\n| 5 luôn'],
    ['<pre><code class="language-txt">x</code></pre>', 'x'],
    ['dòng 1\ndòng 2', 'dòng 1\ndòng 2'],
  ])('%j', (html, text) => {
    expect(renderHtml(html, plain)).toBe(text);
  });

  it('shows invalid markup raw, with what Telegram would say', () => {
    expect(renderHtml('1 < 2', plain)).toBe(`1 < 2\n[invalid HTML: Unsupported start tag "" at byte offset 2]`);
  });
});

describe('renderHtml, ANSI', () => {
  it.each([
    ['<b>đậm</b>', '\u001b[1mđậm\u001b[0m'],
    ['<b>a <i>b</i> c</b>', '\u001b[1ma \u001b[3mb\u001b[0m\u001b[1m c\u001b[0m'],
    ['<code>x</code>', '\u001b[36mx\u001b[0m'],
    ['không đổi', 'không đổi'],
  ])('%j', (html, text) => {
    expect(renderHtml(html, ansi)).toBe(text);
  });
});

describe('renderKeyboard', () => {
  it.each([
    [[], []],
    [[[{ text: '↩️ Hoàn tác', callback_data: 'undo:1' }]], ['[1: ↩️ Hoàn tác]']],
    [
      [
        [
          { text: 'Duyệt', callback_data: 'ok' },
          { text: 'Từ chối', callback_data: 'no' },
        ],
        [{ text: 'Trang', url: 'https://x.vn' }],
        [],
      ],
      ['[1: Duyệt] [2: Từ chối]', '[3: Trang -> https://x.vn]'],
    ],
  ])('%j', (rows, lines) => {
    expect(renderKeyboard(rows)).toEqual(lines);
  });
});
