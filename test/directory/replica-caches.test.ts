import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/dialects';
import { type Answer, startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';

const REFUSED = 'Chỉ chỉ huy của đơn vị hoặc quản trị viên được dùng lệnh này trong nhóm.';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const dialect of DIALECTS) {
  describe(`two apps on one ${dialect} database`, () => {
    const bots: TestBot[] = [];
    afterEach(async () => {
      for (const bot of bots.splice(0).reverse()) await bot.close();
    });

    async function twoApps(): Promise<[TestBot, TestBot]> {
      const first = await startTestBot({ dialect });
      bots.push(first);
      const second = await startTestBot({ dialect, databaseUrl: first.url, firstUpdateId: 1_000_000 });
      bots.push(second);
      return [first, second];
    }

    /** Sends /lang through `bot` until it is accepted, at most `withinMs`; returns how long that took. */
    async function acceptedWithin(bot: TestBot, withinMs: number): Promise<number> {
      const started = performance.now();
      for (;;) {
        const answer = await bot.send(users.binh, chats.pc06, '/lang vi');
        if (answer.text && answer.text !== REFUSED) return performance.now() - started;
        if (performance.now() - started > withinMs) throw new Error(`still refused after ${withinMs} ms`);
        await sleep(100);
      }
    }

    it('a role granted through one app takes effect in the other within 2 s', async () => {
      const [first, second] = await twoApps();
      await first.setUpUnits();
      // The second app has read (and cached) that the officer commands nothing.
      expect((await second.send(users.binh, chats.pc06, '/lang vi')).text).toBe(REFUSED);
      expect((await second.send(users.binh, chats.pc06, '/lang vi')).text).toBe(REFUSED);

      await first.appointCommander(users.binh, chats.pc06);
      expect(await acceptedWithin(second, 2000)).toBeLessThan(2000);
    });

    it('a unit and a group registered through one app are known to the other within 2 s', async () => {
      const [first, second] = await twoApps();
      // Cached by the second app: the group is bound to nothing.
      const before = await second.send(users.admin, chats.pc06, '/top');
      await first.setUpUnits();
      const started = performance.now();
      let after = before;
      while (after.text === before.text && performance.now() - started < 2000) {
        await sleep(100);
        after = await second.send(users.admin, chats.pc06, '/top');
      }
      expect(after.text).not.toBe(before.text);
      expect(after.text).toContain('Phòng Cảnh sát QLHC');
    });

    /** Sends /log through `bot` until `seen` holds of the answer, at most 2 s; returns how long that took. */
    async function loggedUntil(bot: TestBot, seen: (answer: Answer) => boolean): Promise<number> {
      const started = performance.now();
      for (;;) {
        if (seen(await bot.send(users.alice, chats.pc06, '/log cccd 1'))) return performance.now() - started;
        if (performance.now() - started > 2000) throw new Error('not seen after 2000 ms');
        await sleep(100);
      }
    }

    it('a group’s confirmation mode and a person’s roster unit changed through one app reach the other’s /log within 2 s', async () => {
      const [first, second] = await twoApps();
      await first.setUpUnits();
      // Cached by the second app: the group confirms by message, and the officer is on no roster.
      const before = await second.send(users.alice, chats.pc06, '/log cccd 1');
      expect(before.sent).toHaveLength(1);
      expect(before.text).not.toContain('Phòng Cảnh sát Giao thông');

      const pc08 = await first.db.selectFrom('units').select('id').where('code', '=', 'PC08').executeTakeFirstOrThrow();
      await first.db
        .insertInto('people')
        .values({
          full_name: 'Nguyễn Văn An',
          name_key: 'nguyen van an',
          unit_id: pc08.id,
          role: 'officer',
          user_id: users.alice.id,
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
        })
        .execute();
      expect(await loggedUntil(second, (answer) => answer.text.includes('Phòng Cảnh sát Giao thông'))).toBeLessThan(
        2000,
      );

      expect((await first.send(users.admin, chats.pc06, '/settings confirm reaction')).sent).toHaveLength(1);
      const reacted = (answer: Answer) =>
        answer.sent.length === 0 && answer.calls.some((call) => call.method === 'setMessageReaction');
      expect(await loggedUntil(second, reacted)).toBeLessThan(2000);
    });

    it('a chat whose title alone changes does not move the chats version', async () => {
      const [first] = await twoApps();
      await first.setUpUnits();
      const version = async () =>
        (await first.db.selectFrom('cache_versions').select('version').where('name', '=', 'chats').executeTakeFirst())
          ?.version;
      const before = await version();
      await first.db.updateTable('chats').set({ title: 'Tên mới' }).where('chat_id', '=', chats.pc06.id).execute();
      expect(await version()).toBe(before);
      await first.db.updateTable('chats').set({ locale: 'en' }).where('chat_id', '=', chats.pc06.id).execute();
      expect(await version()).toBe(Number(before) + 1);
    });
  });
}
