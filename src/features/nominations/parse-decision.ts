import { err, ok, type Result } from '../../kernel/result';
import { MAX_REASON_LENGTH, MIN_REASON_LENGTH } from './nomination';

/** A parsed /decision: which nomination, the decision's number, its date (YYYY-MM-DD) and who signed it. */
export interface DecisionArgs {
  readonly nominationId: number;
  readonly number: string;
  readonly date: string;
  readonly signer: string;
}

/** Why /decision was refused; each kind is a text key with these parameters. */
export type DecisionProblem = { kind: 'decision.usage' } | { kind: 'decision.badDate'; date: string };

const NOMINATION_NUMBER = /^#?(\d{1,9})$/;
/** A decision number as offices write them: "123/QĐ-CAT", "45-QĐ/UBND", "07". */
const DECISION_NUMBER = /^[\p{L}\p{N}][\p{L}\p{N}/._-]{0,39}$/u;
const MAX_SIGNER_LENGTH = 120;

/** A calendar day written dd/mm/yyyy (or with . or -), as YYYY-MM-DD; undefined when it is no such day. */
export function parseDecisionDate(text: string): string | undefined {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (!match) return undefined;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1945 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Parses "/decision <nomination number> <số quyết định> <dd/mm/yyyy> <người ký…>". */
export function parseDecisionArgs(args: string): Result<DecisionArgs, DecisionProblem> {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const [id, number, date, ...signerWords] = words;
  const idMatch = id === undefined ? null : NOMINATION_NUMBER.exec(id);
  const signer = signerWords.join(' ');
  if (!idMatch || number === undefined || !DECISION_NUMBER.test(number) || date === undefined || signer === '')
    return err({ kind: 'decision.usage' });
  if ([...signer].length > MAX_SIGNER_LENGTH) return err({ kind: 'decision.usage' });
  const day = parseDecisionDate(date);
  if (!day) return err({ kind: 'decision.badDate', date });
  return ok({ nominationId: Number(idMatch[1]), number, date: day, signer });
}

/** Parses "/certificate <nomination number>" (and any command that takes only that). */
export function parseNominationNumber(args: string): number | undefined {
  const match = NOMINATION_NUMBER.exec(args.trim());
  return match ? Number(match[1]) : undefined;
}

/** Why /reject was refused; each kind is a text key with these parameters. */
export type RejectionProblem =
  | { kind: 'reject.usage' }
  | { kind: 'reject.tooShort'; min: number }
  | { kind: 'nominate.reasonTooLong'; max: number };

/**
 * Parses "/reject [number] <reason>". The number is read only when `withNumber` (no single card was replied to);
 * a rejection always says why, in at least MIN_REASON_LENGTH characters.
 */
export function parseRejection(
  args: string,
  withNumber: boolean,
): Result<{ nominationId: number | undefined; reason: string }, RejectionProblem> {
  let text = args.trim();
  let nominationId: number | undefined;
  if (withNumber) {
    const [first = '', ...rest] = text.split(/\s+/);
    const match = NOMINATION_NUMBER.exec(first);
    if (!match) return err({ kind: 'reject.usage' });
    nominationId = Number(match[1]);
    text = rest.join(' ');
  }
  const reason = text.replace(/\s+/g, ' ').trim();
  const length = [...reason].length;
  if (length === 0) return err({ kind: 'reject.usage' });
  if (length < MIN_REASON_LENGTH) return err({ kind: 'reject.tooShort', min: MIN_REASON_LENGTH });
  if (length > MAX_REASON_LENGTH) return err({ kind: 'nominate.reasonTooLong', max: MAX_REASON_LENGTH });
  return ok({ nominationId, reason });
}
