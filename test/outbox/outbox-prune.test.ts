import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueuePosts, enqueueReplies, pruneFinishedReplies } from '../../src/outbox/outbox-store';
import { LEDGER_DAYS } from '../../src/storage/update-ledger';
import { DIALECTS, openTestStore, type TestStore } from '../helpers/dialects';

const T0 = new Date('2026-11-24T02:00:00Z');
const daysLater = (days: number) => new Date(T0.getTime() + days * 24 * 60 * 60 * 1000);

for (const dialect of DIALECTS) {
  describe(`pruning the outbox on ${dialect}`, () => {
    let store: TestStore;
    beforeEach(async () => {
      store = await openTestStore(dialect);
    });
    afterEach(() => store.dispose());

    const rows = () => store.db.selectFrom('outbox').select(['job', 'period', 'status']).orderBy('period').execute();

    it('forgets finished replies older than the ledger, and keeps posts, waiting replies and recent ones', async () => {
      const reply = { kind: 'message' as const, chatId: -100, html: 'Đã ghi' };
      await enqueueReplies(store.db, '1', [reply, reply, reply, reply], T0);
      await enqueueReplies(store.db, '2', [reply], daysLater(LEDGER_DAYS - 1));
      await enqueuePosts(store.db, [{ job: 'leaderboard', period: '2026-W48', chatId: -100, html: 'Bảng' }], T0);
      const finish = (period: string, status: string) =>
        store.db.updateTable('outbox').set({ status }).where('period', '=', period).execute();
      await finish('1.0', 'sent');
      await finish('1.1', 'failed');
      await finish('1.2', 'skipped');
      await finish('2.0', 'sent');
      await finish('2026-W48', 'sent');

      expect(await pruneFinishedReplies(store.db, daysLater(LEDGER_DAYS - 0.5))).toBe(0);
      expect(await pruneFinishedReplies(store.db, daysLater(LEDGER_DAYS + 0.5))).toBe(3);
      expect(await rows()).toEqual([
        { job: 'reply', period: '1.3', status: 'pending' },
        { job: 'reply', period: '2.0', status: 'sent' },
        { job: 'leaderboard', period: '2026-W48', status: 'sent' },
      ]);
    });
  });
}
