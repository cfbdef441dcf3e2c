import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findChat, moveChat, upsertChat } from '../../src/directory/chat-store';
import { findMember, findMemberByUsername, upsertMember } from '../../src/directory/member-store';
import { insertMetric, insertMetricAlias, loadMetricCatalog, setMetricMax } from '../../src/directory/metric-store';
import { commanderRoles, findRoles, setCommander } from '../../src/directory/role-store';
import { insertUnit, loadUnits } from '../../src/directory/unit-store';
import {
  addEndorsement,
  approvedNominations,
  countNominationsBy,
  decisionsOf,
  findNomination,
  findNominationByCard,
  findSameNomination,
  insertNomination,
  pendingNominations,
  recordDecision,
  setCardMessage,
  toggleEndorsement,
} from '../../src/features/nominations/nomination-store';
import { chatLocales, unreachableChats } from '../../src/features/settings/chats-store';
import { DEFAULT_GROUP_SETTINGS } from '../../src/features/settings/group-settings-rules';
import {
  boundGroupsWithSettings,
  findGroupSettings,
  saveGroupSettings,
} from '../../src/features/settings/group-settings-store';
import {
  addToDayTotals,
  insertTallies,
  memberTotals,
  personTotals,
  unitTotals,
} from '../../src/features/tally/tally-store';
import type { Db } from '../../src/storage/schema';
import { DIALECTS } from '../helpers/dialects';
import { batch, NOW, type TempStore, tempStore } from '../helpers/store-fixture';

const WEEK = { from: '2026-11-23', to: '2026-11-29' };
/** A supergroup id: beyond 32 bits, as Telegram's are. */
const GROUP = -1001234567890;
const OTHER_GROUP = -1009876543210;

/** Stores a /log's entries and its running totals, as the /log path does (without the ledger). */
async function log(db: Db, updateId: number, overrides: Parameters<typeof batch>[1] = {}): Promise<void> {
  const tallies = batch(updateId, overrides);
  await insertTallies(db, tallies, NOW);
  await addToDayTotals(
    db,
    tallies.items.map((item) => ({
      unitId: tallies.unitId,
      metricCode: item.metricCode,
      day: tallies.day,
      delta: item.amount,
    })),
  );
}

const nomination = (overrides: Partial<Parameters<typeof insertNomination>[1]> = {}) => ({
  chatId: GROUP,
  threadId: null,
  sourceMessageId: 500,
  nomineeId: 12,
  unitId: 1,
  nominatorId: 11,
  reason: 'helped a citizen at night',
  day: '2026-11-26',
  ...overrides,
});

for (const dialect of DIALECTS) {
  describe(`stores on ${dialect}`, () => {
    let store: TempStore;
    let db: Db;

    beforeEach(async () => {
      store = await tempStore(dialect);
      db = store.db;
    });

    afterEach(() => store.dispose());

    it('units: the tree in code order, with the number of groups bound to each as a number', async () => {
      await insertUnit(db, { code: 'PC06', name: 'Phòng PC06', parentId: 1 }, NOW);
      await upsertChat(db, { chatId: GROUP, type: 'supergroup', title: 'A' }, { unitId: 4 }, NOW);
      await upsertChat(db, { chatId: OTHER_GROUP, type: 'supergroup', title: 'B' }, { unitId: 4 }, NOW);
      const units = await loadUnits(db);
      expect(units.map((unit) => unit.code)).toEqual(['PC06', 'U1', 'U2', 'U3']);
      expect(units[0]).toMatchObject({ id: 4, code: 'PC06', name: 'Phòng PC06', parentId: 1, groups: 2 });
      expect(units[1]).toMatchObject({ id: 1, code: 'U1', name: 'Unit 1', parentId: null, groups: 0 });
    });

    it('chats: created, updated without losing what the update does not name, and moved to a supergroup', async () => {
      const basic = -4001;
      await upsertChat(db, { chatId: basic, type: 'group', title: 'Old' }, { unitId: 2, locale: 'en' }, NOW);
      await upsertChat(db, { chatId: basic, type: 'group', title: 'New' }, {}, NOW);
      expect(await findChat(db, basic)).toEqual({ chatId: basic, unitId: 2, locale: 'en', confirmMode: null });
      await log(db, 1, { chatId: basic, unitId: 2 });
      const nominationId = await insertNomination(db, nomination({ chatId: basic, unitId: 2 }), NOW);
      await saveGroupSettings(db, basic, { ...DEFAULT_GROUP_SETTINGS, reminders: false }, { by: 11, at: NOW });

      await moveChat(db, basic, GROUP, NOW);
      await moveChat(db, basic, GROUP, NOW);
      expect(await findChat(db, GROUP)).toEqual({ chatId: GROUP, unitId: 2, locale: 'en', confirmMode: 'auto' });
      expect(await findChat(db, basic)).toEqual({ chatId: basic, unitId: null, locale: null, confirmMode: null });
      const entries = await db.selectFrom('tally_entries').select('chat_id').execute();
      expect(entries).toEqual([{ chat_id: GROUP }]);
      expect((await findNomination(db, nominationId))?.chatId).toBe(GROUP);
      expect((await findGroupSettings(db, GROUP))?.reminders).toBe(false);
      expect(await findChat(db, 42)).toBeUndefined();
    });

    it('members: upserted, keeping their unit when none is given, and found by username in any case', async () => {
      await upsertMember(
        db,
        { userId: 7_000_000_001, firstName: 'An', lastName: 'Nguyễn', username: 'AnNguyen' },
        2,
        NOW,
      );
      await upsertMember(
        db,
        { userId: 7_000_000_001, firstName: 'An', lastName: null, username: 'AnNguyen' },
        null,
        NOW,
      );
      const expected = { userId: 7_000_000_001, firstName: 'An', lastName: null, username: 'AnNguyen', unitId: 2 };
      expect(await findMember(db, 7_000_000_001)).toEqual(expected);
      expect(await findMemberByUsername(db, 'annguyen')).toEqual(expected);
      expect(await findMemberByUsername(db, 'nobody')).toBeUndefined();
    });

    it('metrics: the seeded catalog in order, a new metric at its end, aliases and maximums', async () => {
      const catalog = await loadMetricCatalog(db);
      expect(catalog.all.map((metric) => metric.code)).toEqual([
        'cccd',
        'vlnc',
        'antt',
        'dkoto',
        'dktam',
        'bienvang',
        'tuyentruyen',
        'khautrang',
        'tamchan',
        'qua',
      ]);
      expect(catalog.all[0]?.aliases).toEqual(['can cuoc', 'can cuoc cong dan', 'cancuoc', 'id']);
      await insertMetric(
        db,
        {
          code: 'tiep',
          nameVi: 'Tiếp dân',
          nameEn: 'Citizens received',
          countUnitVi: 'lượt',
          countUnitEn: 'visits',
          maxPerEntry: 50,
        },
        NOW,
      );
      await insertMetricAlias(db, 'tiep dan', 'tiep');
      await setMetricMax(db, 'tiep', 80);
      const grown = await loadMetricCatalog(db);
      expect(grown.all.at(-1)).toMatchObject({ code: 'tiep', maxPerEntry: 80, aliases: ['tiep dan'] });
      const [row] = await db.selectFrom('metrics').select('sort_order').where('code', '=', 'tiep').execute();
      expect(row).toEqual({ sort_order: 11 });
    });

    it('roles: a commander appointed once however often, and the role taken away', async () => {
      const grant = { userId: 12, unitId: 2, commander: true, grantedBy: 11 };
      await setCommander(db, grant, NOW);
      await setCommander(db, grant, NOW);
      await setCommander(db, { ...grant, unitId: 3 }, NOW);
      expect(await findRoles(db, 12)).toEqual({ admin: false, commanderOf: expect.arrayContaining([2, 3]) });
      expect(await commanderRoles(db)).toEqual([
        { userId: 12, unitId: 2 },
        { userId: 12, unitId: 3 },
      ]);
      await setCommander(db, { ...grant, commander: false }, NOW);
      expect(await findRoles(db, 12)).toEqual({ admin: false, commanderOf: [3] });
    });

    it('nominations: stored, endorsed, decided once by two deciders at once, and listed', async () => {
      const id = await insertNomination(db, nomination(), NOW);
      expect(typeof id).toBe('number');
      await setCardMessage(db, id, 900);
      expect(await toggleEndorsement(db, id, 13, NOW)).toBe(true);
      expect(await toggleEndorsement(db, id, 11, NOW)).toBe(true);
      expect(await toggleEndorsement(db, id, 11, NOW)).toBe(false);
      await addEndorsement(db, id, 11, NOW);
      await addEndorsement(db, id, 11, NOW);
      // The nominee's and the nominator's own endorsements do not count.
      await addEndorsement(db, id, 12, NOW);
      const card = await findNominationByCard(db, GROUP, 900);
      expect(card).toMatchObject({
        id,
        chatId: GROUP,
        nomineeId: 12,
        nominatorId: 11,
        endorsements: 1,
        status: 'pending',
      });
      expect(await findSameNomination(db, { chatId: GROUP, sourceMessageId: 500, nomineeId: 12 })).toBe(id);
      expect(await countNominationsBy(db, 11, '2026-11-26')).toBe(1);
      expect((await pendingNominations(db, [1, 2])).map((n) => n.id)).toEqual([id]);

      const approve = (decidedBy: number) =>
        recordDecision(
          db,
          {
            nominationId: id,
            from: 'pending',
            to: 'approved',
            outcome: 'approved',
            level: 'giaykhen',
            reason: null,
            decidedBy,
          },
          NOW,
        );
      const wins = await Promise.all([approve(11), approve(13)]);
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await decisionsOf(db, id)).toHaveLength(1);
      const decided = await findNomination(db, id);
      expect(decided).toMatchObject({ status: 'approved', level: 'giaykhen' });
      expect([11, 13]).toContain(decided?.decidedBy);
      expect(await pendingNominations(db, [1])).toEqual([]);
      const approved = await approvedNominations(db, {
        unitIds: [1],
        since: new Date('2026-11-23T00:00:00Z'),
        until: new Date('2026-11-30T00:00:00Z'),
      });
      expect(approved.map((n) => n.id)).toEqual([id]);
    });

    it('weekly: groups with their settings, locales, totals of units and members, and unreachable people', async () => {
      await upsertChat(db, { chatId: GROUP, type: 'supergroup', title: 'U1' }, { unitId: 1, locale: 'en' }, NOW);
      await upsertChat(db, { chatId: OTHER_GROUP, type: 'supergroup', title: 'U2' }, { unitId: 2 }, NOW);
      await upsertChat(db, { chatId: 12, type: 'private', title: null }, { locale: 'vi' }, NOW);
      await saveGroupSettings(db, OTHER_GROUP, { ...DEFAULT_GROUP_SETTINGS, reminders: false }, { by: 11, at: NOW });
      await saveGroupSettings(
        db,
        GROUP,
        { ...DEFAULT_GROUP_SETTINGS, postsThreadId: 77, confirmMode: 'reply' },
        {
          by: 11,
          at: NOW,
        },
      );
      expect(await boundGroupsWithSettings(db)).toEqual([
        { chatId: OTHER_GROUP, unitId: 2, stored: { reminders: false, confirmMode: 'auto', postsThreadId: null } },
        { chatId: GROUP, unitId: 1, stored: { reminders: true, confirmMode: 'reply', postsThreadId: 77 } },
      ]);
      expect(await chatLocales(db, [GROUP, OTHER_GROUP, 12])).toEqual(
        new Map([
          [GROUP, 'en'],
          [12, 'vi'],
        ]),
      );

      await log(db, 1, { userId: 11, items: [{ metricCode: 'cccd', amount: 1_000_000 }] });
      await log(db, 2, { userId: 12, items: [{ metricCode: 'cccd', amount: 2_500_000 }] });
      await log(db, 3, { unitId: 2, userId: 13, day: '2026-11-20', items: [{ metricCode: 'qua', amount: 3 }] });
      expect(await unitTotals(db, { unitIds: [1, 2], range: WEEK })).toEqual([
        { unitId: 1, metricCode: 'cccd', total: 3_500_000 },
      ]);
      expect(await unitTotals(db, { unitIds: 'all', range: WEEK })).toEqual([
        { unitId: 1, metricCode: 'cccd', total: 3_500_000 },
      ]);
      expect(await unitTotals(db, { unitIds: [], range: WEEK })).toEqual([]);
      const members = await memberTotals(db, { unitIds: [1], range: WEEK });
      expect(members.sort((a, b) => a.userId - b.userId)).toEqual([
        { userId: 11, name: 'User 11', unitId: 1, metricCode: 'cccd', total: 1_000_000 },
        { userId: 12, name: 'User 12', unitId: 1, metricCode: 'cccd', total: 2_500_000 },
      ]);
      expect(await personTotals(db, 12, WEEK)).toEqual(new Map([['cccd', 2_500_000]]));

      await db.updateTable('chats').set({ unreachable_at: NOW.toISOString() }).where('chat_id', '=', 12).execute();
      expect(await unreachableChats(db, [11, 12])).toEqual(new Map([[12, NOW.toISOString()]]));
    });
  });
}
