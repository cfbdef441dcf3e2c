import { describe, expect, it } from 'vitest';
import {
  parseFlagArgs,
  parsePaperArgs,
  parseReviewArgs,
  parseTitle,
  parseTitleAndYear,
  parseTitleDecision,
  parseWrittenVotes,
} from '../../../src/features/year/year-args';

describe('parseTitle', () => {
  it.each([
    ['cstt', 'cstt'],
    ['CSTĐCS', 'cstdcs'],
    ['Chiến sĩ thi đua cơ sở', 'cstdcs'],
    ['chien si tien tien', 'cstt'],
    ['cstd-bo', 'cstd-bo'],
    ['CSTĐ cấp Bộ', 'cstd-bo'],
    ['Đơn vị quyết thắng', 'dvqt'],
    ['co-thi-dua', 'co-thi-dua'],
    ['Cờ thi đua', 'co-thi-dua'],
    ['giấy khen', undefined],
    ['', undefined],
  ])('%j', (text, title) => {
    expect(parseTitle(text)).toBe(title);
  });
});

describe('parseTitleAndYear', () => {
  it('reads a title of several words and a year, empty as the list', () => {
    expect(parseTitleAndYear('chiến sĩ thi đua cơ sở 2027')).toEqual({
      ok: true,
      value: { title: 'cstdcs', year: 2027 },
    });
    expect(parseTitleAndYear('dvtt')).toEqual({ ok: true, value: { title: 'dvtt' } });
    expect(parseTitleAndYear('  ')).toEqual({ ok: true, value: undefined });
    expect(parseTitleAndYear('2026')).toEqual({ ok: false, error: { kind: 'yearChat.usage' } });
    expect(parseTitleAndYear('anh hùng 2026')).toEqual({
      ok: false,
      error: { kind: 'yearChat.badTitle', text: 'anh hùng' },
    });
  });
});

describe('parseReviewArgs', () => {
  it('reads the ballot’s hours, 1 to 168', () => {
    expect(parseReviewArgs('cstt 2026 24h')).toEqual({ ok: true, value: { title: 'cstt', year: 2026, hours: 24 } });
    expect(parseReviewArgs('cstt 48gio')).toEqual({ ok: true, value: { title: 'cstt', hours: 48 } });
    expect(parseReviewArgs('cstt 0h')).toEqual({ ok: false, error: { kind: 'yearChat.badHours', text: '0h' } });
    expect(parseReviewArgs('cstt 169h')).toEqual({ ok: false, error: { kind: 'yearChat.badHours', text: '169h' } });
    expect(parseReviewArgs('')).toEqual({ ok: false, error: { kind: 'yearChat.usage' } });
    expect(parseReviewArgs('cstdcs 2026 xem')).toEqual({
      ok: true,
      value: { title: 'cstdcs', year: 2026, preview: true },
    });
    expect(parseReviewArgs('xem')).toEqual({ ok: false, error: { kind: 'yearChat.badTitle', text: 'xem' } });
  });
});

describe('parseFlagArgs', () => {
  it.each([
    ['', { kind: 'list' }],
    ['go 12', { kind: 'clear', flagId: 12 }],
    ['gỡ #3', { kind: 'clear', flagId: 3 }],
    ['kỷ luật đang xem xét', { kind: 'record', flagKind: 'discipline-pending', reason: 'đang xem xét' }],
    ['Thanh tra có đoàn', { kind: 'record', flagKind: 'inspection-pending', reason: 'có đoàn' }],
    ['constructor x', undefined],
    ['kyluat đang xem xét', { kind: 'record', flagKind: 'discipline-pending', reason: 'đang xem xét' }],
    ['thanhtra', { kind: 'record', flagKind: 'inspection-pending', reason: '' }],
    ['donthu có đơn', { kind: 'record', flagKind: 'complaint-pending', reason: 'có đơn' }],
    ['go', undefined],
    ['khac lý do', undefined],
  ])('%j', (args, value) => {
    expect(parseFlagArgs(args)).toEqual(
      value ? { ok: true, value } : { ok: false, error: { kind: 'yearChat.flagUsage' } },
    );
  });
});

describe('parseTitleDecision', () => {
  it('reads the title, year, number, date and signer; refuses a day that does not exist', () => {
    expect(parseTitleDecision('cstdcs 2026 567/QĐ-CAT 20/12/2026 Đại tá Nguyễn Văn A')).toEqual({
      ok: true,
      value: { title: 'cstdcs', year: 2026, number: '567/QĐ-CAT', date: '2026-12-20', signer: 'Đại tá Nguyễn Văn A' },
    });
    expect(parseTitleDecision('cstdcs 2026 567/QĐ-CAT 30/02/2026 X')).toEqual({
      ok: false,
      error: { kind: 'yearChat.badDate', text: '30/02/2026' },
    });
    expect(parseTitleDecision('xyz 2026 1 01/01/2026 X')).toEqual({
      ok: false,
      error: { kind: 'yearChat.badTitle', text: 'xyz' },
    });
    expect(parseTitleDecision('cstdcs 2026 567/QĐ-CAT 20/12/2026')).toEqual({
      ok: false,
      error: { kind: 'yearChat.decisionUsage' },
    });
  });
});

describe('parsePaperArgs', () => {
  it.each([
    ['dangky', { kind: 'registration', format: 'docx' }],
    ['bienban pdf', { kind: 'minutes', format: 'pdf' }],
    ['danhsach 2025 pdf', { kind: 'list', format: 'pdf', year: 2025 }],
    ['totrinh', { kind: 'letter', format: 'docx' }],
    ['chungnhan pdf', { kind: 'certificate', format: 'pdf' }],
    ['dangky xlsx', undefined],
    ['constructor', undefined],
    ['toString', undefined],
  ])('%j', (args, value) => {
    expect(parsePaperArgs(args)).toEqual(
      value ? { ok: true, value } : { ok: false, error: { kind: 'yearChat.paperUsage' } },
    );
  });
});

describe('parseWrittenVotes', () => {
  it.each([
    [
      'cstdcs 3,5 2/0 1/1',
      {
        title: 'cstdcs',
        members: [3, 5],
        present: false,
        votes: [
          { yes: 2, no: 0 },
          { yes: 1, no: 1 },
        ],
      },
    ],
    ['dvtt 2026 4 comat 1/0', { title: 'dvtt', year: 2026, members: [4], present: true, votes: [{ yes: 1, no: 0 }] }],
    [
      'Chiến sĩ thi đua cơ sở 1,2, 0/2',
      { title: 'cstdcs', members: [1, 2], present: false, votes: [{ yes: 0, no: 2 }] },
    ],
  ])('reads "%s"', (args, value) => {
    expect(parseWrittenVotes(args)).toEqual({ ok: true, value });
  });

  it.each(['', 'cstdcs', 'cstdcs 3', 'cstdcs 3 2', 'cstdcs 0 1/0', '3 1/0', 'cstdcs 3 1/0 x'])(
    'refuses "%s"',
    (args) => {
      expect(parseWrittenVotes(args)).toEqual({ ok: false, error: { kind: 'yearChat.usage' } });
    },
  );

  it('names a title it does not know', () => {
    expect(parseWrittenVotes('giaykhen 3 1/0')).toEqual({
      ok: false,
      error: { kind: 'yearChat.badTitle', text: 'giaykhen' },
    });
  });
});
