import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTargetArgs } from '../../../src/features/reports/parse-target';
import { seedCatalog } from '../../helpers/metric-catalog';

const testCatalog = seedCatalog();

describe('parseTargetArgs', () => {
  it.each([
    ['cccd 2000 quy', 'cccd', 2000, 'quarter', undefined],
    ['cccd 2.000 nam PC06', 'cccd', 2000, 'year', 'PC06'],
    ['dkoto 1,500 tháng pc08', 'dkoto', 1500, 'month', 'PC08'],
    ['cccd 0 thang', 'cccd', 0, 'month', undefined],
  ])('%j', (args, metric, amount, kind, unitCode) => {
    const parsed = parseTargetArgs(args, testCatalog);
    expect(parsed.ok && { ...parsed.value, metric: parsed.value.metric.code }).toEqual({
      metric,
      amount,
      kind,
      unitCode,
    });
  });

  it.each([
    ['', 'target.usage'],
    ['cccd 2000', 'target.usage'],
    ['cccd 2000 tuan', 'target.usage'],
    ['xyz 2000 nam', 'target.unknownMetric'],
    ['cccd -5 nam', 'target.badAmount'],
    ['cccd 1.4 nam', 'target.badAmount'],
    ['cccd 2000 nam PC06 extra', 'target.usage'],
  ])('refuses %j', (args, kind) => {
    const parsed = parseTargetArgs(args, testCatalog);
    expect(!parsed.ok && parsed.error.kind).toBe(kind);
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (text) => void parseTargetArgs(text, testCatalog)));
  });
});
