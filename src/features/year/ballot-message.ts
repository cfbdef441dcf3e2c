/**
 * A voter's private ballot: the candidates, and one pair of buttons for each (đồng ý / không đồng ý) carrying the
 * voter's token; the voter's current choice is ticked. Written to the outbox with `forget`, so the row's text and
 * buttons are blanked as soon as it leaves (see OutboxPayload.forget).
 */

import type { OfficialName } from '../../files/papers';
import { officialName } from '../../files/papers';
import { formatDay } from '../../i18n/format';
import { t } from '../../i18n/texts';
import { titleName } from '../../i18n/year-text';
import { localTimeOf } from '../../kernel/cron';
import type { Locale } from '../../kernel/locale';
import { localDayOf } from '../../kernel/period';
import type { StoredKeyboard } from '../../outbox/outbox-store';
import { ballotData, type Choice } from './ballot-token';
import type { Stage } from './review';
import type { TitleId } from './titles';

/** The outbox job of ballots: the ballot of review N is period `N`, its edits `N.<random>`, its close `N.closed`. */
export const BALLOT_JOB = 'year-ballot';

/** What a ballot shows, whoever it is for. */
export interface BallotSheet {
  readonly reviewId: number;
  readonly stage: Stage;
  readonly year: number;
  readonly title: TitleId;
  /** The unit's name; unused at the council. */
  readonly unitName: string;
  readonly closesAt: Date;
  readonly timeZone: string;
  /** The candidates on the ballot, in order, by their review position. */
  readonly candidates: readonly { readonly position: number; readonly name: OfficialName }[];
}

const deadlineText = (locale: Locale, sheet: BallotSheet) => {
  const local = localTimeOf(sheet.closesAt, sheet.timeZone);
  const time = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
  return t(locale, 'year.ballot.closes', { time, day: formatDay(localDayOf(sheet.closesAt, sheet.timeZone)) });
};

/** The ballot's text and buttons for one token, ticking its current choices. */
export function ballotMessage(
  locale: Locale,
  sheet: BallotSheet,
  token: string,
  choices: ReadonlyMap<number, Choice | ''> = new Map(),
): { readonly html: string; readonly keyboard: StoredKeyboard } {
  const where = sheet.stage === 'council' ? t(locale, 'year.ballot.council') : sheet.unitName;
  const html = [
    t(locale, 'year.ballot.heading', { title: titleName(locale, sheet.title), year: sheet.year, where }),
    deadlineText(locale, sheet),
    '',
    ...sheet.candidates.map((candidate, index) =>
      t(locale, 'year.ballot.candidate', { number: index + 1, name: officialName(candidate.name) }),
    ),
    '',
    t(locale, 'year.ballot.help'),
  ].join('\n');
  const keyboard = sheet.candidates.map((candidate, index) => {
    const chosen = choices.get(candidate.position) ?? '';
    return (['yes', 'no'] as const).map((choice) => ({
      text: t(locale, choice === 'yes' ? 'year.ballot.yes' : 'year.ballot.no', {
        number: index + 1,
        chosen: chosen === choice,
      }),
      callbackData: ballotData(sheet.reviewId, candidate.position, choice, token),
    }));
  });
  return { html, keyboard };
}

/** What a closed ballot's message becomes: no buttons, no choice. */
export const closedBallotText = (locale: Locale, sheet: Pick<BallotSheet, 'title' | 'year'>): string =>
  t(locale, 'year.ballot.closed', { title: titleName(locale, sheet.title), year: sheet.year });
