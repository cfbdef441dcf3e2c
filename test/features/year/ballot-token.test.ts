import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ballotData,
  choiceKeyOf,
  newBallotToken,
  parseBallotData,
  voterCheckOf,
} from '../../../src/features/year/ballot-token';

describe('ballot tokens', () => {
  it('are 22 base64url characters, never twice the same, and fit Telegram’s 64 bytes of callback data', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newBallotToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.byteLength(ballotData(999_999_999, 999, 'no', newBallotToken()))).toBeLessThanOrEqual(64);
  });

  it('read back what they wrote, and nothing else', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999_999 }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom('yes' as const, 'no' as const),
        (reviewId, position, choice) => {
          const token = newBallotToken();
          expect(parseBallotData(ballotData(reviewId, position, choice, token))).toEqual({
            reviewId,
            position,
            choice,
            token,
          });
        },
      ),
    );
    for (const data of [
      'yb:1:0:y:short',
      'yb:1:0:x:AAAAAAAAAAAAAAAAAAAAAA',
      'u:1:0:y:AAAAAAAAAAAAAAAAAAAAAA',
      'yb:a:0:y:AAAAAAAAAAAAAAAAAAAAAA',
    ])
      expect(parseBallotData(data)).toBeUndefined();
  });

  it('key a token’s choices and prove its voter by two hashes neither of which gives the other', () => {
    const token = newBallotToken();
    expect(choiceKeyOf(token)).not.toBe(voterCheckOf(token, 301));
    expect(voterCheckOf(token, 301)).not.toBe(voterCheckOf(token, 302));
    expect(choiceKeyOf(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(choiceKeyOf(token)).not.toContain(token);
  });
});
