/**
 * Ingest benchmark: 20,000 `/log` updates through the real pipeline (zod schemas, dispatcher, parser,
 * SQLite store, confirmation reply) against a floor measured in the same run: the same telegraf
 * pipeline whose handler does one raw prepared insert and one reply. Prints updates/s and the ratio.
 *
 * The updates come from 400 officers of 40 units, each unit in its own group, logging for the days of the
 * current week. They are fed two ways, identically to the floor and to the pipeline:
 *   - sequential: one update at a time;
 *   - polling: batches of 100 handed to handleUpdate concurrently, as telegraf's long polling does
 *     (`await Promise.all(updates.map(handleUpdate))`, node_modules/telegraf/lib/core/network/polling.js).
 * After each pipeline run, untimed: every update was answered, every entry is stored, the running totals
 * equal the sums over the entries, and replaying the same updates stores nothing new.
 *
 *   npm run bench:ingest [-- --updates 20000 --rounds 3 --modes sequential,polling]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { Telegraf } from 'telegraf';
import { createApp } from '../src/app';
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
    /** For profiling: run only the floor or only the pipeline (no ratio then). */
    only: { type: 'string' },
  },
});
const UPDATES = Number(values.updates);
const ROUNDS = Number(values.rounds);
const MODES = values.modes.split(',') as Mode[];
type Mode = 'sequential' | 'polling';
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

/** A Bot API that answers at once and keeps nothing, so only the bot's own work is timed. */
function sinkBotApi(): BotApi & { sent: number } {
  let messageId = 0;
  const api = {
    sent: 0,
    async call(method: string, payload: Record<string, unknown>) {
      if (method === 'getMe') return BOT;
      api.sent += 1;
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

async function feed(mode: Mode, updates: readonly object[], handle: (update: object) => Promise<void>): Promise<void> {
  if (mode === 'sequential') {
    for (const update of updates) await handle(update);
    return;
  }
  for (let i = 0; i < updates.length; i += POLL_BATCH) {
    await Promise.all(updates.slice(i, i + POLL_BATCH).map(handle));
  }
}

async function timed(mode: Mode, updates: readonly object[], handle: (update: object) => Promise<void>) {
  const started = process.hrtime.bigint();
  await feed(mode, updates, handle);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`pipeline lost work: ${message}`);
}

async function runPipeline(dir: string, mode: Mode, work: Workload): Promise<number> {
  const loaded = loadConfig({
    BOT_TOKEN: TOKEN,
    DATABASE_URL: join(dir, `pipeline-${mode}.sqlite`),
    ADMIN_IDS: String(ADMIN.id),
    BACKDATE_DAYS: '7',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const api = sinkBotApi();
  const app = await createApp({
    config: loaded.config,
    botApi: api,
    clock: fixedClock(START),
    logger: createLogger('silent'),
    // The sink answers at once; Telegram's rate limits would make this a benchmark of the limiter's waits.
    transport: { limits: UNLIMITED },
  });
  let setupId = 1_000_000;
  for (let unit = 0; unit < UNITS; unit++) {
    const code = unitCode(unit);
    await app.handleUpdate(command(++setupId, `/unit add ${code} Unit ${unit}`, ADMIN, groupOf(unit), setupId));
    await app.handleUpdate(command(++setupId, `/register ${code}`, ADMIN, groupOf(unit), setupId));
  }
  const setupReplies = api.sent;
  const seconds = await timed(mode, work.updates, (update) => app.handleUpdate(update));

  // Untimed checks: all answered, all stored, counters agree with the entries, a replay changes nothing.
  const { db } = app.connection;
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
  const answered = api.sent - setupReplies;
  check(answered === work.updates.length, `${answered} replies for ${work.updates.length} updates`);
  const first = await stored();
  check(first.n === work.entries, `${first.n} entries stored, ${work.entries} expected`);
  check((await counters()) === 0, 'running totals differ from the sums over the entries');
  await feed(mode, work.updates, (update) => app.handleUpdate(update));
  const again = await stored();
  check(again.n === first.n && again.total === first.total, `a replay stored ${again.n - first.n} more entries`);
  check(api.sent - setupReplies === answered, `a replay sent ${api.sent - setupReplies - answered} more replies`);
  check((await counters()) === 0, 'a replay changed the running totals');
  await app.stop();
  return seconds;
}

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
  const seconds = await timed(mode, work.updates, (update) => bot.handleUpdate(update as never));
  if (api.sent !== work.updates.length) throw new Error(`floor lost work: ${api.sent} replies`);
  sqlite.close();
  return seconds;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const memory = () => {
  const usage = process.memoryUsage();
  return `rss ${mib(usage.rss)}, heap ${mib(usage.heapUsed)}`;
};

const work = logUpdates(UPDATES);
const results = new Map<Mode, { floor: number[]; pipeline: number[]; ratio: number[] }>(
  MODES.map((mode) => [mode, { floor: [], pipeline: [], ratio: [] }]),
);
console.log(
  `ingest: ${UPDATES} /log updates (${work.entries} entries) from ${UNITS * OFFICERS_PER_UNIT} officers in ${UNITS} groups, ` +
    `${ROUNDS} rounds; modes ${MODES.join(', ')} (polling = batches of ${POLL_BATCH} via Promise.all)`,
);
for (let round = 1; round <= ROUNDS; round++) {
  for (const mode of MODES) {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-bench-'));
    try {
      const floorRate = values.only === 'pipeline' ? Number.NaN : UPDATES / (await runFloor(dir, mode, work));
      const pipelineRate = values.only === 'floor' ? Number.NaN : UPDATES / (await runPipeline(dir, mode, work));
      const ratio = pipelineRate / floorRate;
      const result = results.get(mode)!;
      result.floor.push(floorRate);
      result.pipeline.push(pipelineRate);
      result.ratio.push(ratio);
      console.log(
        `round ${round} ${mode.padEnd(10)}: floor ${floorRate.toFixed(0)} updates/s, ` +
          `pipeline ${pipelineRate.toFixed(0)} updates/s, ratio ${ratio.toFixed(2)}; ${memory()}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
for (const [mode, result] of results) {
  console.log(
    `median ${mode.padEnd(10)}: floor ${median(result.floor).toFixed(0)} updates/s, ` +
      `pipeline ${median(result.pipeline).toFixed(0)} updates/s, ratio ${median(result.ratio).toFixed(2)} (goal ≥ 0.70)`,
  );
}
console.log(`after the run: ${memory()}`);
