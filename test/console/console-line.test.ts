import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ConsoleLine, parseConsoleLine } from '../../src/console/console-line';

const CLOCK_USAGE = 'usage: :clock [+1d | +7d | +2h | +30m | 2026-11-30 08:00 | ISO instant]';

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
    [':edit 7 /log cccd 150', { kind: 'edit', ref: 7, text: '/log cccd 150' }],
    [':edit #7 /log cccd 150 hôm qua', { kind: 'edit', ref: 7, text: '/log cccd 150 hôm qua' }],
    [':clock', { kind: 'clock' }],
    [':clock +1d', { kind: 'clock', to: { by: 86_400_000 } }],
    [':clock +7d', { kind: 'clock', to: { by: 7 * 86_400_000 } }],
    [':clock +2h', { kind: 'clock', to: { by: 7_200_000 } }],
    [':clock +30m', { kind: 'clock', to: { by: 1_800_000 } }],
    [':clock +1w', { kind: 'clock', to: { by: 7 * 86_400_000 } }],
    [':clock 2026-11-30', { kind: 'clock', to: { day: '2026-11-30', minute: 0 } }],
    [':clock 2026-11-30 08:00', { kind: 'clock', to: { day: '2026-11-30', minute: 480 } }],
    [':clock 2026-11-30T07:30', { kind: 'clock', to: { day: '2026-11-30', minute: 450 } }],
    [':clock 2026-11-30T08:00:00+07:00', { kind: 'clock', to: { at: new Date('2026-11-30T01:00:00Z') } }],
    [':clock 2026-11-30T01:00Z', { kind: 'clock', to: { at: new Date('2026-11-30T01:00:00Z') } }],
    [':files', { kind: 'files' }],
    [':save 12 out/bao-cao.xlsx', { kind: 'save', ref: 12, path: 'out/bao-cao.xlsx' }],
    [':save #12 "out/báo cáo  tuần.xlsx"', { kind: 'save', ref: 12, path: 'out/báo cáo  tuần.xlsx' }],
    [':file docs/roster.xlsx', { kind: 'file', path: 'docs/roster.xlsx' }],
    [':file docs/roster.xlsx /nhap', { kind: 'file', path: 'docs/roster.xlsx', caption: '/nhap' }],
    [
      ':file "my files/danh sách.csv" /import  now',
      { kind: 'file', path: 'my files/danh sách.csv', caption: '/import  now' },
    ],
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
    [':edit 7', 'usage: :edit <n> <text>'],
    [':edit x hi', 'usage: :edit <n> <text>'],
    [':clock tomorrow', CLOCK_USAGE],
    [':clock +0d', CLOCK_USAGE],
    [':clock -1d', CLOCK_USAGE],
    [':clock 2026-13-01', CLOCK_USAGE],
    [':clock 2026-02-30', CLOCK_USAGE],
    [':clock 2026-11-30 24:00', CLOCK_USAGE],
    [':clock 2026-11-30T08:00:00', CLOCK_USAGE],
    [':save 12', 'usage: :save <n> <path>'],
    [':save x a.xlsx', 'usage: :save <n> <path>'],
    [':save 12 a.xlsx b.xlsx', 'usage: :save <n> <path>'],
    [':file', 'usage: :file <path> [caption]'],
    [':files a', ':files takes no arguments'],
    [':users now', ':users takes no arguments'],
    [':dance', 'unknown console command ":dance" (try :help)'],
  ])('%j is refused with a hint', (line, problem) => {
    expect(parseConsoleLine(line)).toEqual({ kind: 'invalid', problem });
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (line) => typeof parseConsoleLine(line).kind === 'string'));
  });
});
