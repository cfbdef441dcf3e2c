import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsOnMessage, enqueueReplies, type OutboxReply } from '../../src/outbox/outbox-store';
import { DIALECTS, openTestStore, type TestStore } from '../helpers/dialects';

const NOW = new Date('2026-11-24T02:00:00Z');
const GROUP = -1001000000006;
const OTHER = -1001000000008;
const keyboard = (...data: string[]) => [data.map((callbackData) => ({ text: callbackData, callbackData }))];

for (const dialect of DIALECTS) {
  describe(`the buttons a message carries, as the outbox wrote them, on ${dialect}`, () => {
    let store: TestStore;
    let update = 0;
    beforeEach(async () => {
      store = await openTestStore(dialect);
    });
    afterEach(() => store.dispose());

    /** Writes replies as one update would, then marks them as the sender would: sent as `messageId`, or left. */
    async function wrote(reply: OutboxReply, outcome: { sent?: number; status?: 'pending' | 'failed' } = {}) {
      update += 1;
      await enqueueReplies(store.db, String(update), [reply], NOW);
      await store.db
        .updateTable('outbox')
        .set({
          status: outcome.sent !== undefined ? 'sent' : (outcome.status ?? 'pending'),
          telegram_message_id: outcome.sent ?? null,
        })
        .where('period', '=', `${update}.0`)
        .execute();
    }
    const buttons = (chatId: number, messageId: number) => buttonsOnMessage(store.db, { chatId, messageId });

    it('reads a message’s own buttons, then its last edit’s, sent, waiting or failed', async () => {
      await wrote(
        { kind: 'message', chatId: GROUP, html: 'a', payload: { keyboard: keyboard('x:1', 'x:2') } },
        { sent: 10 },
      );
      await wrote({ kind: 'message', chatId: OTHER, html: 'b', payload: { keyboard: keyboard('y:1') } }, { sent: 10 });
      expect(await buttons(GROUP, 10)).toEqual(['x:1', 'x:2']);
      expect(await buttons(OTHER, 10)).toEqual(['y:1']);
      expect(await buttons(GROUP, 11)).toEqual([]);

      await wrote(
        { kind: 'edit', chatId: GROUP, html: 'a2', payload: { messageId: 10, keyboard: keyboard('x:3') } },
        { sent: 10 },
      );
      expect(await buttons(GROUP, 10)).toEqual(['x:3']);
      await wrote({ kind: 'edit', chatId: GROUP, html: 'a3', payload: { messageId: 10, keyboard: [] } });
      expect(await buttons(GROUP, 10)).toEqual([]);
      await wrote(
        { kind: 'edit', chatId: GROUP, html: 'a4', payload: { messageId: 10, keyboard: keyboard('x:4') } },
        {
          status: 'failed',
        },
      );
      expect(await buttons(GROUP, 10)).toEqual(['x:4']);
      // An edit of another message of the chat is no edit of this one.
      await wrote({ kind: 'edit', chatId: GROUP, html: 'z', payload: { messageId: 12, keyboard: keyboard('z:1') } });
      expect(await buttons(GROUP, 10)).toEqual(['x:4']);
      expect(await buttons(GROUP, 12)).toEqual(['z:1']);
    });

    it('reads no buttons under confirmations merged into one message', async () => {
      for (const id of [1, 2]) {
        await wrote(
          {
            kind: 'confirmation',
            chatId: GROUP,
            html: 'c',
            payload: { replyTo: id, keyboard: keyboard(`undo:${id}`) },
          },
          { sent: 30 },
        );
      }
      expect(await buttons(GROUP, 30)).toEqual([]);
    });
  });
}
