import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { upsertChat } from '../../src/directory/chat-store';
import { CACHES_OF_TABLE, createDirectory, type Directory } from '../../src/directory/directory';
import { upsertMember } from '../../src/directory/member-store';
import { insertMetric, insertMetricAlias } from '../../src/directory/metric-store';
import { setCommander } from '../../src/directory/role-store';
import { insertUnit, renameUnit } from '../../src/directory/unit-store';
import { saveGroupSettings } from '../../src/features/settings/group-settings-store';
import type { Db } from '../../src/storage/schema';
import { DIALECTS, openTestStore, type TestStore } from '../helpers/dialects';

const NOW = new Date('2026-11-24T02:00:00Z');
const OFFICER = { userId: 4242, firstName: 'Nguyễn Văn An', lastName: null, username: 'an' };
const CHAT_ID = -1_001_234;
/** A group known before each test, whose settings a case changes. */
const SETTLED_CHAT_ID = -1_001_235;

/** A change an admin's update makes through the unit of work's handle, and what the directory then shows of it. */
interface Case {
  readonly what: string;
  change(db: Db, unitId: number): Promise<void>;
  shown(directory: Directory): Promise<unknown>;
}

const CASES: readonly Case[] = [
  {
    what: 'a unit added',
    change: (db) => insertUnit(db, { code: 'PX09', name: 'Phòng X', parentId: null }, NOW),
    shown: async (directory) => (await directory.units()).byCode('PX09')?.name,
  },
  {
    what: 'a unit renamed',
    change: (db, unitId) => renameUnit(db, unitId, 'Phòng Cảnh sát QLHC về TTXH'),
    shown: async (directory) => (await directory.units()).byCode('PC06')?.name.endsWith('TTXH') || undefined,
  },
  {
    what: 'a group bound (the tree counts it too)',
    change: (db, unitId) =>
      upsertChat(db, { chatId: CHAT_ID, type: 'supergroup', title: 'Tổ công tác' }, { unitId }, NOW),
    shown: async (directory) =>
      (await directory.chat(CHAT_ID))?.unitId && ((await directory.units()).byCode('PC06')?.groups || undefined),
  },
  {
    what: 'a role granted',
    change: (db, unitId) => setCommander(db, { userId: OFFICER.userId, unitId, commander: true, grantedBy: 1 }, NOW),
    shown: async (directory) => (await directory.authority(OFFICER.userId)).commanderOf[0],
  },
  {
    what: 'a metric added',
    change: (db) =>
      insertMetric(
        db,
        { code: 'xx', nameVi: 'Thử', nameEn: 'Trial', countUnitVi: '', countUnitEn: '', maxPerEntry: 10 },
        NOW,
      ),
    shown: async (directory) => (await directory.metrics()).resolve('xx')?.code,
  },
  {
    what: 'an alias added',
    change: (db) => insertMetricAlias(db, 'the can', 'cccd', 'thẻ căn'),
    shown: async (directory) => (await directory.metrics()).resolve('the can')?.code,
  },
  {
    what: 'a group’s confirmation mode set (held with the chat)',
    change: (db) =>
      saveGroupSettings(
        db,
        SETTLED_CHAT_ID,
        { reminders: true, confirmMode: 'reaction', postsThreadId: null },
        { by: 1, at: NOW },
      ),
    shown: async (directory) => (await directory.chat(SETTLED_CHAT_ID))?.confirmMode,
  },
  {
    what: 'an account linked to a person of the roster',
    change: async (db, unitId) => {
      await db
        .insertInto('people')
        .values({
          full_name: 'Nguyễn Văn An',
          name_key: 'nguyen van an',
          unit_id: unitId,
          role: 'officer',
          user_id: OFFICER.userId,
          created_at: NOW.toISOString(),
          updated_at: NOW.toISOString(),
        })
        .execute();
    },
    shown: async (directory) => (await directory.rosterPlacement(OFFICER.userId))?.unitId,
  },
];

for (const dialect of DIALECTS) {
  describe(`directory caches follow the unit of work's own writes on ${dialect}`, () => {
    let store: TestStore;
    let unitId: number;
    let directory: Directory;
    beforeEach(async () => {
      store = await openTestStore(dialect);
      await insertUnit(store.db, { code: 'PC06', name: 'Phòng Cảnh sát QLHC', parentId: null }, NOW);
      unitId = (await store.db.selectFrom('units').select('id').where('code', '=', 'PC06').executeTakeFirstOrThrow())
        .id;
      await upsertMember(store.db, OFFICER, unitId, NOW);
      await upsertChat(store.db, { chatId: SETTLED_CHAT_ID, type: 'supergroup', title: 'Tổ 2' }, {}, NOW);
      // The version checks never fall due: only the unit of work's own writes can drop a cache here.
      directory = createDirectory(store.db, { adminIds: [], monotonicMs: () => 0 });
    });
    afterEach(() => store.dispose());

    for (const { what, change, shown } of CASES) {
      it(`${what}: seen by the same update and, once committed, by the next, with nobody forgetting anything`, async () => {
        expect(await shown(directory)).toBeFalsy();
        await store.db.transaction().execute(async (trx) => {
          const scoped = directory.within(trx);
          expect(await shown(scoped)).toBeFalsy();
          await change(scoped.db, unitId);
          expect(await shown(scoped)).toBeTruthy();
          scoped.committed();
        });
        expect(await shown(directory)).toBeTruthy();
      });

      it(`${what}: rolled back, nothing of it stays cached`, async () => {
        expect(await shown(directory)).toBeFalsy();
        await expect(
          store.db.transaction().execute(async (trx) => {
            const scoped = directory.within(trx);
            await change(scoped.db, unitId);
            expect(await shown(scoped)).toBeTruthy();
            throw new Error('the commit failed');
          }),
        ).rejects.toThrow('the commit failed');
        expect(await shown(directory)).toBeFalsy();
      });
    }

    it('a write outside the cached tables drops nothing', async () => {
      let reads = 0;
      const counted = store.db.withPlugin({
        transformQuery: (args) => {
          reads += 1;
          return args.node;
        },
        transformResult: async (args) => args.result,
      });
      const watched = createDirectory(counted, { adminIds: [], monotonicMs: () => 0 });
      await watched.units();
      await watched.metrics();
      const before = reads;
      await store.db.transaction().execute(async (trx) => {
        const scoped = watched.within(trx);
        await upsertMember(scoped.db, { ...OFFICER, firstName: 'Nguyễn Văn Bình' }, unitId, NOW);
        await scoped.units();
        await scoped.metrics();
        scoped.committed();
      });
      await watched.units();
      await watched.metrics();
      expect(reads).toBe(before);
    });

    it('a write through the store itself, outside any unit of work, is the version check’s to notice', async () => {
      expect(await CASES[0]!.shown(directory)).toBeFalsy();
      await CASES[0]!.change(store.db, unitId);
      expect(await CASES[0]!.shown(directory)).toBeFalsy();
    });
  });
}

describe('the tables the directory watches', () => {
  it('are the tables whose triggers move cache versions (migrations 0012 and 0019), each for its cache', async () => {
    const store = await openTestStore('sqlite');
    try {
      const { rows } = await sql<{ name: string; sql: string }>`
        select name, sql from sqlite_master where type = 'trigger' and name like '%cache_version%'`.execute(store.db);
      const triggered = new Map<string, string>();
      for (const row of rows) {
        const table = row.name.replace(/_cache_version_.*$/, '');
        triggered.set(table, /values \('(\w+)', 1\)/.exec(row.sql)?.[1] ?? '');
      }
      expect(new Map([...CACHES_OF_TABLE].map(([table, caches]) => [table, caches[0]]))).toEqual(triggered);
    } finally {
      await store.dispose();
    }
  });
});
