/**
 * What every paper's input has (who issues it, where and when, to whom, whether a decision was recorded) and the
 * frame built from it: the heading, the number left blank, nơi nhận, the signature block, the draft mark.
 */

import { paperText, placeAndDate } from '../../i18n/year-text';
import type { Locale } from '../../kernel/locale';
import { officialName, type Paper, type PaperBlock, type PaperSignature } from './paper';

/** A person as the roster names them: rank and full name, never a Telegram display name. */
export interface OfficialName {
  /** "Đại tá", "Thiếu úy"; free text as the roster has it. */
  readonly rank?: string;
  readonly fullName: string;
}

/** Who signs: "KT. GIÁM ĐỐC" above "PHÓ GIÁM ĐỐC" when signing for someone, or the position alone. */
export interface Signer {
  readonly authority?: string;
  readonly position: string;
  readonly name: OfficialName;
}

export interface PaperBasics {
  /** The language of the labels; official papers are Vietnamese ('vi', the default). */
  readonly locale?: Locale;
  /** The governing body above the issuing unit, and the unit: "Công an tỉnh Lạng Sơn", "Phòng Cảnh sát giao thông". */
  readonly issuer: { readonly parent?: string; readonly unit: string };
  /** The symbol after the number, which the office fills in: "BB-PC08" for "Số:   /BB-PC08". */
  readonly symbol?: string;
  /** "Lạng Sơn". */
  readonly place: string;
  /** The paper's date, YYYY-MM-DD. */
  readonly day: string;
  /** Nơi nhận, without "Lưu", which is added. */
  readonly recipients?: readonly string[];
  /** A decision was recorded: the paper no longer carries "DỰ THẢO". */
  readonly decided?: boolean;
}

export const localeOf = (basics: PaperBasics): Locale => basics.locale ?? 'vi';

export const signatureOf = (signer: Signer): PaperSignature => ({
  lines: [...(signer.authority ? [signer.authority.toUpperCase()] : []), signer.position.toUpperCase()],
  name: officialName(signer.name),
});

/** Nơi nhận: "- Hội đồng TĐKT Công an tỉnh;" for each, then "- Lưu: VT." */
export const recipientLines = (locale: Locale, recipients: readonly string[]): string[] => [
  ...recipients.map((recipient) => `- ${recipient};`),
  paperText(locale, 'paper.archive'),
];

/** A paper's frame around its body, as every builder shapes it. */
export function framePaper(
  basics: PaperBasics,
  parts: {
    readonly title: string;
    readonly kind: string;
    readonly summary?: string;
    readonly addressee?: Paper['addressee'];
    readonly body: readonly PaperBlock[];
    readonly signatures: readonly PaperSignature[];
    /** Nơi nhận instead of the input's; null for a paper that has none (the minutes). */
    readonly recipients?: readonly string[] | null;
    readonly orientation?: Paper['orientation'];
  },
): Paper {
  const locale = localeOf(basics);
  const recipients = parts.recipients === null ? undefined : (parts.recipients ?? basics.recipients);
  return {
    title: parts.title,
    orientation: parts.orientation ?? 'portrait',
    heading: {
      ...(basics.issuer.parent && { parent: basics.issuer.parent }),
      unit: basics.issuer.unit,
      nation: paperText(locale, 'paper.nation'),
      motto: paperText(locale, 'paper.motto'),
      number: paperText(locale, 'paper.number', { symbol: basics.symbol ?? '' }),
      placeDate: placeAndDate(locale, basics.place, basics.day),
    },
    ...(!basics.decided && { draftMark: paperText(locale, 'paper.draft') }),
    kind: parts.kind,
    ...(parts.summary && { summary: parts.summary }),
    ...(parts.addressee && { addressee: parts.addressee }),
    body: parts.body,
    ...(recipients && {
      recipients: { label: paperText(locale, 'paper.recipients'), lines: recipientLines(locale, recipients) },
    }),
    signatures: parts.signatures,
  };
}

/** I, II, III … for the groups of a list. */
export function roman(value: number): string {
  const numerals: [number, string][] = [
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let rest = value;
  let out = '';
  for (const [amount, numeral] of numerals)
    while (rest >= amount) {
      out += numeral;
      rest -= amount;
    }
  return out;
}
