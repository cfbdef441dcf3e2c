/**
 * The arguments of the year's commands (/pledge, /flag, /review, /closeballot, /council, /titles, /paper), read
 * without I/O. Titles are named by their id ("cstdcs"), their usual abbreviation ("CSTĐCS") or their name in either
 * language, diacritics and case aside.
 */
import { foldText } from '../../kernel/fold';
import { err, ok, type Result } from '../../kernel/result';
import type { FlagKind } from './rules';
import { isTitleId, TITLES, type TitleId } from './titles';

/** Words a title may be written with besides its id and its catalog names (folded, single spaces). */
const TITLE_WORDS: Readonly<Record<TitleId, readonly string[]>> = {
  cstt: ['cstt', 'chien si tien tien'],
  cstdcs: ['cstdcs', 'chien si thi dua co so', 'chien si thi dua cap co so'],
  'cstd-bo': ['cstdbo', 'cstd bo', 'cstd cap bo', 'chien si thi dua cap bo'],
  'cstd-tq': ['cstdtq', 'cstd tq', 'cstd toan quoc', 'chien si thi dua toan quoc'],
  dvtt: ['dvtt', 'don vi tien tien'],
  dvqt: ['dvqt', 'don vi quyet thang'],
  'co-thi-dua': ['cothidua', 'co thi dua', 'co'],
};

const BY_WORDS = new Map<string, TitleId>(
  TITLES.flatMap((id) => [[id, id] as const, ...TITLE_WORDS[id].map((words) => [words, id] as const)]),
);

/** A title from the words that name it, or undefined. */
export function parseTitle(text: string): TitleId | undefined {
  const folded = foldText(text)
    .replace(/[-_.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const id = folded.replace(/ /g, '-');
  if (isTitleId(id)) return id;
  return BY_WORDS.get(folded) ?? BY_WORDS.get(folded.replace(/ /g, ''));
}

/** Why a year command's arguments were refused; each kind is a text key. */
export type YearArgsProblem =
  | { readonly kind: 'yearChat.badTitle'; readonly text: string }
  | { readonly kind: 'yearChat.badHours'; readonly text: string }
  | { readonly kind: 'yearChat.usage' };

const YEAR = /^(20\d{2})$/;

/**
 * "<title…> [year]": the title's words, then a year (2000-2099) if the last word is one. `extra` words after the
 * year are refused. Empty text is the list (undefined).
 */
export function parseTitleAndYear(
  args: string,
): Result<{ readonly title: TitleId; readonly year?: number } | undefined, YearArgsProblem> {
  const words = args.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return ok(undefined);
  const last = words.at(-1)!;
  const year = YEAR.test(last) ? Number(last) : undefined;
  const titleWords = year === undefined ? words : words.slice(0, -1);
  if (titleWords.length === 0) return err({ kind: 'yearChat.usage' });
  const text = titleWords.join(' ');
  const title = parseTitle(text);
  if (!title) return err({ kind: 'yearChat.badTitle', text });
  return ok({ title, ...(year !== undefined && { year }) });
}

/** Words for a flag's kind: kyluat, thanhtra (kiemtra), donthu; and the English ones. */
const FLAG_WORDS: Readonly<Record<string, FlagKind>> = {
  kyluat: 'discipline-pending',
  discipline: 'discipline-pending',
  thanhtra: 'inspection-pending',
  kiemtra: 'inspection-pending',
  inspection: 'inspection-pending',
  donthu: 'complaint-pending',
  complaint: 'complaint-pending',
};

/** What /flag asks: the list, to clear a flag by its number, or to record one (by reply) with a kind and reason. */
export type FlagArgs =
  | { readonly kind: 'list' }
  | { readonly kind: 'clear'; readonly flagId: number }
  | { readonly kind: 'record'; readonly flagKind: FlagKind; readonly reason: string };

/** Reads "/flag", "/flag go <n>" (gỡ, clear), "/flag <kyluat|thanhtra|donthu> <reason…>". */
export function parseFlagArgs(args: string): Result<FlagArgs, { readonly kind: 'yearChat.flagUsage' }> {
  const words = args.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return ok({ kind: 'list' });
  const first = foldText(words[0]!);
  if (first === 'go' || first === 'clear') {
    const match = /^#?(\d{1,9})$/.exec(words[1] ?? '');
    return match && words.length === 2
      ? ok({ kind: 'clear', flagId: Number(match[1]) })
      : err({ kind: 'yearChat.flagUsage' });
  }
  // "kyluat" or "kỷ luật": one word or two.
  const two = Object.hasOwn(FLAG_WORDS, foldText(`${words[0]}${words[1] ?? ''}`))
    ? FLAG_WORDS[foldText(`${words[0]}${words[1] ?? ''}`)]
    : undefined;
  const one = Object.hasOwn(FLAG_WORDS, first.replace(/[_-]/g, ''))
    ? FLAG_WORDS[first.replace(/[_-]/g, '')]
    : undefined;
  const flagKind = one ?? two;
  if (!flagKind) return err({ kind: 'yearChat.flagUsage' });
  return ok({ kind: 'record', flagKind, reason: words.slice(one ? 1 : 2).join(' ') });
}

/** The longest ballot /review and /council may set, in hours (a week). */
export const MAX_BALLOT_HOURS = 168;

/**
 * "<title…> [year] [Nh] [xem]": a review's title, its year, the ballot's hours ("24h"), each optional but the title,
 * and "xem" to preview it.
 */
export function parseReviewArgs(
  args: string,
): Result<
  { readonly title: TitleId; readonly year?: number; readonly hours?: number; readonly preview?: true },
  YearArgsProblem
> {
  const all = args.trim().split(/\s+/).filter(Boolean);
  // "xem" (preview) last: the candidates and their checks, without opening the ballot.
  const preview = all.length > 1 && ['xem', 'preview'].includes(foldText(all.at(-1)!));
  const words = preview ? all.slice(0, -1) : all;
  const hoursMatch = /^(\d{1,3})\s*(h|gio)$/i.exec(foldText(words.at(-1) ?? ''));
  const hours = hoursMatch ? Number(hoursMatch[1]) : undefined;
  if (hours !== undefined && (hours < 1 || hours > MAX_BALLOT_HOURS))
    return err({ kind: 'yearChat.badHours', text: words.at(-1)! });
  const rest = hours === undefined ? words : words.slice(0, -1);
  const parsed = parseTitleAndYear(rest.join(' '));
  if (!parsed.ok) return parsed;
  if (!parsed.value) return err({ kind: 'yearChat.usage' });
  return ok({ ...parsed.value, ...(hours !== undefined && { hours }), ...(preview && { preview: true as const }) });
}

/** A calendar day written dd/mm/yyyy (or with . or -), as YYYY-MM-DD; undefined when it is no such day. */
export function parseOfficialDay(text: string): string | undefined {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (!match) return undefined;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1945 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A decision number as offices write them: "567/QĐ-CAT", "45-QĐ/UBND". */
const DECISION_NUMBER = /^[\p{L}\p{N}][\p{L}\p{N}/._-]{0,39}$/u;
const MAX_SIGNER_LENGTH = 120;

/** "/titles <title> <year> <số quyết định> <dd/mm/yyyy> <người ký…>". */
export interface TitleDecisionArgs {
  readonly title: TitleId;
  readonly year: number;
  readonly number: string;
  readonly date: string;
  readonly signer: string;
}

export function parseTitleDecision(
  args: string,
): Result<
  TitleDecisionArgs,
  | { readonly kind: 'yearChat.decisionUsage' }
  | { readonly kind: 'yearChat.badTitle'; readonly text: string }
  | { readonly kind: 'yearChat.badDate'; readonly text: string }
> {
  const [title, year, number, date, ...signerWords] = args.trim().split(/\s+/).filter(Boolean);
  const signer = signerWords.join(' ');
  if (!title || !year || !YEAR.test(year) || !number || !DECISION_NUMBER.test(number) || !date || !signer)
    return err({ kind: 'yearChat.decisionUsage' });
  if ([...signer].length > MAX_SIGNER_LENGTH) return err({ kind: 'yearChat.decisionUsage' });
  const titleId = parseTitle(title);
  if (!titleId) return err({ kind: 'yearChat.badTitle', text: title });
  const day = parseOfficialDay(date);
  if (!day) return err({ kind: 'yearChat.badDate', text: date });
  return ok({ title: titleId, year: Number(year), number, date: day, signer });
}

/** The papers /paper draws. */
export const PAPER_KINDS = ['registration', 'minutes', 'list', 'letter', 'certificate'] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];

const PAPER_WORDS: Readonly<Record<string, PaperKind>> = {
  dangky: 'registration',
  registration: 'registration',
  bienban: 'minutes',
  minutes: 'minutes',
  danhsach: 'list',
  list: 'list',
  totrinh: 'letter',
  letter: 'letter',
  chungnhan: 'certificate',
  certificate: 'certificate',
};

/** "/paper <dangky|bienban|danhsach|totrinh|chungnhan> [pdf|docx] [year]": DOCX unless told. */
export function parsePaperArgs(
  args: string,
): Result<
  { readonly kind: PaperKind; readonly format: 'pdf' | 'docx'; readonly year?: number },
  { readonly kind: 'yearChat.paperUsage' }
> {
  const words = args
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => foldText(word));
  const first = words[0] ?? '';
  const kind = Object.hasOwn(PAPER_WORDS, first) ? PAPER_WORDS[first] : undefined;
  if (!kind) return err({ kind: 'yearChat.paperUsage' });
  let format: 'pdf' | 'docx' = 'docx';
  let year: number | undefined;
  for (const word of words.slice(1)) {
    if (word === 'pdf' || word === 'docx') format = word;
    else if (YEAR.test(word)) year = Number(word);
    else return err({ kind: 'yearChat.paperUsage' });
  }
  return ok({ kind, format, ...(year !== undefined && { year }) });
}

/** A batch of the council's paper ballots as `/council phieu` writes it (see `parseWrittenVotes`). */
export interface WrittenVotesArgs {
  readonly title: TitleId;
  readonly year?: number;
  /** The members' numbers in the council's list (from 1). */
  readonly members: readonly number[];
  /** Paper ballots at the meeting (`comat`), else written votes sent from away. */
  readonly present: boolean;
  /** Yes and no for each candidate, in the ballot's order. */
  readonly votes: readonly { readonly yes: number; readonly no: number }[];
}

const MEMBER_LIST = /^\d{1,3}(,\d{1,3})*,?$/;
const YES_NO = /^(\d{1,4})\/(\d{1,4})$/;

/**
 * "<title…> [year] <n,n,…> [comat] <yes>/<no> …": the title, the members' numbers in /council's list, whether the
 * ballots were cast at the meeting, and one yes/no pair per candidate. Member numbers have at most three digits, so
 * a year is never read as one.
 */
export function parseWrittenVotes(args: string): Result<WrittenVotesArgs, YearArgsProblem> {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const at = words.findIndex((word) => MEMBER_LIST.test(word));
  if (at < 1) return err({ kind: 'yearChat.usage' });
  const parsed = parseTitleAndYear(words.slice(0, at).join(' '));
  if (!parsed.ok) return parsed;
  if (!parsed.value) return err({ kind: 'yearChat.usage' });
  const members = words[at]!.split(',').filter(Boolean).map(Number);
  let rest = words.slice(at + 1);
  const present = rest.length > 0 && ['comat', 'present'].includes(foldText(rest[0]!).replace(/\s+/g, ''));
  if (present) rest = rest.slice(1);
  const votes = rest.map((word) => YES_NO.exec(word));
  if (votes.length === 0 || votes.some((match) => !match) || members.some((number) => number < 1))
    return err({ kind: 'yearChat.usage' });
  return ok({
    ...parsed.value,
    members,
    present,
    votes: votes.map((match) => ({ yes: Number(match![1]), no: Number(match![2]) })),
  });
}
