import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import TelegramServer from 'telegram-test-api';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../../src/console/fake-bot-api';
import { serveBotApi } from '../../src/console/serve-bot-api';
import { freePort, until } from '../helpers/processes';

const ROOT = resolve(import.meta.dirname, '../..');
/** What `npm start` runs: builds dist/ when it is stale, then runs the bundle in the same process. */
const START = join(ROOT, 'scripts/start.mjs');
const TOKEN = '123456789:E2E_token_for_local_runs_only';

/** Runs `npm start`'s entry point from an empty folder (so no developer .env is read), with only the given env. */
function startMain(env: Record<string, string>, cwd: string): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [START], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  return Object.assign(child, { output: () => output });
}

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((done) => {
    if (child.exitCode !== null) done(child.exitCode);
    else child.once('exit', (code) => done(code));
  });

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-e2e-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('npm start', () => {
  it('without a token exits non-zero, pointing at .env.example and npm run console', async () => {
    const child = startMain({}, tempDir());

    expect(await exitOf(child)).toBe(1);
    expect(child.output()).toContain('BOT_TOKEN is not set');
    expect(child.output()).toContain('.env.example');
    expect(child.output()).toContain('npm run console');
    // The first start builds dist/.
  }, 90_000);

  it('with bad settings exits non-zero, naming every bad key', async () => {
    const child = startMain({ BOT_TOKEN: 'nope', TZ: 'Nowhere/City', DEFAULT_LOCALE: 'fr' }, tempDir());

    expect(await exitOf(child)).toBe(1);
    for (const key of ['BOT_TOKEN', 'TZ', 'DEFAULT_LOCALE']) expect(child.output()).toContain(key);
  }, 60_000);

  it('serves users through a third-party Bot API emulator (telegram-test-api) and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 60 });
    await server.start();
    cleanups.push(() => server.stop());
    const dir = tempDir();
    const admin = server.getClient(TOKEN, {
      userId: 9001,
      firstName: 'Admin',
      userName: 'admin',
      chatId: -1001000000006,
      type: 'supergroup',
      chatTitle: 'PC06',
      timeout: 15_000,
    });
    const child = startMain(
      {
        BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: server.config.apiURL,
        DATABASE_URL: join(dir, 'bot.sqlite'),
        ADMIN_IDS: '9001',
        LOG_LEVEL: 'info',
      },
      dir,
    );
    cleanups.push(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });

    await admin.sendCommand(admin.makeCommand('/unit add PC06 Phòng PC06'));
    const added = await admin.getUpdates();
    await admin.sendCommand(admin.makeCommand('/register PC06'));
    await admin.getUpdates();
    await admin.sendCommand(admin.makeCommand('/log cccd 1.400'));
    const logged = await admin.getUpdates();

    const texts = (updates: { result: { message: { text: string } }[] }) => updates.result.map((u) => u.message.text);
    expect(texts(added).join('\n')).toContain('Đã thêm đơn vị');
    expect(texts(logged).join('\n')).toContain('1.400');
    expect(child.output()).toContain('taking updates');

    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
  }, 60_000);
});

/** Whether any process of the group is alive (kill with signal 0 to the group: ESRCH when none is). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `npm start` in a process group of its own, against a fake Bot API, with an env file of its own (a developer's
 * .env in the repository is not read); resolves once the bot takes updates. */
async function npmStartGroup() {
  const fake = new FakeBotApi();
  const served = await serveBotApi(fake, { pollCapMs: 1000 });
  cleanups.push(() => served.close());
  const dir = tempDir();
  const envFile = join(dir, 'env');
  writeFileSync(envFile, 'PORT=\nLOG_LEVEL=info\n');
  const child = spawn('npm', ['start', '--silent', '--prefix', ROOT], {
    cwd: dir,
    detached: true,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      ENV_FILE: envFile,
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: served.url,
      DATABASE_URL: join(dir, 'bot.sqlite'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk) => (output += chunk));
  const pgid = child.pid!;
  cleanups.push(() => {
    if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
  });
  await until(() => output.includes('taking updates'), 60_000, 'the bot taking updates');
  return { pgid, output: () => output };
}

describe('npm start stops cleanly on a signal', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s to the npm start process group leaves no process behind, and the bot says it stopped',
    async (signal) => {
      const { pgid, output } = await npmStartGroup();
      process.kill(-pgid, signal);
      await until(() => !groupAlive(pgid), 15_000, 'every process of the group gone');
      expect(output()).toContain(`"signal":"${signal}"`);
    },
    90_000,
  );

  it('the bot started by npm start stops when npm alone is sent SIGTERM (no orphan)', async () => {
    const { pgid } = await npmStartGroup();
    // What `kill <pid of npm start>` does: npm forwards it to the bot, which the script exec'd (no shell between).
    process.kill(pgid, 'SIGTERM');
    await until(() => !groupAlive(pgid), 15_000, 'every process of the group gone');
  }, 90_000);
});
