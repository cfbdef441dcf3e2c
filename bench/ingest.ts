/**
 * Ingest benchmark: `/log` updates through the real path, createApp's `handleUpdate` (zod schemas, ledger,
 * dispatcher, parser, store, confirmation written to the outbox in the update's transaction), with the app started
 * so its sender drains the outbox to a Bot API sink, as in production. Measured per run: updates/s (from the first
 * update handed over to the last acknowledgement sent) and the p99 time from an update handed to `handleUpdate` to
 * its acknowledgement (the confirmation replying to it) reaching the Bot API.
 *
 * Stores, all in one run, each printed beside SQLite as ratios:
 *   - sqlite: a fresh file (always run: the reference);
 *   - postgres (`--db postgres` or `both`): a schema of its own on TEST_DATABASE_URL or BENCH_DATABASE_URL;
 *   - two replicas (`--replicas 2`): two apps on that PostgreSQL, each update handed to one of them (alternately,
 *     as a load balancer would), one sender between them (the token's lease).
 * And the floor of the old benchmark: the same updates through bare telegraf whose handler does one raw prepared
 * SQLite insert and one reply; SQLite's ratio against it is printed as before.
 *
 * The updates come from 400 officers of 40 units, each unit in its own group, logging for the days of the
 * current week. They are fed two ways, identically to every side:
 *   - sequential: one update at a time (the next once the previous is committed);
 *   - polling: batches of 100 handed to handleUpdate concurrently, as our long polling does.
 * After each run, untimed: every update acknowledged exactly once, every entry stored, the running totals equal to
 * the sums over the entries, and replaying the same updates (to the other replica) stores and sends nothing.
 *
 *   npm run bench:ingest -- [--updates 20000 --rounds 3 --modes sequential,polling --db sqlite|postgres|both
 *     --replicas 1|2]
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { Telegraf } from 'telegraf';
import { type App, createApp } from '../src/app';
import { fixedClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import type { BotApi } from '../src/telegram/bot-api';

const NO_LIMIT = { count: Number.MAX_SAFE_INTEGER, windowMs: 0 };
const UNLIMITED = { global: NO_LIMIT, group: NO_LIMIT, private: NO_LIMIT };

const { values } = parseArgs({
  options: {
    updates: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '3' },
    modes: { type: 'string', default: 'sequential,polling' },
    db: { type: 'string', default: 'sqlite' },
    replicas: { type: 'string', default: '1' },
  },
});
const UPDATES = Number(values.updates);
const ROUNDS = Number(values.rounds);
type Mode = 'sequential' | 'polling';
const MODES = values.modes.split(',') as Mode[];
if (!['sqlite', 'postgres', 'both'].includes(values.db)) throw new Error('--db takes sqlite, postgres or both');
if (!['1', '2'].includes(values.replicas)) throw new Error('--replicas takes 1 or 2');
const PG_BASE = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
const WITH_PG = values.db !== 'sqlite' || values.replicas === '2';
if (WITH_PG && !PG_BASE) throw new Error('PostgreSQL runs need TEST_DATABASE_URL or BENCH_DATABASE_URL');
type Side = 'sqlite' | 'postgres' | 'replicas';
const SIDES: Side[] = [
  'sqlite',
  ...(values.db !== 'sqlite' ? (['postgres'] as const) : []),
  ...(values.replicas === '2' ? (['replicas'] as const) : []),
];
const POLL_BATCH = 100;
const UNITS = 40;
const OFFICERS_PER_UNIT = 10;
const TOKEN = '123456789:BENCH_token_for_local_runs_only';
const ADMIN = { id: 9001, is_bot: false, first_name: 'Admin' };
const BOT = { id: 7000000001, is_bot: true, first_name: 'Bot', username: 'ThiDuaBot' };
/** Sunday 29 November 2026, 10:00 in Asia/Ho_Chi_Minh: the whole week (23–29/11) lies within 7 days' backdating. */
const START = new Date('2026-11-29T03:00:00Z');
const WEEK_DAYS = [23, 24, 25, 26, 27, 28, 29];
const TODAY = 29;
const METRICS = ['cccd', 'dkoto', 'dktam', 'vlnc', 'tuyentruyen', 'khautrang', 'qua'];

const ackKey = (chatId: unknown, messageId: unknown) => `${chatId}:${messageId}`;

/**
 * A Bot API that answers at once and keeps nothing but when each message was first acknowledged (a reply to it);
 * long polls wait until aborted. Shared by the replicas, as Telegram is.
 */
function sinkBotApi(): BotApi & { sent: number; acks: Map<string, { at: number; count: number }> } {
  let messageId = 0;
  const acks = new Map<string, { at: number; count: number }>();
  const api = {
    sent: 0,
    acks,
    async call(method: string, payload: Record<string, unknown>, options?: { signal?: AbortSignal }) {
      if (method === 'getMe') return BOT;
      if (method === 'getUpdates') {
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            options?.signal?.removeEventListener('abort', done);
            resolve();
          };
          const timer = setTimeout(done, 1000);
          options?.signal?.addEventListener('abort', done);
        });
        return [];
      }
      if (method !== 'sendMessage') return true;
      api.sent += 1;
      const to = (payload.reply_parameters as { message_id?: number } | undefined)?.message_id;
      if (to !== undefined) {
        const key = ackKey(payload.chat_id, to);
        const ack = acks.get(key);
        if (ack) ack.count += 1;
        else acks.set(key, { at: performance.now(), count: 1 });
      }
      return { message_id: ++messageId, date: 0, chat: { id: payload.chat_id, type: 'supergroup' } };
    },
  };
  return api;
}

const groupOf = (unit: number) => ({ id: -1001000000100 - unit, type: 'supergroup', title: `Unit ${unit}` });
const unitCode = (unit: number) => `U${String(unit).padStart(2, '0')}`;

function command(updateId: number, text: string, from: object, chat: object, messageId: number) {
  return {
    update_id: updateId,
    message: {
      message_id: messageId,
      date: Math.floor(START.getTime() / 1000),
      chat,
      from,
      text,
      entities: [
        { type: 'bot_command', offset: 0, length: text.indexOf(' ') === -1 ? text.length : text.indexOf(' ') },
      ],
    },
  };
}

/** A small deterministic generator, so every run and both sides see the same updates. */
function random(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) % n;
  };
}

interface Workload {
  readonly updates: readonly object[];
  /** Entries the pipeline must store: one per metric named. */
  readonly entries: number;
}

function logUpdates(count: number): Workload {
  const pick = random(20261129);
  let entries = 0;
  const updates = Array.from({ length: count }, (_, i) => {
    const unit = pick(UNITS);
    const officerNo = unit * OFFICERS_PER_UNIT + pick(OFFICERS_PER_UNIT);
    const officer = { id: 100_000 + officerNo, is_bot: false, first_name: `Officer ${officerNo}` };
    const first = METRICS[pick(METRICS.length)]!;
    const second = METRICS[(METRICS.indexOf(first) + 1 + pick(METRICS.length - 1)) % METRICS.length]!;
    const day = WEEK_DAYS[pick(WEEK_DAYS.length)]!;
    const items = pick(5) === 0 ? `${first} ${pick(90) + 1} ${second} ${pick(9) + 1}` : `${first} ${pick(300) + 1}`;
    entries += items.split(' ').length / 2;
    const when = day === TODAY ? '' : ` ${day}/11`;
    const note = pick(4) === 0 ? ' ca sáng' : '';
    return command(i + 1, `/log ${items}${when}${note}`, officer, groupOf(unit), i + 1);
  });
  return { updates, entries };
}

/** Hands every update over, one at a time or in concurrent batches; `handOver` picks the app. */
async function feed(
  mode: Mode,
  updates: readonly object[],
  handOver: (update: object, index: number) => Promise<void>,
) {
  if (mode === 'sequential') {
    for (const [index, update] of updates.entries()) await handOver(update, index);
    return;
  }
  for (let i = 0; i < updates.length; i += POLL_BATCH) {
    await Promise.all(updates.slice(i, i + POLL_BATCH).map((update, j) => handOver(update, i + j)));
  }
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`pipeline lost work: ${message}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A store for one run: a SQLite file, or a PostgreSQL schema of its own (dropped afterwards). */
async function storeFor(side: Side, dir: string, mode: Mode): Promise<{ url: string; dispose(): Promise<void> }> {
  if (side === 'sqlite') return { url: join(dir, `pipeline-${mode}.sqlite`), dispose: async () => {} };
  const schema = `bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: PG_BASE });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create schema "${schema}"`);
  const url = new URL(PG_BASE!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), dispose: () => run(`drop schema if exists "${schema}" cascade`) };
}

async function startApp(databaseUrl: string, api: BotApi): Promise<App> {
  const loaded = loadConfig({
    BOT_TOKEN: TOKEN,
    DATABASE_URL: databaseUrl,
    ADMIN_IDS: String(ADMIN.id),
    BACKDATE_DAYS: '7',
    CATCH_UP_HOURS: '0',
    LOG_LEVEL: 'silent',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  return createApp({
    config: loaded.config,
    botApi: api,
    clock: fixedClock(START),
    logger: createLogger('silent'),
    // The sink answers at once; Telegram's rate limits would make this a benchmark of the limiter's waits.
    transport: { limits: UNLIMITED },
  });
}

interface Result {
  readonly rate: number;
  readonly p99: number;
  /** CPU time per update over the timed window: this process, and the PostgreSQL server's processes (0 on SQLite). */
  readonly cpu: { readonly app: number; readonly server: number };
}

/** CPU milliseconds all `postgres` processes on this machine have used (0 when none can be read). */
function serverCpuMs(): number {
  const tick = 1000 / 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of existsSync('/proc') ? readdirSync('/proc') : []) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      const fields = stat.slice(close + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

const percentile = (xs: readonly number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

async function runPipeline(side: Side, dir: string, mode: Mode, work: Workload): Promise<Result> {
  const store = await storeFor(side, dir, mode);
  const api = sinkBotApi();
  const apps: App[] = [];
  try {
    // The first app migrates; a second one (a replica) finds nothing left to do.
    apps.push(await startApp(store.url, api));
    if (side === 'replicas') apps.push(await startApp(store.url, api));
    const [first] = apps as [App];
    let setupId = 1_000_000;
    for (let unit = 0; unit < UNITS; unit++) {
      const code = unitCode(unit);
      await first.handleUpdate(command(++setupId, `/unit add ${code} Unit ${unit}`, ADMIN, groupOf(unit), setupId));
      await first.handleUpdate(command(++setupId, `/register ${code}`, ADMIN, groupOf(unit), setupId));
    }
    for (const app of apps) await app.start();
    while ((await first.backlog()) > 0) await sleep(20);

    const keys = work.updates.map((update) => {
      const { message } = update as { message: { chat: { id: number }; message_id: number } };
      return ackKey(message.chat.id, message.message_id);
    });
    const handedAt = new Array<number>(keys.length);
    const cpuBefore = { app: process.cpuUsage(), server: serverCpuMs() };
    const started = performance.now();
    await feed(mode, work.updates, (update, index) => {
      handedAt[index] = performance.now();
      return apps[index % apps.length]!.handleUpdate(update);
    });
    const deadline = performance.now() + 300_000;
    while (keys.some((key) => !api.acks.has(key))) {
      if (performance.now() > deadline) throw new Error('acknowledgements missing after 5 minutes');
      await sleep(5);
    }
    const appCpu = process.cpuUsage(cpuBefore.app);
    const cpu = {
      app: (appCpu.user + appCpu.system) / 1000 / keys.length,
      server: side === 'sqlite' ? 0 : (serverCpuMs() - cpuBefore.server) / keys.length,
    };
    const ackTimes = keys.map((key) => api.acks.get(key)!.at);
    const lastAck = Math.max(...ackTimes);
    const latencies = ackTimes.map((at, index) => at - handedAt[index]!);

    // Untimed checks: each acknowledged once, all stored, totals agree, a replay (to the other replica) changes nothing.
    const { db } = first.connection;
    const stored = async () => {
      const row = await db
        .selectFrom('tally_entries')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('amount').as('total')])
        .executeTakeFirstOrThrow();
      return { n: Number(row.n), total: Number(row.total) };
    };
    const counters = async () => {
      const { rows } = await sql<{ mismatches: number }>`
        select count(*) as mismatches from (
          select unit_id, metric_code, day, sum(amount) as total from tally_entries
          where undone_at is null group by unit_id, metric_code, day
        ) as e full outer join unit_day_totals as c
          on c.unit_id = e.unit_id and c.metric_code = e.metric_code and c.day = e.day
        where coalesce(c.total, 0) <> coalesce(e.total, 0)`.execute(db);
      return Number(rows[0]?.mismatches);
    };
    const twice = () => keys.filter((key) => api.acks.get(key)!.count !== 1).length;
    check(twice() === 0, `${twice()} updates acknowledged more than once`);
    const before = await stored();
    check(before.n === work.entries, `${before.n} entries stored, ${work.entries} expected`);
    check((await counters()) === 0, 'running totals differ from the sums over the entries');
    const sentBefore = api.sent;
    await feed(mode, work.updates, (update, index) => apps[(index + 1) % apps.length]!.handleUpdate(update));
    await sleep(200);
    while ((await first.backlog()) > 0) await sleep(20);
    const again = await stored();
    check(again.n === before.n && again.total === before.total, `a replay stored ${again.n - before.n} more entries`);
    check(api.sent === sentBefore, `a replay sent ${api.sent - sentBefore} more replies`);
    check((await counters()) === 0, 'a replay changed the running totals');
    return { rate: work.updates.length / ((lastAck - started) / 1000), p99: percentile(latencies, 99), cpu };
  } finally {
    for (const app of apps) await app.stop();
    await store.dispose();
  }
}

/** The old benchmark's floor: bare telegraf, one raw prepared insert and one reply per update. */
async function runFloor(dir: string, mode: Mode, work: Workload): Promise<number> {
  const sqlite = new SqliteDatabase(join(dir, `floor-${mode}.sqlite`));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.exec('create table entries (update_id integer, user_id integer, text text)');
  const insert = sqlite.prepare('insert into entries (update_id, user_id, text) values (?, ?, ?)');
  const api = sinkBotApi();
  const bot = new Telegraf(TOKEN);
  bot.botInfo = BOT as never;
  bot.use(async (ctx) => {
    const message = ctx.message as { message_id: number; text: string; from: { id: number } };
    insert.run(ctx.update.update_id, message.from.id, message.text);
    await api.call('sendMessage', {
      chat_id: ctx.chat?.id,
      text: 'ok',
      reply_parameters: { message_id: message.message_id },
    });
  });
  const started = performance.now();
  await feed(mode, work.updates, (update) => bot.handleUpdate(update as never));
  const seconds = (performance.now() - started) / 1000;
  if (api.sent !== work.updates.length) throw new Error(`floor lost work: ${api.sent} replies`);
  sqlite.close();
  return seconds;
}

const median = (xs: readonly number[]) => percentile(xs, 50);
const f0 = (x: number) => x.toFixed(0);
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const memory = () => {
  const usage = process.memoryUsage();
  return `rss ${mib(usage.rss)}, heap ${mib(usage.heapUsed)}`;
};

const work = logUpdates(UPDATES);
type Row = { floor: number[] } & Record<Side, Result[]>;
const results = new Map<Mode, Row>(MODES.map((mode) => [mode, { floor: [], sqlite: [], postgres: [], replicas: [] }]));
console.log(
  `ingest: ${UPDATES} /log updates (${work.entries} entries) from ${UNITS * OFFICERS_PER_UNIT} officers in ${UNITS} groups, ` +
    `${ROUNDS} rounds; modes ${MODES.join(', ')} (polling = batches of ${POLL_BATCH}); stores ${SIDES.join(', ')}`,
);
const cpuOf = (result: Result) =>
  `cpu/update ${f2(result.cpu.app)} ms${result.cpu.server > 0 ? ` + server ${f2(result.cpu.server)} ms` : ''}`;
const describeSide = (side: Side, result: Result, sqlite: Result) =>
  side === 'sqlite'
    ? `sqlite ${f0(result.rate)}/s p99 ${f1(result.p99)} ms ${cpuOf(result)}`
    : `${side} ${f0(result.rate)}/s (×${f2(result.rate / sqlite.rate)}) p99 ${f1(result.p99)} ms (×${f2(result.p99 / sqlite.p99)}) ${cpuOf(result)}`;
for (let round = 1; round <= ROUNDS; round++) {
  for (const mode of MODES) {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-bench-'));
    try {
      const floorRate = UPDATES / (await runFloor(dir, mode, work));
      const row = results.get(mode)!;
      row.floor.push(floorRate);
      const measured = new Map<Side, Result>();
      for (const side of SIDES) {
        const result = await runPipeline(side, dir, mode, work);
        measured.set(side, result);
        row[side].push(result);
      }
      const sqlite = measured.get('sqlite')!;
      console.log(
        `round ${round} ${mode.padEnd(10)}: floor ${f0(floorRate)}/s; ` +
          `${SIDES.map((side) => describeSide(side, measured.get(side)!, sqlite)).join('; ')}; ` +
          `sqlite ÷ floor ${f2(sqlite.rate / floorRate)}; ${memory()}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
for (const [mode, row] of results) {
  const ratio = (side: Side, pick: (result: Result) => number) =>
    median(row[side].map((result, i) => pick(result) / pick(row.sqlite[i]!)));
  const parts = SIDES.map((side) => {
    const rate = median(row[side].map((result) => result.rate));
    const p99 = median(row[side].map((result) => result.p99));
    return side === 'sqlite'
      ? `sqlite ${f0(rate)}/s p99 ${f1(p99)} ms`
      : `${side} ${f0(rate)}/s (×${f2(ratio(side, (r) => r.rate))}) p99 ${f1(p99)} ms (×${f2(ratio(side, (r) => r.p99))})`;
  });
  const floorRatio = median(row.sqlite.map((result, i) => result.rate / row.floor[i]!));
  console.log(
    `median ${mode.padEnd(10)}: floor ${f0(median(row.floor))}/s; ${parts.join('; ')}; sqlite ÷ floor ${f2(floorRatio)}`,
  );
}
console.log(`after the run: ${memory()}`);
