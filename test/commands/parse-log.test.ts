import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParseError } from '../../src/commands/parse-error';
import { MAX_NOTE_CHARS, parseLogArgs } from '../../src/commands/parse-log';
import { addDays } from '../../src/domain/period';
import { seedCatalog, seedMetrics } from '../helpers/metric-catalog';

const TODAY = '2026-11-24';
const BACKDATE_DAYS = 7;
const catalog = seedCatalog();
const ctx = { catalog, today: TODAY, backdateDays: BACKDATE_DAYS };

/** The parse reduced to codes, so tables stay readable. */
function parsed(args: string) {
  const result = parseLogArgs(args, ctx);
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
    ['cccd 120 hôm qua qua 5', [['cccd', 120]], '2026-11-23', 'qua 5'],
    ['cccd 120 dkoto abc', [['cccd', 120]], TODAY, 'dkoto abc'],
    ['cccd 120 5 người', [['cccd', 120]], TODAY, '5 người'],
    ['qua 5 hôm qua', [['qua', 5]], '2026-11-23', undefined],
    ['dkoto 3 yesterday', [['dkoto', 3]], '2026-11-23', undefined],
    ['o to 3 yesterday', [['dkoto', 3]], '2026-11-23', undefined],
    ['cccd 120\nxã Đồng Đăng,\n  thôn 2  ', [['cccd', 120]], TODAY, 'xã Đồng Đăng,\n  thôn 2'],
  ])('%j', (args, items, day, note) => {
    expect(parsed(args)).toEqual({ ok: true, items, day, note });
  });

  it('keeps a note of exactly the maximum length', () => {
    const note = 'ă'.repeat(MAX_NOTE_CHARS);
    expect(parsed(`cccd 1 ${note}`)).toMatchObject({ ok: true, note });
  });

  it('returns the catalog metric objects themselves', () => {
    const result = parseLogArgs('can cuoc 1', ctx);
    expect(result.ok && result.value.items[0]?.metric).toBe(catalog.resolve('cccd'));
  });
});

const longNote = 'x'.repeat(MAX_NOTE_CHARS + 1);

describe('parseLogArgs refuses', () => {
  it.each<[string, ParseError]>([
    ['', { kind: 'log.usage' }],
    ['   ', { kind: 'log.usage' }],
    ['\n\t', { kind: 'log.usage' }],
    ['120 cccd', { kind: 'log.unknownMetric', metric: '120' }],
    ['abc 120', { kind: 'log.unknownMetric', metric: 'abc' }],
    ['hôm qua cccd 120', { kind: 'log.unknownMetric', metric: 'hôm' }],
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
    ['cccd １２０', { kind: 'log.badAmount', amount: '１２０' }],
    ['cccd 120 dkoto 1.5', { kind: 'log.badAmount', amount: '1.5' }],
    ['cccd 120 dkoto ５', { kind: 'log.badAmount', amount: '５' }],
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
    ['cccd 120 31/02', { kind: 'log.badDate', date: '31/02' }],
    ['cccd 120 00/11', { kind: 'log.badDate', date: '00/11' }],
    ['cccd 120 2026-13-01', { kind: 'log.badDate', date: '2026-13-01' }],
    ['cccd 120 32/12/2026', { kind: 'log.badDate', date: '32/12/2026' }],
    ['cccd 120 29/02/2026', { kind: 'log.badDate', date: '29/02/2026' }],
    ['cccd 120 1/2/3', { kind: 'log.badDate', date: '1/2/3' }],
    ['cccd 120 2026-11-25', { kind: 'log.futureDay', day: '2026-11-25' }],
    ['cccd 120 25/11/2026', { kind: 'log.futureDay', day: '2026-11-25' }],
    ['cccd 120 01-01-2027', { kind: 'log.futureDay', day: '2027-01-01' }],
    ['cccd 120 25/11', { kind: 'log.tooOld', day: '2025-11-25', days: BACKDATE_DAYS }], // read as last year
    ['cccd 120 16/11', { kind: 'log.tooOld', day: '2026-11-16', days: BACKDATE_DAYS }],
    ['cccd 120 2021-06-26', { kind: 'log.tooOld', day: '2021-06-26', days: BACKDATE_DAYS }],
    [`cccd 120 ${longNote}`, { kind: 'log.noteTooLong', max: MAX_NOTE_CHARS }],
    [`cccd 120 hôm qua ${'a '.repeat(251)}`, { kind: 'log.noteTooLong', max: MAX_NOTE_CHARS }],
  ])('%j', (args, error) => {
    expect(parseLogArgs(args, ctx)).toEqual({ ok: false, error });
  });

  it('uses the backdate window it is given', () => {
    expect(parseLogArgs('cccd 1 hôm kia', { ...ctx, backdateDays: 1 })).toEqual({
      ok: false,
      error: { kind: 'log.tooOld', day: '2026-11-22', days: 1 },
    });
    expect(parseLogArgs('cccd 1 hôm qua', { ...ctx, backdateDays: 0 })).toMatchObject({
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
        const result = parseLogArgs(args, ctx);
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
});
