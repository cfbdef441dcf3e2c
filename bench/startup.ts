/**
 * Startup benchmark: the bot as a service runs it (`node dist/main.js`) and as `npm start` runs it (`node
 * scripts/start.mjs`, which builds dist/ when stale, then imports it), each a real process long-polling the console's
 * fake Bot API over HTTP (src/console/serve-bot-api.ts) on a fresh SQLite file, against a bare Node process that
 * imports nothing (the floor every Node process pays). `--tsx` adds the bot under tsx (`npm run dev`).
 *
 * Per run: a `/start` in a private chat is queued before the spawn; "first answer" is the time from the spawn to the
 * fake receiving the bot's sendMessage for it (process start, config, migrations of a fresh store, getMe, command
 * menus, the first poll and the handler). Then the bot idles (long polling, nothing to do) for --idle seconds and
 * its resident memory is read with ps once a second: "own" is the process running the bot (under tsx, the node
 * child the tsx CLI spawns), "tree" adds its wrappers (the tsx CLI, esbuild's service). RSS is the median of the
 * last five samples, in MiB (KiB from ps / 1024): the bot has V8 shrink its heap 10 s after start (src/run-bot.ts;
 * left to itself, an idle bot's heap shrank 60–100 s in), so the default idle of 45 s reads the settled figure.
 * First, once: a cold start without dist/ (start.mjs builds, then starts), as `npm ci && npm start` on a fresh clone.
 * Variants alternate, --rounds times each; medians are printed, with the goals (the bot's own process ≤ 80 MB RSS
 * idle, first answer ≤ 3 s).
 *
 * `--imports` instead prints what each big import costs: a bare Node process against one that imports a package (or
 * our zod schemas) bundled as dist/ is, each idling as above.
 *
 *   npm run bench:startup [-- --rounds 3 --idle 45 --tsx --node-args=--optimize-for-size]
 *   npm run bench:startup -- --imports [--idle 30]
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FakeBotApi } from '../src/console/fake-bot-api';
import { serveBotApi } from '../src/console/serve-bot-api';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    idle: { type: 'string', default: '45' },
    tsx: { type: 'boolean', default: false },
    imports: { type: 'boolean', default: false },
    'node-args': { type: 'string', default: '' },
  },
});
const ROUNDS = Number(values.rounds);
const IDLE_MS = Number(values.idle) * 1000;
const ROOT = resolve(import.meta.dirname, '..');
const TOKEN = '123456789:startup_benchmark_token';
const ADMIN = { id: 9001, is_bot: false, first_name: 'Admin', username: 'admin' };
const ANSWER_TIMEOUT_MS = 30_000;
const GOAL_RSS_MB = 80;
const GOAL_FIRST_ANSWER_MS = 3000;

interface Variant {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
}

/** Node's own flags for the bot (`--node-args=--optimize-for-size`: V8 flags NODE_OPTIONS does not allow). */
const NODE_ARGS = values['node-args'].split(' ').filter(Boolean);

const VARIANTS: readonly Variant[] = [
  { name: 'main', command: process.execPath, args: [...NODE_ARGS, join(ROOT, 'dist/main.js')] },
  { name: 'start', command: process.execPath, args: [...NODE_ARGS, join(ROOT, 'scripts/start.mjs')] },
  ...(values.tsx
    ? [{ name: 'tsx', command: join(ROOT, 'node_modules/.bin/tsx'), args: [join(ROOT, 'src/main.ts')] }]
    : []),
];

interface Sample {
  readonly firstAnswerMs: number;
  readonly ownMiB: number;
  /** The own process's RSS one second after the first answer, before V8 has shrunk its heap. */
  readonly startMiB: number;
  readonly treeMiB: number;
  readonly processes: number;
}

const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

interface ProcessInfo {
  readonly ppid: number;
  readonly rssKiB: number;
  readonly command: string;
}

/** The process and its descendants, by pid, from one `ps` listing. */
function processTree(root: number): Map<number, ProcessInfo> {
  const all = new Map<number, ProcessInfo>();
  const listing = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,rss=,comm='], { encoding: 'utf8' });
  for (const line of listing.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (match) all.set(Number(match[1]), { ppid: Number(match[2]), rssKiB: Number(match[3]), command: match[4]! });
  }
  const tree = new Map<number, ProcessInfo>();
  const add = (pid: number) => {
    const info = all.get(pid);
    if (!info) return;
    tree.set(pid, info);
    for (const [child, other] of all) if (other.ppid === pid) add(child);
  };
  add(root);
  return tree;
}

/**
 * The bot's own process is the deepest node process of the tree: the tsx CLI runs the bot in a node child, which
 * runs esbuild's service (not node) beside it.
 */
function memoryOf(root: number): { ownMiB: number; treeMiB: number; processes: number } {
  const tree = processTree(root);
  const isNode = (pid: number) => /node/i.test(tree.get(pid)?.command ?? '');
  let own = root;
  while (true) {
    const child = [...tree].find(([pid, info]) => info.ppid === own && isNode(pid));
    if (!child) break;
    own = child[0];
  }
  const total = [...tree.values()].reduce((sum, info) => sum + info.rssKiB, 0);
  return { ownMiB: (tree.get(own)?.rssKiB ?? 0) / 1024, treeMiB: total / 1024, processes: tree.size };
}

const exited = (child: ChildProcess) =>
  new Promise<void>((done) =>
    child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done()),
  );

async function run(variant: Variant, idleMs = IDLE_MS): Promise<Sample> {
  const fake = new FakeBotApi();
  const served = await serveBotApi(fake, { pollCapMs: 1000 });
  const dir = mkdtempSync(join(tmpdir(), 'thidua-startup-'));
  let output = '';
  let child: ChildProcess | undefined;
  try {
    const chat = { id: ADMIN.id, type: 'private' as const, first_name: ADMIN.first_name, username: ADMIN.username };
    fake.pushUpdate({
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat,
        from: ADMIN,
        text: '/start',
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      },
    });
    let answeredAt: number | undefined;
    const answered = new Promise<void>((done) => {
      fake.onCall((call, outcome) => {
        if (call.method === 'sendMessage' && call.payload.chat_id === ADMIN.id && outcome.ok && !answeredAt) {
          answeredAt = performance.now();
          done();
        }
      });
    });
    const spawnedAt = performance.now();
    // From an empty folder, so no developer .env is read; only these settings.
    child = spawn(variant.command, [...variant.args], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? dir,
        BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: served.url,
        DATABASE_URL: join(dir, 'bot.sqlite'),
        ADMIN_IDS: String(ADMIN.id),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const gone = exited(child).then(() => {
      throw new Error(`${variant.name} exited before answering:\n${output}`);
    });
    const timeout = sleep(ANSWER_TIMEOUT_MS).then(() => {
      throw new Error(`${variant.name} did not answer /start within ${ANSWER_TIMEOUT_MS} ms:\n${output}`);
    });
    await Promise.race([answered, gone, timeout]);
    const firstAnswerMs = answeredAt! - spawnedAt;

    const samples: ReturnType<typeof memoryOf>[] = [];
    for (let waited = 0; waited < idleMs; waited += 1000) {
      await sleep(1000);
      samples.push(memoryOf(child.pid!));
    }
    if (samples.length === 0) samples.push(memoryOf(child.pid!));
    const last = samples.slice(-5);
    return {
      firstAnswerMs,
      ownMiB: median(last.map((s) => s.ownMiB)),
      startMiB: samples[0]!.ownMiB,
      treeMiB: median(last.map((s) => s.treeMiB)),
      processes: last.at(-1)?.processes ?? 0,
    };
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited(child), sleep(10_000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** RSS of a process that answers nothing (the bare floor, an import probe): spawned, idled, read as `run` reads it. */
async function idleRss(args: readonly string[], idleMs = IDLE_MS): Promise<number> {
  const child = spawn(process.execPath, [...args], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  try {
    const samples: number[] = [];
    for (let waited = 0; waited < idleMs; waited += 1000) {
      await sleep(1000);
      samples.push(memoryOf(child.pid!).ownMiB);
    }
    return median(samples.slice(-5));
  } finally {
    child.kill('SIGKILL');
    await exited(child);
  }
}

/** Node that imports nothing and stays up. */
const BARE = ['-e', 'setInterval(() => {}, 1000)'];

/** What each big import costs: a probe bundled as dist/ is (same externals), importing one thing, then idling. */
async function importCosts(): Promise<void> {
  const { build } = await import('esbuild');
  const { bundleOptions } = await import('../scripts/build.mjs');
  const dir = mkdtempSync(join(ROOT, '.bench-imports-'));
  const probes: Record<string, string> = {
    'prom-client (+ default metrics)':
      "import { collectDefaultMetrics, Registry } from 'prom-client'; collectDefaultMetrics({ register: new Registry() });",
    telegraf: "import { Telegraf } from 'telegraf'; globalThis.keep = Telegraf;",
    kysely: "import { Kysely } from 'kysely'; globalThis.keep = Kysely;",
    'zod (the package, as src/ imports it)': "import * as z from 'zod'; globalThis.keep = z.object({ a: z.string() });",
    'zod schemas (update-schema, config)': `import { parseUpdate } from '${join(ROOT, 'src/telegram/update-schema')}'; import { loadConfig } from '${join(ROOT, 'src/config')}'; globalThis.keep = [parseUpdate, loadConfig({})];`,
    pino: "import pino from 'pino'; globalThis.keep = pino({ level: 'info' });",
    'better-sqlite3': "import Database from 'better-sqlite3'; globalThis.keep = new Database(':memory:');",
    pg: "import pg from 'pg'; globalThis.keep = pg;",
    'node-cron': "import cron from 'node-cron'; globalThis.keep = cron;",
    'the whole bot, imported (no start)': `import { createApp } from '${join(ROOT, 'src/app')}'; globalThis.keep = createApp;`,
  };
  try {
    const entries = Object.keys(probes).map((name, i) => {
      const file = join(dir, `probe-${i}.ts`);
      writeFileSync(file, `${probes[name]}\nsetInterval(() => {}, 1000);\n`);
      return file;
    });
    const options = bundleOptions(join(dir, 'out'));
    await build({ ...options, entryPoints: entries, outbase: dir, logLevel: 'error' });
    console.log(`Node ${process.versions.node}; idle ${IDLE_MS / 1000} s; RSS medians of the last five samples, MiB`);
    const bare = await idleRss(BARE);
    console.log(`${'bare node (imports nothing)'.padEnd(40)} ${fmt(bare, 1).padStart(6)}`);
    for (const [i, name] of Object.keys(probes).entries()) {
      const rss = await idleRss([join(dir, 'out', `probe-${i}.js`)]);
      console.log(`${name.padEnd(40)} ${fmt(rss, 1).padStart(6)}  (+${fmt(rss - bare, 1)})`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (values.imports) {
  await importCosts();
  process.exit(0);
}

// A fresh clone: no dist/, so start.mjs builds before it starts the bot. This also leaves dist/ current for the rounds.
rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
const cold = await run(VARIANTS.find((variant) => variant.name === 'start')!, 0);
console.log(
  `Node ${process.versions.node}; ${ROUNDS} round(s), idle ${IDLE_MS / 1000} s before reading RSS` +
    (NODE_ARGS.length > 0 ? `; the bot run as node ${NODE_ARGS.join(' ')} …` : ''),
);
console.log(`cold start (no dist/: build, then start): first answer ${fmt(cold.firstAnswerMs)} ms\n`);

const results = new Map<string, Sample[]>(VARIANTS.map((variant) => [variant.name, []]));
const bares: number[] = [];
for (let round = 1; round <= ROUNDS; round += 1) {
  const bare = await idleRss(BARE);
  bares.push(bare);
  console.log(`round ${round} bare   own RSS ${fmt(bare, 1).padStart(6)} MiB (node, imports nothing)`);
  for (const variant of VARIANTS) {
    const sample = await run(variant);
    results.get(variant.name)!.push(sample);
    console.log(
      `round ${round} ${variant.name.padEnd(6)} first answer ${fmt(sample.firstAnswerMs).padStart(6)} ms` +
        `  own RSS ${fmt(sample.ownMiB, 1).padStart(6)} MiB  tree RSS ${fmt(sample.treeMiB, 1).padStart(6)} MiB` +
        ` (${sample.processes} process${sample.processes === 1 ? '' : 'es'}; own ${fmt(sample.startMiB, 1)} MiB 1 s after the answer)`,
    );
  }
}

const summary = Object.fromEntries(
  [...results].map(([name, samples]) => [
    name,
    {
      firstAnswerMs: median(samples.map((s) => s.firstAnswerMs)),
      ownMiB: median(samples.map((s) => s.ownMiB)),
      treeMiB: median(samples.map((s) => s.treeMiB)),
    },
  ]),
);
const bare = median(bares);
console.log('\nmedians       first answer     own RSS    tree RSS   own − bare');
console.log(`${'bare'.padEnd(12)} ${''.padStart(12)} ${fmt(bare, 1).padStart(7)} MiB`);
for (const [name, s] of Object.entries(summary))
  console.log(
    `${name.padEnd(12)} ${fmt(s.firstAnswerMs).padStart(9)} ms ${fmt(s.ownMiB, 1).padStart(7)} MiB ${fmt(s.treeMiB, 1).padStart(7)} MiB ${fmt(s.ownMiB - bare, 1).padStart(7)} MiB`,
  );
const main = summary.main!;
const ownMB = (main.ownMiB * 1024 * 1024) / 1e6;
console.log(
  `\ngoal: node dist/main.js own RSS ≤ ${GOAL_RSS_MB} MB: ${fmt(main.ownMiB, 1)} MiB = ${fmt(ownMB, 1)} MB ` +
    `${ownMB <= GOAL_RSS_MB ? 'met' : 'MISSED'} (bare node ${fmt(bare, 1)} MiB); first answer ≤ ${GOAL_FIRST_ANSWER_MS / 1000} s: ` +
    `${fmt(main.firstAnswerMs)} ms ${main.firstAnswerMs <= GOAL_FIRST_ANSWER_MS ? 'met' : 'MISSED'}` +
    ` (cold npm start, with the build: ${fmt(cold.firstAnswerMs)} ms)`,
);
