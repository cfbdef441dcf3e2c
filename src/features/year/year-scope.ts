/**
 * What the year's use cases run in: the unit of work (UseCaseScope), the roster port and the deployment's
 * settings for the year, given as inputs (the chat, the web app and the CLI pass the configured ones). Also the
 * errors they answer with: each `kind` is its text key in src/i18n (`year.error.*`), its other fields the text's
 * parameters.
 */

import { isLocale, type Locale } from '../../kernel/locale';
import { localDayOf } from '../../kernel/period';
import { err, ok, type Result } from '../../kernel/result';
import type { UseCaseScope } from '../use-case';
import { privateLocale } from './evidence-store';
import type { YearRoster } from './roster-port';
import type { RuleOverrides } from './rule-overrides';
import { rulesForYear } from './rule-overrides';
import type { RuleSet } from './rules';

/** Days of the year ("MM-DD", inclusive) when anyone may pledge; outside them only a commander may register. */
export interface PledgeWindow {
  readonly from: string;
  readonly to: string;
}

/** The deployment's settings for the year; every one has a default. */
export interface YearSettings {
  /** Open all year when absent. */
  readonly pledgeWindow?: PledgeWindow;
  /** Figures of the rules replaced by configuration (parseRuleOverrides checks them). */
  readonly ruleOverrides?: RuleOverrides;
  /** The periods of the law (tests); DEFAULT_RULE_SETS when absent. */
  readonly ruleSets?: readonly RuleSet[];
}

export interface YearScope extends UseCaseScope {
  readonly roster: YearRoster;
  readonly settings: YearSettings;
}

/** Why a use case of the year refused; `kind` is the text key, the rest its parameters. */
export type YearError =
  | { readonly kind: 'year.error.notOnRoster' }
  | { readonly kind: 'year.error.notCommander' }
  | { readonly kind: 'year.error.notAdmin' }
  | { readonly kind: 'year.error.unknownUnit' }
  | { readonly kind: 'year.error.unknownPerson' }
  | { readonly kind: 'year.error.individualTitle'; readonly title: string }
  | { readonly kind: 'year.error.collectiveTitle'; readonly title: string }
  | { readonly kind: 'year.error.windowClosed'; readonly from: string; readonly to: string }
  | { readonly kind: 'year.error.yearOutOfRange'; readonly year: number }
  | { readonly kind: 'year.error.noRules'; readonly year: number }
  | { readonly kind: 'year.error.notVotedHere'; readonly title: string }
  | { readonly kind: 'year.error.reviewOpen'; readonly title: string }
  | { readonly kind: 'year.error.noCandidates'; readonly title: string }
  | { readonly kind: 'year.error.tooManyCandidates'; readonly count: number; readonly max: number }
  | { readonly kind: 'year.error.noVoters' }
  | { readonly kind: 'year.error.deadlinePassed' }
  | { readonly kind: 'year.error.unknownReview' }
  | { readonly kind: 'year.error.reviewNotClosed' }
  | { readonly kind: 'year.error.ballotClosed' }
  | { readonly kind: 'year.error.notYourBallot' }
  | { readonly kind: 'year.error.notOpener' }
  | { readonly kind: 'year.error.reasonNeeded' }
  | { readonly kind: 'year.error.unknownFlag' }
  | { readonly kind: 'year.error.alreadyCouncil' }
  | { readonly kind: 'year.error.notCouncil' }
  | { readonly kind: 'year.error.emptyCouncil' }
  | { readonly kind: 'year.error.decisionInFuture' }
  | { readonly kind: 'year.error.decisionTooEarly'; readonly day: string }
  | { readonly kind: 'year.error.decisionIncomplete' }
  | { readonly kind: 'year.error.noTitle'; readonly year: number }
  | { readonly kind: 'year.error.writtenCouncilOnly' }
  | { readonly kind: 'year.error.writtenCounts'; readonly ballots: number; readonly candidates: number }
  | { readonly kind: 'year.error.notCouncilVoter' }
  | { readonly kind: 'year.error.writtenTwice' }
  | { readonly kind: 'year.error.votedInChat' }
  | { readonly kind: 'year.error.votedInWriting' };

export type YearResult<T> = Result<T, YearError>;

/** A refusal, typed for the union. */
export const refuse = (error: YearError): Result<never, YearError> => err(error);

/** The local day of the scope's instant. */
export const todayOf = (scope: UseCaseScope): string => localDayOf(scope.now, scope.config.timeZone);

/** The calendar year of the scope's instant, in the campaign's time zone. */
export const yearOfScope = (scope: UseCaseScope): number => Number(todayOf(scope).slice(0, 4));

/** The rules a year's review uses (in force on 31 December), with the configured overrides. */
export const rulesOf = (scope: YearScope, year: number, overrides = scope.settings.ruleOverrides ?? {}) =>
  rulesForYear(year, overrides, scope.settings.ruleSets);

/**
 * The year a review is held for (this year unless told; this year or the last, as a year-end review may be held in
 * January) and the rules in force on its 31 December.
 */
export function reviewYearOf(scope: YearScope, asked: number | undefined) {
  const thisYear = yearOfScope(scope);
  const year = asked ?? thisYear;
  if (year !== thisYear && year !== thisYear - 1) return refuse({ kind: 'year.error.yearOutOfRange', year });
  const rules = rulesOf(scope, year);
  return rules ? ok({ year, rules }) : refuse({ kind: 'year.error.noRules', year });
}

/** The language of a person's private chat with the bot, or the deployment's default. */
export async function privateLocaleOf(scope: UseCaseScope, userId: number): Promise<Locale> {
  const stored = await privateLocale(scope.db, userId);
  return stored && isLocale(stored) ? stored : scope.config.defaultLocale;
}

/** Whether the caller is a bot admin (ADMIN_IDS or a stored role). */
export const isAdmin = async (scope: UseCaseScope, userId: number): Promise<boolean> =>
  (await scope.directory.authority(userId)).admin;

/** Whether `day` (YYYY-MM-DD) falls in the window; a window may wrap the new year (11-15 to 02-15). */
export function inWindow(window: PledgeWindow | undefined, day: string): boolean {
  if (!window) return true;
  const monthDay = day.slice(5);
  return window.from <= window.to
    ? window.from <= monthDay && monthDay <= window.to
    : monthDay >= window.from || monthDay <= window.to;
}

/**
 * A window as configuration writes it: months ("1-3", January to March) or days ("01-01..03-31"); undefined when
 * it is neither.
 */
export function parsePledgeWindow(text: string): PledgeWindow | undefined {
  const trimmed = text.trim();
  const months = /^(\d{1,2})\s*-\s*(\d{1,2})$/.exec(trimmed);
  if (months) {
    const [from, to] = [Number(months[1]), Number(months[2])];
    if (from < 1 || from > 12 || to < 1 || to > 12) return undefined;
    const last = new Date(Date.UTC(2024, to, 0)).getUTCDate();
    return { from: `${String(from).padStart(2, '0')}-01`, to: `${String(to).padStart(2, '0')}-${last}` };
  }
  const days = /^(\d{2})-(\d{2})\s*\.\.\s*(\d{2})-(\d{2})$/.exec(trimmed);
  if (!days) return undefined;
  const valid = (month: string, day: string) => {
    const date = new Date(Date.UTC(2024, Number(month) - 1, Number(day)));
    return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
  };
  if (!valid(days[1]!, days[2]!) || !valid(days[3]!, days[4]!)) return undefined;
  return { from: `${days[1]}-${days[2]}`, to: `${days[3]}-${days[4]}` };
}
