import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkPerson } from '../../../src/features/roster/linking';
import { officialPeopleOf } from '../../../src/features/roster/roster-store';
import { rosterListingText } from '../../../src/features/roster/roster-text';
import { listRoster, viewPerson } from '../../../src/features/roster/roster-view';
import { DIALECTS, openTestStore, type TestStore } from '../../helpers/dialects';
import {
  ADMIN,
  importSheets,
  makeCommander,
  PEOPLE_HEADERS,
  scopeOver,
  seeMember,
  T0,
  THREE_UNITS,
} from './roster-fixture';

const COMMANDER_PC06 = 601;
const COMMANDER_PC08 = 801;

for (const dialect of DIALECTS) {
  describe(`reading the roster on ${dialect}`, () => {
    let store: TestStore;
    const ids = new Map<string, number>();
    beforeEach(async () => {
      store = await openTestStore(dialect);
      const found = await importSheets(store.db, {
        'Đơn vị': THREE_UNITS,
        'Cán bộ': [
          PEOPLE_HEADERS,
          ['Hà Văn Hưng', 'Thiếu úy', 'Cán bộ', 'PC06', '000456', null, null],
          ['Nguyễn Văn An', 'Trung úy', 'Tổ trưởng', 'PC06', '000111', '@an_pc06', null],
          ['Lê Thị Hoa', null, null, 'PC06', null, null, null],
          ['Trần Văn Bình', 'Đại úy', 'Cán bộ', 'PC08', '000333', null, null],
        ],
      });
      for (const [key, id] of found) ids.set(key, id);
      await makeCommander(store.db, COMMANDER_PC06, ids.get('PC06')!);
      await makeCommander(store.db, COMMANDER_PC08, ids.get('PC08')!);
      await linkPerson(scopeOver(store.db), { userId: ADMIN }, { person: '000456', userId: 7001 });
      await linkPerson(scopeOver(store.db), { userId: ADMIN }, { person: 'Lê Thị Hoa', userId: 7002 });
      // Hưng logged this week (T0 is Tuesday 24/11/2026), Hoa only last week; one of Hưng's later entries was undone.
      const entry = (userId: number, day: string, undone: boolean) => ({
        update_id: Math.floor(Math.random() * 1e9),
        chat_id: -100,
        message_id: 1,
        unit_id: ids.get('PC06')!,
        user_id: userId,
        metric_code: 'cccd',
        amount: 5,
        day,
        note: null,
        created_at: T0.toISOString(),
        undone_at: undone ? T0.toISOString() : null,
        undone_by: null,
      });
      await seeMember(store.db, 7001, 'hung');
      await seeMember(store.db, 7002, null);
      await store.db
        .insertInto('tally_entries')
        .values([entry(7001, '2026-11-23', false), entry(7001, '2026-11-24', true), entry(7002, '2026-11-20', false)])
        .execute();
    });
    afterEach(() => store.dispose());

    it('lists a commander’s subtree: link status, last entry, and who logged nothing this week', async () => {
      const listing = await listRoster(scopeOver(store.db), { userId: COMMANDER_PC06 }, {});
      if (!listing.ok) throw new Error(listing.error.kind);
      expect(listing.value.week).toEqual({ from: '2026-11-23', to: '2026-11-29' });
      expect(listing.value.units).toHaveLength(1);
      const unit = listing.value.units[0]!;
      expect([unit.code, unit.silent, unit.active]).toEqual(['PC06', 2, 3]);
      expect(
        unit.people.map((person) => [person.officialName, person.link, person.lastEntryDay, person.loggedThisWeek]),
      ).toEqual([
        ['Thiếu úy Hà Văn Hưng', 'linked', '2026-11-23', true],
        ['Lê Thị Hoa', 'linked', '2026-11-20', false],
        ['Trung úy Nguyễn Văn An', 'pending', null, false],
      ]);
      const text = rosterListingText('vi', listing.value);
      expect(text).toContain('<b>PC06</b> Phòng PC06: 2/3 đồng chí chưa ghi nhận');
      expect(text).toContain('• Thiếu úy Hà Văn Hưng · đã liên kết · ghi gần nhất 23/11/2026');

      const province = await listRoster(scopeOver(store.db), { userId: ADMIN }, {});
      expect(province.ok && province.value.units.map((u) => [u.code, u.depth, u.silent, u.active])).toEqual([
        ['CAT', 0, 0, 0],
        ['PC06', 1, 2, 3],
        ['PC08', 1, 1, 1],
      ]);
      expect(await listRoster(scopeOver(store.db), { userId: COMMANDER_PC08 }, { unitId: ids.get('PC06')! })).toEqual({
        ok: false,
        error: { kind: 'roster.notAllowed' },
      });
      expect(await listRoster(scopeOver(store.db), { userId: 7001 }, {})).toEqual({
        ok: false,
        error: { kind: 'roster.notAllowed' },
      });
    });

    it('shows rank, position and service number only to admins, commanders above the person, and the person', async () => {
      const hung = ids.get('ha van hung')!;
      const view = (userId: number) => viewPerson(scopeOver(store.db), { userId }, { personId: hung });
      const details = { rank: 'Thiếu úy', position: 'Cán bộ', serviceNumber: '000456' };
      for (const userId of [ADMIN, COMMANDER_PC06, 7001]) {
        expect(await view(userId)).toMatchObject({ ok: true, value: { fullName: 'Hà Văn Hưng', details } });
      }
      for (const userId of [COMMANDER_PC08, 7002]) {
        const card = await view(userId);
        expect(card.ok && card.value).toEqual({
          personId: hung,
          fullName: 'Hà Văn Hưng',
          unitId: ids.get('PC06'),
          link: 'linked',
          leftOn: null,
        });
      }
    });

    it('names linked accounts officially and leaves unlinked ones out', async () => {
      const named = await officialPeopleOf(store.db, [7001, 7002, 9999]);
      expect([...named.keys()].sort()).toEqual([7001, 7002]);
      expect(named.get(7001)).toMatchObject({
        officialName: 'Thiếu úy Hà Văn Hưng',
        rank: 'Thiếu úy',
        position: 'Cán bộ',
        unitCode: 'PC06',
        unitName: 'Phòng PC06',
      });
      expect(named.get(7002)?.officialName).toBe('Lê Thị Hoa');
    });
  });
}
