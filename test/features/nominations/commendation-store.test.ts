import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addRecommendation,
  addToPrivateCopy,
  commendationsOf,
  decisionRecordsOf,
  findNomination,
  findPrivateCopy,
  insertDecisionRecord,
  insertNomination,
  latestDecisionRecords,
  PRIVATE_COPY_JOB,
  privateCopiesOf,
  recommendationsOf,
  recordDecision,
  setPrivateCopyMessage,
  toggleEndorsement,
  unreachablePrivateChats,
  writePrivateCopyRow,
} from '../../../src/features/nominations/nomination-store';
import { markChatUnreachable } from '../../../src/outbox/chat-reachability-store';
import type { Db } from '../../../src/storage/schema';
import { DIALECTS } from '../../helpers/dialects';
import { NOW, type TempStore, tempStore } from '../../helpers/store-fixture';

const GROUP = -1001234567890;
const HOUR = 3600_000;
const later = (ms: number) => new Date(NOW.getTime() + ms);

const newNomination = (db: Db, sourceMessageId: number) =>
  insertNomination(
    db,
    {
      chatId: GROUP,
      threadId: null,
      sourceMessageId,
      nomineeId: 12,
      unitId: 1,
      nominatorId: 11,
      reason: 'helped a citizen at night',
      day: '2026-11-26',
    },
    NOW,
  );

for (const dialect of DIALECTS) {
  describe(`commendation records on ${dialect}`, () => {
    let store: TempStore;
    let db: Db;

    beforeEach(async () => {
      store = await tempStore(dialect);
      db = store.db;
    });
    afterEach(() => store.dispose());

    it('recommendations: once per person and level, named, in order', async () => {
      const id = await newNomination(db, 1);
      expect(await addRecommendation(db, { nominationId: id, level: 'giaykhen', by: 13 }, NOW)).toBe(true);
      expect(await addRecommendation(db, { nominationId: id, level: 'giaykhen', by: 13 }, later(1))).toBe(false);
      expect(await addRecommendation(db, { nominationId: id, level: 'bangkhen', by: 13 }, later(2))).toBe(true);

      const found = (await recommendationsOf(db, [id])).get(id);
      expect(found?.map((r) => [r.level, r.byId])).toEqual([
        ['giaykhen', 13],
        ['bangkhen', 13],
      ]);
      expect(found?.[0]?.byName).toMatch(/\S/);
    });

    it('decision records: a correction is a new row, the latest stands, nothing is deleted', async () => {
      const id = await newNomination(db, 1);
      await recordDecision(
        db,
        {
          nominationId: id,
          from: 'pending',
          to: 'approved',
          outcome: 'approved',
          level: 'giaykhen',
          reason: null,
          decidedBy: 13,
        },
        NOW,
      );
      await insertDecisionRecord(
        db,
        { nominationId: id, number: '123/QĐ-CAT', date: '2026-12-05', signer: 'Đại tá A', recordedBy: 13 },
        NOW,
      );
      await insertDecisionRecord(
        db,
        { nominationId: id, number: '124/QĐ-CAT', date: '2026-12-06', signer: 'Đại tá A', recordedBy: 9001 },
        later(1),
      );

      expect((await decisionRecordsOf(db, [id])).get(id)?.map((r) => r.number)).toEqual(['123/QĐ-CAT', '124/QĐ-CAT']);
      expect((await latestDecisionRecords(db, [id])).get(id)).toMatchObject({
        number: '124/QĐ-CAT',
        date: '2026-12-06',
        signer: 'Đại tá A',
        recordedBy: 9001,
      });
      expect((await commendationsOf(db, 12)).map((n) => [n.id, n.level])).toEqual([[id, 'giaykhen']]);
      expect((await findNomination(db, id))?.decidedAt).toBe(NOW.toISOString());
    });

    it("the nominator's own endorsement does not count", async () => {
      const id = await newNomination(db, 1);
      await toggleEndorsement(db, id, 11, NOW);
      await toggleEndorsement(db, id, 12, NOW);
      await toggleEndorsement(db, id, 13, NOW);
      expect((await findNomination(db, id))?.endorsements).toBe(1);
    });

    it('private copies: one due now, the next an hour after it, amended while it waits, bound once sent', async () => {
      const [a, b, c, d] = [
        await newNomination(db, 1),
        await newNomination(db, 2),
        await newNomination(db, 3),
        await newNomination(db, 4),
      ];
      const first = await addToPrivateCopy(db, { deciderId: 13, nominationId: a }, NOW);
      await writePrivateCopyRow(db, { copy: first.copy, html: 'one', payload: {} }, NOW);
      const second = await addToPrivateCopy(db, { deciderId: 13, nominationId: b }, later(60_000));
      await writePrivateCopyRow(db, { copy: second.copy, html: 'two', payload: {} }, later(60_000));
      const third = await addToPrivateCopy(db, { deciderId: 13, nominationId: c }, later(120_000));
      expect(
        await writePrivateCopyRow(db, { copy: third.copy, html: 'two and three', payload: {} }, later(120_000)),
      ).toBe(true);
      const again = await addToPrivateCopy(db, { deciderId: 13, nominationId: c }, later(130_000));

      expect(first).toMatchObject({ fresh: true, copy: { dueAt: NOW, nominationIds: [a] } });
      expect(second).toMatchObject({ fresh: true, copy: { dueAt: later(HOUR), nominationIds: [b] } });
      expect(third).toMatchObject({ fresh: false, copy: { id: second.copy.id, nominationIds: [b, c] } });
      expect(again).toMatchObject({ fresh: false, added: false });
      const rows = await db
        .selectFrom('outbox')
        .select(['period', 'html', 'not_before', 'chat_id'])
        .where('job', '=', PRIVATE_COPY_JOB)
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { period: `copy-${first.copy.id}`, html: 'one', not_before: NOW.toISOString(), chat_id: 13 },
        { period: `copy-${second.copy.id}`, html: 'two and three', not_before: later(HOUR).toISOString(), chat_id: 13 },
      ]);

      // Once the second is due it may be out: a later nomination waits for the hour after it.
      const fourth = await addToPrivateCopy(db, { deciderId: 13, nominationId: d }, later(HOUR + 1));
      expect(fourth).toMatchObject({ fresh: true, copy: { dueAt: later(2 * HOUR) } });

      await setPrivateCopyMessage(db, first.copy.id, 777);
      expect((await findPrivateCopy(db, 13, 777))?.nominationIds).toEqual([a]);
      expect(await findPrivateCopy(db, 12, 777)).toBeUndefined();
      expect((await privateCopiesOf(db, c)).map((copy) => copy.id)).toEqual([second.copy.id]);
    });

    it('a copy whose row was taken for delivery is not rewritten', async () => {
      const id = await newNomination(db, 1);
      const { copy } = await addToPrivateCopy(db, { deciderId: 13, nominationId: id }, NOW);
      await writePrivateCopyRow(db, { copy, html: 'one', payload: {} }, NOW);
      await db.updateTable('outbox').set({ status: 'sending' }).where('job', '=', PRIVATE_COPY_JOB).execute();
      expect(await writePrivateCopyRow(db, { copy, html: 'changed', payload: {} }, NOW)).toBe(false);
      const [row] = await db.selectFrom('outbox').select('html').where('job', '=', PRIVATE_COPY_JOB).execute();
      expect(row?.html).toBe('one');
    });

    it('private chats Telegram refused are known', async () => {
      await markChatUnreachable(db, 13, NOW);
      expect([...(await unreachablePrivateChats(db, [11, 13]))]).toEqual([13]);
    });
  });
}
