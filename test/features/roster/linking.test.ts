import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideLink, linkOnSight, linkPerson, requestLink, unlinkPerson } from '../../../src/features/roster/linking';
import { linkEvents } from '../../../src/features/roster/roster-store';
import { DIALECTS, openTestStore, type TestStore } from '../../helpers/dialects';
import { ADMIN, importSheets, makeCommander, PEOPLE_HEADERS, scopeOver, T0, THREE_UNITS } from './roster-fixture';

const COMMANDER_PC06 = 601;
const COMMANDER_CAT = 100;
const COMMANDER_PC08 = 801;
const OFFICER = 555;

for (const dialect of DIALECTS) {
  describe(`linking accounts to the roster on ${dialect}`, () => {
    let store: TestStore;
    const ids = new Map<string, number>();
    beforeEach(async () => {
      store = await openTestStore(dialect);
      const found = await importSheets(store.db, {
        'Đơn vị': THREE_UNITS,
        'Cán bộ': [
          PEOPLE_HEADERS,
          ['Hà Văn Hưng', 'Thiếu úy', 'Cán bộ', 'PC06', '000456', '@hung_pc06', null],
          ['Nguyễn Văn An', 'Trung úy', 'Cán bộ', 'PC06', '000111', '4444', null],
          ['Lê Thị Hoa', 'Đại úy', 'Đội trưởng', 'PC06', '000222', null, 'Chỉ huy'],
          ['Nguyễn Văn An', 'Thượng úy', 'Cán bộ', 'PC08', '000333', null, null],
        ],
      });
      for (const [key, id] of found) ids.set(key, id);
      await makeCommander(store.db, COMMANDER_PC06, ids.get('PC06')!);
      await makeCommander(store.db, COMMANDER_CAT, ids.get('CAT')!);
      await makeCommander(store.db, COMMANDER_PC08, ids.get('PC08')!);
    });
    afterEach(() => store.dispose());

    const scope = () => scopeOver(store.db);
    const userOf = async (serviceNumber: string) =>
      (
        await store.db
          .selectFrom('people')
          .select('user_id')
          .where('service_number', '=', serviceNumber)
          .executeTakeFirstOrThrow()
      ).user_id;

    it('links a row’s @username, and a row’s id, once the account is first seen; nothing else', async () => {
      expect(await linkOnSight(scope(), { userId: 9, username: 'someone' })).toEqual({ ok: true, value: undefined });
      const hung = await linkOnSight(scope(), { userId: 7001, username: 'Hung_PC06' });
      expect(hung).toEqual({
        ok: true,
        value: {
          personId: ids.get('000456'),
          userId: 7001,
          unitId: ids.get('PC06'),
          officialName: 'Thiếu úy Hà Văn Hưng',
        },
      });
      expect(await linkOnSight(scope(), { userId: 4444, username: null })).toMatchObject({
        ok: true,
        value: { officialName: 'Trung úy Nguyễn Văn An' },
      });
      expect(await userOf('000456')).toBe(7001);
      expect(await userOf('000111')).toBe(4444);
      // Seen again, or another account with the same username later: nothing changes.
      expect(await linkOnSight(scope(), { userId: 7001, username: 'hung_pc06' })).toEqual({
        ok: true,
        value: undefined,
      });
      expect(await linkOnSight(scope(), { userId: 7002, username: 'hung_pc06' })).toEqual({
        ok: true,
        value: undefined,
      });
      expect(await linkEvents(store.db, ids.get('000456')!)).toEqual([
        { userId: 7001, event: 'linked', via: 'sight', by: null, at: T0.toISOString() },
      ]);
    });

    it('lets a commander of the subtree link by service number or name, an admin anywhere, no one else', async () => {
      expect(await linkPerson(scope(), { userId: COMMANDER_PC08 }, { person: '000456', userId: 7001 })).toEqual({
        ok: false,
        error: { kind: 'roster.notAllowed' },
      });
      expect(await linkPerson(scope(), { userId: OFFICER }, { person: 'Hà Văn Hưng', userId: 7001 })).toEqual({
        ok: false,
        error: { kind: 'roster.notAllowed' },
      });
      expect(
        await linkPerson(scope(), { userId: COMMANDER_PC06 }, { person: 'ha van hung', userId: 7001 }),
      ).toMatchObject({
        ok: true,
        value: { changed: true, officialName: 'Thiếu úy Hà Văn Hưng' },
      });
      // Two An's: the PC06 commander sees only theirs; the province's commander must choose.
      expect(
        await linkPerson(scope(), { userId: COMMANDER_PC06 }, { person: 'Nguyễn Văn An', userId: 7003 }),
      ).toMatchObject({
        ok: true,
        value: { personId: ids.get('000111') },
      });
      const ambiguous = await linkPerson(scope(), { userId: COMMANDER_CAT }, { person: 'nguyen van an', userId: 7004 });
      expect(ambiguous).toEqual({
        ok: false,
        error: {
          kind: 'roster.ambiguous',
          candidates: [
            { personId: ids.get('000111'), name: 'Trung úy Nguyễn Văn An (PC06)' },
            { personId: ids.get('000333'), name: 'Thượng úy Nguyễn Văn An (PC08)' },
          ],
        },
      });
      expect(await linkPerson(scope(), { userId: ADMIN }, { person: ids.get('000333')!, userId: 7004 })).toMatchObject({
        ok: true,
      });
      expect(await userOf('000333')).toBe(7004);
    });

    it('keeps one account per person and one person per account; re-linking replaces both, audited', async () => {
      const commander = { userId: COMMANDER_PC06 };
      await linkPerson(scope(), commander, { person: '000456', userId: 7001 });
      expect(await linkPerson(scope(), commander, { person: '000456', userId: 7001 })).toMatchObject({
        ok: true,
        value: { changed: false },
      });
      expect(await linkPerson(scope(), commander, { person: '000456', userId: 7009 })).toEqual({
        ok: false,
        error: { kind: 'roster.personLinked', name: 'Thiếu úy Hà Văn Hưng' },
      });
      expect(await linkPerson(scope(), commander, { person: '000111', userId: 7001 })).toEqual({
        ok: false,
        error: { kind: 'roster.accountLinked', name: 'Thiếu úy Hà Văn Hưng' },
      });
      expect(await linkPerson(scope(), commander, { person: '000111', userId: 7001, replace: true })).toMatchObject({
        ok: true,
      });
      expect(await userOf('000456')).toBeNull();
      expect(await userOf('000111')).toBe(7001);
      expect(
        (await linkEvents(store.db, ids.get('000456')!)).map((event) => [event.event, event.via, event.by]),
      ).toEqual([
        ['linked', 'link', COMMANDER_PC06],
        ['unlinked', 'link', COMMANDER_PC06],
      ]);
      expect(await unlinkPerson(scope(), { userId: COMMANDER_PC08 }, { personId: ids.get('000111')! })).toEqual({
        ok: false,
        error: { kind: 'roster.notAllowed' },
      });
      expect(await unlinkPerson(scope(), commander, { personId: ids.get('000111')! })).toMatchObject({ ok: true });
      expect(await userOf('000111')).toBeNull();
    });

    it('gives a linked roster commander the unit’s commander role, and takes it with the link', async () => {
      const hoa = ids.get('000222')!;
      await linkPerson(scope(), { userId: ADMIN }, { person: hoa, userId: 7100 });
      expect((await scope().directory.authority(7100)).commanderOf).toEqual([ids.get('PC06')]);
      await unlinkPerson(scope(), { userId: ADMIN }, { personId: hoa });
      expect((await scopeOver(store.db).directory.authority(7100)).commanderOf).toEqual([]);
    });

    it('files an /iam request that only a commander above or an admin confirms or refuses', async () => {
      expect(await requestLink(scope(), { userId: OFFICER }, { serviceNumber: '999999' })).toEqual({
        ok: false,
        error: { kind: 'roster.personNotFound' },
      });
      const filed = await requestLink(scope(), { userId: OFFICER }, { serviceNumber: ' 000456 ' });
      expect(filed).toEqual({
        ok: true,
        value: {
          requestId: expect.any(Number),
          personId: ids.get('000456'),
          unitId: ids.get('PC06'),
          commanders: [COMMANDER_PC06, COMMANDER_CAT],
          admins: [ADMIN],
        },
      });
      if (!filed.ok) return;
      expect(await requestLink(scope(), { userId: OFFICER }, { serviceNumber: '000456' })).toEqual({
        ok: false,
        error: { kind: 'roster.requestPending' },
      });
      expect(await userOf('000456')).toBeNull();
      const requestId = filed.value.requestId;
      for (const userId of [OFFICER, COMMANDER_PC08]) {
        expect(await decideLink(scope(), { userId }, { requestId, confirm: true })).toEqual({
          ok: false,
          error: { kind: 'roster.notAllowed' },
        });
      }
      expect(await decideLink(scope(), { userId: COMMANDER_CAT }, { requestId, confirm: true })).toMatchObject({
        ok: true,
        value: { confirmed: true, userId: OFFICER, officialName: 'Thiếu úy Hà Văn Hưng' },
      });
      expect(await userOf('000456')).toBe(OFFICER);
      expect(await decideLink(scope(), { userId: COMMANDER_PC06 }, { requestId, confirm: false })).toEqual({
        ok: false,
        error: { kind: 'roster.requestDecided' },
      });
      expect(await requestLink(scope(), { userId: OFFICER }, { serviceNumber: '000111' })).toEqual({
        ok: false,
        error: { kind: 'roster.youAreLinked', name: 'Thiếu úy Hà Văn Hưng' },
      });
      // Another officer asks for a person already linked: refused without a name.
      expect(await requestLink(scope(), { userId: 556 }, { serviceNumber: '000456' })).toEqual({
        ok: false,
        error: { kind: 'roster.personLinked', name: '' },
      });
      const refused = await requestLink(scope(), { userId: 556 }, { serviceNumber: '000111' });
      if (!refused.ok) throw new Error(refused.error.kind);
      expect(
        await decideLink(scope(), { userId: COMMANDER_PC06 }, { requestId: refused.value.requestId, confirm: false }),
      ).toMatchObject({
        ok: true,
        value: { confirmed: false },
      });
      expect(await userOf('000111')).toBeNull();
      expect((await linkEvents(store.db, ids.get('000456')!)).map((event) => [event.via, event.by])).toEqual([
        ['request', COMMANDER_CAT],
      ]);
    });
  });
}
