import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLogDay, type LogDayRefusal, type LogWindows, sentInFuture } from '../../../src/features/tally/log-rules';
import { MAX_NOTE_CHARS, parseLogArgs } from '../../../src/features/tally/parse-log';
import { parseDayWords } from '../../../src/kernel/parsing/parse-day';
import type { ParseError } from '../../../src/kernel/parsing/parse-error';
import { normalizeWord, tokenize } from '../../../src/kernel/parsing/tokens';
import { addDays } from '../../../src/kernel/period';
import { seedCatalog, seedMetrics } from '../../helpers/metric-catalog';

const TODAY = '2026-11-24';
const BACKDATE_DAYS = 7;
const catalog = seedCatalog();
const ctx = { catalog, today: TODAY, backdateDays: BACKDATE_DAYS };

/** What /log refuses before storing anything: the parse, then the day's rule in the caller's window. */
function parseLog(args: string, context: typeof ctx & LogWindows = ctx) {
  const result = parseLogArgs(args, context);
  if (!result.ok) return result;
  const refusal = checkLogDay(result.value.day, context.today, context);
  return refusal ? { ok: false as const, error: refusal } : result;
}

/** The parse reduced to codes, so tables stay readable. */
function parsed(args: string) {
  const result = parseLog(args, ctx);
  if (!result.ok) return result;
  const { items, day, note } = result.value;
  return { ok: true, items: items.map((item) => [item.metric.code, item.amount]), day, note };
}

describe('parseLogArgs accepts', () => {
  it.each<[string, [string, number][], string, string | undefined]>([
    ['cccd 120', [['cccd', 120]], TODAY, undefined],
    ['CCCD 1.400', [['cccd', 1400]], TODAY, undefined],
    ['căn cước 1,400', [['cccd', 1400]], TODAY, undefined],
    ['can cuoc 1400', [['cccd', 1400]], TODAY, undefined],
    ['Căn Cước Công Dân 1400', [['cccd', 1400]], TODAY, undefined],
    ['  cccd   120  ', [['cccd', 120]], TODAY, undefined],
    ['cccd 5000', [['cccd', 5000]], TODAY, undefined],
    ['cccd 5.000', [['cccd', 5000]], TODAY, undefined],
    ['dktam 4.999', [['dktam', 4999]], TODAY, undefined],
    ['khautrang 17.500', [['khautrang', 17_500]], TODAY, undefined],
    [
      'cccd 120 dkoto 5',
      [
        ['cccd', 120],
        ['dkoto', 5],
      ],
      TODAY,
      undefined,
    ],
    [
      'cccd 120, dkoto 5; vlnc 447',
      [
        ['cccd', 120],
        ['dkoto', 5],
        ['vlnc', 447],
      ],
      TODAY,
      undefined,
    ],
    [
      'khẩu trang 17.500 tấm chắn 3.000 suất quà 200',
      [
        ['khautrang', 17_500],
        ['tamchan', 3000],
        ['qua', 200],
      ],
      TODAY,
      undefined,
    ],
    [
      'cccd 120 qua 5',
      [
        ['cccd', 120],
        ['qua', 5],
      ],
      TODAY,
      undefined,
    ],
    ['cccd 120 hôm qua', [['cccd', 120]], '2026-11-23', undefined],
    ['cccd 120 Hôm Qua', [['cccd', 120]], '2026-11-23', undefined],
    ['cccd 120 hom qua', [['cccd', 120]], '2026-11-23', undefined],
    ['cccd 120 homqua', [['cccd', 120]], '2026-11-23', undefined],
    ['cccd 120 hôm kia', [['cccd', 120]], '2026-11-22', undefined],
    ['cccd 120 hôm nay', [['cccd', 120]], TODAY, undefined],
    ['cccd 120 today', [['cccd', 120]], TODAY, undefined],
    ['cccd 120 23/11 ghi chú', [['cccd', 120]], '2026-11-23', 'ghi chú'],
    ['cccd 120 23/11/2026', [['cccd', 120]], '2026-11-23', undefined],
    ['cccd 120 23-11-2026', [['cccd', 120]], '2026-11-23', undefined],
    ['cccd 120 2026-11-23', [['cccd', 120]], '2026-11-23', undefined],
    ['cccd 120 17/11', [['cccd', 120]], '2026-11-17', undefined], // exactly backdateDays ago
    ['cccd 120 tại xã Đồng Đăng', [['cccd', 120]], TODAY, 'tại xã Đồng Đăng'],
    ['cccd 120 hôm qua, tại xã Đồng Đăng', [['cccd', 120]], '2026-11-23', 'tại xã Đồng Đăng'],
    ['cccd 120 ghi chú 23/11', [['cccd', 120]], TODAY, 'ghi chú 23/11'],
    [
      'cccd 120 hôm qua qua 5',
      [
        ['cccd', 120],
        ['qua', 5],
      ],
      '2026-11-23',
      undefined,
    ],
    ['cccd 120 dkoto abc', [['cccd', 120]], TODAY, 'dkoto abc'],
    ['cccd 120 cho 5 người', [['cccd', 120]], TODAY, 'cho 5 người'],
    ['qua 5 hôm qua', [['qua', 5]], '2026-11-23', undefined],
    ['dkoto 3 yesterday', [['dkoto', 3]], '2026-11-23', undefined],
    ['o to 3 yesterday', [['dkoto', 3]], '2026-11-23', undefined],
    ['cccd 120\nxã Đồng Đăng,\n  thôn 2  ', [['cccd', 120]], TODAY, 'xã Đồng Đăng,\n  thôn 2'],
    // Dates as people write them (today is Tuesday 24/11/2026).
    ['cccd 120 ngày 23/11', [['cccd', 120]], '2026-11-23', undefined],
    ['cccd 120 ngày 23/11 tại xã', [['cccd', 120]], '2026-11-23', 'tại xã'],
    ['cccd 120 thứ hai', [['cccd', 120]], '2026-11-23', undefined],
    ['cccd 120 Thứ Hai, tại xã', [['cccd', 120]], '2026-11-23', 'tại xã'],
    ['cccd 120 thứ 3', [['cccd', 120]], TODAY, undefined],
    ['cccd 120 chủ nhật', [['cccd', 120]], '2026-11-22', undefined],
    ['cccd 120 t6', [['cccd', 120]], '2026-11-20', undefined],
    ['cccd 120 cn', [['cccd', 120]], '2026-11-22', undefined],
    ['cccd 120 thu bay', [['cccd', 120]], '2026-11-21', undefined],
    ['cccd 120 23-11', [['cccd', 120]], '2026-11-23', undefined],
    ['cccd 120 20.11', [['cccd', 120]], '2026-11-20', undefined],
    ['cccd 120 20.11.2026', [['cccd', 120]], '2026-11-20', undefined],
    ['cccd 120 20-11-2026', [['cccd', 120]], '2026-11-20', undefined],
    ['cccd 120 ２０/１１', [['cccd', 120]], '2026-11-20', undefined],
    ['cccd 120 ngày hôm qua', [['cccd', 120]], '2026-11-23', undefined],
    ['hôm qua cccd 120', [['cccd', 120]], '2026-11-23', undefined],
    ['23/11 cccd 120 tại xã', [['cccd', 120]], '2026-11-23', 'tại xã'],
    [
      'cccd 120 hôm qua dkoto 5 tại xã',
      [
        ['cccd', 120],
        ['dkoto', 5],
      ],
      '2026-11-23',
      'tại xã',
    ],
    // Full-width and other digits are digits.
    ['cccd １２０', [['cccd', 120]], TODAY, undefined],
    ['cccd ١٢٠', [['cccd', 120]], TODAY, undefined],
    ['ｃｃｃｄ 120', [['cccd', 120]], TODAY, undefined],
    ['cccd 1\u200b20', [['cccd', 120]], TODAY, undefined],
    // Glued pairs.
    [
      'cccd 120 dkoto5',
      [
        ['cccd', 120],
        ['dkoto', 5],
      ],
      TODAY,
      undefined,
    ],
    ['cccd120', [['cccd', 120]], TODAY, undefined],
    ['CCCD1.400', [['cccd', 1400]], TODAY, undefined],
    [
      'cccd120, dkoto5 hôm qua',
      [
        ['cccd', 120],
        ['dkoto', 5],
      ],
      '2026-11-23',
      undefined,
    ],
    ['o to5', [['dkoto', 5]], TODAY, undefined],
    ['can cuoc120 tại xã', [['cccd', 120]], TODAY, 'tại xã'],
    // Separators standing alone are no note.
    [
      'cccd 120 , dkoto 5',
      [
        ['cccd', 120],
        ['dkoto', 5],
      ],
      TODAY,
      undefined,
    ],
    [
      'cccd 120 + dkoto 5 - tại xã',
      [
        ['cccd', 120],
        ['dkoto', 5],
      ],
      TODAY,
      'tại xã',
    ],
    // Inside the note anything goes.
    ['cccd 120 tại số nhà 12/3, 5 người', [['cccd', 120]], TODAY, 'tại số nhà 12/3, 5 người'],
    ['cccd 120 ca F0 tại QL1A', [['cccd', 120]], TODAY, 'ca F0 tại QL1A'],
    ['cccd 120 ngay tại chỗ', [['cccd', 120]], TODAY, 'ngay tại chỗ'],
    ['cccd 120 thu phí', [['cccd', 120]], TODAY, 'thu phí'],
    ['cccd 120 Mai trực', [['cccd', 120]], TODAY, 'Mai trực'],
  ])('%j', (args, items, day, note) => {
    expect(parsed(args)).toEqual({ ok: true, items, day, note });
  });

  it('keeps a note of exactly the maximum length', () => {
    const note = 'ă'.repeat(MAX_NOTE_CHARS);
    expect(parsed(`cccd 1 ${note}`)).toMatchObject({ ok: true, note });
  });

  it('returns the catalog metric objects themselves', () => {
    const result = parseLog('can cuoc 1', ctx);
    expect(result.ok && result.value.items[0]?.metric).toBe(catalog.resolve('cccd'));
  });
});

const longNote = 'x'.repeat(MAX_NOTE_CHARS + 1);

describe('parseLogArgs refuses', () => {
  it.each<[string, ParseError | LogDayRefusal]>([
    ['', { kind: 'log.usage' }],
    ['   ', { kind: 'log.usage' }],
    ['\n\t', { kind: 'log.usage' }],
    ['120 cccd', { kind: 'log.unknownMetric', metric: '120' }],
    ['abc 120', { kind: 'log.unknownMetric', metric: 'abc' }],
    ['hôm trước cccd 120', { kind: 'log.badDate', date: 'hôm trước' }],
    ['hôm qua', { kind: 'log.usage' }],
    ['hôm qua ,', { kind: 'log.usage' }],
    ['Căn-cước 5', { kind: 'log.unknownMetric', metric: 'Căn-cước' }],
    ['cccd: 120', { kind: 'log.unknownMetric', metric: 'cccd:' }],
    ['cccd', { kind: 'log.missingAmount', metric: 'cccd' }],
    ['căn cước', { kind: 'log.missingAmount', metric: 'cccd' }],
    ['qua', { kind: 'log.missingAmount', metric: 'qua' }],
    ['cccd hôm qua', { kind: 'log.missingAmount', metric: 'cccd' }],
    ['cccd 23/11', { kind: 'log.missingAmount', metric: 'cccd' }],
    ['cccd 120 dkoto', { kind: 'log.missingAmount', metric: 'dkoto' }],
    ['cccd 120 o to', { kind: 'log.missingAmount', metric: 'dkoto' }],
    ['cccd 120, dkoto', { kind: 'log.missingAmount', metric: 'dkoto' }],
    ['cccd 120 dkoto 5 qua tang', { kind: 'log.missingAmount', metric: 'qua' }],
    ['cccd abc', { kind: 'log.badAmount', amount: 'abc' }],
    ['cccd 1.4', { kind: 'log.badAmount', amount: '1.4' }],
    ['cccd 1,5', { kind: 'log.badAmount', amount: '1,5' }],
    ['cccd 1.40', { kind: 'log.badAmount', amount: '1.40' }],
    ['cccd 12.3456', { kind: 'log.badAmount', amount: '12.3456' }],
    ['cccd 1.400,000', { kind: 'log.badAmount', amount: '1.400,000' }],
    ['cccd 1e3', { kind: 'log.badAmount', amount: '1e3' }],
    ['cccd 0x10', { kind: 'log.badAmount', amount: '0x10' }],
    ['cccd 12abc', { kind: 'log.badAmount', amount: '12abc' }],
    ['cccd +5', { kind: 'log.badAmount', amount: '+5' }],
    ['cccd ½', { kind: 'log.badAmount', amount: '½' }],
    ['cccd １.５', { kind: 'log.badAmount', amount: '１.５' }],
    ['cccd 120 dkoto 1.5', { kind: 'log.badAmount', amount: '1.5' }],
    ['cccd 1 400', { kind: 'log.badAmount', amount: '1 400' }],
    ['cccd 0', { kind: 'log.amountNotPositive', amount: '0' }],
    ['cccd 000', { kind: 'log.amountNotPositive', amount: '000' }],
    ['cccd -5', { kind: 'log.amountNotPositive', amount: '-5' }],
    ['cccd -1.400', { kind: 'log.amountNotPositive', amount: '-1.400' }],
    ['cccd 120 dkoto -5', { kind: 'log.amountNotPositive', amount: '-5' }],
    ['cccd 120 dkoto 0', { kind: 'log.amountNotPositive', amount: '0' }],
    ['cccd 5001', { kind: 'log.amountTooLarge', amount: '5001', max: 5000, metric: 'cccd' }],
    ['cccd 5.001', { kind: 'log.amountTooLarge', amount: '5.001', max: 5000, metric: 'cccd' }],
    ['an ninh trat tu 501', { kind: 'log.amountTooLarge', amount: '501', max: 500, metric: 'antt' }],
    [
      'cccd 1234567890123456789',
      { kind: 'log.amountTooLarge', amount: '1234567890123456789', max: 5000, metric: 'cccd' },
    ],
    ['cccd 120 dkoto 2,001', { kind: 'log.amountTooLarge', amount: '2,001', max: 2000, metric: 'dkoto' }],
    ['cccd 120 cccd 5', { kind: 'log.repeatedMetric', metric: 'cccd' }],
    ['cccd 120 căn cước 5', { kind: 'log.repeatedMetric', metric: 'cccd' }],
    ['cccd 1 dkoto 2 oto 3', { kind: 'log.repeatedMetric', metric: 'dkoto' }],
    ['cccd 120 31/02', { kind: 'log.noSuchDay', date: '31/02' }],
    ['cccd 120 31/04', { kind: 'log.noSuchDay', date: '31/04' }],
    ['cccd 120 00/11', { kind: 'log.noSuchDay', date: '00/11' }],
    ['cccd 120 32/13', { kind: 'log.noSuchDay', date: '32/13' }],
    ['cccd 120 2026-13-01', { kind: 'log.noSuchDay', date: '2026-13-01' }],
    ['cccd 120 32/12/2026', { kind: 'log.noSuchDay', date: '32/12/2026' }],
    ['cccd 120 29/02/2026', { kind: 'log.noSuchDay', date: '29/02/2026' }],
    ['cccd 120 29/02/2027', { kind: 'log.noSuchDay', date: '29/02/2027' }],
    ['cccd 120 ngày 40/12', { kind: 'log.noSuchDay', date: 'ngày 40/12' }],
    ['cccd 120 1/2/3', { kind: 'log.badDate', date: '1/2/3' }],
    ['cccd 120 5/5/5', { kind: 'log.badDate', date: '5/5/5' }],
    ['cccd 120 12.5.', { kind: 'log.badDate', date: '12.5.' }],
    ['cccd 120 23/11/26', { kind: 'log.badDate', date: '23/11/26' }],
    ['cccd 120 2026/11/23', { kind: 'log.badDate', date: '2026/11/23' }],
    ['cccd 120 ngày abc', { kind: 'log.badDate', date: 'ngày abc' }],
    ['cccd 120 ngày', { kind: 'log.badDate', date: 'ngày' }],
    ['cccd 120 hôm trước', { kind: 'log.badDate', date: 'hôm trước' }],
    ['cccd 120 thứ tám', { kind: 'log.badDate', date: 'thứ tám' }],
    ['cccd 120 thứ 8', { kind: 'log.badDate', date: 'thứ 8' }],
    ['cccd 120 t8', { kind: 'log.badDate', date: 't8' }],
    ['cccd 120 hôm qua 23/11', { kind: 'log.repeatedDate', date: '23/11' }],
    ['cccd 120 thứ hai dkoto 5 hôm qua', { kind: 'log.repeatedDate', date: 'hôm qua' }],
    ['cccd 120 5', { kind: 'log.numberWithoutMetric', amount: '5' }],
    ['cccd 120 5 người', { kind: 'log.numberWithoutMetric', amount: '5' }],
    ['cccd 120 hôm qua 5', { kind: 'log.numberWithoutMetric', amount: '5' }],
    ['cccd 120 dkoto 5 1.400', { kind: 'log.numberWithoutMetric', amount: '1.400' }],
    ['cccd 120 1,2,3', { kind: 'log.badNumber', text: '1,2,3' }],
    ['cccd 120 -5', { kind: 'log.badNumber', text: '-5' }],
    ['cccd 120 15h30 tại xã', { kind: 'log.badNumber', text: '15h30' }],
    ['cccd 120 5k', { kind: 'log.badNumber', text: '5k' }],
    ['cccd 120 dkotto5', { kind: 'log.unknownMetric', metric: 'dkotto5' }],
    ['cccd120dkoto5', { kind: 'log.unknownMetric', metric: 'cccd120dkoto5' }],
    ['xyz5', { kind: 'log.unknownMetric', metric: 'xyz5' }],
    ['cccd 120 dkoto hôm qua', { kind: 'log.missingAmount', metric: 'dkoto' }],
    ['cccd-5', { kind: 'log.amountNotPositive', amount: '-5' }],
    ['cccd0', { kind: 'log.amountNotPositive', amount: '0' }],
    ['cccd5001', { kind: 'log.amountTooLarge', amount: '5001', max: 5000, metric: 'cccd' }],
    ['cccd1.5', { kind: 'log.badAmount', amount: '1.5' }],
    ['cccd 120 cccd5', { kind: 'log.repeatedMetric', metric: 'cccd' }],
    ['cccd 1 400 hôm qua', { kind: 'log.badAmount', amount: '1 400' }],
    [`${'x'.repeat(5000)} 5`, { kind: 'log.unknownMetric', metric: `${'x'.repeat(39)}…` }],
    ['cccd 120 ngày mai', { kind: 'log.futureDay', day: '2026-11-25' }],
    ['cccd 5 tomorrow', { kind: 'log.futureDay', day: '2026-11-25' }],
    ['cccd 120 ngày 04/12', { kind: 'log.futureDay', day: '2026-12-04' }],
    ['cccd 120 25/11', { kind: 'log.futureDay', day: '2026-11-25' }], // the nearest 25/11 is tomorrow
    ['cccd 120 25-11', { kind: 'log.futureDay', day: '2026-11-25' }],
    ['cccd 120 ２５/１１', { kind: 'log.futureDay', day: '2026-11-25' }],
    ['cccd 120 2026-11-25', { kind: 'log.futureDay', day: '2026-11-25' }],
    ['cccd 120 25/11/2026', { kind: 'log.futureDay', day: '2026-11-25' }],
    ['cccd 120 01-01-2027', { kind: 'log.futureDay', day: '2027-01-01' }],
    ['cccd 120 25/11/2025', { kind: 'log.tooOld', day: '2025-11-25', days: BACKDATE_DAYS }],
    ['cccd 120 1/6', { kind: 'log.tooOld', day: '2026-06-01', days: BACKDATE_DAYS }],
    ['cccd 120 16/11', { kind: 'log.tooOld', day: '2026-11-16', days: BACKDATE_DAYS }],
    ['cccd 120 2021-06-26', { kind: 'log.tooOld', day: '2021-06-26', days: BACKDATE_DAYS }],
    [`cccd 120 ${longNote}`, { kind: 'log.noteTooLong', max: MAX_NOTE_CHARS }],
    [`cccd 120 hôm qua ${'a '.repeat(251)}`, { kind: 'log.noteTooLong', max: MAX_NOTE_CHARS }],
  ])('%j', (args, error) => {
    expect(parseLog(args, ctx)).toEqual({ ok: false, error });
  });

  it('answers the day in the commanders’ window with who can enter it', () => {
    const officer = { ...ctx, commanderBackdateDays: 366 };
    expect(parseLog('cccd 1 16/11', officer)).toEqual({
      ok: false,
      error: { kind: 'log.tooOldForOfficer', day: '2026-11-16', days: BACKDATE_DAYS, commanderDays: 366 },
    });
    expect(parseLog('cccd 1 23/11/2025', officer)).toMatchObject({ error: { kind: 'log.tooOldForOfficer' } });
    expect(parseLog('cccd 1 22/11/2025', officer)).toEqual({
      ok: false,
      error: { kind: 'log.tooOld', day: '2025-11-22', days: BACKDATE_DAYS },
    });
    // A commander's call passes the wider window as its own: accepted, and beyond it the plain refusal.
    const commander = { ...ctx, backdateDays: 366, commanderBackdateDays: 366 };
    expect(parseLog('cccd 1 23/11/2025', commander)).toMatchObject({ ok: true, value: { day: '2025-11-23' } });
    expect(parseLog('cccd 1 22/11/2025', commander)).toEqual({
      ok: false,
      error: { kind: 'log.tooOld', day: '2025-11-22', days: 366 },
    });
    // The future is refused whatever the window.
    expect(parseLog('cccd 1 ngày mai', commander)).toMatchObject({ error: { kind: 'log.futureDay' } });
  });

  it('uses the backdate window it is given', () => {
    expect(parseLog('cccd 1 hôm kia', { ...ctx, backdateDays: 1 })).toEqual({
      ok: false,
      error: { kind: 'log.tooOld', day: '2026-11-22', days: 1 },
    });
    expect(parseLog('cccd 1 hôm qua', { ...ctx, backdateDays: 0 })).toMatchObject({
      ok: false,
      error: { kind: 'log.tooOld' },
    });
  });
});

// Words that steer the parser into its deeper branches, mixed with arbitrary text.
const interesting = fc.constantFrom(
  'cccd',
  'căn',
  'cước',
  'qua',
  'hôm',
  'tang',
  'o',
  'to',
  '120',
  '1.400',
  '1,4',
  '-5',
  '0',
  '400',
  '23/11',
  '31/02',
  'yesterday',
  '2026-11-23',
  '１２',
  'dkoto5',
  'cccd120',
  'ngày',
  'thứ',
  'hai',
  't2',
  'cn',
  '20.11',
  '5/5/5',
  '1,2,3',
  ',',
  '\u200b',
  '',
);
const argsText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.array(fc.oneof(interesting, fc.string({ maxLength: 3 })), { maxLength: 8 }).map((words) => words.join(' ')),
);

describe('parseLogArgs properties', () => {
  it('never throws, and anything it accepts is within the rules', () => {
    fc.assert(
      fc.property(argsText, (args) => {
        const result = parseLog(args, ctx);
        if (!result.ok) return;
        const { items, day, note } = result.value;
        expect(items.length).toBeGreaterThan(0);
        expect(new Set(items.map((item) => item.metric.code)).size).toBe(items.length);
        for (const { metric, amount } of items) {
          expect(Number.isSafeInteger(amount)).toBe(true);
          expect(amount).toBeGreaterThanOrEqual(1);
          expect(amount).toBeLessThanOrEqual(metric.maxPerEntry);
        }
        expect(day <= TODAY && day >= addDays(TODAY, -BACKDATE_DAYS)).toBe(true);
        if (note !== undefined) {
          expect(note).toBe(note.trim());
          expect(note).not.toBe('');
          expect([...note].length).toBeLessThanOrEqual(MAX_NOTE_CHARS);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back any metric name with any allowed amount, written plainly, with dots or with commas', () => {
    const spellings = [
      (n: number) => String(n),
      (n: number) => new Intl.NumberFormat('vi-VN').format(n),
      (n: number) => new Intl.NumberFormat('en-US').format(n),
    ];
    const case_ = fc.constantFrom(...seedMetrics()).chain((metric) =>
      fc.record({
        metric: fc.constant(metric),
        name: fc.constantFrom(metric.code, metric.code.toUpperCase(), ...metric.aliases),
        amount: fc.integer({ min: 1, max: metric.maxPerEntry }),
        spell: fc.constantFrom(...spellings),
      }),
    );
    fc.assert(
      fc.property(case_, ({ metric, name, amount, spell }) => {
        expect(parsed(`${name} ${spell(amount)}`)).toEqual({
          ok: true,
          items: [[metric.code, amount]],
          day: TODAY,
          note: undefined,
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('never half-stores: a note never starts with a number or a date', () => {
    // A valid pair first, so that what follows is what decides.
    const afterPair = fc
      .tuple(
        fc.constantFrom('cccd 120', 'dkoto5', 'qua 5,', 'o to 3'),
        fc.array(fc.oneof(interesting, fc.string({ maxLength: 3 })), { maxLength: 5 }),
      )
      .map(([pair, words]) => [pair, ...words].join(' '));
    fc.assert(
      fc.property(fc.oneof(argsText, afterPair), (args) => {
        const result = parseLog(args, ctx);
        if (!result.ok || result.value.note === undefined) return;
        const noteWords = tokenize(result.value.note).map((token) => token.text);
        expect(normalizeWord(noteWords[0]!)).not.toMatch(/^[-+\u2212]?[0-9]/);
        expect(parseDayWords(noteWords, 0, TODAY)).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back pairs (spaced or glued), a date anywhere among them and a note, as written', () => {
    const spellings = [
      (n: number) => String(n),
      (n: number) => new Intl.NumberFormat('vi-VN').format(n),
      (n: number) => new Intl.NumberFormat('en-US').format(n),
    ];
    const pad = (n: number) => String(n).padStart(2, '0');
    const dateSpellings = (offset: number): string[] => {
      const day = addDays(TODAY, -offset);
      const [y, m, d] = day.split('-') as [string, string, string];
      const named = ['hôm nay', 'hôm qua', 'hôm kia'][offset];
      return [
        `${d}/${m}/${y}`,
        `ngày ${d}.${m}.${y}`,
        `${Number(d)}-${Number(m)}-${y}`,
        day,
        `ngày ${pad(Number(d))}/${pad(Number(m))}`,
        ...(named ? [named] : []),
      ];
    };
    const pair = fc.constantFrom(...seedMetrics()).chain((metric) =>
      fc.record({
        code: fc.constant(metric.code),
        name: fc.constantFrom(metric.code, metric.code.toUpperCase(), ...metric.aliases),
        amount: fc.integer({ min: 1, max: metric.maxPerEntry }),
        spell: fc.constantFrom(...spellings),
        glued: fc.boolean(),
        comma: fc.boolean(),
      }),
    );
    const case_ = fc.record({
      pairs: fc.uniqueArray(pair, { minLength: 1, maxLength: 4, selector: (p) => p.code }),
      date: fc.option(
        fc
          .integer({ min: 0, max: BACKDATE_DAYS })
          .chain((offset) =>
            fc.record({ offset: fc.constant(offset), text: fc.constantFrom(...dateSpellings(offset)) }),
          ),
      ),
      datePosition: fc.nat(4),
      note: fc.option(fc.constantFrom('tại xã Đồng Đăng', 'hỗ trợ người dân\nthôn 2', 'ca chiều, 5 người')),
    });
    fc.assert(
      fc.property(case_, ({ pairs, date, datePosition, note }) => {
        const parts = pairs.map((p) => `${p.name}${p.glued ? '' : ' '}${p.spell(p.amount)}${p.comma ? ',' : ''}`);
        if (date) parts.splice(Math.min(datePosition, parts.length), 0, date.text);
        if (note) parts.push(note);
        const result = parseLog(parts.join(' '), ctx);
        expect(result).toEqual({
          ok: true,
          value: {
            items: pairs.map((p) => ({ metric: catalog.resolve(p.code), amount: p.amount })),
            day: date ? addDays(TODAY, -date.offset) : TODAY,
            note: note ?? undefined,
          },
        });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the day rules of /log', () => {
  it.each([
    { day: '2026-11-24', windows: { backdateDays: 7 }, refusal: undefined },
    { day: '2026-11-17', windows: { backdateDays: 7 }, refusal: undefined },
    { day: '2026-11-16', windows: { backdateDays: 7 }, refusal: 'log.tooOld' },
    { day: '2026-11-16', windows: { backdateDays: 7, commanderBackdateDays: 366 }, refusal: 'log.tooOldForOfficer' },
    { day: '2025-11-22', windows: { backdateDays: 7, commanderBackdateDays: 366 }, refusal: 'log.tooOld' },
    { day: '2025-11-23', windows: { backdateDays: 366, commanderBackdateDays: 366 }, refusal: undefined },
    { day: '2026-11-25', windows: { backdateDays: 366, commanderBackdateDays: 366 }, refusal: 'log.futureDay' },
    { day: '2100-01-01', windows: { backdateDays: 7 }, refusal: 'log.futureDay' },
  ])('$day, today 24/11/2026, windows $windows: $refusal', ({ day, windows, refusal }) => {
    expect(checkLogDay(day, TODAY, windows)?.kind).toBe(refusal);
  });

  it.each([
    { sentAt: '2026-11-24T02:00:00Z', refused: undefined },
    { sentAt: '2026-11-24T02:05:00Z', refused: undefined },
    { sentAt: '2026-11-24T02:05:01Z', refused: '2026-11-24' },
    { sentAt: '2099-12-31T17:00:00Z', refused: '2100-01-01' },
  ])('a message dated $sentAt against a clock at 02:00 is refused: $refused', ({ sentAt, refused }) => {
    const refusal = sentInFuture(new Date(sentAt), new Date('2026-11-24T02:00:00Z'), 'Asia/Ho_Chi_Minh');
    expect(refusal).toEqual(refused && { kind: 'log.sentInFuture', day: refused });
  });
});
