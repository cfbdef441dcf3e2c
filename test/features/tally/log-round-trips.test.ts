import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../../helpers/dialects';
import { startTestBot, type TestBot } from '../../helpers/test-bot';
import { chats, users } from '../../helpers/updates';

/**
 * The round trips a warm /log makes to PostgreSQL inside its update's transaction (issue 19 §6, docs/PERFORMANCE.md):
 * every statement the transaction's client sends, `begin` and `commit` included. What it reads otherwise comes from
 * the directory's caches; a new read on the path shows here.
 */
const MAX_ROUND_TRIPS = 5;

/** Runs `work`, recording per client the statements sent from its `begin` to its `commit`. */
async function transactionsDuring(work: () => Promise<unknown>): Promise<string[][]> {
  const open = new Map<pg.Client, string[]>();
  const done: string[][] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: Parameters<typeof query>) {
    const first = args[0] as unknown;
    const text = (typeof first === 'string' ? first : (first as { text: string }).text).replace(/\s+/g, ' ').trim();
    if (/^begin\b/i.test(text)) open.set(this, []);
    const statements = open.get(this);
    statements?.push(text.slice(0, 100));
    if (statements && /^(commit|rollback)\b/i.test(text)) {
      done.push(statements);
      open.delete(this);
    }
    return query.apply(this, args);
  } as typeof query;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = query;
  }
  return done;
}

describe.skipIf(!TEST_DATABASE_URL)('a warm /log on PostgreSQL', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ dialect: 'postgres' });
    await bot.setUpUnits();
    // Warm: the directory has read the group, the unit tree, the catalog, the officer and their roster placement.
    await bot.send(users.alice, chats.pc06, '/log cccd 1');
    await bot.send(users.alice, chats.pc06, '/log cccd 2');
  });
  afterAll(() => bot?.close());

  it(`makes at most ${MAX_ROUND_TRIPS} round trips in its transaction, and is stored and confirmed`, async () => {
    const update = bot.updates.message({ from: users.alice, chat: chats.pc06, text: '/log cccd 3 dkoto 1' });
    const transactions = await transactionsDuring(() => bot.app.handleUpdate(update));
    const own = transactions.filter((statements) => statements.some((text) => text.includes('processed_updates')));
    expect(own).toHaveLength(1);
    const statements = own[0]!;
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(MAX_ROUND_TRIPS);
    expect(statements.at(-1)).toBe('commit');

    await bot.app.drain();
    const entries = await bot.standingEntries();
    expect(entries.filter((entry) => entry.update_id === update.update_id).map((entry) => entry.amount)).toEqual([
      3, 1,
    ]);
    const confirmations = await bot.db
      .selectFrom('outbox')
      .select(['kind', 'status', 'html'])
      .where('period', 'like', `${update.update_id}.%`)
      .execute();
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]).toMatchObject({ kind: 'confirmation', status: 'sent' });
    // The week so far, this /log included: 1 + 2 + 3.
    expect(confirmations[0]!.html).toContain('căn cước công dân <b>6</b> thẻ');
  });
});
