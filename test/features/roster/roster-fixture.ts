import ExcelJS from 'exceljs';
import { loadConfig } from '../../../src/config';
import { createDirectory } from '../../../src/directory/directory';
import { applyImport, dryRunImport } from '../../../src/features/roster/import-roster';
import type { UseCaseScope } from '../../../src/features/use-case';
import type { Db } from '../../../src/storage/schema';

export const ADMIN = 9001;
export const T0 = new Date('2026-11-24T02:00:00Z');

/** A use-case scope over the store: ADMIN_IDS holds ADMIN, the clock stands at `now`. */
export function scopeOver(db: Db, now = T0): UseCaseScope {
  const loaded = loadConfig({ ADMIN_IDS: String(ADMIN) });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  return { db, directory: createDirectory(db, { adminIds: [ADMIN] }), config: loaded.config, now };
}

/** A cell as exceljs takes it: a value, a formula with its cached result, or a date. */
export type SheetCell = string | number | null | Date | { formula: string; result: string | number };

/** Builds an XLSX with exceljs (real merged cells, formulas and dates); `build` may add merges and formats. */
export async function workbookBytes(
  sheets: Record<string, readonly (readonly SheetCell[])[]>,
  build?: (book: ExcelJS.Workbook) => void,
): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    rows.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value !== null) sheet.getCell(r + 1, c + 1).value = value as ExcelJS.CellValue;
      });
    });
  }
  build?.(book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

export const UNIT_HEADERS = ['Mã', 'Tên', 'Mã cấp trên'];
export const PEOPLE_HEADERS = ['Họ tên', 'Cấp bậc', 'Chức vụ', 'Mã đơn vị', 'Số hiệu', 'Telegram', 'Vai trò'];
export const COMMENDATION_HEADERS = [
  'Số hiệu',
  'Họ tên',
  'Mã đơn vị',
  'Năm',
  'Danh hiệu hoặc hình thức',
  'Số quyết định',
  'Ngày',
  'Cấp quyết định',
];

/** Records a member as the bot remembers one it has seen. */
export async function seeMember(db: Db, userId: number, username: string | null, name = 'Member'): Promise<void> {
  const at = T0.toISOString();
  await db
    .insertInto('members')
    .values({
      user_id: userId,
      first_name: name,
      last_name: null,
      username,
      unit_id: null,
      first_seen_at: at,
      last_seen_at: at,
    })
    .execute();
}

/** Every roster table's rows (ids and times left out where they would differ), to compare before and after. */
export async function rosterState(db: Db) {
  const units = await db.selectFrom('units').select(['code', 'name', 'parent_id']).orderBy('code').execute();
  const people = await db
    .selectFrom('people')
    .select([
      'id',
      'full_name',
      'rank',
      'position',
      'unit_id',
      'service_number',
      'role',
      'user_id',
      'pending_user_id',
      'pending_username',
      'left_on',
      'updated_at',
    ])
    .orderBy('id')
    .execute();
  const history = await db.selectFrom('person_units').selectAll().orderBy('id').execute();
  const commendations = await db.selectFrom('past_commendations').selectAll().orderBy('id').execute();
  const roles = await db.selectFrom('roles').select(['user_id', 'role', 'unit_id']).orderBy('id').execute();
  const links = await db.selectFrom('person_link_events').selectAll().orderBy('id').execute();
  return { units, people, history, commendations, roles, links };
}

/** A province and two departments under it: the units sheet most tests start from. */
export const THREE_UNITS: readonly (readonly SheetCell[])[] = [
  UNIT_HEADERS,
  ['CAT', 'Công an tỉnh', null],
  ['PC06', 'Phòng PC06', 'CAT'],
  ['PC08', 'Phòng PC08', 'CAT'],
];

/** Imports a workbook as the admin (dry run, then apply); ids of units by code and of people by service number and folded name. */
export async function importSheets(
  db: Db,
  sheets: Record<string, readonly (readonly SheetCell[])[]>,
): Promise<Map<string, number>> {
  const bytes = await workbookBytes(sheets);
  const run = await dryRunImport(scopeOver(db), { userId: ADMIN }, { fileName: 'roster.xlsx', bytes });
  if (!run.ok) throw new Error(run.error.kind);
  const applied = await applyImport(
    scopeOver(db),
    { userId: ADMIN },
    { importId: run.value.importId, markMissingLeft: false },
  );
  if (!applied.ok) throw new Error(applied.error.kind);
  const ids = new Map<string, number>();
  for (const unit of await db.selectFrom('units').select(['id', 'code']).execute()) ids.set(unit.code, unit.id);
  for (const person of await db.selectFrom('people').select(['id', 'service_number', 'name_key']).execute()) {
    ids.set(person.name_key, person.id);
    if (person.service_number) ids.set(person.service_number, person.id);
  }
  return ids;
}

/** Makes the account a commander of the unit, as /role does. */
export async function makeCommander(db: Db, userId: number, unitId: number): Promise<void> {
  await db
    .insertInto('roles')
    .values({ user_id: userId, role: 'commander', unit_id: unitId, granted_by: ADMIN, granted_at: T0.toISOString() })
    .execute();
}
