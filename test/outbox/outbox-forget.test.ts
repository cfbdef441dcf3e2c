import { TelegramError } from 'telegraf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorForLog } from '../../src/logger';
import {
  claimDue,
  dropJobRows,
  enqueueJobRows,
  markFailed,
  markSent,
  markSkipped,
  retryLater,
  sentMessageOf,
} from '../../src/outbox/outbox-store';
import { DIALECTS, openTestStore, type TestStore } from '../helpers/dialects';

const T0 = new Date('2026-12-10T02:00:00Z');
const SECRET = { keyboard: [[{ text: '☑️ 1. Đồng ý', callbackData: 'yb:1:0:y:TOKEN' }]], forget: true as const };

describe('errorForLog', () => {
  it('drops the request a TelegramError carries, and keeps what failed and where', () => {
    const error = new TelegramError(
      { error_code: 429, description: 'Too Many Requests' },
      {
        method: 'editMessageText',
        payload: { chat_id: 301, reply_markup: { inline_keyboard: [[{ callback_data: 'yb:1:0:y:TOKEN' }]] } },
      },
    );
    const logged = errorForLog(error) as Record<string, unknown>;
    expect(JSON.stringify(logged)).not.toContain('TOKEN');
    expect(logged).toMatchObject({
      type: 'TelegramError',
      message: '429: Too Many Requests',
      method: 'editMessageText',
    });
    expect(logged.response).toEqual({ error_code: 429, description: 'Too Many Requests' });
    expect(errorForLog(new Error('plain'))).toMatchObject({ message: 'plain' });
  });
});

for (const dialect of DIALECTS) {
  describe(`rows forgotten once they leave the outbox, on ${dialect}`, () => {
    let store: TestStore;
    beforeEach(async () => {
      store = await openTestStore(dialect);
    });
    afterEach(() => store.dispose());

    const contents = () =>
      store.db.selectFrom('outbox').select(['period', 'status', 'html', 'payload']).orderBy('period').execute();

    it('blanks the text and payload of a `forget` row when sent, failed or skipped, and not when retried', async () => {
      const rows = ['1', '2', '3', '4'].map((period) => ({
        kind: 'message' as const,
        period,
        chatId: 300 + Number(period),
        html: 'ballot',
        payload: SECRET,
      }));
      expect(await enqueueJobRows(store.db, 'year-ballot', rows, T0)).toBe(4);
      expect(await enqueueJobRows(store.db, 'year-ballot', rows, T0)).toBe(0);
      const claimed = await claimDue(store.db, {
        owner: 'w',
        now: T0,
        leaseUntil: new Date(T0.getTime() + 60_000),
        limit: 4,
      });
      const claim = (period: string) => {
        const row = claimed.find((each) => each.period === period)!;
        return { id: row.id, owner: 'w', attempts: row.attempts, forget: row.payload.forget === true };
      };
      expect(await markSent(store.db, { ...claim('1'), messageId: 41, now: T0 })).toBe(true);
      expect(await markFailed(store.db, { ...claim('2'), error: '403 Forbidden: bot was blocked by the user' })).toBe(
        true,
      );
      expect(await markSkipped(store.db, { ...claim('3'), reason: 'expired' })).toBe(true);
      expect(await retryLater(store.db, { ...claim('4'), notBefore: T0, error: '502 Bad Gateway' })).toBe(true);
      expect(await contents()).toEqual([
        { period: '1', status: 'sent', html: '', payload: null },
        { period: '2', status: 'failed', html: '', payload: null },
        { period: '3', status: 'skipped', html: '', payload: null },
        { period: '4', status: 'pending', html: 'ballot', payload: JSON.stringify(SECRET) },
      ]);
      expect(await sentMessageOf(store.db, { job: 'year-ballot', period: '1', chatId: 301 })).toBe(41);
      expect(await sentMessageOf(store.db, { job: 'year-ballot', period: '2', chatId: 302 })).toBeUndefined();
    });

    it('drops a job’s rows of a period and its sub-periods, telling the messages they sent', async () => {
      const row = (period: string, chatId: number) => ({ kind: 'message' as const, period, chatId, html: 'x' });
      await enqueueJobRows(
        store.db,
        'year-ballot',
        [row('7', 301), row('7.ab', 301), row('7', 302), row('70', 303)],
        T0,
      );
      await store.db
        .updateTable('outbox')
        .set({ status: 'sent', telegram_message_id: 5 })
        .where('chat_id', '=', 301)
        .execute();
      expect(await dropJobRows(store.db, { job: 'year-ballot', period: '7' })).toEqual([{ chatId: 301, messageId: 5 }]);
      expect(await contents()).toEqual([{ period: '70', status: 'pending', html: 'x', payload: null }]);
    });
  });
}
