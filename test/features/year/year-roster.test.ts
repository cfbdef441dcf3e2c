import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUnit } from '../../../src/directory/unit-store';
import { countsTowardChains, rosterForYear, titleOfSheet } from '../../../src/features/year';
import type { Db } from '../../../src/storage/schema';
import { DIALECTS, openTestStore, type TestStore } from '../../helpers/dialects';

const TZ = 'Asia/Ho_Chi_Minh';
const NOW = new Date('2026-06-15T02:00:00Z');
const at = NOW.toISOString();

async function person(
  db: Db,
  fields: { fullName: string; rank?: string; unitId: number; userId?: number; leftOn?: string; position?: string },
  history: readonly { unitId: number; from: string; to?: string }[],
): Promise<number> {
  const row = await db
    .insertInto('people')
    .values({
      full_name: fields.fullName,
      name_key: fields.fullName.toLowerCase(),
      rank: fields.rank ?? null,
      position: fields.position ?? null,
      unit_id: fields.unitId,
      service_number: null,
      role: 'officer',
      user_id: fields.userId ?? null,
      pending_user_id: null,
      pending_username: null,
      left_on: fields.leftOn ?? null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const span of history)
    await db
      .insertInto('person_units')
      .values({
        person_id: row.id,
        unit_id: span.unitId,
        from_day: span.from,
        to_day: span.to ?? null,
        recorded_by: 1,
        recorded_at: at,
      })
      .execute();
  return row.id;
}

describe('titleOfSheet', () => {
  it.each([
    ['Chiến sĩ thi đua cơ sở', 'cstdcs'],
    ['CSTĐCS', 'cstdcs'],
    ['chiến sĩ tiên tiến', 'cstt'],
    ['Đơn vị quyết thắng', 'dvqt'],
    ['Giấy khen', undefined],
    ['Bằng khen của Bộ trưởng', undefined],
  ])('reads %j', (text, id) => {
    expect(titleOfSheet(text)).toBe(id);
  });
});

for (const dialect of DIALECTS) {
  describe(`the year's roster over the roster's tables on ${dialect}`, () => {
    let store: TestStore;
    let team1: number;
    let team2: number;
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      store = await openTestStore(dialect);
      const { db } = store;
      await insertUnit(db, { code: 'CAT', name: 'Công an tỉnh', parentId: null }, NOW);
      await insertUnit(db, { code: 'T1', name: 'Đội 1', parentId: 1 }, NOW);
      await insertUnit(db, { code: 'T2', name: 'Đội 2', parentId: 1 }, NOW);
      [team1, team2] = [2, 3];
      ids.hung = await person(
        db,
        { fullName: 'Hà Văn Hưng', rank: 'Thiếu úy', position: 'Cán bộ', unitId: team1, userId: 501 },
        [{ unitId: team1, from: '2026-01-01' }],
      );
      // Moved from team 1 to team 2 on 1 March.
      ids.lan = await person(db, { fullName: 'Lê Thị Lan', rank: 'Trung úy', unitId: team2 }, [
        { unitId: team1, from: '2025-01-01', to: '2026-03-01' },
        { unitId: team2, from: '2026-03-01' },
      ]);
      // Left on 1 May.
      ids.tu = await person(db, { fullName: 'Trần Văn Tú', unitId: team1, userId: 502, leftOn: '2026-05-01' }, [
        { unitId: team1, from: '2025-01-01' },
      ]);
      // No history row: their current unit stands.
      ids.ba = await person(db, { fullName: 'Nguyễn Văn Ba', unitId: team1 }, []);
      for (const [title, year, number, day, level] of [
        ['Chiến sĩ thi đua cơ sở', 2024, '45/QĐ-CAT', '2024-12-15', 'Công an tỉnh'],
        ['Giấy khen', 2025, null, null, null],
      ] as const)
        await db
          .insertInto('past_commendations')
          .values({
            person_id: ids.lan!,
            year,
            title,
            title_key: title.toLowerCase(),
            decision_number: number,
            decision_key: number ?? '',
            decision_date: day,
            issuing_level: level,
            imported_by: 1,
            imported_at: at,
          })
          .execute();
    }, 60_000);
    afterAll(() => store?.dispose());

    const names = (people: readonly { name: { fullName: string } }[]) => people.map((p) => p.name.fullName).sort();

    it('reads a unit’s members on a day by their unit history, leavers gone from the day they left', async () => {
      const roster = rosterForYear(store.db, { now: NOW, timeZone: TZ });
      expect(names(await roster.membersAt(team1, new Date('2026-02-10T02:00:00Z')))).toEqual([
        'Hà Văn Hưng',
        'Lê Thị Lan',
        'Nguyễn Văn Ba',
        'Trần Văn Tú',
      ]);
      expect(names(await roster.membersAt(team1, NOW))).toEqual(['Hà Văn Hưng', 'Nguyễn Văn Ba']);
      expect(names(await roster.membersAt(team2, NOW))).toEqual(['Lê Thị Lan']);
    });

    it('names people by rank and full name, with position and linked account, leavers inactive', async () => {
      const roster = rosterForYear(store.db, { now: NOW, timeZone: TZ });
      expect(await roster.personByUser(501)).toEqual({
        personId: String(ids.hung),
        name: { rank: 'Thiếu úy', fullName: 'Hà Văn Hưng' },
        position: 'Cán bộ',
        unitId: team1,
        userId: 501,
        active: true,
      });
      expect((await roster.person(String(ids.tu)))?.active).toBe(false);
      expect(await roster.person(`unit:${team1}`)).toBeUndefined();
      expect(await roster.personByUser(999)).toBeUndefined();
    });

    it('gives the sheet’s titles as annual records, its other commendations as never counting', async () => {
      const roster = rosterForYear(store.db, { now: NOW, timeZone: TZ });
      const records = await roster.pastTitles([String(ids.lan), `unit:${team1}`]);
      expect(records).toEqual([
        {
          subjectId: String(ids.lan),
          year: 2024,
          title: 'cstdcs',
          basis: 'annual',
          // The sheet's decision is shown on /hoso, never counted.
          sheet: { number: '45/QĐ-CAT', date: '2024-12-15', level: 'Công an tỉnh' },
        },
        { subjectId: String(ids.lan), year: 2025, title: 'Giấy khen', basis: 'thematic' },
      ]);
      expect(records.map(countsTowardChains)).toEqual([true, false]);
    });
  });
}
