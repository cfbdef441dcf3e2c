/**
 * The roster as a workbook: the import template (headers and example rows) and the export, with the very columns
 * the import reads, so an export imported again changes nothing. Written by the project's streaming XLSX writer.
 */

import type { ExportCell, ExportColumn, WorkbookSink } from '../../files/sheet-sink';
import { createXlsxWriter } from '../../files/xlsx-writer';
import { err, ok, type Result } from '../../kernel/result';
import type { Db } from '../../storage/schema';
import type { Caller, UseCaseScope } from '../use-case';
import { toStoredPerson } from './roster-store';

// The headers are Vietnamese whatever the chat's language, like /export's: the office keeps its files in them,
// and the import reads them back (import-sheets.ts matches them without case or diacritics).
export const ROSTER_SHEETS = { units: 'Đơn vị', people: 'Cán bộ', commendations: 'Khen thưởng' } as const;

const UNIT_COLUMNS: readonly ExportColumn[] = [
  { header: 'Mã', width: 12, kind: 'text' },
  { header: 'Tên', width: 48, kind: 'text' },
  { header: 'Mã cấp trên', width: 14, kind: 'text' },
];

const PEOPLE_COLUMNS: readonly ExportColumn[] = [
  { header: 'Họ tên', width: 26, kind: 'text' },
  { header: 'Cấp bậc', width: 12, kind: 'text' },
  { header: 'Chức vụ', width: 26, kind: 'text' },
  { header: 'Mã đơn vị', width: 12, kind: 'text' },
  { header: 'Số hiệu', width: 12, kind: 'text' },
  { header: 'Telegram', width: 16, kind: 'text' },
  { header: 'Vai trò', width: 10, kind: 'text' },
  { header: 'Nghỉ từ ngày', width: 14, kind: 'date' },
];

const COMMENDATION_COLUMNS: readonly ExportColumn[] = [
  { header: 'Số hiệu', width: 12, kind: 'text' },
  { header: 'Họ tên', width: 26, kind: 'text' },
  { header: 'Mã đơn vị', width: 12, kind: 'text' },
  { header: 'Năm', width: 8, kind: 'number' },
  { header: 'Danh hiệu hoặc hình thức', width: 40, kind: 'text' },
  { header: 'Số quyết định', width: 16, kind: 'text' },
  { header: 'Ngày', width: 12, kind: 'date' },
  { header: 'Cấp quyết định', width: 28, kind: 'text' },
];

const ROLE_WORDS = { commander: 'Chỉ huy', officer: 'Cán bộ' } as const;

/** A roster written out: units, people and past commendations, as the sheets hold them. */
export interface RosterWorkbook {
  readonly units: readonly { readonly code: string; readonly name: string; readonly parentCode: string | null }[];
  readonly people: readonly {
    readonly fullName: string;
    readonly rank: string | null;
    readonly position: string | null;
    readonly unitCode: string;
    readonly serviceNumber: string | null;
    /** A numeric id or "@username". */
    readonly telegram: string | null;
    readonly role: 'commander' | 'officer';
    readonly leftOn: string | null;
  }[];
  readonly commendations: readonly {
    readonly serviceNumber: string | null;
    readonly fullName: string;
    readonly unitCode: string;
    readonly year: number;
    readonly title: string;
    readonly decisionNumber: string | null;
    readonly decisionDate: string | null;
    readonly issuingLevel: string | null;
  }[];
}

/** Rows between two flushes of the writer (as /export does). */
const FLUSH_ROWS = 500;

async function rowsInto(
  sink: WorkbookSink,
  name: string,
  columns: readonly ExportColumn[],
  rows: readonly (readonly ExportCell[])[],
) {
  await sink.sheet(name, columns, async (sheet) => {
    for (const [index, row] of rows.entries()) {
      sheet.row(row);
      if (index % FLUSH_ROWS === FLUSH_ROWS - 1) await sheet.flush?.();
    }
  });
}

const day = (value: string | null): ExportCell => (value === null ? null : { day: value });

/** Writes the three sheets. */
export async function writeRosterWorkbook(sink: WorkbookSink, roster: RosterWorkbook): Promise<void> {
  await rowsInto(
    sink,
    ROSTER_SHEETS.units,
    UNIT_COLUMNS,
    roster.units.map((unit) => [unit.code, unit.name, unit.parentCode]),
  );
  await rowsInto(
    sink,
    ROSTER_SHEETS.people,
    PEOPLE_COLUMNS,
    roster.people.map((person) => [
      person.fullName,
      person.rank,
      person.position,
      person.unitCode,
      person.serviceNumber,
      person.telegram,
      ROLE_WORDS[person.role],
      day(person.leftOn),
    ]),
  );
  await rowsInto(
    sink,
    ROSTER_SHEETS.commendations,
    COMMENDATION_COLUMNS,
    roster.commendations.map((row) => [
      row.serviceNumber,
      row.fullName,
      row.unitCode,
      row.year,
      row.title,
      row.decisionNumber,
      day(row.decisionDate),
      row.issuingLevel,
    ]),
  );
}

/** The template's example rows: a province, a department under it, two officers and a past title. */
export const TEMPLATE_EXAMPLE: RosterWorkbook = {
  units: [
    { code: 'CAT', name: 'Công an tỉnh Lạng Sơn', parentCode: null },
    { code: 'PC06', name: 'Phòng Cảnh sát Quản lý hành chính về trật tự xã hội', parentCode: 'CAT' },
  ],
  people: [
    {
      fullName: 'Hà Văn Dưỡng',
      rank: 'Trung tá',
      position: 'Trưởng phòng',
      unitCode: 'PC06',
      serviceNumber: '012345',
      telegram: '@duong_pc06',
      role: 'commander',
      leftOn: null,
    },
    {
      fullName: 'Hà Văn Hưng',
      rank: 'Thiếu úy',
      position: 'Cán bộ',
      unitCode: 'PC06',
      serviceNumber: '067890',
      telegram: null,
      role: 'officer',
      leftOn: null,
    },
  ],
  commendations: [
    {
      serviceNumber: '067890',
      fullName: 'Hà Văn Hưng',
      unitCode: 'PC06',
      year: 2025,
      title: 'Chiến sĩ tiên tiến',
      decisionNumber: '1234/QĐ-CAT',
      decisionDate: '2025-12-15',
      issuingLevel: 'Giám đốc Công an tỉnh',
    },
  ],
};

/** Writes the import template: the three sheets' headers with example rows. */
export async function writeImportTemplate(filename: string): Promise<void> {
  const writer = createXlsxWriter(filename);
  await writeRosterWorkbook(writer, TEMPLATE_EXAMPLE);
  await writer.finish();
}

/** The roster of the units given (every person, active or left), as the sheets hold it. */
export async function loadRosterWorkbook(db: Db, unitIds: readonly number[]): Promise<RosterWorkbook> {
  const units = await db.selectFrom('units').select(['id', 'code', 'name', 'parent_id']).orderBy('id').execute();
  const codeOf = new Map(units.map((unit) => [unit.id, unit.code]));
  const wanted = new Set(unitIds);
  const people = (await db.selectFrom('people').selectAll().orderBy('id').execute())
    .map(toStoredPerson)
    .filter((person) => wanted.has(person.unitId));
  const byId = new Map(people.map((person) => [person.id, person]));
  const commendations = (await db.selectFrom('past_commendations').selectAll().orderBy('id').execute()).filter((row) =>
    byId.has(row.person_id),
  );
  return {
    units: units
      .filter((unit) => wanted.has(unit.id))
      .map((unit) => ({
        code: unit.code,
        name: unit.name,
        parentCode: unit.parent_id === null ? null : (codeOf.get(unit.parent_id) ?? null),
      })),
    people: people.map((person) => ({
      fullName: person.fullName,
      rank: person.rank,
      position: person.position,
      unitCode: codeOf.get(person.unitId)!,
      serviceNumber: person.serviceNumber,
      telegram:
        person.userId !== null
          ? String(person.userId)
          : person.pendingUserId !== null
            ? String(person.pendingUserId)
            : person.pendingUsername !== null
              ? `@${person.pendingUsername}`
              : null,
      role: person.role,
      leftOn: person.leftOn,
    })),
    commendations: commendations.map((row) => {
      const person = byId.get(row.person_id)!;
      return {
        serviceNumber: person.serviceNumber,
        fullName: person.fullName,
        unitCode: codeOf.get(person.unitId)!,
        year: Number(row.year),
        title: row.title,
        decisionNumber: row.decision_number,
        decisionDate: row.decision_date,
        issuingLevel: row.issuing_level,
      };
    }),
  };
}

/**
 * The roster of a unit's subtree as the sheets hold it: admins (any unit, or every unit without one) and
 * commanders of the unit or above it (their subtrees without one); anyone else is refused (personal data).
 */
export async function rosterWorkbookFor(
  scope: UseCaseScope,
  caller: Caller,
  input: { readonly unitId?: number },
): Promise<Result<RosterWorkbook, { readonly kind: 'roster.notAllowed' }>> {
  const authority = await scope.directory.authority(caller.userId);
  const tree = await scope.directory.units();
  let unitIds: number[];
  if (input.unitId !== undefined) {
    if (!(await scope.directory.commands(caller.userId, input.unitId))) return err({ kind: 'roster.notAllowed' });
    unitIds = tree.subtreeIds(input.unitId);
  } else if (authority.admin) unitIds = tree.all.map((unit) => unit.id);
  else if (authority.commanderOf.length > 0)
    unitIds = [...new Set(authority.commanderOf.flatMap((id) => tree.subtreeIds(id)))];
  else return err({ kind: 'roster.notAllowed' });
  return ok(await loadRosterWorkbook(scope.db, unitIds));
}

/** Writes the roster of a unit's subtree to an XLSX file, for those rosterWorkbookFor lets see it. */
export async function exportRoster(
  scope: UseCaseScope,
  caller: Caller,
  input: { readonly filename: string; readonly unitId?: number },
): Promise<Result<{ readonly people: number; readonly units: number }, { readonly kind: 'roster.notAllowed' }>> {
  const loaded = await rosterWorkbookFor(scope, caller, input.unitId === undefined ? {} : { unitId: input.unitId });
  if (!loaded.ok) return loaded;
  const roster = loaded.value;
  const writer = createXlsxWriter(input.filename);
  await writeRosterWorkbook(writer, roster);
  await writer.finish();
  return ok({ people: roster.people.length, units: roster.units.length });
}
