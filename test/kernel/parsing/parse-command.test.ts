import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMMAND_ALIASES,
  COMMAND_NAMES,
  parseCommandText,
  resolveCommandName,
} from '../../../src/kernel/parsing/parse-command';

const BOT = 'ThiDuaBot';

describe('parseCommandText', () => {
  it.each([
    ['/log cccd 120', 'log', 'cccd 120'],
    ['/log@ThiDuaBot cccd 120', 'log', 'cccd 120'],
    ['/log@thiduabot cccd 120', 'log', 'cccd 120'],
    ['/LOG@THIDUABOT cccd 120', 'log', 'cccd 120'],
    ['/log', 'log', ''],
    ['/log@ThiDuaBot', 'log', ''],
    ['/log   cccd   120  ', 'log', 'cccd   120'],
    ['/log\ncccd 120\ntại xã Đồng Đăng', 'log', 'cccd 120\ntại xã Đồng Đăng'],
    ['/Ghi căn cước 1.400', 'ghi', 'căn cước 1.400'],
    ['/top_week', 'top_week', ''],
    ['/start', 'start', ''],
  ])('%j → %s(%j)', (text, name, args) => {
    expect(parseCommandText(text, BOT)).toEqual({ name, args });
  });

  it('accepts our username with a leading @', () => {
    expect(parseCommandText('/log@ThiDuaBot cccd 1', '@ThiDuaBot')).toEqual({ name: 'log', args: 'cccd 1' });
  });

  it.each([
    'log cccd 120',
    ' /log cccd 120',
    '/',
    '/ log',
    '//log',
    '/log@OtherBot cccd 120',
    '/log@ThiDuaBotX cccd 120',
    '/log@ cccd 120',
    '/log-cccd',
    '/lóg cccd',
    '',
    'hello /log',
  ])('%j is not a command for us', (text) => {
    expect(parseCommandText(text, BOT)).toBeUndefined();
  });

  it('cannot confirm an addressed command before knowing its own username', () => {
    expect(parseCommandText('/log@ThiDuaBot cccd 1', '')).toBeUndefined();
    expect(parseCommandText('/log cccd 1', '')).toEqual({ name: 'log', args: 'cccd 1' });
  });

  it('never throws and returns lower-case names and trimmed args', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string(), (text, bot) => {
        const parsed = parseCommandText(text, bot);
        if (parsed) {
          expect(parsed.name).toBe(parsed.name.toLowerCase());
          expect(parsed.args).toBe(parsed.args.trim());
        }
      }),
    );
    fc.assert(
      fc.property(fc.string(), (rest) => {
        expect(() => parseCommandText(`/log${rest}`, BOT)).not.toThrow();
        expect(() => parseCommandText(`/log@ThiDuaBot ${rest}`, BOT)).not.toThrow();
      }),
    );
  });
});

describe('resolveCommandName', () => {
  it.each([
    ['log', 'log'],
    ['ghi', 'log'],
    ['undo', 'undo'],
    ['hoantac', 'undo'],
    ['me', 'me'],
    ['toi', 'me'],
    ['top', 'top'],
    ['bxh', 'top'],
    ['metrics', 'metrics'],
    ['chitieu', 'metrics'],
    ['start', 'start'],
    ['help', 'help'],
    ['huongdan', 'help'],
    ['lang', 'lang'],
    ['ngonngu', 'lang'],
    ['unit', 'unit'],
    ['donvi', 'unit'],
    ['register', 'register'],
    ['dangky', 'register'],
    ['role', 'role'],
    ['vaitro', 'role'],
    ['metric', 'metric'],
    ['chitieumoi', 'metric'],
    ['GHI', 'log'],
  ])('%s → %s', (name, canonical) => {
    expect(resolveCommandName(name)).toBe(canonical);
  });

  it.each(['', 'logs', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'ghi chu'])(
    '%j is no command',
    (name) => {
      expect(resolveCommandName(name)).toBeUndefined();
    },
  );

  it('resolves every canonical name and alias, and no alias is claimed twice', () => {
    const all = COMMAND_NAMES.flatMap((name) => [name, ...COMMAND_ALIASES[name]]);
    expect(new Set(all).size).toBe(all.length);
    for (const name of COMMAND_NAMES) {
      for (const alias of [name, ...COMMAND_ALIASES[name]]) expect(resolveCommandName(alias)).toBe(name);
    }
  });

  it('every name is a valid Telegram command', () => {
    for (const name of COMMAND_NAMES.flatMap((n) => [n, ...COMMAND_ALIASES[n]])) {
      expect(name).toMatch(/^[a-z0-9_]{1,32}$/);
    }
  });
});
