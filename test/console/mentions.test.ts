import { describe, expect, it } from 'vitest';
import { markText } from '../../src/console/mentions';
import type { User } from '../../src/telegram/update-schema';

const lan: User = { id: 1001, is_bot: false, first_name: 'Lan', username: 'lan' };
const an: User = { id: 1002, is_bot: false, first_name: 'Nguyễn Văn', last_name: 'An' };
const people = new Map([
  ['lan', lan],
  ['an', an],
]);
const mark = (text: string) => markText(text, (key) => people.get(key));

describe('markText', () => {
  it('marks a leading command and a username as Telegram does, leaving the text as typed', () => {
    expect(mark('/role commander @lan')).toEqual({
      ok: true,
      text: '/role commander @lan',
      entities: [
        { type: 'bot_command', offset: 0, length: 5 },
        { type: 'mention', offset: 16, length: 4 },
      ],
    });
    expect(mark('cảm ơn @someone_else nhé')).toEqual({
      ok: true,
      text: 'cảm ơn @someone_else nhé',
      entities: [{ type: 'mention', offset: 7, length: 13 }],
    });
  });

  it('links the name of a person without a username (text_mention), offsets in UTF-16 units', () => {
    expect(mark('/khen @an 🚓 tuần tra tốt')).toEqual({
      ok: true,
      text: '/khen Nguyễn Văn An 🚓 tuần tra tốt',
      entities: [
        { type: 'bot_command', offset: 0, length: 5 },
        { type: 'text_mention', offset: 6, length: 13, user: an },
      ],
    });
    const later = mark('🚓 @{lan} và @an');
    expect(later).toMatchObject({ ok: true, text: '🚓 Lan và Nguyễn Văn An' });
    expect(later.ok && later.entities).toEqual([
      { type: 'text_mention', offset: 3, length: 3, user: lan },
      { type: 'text_mention', offset: 10, length: 13, user: an },
    ]);
  });

  it('leaves e-mail addresses, lone @ and too short names alone, and refuses an unknown @{person}', () => {
    expect(mark('thư gửi lan@congan.vn, @ và @ab')).toEqual({
      ok: true,
      text: 'thư gửi lan@congan.vn, @ và @ab',
      entities: [],
    });
    expect(mark('/role commander @{chi}')).toEqual({ ok: false, unknown: 'chi' });
  });
});
