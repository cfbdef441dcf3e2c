import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planRosterImport, type RosterSnapshot } from '../../../src/features/roster/import-plan';
import { dayOf, headerKey, parseRosterWorkbook, telegramOf } from '../../../src/features/roster/import-sheets';
import { canonicalRank, officialName } from '../../../src/features/roster/official-name';
import { dryRunText } from '../../../src/features/roster/roster-text';
import { parseCsv, type RawRow } from '../../../src/files/workbook-reader';

const rows = (...cells: (string | number | null)[][]): RawRow[] =>
  cells.map((row, index) => ({ row: index + 1, cells: row }));
const EMPTY: RosterSnapshot = {
  units: [],
  people: [],
  commanders: [],
  commendations: [],
  seenUserIds: new Set(),
  seenUsernames: new Map(),
};

describe('the roster sheets', () => {
  it.each([
    ['Họ tên', 'ho ten'],
    ['HỌ VÀ TÊN (*)', 'ho va ten'],
    ['Họ tên'.normalize('NFD'), 'ho ten'],
    ['Danh hiệu / hình thức', 'danh hieu hinh thuc'],
    ['  Số hiệu:  ', 'so hieu'],
    ['Mã đơn vị [bắt buộc]', 'ma don vi'],
  ])('matches the header %j as %j', (header, key) => {
    expect(headerKey(header)).toBe(key);
  });

  it.each([
    [46_006, false, '2025-12-15'],
    [44_544, true, '2025-12-15'],
    ['15/12/2025', false, '2025-12-15'],
    ['5/6/2026', false, '2026-06-05'],
    ['15.12.2025', false, '2025-12-15'],
    ['2025-12-15', false, '2025-12-15'],
    ['31/02/2025', false, undefined],
    ['12/2025', false, undefined],
    ['hôm qua', false, undefined],
  ])('reads the day %j (1904: %j) as %j', (cell, date1904, day) => {
    expect(dayOf(cell, date1904)).toBe(day);
  });

  it.each([
    [123456789, { userId: 123456789 }],
    ['123456789', { userId: 123456789 }],
    ['@Hung_PC06', { username: 'hung_pc06' }],
    ['https://t.me/hung_pc06', { username: 'hung_pc06' }],
    ['hung_pc06', { username: 'hung_pc06' }],
    ['@ab', undefined],
    ['Hà Văn Hưng', undefined],
    [-5, undefined],
  ])('reads the account %j as %j', (cell, ref) => {
    expect(telegramOf(cell)).toEqual(ref);
  });

  it.each([
    ['thieu uy', 'Thiếu úy'],
    ['THIẾU UÝ', 'Thiếu úy'],
    ['Đại  tá', 'Đại tá'],
    ['Chuyên viên', 'Chuyên viên'],
  ])('spells the rank %j as %j', (typed, rank) => {
    expect(canonicalRank(typed)).toBe(rank);
  });

  it('names a person with the rank first, and the name alone without one', () => {
    expect(officialName({ fullName: 'Hà Văn Hưng', rank: 'Thiếu úy' })).toBe('Thiếu úy Hà Văn Hưng');
    expect(officialName({ fullName: 'Hà Văn Hưng', rank: null })).toBe('Hà Văn Hưng');
  });

  it('parses CSV with quotes, doubled quotes, line breaks in quotes and blank lines, numbering rows by line', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n\n"two\nlines",z\n')).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['x, y', 'say "hi"'] },
      { row: 4, cells: ['two\nlines', 'z'] },
    ]);
    expect(parseCsv('a\tb\n1\t2').map((row) => row.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('finds headers under a title, tells sheets by their headers, and leaves absent columns alone', () => {
    const parsed = parseRosterWorkbook({
      date1904: false,
      sheets: [
        {
          name: 'Sheet1',
          rows: rows(
            ['DANH SÁCH'],
            ['Họ và tên', 'Đơn vị', 'Mã đơn vị', 'Số hiệu'],
            ['Hà Văn Hưng', 'Phòng PC06', 'pc06', 456],
          ),
        },
        { name: 'Ghi chú', rows: rows(['Lập ngày 1/1/2026']) },
      ],
    });
    if (!parsed.ok) throw new Error(parsed.error.kind);
    expect(parsed.value.people).toEqual([
      {
        sheet: 'Sheet1',
        row: 3,
        fullName: 'Hà Văn Hưng',
        nameKey: 'ha van hung',
        unitCode: 'PC06',
        serviceNumber: '456',
        telegram: null,
        role: null,
      },
    ]);
    expect(parsed.value.units).toBeUndefined();
    expect(parsed.value.ignoredSheets).toEqual(['Ghi chú']);
  });

  it('says why each bad row is skipped, with its row number', () => {
    const parsed = parseRosterWorkbook({
      date1904: false,
      sheets: [
        {
          name: 'Cán bộ',
          rows: rows(
            ['Họ tên', 'Mã đơn vị', 'Telegram', 'Vai trò', 'Nghỉ từ ngày'],
            [null, 'PC06', null, null, null],
            ['Hà Văn Hưng', 'PC 06', null, null, null],
            ['Hà Văn Hưng', 'PC06', '@x', null, null],
            ['Hà Văn Hưng', 'PC06', null, 'trưởng', null],
            ['Hà Văn Hưng', 'PC06', null, null, '30/02/2026'],
            ['Hà Văn Hưng', 'PC06', null, 'chỉ huy', null],
            ['Hà Văn Hưng', 'PC06', null, null, null],
          ),
        },
      ],
    });
    if (!parsed.ok) throw new Error(parsed.error.kind);
    expect(parsed.value.errors.map((error) => [error.row, error.problem])).toEqual([
      [2, { kind: 'import.row.missing', field: 'fullName' }],
      [3, { kind: 'import.row.badUnitCode', value: 'PC 06' }],
      [4, { kind: 'import.row.badTelegram', value: '@x' }],
      [5, { kind: 'import.row.badRole', value: 'trưởng' }],
      [6, { kind: 'import.row.badDate', field: 'leftOn', value: '30/02/2026' }],
      [8, { kind: 'import.row.duplicatePerson', firstRow: 7 }],
    ]);
    const plan = planRosterImport(parsed.value, EMPTY);
    expect(plan.errors.find((error) => error.row === 7)).toEqual({
      sheet: 'Cán bộ',
      row: 7,
      problem: { kind: 'import.row.unknownUnit', code: 'PC06' },
    });
    const text = dryRunText(
      'vi',
      { importId: 1, fileName: 'f.xlsx', expiresAt: '', plan, summary: { ...emptySummary, errors: 7 }, changes: false },
      30,
    );
    expect(text).toContain('• Cán bộ, dòng 2: thiếu họ tên');
    expect(text).toContain('• Cán bộ, dòng 6: nghỉ từ ngày «30/02/2026» không phải ngày (viết dd/mm/yyyy)');
    expect(text).toContain('• Cán bộ, dòng 7: không có đơn vị mã PC06 (trong bot hay trong tệp)');
    expect(
      dryRunText(
        'en',
        { importId: 1, fileName: 'f.xlsx', expiresAt: '', plan, summary: emptySummary, changes: false },
        30,
      ),
    ).toContain('• Cán bộ, row 8: same name and unit as row 7');
  });

  it('refuses a file without a sheet it knows', () => {
    expect(
      parseRosterWorkbook({ date1904: false, sheets: [{ name: 'x', rows: rows(['a', 'b'], ['1', '2']) }] }),
    ).toEqual({
      ok: false,
      error: { kind: 'import.noSheets' },
    });
  });

  it('never throws, whatever the cells', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom('Họ tên', 'Mã đơn vị', 'Mã', 'Tên', 'Năm', 'Danh hiệu'),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 12 }), fc.boolean(), (grid, date1904) => {
        const parsed = parseRosterWorkbook({
          date1904,
          sheets: [{ name: 'Cán bộ', rows: rows(...(grid as (string | number | null)[][])) }],
        });
        if (parsed.ok) planRosterImport(parsed.value, EMPTY);
      }),
    );
    fc.assert(fc.property(fc.string(), (text) => void parseCsv(text)));
  });
});

const emptySummary = {
  unitsCreated: 0,
  unitsRenamed: 0,
  unitsMoved: 0,
  peopleCreated: 0,
  peopleChanged: 0,
  peopleTransferred: 0,
  peopleLeft: 0,
  peopleReturned: 0,
  peopleMissing: 0,
  linked: 0,
  rolesGranted: 0,
  rolesRevoked: 0,
  historyRows: 0,
  commendationsCreated: 0,
  commendationsChanged: 0,
  errors: 0,
};
