import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../../../src/config';
import { createDirectory } from '../../../src/directory/directory';
import { upsertMember } from '../../../src/directory/member-store';
import { setCommander } from '../../../src/directory/role-store';
import { insertUnit } from '../../../src/directory/unit-store';
import {
  decideAtLevel,
  mayReject,
  nominate,
  nominationsWaitingFor,
  readCommendation,
  recordOfficialDecision,
  rejectNomination,
} from '../../../src/features/nominations/nomination-service';
import { decisionsOf, findNomination } from '../../../src/features/nominations/nomination-store';
import { readProfile } from '../../../src/features/profile/profile-service';
import type { TellingScope } from '../../../src/features/use-case';
import { Outgoing } from '../../../src/outbox/outgoing';
import type { Db } from '../../../src/storage/schema';
import { DIALECTS, openTestStore, type TestStore } from '../../helpers/dialects';

const NOW = new Date('2026-11-24T02:00:00Z');
const GROUP = -1001000000006;
const ADMIN = 9001;
/** CAT (root) → PC06, PC08. An officer of PC06 is nominated by a colleague; commanders of PC06, PC08 and CAT. */
const people = {
  nominee: 11,
  nominator: 12,
  officer: 13,
  pc06Commander: 21,
  pc08Commander: 22,
  rootCommander: 23,
};

function config(): Config {
  const loaded = loadConfig({ DATABASE_URL: ':memory:', ADMIN_IDS: String(ADMIN), LOG_LEVEL: 'silent' });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  return loaded.config;
}

async function unitId(db: Db, code: string): Promise<number> {
  return (await db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

for (const dialect of DIALECTS) {
  describe(`nomination use cases called without the bot, on ${dialect}`, () => {
    let store: TestStore;
    let scope: TellingScope & { out: Outgoing };
    let nominationId: number;

    beforeEach(async () => {
      store = await openTestStore(dialect);
      const { db } = store;
      await insertUnit(db, { code: 'CAT', name: 'Công an tỉnh', parentId: null }, NOW);
      const cat = await unitId(db, 'CAT');
      for (const code of ['PC06', 'PC08']) await insertUnit(db, { code, name: `Phòng ${code}`, parentId: cat }, NOW);
      const pc06 = await unitId(db, 'PC06');
      const pc08 = await unitId(db, 'PC08');
      for (const [name, userId] of Object.entries(people)) {
        const unit = name.startsWith('pc08') ? pc08 : name.startsWith('root') ? cat : pc06;
        await upsertMember(db, { userId, firstName: name, lastName: null, username: null }, unit, NOW);
      }
      for (const [userId, unit] of [
        [people.pc06Commander, pc06],
        [people.pc08Commander, pc08],
        [people.rootCommander, cat],
      ] as const) {
        await setCommander(db, { userId, unitId: unit, commander: true, grantedBy: ADMIN }, NOW);
      }
      scope = {
        db,
        directory: createDirectory(db, { adminIds: [ADMIN] }),
        config: config(),
        now: NOW,
        out: new Outgoing((count) => `… ${count}`),
      };
      const nominee = { userId: people.nominee, firstName: 'nominee', lastName: null, username: null, unitId: pc06 };
      const nominated = await nominate(
        scope,
        { userId: people.nominator },
        { chatId: GROUP, threadId: null, sourceMessageId: 500, nominee, reason: 'hiến máu cứu người bị nạn' },
      );
      if (!nominated.ok || nominated.value.kind !== 'created') throw new Error(JSON.stringify(nominated));
      nominationId = nominated.value.nomination.id;
    });
    afterEach(() => store.dispose());

    it('tells the card to the group and the unit’s commander privately, without any bot', async () => {
      expect(scope.out.replies.map((reply) => reply.chatId)).toEqual([GROUP]);
      expect(scope.out.replies[0]?.payload?.afterSent).toEqual({ kind: 'nominationCard', id: nominationId });
      const copies = await store.db
        .selectFrom('outbox')
        .select('chat_id')
        .where('job', '=', 'nomination-private')
        .execute();
      expect(copies.map((row) => Number(row.chat_id))).toEqual([people.pc06Commander]);
    });

    it('refuses a caller outside the unit’s subtree, and changes nothing', async () => {
      for (const userId of [people.pc08Commander, people.officer]) {
        const decided = await decideAtLevel(scope, { userId }, { nominationId, level: 'bieuduong' });
        expect(decided).toEqual({ ok: false, error: { kind: 'nomination.notDecider' } });
        expect(await mayReject(scope, { userId }, { nominationId })).toEqual({
          ok: false,
          error: { kind: 'nomination.notDecider' },
        });
        expect(await nominationsWaitingFor(scope, { userId })).toEqual([]);
      }
      expect((await findNomination(store.db, nominationId))?.status).toBe('pending');
      expect(await decisionsOf(store.db, nominationId)).toEqual([]);
    });

    it('lets the unit’s commander decide, and no one decide their own case', async () => {
      const own = await rejectNomination(
        scope,
        { userId: people.nominator },
        { nominationId, reason: 'không đủ tiêu chuẩn' },
      );
      expect(own).toEqual({ ok: false, error: { kind: 'nomination.ownCase' } });
      expect(
        (await nominationsWaitingFor(scope, { userId: people.pc06Commander })).map((w) => w.nomination.id),
      ).toEqual([nominationId]);
      const decided = await decideAtLevel(
        scope,
        { userId: people.pc06Commander },
        { nominationId, level: 'bieuduong' },
      );
      expect(decided.ok && decided.value.status).toBe('approved');
    });

    it('reads a commendation and a profile only for the person, the commanders above them and admins', async () => {
      await decideAtLevel(scope, { userId: ADMIN }, { nominationId, level: 'giaykhen' });
      const reads = async (userId: number) => (await readCommendation(scope, { userId }, { nominationId })).ok;
      const profiles = async (userId: number) =>
        (await readProfile(scope, { userId }, { subjectId: people.nominee })).ok;
      for (const userId of [people.nominee, people.pc06Commander, people.rootCommander, ADMIN]) {
        expect(await reads(userId)).toBe(true);
        expect(await profiles(userId)).toBe(true);
      }
      for (const userId of [people.officer, people.nominator, people.pc08Commander]) {
        expect(await readCommendation(scope, { userId }, { nominationId })).toEqual({
          ok: false,
          error: { kind: 'commendation.notAllowed' },
        });
        expect(await profiles(userId)).toBe(false);
      }
      // Numbers that do not exist read the same as numbers of others.
      for (const id of [nominationId + 1, nominationId + 2, 999]) {
        expect(await readCommendation(scope, { userId: people.officer }, { nominationId: id })).toEqual({
          ok: false,
          error: { kind: 'commendation.notAllowed' },
        });
      }
    });

    it('refuses an official decision dated in the future or before the nomination', async () => {
      await decideAtLevel(scope, { userId: ADMIN }, { nominationId, level: 'bangkhen' });
      const record = (date: string) =>
        recordOfficialDecision(
          scope,
          { userId: people.rootCommander },
          { nominationId, number: '5/QĐ', date, signer: 'A' },
        );
      expect(await record('2026-11-25')).toEqual({ ok: false, error: { kind: 'decision.future', date: '2026-11-25' } });
      expect(await record('2026-11-23')).toEqual({
        ok: false,
        error: { kind: 'decision.beforeNomination', date: '2026-11-23', day: '2026-11-24' },
      });
      expect((await record('2026-11-24')).ok).toBe(true);
      expect(
        (
          await recordOfficialDecision(
            scope,
            { userId: people.pc06Commander },
            {
              nominationId,
              number: '6/QĐ',
              date: '2026-11-24',
              signer: 'B',
            },
          )
        ).ok,
      ).toBe(false);
    });
  });
}
