/**
 * Biên bản họp bình xét: the meeting (when, where, who chaired), attendance against members and the quorum, the
 * secret ballot's count, and for each title every candidate's yes votes and share against the rule's base, with
 * the result; candidates tied at a quota's last place are named as such, and a note says the head of the unit or the
 * council chooses among them. Signed by the secretary and the chair.
 */
import { officialDate, paperText, percentText, shareText } from '../../i18n/year-text';
import { framePaper, localeOf, type OfficialName, type PaperBasics, roman } from './basics';
import { officialName, type Paper, type PaperBlock, paragraph } from './paper';

/** A share as the rules hold it: numerator over denominator. */
export interface ShareLike {
  readonly numerator: number;
  readonly denominator: number;
}

/** A candidate's result, as the review stage gives it (features/year's CandidateStatus). */
export type MinutesResult =
  | 'proposed'
  | 'not-passed'
  | 'ineligible'
  | 'no-quorum'
  | 'over-quota'
  | 'tied'
  | 'not-voted';

export interface MinutesSection {
  /** The title, named: "Chiến sĩ thi đua cơ sở". */
  readonly title: string;
  readonly rule: {
    readonly share: ShareLike;
    readonly comparison: 'at-least' | 'more-than';
    readonly base: 'present' | 'members';
  };
  /** The quota applied: its share of the holders of another title (named in `of`), and the limit it gave. */
  readonly quota?: { readonly share: ShareLike; readonly of: string; readonly holders: number; readonly limit: number };
  readonly candidates: readonly {
    readonly name: OfficialName;
    readonly position?: string;
    readonly yes: number;
    /** The count the share is taken over (those present, or all members). */
    readonly base: number;
    readonly result: MinutesResult;
  }[];
}

export interface ReviewMinutesInput extends PaperBasics {
  readonly year: number;
  readonly unitName: string;
  /** Where the meeting was held: "hội trường Phòng Cảnh sát giao thông". */
  readonly venue: string;
  /** "08:00" and "10:30", local time. */
  readonly startedAt: string;
  readonly endedAt: string;
  readonly chair: { readonly name: OfficialName; readonly position: string };
  readonly secretary: { readonly name: OfficialName; readonly position: string };
  readonly members: number;
  readonly present: number;
  readonly absentees?: readonly { readonly name: OfficialName; readonly reason?: string }[];
  readonly quorum: { readonly share: ShareLike; readonly needed: number; readonly met: boolean };
  readonly ballots: { readonly issued: number; readonly returned: number; readonly valid: number };
  readonly sections: readonly MinutesSection[];
}

/** Words the minutes as a paper. */
export function reviewMinutesPaper(input: ReviewMinutesInput): Paper {
  const locale = localeOf(input);
  const time = (hhmm: string) => {
    const [hour = '00', minute = '00'] = hhmm.split(':');
    return paperText(locale, 'paper.minutes.time', { hour, minute });
  };
  const person = (who: { name: OfficialName; position: string }) => ({
    name: officialName(who.name),
    position: who.position,
  });
  const absentees = input.absentees ?? [];
  const proposed = input.sections.reduce(
    (sum, section) => sum + section.candidates.filter((c) => c.result === 'proposed').length,
    0,
  );
  const sectionBlocks = (section: MinutesSection, index: number): PaperBlock[] => [
    paragraph(
      paperText(locale, 'paper.minutes.section', {
        index: roman(index + 1),
        title: section.title,
        rule: paperText(locale, 'paper.minutes.rule', {
          atLeast: section.rule.comparison === 'at-least',
          share: shareText(locale, section.rule.share),
          members: section.rule.base === 'members',
        }),
      }),
      { bold: true, spaceBefore: 4 },
    ),
    ...(section.quota
      ? [
          paragraph(
            paperText(locale, 'paper.minutes.quota', {
              title: section.title,
              share: shareText(locale, section.quota.share),
              of: section.quota.of,
              holders: section.quota.holders,
              limit: section.quota.limit,
            }),
            { indent: true },
          ),
        ]
      : []),
    {
      kind: 'table',
      columns: [
        { header: paperText(locale, 'paper.col.no'), width: 8, align: 'center' },
        { header: paperText(locale, 'paper.col.name'), width: 30 },
        { header: paperText(locale, 'paper.col.position'), width: 18 },
        { header: paperText(locale, 'paper.col.yes'), width: 13, align: 'center' },
        { header: paperText(locale, 'paper.col.share'), width: 12, align: 'center' },
        { header: paperText(locale, 'paper.col.result'), width: 19, align: 'center' },
      ],
      rows: section.candidates.map((candidate, i) => [
        String(i + 1),
        officialName(candidate.name),
        candidate.position ?? '',
        `${candidate.yes}/${candidate.base}`,
        percentText(locale, candidate.yes, candidate.base),
        paperText(locale, `paper.minutes.result.${candidate.result}`),
      ]),
    },
    ...tieNote(section),
  ];
  /** Candidates tied at the quota's last place: none proposed, the choice left to the head of the unit or the council. */
  function tieNote(section: MinutesSection): PaperBlock[] {
    const tied = section.candidates.filter((c) => c.result === 'tied').length;
    if (tied === 0) return [];
    const proposedHere = section.candidates.filter((c) => c.result === 'proposed').length;
    const seats = Math.max((section.quota?.limit ?? proposedHere) - proposedHere, 0);
    return [paragraph(paperText(locale, 'paper.minutes.tieNote', { tied, seats }), { indent: true })];
  }
  const summary = paperText(locale, 'paper.minutes.summary', { year: input.year });
  return framePaper(input, {
    title: summary,
    kind: paperText(locale, 'paper.minutes.kind'),
    summary,
    body: [
      paragraph(
        paperText(locale, 'paper.minutes.opening', {
          time: time(input.startedAt),
          date: officialDate(locale, input.day),
          venue: input.venue,
          unit: input.unitName,
          year: input.year,
        }),
        { indent: true },
      ),
      paragraph(paperText(locale, 'paper.minutes.chair', person(input.chair)), { indent: true }),
      paragraph(paperText(locale, 'paper.minutes.secretary', person(input.secretary)), { indent: true }),
      paragraph(
        paperText(locale, 'paper.minutes.attendance', {
          members: input.members,
          present: input.present,
          absent: input.members - input.present,
        }),
        { indent: true },
      ),
      ...(absentees.length > 0
        ? [
            paragraph(
              paperText(locale, 'paper.minutes.absentees', {
                names: absentees
                  .map((a) => (a.reason ? `${officialName(a.name)} (${a.reason})` : officialName(a.name)))
                  .join('; '),
              }),
              { indent: true },
            ),
          ]
        : []),
      paragraph(
        paperText(locale, 'paper.minutes.quorum', {
          met: input.quorum.met,
          needed: input.quorum.needed,
          quorum: shareText(locale, input.quorum.share),
        }),
        { indent: true },
      ),
      paragraph(paperText(locale, 'paper.minutes.ballots', input.ballots), { indent: true }),
      ...input.sections.flatMap(sectionBlocks),
      paragraph(paperText(locale, 'paper.minutes.conclusion', { count: proposed }), { indent: true, spaceBefore: 4 }),
      paragraph(paperText(locale, 'paper.minutes.closing', { time: time(input.endedAt) }), { indent: true }),
    ],
    signatures: [
      { lines: [paperText(locale, 'paper.minutes.signSecretary')], name: officialName(input.secretary.name) },
      { lines: [paperText(locale, 'paper.minutes.signChair')], name: officialName(input.chair.name) },
    ],
    recipients: null,
  });
}
