import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReportArgs } from '../../../src/features/reports/parse-report';
import { parseReportPeriod, quarterOf } from '../../../src/kernel/parsing/parse-period';

const TODAY = '2026-12-02'; // a Wednesday

describe('parseReportPeriod', () => {
  it.each([
    ['05/2021-08/2021', 'months', '2021-05-01', '2021-08-31'],
    ['5/2021 - 8/2021', 'months', '2021-05-01', '2021-08-31'],
    ['05/2021–08/2021', 'months', '2021-05-01', '2021-08-31'],
    ['11/2025-02/2026', 'months', '2025-11-01', '2026-02-28'],
    ['05/2021-05/2021', 'month', '2021-05-01', '2021-05-31'],
    ['02/2024', 'month', '2024-02-01', '2024-02-29'],
    ['01/05/2021-31/08/2021', 'days', '2021-05-01', '2021-08-31'],
    ['1/5/2021-1/5/2021', 'days', '2021-05-01', '2021-05-01'],
    ['2021', 'year', '2021-01-01', '2021-12-31'],
    ['tuan', 'week', '2026-11-30', '2026-12-06'],
    ['tuần', 'week', '2026-11-30', '2026-12-06'],
    ['tuan-truoc', 'week', '2026-11-23', '2026-11-29'],
    ['tuần-trước', 'week', '2026-11-23', '2026-11-29'],
    ['thang', 'month', '2026-12-01', '2026-12-31'],
    ['thang-truoc', 'month', '2026-11-01', '2026-11-30'],
    ['last-month', 'month', '2026-11-01', '2026-11-30'],
    ['quy', 'quarter', '2026-10-01', '2026-12-31'],
    ['quy-truoc', 'quarter', '2026-07-01', '2026-09-30'],
    ['nam', 'year', '2026-01-01', '2026-12-31'],
    ['năm', 'year', '2026-01-01', '2026-12-31'],
    ['2026-W49', 'week', '2026-11-30', '2026-12-06'],
    ['2026-w01', 'week', '2025-12-29', '2026-01-04'],
    ['2020-W53', 'week', '2020-12-28', '2021-01-03'],
  ])('%s → %s %s..%s', (text, kind, from, to) => {
    expect(parseReportPeriod(text, TODAY)).toEqual({ kind, range: { from, to } });
  });

  it.each([
    '',
    '13/2021',
    '00/2021',
    '08/2021-05/2021',
    '31/08/2021-01/05/2021',
    '30/02/2021-01/03/2021',
    '2026-W54',
    '2021-W53',
    'tuan-sau',
    '05/2021-08/2021-09/2021',
    '05/2021-31/08/2021',
    'abc',
    '0000',
  ])('refuses %j', (text) => {
    expect(parseReportPeriod(text, TODAY)).toBeUndefined();
  });

  it('quarters', () => {
    expect(quarterOf('2026-02-14')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quarterOf('2026-06-30')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
  });
});

describe('parseReportArgs', () => {
  it.each([
    ['', undefined, 'month', '2026-12-01'],
    ['PC06', 'PC06', 'month', '2026-12-01'],
    ['pc08-dk quy', 'PC08-DK', 'quarter', '2026-10-01'],
    ['PC06 05/2021-08/2021', 'PC06', 'months', '2021-05-01'],
    ['PC06 05/2021 - 08/2021', 'PC06', 'months', '2021-05-01'],
    ['05/2021 - 08/2021', undefined, 'months', '2021-05-01'],
    ['nam', undefined, 'year', '2026-01-01'],
    ['6thang', undefined, 'months', '2026-01-01'],
    ['PC06 6thang 2025', 'PC06', 'months', '2025-01-01'],
  ])('%j', (args, unitCode, kind, from) => {
    const parsed = parseReportArgs(args, TODAY);
    expect(parsed.ok && parsed.value.unitCode).toBe(unitCode ?? undefined);
    expect(parsed.ok && parsed.value.period.kind).toBe(kind);
    expect(parsed.ok && parsed.value.period.range.from).toBe(from);
  });

  it.each([
    ['6thang', 'half', '2026-06-30'],
    ['PC06 so-ket 2025', 'half', '2025-06-30'],
    ['nam', 'year', '2026-12-31'],
    ['2025', 'year', '2025-12-31'],
    ['thang', undefined, '2026-12-31'],
    ['05/2026-06/2026', undefined, '2026-06-30'],
  ])('%j marks the yearly review %j', (args, review, to) => {
    const parsed = parseReportArgs(args, TODAY);
    expect(parsed.ok && parsed.value.review).toBe(review);
    expect(parsed.ok && parsed.value.period.range.to).toBe(to);
  });

  it.each([
    ['PC06 thang-sau', 'thang-sau'],
    ['PC06 13/2021', '13/2021'],
    ['<b> x', '<b> x'],
  ])('refuses %j naming the period', (args, period) => {
    expect(parseReportArgs(args, TODAY)).toEqual({ ok: false, error: { kind: 'report.badPeriod', period } });
  });

  it('never throws, and every accepted range runs forward', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const parsed = parseReportArgs(text, TODAY);
        if (parsed.ok) expect(parsed.value.period.range.from <= parsed.value.period.range.to).toBe(true);
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 2000, max: 2100 }),
        fc.integer({ min: 0, max: 30 }),
        (month, year, span) => {
          const end = new Date(Date.UTC(year, month - 1 + span, 1));
          const text = `${month}/${year}-${end.getUTCMonth() + 1}/${end.getUTCFullYear()}`;
          const period = parseReportPeriod(text, TODAY);
          expect(period?.range.from).toBe(`${year}-${String(month).padStart(2, '0')}-01`);
          expect(period?.kind).toBe(span === 0 ? 'month' : 'months');
        },
      ),
    );
  });
});
