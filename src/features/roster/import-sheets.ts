/**
 * The roster import's parsing, pure: a workbook's raw rows (src/files/workbook-reader.ts) in, typed lines and
 * per-row problems out. Sheets are told by their name or, failing that, by their headers ("Đơn vị", "Cán bộ",
 * "Khen thưởng"); headers are matched without case, diacritics or punctuation, in NFC or NFD alike, and may sit
 * under a title row or span two merged rows. Checks that need the database (unknown units, people, accounts)
 * belong to the plan (import-plan.ts).
 */

import type { RawCell, RawRow, RawWorkbook } from '../../files/workbook-reader';
import type { IsoDay } from '../../kernel/day';
import { foldText } from '../../kernel/fold';
import { isValidIsoDay } from '../../kernel/period';
import { canonicalRank, tidyText } from './official-name';

export type SheetKind = 'units' | 'people' | 'commendations';

/** The most data rows a sheet may hold (issue 16). */
export const MAX_SHEET_ROWS = 20_000;

const UNIT_FIELDS = ['code', 'name', 'parentCode'] as const;
const PERSON_FIELDS = [
  'fullName',
  'rank',
  'position',
  'unitCode',
  'serviceNumber',
  'telegram',
  'role',
  'leftOn',
] as const;
const COMMENDATION_FIELDS = [
  'serviceNumber',
  'fullName',
  'unitCode',
  'year',
  'title',
  'decisionNumber',
  'decisionDate',
  'issuingLevel',
] as const;

export type FieldName =
  | (typeof UNIT_FIELDS)[number]
  | (typeof PERSON_FIELDS)[number]
  | (typeof COMMENDATION_FIELDS)[number];

/**
 * The headers each field answers to, folded (see headerKey). The first is the one the template and the export
 * write; the template's headers are also in ROSTER_COLUMNS.
 */
const HEADERS: Record<SheetKind, Partial<Record<FieldName, readonly string[]>>> = {
  units: {
    code: ['ma', 'ma don vi', 'ma dv', 'code', 'unit code'],
    name: ['ten', 'ten don vi', 'don vi', 'name', 'unit name'],
    parentCode: ['ma cap tren', 'cap tren', 'ma don vi cap tren', 'don vi cap tren', 'parent', 'parent code'],
  },
  people: {
    fullName: ['ho ten', 'ho va ten', 'ho ten can bo', 'full name', 'name'],
    rank: ['cap bac', 'rank'],
    position: ['chuc vu', 'position'],
    unitCode: ['ma don vi', 'don vi', 'ma dv', 'unit', 'unit code'],
    serviceNumber: ['so hieu', 'so hieu cand', 'service number'],
    telegram: ['telegram', 'tai khoan telegram', 'telegram id'],
    role: ['vai tro', 'role'],
    leftOn: ['nghi tu ngay', 'ngay nghi', 'ngay roi don vi', 'left on'],
  },
  commendations: {
    serviceNumber: ['so hieu', 'so hieu cand', 'service number'],
    fullName: ['ho ten', 'ho va ten', 'full name', 'name'],
    unitCode: ['ma don vi', 'don vi', 'ma dv', 'unit', 'unit code'],
    year: ['nam', 'year'],
    title: [
      'danh hieu hoac hinh thuc',
      'danh hieu hinh thuc',
      'danh hieu hoac hinh thuc khen thuong',
      'danh hieu',
      'hinh thuc',
      'hinh thuc khen thuong',
      'title',
    ],
    decisionNumber: ['so quyet dinh', 'so qd', 'quyet dinh so', 'decision number'],
    decisionDate: ['ngay', 'ngay quyet dinh', 'ngay qd', 'ngay ky', 'decision date', 'date'],
    issuingLevel: ['cap quyet dinh', 'cap khen', 'cap', 'cap ban hanh', 'issuing level', 'level'],
  },
};

/** Without which a sheet is not of that kind. */
const REQUIRED: Record<SheetKind, readonly FieldName[]> = {
  units: ['code', 'name'],
  people: ['fullName', 'unitCode'],
  commendations: ['year', 'title'],
};

/** Sheet names, folded, that say what a sheet holds. */
const SHEET_NAMES: Record<SheetKind, readonly string[]> = {
  units: ['don vi', 'units'],
  people: ['can bo', 'danh sach can bo', 'people', 'roster'],
  commendations: ['khen thuong', 'commendations'],
};

/** Rows at the top of a sheet searched for its headers (a title, a date, blank rows may come first). */
const HEADER_SEARCH_ROWS = 15;

/** Longest values kept, in characters. */
export const MAX_CHARS = {
  fullName: 120,
  rank: 40,
  position: 120,
  serviceNumber: 32,
  name: 120,
  title: 200,
  decisionNumber: 60,
  issuingLevel: 120,
} as const;

/** A header as compared: folded, without what stands in brackets, punctuation as spaces ("Họ tên (*)" → "ho ten"). */
export function headerKey(text: string): string {
  return foldText(text.replace(/\([^)]*\)/g, ' ').replace(/\[[^\]]*\]/g, ' '))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export type TelegramRef = { readonly userId: number } | { readonly username: string };

export interface UnitLine {
  readonly sheet: string;
  readonly row: number;
  readonly code: string;
  readonly name: string;
  readonly parentCode: string | null;
}

export interface PersonLine {
  readonly sheet: string;
  readonly row: number;
  readonly fullName: string;
  readonly nameKey: string;
  /** Rank, position and the day they left are undefined when the sheet has no such column: they stay as stored. */
  readonly rank?: string | null;
  readonly position?: string | null;
  readonly unitCode: string;
  readonly serviceNumber: string | null;
  /** null when the cell is empty: a link or a pending account stays as it is. */
  readonly telegram: TelegramRef | null;
  /** null when the cell is empty: a person already on the roster keeps theirs, a new one is an officer. */
  readonly role: 'commander' | 'officer' | null;
  readonly leftOn?: IsoDay | null;
}

export interface CommendationLine {
  readonly sheet: string;
  readonly row: number;
  readonly serviceNumber: string | null;
  readonly fullName: string | null;
  readonly nameKey: string | null;
  readonly unitCode: string | null;
  readonly year: number;
  readonly title: string;
  readonly titleKey: string;
  readonly decisionNumber: string | null;
  readonly decisionKey: string;
  readonly decisionDate: IsoDay | null;
  readonly issuingLevel: string | null;
}

/** What is wrong with one row; `kind` is its text key, the other fields its parameters. */
export type RowProblem =
  | { readonly kind: 'import.row.missing'; readonly field: FieldName }
  | { readonly kind: 'import.row.tooLong'; readonly field: FieldName; readonly max: number }
  | { readonly kind: 'import.row.badUnitCode'; readonly value: string }
  | { readonly kind: 'import.row.badDate'; readonly field: FieldName; readonly value: string }
  | { readonly kind: 'import.row.badTelegram'; readonly value: string }
  | { readonly kind: 'import.row.badRole'; readonly value: string }
  | { readonly kind: 'import.row.badYear'; readonly value: string }
  | { readonly kind: 'import.row.needPerson' }
  | { readonly kind: 'import.row.duplicateUnit'; readonly code: string; readonly firstRow: number }
  | { readonly kind: 'import.row.duplicateServiceNumber'; readonly serviceNumber: string; readonly firstRow: number }
  | { readonly kind: 'import.row.duplicateAccount'; readonly account: string; readonly firstRow: number }
  | { readonly kind: 'import.row.duplicatePerson'; readonly firstRow: number }
  | { readonly kind: 'import.row.duplicateCommendation'; readonly firstRow: number }
  | { readonly kind: 'import.row.unknownUnit'; readonly code: string }
  | { readonly kind: 'import.row.parentCycle'; readonly codes: string }
  | { readonly kind: 'import.row.unknownPerson' }
  | { readonly kind: 'import.row.ambiguousPerson'; readonly count: number }
  | { readonly kind: 'import.row.samePerson'; readonly firstRow: number }
  | { readonly kind: 'import.row.accountTaken'; readonly account: string; readonly name: string }
  | { readonly kind: 'import.row.linkedElsewhere'; readonly name: string };

export interface RowError {
  readonly sheet: string;
  readonly row: number;
  readonly problem: RowProblem;
}

export interface ParsedRoster {
  /** Undefined when the file holds no sheet of that kind (nothing of that kind changes then). */
  readonly units: readonly UnitLine[] | undefined;
  readonly people: readonly PersonLine[] | undefined;
  readonly commendations: readonly CommendationLine[] | undefined;
  readonly errors: readonly RowError[];
  /** Sheets that were none of the three, left alone. */
  readonly ignoredSheets: readonly string[];
}

/** Why a whole file is refused; `kind` is the text key. */
export type FileProblem =
  | { readonly kind: 'import.noSheets' }
  | { readonly kind: 'import.tooManyRows'; readonly sheet: string; readonly rows: number; readonly max: number };

const UNIT_CODE = /^[A-Za-z0-9_-]{1,32}$/;
const USERNAME = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;

/** A cell as text, tidied; '' for an empty cell. */
function textOf(cell: RawCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return tidyText(cell);
}

/** A service number as kept: no spaces, upper case ("ab 123" → "AB123"). */
export const serviceNumberKey = (text: string): string => text.replace(/\s+/gu, '').toUpperCase();

/** Excel's serial day number as a local day; 1904-based workbooks count 1,462 days fewer. */
export function serialDay(serial: number, date1904 = false): IsoDay | undefined {
  const whole = Math.floor(serial + (date1904 ? 1462 : 0));
  if (!Number.isFinite(whole) || whole < 1 || whole > 2_958_465) return undefined;
  return new Date(Date.UTC(1899, 11, 30) + whole * 86_400_000).toISOString().slice(0, 10);
}

/** A day from a cell: an Excel date (a serial), "dd/mm/yyyy" (or with - or .), or "yyyy-mm-dd". */
export function dayOf(cell: RawCell, date1904: boolean): IsoDay | undefined {
  if (typeof cell === 'number') return serialDay(cell, date1904);
  const text = textOf(cell);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const [year, month, day] = dmy ? [dmy[3], dmy[2], dmy[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!year || !month || !day) return undefined;
  const candidate = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isValidIsoDay(candidate) ? candidate : undefined;
}

/** A Telegram account from a cell: a numeric user id, or "@username" (also "t.me/username"). */
export function telegramOf(cell: RawCell): TelegramRef | undefined {
  if (typeof cell === 'number') return Number.isSafeInteger(cell) && cell > 0 ? { userId: cell } : undefined;
  const text = textOf(cell).replace(/^(https?:\/\/)?t\.me\//i, '@');
  if (/^\d{1,16}$/.test(text)) return Number(text) > 0 ? { userId: Number(text) } : undefined;
  const name = text.startsWith('@') ? text.slice(1) : text;
  return USERNAME.test(name) ? { username: name.toLowerCase() } : undefined;
}

const ROLE_WORDS: ReadonlyMap<string, 'commander' | 'officer'> = new Map([
  ['chi huy', 'commander'],
  ['commander', 'commander'],
  ['thu truong', 'commander'],
  ['can bo', 'officer'],
  ['chien si', 'officer'],
  ['can bo chien si', 'officer'],
  ['cbcs', 'officer'],
  ['officer', 'officer'],
]);

/** The fields' columns in a sheet, and the row its headers end on. */
interface Layout {
  readonly kind: SheetKind;
  readonly headerRow: number;
  readonly columns: ReadonlyMap<FieldName, number>;
}

/**
 * The fields a row's cells name as headers of a kind: field → column. A field takes the column of its first
 * synonym present, so "Mã đơn vị" wins over "Đơn vị" (a unit's name) whichever comes first.
 */
function matchHeaders(kind: SheetKind, cells: readonly RawCell[]): Map<FieldName, number> {
  const keys = cells.map((cell) => (typeof cell === 'string' ? headerKey(cell) : ''));
  const found = new Map<FieldName, number>();
  const used = new Set<number>();
  for (const [field, names] of Object.entries(HEADERS[kind]) as [FieldName, readonly string[]][]) {
    for (const name of names) {
      const column = keys.findIndex((key, index) => key === name && !used.has(index));
      if (column < 0) continue;
      found.set(field, column);
      used.add(column);
      break;
    }
  }
  return found;
}

const complete = (kind: SheetKind, found: ReadonlyMap<FieldName, number>) =>
  REQUIRED[kind].every((field) => found.has(field));

/**
 * Where a sheet's headers are and what kind it is: the kind its name says, else the one its headers fit best.
 * A header spanning two rows (merged, so filled into both) is read from the lower row, which holds the rest.
 */
function layoutOf(name: string, rows: readonly RawRow[]): Layout | undefined {
  const named = (Object.keys(SHEET_NAMES) as SheetKind[]).find((kind) => SHEET_NAMES[kind].includes(headerKey(name)));
  const kinds: SheetKind[] = named ? [named] : ['commendations', 'people', 'units'];
  for (let index = 0; index < Math.min(rows.length, HEADER_SEARCH_ROWS); index++) {
    for (const kind of kinds) {
      let found = matchHeaders(kind, rows[index]!.cells);
      if (!complete(kind, found)) continue;
      let headerIndex = index;
      const next = rows[index + 1];
      if (next && next.row === rows[index]!.row + 1) {
        const below = matchHeaders(kind, next.cells);
        if (complete(kind, below) && below.size >= found.size) {
          found = below;
          headerIndex = index + 1;
        }
      }
      return { kind, headerRow: rows[headerIndex]!.row, columns: found };
    }
  }
  return undefined;
}

type LineResult<T> = { line: T } | { problem: RowProblem };

/** Reads the sheets: every row after its headers, empty rows skipped. A sheet past MAX_SHEET_ROWS refuses the file. */
export function parseRosterWorkbook(
  book: RawWorkbook,
): { ok: true; value: ParsedRoster } | { ok: false; error: FileProblem } {
  let units: UnitLine[] | undefined;
  let people: PersonLine[] | undefined;
  let commendations: CommendationLine[] | undefined;
  const errors: RowError[] = [];
  const ignoredSheets: string[] = [];
  for (const sheet of book.sheets) {
    const layout = layoutOf(sheet.name, sheet.rows);
    if (!layout) {
      if (sheet.rows.length > 0) ignoredSheets.push(sheet.name);
      continue;
    }
    const data = sheet.rows.filter((row) => row.row > layout.headerRow);
    if (data.length > MAX_SHEET_ROWS) {
      return {
        ok: false,
        error: { kind: 'import.tooManyRows', sheet: sheet.name, rows: data.length, max: MAX_SHEET_ROWS },
      };
    }
    const cellOf = (row: RawRow, field: FieldName): RawCell => {
      const column = layout.columns.get(field);
      return column === undefined ? null : (row.cells[column] ?? null);
    };
    const has = (field: FieldName) => layout.columns.has(field);
    const read = <T>(
      target: T[],
      parse: (
        cell: (field: FieldName) => RawCell,
        has: (field: FieldName) => boolean,
      ) => LineResult<Omit<T, 'sheet' | 'row'>>,
    ) => {
      for (const row of data) {
        const result = parse((field) => cellOf(row, field), has);
        if ('problem' in result) errors.push({ sheet: sheet.name, row: row.row, problem: result.problem });
        else target.push({ sheet: sheet.name, row: row.row, ...result.line } as T);
      }
    };
    if (layout.kind === 'units') {
      units ??= [];
      read(units, parseUnitRow);
    } else if (layout.kind === 'people') {
      people ??= [];
      read(people, parsePersonRow(book.date1904));
    } else {
      commendations ??= [];
      read(commendations, parseCommendationRow(book.date1904));
    }
  }
  if (!units && !people && !commendations) return { ok: false, error: { kind: 'import.noSheets' } };
  const parsed = { units, people, commendations, errors, ignoredSheets };
  return { ok: true, value: withoutDuplicates(parsed) };
}

/** A text cell that must fit `max` characters; null when empty. */
function bounded(field: FieldName, cell: RawCell, max: number): { value: string | null } | { problem: RowProblem } {
  const text = textOf(cell);
  if (text === '') return { value: null };
  if ([...text].length > max) return { problem: { kind: 'import.row.tooLong', field, max } };
  return { value: text };
}

function unitCodeOf(cell: RawCell): { value: string | null } | { problem: RowProblem } {
  const text = textOf(cell);
  if (text === '') return { value: null };
  return UNIT_CODE.test(text)
    ? { value: text.toUpperCase() }
    : { problem: { kind: 'import.row.badUnitCode', value: text } };
}

/** Runs the field readers in order; the first problem is the row's. */
function fields<T extends Record<string, unknown>>(
  readers: { [K in keyof T]: () => { value: T[K] } | { problem: RowProblem } },
): LineResult<T> {
  const line: Record<string, unknown> = {};
  for (const [key, reader] of Object.entries(readers)) {
    const result = reader();
    if ('problem' in result) return { problem: result.problem };
    line[key] = result.value;
  }
  return { line: line as T };
}

const required = <V>(field: FieldName, result: { value: V | null } | { problem: RowProblem }) =>
  'problem' in result || result.value !== null
    ? (result as { value: V } | { problem: RowProblem })
    : { problem: { kind: 'import.row.missing', field } as RowProblem };

function parseUnitRow(cell: (field: FieldName) => RawCell): LineResult<Omit<UnitLine, 'sheet' | 'row'>> {
  return fields<Omit<UnitLine, 'sheet' | 'row'>>({
    code: () => required('code', unitCodeOf(cell('code'))),
    name: () => required('name', bounded('name', cell('name'), MAX_CHARS.name)),
    parentCode: () => unitCodeOf(cell('parentCode')),
  });
}

const parsePersonRow =
  (date1904: boolean) =>
  (
    cell: (field: FieldName) => RawCell,
    has: (field: FieldName) => boolean,
  ): LineResult<Omit<PersonLine, 'sheet' | 'row'>> => {
    const name = required<string>('fullName', bounded('fullName', cell('fullName'), MAX_CHARS.fullName));
    const parsed = fields<Omit<PersonLine, 'sheet' | 'row'>>({
      fullName: () => name,
      nameKey: () => ('value' in name ? { value: foldText(name.value) } : name),
      rank: () => {
        const rank = bounded('rank', cell('rank'), MAX_CHARS.rank);
        return 'value' in rank && rank.value !== null ? { value: canonicalRank(rank.value) } : rank;
      },
      position: () => bounded('position', cell('position'), MAX_CHARS.position),
      unitCode: () => required('unitCode', unitCodeOf(cell('unitCode'))),
      serviceNumber: () => {
        const number = bounded('serviceNumber', cell('serviceNumber'), MAX_CHARS.serviceNumber);
        return 'value' in number && number.value !== null ? { value: serviceNumberKey(number.value) } : number;
      },
      telegram: () => {
        const raw = cell('telegram');
        if (textOf(raw) === '') return { value: null };
        const ref = telegramOf(raw);
        return ref ? { value: ref } : { problem: { kind: 'import.row.badTelegram', value: textOf(raw) } };
      },
      role: () => {
        const text = textOf(cell('role'));
        if (text === '') return { value: null };
        const role = ROLE_WORDS.get(headerKey(text));
        return role ? { value: role } : { problem: { kind: 'import.row.badRole', value: text } };
      },
      leftOn: () => dayField('leftOn', cell('leftOn'), date1904),
    });
    if (!('line' in parsed)) return parsed;
    const { rank, position, leftOn, ...line } = parsed.line;
    return {
      line: {
        ...line,
        ...(has('rank') && { rank }),
        ...(has('position') && { position }),
        ...(has('leftOn') && { leftOn }),
      },
    };
  };

function dayField(
  field: FieldName,
  raw: RawCell,
  date1904: boolean,
): { value: IsoDay | null } | { problem: RowProblem } {
  if (textOf(raw) === '') return { value: null };
  const day = dayOf(raw, date1904);
  return day ? { value: day } : { problem: { kind: 'import.row.badDate', field, value: textOf(raw) } };
}

const parseCommendationRow =
  (date1904: boolean) =>
  (cell: (field: FieldName) => RawCell): LineResult<Omit<CommendationLine, 'sheet' | 'row'>> => {
    const title = required<string>('title', bounded('title', cell('title'), MAX_CHARS.title));
    const decision = bounded('decisionNumber', cell('decisionNumber'), MAX_CHARS.decisionNumber);
    const name = bounded('fullName', cell('fullName'), MAX_CHARS.fullName);
    const parsed = fields<Omit<CommendationLine, 'sheet' | 'row'>>({
      serviceNumber: () => {
        const number = bounded('serviceNumber', cell('serviceNumber'), MAX_CHARS.serviceNumber);
        return 'value' in number && number.value !== null ? { value: serviceNumberKey(number.value) } : number;
      },
      fullName: () => name,
      nameKey: () => ('value' in name ? { value: name.value === null ? null : foldText(name.value) } : name),
      unitCode: () => unitCodeOf(cell('unitCode')),
      year: () => {
        const text = textOf(cell('year'));
        if (text === '') return { problem: { kind: 'import.row.missing', field: 'year' } };
        const year = Number(text);
        return /^\d{4}$/.test(text) && year >= 1945 && year <= 2100
          ? { value: year }
          : { problem: { kind: 'import.row.badYear', value: text } };
      },
      title: () => title,
      titleKey: () => ('value' in title ? { value: foldText(title.value) } : title),
      decisionNumber: () => decision,
      decisionKey: () => ('value' in decision ? { value: foldText(decision.value ?? '') } : decision),
      decisionDate: () => dayField('decisionDate', cell('decisionDate'), date1904),
      issuingLevel: () => bounded('issuingLevel', cell('issuingLevel'), MAX_CHARS.issuingLevel),
    });
    if (
      'line' in parsed &&
      parsed.line.serviceNumber === null &&
      (parsed.line.nameKey === null || !parsed.line.unitCode)
    )
      return { problem: { kind: 'import.row.needPerson' } };
    return parsed;
  };

/**
 * The file's own duplicates, refused on their later row: a unit code, a service number, an account, a person
 * without a service number named twice in one unit, a commendation listed twice.
 */
function withoutDuplicates(parsed: ParsedRoster): ParsedRoster {
  const errors = [...parsed.errors];
  const keep = <T extends { sheet: string; row: number }>(
    lines: readonly T[] | undefined,
    checks: ((line: T) => { key: string; problem: (firstRow: number) => RowProblem } | undefined)[],
  ): T[] | undefined => {
    if (!lines) return undefined;
    const seen = checks.map(() => new Map<string, number>());
    return lines.filter((line) => {
      for (const [index, check] of checks.entries()) {
        const found = check(line);
        if (!found) continue;
        const firstRow = seen[index]!.get(found.key);
        if (firstRow !== undefined) {
          errors.push({ sheet: line.sheet, row: line.row, problem: found.problem(firstRow) });
          return false;
        }
      }
      for (const [index, check] of checks.entries()) {
        const found = check(line);
        if (found) seen[index]!.set(found.key, line.row);
      }
      return true;
    });
  };
  const units = keep(parsed.units, [
    (line) => ({
      key: line.code,
      problem: (firstRow) => ({ kind: 'import.row.duplicateUnit', code: line.code, firstRow }),
    }),
  ]);
  const people = keep(parsed.people, [
    (line) =>
      line.serviceNumber === null
        ? undefined
        : {
            key: line.serviceNumber,
            problem: (firstRow) => ({
              kind: 'import.row.duplicateServiceNumber',
              serviceNumber: line.serviceNumber!,
              firstRow,
            }),
          },
    (line) =>
      line.telegram === null
        ? undefined
        : {
            key: accountText(line.telegram),
            problem: (firstRow) => ({
              kind: 'import.row.duplicateAccount',
              account: accountText(line.telegram!),
              firstRow,
            }),
          },
    (line) =>
      line.serviceNumber === null
        ? {
            key: `${line.unitCode}\n${line.nameKey}`,
            problem: (firstRow) => ({ kind: 'import.row.duplicatePerson', firstRow }),
          }
        : undefined,
  ]);
  const commendations = keep(parsed.commendations, [
    (line) => ({
      key: [
        line.serviceNumber ?? '',
        line.nameKey ?? '',
        line.unitCode ?? '',
        line.year,
        line.titleKey,
        line.decisionKey,
      ].join('\n'),
      problem: (firstRow) => ({ kind: 'import.row.duplicateCommendation', firstRow }),
    }),
  ]);
  errors.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
  return { ...parsed, units, people, commendations, errors };
}

/** An account as the sheet writes it: the numeric id, or @username. */
export const accountText = (ref: TelegramRef): string => ('userId' in ref ? String(ref.userId) : `@${ref.username}`);
