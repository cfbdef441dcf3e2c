/**
 * Fan-out benchmark: 1,000 outbox posts delivered by two workers (two owners, two database connections, one
 * transport, as one process runs them) to a fake Bot API that enforces Telegram's limits and answers 429 to any
 * message over them. Prints, per scenario, the elapsed time over the least time the limits allow for that mix of
 * chats (the floor), the 429s provoked, and duplicates (an outbox row's message accepted twice).
 *
 * The limits are Telegram's scaled up ×SCALE (20 by default): every window is SCALE times shorter (30 messages per
 * 50 ms overall, 20 per 3 s per group, 1 per 50 ms per private chat), so a run that would take minutes takes
 * seconds. The transport gets the same scaled limits; retry_after stays in whole seconds as Telegram sends it, so
 * a single 429 would cost a second and show in the ratio.
 *
 * Scenarios:
 *   - weekly: 300 groups × 2 posts (leaderboard and reminder) + 400 commanders' digests; the global limit binds.
 *   - busy-groups: 20 groups × 30 posts + 400 digests; the groups' 20-a-minute limit binds.
 * The floor is the larger of what the global limit and each chat's limit allow on their own, counted as sliding
 * windows: n messages under "c per window" need (ceil(n / c) - 1) windows. It is a lower bound, so the ratio can
 * only flatter the floor, not the transport. The enforcing fake counts a message at its arrival with 0.5 ms of
 * tolerance: the transport times a call when it leaves, a few microseconds before the fake reads its clock.
 * Also printed: the same delivery with the limits lifted (the machinery alone: claims, marks, the fake), for scale.
 *
 *   npm run bench:fanout [-- --rounds 3 --scale 20 --scenarios weekly,busy-groups]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../src/clock';
import { FakeBotApi } from '../src/console/fake-bot-api';
import { createLogger } from '../src/logger';
import { enqueuePosts, type OutboxPost, outboxCounts } from '../src/outbox/outbox-store';
import { deliverOutbox } from '../src/outbox/sender';
import {
  createTransport,
  DEFAULT_MARGIN_MS,
  type RateLimit,
  TELEGRAM_LIMITS,
  type TransportLimits,
} from '../src/outbox/transport';
import { connect } from '../src/storage/connect';
import { migrateToLatest } from '../src/storage/migrate';
import type { Db } from '../src/storage/schema';
import { EnforcingBotApi } from './enforcing-bot-api';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    scale: { type: 'string', default: '20' },
    scenarios: { type: 'string', default: 'weekly,busy-groups' },
    batch: { type: 'string', default: '50' },
  },
});
const ROUNDS = Number(values.rounds);
const SCALE = Number(values.scale);
const WORKERS = 2;
const BATCH = Number(values.batch);

const scaled = (limit: RateLimit): RateLimit => ({ count: limit.count, windowMs: limit.windowMs / SCALE });
const LIMITS: TransportLimits = {
  global: scaled(TELEGRAM_LIMITS.global),
  group: scaled(TELEGRAM_LIMITS.group),
  private: scaled(TELEGRAM_LIMITS.private),
};
const LIFTED: TransportLimits = {
  global: { count: 1_000_000, windowMs: 1 },
  group: { count: 1_000_000, windowMs: 1 },
  private: { count: 1_000_000, windowMs: 1 },
};

type Scenario = { name: string; posts: OutboxPost[] };

function post(job: string, chatId: number, n = 0): OutboxPost {
  return { job, period: `2026-W48#${n}`, chatId, html: `<b>${job}</b> ${chatId} #${n}` };
}

const digests = () => Array.from({ length: 400 }, (_, i) => post('digest', 100_000 + i));

const SCENARIOS: Record<string, () => Scenario> = {
  weekly: () => ({
    name: 'weekly',
    posts: [
      ...Array.from({ length: 300 }, (_, i) => post('leaderboard', -1_000_000 - i)),
      ...digests(),
      ...Array.from({ length: 300 }, (_, i) => post('reminder', -1_000_000 - i)),
    ],
  }),
  'busy-groups': () => ({
    name: 'busy-groups',
    posts: [
      ...Array.from({ length: 20 * 30 }, (_, i) => post('leaderboard', -2_000_000 - (i % 20), Math.floor(i / 20))),
      ...digests(),
    ],
  }),
};

/** Least time the limits allow: the slowest of the global limit and each chat's, as sliding windows. */
function floorMs(posts: readonly OutboxPost[], limits: TransportLimits): number {
  const windows = (n: number, limit: RateLimit) => (Math.ceil(n / limit.count) - 1) * limit.windowMs;
  const perChat = new Map<number, number>();
  for (const p of posts) perChat.set(p.chatId, (perChat.get(p.chatId) ?? 0) + 1);
  let floor = windows(posts.length, limits.global);
  for (const [chatId, n] of perChat) floor = Math.max(floor, windows(n, chatId < 0 ? limits.group : limits.private));
  return floor;
}

interface Run {
  elapsedMs: number;
  tooMany: number;
  duplicates: number;
  sent: number;
  failed: number;
}

async function deliver(scenario: Scenario, limits: TransportLimits): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-fanout-'));
  const file = join(dir, 'bench.sqlite');
  const connections = Array.from({ length: WORKERS }, () => connect(file));
  try {
    const migrated = await migrateToLatest(connections[0]!);
    if (migrated.error) throw migrated.error;
    const dbs: Db[] = connections.map((connection) => connection.db);
    await enqueuePosts(dbs[0]!, scenario.posts, systemClock.now());
    const api = new EnforcingBotApi(new FakeBotApi(), limits);
    const logger = createLogger('silent');
    const transport = createTransport(api, { limits, logger, marginMs: DEFAULT_MARGIN_MS / SCALE });

    const started = performance.now();
    await Promise.all(
      dbs.map((db, i) =>
        deliverOutbox({
          db,
          transport,
          clock: systemClock,
          logger,
          owner: `worker-${i}`,
          batch: BATCH,
          hookOf: () => undefined,
          render: () => undefined,
          onRefused: () => {},
        }),
      ),
    );
    const elapsedMs = performance.now() - started;

    const counts = await outboxCounts(dbs[0]!);
    const duplicates = [...api.accepted.values()].reduce((sum, n) => sum + n - 1, 0);
    return { elapsedMs, tooMany: api.tooMany, duplicates, sent: counts.sent, failed: counts.failed };
  } finally {
    for (const connection of connections) await connection.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (value: number) => `${value.toFixed(0)} ms`;

console.log(
  `fan-out: 1,000 posts, ${WORKERS} workers × batch ${BATCH}, limits ×${SCALE} ` +
    `(global ${LIMITS.global.count}/${LIMITS.global.windowMs} ms, group ${LIMITS.group.count}/${LIMITS.group.windowMs} ms, ` +
    `private ${LIMITS.private.count}/${LIMITS.private.windowMs} ms), ${ROUNDS} rounds`,
);
for (const name of values.scenarios.split(',')) {
  const make = SCENARIOS[name];
  if (!make) throw new Error(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  const scenario = make();
  const floor = floorMs(scenario.posts, LIMITS);
  const ratios: number[] = [];
  const machinery: number[] = [];
  let tooMany = 0;
  let duplicates = 0;
  for (let round = 1; round <= ROUNDS; round += 1) {
    const lifted = await deliver(scenario, LIFTED);
    const run = await deliver(scenario, LIMITS);
    if (run.sent !== scenario.posts.length || lifted.sent !== scenario.posts.length)
      throw new Error(`not every post was sent: ${run.sent}, lifted ${lifted.sent}, failed ${run.failed}`);
    ratios.push(run.elapsedMs / floor);
    tooMany += run.tooMany;
    duplicates += run.duplicates;
    machinery.push(lifted.elapsedMs / floor);
    console.log(
      `  ${scenario.name} round ${round}: ${ms(run.elapsedMs)} / floor ${ms(floor)} = ${(run.elapsedMs / floor).toFixed(3)}` +
        `; 429s ${run.tooMany}, duplicates ${run.duplicates}; limits lifted: ${ms(lifted.elapsedMs)}` +
        ` (${(lifted.elapsedMs / floor).toFixed(3)} of the floor)`,
    );
  }
  console.log(
    `${scenario.name}: median ratio ${median(ratios).toFixed(3)} (aim ≤ 1.1); 429s ${tooMany}, duplicates ${duplicates} ` +
      `over ${ROUNDS} rounds; machinery alone ${median(machinery).toFixed(3)} of the floor`,
  );
}
