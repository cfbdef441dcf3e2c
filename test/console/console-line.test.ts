import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ConsoleLine, parseConsoleLine } from '../../src/console/console-line';

describe('parseConsoleLine', () => {
  it.each<[string, ConsoleLine]>([
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
    ['/log cccd 120', { kind: 'message', text: '/log cccd 120' }],
    ['  xin chào mọi người ', { kind: 'message', text: 'xin chào mọi người' }],
    [':as an', { kind: 'as', key: 'an' }],
    [':as an Nguyễn Văn An', { kind: 'as', key: 'an', name: 'Nguyễn Văn An' }],
    [':AS Binh', { kind: 'as', key: 'Binh' }],
    [':in PC06 PC06 - Phòng CS QLHC về TTXH', { kind: 'in', key: 'PC06', title: 'PC06 - Phòng CS QLHC về TTXH' }],
    [':in private', { kind: 'in', key: 'private' }],
    [':reply 3 cảm ơn', { kind: 'reply', ref: 3, text: 'cảm ơn' }],
    [':reply #3 /role commander', { kind: 'reply', ref: 3, text: '/role commander' }],
    [':press 4', { kind: 'press', ref: 4 }],
    [':press 4 2', { kind: 'press', ref: 4, button: { index: 2 } }],
    [':press #4 hoàn tác', { kind: 'press', ref: 4, button: { text: 'hoàn tác' } }],
    [':users', { kind: 'users' }],
    [':groups', { kind: 'groups' }],
    [':help', { kind: 'help' }],
    [':quit', { kind: 'quit' }],
    [':q', { kind: 'quit' }],
  ])('%j', (line, expected) => {
    expect(parseConsoleLine(line)).toEqual(expected);
  });

  it.each([
    [':as', 'usage: :as <user> [name]'],
    [':in', 'usage: :in <group> [name]'],
    [':as a/b', '"a/b" is not a short name (letters, digits, _ or -)'],
    [':reply', 'usage: :reply <n> <text>'],
    [':reply 3', 'usage: :reply <n> <text>'],
    [':reply x hi', 'usage: :reply <n> <text>'],
    [':press', 'usage: :press <n> [button number or text]'],
    [':users now', ':users takes no arguments'],
    [':dance', 'unknown console command ":dance" (try :help)'],
  ])('%j is refused with a hint', (line, problem) => {
    expect(parseConsoleLine(line)).toEqual({ kind: 'invalid', problem });
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (line) => typeof parseConsoleLine(line).kind === 'string'));
  });
});
