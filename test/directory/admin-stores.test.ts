import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boundGroups, findChat, unbindUnitGroups, upsertChat } from '../../src/directory/chat-store';
import { insertMetricAlias, loadMetricCatalog, retireMetric } from '../../src/directory/metric-store';
import { loadUnits, moveUnit, renameUnit, retireUnit } from '../../src/directory/unit-store';
import { aliasNamesOf } from '../../src/kernel/metric';
import { createUnitTree } from '../../src/kernel/units';
import type { Db } from '../../src/storage/schema';
import { DIALECTS } from '../helpers/dialects';
import { NOW, type TempStore, tempStore } from '../helpers/store-fixture';

/** Supergroup ids: beyond 32 bits, as Telegram's are. */
const GROUP_A = -1001234567890;
const GROUP_B = -1009876543210;
const LATER = new Date('2026-11-27T03:00:00Z');

for (const dialect of DIALECTS) {
  describe(`administration stores on ${dialect}`, () => {
    let store: TempStore;
    let db: Db;

    beforeEach(async () => {
      store = await tempStore(dialect);
      db = store.db;
    });

    afterEach(() => store.dispose());

    it('renames, moves and retires units; a retired unit stays loaded but leaves the tree', async () => {
      await renameUnit(db, 2, 'Đội mới đổi tên');
      await moveUnit(db, 2, 1);
      await moveUnit(db, 3, 2);
      expect(await retireUnit(db, 3, LATER)).toBe(true);
      expect(await retireUnit(db, 3, LATER)).toBe(false);
      const units = await loadUnits(db);
      const tree = createUnitTree(units);

      expect(units.map(({ id, name, parentId, retiredAt }) => ({ id, name, parentId, retiredAt }))).toEqual([
        { id: 1, name: 'Unit 1', parentId: null, retiredAt: null },
        { id: 2, name: 'Đội mới đổi tên', parentId: 1, retiredAt: null },
        { id: 3, name: 'Unit 3', parentId: 2, retiredAt: LATER.toISOString() },
      ]);
      expect(tree.walk().map(({ unit, depth }) => [unit.code, depth])).toEqual([
        ['U1', 0],
        ['U2', 1],
      ]);
      expect(tree.subtreeIds(1).sort()).toEqual([1, 2]);
      expect(tree.byCode('U3')?.retiredAt).toBe(LATER.toISOString());
      expect(tree.active.map((unit) => unit.id)).toEqual([1, 2]);
      expect(tree.isWithin(2, 1)).toBe(true);
      expect(tree.isWithin(1, 2)).toBe(false);
    });

    it('lists the groups bound to each unit and unbinds a unit’s groups, keeping their language', async () => {
      await upsertChat(db, { chatId: GROUP_A, type: 'supergroup', title: 'Nhóm B' }, { unitId: 1, locale: 'en' }, NOW);
      await upsertChat(db, { chatId: GROUP_B, type: 'supergroup', title: 'Nhóm A' }, { unitId: 1 }, NOW);
      await upsertChat(db, { chatId: -42, type: 'group', title: null }, { unitId: 2 }, NOW);
      await upsertChat(db, { chatId: 7, type: 'private', title: null }, {}, NOW);

      const groups = await boundGroups(db);
      expect(Object.fromEntries([...groups].map(([unitId, list]) => [unitId, list.map((g) => g.title)]))).toEqual({
        1: ['Nhóm A', 'Nhóm B'],
        2: [null],
      });

      const unbound = await unbindUnitGroups(db, 1, LATER);
      expect(unbound.map((group) => group.chatId).sort()).toEqual([GROUP_A, GROUP_B].sort());
      expect(await unbindUnitGroups(db, 1, LATER)).toEqual([]);
      expect(await findChat(db, GROUP_A)).toEqual({ chatId: GROUP_A, unitId: null, locale: 'en', confirmMode: null });
      expect([...(await boundGroups(db)).keys()]).toEqual([2]);
    });

    it('keeps an alias’s display form beside the folded one, and retires a metric once', async () => {
      await insertMetricAlias(db, 'xe o to moi', 'dkoto', 'Xe Ô Tô Mới');
      await insertMetricAlias(db, 'xe hoi', 'dkoto');
      expect(await retireMetric(db, 'vlnc', LATER)).toBe(true);
      expect(await retireMetric(db, 'vlnc', LATER)).toBe(false);
      const catalog = await loadMetricCatalog(db);
      const dkoto = catalog.resolve('XE Ô TÔ MỚI')!;

      expect(dkoto.code).toBe('dkoto');
      expect(aliasNamesOf(dkoto)).toContain('Xe Ô Tô Mới');
      expect(aliasNamesOf(dkoto)).toContain('xe hoi');
      // Rows from before migration 0009 show their folded text.
      expect(aliasNamesOf(catalog.resolve('cccd')!)).toEqual(['can cuoc', 'can cuoc cong dan', 'cancuoc', 'id']);
      expect(catalog.resolve('vlnc')?.retiredAt).toBe(LATER.toISOString());
      expect(catalog.active.map((metric) => metric.code)).not.toContain('vlnc');
      expect(catalog.all.map((metric) => metric.code)).toContain('vlnc');
    });
  });
}
