import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyImport, cancelImport, dryRunImport } from '../../../src/features/roster/import-roster';
import { exportRoster, loadRosterWorkbook } from '../../../src/features/roster/roster-export';
import { DIALECTS, openTestStore, type TestStore } from '../../helpers/dialects';
import {
  ADMIN,
  COMMENDATION_HEADERS,
  PEOPLE_HEADERS,
  rosterState,
  scopeOver,
  seeMember,
  T0,
  THREE_UNITS,
  UNIT_HEADERS,
  workbookBytes,
} from './roster-fixture';

const nfd = (text: string) => text.normalize('NFD');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

/** The office's workbook as offices make them: a merged title, two-row merged headers, a unit code merged down. */
async function officeWorkbook(): Promise<Uint8Array> {
  return workbookBytes(
    {
      'Đơn vị': [
        UNIT_HEADERS,
        ['PC06', 'Phòng Cảnh sát QLHC về TTXH', 'CAT'],
        ['CAT', 'Công an tỉnh Lạng Sơn', null],
        ['DKX', 'Đội Đăng ký xe', 'PC08'],
        ['PC08', 'Phòng Cảnh sát Giao thông', 'CAT'],
      ],
      'Cán bộ': [
        ['DANH SÁCH CÁN BỘ CÔNG AN TỈNH'],
        [],
        ['Họ tên', 'Cấp bậc, chức vụ', null, 'Mã đơn vị', 'Số hiệu', 'Telegram', nfd('Vai trò'), nfd('Nghỉ từ ngày')],
        [null, 'Cấp bậc', 'Chức vụ'],
        [nfd('Hà Văn Dưỡng'), 'Trung tá', 'Trưởng phòng', 'PC08', '000123', '@duong_pc08', 'Chỉ huy', null],
        [
          { formula: 'CONCATENATE("Hà Văn"," Hưng")', result: 'Hà Văn Hưng' },
          'thieu uy',
          'Cán bộ',
          null,
          '000456',
          777,
          'cán bộ',
          null,
        ],
        [],
        ['Nguyễn Thị Lan', 'Đại úy', 'Phó trưởng phòng', 'PC06', '000789', null, null, '15/06/2026'],
        ['Trần Văn Bình', 'Thượng úy', null, 'PC06', '000123', null, null, null],
        ['Lê Văn Cường', 'Trung úy', null, 'PC06', '000999', null, null, 46_000],
      ],
      'Khen thưởng': [
        COMMENDATION_HEADERS,
        [
          '000456',
          null,
          null,
          2025,
          'Chiến sĩ tiên tiến',
          '12/QĐ-CAT',
          new Date(Date.UTC(2025, 11, 15)),
          'Giám đốc Công an tỉnh',
        ],
        [
          null,
          'Nguyễn Thị Lan',
          'PC06',
          '2024',
          'Chiến sĩ thi đua cơ sở',
          '45/QĐ-CAT',
          '20/12/2024',
          'Giám đốc Công an tỉnh',
        ],
      ],
    },
    (book) => {
      const people = book.getWorksheet('Cán bộ')!;
      people.mergeCells('A1:H1');
      people.mergeCells('A3:A4');
      people.mergeCells('B3:C3');
      for (const column of ['D', 'E', 'F', 'G', 'H']) people.mergeCells(`${column}3:${column}4`);
      people.mergeCells('D5:D6');
      people.getCell('H10').numFmt = 'dd/mm/yyyy';
    },
  );
}

for (const dialect of DIALECTS) {
  describe(`the roster import on ${dialect}`, () => {
    let store: TestStore;
    let dir: string;
    beforeEach(async () => {
      store = await openTestStore(dialect);
      dir = mkdtempSync(join(tmpdir(), 'roster-'));
    });
    afterEach(async () => {
      await store.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    const admin = { userId: ADMIN };
    const dryRun = async (bytes: Uint8Array, fileName = 'roster.xlsx', now = T0) => {
      const result = await dryRunImport(scopeOver(store.db, now), admin, { fileName, bytes });
      if (!result.ok) throw new Error(`dry run refused: ${result.error.kind}`);
      return result.value;
    };
    const apply = async (importId: number, markMissingLeft = false, now = T0) => {
      const result = await applyImport(scopeOver(store.db, now), admin, { importId, markMissingLeft });
      if (!result.ok) throw new Error(`apply refused: ${result.error.kind}`);
      return result.value;
    };

    it('reads merged headers, NFD text, a formula, an empty row, dates as text and serials, a parent further down', async () => {
      await seeMember(store.db, 777, 'hung');
      const run = await dryRun(await officeWorkbook());
      expect(run.plan.errors).toEqual([
        {
          sheet: 'Cán bộ',
          row: 9,
          problem: { kind: 'import.row.duplicateServiceNumber', serviceNumber: '000123', firstRow: 5 },
        },
      ]);
      expect(run.summary).toMatchObject({
        unitsCreated: 4,
        peopleCreated: 4,
        peopleLeft: 0,
        linked: 1,
        historyRows: 4,
        commendationsCreated: 2,
        errors: 1,
      });
      // A dry run stores nothing of the roster.
      expect(await store.db.selectFrom('people').select('id').execute()).toEqual([]);

      await apply(run.importId);
      const units = await store.db.selectFrom('units').select(['id', 'code', 'parent_id']).execute();
      const idOf = (code: string) => units.find((unit) => unit.code === code)!.id;
      expect(units.find((unit) => unit.code === 'PC06')!.parent_id).toBe(idOf('CAT'));
      expect(units.find((unit) => unit.code === 'DKX')!.parent_id).toBe(idOf('PC08'));
      const people = await store.db
        .selectFrom('people')
        .select([
          'full_name',
          'rank',
          'position',
          'unit_id',
          'service_number',
          'role',
          'user_id',
          'pending_username',
          'left_on',
        ])
        .orderBy('id')
        .execute();
      expect(people).toEqual([
        {
          full_name: 'Hà Văn Dưỡng',
          rank: 'Trung tá',
          position: 'Trưởng phòng',
          unit_id: idOf('PC08'),
          service_number: '000123',
          role: 'commander',
          user_id: null,
          pending_username: 'duong_pc08',
          left_on: null,
        },
        {
          full_name: 'Hà Văn Hưng',
          rank: 'Thiếu úy',
          position: 'Cán bộ',
          unit_id: idOf('PC08'),
          service_number: '000456',
          role: 'officer',
          user_id: 777,
          pending_username: null,
          left_on: null,
        },
        {
          full_name: 'Nguyễn Thị Lan',
          rank: 'Đại úy',
          position: 'Phó trưởng phòng',
          unit_id: idOf('PC06'),
          service_number: '000789',
          role: 'officer',
          user_id: null,
          pending_username: null,
          left_on: '2026-06-15',
        },
        {
          full_name: 'Lê Văn Cường',
          rank: 'Trung úy',
          position: null,
          unit_id: idOf('PC06'),
          service_number: '000999',
          role: 'officer',
          user_id: null,
          pending_username: null,
          left_on: '2025-12-09',
        },
      ]);
      expect(people[0]!.full_name).toBe('Hà Văn Dưỡng'.normalize('NFC'));
      const commendations = await store.db
        .selectFrom('past_commendations')
        .select(['year', 'title', 'decision_number', 'decision_date', 'issuing_level'])
        .orderBy('id')
        .execute();
      expect(commendations).toEqual([
        {
          year: 2025,
          title: 'Chiến sĩ tiên tiến',
          decision_number: '12/QĐ-CAT',
          decision_date: '2025-12-15',
          issuing_level: 'Giám đốc Công an tỉnh',
        },
        {
          year: 2024,
          title: 'Chiến sĩ thi đua cơ sở',
          decision_number: '45/QĐ-CAT',
          decision_date: '2024-12-20',
          issuing_level: 'Giám đốc Công an tỉnh',
        },
      ]);
      const links = await store.db
        .selectFrom('person_link_events')
        .select(['user_id', 'event', 'via', 'by_user_id'])
        .execute();
      expect(links).toEqual([{ user_id: 777, event: 'linked', via: 'import', by_user_id: ADMIN }]);
      expect(await store.db.selectFrom('person_units').select('from_day').execute()).toHaveLength(4);
    });

    it('refuses a cycle in parents, with the file alone or with the stored tree, and the units hanging under it', async () => {
      await dryRun(
        await workbookBytes({ 'Đơn vị': [UNIT_HEADERS, ['CAT', 'Công an tỉnh', null], ['PC06', 'Phòng PC06', 'CAT']] }),
      ).then((run) => apply(run.importId));
      const run = await dryRun(
        await workbookBytes({
          'Đơn vị': [
            UNIT_HEADERS,
            ['A', 'Đơn vị A', 'B'],
            ['B', 'Đơn vị B', 'A'],
            ['C', 'Đơn vị C', 'A'],
            ['CAT', 'Công an tỉnh', 'Y'],
            ['Y', 'Đơn vị Y', 'PC06'],
            ['D', 'Đơn vị D', 'PC06'],
          ],
        }),
      );
      expect(run.plan.errors.map((error) => [error.row, error.problem])).toEqual([
        [2, { kind: 'import.row.parentCycle', codes: 'A → B → A' }],
        [3, { kind: 'import.row.parentCycle', codes: 'B → A → B' }],
        [4, { kind: 'import.row.unknownUnit', code: 'A' }],
        [5, { kind: 'import.row.parentCycle', codes: 'CAT → Y → PC06 → CAT' }],
        [6, { kind: 'import.row.parentCycle', codes: 'Y → PC06 → CAT → Y' }],
      ]);
      expect(run.plan.units.created.map((unit) => unit.code)).toEqual(['D']);
      expect(run.plan.units.moved).toEqual([]);
    });

    it('changes nothing when the same file is applied twice', async () => {
      await seeMember(store.db, 777, 'hung');
      const bytes = await officeWorkbook();
      await apply((await dryRun(bytes)).importId);
      const before = await rosterState(store.db);
      const again = await dryRun(bytes, 'roster.xlsx', minutes(5));
      expect(again.changes).toBe(false);
      expect(again.summary).toMatchObject({
        unitsCreated: 0,
        peopleCreated: 0,
        peopleChanged: 0,
        linked: 0,
        peopleMissing: 0,
      });
      await apply(again.importId, true, minutes(5));
      expect(await rosterState(store.db)).toEqual(before);
    });

    it('exports a roster that imports back to itself, here and into an empty store', async () => {
      await seeMember(store.db, 777, 'hung');
      await apply((await dryRun(await officeWorkbook())).importId);
      const file = join(dir, 'export.xlsx');
      const exported = await exportRoster(scopeOver(store.db), admin, { filename: file });
      expect(exported).toEqual({ ok: true, value: { people: 4, units: 4 } });
      const bytes = new Uint8Array(readFileSync(file));
      const before = await rosterState(store.db);
      const back = await dryRun(bytes, 'export.xlsx', minutes(1));
      expect(back.plan.errors).toEqual([]);
      expect(back.changes).toBe(false);
      expect(back.summary.peopleMissing).toBe(0);
      await apply(back.importId, true, minutes(1));
      expect(await rosterState(store.db)).toEqual(before);

      const other = await openTestStore(dialect);
      try {
        const run = await dryRunImport(scopeOver(other.db), admin, { fileName: 'export.xlsx', bytes });
        if (!run.ok) throw new Error(run.error.kind);
        expect(run.value.plan.errors).toEqual([]);
        await applyImport(scopeOver(other.db), admin, { importId: run.value.importId, markMissingLeft: false });
        const ids = async (db: typeof store.db) =>
          (await db.selectFrom('units').select('id').execute()).map((unit) => unit.id);
        expect(await loadRosterWorkbook(other.db, await ids(other.db))).toEqual(
          await loadRosterWorkbook(store.db, await ids(store.db)),
        );
      } finally {
        await other.dispose();
      }
    });

    it('transfers, changes and leaves people on a second file; the missing leave only when asked', async () => {
      const first = await workbookBytes({
        'Đơn vị': THREE_UNITS,
        'Cán bộ': [
          PEOPLE_HEADERS,
          ['Hà Văn Hưng', 'Thiếu úy', null, 'PC06', null, null, null],
          ['Nguyễn Văn An', 'Trung úy', null, 'PC06', '111', null, null],
          ['Lê Thị Hoa', 'Đại úy', null, 'PC06', '222', null, null],
        ],
      });
      await apply((await dryRun(first)).importId);
      const second = await workbookBytes({
        'Cán bộ': [
          PEOPLE_HEADERS,
          // Without a service number he is found by name; in another unit he is moved, not added.
          [nfd('Hà Văn Hưng'), 'Trung úy', null, 'PC08', null, null, null],
          ['Nguyễn Văn An', 'Trung úy', 'Đội trưởng', 'PC06', '111', null, null],
        ],
      });
      const run = await dryRun(second, 'second.xlsx', minutes(10));
      expect(run.summary).toMatchObject({
        peopleCreated: 0,
        peopleChanged: 2,
        peopleTransferred: 1,
        peopleMissing: 1,
        historyRows: 1,
      });
      expect(run.plan.people.missing.map((person) => person.fullName)).toEqual(['Lê Thị Hoa']);
      await apply(run.importId, false, minutes(10));
      expect(
        (
          await store.db
            .selectFrom('people')
            .select('left_on')
            .where('service_number', '=', '222')
            .executeTakeFirstOrThrow()
        ).left_on,
      ).toBeNull();

      const third = await dryRun(second, 'second.xlsx', minutes(20));
      expect(third.summary).toMatchObject({ peopleChanged: 0, peopleTransferred: 0, peopleMissing: 1 });
      await apply(third.importId, true, minutes(20));
      const hoa = await store.db
        .selectFrom('people')
        .select('left_on')
        .where('service_number', '=', '222')
        .executeTakeFirstOrThrow();
      expect(hoa.left_on).toBe('2026-11-24');
      const hung = await store.db
        .selectFrom('people')
        .select(['id', 'rank'])
        .where('name_key', '=', 'ha van hung')
        .executeTakeFirstOrThrow();
      expect(hung.rank).toBe('Trung úy');
      const history = await store.db
        .selectFrom('person_units')
        .innerJoin('units', 'units.id', 'person_units.unit_id')
        .select(['units.code', 'from_day', 'to_day'])
        .where('person_id', '=', hung.id)
        .orderBy('person_units.id')
        .execute();
      expect(history).toEqual([
        { code: 'PC06', from_day: '2026-11-24', to_day: '2026-11-24' },
        { code: 'PC08', from_day: '2026-11-24', to_day: null },
      ]);
    });

    it('reads a CSV sheet told by its headers: semicolons, quotes, a byte-order mark', async () => {
      await apply(
        (await dryRun(await workbookBytes({ 'Đơn vị': [UNIT_HEADERS, ['PC06', 'Phòng PC06', null]] }))).importId,
      );
      const csv =
        '\uFEFFHọ tên;Cấp bậc;Mã đơn vị;Số hiệu\r\n"Hà Văn Hưng";Thiếu úy;PC06;"0123"\r\n\r\n"Lê ""Út"" Văn";Hạ sĩ;PC06;0456\r\n';
      const run = await dryRun(new Uint8Array(Buffer.from(csv, 'utf8')), 'can-bo.csv');
      expect(run.plan.errors).toEqual([]);
      expect(
        run.plan.people.created.map((person) => [person.row, person.fullName, person.rank, person.serviceNumber]),
      ).toEqual([
        [2, 'Hà Văn Hưng', 'Thiếu úy', '0123'],
        [4, 'Lê "Út" Văn', 'Hạ sĩ', '0456'],
      ]);
    });

    it('refuses a file past 5 MB or a sheet past 20,000 rows, storing nothing', async () => {
      const big = await dryRunImport(scopeOver(store.db), admin, {
        fileName: 'big.csv',
        bytes: new Uint8Array(5 * 1024 * 1024 + 1),
      });
      expect(big).toEqual({ ok: false, error: { kind: 'import.tooLarge', maxMb: 5 } });
      const rows = ['Họ tên,Mã đơn vị', ...Array.from({ length: 20_001 }, (_, i) => `Cán bộ ${i},PC06`)].join('\n');
      const many = await dryRunImport(scopeOver(store.db), admin, {
        fileName: 'many.csv',
        bytes: new Uint8Array(Buffer.from(rows)),
      });
      expect(many).toEqual({
        ok: false,
        error: { kind: 'import.tooManyRows', sheet: 'many', rows: 20_001, max: 20_000 },
      });
      const garbage = await dryRunImport(scopeOver(store.db), admin, {
        fileName: 'x.xlsx',
        bytes: new Uint8Array([0x50, 0x4b, 3, 4, 9, 9]),
      });
      expect(garbage).toEqual({ ok: false, error: { kind: 'import.unreadable' } });
      expect(await store.db.selectFrom('roster_imports').select('id').execute()).toEqual([]);
    });

    it('binds the apply to its admin and its 30 minutes, drops the rows after, and refuses a plan the roster outran', async () => {
      const bytes = await workbookBytes({ 'Đơn vị': [UNIT_HEADERS, ['PC06', 'Phòng PC06', null]] });
      const officer = await dryRunImport(scopeOver(store.db), { userId: 5 }, { fileName: 'a.xlsx', bytes });
      expect(officer).toEqual({ ok: false, error: { kind: 'import.notAdmin' } });

      const run = await dryRun(bytes);
      const otherAdmin = { userId: 4242 };
      await store.db
        .insertInto('roles')
        .values({ user_id: 4242, role: 'admin', unit_id: null, granted_by: null, granted_at: T0.toISOString() })
        .execute();
      expect(
        await applyImport(scopeOver(store.db), otherAdmin, { importId: run.importId, markMissingLeft: false }),
      ).toEqual({
        ok: false,
        error: { kind: 'import.notYours' },
      });
      expect(
        await applyImport(scopeOver(store.db, minutes(31)), admin, { importId: run.importId, markMissingLeft: false }),
      ).toEqual({
        ok: false,
        error: { kind: 'import.expired' },
      });
      const kept = await store.db.selectFrom('roster_imports').select(['status', 'rows']).executeTakeFirstOrThrow();
      expect(kept).toEqual({ status: 'expired', rows: null });

      const cancelled = await dryRun(bytes);
      expect(await cancelImport(scopeOver(store.db), admin, { importId: cancelled.importId })).toEqual({
        ok: true,
        value: undefined,
      });
      expect(
        await applyImport(scopeOver(store.db), admin, { importId: cancelled.importId, markMissingLeft: false }),
      ).toEqual({
        ok: false,
        error: { kind: 'import.finished' },
      });

      const stale = await dryRun(bytes);
      await store.db
        .insertInto('units')
        .values({ code: 'PC06', name: 'Phòng khác', parent_id: null, created_at: T0.toISOString() })
        .execute();
      const refused = await applyImport(scopeOver(store.db), admin, {
        importId: stale.importId,
        markMissingLeft: false,
      });
      expect(refused.ok || refused.error.kind).toBe('import.stale');
      if (!refused.ok && refused.error.kind === 'import.stale')
        expect(refused.error.dryRun.summary.unitsRenamed).toBe(1);
      await apply(stale.importId);
      expect((await store.db.selectFrom('units').select('name').executeTakeFirstOrThrow()).name).toBe('Phòng PC06');
      expect(
        (
          await store.db
            .selectFrom('roster_imports')
            .select('rows')
            .where('id', '=', stale.importId)
            .executeTakeFirstOrThrow()
        ).rows,
      ).toBeNull();
    });
  });
}
