/**
 * Shares as exact fractions: thresholds such as 2/3 or 15 % are compared by cross-multiplying whole numbers, so a
 * vote that meets its threshold exactly (18 of 27 against 2/3) is never lost to floating point.
 */

/** A share: numerator over denominator, both whole numbers, the denominator positive. */
export interface Share {
  readonly numerator: number;
  readonly denominator: number;
}

/** Whether a count must reach the share (`at-least`, "từ … trở lên") or pass it (`more-than`, "trên …"). */
export type Comparison = 'at-least' | 'more-than';

/** A share, checked: throws on a denominator that is not a positive whole number (a bug in the rule data). */
export function share(numerator: number, denominator: number): Share {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || denominator <= 0 || numerator < 0)
    throw new RangeError(`not a share: ${numerator}/${denominator}`);
  return { numerator, denominator };
}

/** 15 → 15/100. */
export const percent = (value: number): Share => share(value, 100);

/**
 * A share from configuration text: "2/3", "70%", "12.5%" or "0.7"; undefined when it is none of these or lies
 * outside 0…1.
 */
export function parseShare(text: string): Share | undefined {
  const trimmed = text.trim();
  const fraction = /^(\d+)\s*\/\s*(\d+)$/.exec(trimmed);
  if (fraction) {
    const [numerator, denominator] = [Number(fraction[1]), Number(fraction[2])];
    return denominator > 0 && numerator <= denominator ? share(numerator, denominator) : undefined;
  }
  const decimal = /^(\d+(?:[.,]\d+)?)\s*(%?)$/.exec(trimmed);
  if (!decimal) return undefined;
  const [whole = '', fractionPart = ''] = decimal[1]!.split(/[.,]/);
  const scale = 10 ** fractionPart.length * (decimal[2] ? 100 : 1);
  const numerator = Number(whole + fractionPart);
  return numerator <= scale ? share(numerator, scale) : undefined;
}

/** Whether `count` out of `base` meets the share under the comparison; a base of 0 meets nothing. */
export function meets(count: number, base: number, threshold: Share, comparison: Comparison): boolean {
  if (base <= 0) return false;
  const left = count * threshold.denominator;
  const right = threshold.numerator * base;
  return comparison === 'at-least' ? left >= right : left > right;
}

/** The fewest of `base` that meet the share: 2/3 of 27 at least → 18; more than 1/2 of 10 → 6. */
export function fewestMeeting(base: number, threshold: Share, comparison: Comparison): number {
  const floor = Math.floor((threshold.numerator * base) / threshold.denominator);
  const reached = floor * threshold.denominator === threshold.numerator * base;
  return comparison === 'at-least' && reached ? floor : floor + 1;
}

/** Orders a/b against c/d exactly: negative when a/b is the smaller (b, d > 0). */
export const compareFractions = (a: number, b: number, c: number, d: number): number => a * d - c * b;

/** The share as a percentage with one decimal, for display: 18/27 → 66.7. */
export const percentOf = (count: number, base: number): number =>
  base > 0 ? Math.round((count * 1000) / base) / 10 : 0;
