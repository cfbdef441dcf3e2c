/**
 * Intake benchmark: does a busy group delay the others? The real bot (createApp: store, ledger, dispatcher,
 * outbox, sender, our long polling) runs against a fake Bot API that enforces Telegram's limits scaled ×SCALE and
 * answers 429 beyond them, each call taking LATENCY ms like a network round trip.
 *
 * Workload, scaled: 20 quiet groups each log every 10 s (÷SCALE) while one group floods 300 /log in a minute
 * (÷SCALE). Measured per round: the quiet groups' time from an update entering getUpdates to its first
 * acknowledgement (the confirmation, or the ✍ reaction), with the flood and without it; how long until every flood
 * entry is acknowledged; and entries lost or doubled. Printed as ratios against floors measured in the same run:
 *   - ratio = quiet p99 with the flood ÷ quiet p99 without (goal ≤ 1.5);
 *   - ack ratio = quiet p99 without the flood ÷ p99 of a bare sendMessage round trip to the same fake (goal ≤ 3).
 *
 *   npm run bench:intake [-- --rounds 3 --scale 20 --latency 5 --margin 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { FakeBotApi } from '../src/console/fake-bot-api';
import { createUpdateFactory } from '../src/console/update-factory';
import { createLogger } from '../src/logger';
import { type RateLimit, TELEGRAM_LIMITS, type TransportLimits } from '../src/outbox/transport';
import type { NonChannelChat, User } from '../src/telegram/update-schema';
import { EnforcingBotApi } from './enforcing-bot-api';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    scale: { type: 'string', default: '20' },
    latency: { type: 'string', default: '5' },
    margin: { type: 'string', default: '3' },
  },
});
const ROUNDS = Number(values.rounds);
const SCALE = Number(values.scale);
const LATENCY_MS = Number(values.latency);
/** The transport's margin beyond each window, for the fake's timer jitter (which is not scaled like the windows). */
const MARGIN_MS = Number(values.margin);
const QUIET_GROUPS = 20;
const QUIET_EVERY_MS = 10_000 / SCALE;
const FLOOD = 300;
const FLOOD_OVER_MS = 60_000 / SCALE;
const RUN_MS = FLOOD_OVER_MS * 1.5;

const scaled = (limit: RateLimit): RateLimit => ({ count: limit.count, windowMs: limit.windowMs / SCALE });
const LIMITS: TransportLimits = {
  global: scaled(TELEGRAM_LIMITS.global),
  group: scaled(TELEGRAM_LIMITS.group),
  private: scaled(TELEGRAM_LIMITS.private),
};
const ADMIN: User = { id: 9001, is_bot: false, first_name: 'Quản trị' };
const group = (i: number): NonChannelChat => ({ id: -1_001_000_000_100 - i, type: 'supergroup', title: `Đội ${i}` });
const officer = (i: number): User => ({ id: 10_000 + i, is_bot: false, first_name: `Cán bộ ${i}` });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const percentile = (xs: readonly number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const median = (xs: readonly number[]) => percentile(xs, 50);

interface Round {
  quiet: number[];
  floodAllAckedMs: number | undefined;
  lost: number;
  doubled: number;
  tooMany: number;
}

async function runRound(withFlood: boolean): Promise<Round> {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-intake-'));
  const fake = new FakeBotApi({ admins: [ADMIN.id] });
  const api = new EnforcingBotApi(fake, LIMITS, LATENCY_MS);
  const loaded = loadConfig({
    BOT_TOKEN: '123456789:BENCH_token_for_local_runs_only',
    DATABASE_URL: join(dir, 'bench.sqlite'),
    ADMIN_IDS: String(ADMIN.id),
    LOG_LEVEL: 'silent',
    OUTBOX_POLL_MS: '1000',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const app = await createApp({
    config: loaded.config,
    botApi: api,
    logger: createLogger('silent'),
    transport: { limits: LIMITS, marginMs: MARGIN_MS },
  });
  const updates = createUpdateFactory({ now: () => new Date(), nextMessageId: (id) => fake.nextMessageId(id) });
  const pushedAt = new Map<string, number>();
  const ackedAt = new Map<string, number>();
  const key = (chatId: number, messageId: number) => `${chatId}:${messageId}`;
  fake.onCall((call, outcome) => {
    if (!outcome.ok) return;
    const chatId = Number(call.payload.chat_id);
    const target =
      call.method === 'setMessageReaction'
        ? Number(call.payload.message_id)
        : call.method === 'sendMessage'
          ? Number((call.payload.reply_parameters as { message_id?: number } | undefined)?.message_id)
          : Number.NaN;
    const at = performance.now();
    const text = String(call.payload.text ?? '');
    if (Number.isFinite(target) && !ackedAt.has(key(chatId, target))) ackedAt.set(key(chatId, target), at);
    // A merged confirmation acknowledges every entry it lists.
    if (call.method === 'sendMessage' && text.includes('• ')) {
      for (const [k, pushed] of pushedAt)
        if (k.startsWith(`${chatId}:`) && !ackedAt.has(k) && pushed <= at) ackedAt.set(k, at);
    }
  });
  try {
    // Set up outside the measurement: units and groups.
    const setUp = async (from: User, chat: NonChannelChat, text: string) =>
      app.handleUpdate(updates.message({ from, chat, text }));
    const adminChat: NonChannelChat = { id: ADMIN.id, type: 'private', first_name: ADMIN.first_name };
    for (let i = 0; i <= QUIET_GROUPS; i += 1) {
      await setUp(ADMIN, adminChat, `/unit add D${i} Đội ${i}`);
      await setUp(ADMIN, group(i), `/register D${i}`);
    }
    const committedAt = new Map<string, number>();
    const handle = app.bot.handleUpdate.bind(app.bot);
    (app.bot as { handleUpdate: typeof handle }).handleUpdate = async (raw) => {
      await handle(raw);
      const message = (raw as { message?: { chat: { id: number }; message_id: number } }).message;
      if (message) committedAt.set(key(message.chat.id, message.message_id), performance.now());
    };
    await app.start();
    await sleep(LIMITS.group.windowMs + 200);
    fake.clear();
    pushedAt.clear();
    ackedAt.clear();

    const quietKeys: string[] = [];
    const floodKeys: string[] = [];
    const push = (from: User, chat: NonChannelChat, text: string, into: string[]) => {
      const update = fake.pushUpdate(updates.message({ from, chat, text }));
      const k = key(chat.id, update.message.message_id);
      pushedAt.set(k, performance.now());
      into.push(k);
    };
    const started = performance.now();
    const timers: ReturnType<typeof setTimeout>[] = [];
    for (let g = 1; g <= QUIET_GROUPS; g += 1) {
      for (let at = (g * QUIET_EVERY_MS) / QUIET_GROUPS; at < RUN_MS; at += QUIET_EVERY_MS) {
        timers.push(setTimeout(() => push(officer(g), group(g), '/log cccd 3', quietKeys), at));
      }
    }
    if (withFlood) {
      for (let n = 0; n < FLOOD; n += 1) {
        timers.push(
          setTimeout(
            () => push(officer(100 + (n % 40)), group(0), `/log cccd ${n + 1}`, floodKeys),
            (n * FLOOD_OVER_MS) / FLOOD,
          ),
        );
      }
    }
    await sleep(RUN_MS);
    const deadline = performance.now() + 60_000;
    while (performance.now() < deadline && [...quietKeys, ...floodKeys].some((k) => !ackedAt.has(k))) await sleep(20);
    for (const timer of timers) clearTimeout(timer);

    const quiet = quietKeys.filter((k) => ackedAt.has(k)).map((k) => ackedAt.get(k)! - pushedAt.get(k)!);
    if (process.env.BENCH_DEBUG) {
      const handled = quietKeys.filter((k) => committedAt.has(k)).map((k) => committedAt.get(k)! - pushedAt.get(k)!);
      const sent = quietKeys
        .filter((k) => committedAt.has(k) && ackedAt.has(k))
        .map((k) => ackedAt.get(k)! - committedAt.get(k)!);
      console.log(
        `    debug: push→commit p50/p99 ${percentile(handled, 50).toFixed(1)}/${percentile(handled, 99).toFixed(1)}, commit→ack ${percentile(sent, 50).toFixed(1)}/${percentile(sent, 99).toFixed(1)}`,
      );
    }
    const floodAcked = floodKeys.filter((k) => ackedAt.has(k));
    const floodAllAckedMs =
      floodKeys.length > 0 && floodAcked.length === floodKeys.length
        ? Math.max(...floodKeys.map((k) => ackedAt.get(k)!)) - started
        : undefined;
    const rows = await app.connection.db
      .selectFrom('tally_entries')
      .select(['chat_id', 'message_id'])
      .where(
        'chat_id',
        'in',
        [...Array(QUIET_GROUPS + 1).keys()].map((i) => group(i).id),
      )
      .execute();
    const stored = new Map<string, number>();
    for (const row of rows)
      stored.set(key(row.chat_id, row.message_id), (stored.get(key(row.chat_id, row.message_id)) ?? 0) + 1);
    const expected = [...quietKeys, ...floodKeys];
    return {
      quiet,
      floodAllAckedMs,
      lost: expected.filter((k) => !stored.has(k)).length + (quietKeys.length - quiet.length),
      doubled: [...stored.values()].filter((n) => n > 1).length,
      tooMany: api.tooMany,
    };
  } finally {
    await app.stop();
    fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The floor of an acknowledgement: one sendMessage round trip to the same fake, to chats with room in their budget. */
async function bareRoundTrips(): Promise<number[]> {
  const fake = new FakeBotApi();
  const api = new EnforcingBotApi(fake, LIMITS, LATENCY_MS);
  const times: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    const started = performance.now();
    await api.call('sendMessage', { chat_id: -1_002_000_000_000 - i, text: 'ping' });
    times.push(performance.now() - started);
    await sleep(LIMITS.global.windowMs / LIMITS.global.count);
  }
  fake.close();
  return times;
}

const f = (value: number) => value.toFixed(1);
console.log(
  `intake: ${QUIET_GROUPS} quiet groups (a /log every ${QUIET_EVERY_MS} ms each) beside one flooding ${FLOOD} /log over ` +
    `${FLOOD_OVER_MS} ms; limits ×${SCALE} (group ${LIMITS.group.count}/${LIMITS.group.windowMs} ms), ` +
    `${LATENCY_MS} ms per Bot API call; ${ROUNDS} rounds`,
);
const summary = { ratio: [] as number[], ack: [] as number[], flood: [] as number[], lost: 0, doubled: 0, tooMany: 0 };
for (let round = 1; round <= ROUNDS; round += 1) {
  const bare = percentile(await bareRoundTrips(), 99);
  const calm = await runRound(false);
  const busy = await runRound(true);
  const ratio = percentile(busy.quiet, 99) / percentile(calm.quiet, 99);
  const ack = percentile(calm.quiet, 99) / bare;
  summary.ratio.push(ratio);
  summary.ack.push(ack);
  if (busy.floodAllAckedMs !== undefined) summary.flood.push(busy.floodAllAckedMs);
  summary.lost += calm.lost + busy.lost;
  summary.doubled += calm.doubled + busy.doubled;
  summary.tooMany += calm.tooMany + busy.tooMany;
  console.log(
    `  round ${round}: quiet p50/p99 ${f(percentile(busy.quiet, 50))}/${f(percentile(busy.quiet, 99))} ms with the flood, ` +
      `${f(percentile(calm.quiet, 50))}/${f(percentile(calm.quiet, 99))} ms without; bare sendMessage p99 ${f(bare)} ms; ` +
      `ratio ${ratio.toFixed(2)}, ack ratio ${ack.toFixed(2)}; every flood entry acknowledged after ` +
      `${busy.floodAllAckedMs === undefined ? 'never' : `${f(busy.floodAllAckedMs)} ms`}; lost ${calm.lost + busy.lost}, ` +
      `doubled ${calm.doubled + busy.doubled}, 429s ${calm.tooMany + busy.tooMany}`,
  );
}
console.log(
  `median ratio ${median(summary.ratio).toFixed(2)} (goal ≤ 1.5), median ack ratio ${median(summary.ack).toFixed(2)} ` +
    `(goal ≤ 3), flood acknowledged after ${summary.flood.length ? `${f(median(summary.flood))} ms` : 'never'} ` +
    `(median); lost ${summary.lost}, doubled ${summary.doubled}, 429s ${summary.tooMany}`,
);
