import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodAt } from '../../src/features/weekly/weekly-jobs';
import { type Connection, connect } from '../../src/storage/connect';
import type { NonChannelChat, User } from '../../src/telegram/update-schema';
import { createTestSchema, dropTestSchema, TEST_DATABASE_URL } from '../helpers/dialects';
import { type LimitedFakeBotApi, serveLimitedBotApi } from '../helpers/limited-bot-api-server';
import { exitOf, freePort, sleep, until } from '../helpers/processes';
import { createUpdateFactory, type UpdateFactory } from '../helpers/updates';

/**
 * Several bot processes on one PostgreSQL, as behind a load balancer: two replicas in webhook mode receive every
 * update twice (shuffled), one of them is killed with -9 mid-burst, and two schedulers and the job CLI make the
 * weekly posts at once, all against a fake Bot API that enforces Telegram's limits (429 beyond them).
 */

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'src/main.ts');
const JOB_CLI = join(ROOT, 'src/cli/job.ts');
const TOKEN = '123456789:E2E_replicas_token_for_local_runs';
const SECRET = 'replica-test-secret';
const TZ = 'Asia/Ho_Chi_Minh';
const GROUPS = 6;
const LOGS_PER_GROUP = 10;
const admin: User = { id: 9001, is_bot: false, first_name: 'Quản trị' };
/** A change made through one replica reaches the others within this (README: cache_versions, read every second). */
const CACHE_SPREAD_MS = 2000;

const lastLine = (text: string) => text.trim().split('\n').at(-1) ?? '';
/** Fisher–Yates. */
function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** A bot process in webhook mode on its own port. */
interface Replica {
  readonly name: string;
  readonly port: number;
  readonly path: string;
  readonly child: ChildProcess;
  readonly log: string;
}

const gate = TEST_DATABASE_URL ? describe : describe.skip;

gate('two bot replicas on one PostgreSQL', () => {
  let schema: string;
  let url: string;
  let fake: LimitedFakeBotApi;
  let closeFake: () => Promise<void>;
  let apiRoot: string;
  let store: Connection;
  let dir: string;
  let updates: UpdateFactory;
  const running: Replica[] = [];

  beforeAll(async () => {
    ({ schema, url } = await createTestSchema());
    const served = await serveLimitedBotApi();
    fake = served.api;
    apiRoot = served.served.url;
    closeFake = () => served.served.close();
    store = connect(url);
    dir = mkdtempSync(join(tmpdir(), 'thidua-replicas-'));
    updates = createUpdateFactory({
      now: () => new Date(),
      nextMessageId: (chatId) => fake.nextMessageId(chatId),
      firstUpdateId: 1000,
    });
  });

  afterAll(async () => {
    for (const replica of running) replica.child.kill('SIGKILL');
    await Promise.all(running.map((replica) => exitOf(replica.child)));
    await store?.close();
    await closeFake?.();
    fake?.close();
    if (schema) await dropTestSchema(schema);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}) => ({
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: apiRoot,
    DATABASE_URL: url,
    ADMIN_IDS: String(admin.id),
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_MS: '200',
    CATCH_UP_HOURS: '0',
    ...extra,
  });

  /** Starts a replica (node with tsx's loader, no wrapper, so SIGKILL reaches the bot itself). */
  async function startReplica(name: string, extra: Record<string, string> = {}): Promise<Replica> {
    const port = await freePort();
    const path = `/tg/${name}`;
    const log = join(dir, `${name}.log`);
    const output = openSync(log, 'a');
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      cwd: ROOT,
      env: env({
        WEBHOOK_URL: `https://example.invalid${path}`,
        WEBHOOK_SECRET: SECRET,
        PORT: String(port),
        ...extra,
      }),
      stdio: ['ignore', output, output],
    });
    const replica = { name, port, path, child, log };
    running.push(replica);
    return replica;
  }

  /** `npm run job -- …` as its own process, on the same database and Bot API. */
  function runJobCli(...argv: string[]): Promise<{ code: number | null; out: string }> {
    const cli = spawn(process.execPath, ['--import', 'tsx', JOB_CLI, ...argv], {
      cwd: ROOT,
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    cli.stdout.on('data', (chunk) => {
      out += String(chunk);
    });
    cli.stderr.on('data', (chunk) => {
      out += String(chunk);
    });
    return new Promise((done) => cli.once('exit', (code) => done({ code, out })));
  }

  async function ready(replica: Replica): Promise<void> {
    await until(
      async () => {
        if (replica.child.exitCode !== null) throw new Error(`${replica.name} exited:\n${readFileSync(replica.log)}`);
        const answer = await fetch(`http://127.0.0.1:${replica.port}/healthz`).catch(() => undefined);
        return answer?.status === 200;
      },
      60_000,
      `${replica.name} to answer /healthz`,
    );
  }

  async function stop(replica: Replica, signal: NodeJS.Signals): Promise<void> {
    replica.child.kill(signal);
    await exitOf(replica.child);
    running.splice(running.indexOf(replica), 1);
  }

  /** Posts an update to a replica's webhook as Telegram would; the status, or 0 when the replica is not there. */
  async function post(replica: Replica, update: object): Promise<number> {
    try {
      const answer = await fetch(`http://127.0.0.1:${replica.port}${replica.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(update),
      });
      await answer.arrayBuffer();
      return answer.status;
    } catch {
      return 0;
    }
  }

  /**
   * Every update to every replica, in random order, `parallel` requests in flight; `during` runs once half of the
   * updates have been answered. Returns each delivery's status.
   */
  async function deliverToAll(
    replicas: readonly Replica[],
    batch: readonly object[],
    options: { parallel?: number; during?: () => Promise<void> } = {},
  ): Promise<number[]> {
    const deliveries = shuffled(batch.flatMap((update) => replicas.map((replica) => ({ replica, update }))));
    const statuses: number[] = [];
    let next = 0;
    let duringDone = options.during === undefined;
    const half = deliveries.length / 2;
    const worker = async () => {
      while (next < deliveries.length) {
        const { replica, update } = deliveries[next++]!;
        statuses.push(await post(replica, update));
        if (!duringDone && statuses.length >= half) {
          duringDone = true;
          await options.during?.();
        }
      }
    };
    await Promise.all(Array.from({ length: options.parallel ?? 8 }, worker));
    return statuses;
  }

  const group = (g: number): NonChannelChat => ({
    id: -1_001_000_000_100 - g,
    type: 'supergroup',
    title: `Đội ${g}`,
  });
  const officer = (g: number): User => ({ id: 2000 + g, is_bot: false, first_name: `Cán bộ ${g}` });
  /** An update from `from` in `chat`, made known to the fake so replies to it resolve (webhook replicas never poll). */
  const message = (from: User, chat: NonChannelChat, text: string) => {
    const update = updates.message({ from, chat, text });
    fake.pushUpdate(update);
    return update;
  };

  /** Units D<g> bound to their groups, every set-up update sent to both replicas; `groups` are registered. */
  async function setUpGroups(replicas: readonly Replica[], groups: readonly number[]): Promise<void> {
    for (const [step, text] of [
      ['unit', (g: number) => `/unit add D${g} Đội ${g}`],
      ['register', (g: number) => `/register D${g}`],
    ] as const) {
      const statuses = await deliverToAll(
        replicas,
        groups.map((g) => message(admin, group(g), text(g))),
      );
      expect(
        statuses.every((status) => status === 200),
        `${step}: ${statuses}`,
      ).toBe(true);
      // The other replica's directory learns of the new units (and then chats) within this.
      await sleep(CACHE_SPREAD_MS);
    }
    const registered = await store.db
      .selectFrom('chats')
      .select('chat_id')
      .where('unit_id', 'is not', null)
      .where(
        'chat_id',
        'in',
        groups.map((g) => group(g).id),
      )
      .execute();
    expect(registered).toHaveLength(groups.length);
  }

  /** /log updates, LOGS_PER_GROUP per group, and their keys "chat:message". */
  function logBurst(groups: readonly number[]) {
    const batch = groups.flatMap((g) =>
      Array.from({ length: LOGS_PER_GROUP }, (_, n) => message(officer(g), group(g), `/log cccd ${n + 1}`)),
    );
    const keys = new Set(batch.map((update) => `${update.message.chat.id}:${update.message.message_id}`));
    return { batch, keys };
  }

  /** How many times each of `keys` ("chat:message") was replied to by a message the fake accepted. */
  function repliesTo(keys: ReadonlySet<string>): Map<string, number> {
    const counts = new Map([...keys].map((key) => [key, 0]));
    for (const payload of fake.sentMessages()) {
      const target = (payload.reply_parameters as { message_id?: unknown } | undefined)?.message_id;
      const key = `${payload.chat_id}:${target}`;
      if (counts.has(key)) counts.set(key, counts.get(key)! + 1);
    }
    return counts;
  }

  const entriesOf = (groups: readonly number[]) =>
    store.db
      .selectFrom('tally_entries')
      .select(['chat_id', 'message_id'])
      .where(
        'chat_id',
        'in',
        groups.map((g) => group(g).id),
      )
      .execute();

  const backlog = async () => {
    const rows = await store.db
      .selectFrom('outbox')
      .select('id')
      .where('status', 'in', ['pending', 'sending'])
      .execute();
    return rows.length;
  };

  const leaseHolderPid = async () => {
    const row = await store.db.selectFrom('sender_lease').select('owner').executeTakeFirst();
    return row ? Number(row.owner.split(':').at(-2)) : undefined;
  };

  const dump = (error: unknown) => {
    for (const replica of running)
      console.log(`--- ${replica.name} ---\n${readFileSync(replica.log, 'utf8').slice(-3000)}`);
    throw error;
  };

  const first = [0, 1, 2, 3, 4, 5];
  const second = [6, 7, 8, 9, 10, 11];
  let a: Replica;
  let b: Replica;

  it('stores every update once and confirms every /log once, however duplicated, with no 429', async () => {
    [a, b] = await Promise.all([startReplica('a'), startReplica('b')]);
    await Promise.all([ready(a), ready(b)]);
    await setUpGroups([a, b], first);
    const { batch, keys } = logBurst(first);

    const statuses = await deliverToAll([a, b], batch);

    // Both copies answered 200: one took effect, the other found it in the ledger.
    expect(statuses).toHaveLength(2 * batch.length);
    expect(statuses.every((status) => status === 200)).toBe(true);
    await until(async () => (await backlog()) === 0, 30_000, 'the outbox to drain').catch(dump);
    const entries = await entriesOf(first);
    expect(entries).toHaveLength(GROUPS * LOGS_PER_GROUP);
    expect(new Set(entries.map((entry) => `${entry.chat_id}:${entry.message_id}`))).toEqual(keys);
    expect([...repliesTo(keys).values()].every((n) => n === 1)).toBe(true);
    expect(fake.refused).toEqual([]);
    // One sender for the token: every reply went out through the same process.
    const senders = await store.db
      .selectFrom('outbox')
      .select('lease_owner')
      .distinct()
      .where('status', '=', 'sent')
      .execute();
    expect(senders).toHaveLength(1);
  }, 120_000);

  it('carries on when the sending replica is killed with -9 mid-burst: the other takes the lease and confirms everything', async () => {
    // The replicas of the test before (started again if it failed before starting them).
    if (!running.includes(a)) a = await startReplica('a2');
    if (!running.includes(b)) b = await startReplica('b2');
    await Promise.all([ready(a), ready(b)]);
    await setUpGroups([a, b], second);
    const { batch, keys } = logBurst(second);
    let victim: Replica | undefined;
    let killedAt = 0;

    await deliverToAll([a, b], batch, {
      async during() {
        const pid = await leaseHolderPid();
        victim = [a, b].find((replica) => replica.child.pid === pid);
        if (!victim) throw new Error(`the lease holder ${pid} is neither replica`);
        victim.child.kill('SIGKILL');
        await exitOf(victim.child);
        killedAt = Date.now();
      },
    });
    const survivor = victim === a ? b : a;
    running.splice(running.indexOf(victim!), 1);

    // The survivor takes the lease once the dead holder's expires (15 s), then the dead sender's claims (5 s).
    await until(() => [...repliesTo(keys).values()].every((n) => n >= 1), 60_000, 'every /log to be confirmed').catch(
      dump,
    );
    const recoveredInS = (Date.now() - killedAt) / 1000;
    await until(async () => (await backlog()) === 0, 15_000, 'the outbox to drain').catch(dump);
    expect(await leaseHolderPid()).toBe(survivor.child.pid);
    const entries = await entriesOf(second);
    expect(entries).toHaveLength(GROUPS * LOGS_PER_GROUP);
    expect(new Set(entries.map((entry) => `${entry.chat_id}:${entry.message_id}`))).toEqual(keys);
    // The documented window (README, "An update's path"): a message Telegram accepted just before the kill and
    // not yet marked sent goes out again once its claim expires. The sender has one message out per chat at a
    // time, so at most one per group; never a third copy.
    const replies = repliesTo(keys);
    const twice = [...replies].filter(([, n]) => n === 2).map(([key]) => key);
    expect([...replies.values()].every((n) => n === 1 || n === 2)).toBe(true);
    const perGroup = new Map<string, number>();
    for (const key of twice) perGroup.set(key.split(':')[0]!, (perGroup.get(key.split(':')[0]!) ?? 0) + 1);
    expect([...perGroup.values()].every((n) => n <= 1)).toBe(true);
    expect(fake.refused).toEqual([]);
    console.log(
      `kill -9 of the sending replica mid-burst: ${keys.size} /log stored once, all confirmed ${recoveredInS.toFixed(1)} s after the kill, ${twice.length} confirmed twice`,
    );
    b = survivor;
  }, 120_000);

  it('makes each leaderboard post once per group with two schedulers catching up and the job CLI at once', async () => {
    // The survivor stops cleanly; two fresh replicas catch up on a leaderboard due a few minutes ago.
    if (running.includes(b)) await stop(b, 'SIGTERM');
    const due = new Date(Date.now() - 5 * 60_000);
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: TZ,
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    }).formatToParts(due);
    const part = (type: string) => Number(local.find((each) => each.type === type)?.value);
    const scheduled = { CATCH_UP_HOURS: '1', LEADERBOARD_CRON: `${part('minute')} ${part('hour')} * * *` };
    const period = periodAt('leaderboard', due, TZ).label;
    const groups = await store.db
      .selectFrom('chats')
      .select('chat_id')
      .where('unit_id', 'is not', null)
      .where('type', '<>', 'private')
      .execute();
    expect(groups.length).toBeGreaterThan(0);
    const before = fake.sentMessages().length;

    const [c, d] = await Promise.all([startReplica('c', scheduled), startReplica('d', scheduled)]);
    const cli = runJobCli('leaderboard', '--period', period);
    await Promise.all([ready(c), ready(d)]);

    // Whoever takes the lease first sends: the CLI (then it says what it delivered) or a replica.
    const atOnce = await cli;
    expect(atOnce.code, atOnce.out).toBe(0);
    expect(atOnce.out).toMatch(/delivered: \d+ sent|queued; the running bot \(lease holder .+\) sends them/);
    const leaderboards = () =>
      fake
        .sentMessages()
        .slice(before)
        .filter((payload) => String(payload.text).includes('Tổng kết tuần'));
    await until(
      () => new Set(leaderboards().map((p) => p.chat_id)).size >= groups.length,
      60_000,
      'a leaderboard in every group',
    ).catch(dump);
    await until(async () => (await backlog()) === 0, 15_000, 'the outbox to drain').catch(dump);
    const perGroup = new Map<number, number>();
    for (const payload of leaderboards())
      perGroup.set(Number(payload.chat_id), (perGroup.get(Number(payload.chat_id)) ?? 0) + 1);
    expect([...perGroup.keys()].sort()).toEqual(groups.map((row) => row.chat_id).sort());
    expect([...perGroup.values()].every((n) => n === 1)).toBe(true);
    const rows = await store.db
      .selectFrom('outbox')
      .select(['chat_id', 'status'])
      .where('job', '=', 'leaderboard')
      .execute();
    expect(rows).toHaveLength(groups.length);
    expect(rows.every((row) => row.status === 'sent')).toBe(true);

    // Run again while the replicas run: nothing new is queued, and the CLI leaves the sending to the lease holder.
    const again = await runJobCli('leaderboard', '--period', period);
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain(`leaderboard ${period}: ${groups.length} post(s) planned, 0 newly queued`);
    const holder = /queued; the running bot \(lease holder [^:]+:(\d+):[0-9a-f]+\) sends them/.exec(again.out);
    expect([c.child.pid, d.child.pid]).toContain(Number(holder?.[1]));
    expect(leaderboards()).toHaveLength(groups.length);
    expect(fake.refused).toEqual([]);
    console.log(
      `two schedulers and the job CLI: ${groups.length} leaderboards, one per group; the CLI at once: ${lastLine(atOnce.out)}; again: ${lastLine(again.out)}`,
    );
  }, 120_000);
});
