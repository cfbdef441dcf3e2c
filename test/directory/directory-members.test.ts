import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDirectory } from '../../src/directory/directory';
import { DIALECTS, openTestStore, type TestStore } from '../helpers/dialects';

const NOW = new Date('2026-11-24T02:00:00Z');
const member = { userId: 4242, firstName: 'Nguyễn Văn An', lastName: null, username: 'an' };

class RolledBack extends Error {}

for (const dialect of DIALECTS) {
  describe(`directory members on ${dialect}`, () => {
    let store: TestStore;
    beforeEach(async () => {
      store = await openTestStore(dialect);
    });
    afterEach(() => store.dispose());

    const storedMembers = () => store.db.selectFrom('members').select('user_id').execute();

    it('a member stored by a transaction that rolled back is stored again by the next one', async () => {
      const directory = createDirectory(store.db, { adminIds: [] });
      await expect(
        store.db.transaction().execute(async (trx) => {
          await directory.within(trx).rememberMember(member, null, NOW);
          throw new RolledBack('the connection died before the commit');
        }),
      ).rejects.toBeInstanceOf(RolledBack);
      expect(await storedMembers()).toEqual([]);

      await store.db.transaction().execute(async (trx) => {
        const scoped = directory.within(trx);
        await scoped.rememberMember(member, null, NOW);
        scoped.committed();
      });
      expect(await storedMembers()).toEqual([{ user_id: member.userId }]);
    });

    it('once committed, the member is not written again', async () => {
      const directory = createDirectory(store.db, { adminIds: [] });
      await store.db.transaction().execute(async (trx) => {
        const scoped = directory.within(trx);
        await scoped.rememberMember(member, null, NOW);
        scoped.committed();
      });
      await store.db.deleteFrom('members').execute();
      await store.db.transaction().execute(async (trx) => {
        await directory.within(trx).rememberMember(member, null, NOW);
      });
      // Cached as stored: no second write (the row deleted behind the cache's back stays gone).
      expect(await storedMembers()).toEqual([]);
    });
  });
}
