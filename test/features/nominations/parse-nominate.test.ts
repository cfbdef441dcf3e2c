import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseCommendationsArgs,
  parseNominateArgs,
  parseRejectArgs,
} from '../../../src/features/nominations/parse-nominate';

describe('parseNominateArgs', () => {
  it.each([
    ['hiến máu cứu người bị tai nạn', { username: undefined, reason: 'hiến máu cứu người bị tai nạn' }],
    ['@an_pc06 hiến máu cứu người', { username: 'an_pc06', reason: 'hiến máu cứu người' }],
    ['  dập   lửa xe tải trên QL1A  ', { username: undefined, reason: 'dập lửa xe tải trên QL1A' }],
    ['@an_pc06\nđuổi theo xe cháy', { username: 'an_pc06', reason: 'đuổi theo xe cháy' }],
  ])('accepts %j', (args, expected) => {
    expect(parseNominateArgs(args)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'nominate.usage'],
    ['   ', 'nominate.usage'],
    ['@an_pc06', 'nominate.usage'],
    ['tốt lắm', 'nominate.reasonTooShort'],
    ['@an_pc06 giỏi', 'nominate.reasonTooShort'],
    ['x'.repeat(501), 'nominate.reasonTooLong'],
  ])('refuses %j with %s', (args, kind) => {
    const parsed = parseNominateArgs(args);
    expect(parsed.ok ? undefined : parsed.error.kind).toBe(kind);
  });
});

describe('parseRejectArgs', () => {
  it('needs a reason', () => {
    expect(parseRejectArgs('  ')).toEqual({ ok: false, error: { kind: 'reject.usage' } });
    expect(parseRejectArgs(' trùng  đề cử ')).toEqual({ ok: true, value: { reason: 'trùng đề cử' } });
  });
});

describe('parseCommendationsArgs', () => {
  it.each([
    ['', 'month'],
    ['tuan', 'week'],
    ['tháng này', 'month'],
    ['NĂM', 'year'],
    ['year', 'year'],
  ] as const)('reads %j as %s', (args, period) => {
    expect(parseCommendationsArgs(args)).toEqual({ ok: true, value: { period } });
  });

  it.each(['hôm qua', 'tuan thang', 'month this', '05/2021'])('refuses %j', (args) => {
    expect(parseCommendationsArgs(args)).toEqual({ ok: false, error: { kind: 'commendations.usage' } });
  });
});

describe('never throws', () => {
  it('on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        parseNominateArgs(text);
        parseRejectArgs(text);
        parseCommendationsArgs(text);
      }),
    );
  });
});
