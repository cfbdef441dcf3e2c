import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../../../src/config';
import { upsertChat } from '../../../src/directory/chat-store';
import { createDirectory } from '../../../src/directory/directory';
import { upsertMember } from '../../../src/directory/member-store';
import { setCommander } from '../../../src/directory/role-store';
import { insertUnit, loadUnits } from '../../../src/directory/unit-store';
import { chartsOf, exportOf, reportOf, setUnitTarget } from '../../../src/features/reports/report-service';
import { recordTallies } from '../../../src/features/tally/record-tallies';
import { historyOf, undoLog } from '../../../src/features/tally/tally-service';
import type { Caller, Place, UseCaseScope } from '../../../src/features/use-case';
import { DIALECTS, openTestStore, type TestStore } from '../../helpers/dialects';
import { seedMetric } from '../../helpers/metric-catalog';

const NOW = new Date('2026-11-24T02:00:00Z');
const MONTH = { kind: 'month', range: { from: '2026-11-01', to: '2026-11-30' } } as const;
const ADMIN = { userId: 9001 };
/** Commanders of PC06, of PC08, and of the province; an officer of PC06. */
const PC06_COMMANDER = { userId: 101 };
const PC08_COMMANDER = { userId: 102 };
const PROVINCE_COMMANDER = { userId: 103 };
const OFFICER = { userId: 104 };

function config(): Config {
  const loaded = loadConfig({
    BOT_TOKEN: '123456789:TEST_token_for_local_runs_only',
    DATABASE_URL: ':memory:',
    ADMIN_IDS: String(ADMIN.userId),
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  return loaded.config;
}

for (const dialect of DIALECTS) {
  describe(`the reports' use cases, called without the bot, on ${dialect}`, () => {
    let store: TestStore;
    let scope: UseCaseScope;
    const ids: Record<string, number> = {};

    beforeEach(async () => {
      store = await openTestStore(dialect);
      const { db } = store;
      for (const [code, parent] of [
        ['CAT', undefined],
        ['PC06', 'CAT'],
        ['PC08', 'CAT'],
        ['PC08-DK', 'PC08'],
      ] as const) {
        await insertUnit(db, { code, name: `Đơn vị ${code}`, parentId: parent ? ids[parent]! : null }, NOW);
        ids[code] = (await loadUnits(db)).find((unit) => unit.code === code)!.id;
      }
      for (const [caller, unit] of [
        [PC06_COMMANDER, ids.PC06!],
        [PC08_COMMANDER, ids.PC08!],
        [PROVINCE_COMMANDER, ids.CAT!],
      ] as const)
        await setCommander(db, { userId: caller.userId, unitId: unit, commander: true, grantedBy: ADMIN.userId }, NOW);
      await upsertMember(
        db,
        { userId: OFFICER.userId, firstName: 'An', lastName: null, username: null },
        ids.PC06!,
        NOW,
      );
      await upsertChat(db, { chatId: -6, type: 'supergroup', title: 'PC06' }, { unitId: ids.PC06! }, NOW);
      await recordTallies(
        db,
        {
          updateId: 1,
          chatId: -6,
          messageId: 1,
          unitId: ids.PC06!,
          userId: OFFICER.userId,
          day: '2026-11-23',
          note: null,
          items: [{ metricCode: 'cccd', amount: 120 }],
        },
        NOW,
      );
      scope = { db, directory: createDirectory(db, config()), config: config(), now: NOW };
    });
    afterEach(() => store.dispose());

    const privately: Place = { kind: 'private' };
    const pc06Report = (caller: Caller, place: Place = privately) =>
      reportOf(scope, caller, { unitCode: 'PC06', place, period: MONTH });
    const pc06Export = (caller: Caller) =>
      exportOf(scope, caller, {
        unitCode: 'PC06',
        place: privately,
        range: MONTH.range,
        deliverTo: { chatId: caller.userId, threadId: undefined, replyTo: undefined, locale: 'vi' },
      });

    it("refuses PC06's report and export to the commander of its sibling PC08, and to an officer", async () => {
      for (const caller of [PC08_COMMANDER, OFFICER]) {
        expect(await pc06Report(caller)).toEqual({ ok: false, error: { kind: 'report.notAllowed' } });
        expect(await pc06Export(caller)).toEqual({ ok: false, error: { kind: 'report.notAllowed' } });
      }
      const target = {
        unitCode: 'PC06',
        place: privately,
        metric: seedMetric('cccd'),
        kind: 'month',
        amount: 5,
      } as const;
      expect(await setUnitTarget(scope, PC08_COMMANDER, target)).toEqual({
        ok: false,
        error: { kind: 'report.notAllowed' },
      });
      expect(await store.db.selectFrom('export_requests').selectAll().execute()).toEqual([]);
      expect(await store.db.selectFrom('targets').selectAll().execute()).toEqual([]);
    });

    it('charts the unit of the caller, and refuses a caller who commands none', async () => {
      const charts = (caller: Caller) =>
        chartsOf(scope, caller, { place: privately, metric: undefined, range: MONTH.range, locale: 'vi' });
      expect(await charts(OFFICER)).toEqual({ ok: false, error: { kind: 'report.noUnit' } });
      const charted = await charts(PC06_COMMANDER);
      expect(charted.ok && [charted.value.unit.code, charted.value.metric.code]).toEqual(['PC06', 'cccd']);
      expect(charted.ok && charted.value.trend.bars.at(-1)?.value).toBe(120);
    });

    it("serves PC06's report and export to its commander, the province's and an admin", async () => {
      for (const caller of [PC06_COMMANDER, PROVINCE_COMMANDER, ADMIN]) {
        const report = await pc06Report(caller);
        expect(report.ok && report.value.totals.map((row) => [row.metric.code, row.total])).toEqual([['cccd', 120]]);
        const requested = await pc06Export(caller);
        expect(requested.ok && requested.value.unit.code).toBe('PC06');
      }
      expect(await store.db.selectFrom('export_requests').select('requested_by').execute()).toHaveLength(3);
    });

    it("shows anyone in PC06's group its report, and the province's report to nobody there but commanders", async () => {
      const inGroup: Place = { kind: 'group', unitId: ids.PC06! };
      expect((await pc06Report(OFFICER, inGroup)).ok).toBe(true);
      expect(await reportOf(scope, OFFICER, { unitCode: 'CAT', place: inGroup, period: MONTH })).toEqual({
        ok: false,
        error: { kind: 'report.notAllowed' },
      });
      expect((await reportOf(scope, PROVINCE_COMMANDER, { unitCode: 'CAT', place: inGroup, period: MONTH })).ok).toBe(
        true,
      );
    });

    it("lets a commander of the unit undo an officer's entry and see their history, and not a sibling's", async () => {
      const target = { kind: 'log', updateId: 1 } as const;
      expect(await undoLog(scope, PC08_COMMANDER, { target, via: 'command' })).toEqual({
        ok: false,
        error: { kind: 'undo.notAllowed' },
      });
      expect(await historyOf(scope, PC08_COMMANDER, { subjectId: OFFICER.userId, groupUnitId: ids.PC08! })).toEqual({
        ok: true,
        value: expect.objectContaining({ logs: [] }),
      });
      const seen = await historyOf(scope, PC06_COMMANDER, { subjectId: OFFICER.userId, groupUnitId: ids.PC06! });
      expect(seen.ok && seen.value.logs.flat().map((entry) => entry.amount)).toEqual([120]);
      // The button is the author's alone, even for a commander.
      expect(await undoLog(scope, PC06_COMMANDER, { target, via: 'button' })).toEqual({
        ok: false,
        error: { kind: 'undo.notAuthor' },
      });
      const undone = await undoLog(scope, PC06_COMMANDER, { target, via: 'command' });
      expect(undone.ok && undone.value.entries.map((entry) => entry.amount)).toEqual([120]);
    });
  });
}
