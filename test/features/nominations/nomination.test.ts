import { describe, expect, it } from 'vitest';
import {
  decidesLevel,
  levelAtStake,
  mayRejectOrReopen,
  pressOutcome,
  type Recommendation,
  recordsDecisions,
  type Standing,
  standingOf,
} from '../../../src/features/nominations/nomination';
import { type CommendationLevel, parseLevelsSpec } from '../../../src/kernel/commendation-levels';

// The chain of a team's nominee, nearest first: team 40 → department 20 → province 1 (the root, depth 0).
const CHAIN = [40, 20, 1];

const levels = (() => {
  const parsed = parseLevelsSpec('bieuduong:unit,giaykhen:0,bangkhen:proposal');
  if (!parsed.ok) throw new Error(parsed.error.join('; '));
  return parsed.value;
})();
const [unitLevel, rootLevel, proposalLevel] = levels as [CommendationLevel, CommendationLevel, CommendationLevel];
const depthOne: CommendationLevel = { code: 'giaykhenphong', authority: { kind: 'depth', depth: 1 } };

const standing = (over: Partial<Standing> = {}): Standing => ({
  admin: false,
  chainDepths: [],
  ownCase: false,
  ...over,
});
const recommended = (level: string): Recommendation => ({ level, byId: 7, byName: 'Trưởng đội', at: '' });

describe('standingOf', () => {
  it.each([
    { who: 'a commander of the team', commanderOf: [40], depths: [2] },
    { who: 'a commander of the department', commanderOf: [20], depths: [1] },
    { who: 'a commander of the province', commanderOf: [1], depths: [0] },
    { who: 'a commander of team and province', commanderOf: [1, 40], depths: [2, 0] },
    { who: 'a commander of a sibling department', commanderOf: [21], depths: [] },
    { who: 'an officer', commanderOf: [], depths: [] },
  ])('$who stands at depths $depths on the chain', ({ commanderOf, depths }) => {
    expect(standingOf({ admin: false, ancestorIds: CHAIN, commanderOf, ownCase: false }).chainDepths).toEqual(depths);
  });

  it('keeps admin and own case as given', () => {
    expect(standingOf({ admin: true, ancestorIds: CHAIN, commanderOf: [], ownCase: true })).toEqual({
      admin: true,
      chainDepths: [],
      ownCase: true,
    });
  });
});

describe('decidesLevel', () => {
  it.each([
    { level: unitLevel, who: 'the team commander', at: standing({ chainDepths: [2] }), decides: true },
    { level: unitLevel, who: 'an officer', at: standing(), decides: false },
    { level: rootLevel, who: 'the team commander', at: standing({ chainDepths: [2] }), decides: false },
    { level: rootLevel, who: 'the department commander', at: standing({ chainDepths: [1] }), decides: false },
    { level: rootLevel, who: 'the province commander', at: standing({ chainDepths: [0] }), decides: true },
    { level: depthOne, who: 'the department commander', at: standing({ chainDepths: [1] }), decides: true },
    { level: depthOne, who: 'the province commander', at: standing({ chainDepths: [0] }), decides: true },
    { level: depthOne, who: 'the team commander', at: standing({ chainDepths: [2] }), decides: false },
    { level: proposalLevel, who: 'the province commander', at: standing({ chainDepths: [0] }), decides: true },
    { level: proposalLevel, who: 'the department commander', at: standing({ chainDepths: [1] }), decides: false },
    { level: proposalLevel, who: 'an admin', at: standing({ admin: true }), decides: true },
    { level: rootLevel, who: 'an admin', at: standing({ admin: true }), decides: true },
  ])('$level.code: $who → $decides', ({ level, at, decides }) => {
    expect(decidesLevel(level, at)).toBe(decides);
  });
});

describe('pressOutcome', () => {
  it.each([
    { level: unitLevel, at: standing({ chainDepths: [2] }), outcome: 'decide' },
    { level: rootLevel, at: standing({ chainDepths: [2] }), outcome: 'recommend' },
    { level: proposalLevel, at: standing({ chainDepths: [1] }), outcome: 'recommend' },
    { level: rootLevel, at: standing({ chainDepths: [0] }), outcome: 'decide' },
    { level: rootLevel, at: standing(), outcome: 'notDecider' },
    { level: unitLevel, at: standing({ chainDepths: [0], ownCase: true }), outcome: 'ownCase' },
    { level: unitLevel, at: standing({ admin: true, ownCase: true }), outcome: 'ownCase' },
    { level: proposalLevel, at: standing({ admin: true }), outcome: 'decide' },
  ] as const)(
    '$level.code at $at.chainDepths (admin $at.admin, own $at.ownCase) → $outcome',
    ({ level, at, outcome }) => {
      expect(pressOutcome(level, at)).toBe(outcome);
    },
  );
});

describe('levelAtStake', () => {
  it.each([
    { recommendations: [], stake: 'bieuduong' },
    { recommendations: [recommended('giaykhen')], stake: 'giaykhen' },
    { recommendations: [recommended('bangkhen'), recommended('giaykhen')], stake: 'bangkhen' },
    { recommendations: [recommended('retired-level')], stake: 'bieuduong' },
  ])('$recommendations.length recommendation(s) → $stake', ({ recommendations, stake }) => {
    expect(levelAtStake(levels, recommendations)?.code).toBe(stake);
  });
});

describe('mayRejectOrReopen', () => {
  const pending = { status: 'pending', level: null } as const;
  const approvedAtRoot = { status: 'approved', level: 'giaykhen' } as const;
  const rejected = { status: 'rejected', level: null } as const;
  it.each([
    { case: 'pending, team commander', nomination: pending, recs: [], at: standing({ chainDepths: [2] }), may: 'yes' },
    {
      case: 'pending, sent up to the root, team commander',
      nomination: pending,
      recs: [recommended('giaykhen')],
      at: standing({ chainDepths: [2] }),
      may: 'notDecider',
    },
    {
      case: 'pending, sent up to the root, province commander',
      nomination: pending,
      recs: [recommended('giaykhen')],
      at: standing({ chainDepths: [0] }),
      may: 'yes',
    },
    {
      case: 'approved at the root, team commander',
      nomination: approvedAtRoot,
      recs: [],
      at: standing({ chainDepths: [2] }),
      may: 'notDecider',
    },
    {
      case: 'approved at the root, admin',
      nomination: approvedAtRoot,
      recs: [],
      at: standing({ admin: true }),
      may: 'yes',
    },
    {
      case: 'rejected, team commander',
      nomination: rejected,
      recs: [],
      at: standing({ chainDepths: [2] }),
      may: 'yes',
    },
    { case: 'pending, officer', nomination: pending, recs: [], at: standing(), may: 'notDecider' },
    {
      case: 'pending, own case of an admin',
      nomination: pending,
      recs: [],
      at: standing({ admin: true, ownCase: true }),
      may: 'ownCase',
    },
  ] as const)('$case → $may', ({ nomination, recs, at, may }) => {
    expect(mayRejectOrReopen(levels, nomination, recs, at)).toBe(may);
  });
});

describe('recordsDecisions', () => {
  it.each([
    { who: 'an admin', at: standing({ admin: true }), records: true },
    { who: 'a root commander', at: standing({ chainDepths: [0] }), records: true },
    { who: 'a department commander', at: standing({ chainDepths: [1] }), records: false },
    { who: 'an officer', at: standing(), records: false },
  ])('$who → $records', ({ at, records }) => {
    expect(recordsDecisions(at)).toBe(records);
  });
});
