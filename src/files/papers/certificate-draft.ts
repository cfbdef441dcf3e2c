/**
 * The certificate draft from plain inputs: worded from the catalog for the PDF drawing (certificate-pdf.ts) and as
 * a landscape Paper for the DOCX. "được tặng …" for an award, "được đề nghị tặng …" for a proposal; "DỰ THẢO"
 * until a decision is recorded.
 */
import { formatDay } from '../../i18n/format';
import { paperText, placeAndDate } from '../../i18n/year-text';
import type { CertificateInput } from '../certificate-pdf';
import { framePaper, localeOf, type OfficialName, type PaperBasics, type Signer, signatureOf } from './basics';
import { officialName, type Paper, paragraph } from './paper';

export interface CertificateDraftInput extends PaperBasics {
  /** An award already given, or a proposal to the level above. */
  readonly kind: 'award' | 'proposal';
  /** The form's full name: "Giấy khen của Giám đốc Công an tỉnh". */
  readonly form: string;
  readonly campaign?: string;
  readonly person: OfficialName;
  /** The person's unit: "Đội Cảnh sát giao thông – Trật tự, Công an huyện Cao Lộc". */
  readonly unit: string;
  readonly reason: string;
  /** The decision, once recorded; its presence also drops the draft mark. */
  readonly decision?: { readonly number: string; readonly day: string };
  readonly signer: Signer;
}

const isDraft = (input: CertificateDraftInput) => !input.decided && !input.decision;

/** The words of the certificate, for renderCertificate. */
export function certificateDraft(input: CertificateDraftInput): CertificateInput {
  const locale = localeOf(input);
  return {
    locale,
    draftMark: isDraft(input) ? paperText(locale, 'paper.draft') : '',
    draftNote: paperText(locale, 'certificate.draftNote'),
    campaign: input.campaign ?? '',
    title: input.form,
    phrase: paperText(locale, input.kind === 'award' ? 'certificate.awarded' : 'certificate.proposed'),
    person: officialName(input.person),
    unit: input.unit,
    reasonLabel: paperText(locale, 'paper.certificate.reason'),
    reason: input.reason,
    ...(input.decision && {
      decision: paperText(locale, 'paper.certificate.decision', {
        number: input.decision.number,
        date: formatDay(input.decision.day),
      }),
    }),
    footer: placeAndDate(locale, input.place, input.day),
    issuer: input.issuer,
    nation: { name: paperText(locale, 'paper.nation'), motto: paperText(locale, 'paper.motto') },
    number: paperText(locale, 'paper.number', { symbol: input.symbol ?? '' }),
    placeDate: placeAndDate(locale, input.place, input.day),
    signature: signatureOf(input.signer),
  };
}

/** The certificate as a landscape paper, for the DOCX the office edits. */
export function certificatePaper(input: CertificateDraftInput): Paper {
  const words = certificateDraft(input);
  const frame = framePaper(
    { ...input, decided: !isDraft(input) },
    {
      title: words.title,
      kind: words.title.toUpperCase(),
      orientation: 'landscape',
      body: [
        ...(words.campaign ? [paragraph(words.campaign, { align: 'center', italic: true, size: 13 })] : []),
        paragraph(words.person, { align: 'center', bold: true, size: 20, spaceBefore: 10 }),
        paragraph(words.unit, { align: 'center', size: 14 }),
        paragraph(`${words.phrase} ${words.title}`, { align: 'center', size: 14, spaceBefore: 6 }),
        paragraph(words.reasonLabel, { align: 'center', bold: true, spaceBefore: 6 }),
        paragraph(words.reason, { align: 'center' }),
        ...(words.decision ? [paragraph(words.decision, { align: 'center', italic: true, spaceBefore: 6 })] : []),
      ],
      signatures: [signatureOf(input.signer)],
      recipients: null,
    },
  );
  const { placeDate: _, ...heading } = frame.heading;
  return { ...frame, heading, kindSize: 22, signaturePlaceDate: words.placeDate! };
}
