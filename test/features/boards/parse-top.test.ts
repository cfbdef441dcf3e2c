import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTopArgs } from '../../../src/features/boards/parse-top';
import type { ParseError } from '../../../src/kernel/parsing/parse-error';
import { type PeriodKind, previousPeriodOf } from '../../../src/kernel/period';
import { seedCatalog } from '../../helpers/metric-catalog';

const catalog = seedCatalog();

function parsed(args: string) {
  const result = parseTopArgs(args, catalog);
  return result.ok ? { metric: result.value.metric?.code, period: result.value.period } : result;
}

describe('parseTopArgs', () => {
  it.each<[string, string | undefined, PeriodKind]>([
    ['', undefined, 'week'],
    ['   ', undefined, 'week'],
    ['tuan', undefined, 'week'],
    ['tuần', undefined, 'week'],
    ['Tuần này', undefined, 'week'],
    ['week', undefined, 'week'],
    ['w', undefined, 'week'],
    ['thang', undefined, 'month'],
    ['tháng', undefined, 'month'],
    ['THÁNG', undefined, 'month'],
    ['tháng này', undefined, 'month'],
    ['month', undefined, 'month'],
    ['m', undefined, 'month'],
    ['nam', undefined, 'year'],
    ['năm', undefined, 'year'],
    ['năm nay', undefined, 'year'],
    ['year', undefined, 'year'],
    ['y', undefined, 'year'],
    ['cccd', 'cccd', 'week'],
    ['cccd thang', 'cccd', 'month'],
    ['tháng cccd', 'cccd', 'month'],
    ['can cuoc thang', 'cccd', 'month'],
    ['căn cước công dân năm', 'cccd', 'year'],
    ['năm căn cước công dân', 'cccd', 'year'],
    ['qua', 'qua', 'week'],
    ['suất quà tháng', 'qua', 'month'],
    ['o to y', 'dkoto', 'year'],
  ])('%j → %s over a %s', (args, metric, period) => {
    expect(parsed(args)).toEqual({ metric, period });
  });

  it.each<[string, ParseError]>([
    ['abc', { kind: 'top.unknownMetric', metric: 'abc' }],
    ['cccd abc', { kind: 'top.unknownMetric', metric: 'abc' }],
    ['Tháng Mười', { kind: 'top.unknownMetric', metric: 'Mười' }],
    ['nay', { kind: 'top.unknownMetric', metric: 'nay' }],
    ['120', { kind: 'top.unknownMetric', metric: '120' }],
    ['cccd dkoto', { kind: 'top.usage' }],
    ['cccd căn cước', { kind: 'top.usage' }],
    ['tuan thang', { kind: 'top.usage' }],
    ['week week', { kind: 'top.usage' }],
    ['cccd thang nam', { kind: 'top.usage' }],
  ])('%j is refused', (args, error) => {
    expect(parseTopArgs(args, catalog)).toEqual({ ok: false, error });
  });

  it.each<[string, string | undefined, PeriodKind]>([
    ['tuan-truoc', undefined, 'week'],
    ['tuần-trước', undefined, 'week'],
    ['tuần trước', undefined, 'week'],
    ['TUAN_TRUOC', undefined, 'week'],
    ['tuantruoc', undefined, 'week'],
    ['last week', undefined, 'week'],
    ['last-week', undefined, 'week'],
    ['cccd tuần trước', 'cccd', 'week'],
    ['thang-truoc', undefined, 'month'],
    ['tháng trước cccd', 'cccd', 'month'],
    ['lastmonth', undefined, 'month'],
    ['năm ngoái', undefined, 'year'],
    ['nam-truoc', undefined, 'year'],
  ])('%j → the %s before, over a %s', (args, metric, period) => {
    const result = parseTopArgs(args, catalog);
    expect(
      result.ok && { metric: result.value.metric?.code, period: result.value.period, previous: result.value.previous },
    ).toEqual({
      metric,
      period,
      previous: true,
    });
  });

  it.each(['', 'tuan', 'tháng này', 'cccd nam'])('%j is the current period', (args) => {
    expect(parseTopArgs(args, catalog)).toMatchObject({ ok: true, value: { previous: false } });
  });

  it.each<[string, ParseError]>([
    ['tuan-truoc thang', { kind: 'top.usage' }],
    ['tuần trước tuần trước', { kind: 'top.usage' }],
    ['truoc', { kind: 'top.unknownMetric', metric: 'truoc' }],
    ['w-truoc', { kind: 'top.unknownMetric', metric: 'w-truoc' }],
    ['tuan-sau', { kind: 'top.unknownMetric', metric: 'tuan-sau' }],
    ['last', { kind: 'top.unknownMetric', metric: 'last' }],
  ])('%j is refused', (args, error) => {
    expect(parseTopArgs(args, catalog)).toEqual({ ok: false, error });
  });

  it('never throws', () => {
    const word = fc.constantFrom('cccd', 'tuan', 'tháng', 'nay', 'truoc', 'tuan-truoc', 'last', 'can', 'cuoc', 'x', '');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.array(word, { maxLength: 5 }).map((words) => words.join(' ')),
        ),
        (args) => {
          const result = parseTopArgs(args, catalog);
          if (result.ok) expect(['week', 'month', 'year']).toContain(result.value.period);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('previousPeriodOf', () => {
  it.each<[PeriodKind, string, string, string]>([
    ['week', '2026-11-24', '2026-11-16', '2026-11-22'],
    ['week', '2026-11-23', '2026-11-16', '2026-11-22'],
    ['week', '2026-01-01', '2025-12-22', '2025-12-28'],
    ['month', '2026-12-02', '2026-11-01', '2026-11-30'],
    ['month', '2026-03-31', '2026-02-01', '2026-02-28'],
    ['month', '2028-03-01', '2028-02-01', '2028-02-29'],
    ['month', '2026-01-15', '2025-12-01', '2025-12-31'],
    ['year', '2026-06-15', '2025-01-01', '2025-12-31'],
  ])('the %s before %s is %s–%s', (kind, day, from, to) => {
    expect(previousPeriodOf(kind, day)).toEqual({ from, to });
  });
});
