/**
 * Tờ trình: the unit asks the issuing level's council to confer the year's titles, citing the acts the rules rest
 * on and the review meeting, with a count per title; the list and the minutes go with it.
 */
import { officialDate, paperText } from '../../i18n/year-text';
import { framePaper, localeOf, type PaperBasics, type Signer, signatureOf } from './basics';
import { type Paper, paragraph } from './paper';

export interface ProposalLetterInput extends PaperBasics {
  readonly year: number;
  readonly unitName: string;
  /** To whom: "Hội đồng Thi đua – Khen thưởng Công an tỉnh Lạng Sơn". */
  readonly addressee: string;
  /** The acts, worded: "Luật Thi đua, khen thưởng số 06/2022/QH15 …" (citationText of the rule set's basis). */
  readonly bases: readonly string[];
  /** The day of the review meeting, YYYY-MM-DD. */
  readonly meetingDay?: string;
  /** How many of each title are proposed. */
  readonly lines: readonly { readonly title: string; readonly count: number; readonly collective: boolean }[];
  readonly signer: Signer;
}

/** Words the proposal letter as a paper; nơi nhận starts with "Như trên" (the addressee). */
export function proposalLetterPaper(input: ProposalLetterInput): Paper {
  const locale = localeOf(input);
  const summary = paperText(locale, 'paper.letter.summary', { year: input.year });
  return framePaper(input, {
    title: summary,
    kind: paperText(locale, 'paper.letter.kind'),
    summary,
    addressee: { label: paperText(locale, 'paper.letter.to'), text: input.addressee },
    body: [
      ...input.bases.map((act) => paragraph(paperText(locale, 'paper.letter.basis', { act }), { indent: true })),
      ...(input.meetingDay
        ? [
            paragraph(
              paperText(locale, 'paper.letter.basisMinutes', {
                unit: input.unitName,
                date: officialDate(locale, input.meetingDay),
              }),
              { indent: true },
            ),
          ]
        : []),
      paragraph(
        paperText(locale, 'paper.letter.request', {
          unit: input.unitName,
          addressee: input.addressee,
          year: input.year,
        }),
        { indent: true },
      ),
      ...input.lines.map((line) =>
        paragraph(
          paperText(locale, 'paper.letter.line', {
            title: line.title,
            count: paperText(locale, line.collective ? 'paper.units' : 'paper.people', { count: line.count }),
          }),
          { indent: true },
        ),
      ),
      paragraph(paperText(locale, 'paper.letter.attached'), { indent: true, italic: true }),
      paragraph(paperText(locale, 'paper.letter.closing', { addressee: input.addressee }), { indent: true }),
    ],
    signatures: [signatureOf(input.signer)],
    recipients: [paperText(locale, 'paper.letter.addressee'), ...(input.recipients ?? [])],
  });
}
