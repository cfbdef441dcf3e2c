import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import TelegramServer from 'telegram-test-api';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/processes';

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
