import { foldText } from '../../kernel/fold';
import type { ParseError } from '../../kernel/parsing/parse-error';
import { periodWordOf } from '../../kernel/parsing/period-words';
import type { PeriodKind } from '../../kernel/period';
import { err, ok, type Result } from '../../kernel/result';
import { MAX_REASON_LENGTH, MIN_REASON_LENGTH } from './nomination';

/** A parsed /nominate: the reason, and the @username it names when it does not reply to the person. */
export interface NominateArgs {
  readonly username: string | undefined;
  readonly reason: string;
}

const USERNAME = /^@([A-Za-z0-9_]{3,32})(?=\s|$)/;

function checkReason(reason: string): ParseError | undefined {
  const length = [...reason].length;
  if (length === 0) return { kind: 'nominate.usage' };
  if (length < MIN_REASON_LENGTH) return { kind: 'nominate.reasonTooShort', min: MIN_REASON_LENGTH };
  if (length > MAX_REASON_LENGTH) return { kind: 'nominate.reasonTooLong', max: MAX_REASON_LENGTH };
  return undefined;
}

/** Parses "/nominate [@username] <reason>"; the caller has already cut out a text mention of the person. */
export function parseNominateArgs(args: string): Result<NominateArgs, ParseError> {
  const trimmed = args.trim();
  const match = USERNAME.exec(trimmed);
  const reason = (match ? trimmed.slice(match[0].length) : trimmed).trim().replace(/\s+/g, ' ');
  const problem = checkReason(reason);
  return problem ? err(problem) : ok({ username: match?.[1], reason });
}

/** Parses "/reject <reason>": a rejection always says why. */
export function parseRejectArgs(args: string): Result<{ reason: string }, ParseError> {
  const reason = args.trim().replace(/\s+/g, ' ');
  if (reason === '') return err({ kind: 'reject.usage' });
  if ([...reason].length > MAX_REASON_LENGTH) return err({ kind: 'nominate.reasonTooLong', max: MAX_REASON_LENGTH });
  return ok({ reason });
}

/** Parses "/commendations [tuan|thang|nam]"; this month by default. */
export function parseCommendationsArgs(args: string): Result<{ period: PeriodKind }, ParseError> {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const [first, second, ...rest] = words;
  if (first === undefined) return ok({ period: 'month' });
  const period = periodWordOf(first);
  const thisOne = second === undefined || foldText(second) === 'nay';
  if (!period || !thisOne || rest.length > 0) return err({ kind: 'commendations.usage' });
  return ok({ period });
}
