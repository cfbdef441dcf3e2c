/**
 * A closed review's count in words, as its unit's group (or the council's admin) reads it: ballots cast against the
 * members, the quorum, and each candidate's yes votes against the rule's base with the outcome, and when candidates
 * tie at the quota's last place, that the commander or the council settles it. Totals only: nobody's vote can be
 * read from it.
 */
import { officialName } from '../../files/papers';
import { Html } from '../../i18n/format';
import { t } from '../../i18n/texts';
import { percentText, titleName } from '../../i18n/year-text';
import type { Locale } from '../../kernel/locale';
import type { ReviewResult } from './review-close';

export function resultText(
  locale: Locale,
  result: ReviewResult,
  tree: { byId(unitId: number): { readonly name: string } | undefined },
): string {
  const closed = result.closed!;
  const base = closed.base === 'members' ? closed.members : closed.present;
  const lines = result.candidates
    .filter((candidate) => candidate.onBallot)
    .map((candidate, index) =>
      t(locale, 'yearChat.resultLine', {
        number: index + 1,
        name: officialName(candidate.name),
        yes: candidate.result?.yes ?? 0,
        base,
        percent: percentText(locale, candidate.result?.yes ?? 0, base) || '0',
        status: t(locale, `yearChat.status.${candidate.result?.status ?? 'not-voted'}`),
      }),
    );
  if (result.written.present + result.written.absent > 0) lines.push(t(locale, 'yearChat.writtenLine', result.written));
  const tied = result.candidates.filter((candidate) => candidate.result?.status === 'tied').length;
  if (tied > 0) {
    const proposed = result.candidates.filter((candidate) => candidate.result?.status === 'proposed').length;
    const seats = Math.max((closed.quota?.limit ?? proposed) - proposed, 0);
    lines.push(t(locale, 'yearChat.tieNote', { tied, seats }));
  }
  const where = result.unitId === undefined ? t(locale, 'year.ballot.council') : (tree.byId(result.unitId)?.name ?? '');
  return t(locale, 'yearChat.result', {
    title: titleName(locale, result.title),
    year: result.year,
    where,
    voted: closed.present,
    issued: result.issued,
    members: closed.members,
    quorum: t(locale, closed.quorumMet ? 'yearChat.quorumMet' : 'yearChat.quorumMissed', {
      needed: closed.quorumNeeded,
    }),
    lines: new Html(lines.join('\n')),
    again: result.alreadyClosed === true,
  });
}
