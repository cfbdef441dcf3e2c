/**
 * An official paper in the layout of Nghị định 30/2020/NĐ-CP, fully worded, for the two renderers (paper-pdf.ts,
 * paper-docx.ts) to draw the same way: the issuing body on the left and the national heading on the right, số/ký
 * hiệu and place-and-date under them, the kind and summary centred, the body, then nơi nhận on the left and the
 * signature block on the right. The builders (registration-list.ts …) word a paper from plain inputs and the
 * catalog; nothing here holds a word of its own.
 */

/** A piece of a paragraph in one style. */
export interface TextRun {
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
}

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface TableColumn {
  readonly header: string;
  /** Relative width: the columns share the text width in proportion. */
  readonly width: number;
  readonly align?: 'left' | 'center' | 'right';
}

export type PaperBlock =
  | {
      readonly kind: 'paragraph';
      readonly runs: readonly TextRun[];
      readonly align?: Align;
      /** Indent the first line (body paragraphs). */
      readonly indent?: boolean;
      /** Font size in points; the body's when absent. */
      readonly size?: number;
      /** Space before, in points. */
      readonly spaceBefore?: number;
    }
  | { readonly kind: 'table'; readonly columns: readonly TableColumn[]; readonly rows: readonly (readonly string[])[] };

/** A signature block: the authority and position lines (upper case, bold), room to sign, and the signer's name. */
export interface PaperSignature {
  readonly lines: readonly string[];
  /** Rank before the full name: "Đại tá Nguyễn Văn A". */
  readonly name: string;
}

export interface Paper {
  /** The document's title in its metadata. */
  readonly title: string;
  readonly orientation: 'portrait' | 'landscape';
  readonly heading: {
    /** The governing body (cơ quan chủ quản), above the unit. */
    readonly parent?: string;
    readonly unit: string;
    readonly nation: string;
    readonly motto: string;
    /** "Số:        /BB-PC06": the number left blank for the office. Absent on a certificate. */
    readonly number?: string;
    /** "Lạng Sơn, ngày 15 tháng 12 năm 2026" under the national heading; absent when it stands at the signature. */
    readonly placeDate?: string;
  };
  /** "DỰ THẢO" until a decision is recorded. */
  readonly draftMark?: string;
  /** The kind of paper, upper case: "BIÊN BẢN", "TỜ TRÌNH". */
  readonly kind: string;
  /** The kind's size in points, when larger than a document's (a certificate's title). */
  readonly kindSize?: number;
  /** The summary line (trích yếu) under the kind. */
  readonly summary?: string;
  /** "Kính gửi:" and to whom, under the summary. */
  readonly addressee?: { readonly label: string; readonly text: string };
  readonly body: readonly PaperBlock[];
  readonly recipients?: { readonly label: string; readonly lines: readonly string[] };
  /** One block on the right, or two (the minutes' secretary and chair) on the left and right. */
  readonly signatures: readonly PaperSignature[];
  /** Place and date above the signature instead of in the heading, as a certificate has them. */
  readonly signaturePlaceDate?: string;
}

/** Font sizes in points: ND 30 asks 12–14 for most parts; Be Vietnam Pro is wider than Times, so the low end. */
export const SIZES = { heading: 11, kind: 14, summary: 12, body: 12, table: 10, recipients: 10.5, signature: 12 };

/** A paragraph of one run. */
export const paragraph = (
  text: string,
  options: Omit<Extract<PaperBlock, { kind: 'paragraph' }>, 'kind' | 'runs'> & {
    readonly bold?: boolean;
    readonly italic?: boolean;
  } = {},
): PaperBlock => {
  const { bold, italic, ...rest } = options;
  return { kind: 'paragraph', runs: [{ text, ...(bold && { bold }), ...(italic && { italic }) }], ...rest };
};

/** "Đại tá Nguyễn Văn A": rank before the full name, as every official paper names an officer. */
export const officialName = (name: { readonly rank?: string; readonly fullName: string }): string =>
  name.rank ? `${name.rank} ${name.fullName}` : name.fullName;
