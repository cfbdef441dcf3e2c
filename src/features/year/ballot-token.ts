/**
 * A voter's ballot token: 16 random bytes, carried only in the callback data of their own ballot's buttons, and
 * never stored. The choices are keyed by one hash of it; who holds it is proved by another hash, of the token with
 * the voter's user id. Neither hash can be computed from the other, nor from the voter, without the token.
 */
import { createHash, randomBytes } from 'node:crypto';

/** The callback data prefix of a ballot's buttons: `yb:<review>:<position>:<y|n>:<token>`. */
export const BALLOT_CALLBACK_PREFIX = 'yb';

export type Choice = 'yes' | 'no';

const TOKEN = /^[A-Za-z0-9_-]{22}$/;

/** A fresh token: 128 random bits, base64url (22 characters). */
export const newBallotToken = (): string => randomBytes(16).toString('base64url');

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The key of a token's choice rows. */
export const choiceKeyOf = (token: string): string => sha256(`year-ballot-choice\u0000${token}`);

/** Proves a token was issued to this voter. */
export const voterCheckOf = (token: string, userId: number): string =>
  sha256(`year-ballot-voter\u0000${userId}\u0000${token}`);

/** One button's callback data (at most 48 bytes, under Telegram's 64). */
export const ballotData = (reviewId: number, position: number, choice: Choice, token: string): string =>
  `${BALLOT_CALLBACK_PREFIX}:${reviewId}:${position}:${choice === 'yes' ? 'y' : 'n'}:${token}`;

/** A press, read off its callback data. */
export interface BallotPress {
  readonly reviewId: number;
  readonly position: number;
  readonly choice: Choice;
  readonly token: string;
}

/** Reads a ballot button's callback data; undefined for anything else. */
export function parseBallotData(data: string): BallotPress | undefined {
  const match = /^yb:(\d{1,9}):(\d{1,3}):([yn]):(.+)$/.exec(data);
  if (!match || !TOKEN.test(match[4]!)) return undefined;
  return {
    reviewId: Number(match[1]),
    position: Number(match[2]),
    choice: match[3] === 'y' ? 'yes' : 'no',
    token: match[4]!,
  };
}
