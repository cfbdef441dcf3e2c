import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLangArgs, parseSettingsArgs } from '../../../src/features/settings/parse-settings';

describe('parseSettingsArgs', () => {
  it.each([
    ['', { kind: 'show' }],
    ['reminders off', { kind: 'reminders', on: false }],
    ['reminders ON', { kind: 'reminders', on: true }],
    ['nhắc nhở tắt', { kind: 'reminders', on: false }],
    ['nhacnho bat', { kind: 'reminders', on: true }],
    ['Nhắc Nhở Bật', { kind: 'reminders', on: true }],
    ['lang en', { kind: 'language', args: 'en' }],
    ['ngôn ngữ tiếng Việt', { kind: 'language', args: 'tiếng Việt' }],
    ['ngonngu vi', { kind: 'language', args: 'vi' }],
    ['chủ đề', { kind: 'topic' }],
    ['topic', { kind: 'topic' }],
    ['confirm reaction', { kind: 'confirm', mode: 'reaction' }],
    ['xác nhận trả lời', { kind: 'confirm', mode: 'reply' }],
    ['xacnhan bieutuong', { kind: 'confirm', mode: 'reaction' }],
    ['Xác nhận tự động', { kind: 'confirm', mode: 'auto' }],
    ['confirm auto', { kind: 'confirm', mode: 'auto' }],
  ])('reads %j', (args, expected) => {
    expect(parseSettingsArgs(args)).toEqual({ ok: true, value: expected });
  });

  it.each(['reminders', 'reminders maybe', 'lang', 'colour blue', 'on', 'topic 42', 'confirm', 'xác nhận luôn'])(
    'refuses %j with the usage',
    (args) => {
      expect(parseSettingsArgs(args)).toEqual({ ok: false, error: { kind: 'settings.usage' } });
    },
  );

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        parseSettingsArgs(text);
      }),
    );
  });
});

describe('parseLangArgs', () => {
  it.each([
    ['vi', 'vi'],
    ['VI', 'vi'],
    ['vn', 'vi'],
    ['tiếng việt', 'vi'],
    ['Tiếng Việt', 'vi'],
    ['tiengviet', 'vi'],
    ['en', 'en'],
    ['english', 'en'],
    ['English', 'en'],
    ['tiếng Anh', 'en'],
  ])('%j → %s', (args, locale) => {
    expect(parseLangArgs(args)).toEqual({ ok: true, value: { locale } });
  });

  it.each(['', 'fr', 'vi en', 'tiếng', 'việt nam'])('%j is refused', (args) => {
    expect(parseLangArgs(args)).toEqual({ ok: false, error: { kind: 'lang.usage' } });
  });
});
