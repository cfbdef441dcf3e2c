import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { upsertChat } from '../../src/directory/chat-store';
import { createDirectory, type Directory, VERSION_CHECK_MS } from '../../src/directory/directory';
import { upsertMember } from '../../src/directory/member-store';
import { insertMetric } from '../../src/directory/metric-store';
import { setCommander } from '../../src/directory/role-store';
import { insertUnit } from '../../src/directory/unit-store';
import type { CacheName } from '../../src/storage/cache-version-store';
import type { Db } from '../../src/storage/schema';
import { DIALECTS, openTestStore, type TestStore } from '../helpers/dialects';

const NOW = new Date('2026-11-24T02:00:00Z');
const OFFICER = { userId: 4242, firstName: 'Nguyễn Văn An', lastName: null, username: 'an' };
const CHAT_ID = -1_001_234;

class RolledBack extends Error {}

/** One cache: a change an admin's update makes to it, and what the directory then shows of that change. */
interface Case {
  readonly cache: CacheName;
  change(trx: Db, unitId: number): Promise<void>;
  shown(directory: Directory, unitId: number): Promise<unknown>;
}

const CASES: readonly Case[] = [
  {
    cache: 'units',
    change: (trx) => insertUnit(trx, { code: 'PX09', name: 'Phòng X', parentId: null }, NOW),
    shown: async (directory) => (await directory.units()).byCode('PX09')?.name,
  },
  {
    cache: 'chats',
    change: (trx, unitId) =>
      upsertChat(trx, { chatId: CHAT_ID, type: 'supergroup', title: 'Tổ công tác' }, { unitId, locale: 'en' }, NOW),
    shown: async (directory) => (await directory.chat(CHAT_ID))?.unitId,
  },
  {
    cache: 'roles',
    change: (trx, unitId) => setCommander(trx, { userId: OFFICER.userId, unitId, commander: true, grantedBy: 1 }, NOW),
    shown: async (directory) => (await directory.authority(OFFICER.userId)).commanderOf[0],
  },
  {
    cache: 'metrics',
    change: (trx) =>
      insertMetric(
        trx,
        { code: 'xx', nameVi: 'Thử', nameEn: 'Trial', countUnitVi: '', countUnitEn: '', maxPerEntry: 10 },
        NOW,
      ),
    shown: async (directory) => (await directory.metrics()).resolve('xx')?.code,
  },
];

for (const dialect of DIALECTS) {
  describe(`directory caches after a rollback on ${dialect}`, () => {
    let store: TestStore;
    let unitId: number;
    /** The directory's monotonic clock: still unless a test moves it, so the version checks happen when it says. */
    let clockMs: number;
    let directory: Directory;
    beforeEach(async () => {
      store = await openTestStore(dialect);
      await insertUnit(store.db, { code: 'PC06', name: 'Phòng Cảnh sát QLHC', parentId: null }, NOW);
      unitId = (await store.db.selectFrom('units').select('id').where('code', '=', 'PC06').executeTakeFirstOrThrow())
        .id;
      await upsertMember(store.db, OFFICER, unitId, NOW);
      clockMs = 0;
      directory = createDirectory(store.db, { adminIds: [], monotonicMs: () => clockMs });
    });
    afterEach(() => store.dispose());

    // The reader: the update that made the change, reading it back; or the next update of its SQLite group commit,
    // which runs in the same transaction after it and sees its change, uncommitted.
    for (const reader of ['the same update', 'an update sharing its transaction'] as const) {
      for (const { cache, change, shown } of CASES) {
        it(`${cache}: a change ${reader} read before a rollback is not cached`, async () => {
          // Cached and its version read: the version check is not due again before the rollback.
          expect(await shown(directory, unitId)).toBeUndefined();
          await expect(
            store.db.transaction().execute(async (trx) => {
              const writer = directory.within(trx);
              await change(trx, unitId);
              writer.forget(cache);
              const scoped = reader === 'the same update' ? writer : directory.within(trx);
              expect(await shown(scoped, unitId)).toBeDefined();
              throw new RolledBack('the commit failed');
            }),
          ).rejects.toBeInstanceOf(RolledBack);

          expect(await shown(directory, unitId)).toBeUndefined();
          // Nor after a version check: the rollback moved no version, so nothing else would drop it.
          clockMs += VERSION_CHECK_MS;
          expect(await shown(directory, unitId)).toBeUndefined();
        });
      }
    }

    it('a cache version read in a transaction that rolled back does not hide a later change by another process', async () => {
      const unitNamed = async (code: string) => (await directory.units()).byCode(code)?.name;
      expect(await unitNamed('PX09')).toBeUndefined();
      await expect(
        store.db.transaction().execute(async (trx) => {
          const scoped = directory.within(trx);
          await insertUnit(trx, { code: 'PX09', name: 'Phòng X', parentId: null }, NOW);
          scoped.forget('units');
          // The check falls due here: it reads the version this transaction's change moved, uncommitted.
          clockMs += VERSION_CHECK_MS;
          expect((await scoped.units()).byCode('PX09')).toBeDefined();
          throw new RolledBack('the commit failed');
        }),
      ).rejects.toBeInstanceOf(RolledBack);
      expect(await unitNamed('PY10')).toBeUndefined();

      // Another process (a replica, the CLI) adds a unit: the version moves to what the rolled-back one read.
      await insertUnit(store.db, { code: 'PY10', name: 'Phòng Y', parentId: null }, NOW);
      clockMs += VERSION_CHECK_MS;
      expect(await unitNamed('PY10')).toBe('Phòng Y');
    });

    for (const { cache, change, shown } of CASES) {
      it(`${cache}: what a committed transaction read is cached`, async () => {
        let queries = 0;
        const counted = store.db.withPlugin({
          transformQuery: (args) => {
            queries += 1;
            return args.node;
          },
          transformResult: async (args) => args.result,
        });
        const watched = createDirectory(counted, { adminIds: [], monotonicMs: () => clockMs });
        await change(store.db, unitId);
        await store.db.transaction().execute(async (trx) => {
          const scoped = watched.within(trx);
          expect(await shown(scoped, unitId)).toBeDefined();
          scoped.committed();
        });
        expect(await shown(watched, unitId)).toBeDefined();
        expect(queries).toBe(0);
      });
    }
  });
}
