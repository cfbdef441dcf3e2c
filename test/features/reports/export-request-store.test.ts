import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  claimExport,
  finishExport,
  forgetSentExportFiles,
  type NewExportRequest,
  releaseExport,
  renewExportLease,
  requestExport,
} from '../../../src/features/reports/export-request-store';
import { connect } from '../../../src/storage/connect';
import { DIALECTS, openTestStore, type TestStore } from '../../helpers/dialects';

const T0 = new Date('2026-11-24T02:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const LEASE_MS = 60_000;

const document = (name: string) => ({
  kind: 'document' as const,
  chatId: -100,
  html: '',
  payload: { document: { base64: Buffer.from(name).toString('base64'), filename: name } },
});

for (const dialect of DIALECTS) {
  describe(`export requests on ${dialect}`, () => {
    let store: TestStore;
    let request: NewExportRequest;
    beforeEach(async () => {
      store = await openTestStore(dialect);
      const unit = await store.db
        .insertInto('units')
        .values({ code: 'CAT', name: 'Công an tỉnh', parent_id: null, created_at: T0.toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      request = {
        chatId: -100,
        threadId: undefined,
        replyTo: 7,
        requestedBy: 1001,
        unitId: unit.id,
        range: { from: '2021-05-01', to: '2021-08-31' },
        locale: 'vi',
      };
    });
    afterEach(() => store.dispose());

    const claim = (owner: string, seconds: number) =>
      claimExport(store.db, { owner, now: at(seconds), leaseMs: LEASE_MS });
    const outboxPeriods = async () =>
      (await store.db.selectFrom('outbox').select('period').orderBy('id').execute()).map((row) => row.period);

    it('is claimed by one of two connections asking at once', async () => {
      await requestExport(store.db, request, T0);
      const other = connect(store.url);
      try {
        const claims = await Promise.all([
          claimExport(store.db, { owner: 'a', now: T0, leaseMs: LEASE_MS }),
          claimExport(other.db, { owner: 'b', now: T0, leaseMs: LEASE_MS }),
        ]);
        expect(claims.filter((each) => each !== undefined)).toHaveLength(1);
        expect(await claim('c', 1)).toBeUndefined();
      } finally {
        await other.close();
      }
    });

    it('a lapsed claim is taken over; the old claim can neither renew nor finish, the new one finishes once', async () => {
      const id = await requestExport(store.db, request, T0);
      const first = await claim('a', 0);
      expect(first).toMatchObject({ id, attempts: 1, range: request.range, replyTo: 7, threadId: undefined });
      expect(await renewExportLease(store.db, first!, at(30), LEASE_MS)).toBe(true);
      expect(await claim('b', 60)).toBeUndefined();
      const second = await claim('b', 91);
      expect(second).toMatchObject({ id, attempts: 2 });

      expect(await renewExportLease(store.db, first!, at(92), LEASE_MS)).toBe(false);
      expect(await finishExport(store.db, first!, { status: 'done' }, [document('a.xlsx')], at(93))).toBe(false);
      expect(await outboxPeriods()).toEqual([]);

      expect(
        await finishExport(store.db, second!, { status: 'done' }, [document('b.xlsx'), document('b.csv')], at(94)),
      ).toBe(true);
      expect(await outboxPeriods()).toEqual([`export-${id}.0`, `export-${id}.1`]);
      expect(await finishExport(store.db, second!, { status: 'done' }, [document('c.xlsx')], at(95))).toBe(false);
      expect(await claim('c', 1000)).toBeUndefined();
      const row = await store.db.selectFrom('export_requests').selectAll().executeTakeFirstOrThrow();
      expect([row.status, row.lease_owner, row.finished_at]).toEqual(['done', null, at(94).toISOString()]);
    });

    it('a released claim is claimable at once', async () => {
      await requestExport(store.db, request, T0);
      const first = await claim('a', 0);
      expect(await releaseExport(store.db, first!)).toBe(true);
      expect(await claim('b', 1)).toMatchObject({ attempts: 2, owner: 'b' });
    });

    it('forgets the bytes of the documents sent, not of those still waiting', async () => {
      const id = await requestExport(store.db, request, T0);
      const held = await claim('a', 0);
      await finishExport(store.db, held!, { status: 'done' }, [document('x.xlsx'), document('x.csv')], at(1));
      await store.db.updateTable('outbox').set({ status: 'sent' }).where('period', '=', `export-${id}.0`).execute();
      expect(await forgetSentExportFiles(store.db, id)).toBe(1);
      const payloads = await store.db.selectFrom('outbox').select(['period', 'payload']).orderBy('id').execute();
      expect(payloads.map((row) => JSON.parse(row.payload ?? '{}').document)).toEqual([
        { base64: '', filename: 'x.xlsx' },
        { base64: Buffer.from('x.csv').toString('base64'), filename: 'x.csv' },
      ]);
    });
  });
}
