/** Bản đăng ký thi đua năm N: the unit's collective title and each member's, signed by the unit's head. */
import { paperText } from '../../i18n/year-text';
import { framePaper, localeOf, type OfficialName, type PaperBasics, type Signer, signatureOf } from './basics';
import { officialName, type Paper, paragraph } from './paper';

export interface RegistrationListInput extends PaperBasics {
  readonly year: number;
  /** The unit as the body names it: "Phòng Cảnh sát giao thông". */
  readonly unitName: string;
  /** The campaign the registration answers, if any: "Nụ cười chiến sĩ". */
  readonly campaign?: string;
  /** The collective title the unit registers for, named: "Đơn vị quyết thắng". */
  readonly unitTitle?: string;
  /** Each member and the title they registered for, named: "Chiến sĩ thi đua cơ sở". */
  readonly people: readonly { readonly name: OfficialName; readonly position?: string; readonly title: string }[];
  readonly signer: Signer;
}

/** Words the registration list as a paper. */
export function registrationListPaper(input: RegistrationListInput): Paper {
  const locale = localeOf(input);
  const counts = new Map<string, number>();
  for (const person of input.people) counts.set(person.title, (counts.get(person.title) ?? 0) + 1);
  const totals = [...counts].map(([title, count]) => `${title}: ${paperText(locale, 'paper.people', { count })}`);
  const kind = paperText(locale, 'paper.registration.kind', { year: input.year });
  return framePaper(input, {
    title: kind,
    kind,
    summary: paperText(locale, 'paper.registration.summary'),
    body: [
      paragraph(
        paperText(locale, 'paper.registration.intro', {
          unit: input.unitName,
          year: input.year,
          campaign: input.campaign ?? '',
        }),
        { indent: true },
      ),
      ...(input.unitTitle
        ? [
            paragraph(paperText(locale, 'paper.registration.collective'), { bold: true, indent: true }),
            paragraph(
              paperText(locale, 'paper.registration.collectiveLine', { unit: input.unitName, title: input.unitTitle }),
              { indent: true },
            ),
          ]
        : []),
      paragraph(paperText(locale, 'paper.registration.individual', { count: input.people.length }), {
        bold: true,
        indent: true,
      }),
      {
        kind: 'table',
        columns: [
          { header: paperText(locale, 'paper.col.no'), width: 7, align: 'center' },
          { header: paperText(locale, 'paper.col.name'), width: 33 },
          { header: paperText(locale, 'paper.col.position'), width: 27 },
          { header: paperText(locale, 'paper.col.pledged'), width: 33 },
        ],
        rows: input.people.map((person, i) => [
          String(i + 1),
          officialName(person.name),
          person.position ?? '',
          person.title,
        ]),
      },
      ...(totals.length > 0
        ? [paragraph(paperText(locale, 'paper.registration.totals', { lines: totals.join('; ') }), { indent: true })]
        : []),
      paragraph(paperText(locale, 'paper.registration.pledge', { unit: input.unitName }), { indent: true }),
    ],
    signatures: [signatureOf(input.signer)],
  });
}
