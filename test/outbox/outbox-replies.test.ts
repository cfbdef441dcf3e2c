import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueueReplies } from '../../src/outbox/outbox-store';
import { Outgoing } from '../../src/outbox/outgoing';
import { DIALECTS, openTestStore, type TestStore } from '../helpers/dialects';

const T0 = new Date('2026-12-10T02:00:00Z');
const GROUP = -1_001_000_000_042;

for (const dialect of DIALECTS) {
  describe(`an update's replies on ${dialect}`, () => {
    let store: TestStore;
    beforeEach(async () => {
      store = await openTestStore(dialect);
    });
    afterEach(() => store.dispose());

    const rows = () => store.db.selectFrom('outbox').select(['period', 'kind', 'chat_id']).orderBy('id').execute();

    /** An update's /log acknowledgement: ✍ only when at least `freeSlots` of the group's messages wait. */
    function acknowledged(freeSlots: number): Outgoing {
      const out = new Outgoing((dropped) => `… ${dropped}`);
      out.confirm(GROUP, 7, undefined, { html: 'ok', keyboard: [], mergeHeading: 'h', mergeLine: 'l' });
      out.react(GROUP, 7, '✍', { whenWaiting: freeSlots });
      return out;
    }

    it('writes a reaction whenWaiting only when that many of the chat’s messages wait, counted before the update’s own', async () => {
      // Nothing waits: with one free slot, the confirmation goes alone (its own row, written by the same
      // statement, is not counted).
      expect(await enqueueReplies(store.db, '1', acknowledged(1).replies, T0)).toBe(1);
      expect(await rows()).toEqual([{ period: '1.0', kind: 'confirmation', chat_id: GROUP }]);
      // One waits (the first confirmation): one free slot is short, so ✍ too.
      expect(await enqueueReplies(store.db, '2', acknowledged(1).replies, T0)).toBe(2);
      // Two wait: two free slots are short too; three are not.
      expect(await enqueueReplies(store.db, '3', acknowledged(2).replies, T0)).toBe(2);
      expect(await enqueueReplies(store.db, '4', acknowledged(4).replies, T0)).toBe(1);
      expect((await rows()).map((row) => `${row.period} ${row.kind}`)).toEqual([
        '1.0 confirmation',
        '2.0 confirmation',
        '2.1 reaction',
        '3.0 confirmation',
        '3.1 reaction',
        '4.0 confirmation',
      ]);
    });

    it('takes a budget without limit (the benchmark’s) and never reacts then; a redelivery adds nothing', async () => {
      expect(await enqueueReplies(store.db, '1', acknowledged(Number.MAX_SAFE_INTEGER).replies, T0)).toBe(1);
      expect(await enqueueReplies(store.db, '2', acknowledged(Number.POSITIVE_INFINITY).replies, T0)).toBe(1);
      expect(await enqueueReplies(store.db, '2', acknowledged(Number.MAX_SAFE_INTEGER).replies, T0)).toBe(0);
      expect((await rows()).map((row) => row.kind)).toEqual(['confirmation', 'confirmation']);
    });
  });
}
