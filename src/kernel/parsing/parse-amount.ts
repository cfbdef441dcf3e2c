import { err, ok, type Result } from '../result';

/** Why a token is not a usable amount: not a whole number at all, or zero/negative. */
export type AmountError = 'bad' | 'notPositive';

// Beyond 15 digits a double no longer holds every integer exactly, so such amounts are never stored as typed.
const MAX_DIGITS = 15;
const MINUS = /^[-\u2212]/;
const PLAIN = /^[0-9]+$/;
// Thousands groups with one kind of separator: "1.400", "1,400", "1.400.000". Vietnamese writes the dot,
// English the comma; a first group starting with 0 ("0.400") or a short group ("1.4") would be a decimal, so refused.
const GROUPED = /^[1-9][0-9]{0,2}(?:(\.)[0-9]{3}(?:\.[0-9]{3})*|(,)[0-9]{3}(?:,[0-9]{3})*)$/;

/**
 * Reads a whole amount such as "1400", "1.400" or "1,400". Amounts of more than 15 digits come back as
 * ok(Infinity) so that the caller's per-entry maximum refuses them with its usual message.
 */
export function parseAmount(token: string): Result<number, AmountError> {
  const negative = MINUS.test(token);
  const body = negative ? token.slice(1) : token;
  if (!PLAIN.test(body) && !GROUPED.test(body)) return err('bad');
  const digits = body.replace(/[.,]/g, '').replace(/^0+/, '');
  if (negative || digits === '') return err('notPositive');
  if (digits.length > MAX_DIGITS) return ok(Number.POSITIVE_INFINITY);
  return ok(Number(digits));
}

/** True when the user evidently meant a number ("120", "-5", "1.4", "１２０"), even if it is not a valid amount. */
export function looksLikeAmount(token: string): boolean {
  return /^[-+\u2212]?\p{Nd}[\p{Nd}.,]*$/u.test(token);
}
