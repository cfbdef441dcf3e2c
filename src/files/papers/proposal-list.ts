/** Danh sách đề nghị: the candidates proposed, title by title, with their share of the vote; attached to the letter. */
import { paperText, percentText } from '../../i18n/year-text';
import { framePaper, localeOf, type OfficialName, type PaperBasics, roman, type Signer, signatureOf } from './basics';
import { officialName, type Paper, type PaperBlock, paragraph } from './paper';

export interface ProposalGroup {
  /** The title, named: "Chiến sĩ thi đua cơ sở". */
  readonly title: string;
  /** Units rather than people. */
  readonly collective: boolean;
  readonly rows: readonly {
    /** A person by rank and name, or a unit by its name. */
    readonly name: OfficialName | string;
    /** "Đội trưởng, Đội Cảnh sát giao thông số 1". */
    readonly positionUnit?: string;
    readonly yes?: number;
    readonly base?: number;
    readonly note?: string;
  }[];
}

export interface ProposalListInput extends PaperBasics {
  readonly year: number;
  readonly unitName: string;
  /** The symbol of the letter the list goes with: "TTr-PC08". */
  readonly letterSymbol?: string;
  readonly groups: readonly ProposalGroup[];
  readonly signer: Signer;
}

/** Words the proposal list as a paper. */
export function proposalListPaper(input: ProposalListInput): Paper {
  const locale = localeOf(input);
  const count = (group: ProposalGroup) =>
    paperText(locale, group.collective ? 'paper.units' : 'paper.people', { count: group.rows.length });
  const groupBlocks = (group: ProposalGroup, index: number): PaperBlock[] => [
    paragraph(
      paperText(locale, 'paper.list.group', { index: roman(index + 1), title: group.title, count: count(group) }),
      { bold: true, spaceBefore: 4, align: 'left' },
    ),
    {
      kind: 'table',
      columns: [
        { header: paperText(locale, 'paper.col.no'), width: 7, align: 'center' },
        { header: paperText(locale, group.collective ? 'paper.col.unitName' : 'paper.col.name'), width: 31 },
        { header: paperText(locale, 'paper.col.positionUnit'), width: 32 },
        { header: paperText(locale, 'paper.col.share'), width: 13, align: 'center' },
        { header: paperText(locale, 'paper.col.note'), width: 17 },
      ],
      rows: group.rows.map((row, i) => [
        String(i + 1),
        typeof row.name === 'string' ? row.name : officialName(row.name),
        row.positionUnit ?? '',
        row.yes !== undefined && row.base !== undefined ? percentText(locale, row.yes, row.base) : '',
        row.note ?? '',
      ]),
    },
  ];
  const people = input.groups.filter((g) => !g.collective).reduce((sum, g) => sum + g.rows.length, 0);
  const units = input.groups.filter((g) => g.collective).reduce((sum, g) => sum + g.rows.length, 0);
  const summary = paperText(locale, 'paper.list.summary', { year: input.year });
  return framePaper(input, {
    title: summary,
    kind: paperText(locale, 'paper.list.kind'),
    summary,
    body: [
      paragraph(paperText(locale, 'paper.list.attached', { symbol: input.letterSymbol ?? '', unit: input.unitName }), {
        italic: true,
        align: 'center',
      }),
      ...input.groups.flatMap(groupBlocks),
      paragraph(paperText(locale, 'paper.list.total', { people, units }), { bold: true, spaceBefore: 4 }),
    ],
    signatures: [signatureOf(input.signer)],
  });
}
