import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../../helpers/dialects';
import { startTestBot, type TestBot } from '../../helpers/test-bot';
import { chats, users } from '../../helpers/updates';

/**
 * The round trips a warm /log makes to PostgreSQL in its update's transaction (issue 19 §6, docs/PERFORMANCE.md):
 * the times the transaction's connection waits for an answer before it can write more. A statement written while
 * an earlier one is still unanswered (pg's pipeline mode) shares that one's round trip. What the /log reads comes
 * from the directory's caches; a new read or write on the path shows here.
 */
const MAX_ROUND_TRIPS = 3;
const MAX_STATEMENTS = 5;

interface Sent {
  readonly text: string;
  /** Written while an earlier statement of the connection was unanswered: no round trip of its own. */
  readonly pipelined: boolean;
  /** Sent as a named prepared statement: parsed and planned once per connection. */
  readonly named: boolean;
}

/** Runs `work`, recording per connection the statements written from its `begin` to its `commit`. */
async function transactionsDuring(work: () => Promise<unknown>): Promise<Sent[][]> {
  const open = new Map<pg.Client, Sent[]>();
  const inFlight = new Map<pg.Client, number>();
  const done: Sent[][] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: Parameters<typeof query>) {
    const first = args[0] as unknown;
    const text = (typeof first === 'string' ? first : (first as { text: string }).text).replace(/\s+/g, ' ').trim();
    const named = typeof first === 'object' && typeof (first as { name?: unknown }).name === 'string';
    const pending = inFlight.get(this) ?? 0;
    if (/^begin\b/i.test(text)) open.set(this, []);
    const statements = open.get(this);
    statements?.push({ text: text.slice(0, 100), pipelined: pending > 0, named });
    if (statements && /^(commit|rollback)\b/i.test(text)) {
      done.push(statements);
      open.delete(this);
    }
    inFlight.set(this, pending + 1);
    const answer = query.apply(this, args) as unknown as Promise<unknown>;
    const settle = () => inFlight.set(this, (inFlight.get(this) ?? 1) - 1);
    answer.then(settle, settle);
    return answer;
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
    const own = transactions.filter((statements) => statements.some(({ text }) => text.includes('processed_updates')));
    expect(own).toHaveLength(1);
    const statements = own[0]!;
    const listing = statements.map(({ text, pipelined }) => `${pipelined ? '  + ' : ''}${text}`).join('\n');
    expect(statements.filter(({ pipelined }) => !pipelined).length, listing).toBeLessThanOrEqual(MAX_ROUND_TRIPS);
    expect(statements.length, listing).toBeLessThanOrEqual(MAX_STATEMENTS);
    // In order on the wire: the ledger's claim first, the replies last, then the commit.
    expect(statements[0]!.text).toBe('begin');
    expect(statements[1]!.text).toContain('processed_updates');
    expect(statements.at(-2)!.text).toMatch(/^insert into outbox/);
    expect(statements.at(-1)!.text).toBe('commit');
    // Every statement but begin and commit is a prepared statement, bound by name once its connection has it.
    expect(statements.map(({ named }) => named)).toEqual(statements.map((_, i) => i > 0 && i < statements.length - 1));

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
