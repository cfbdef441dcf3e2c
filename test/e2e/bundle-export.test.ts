import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../../src/console/fake-bot-api';
import { serveBotApi } from '../../src/console/serve-bot-api';
import type { NonChannelChat } from '../../src/telegram/update-schema';
import { until } from '../helpers/processes';
import { createUpdateFactory, users } from '../helpers/updates';

const ROOT = resolve(import.meta.dirname, '../..');
/** `npm start`'s entry: builds dist/ when it is stale, then runs dist/main.js in the same process. */
const START = join(ROOT, 'scripts/start.mjs');
const TOKEN = '123456789:E2E_token_for_local_runs_only';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the bundle’s /export', () => {
  it('writes the files in the writers’ thread of dist/files/export-thread.js and sends them', async () => {
    const fake = new FakeBotApi({ admins: [users.admin.id] });
    const served = await serveBotApi(fake, { pollCapMs: 500 });
    cleanups.push(() => served.close());
    const dir = mkdtempSync(join(tmpdir(), 'thidua-bundle-export-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const child: ChildProcess = spawn(process.execPath, [START], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? dir,
        BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: served.url,
        DATABASE_URL: join(dir, 'bot.sqlite'),
        ADMIN_IDS: String(users.admin.id),
        LOG_LEVEL: 'info',
        OUTBOX_POLL_MS: '200',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk) => (output += chunk));
    await until(() => output.includes('taking updates'), 90_000, 'the bot taking updates');

    const documents: { filename: string; bytes: Uint8Array }[] = [];
    fake.onCall((call) => {
      if (call.method !== 'sendDocument') return;
      const document = call.payload.document as { filename?: string; source?: Uint8Array } | undefined;
      if (document?.source) documents.push({ filename: String(document.filename), bytes: document.source });
    });
    const updates = createUpdateFactory({ now: () => new Date(), nextMessageId: (id) => fake.nextMessageId(id) });
    const group: NonChannelChat = { id: -1_001_000_000_006, type: 'supergroup', title: 'PC06' };
    const admin = users.admin;
    const say = (chat: NonChannelChat, text: string) => fake.pushUpdate(updates.message({ from: admin, chat, text }));
    say({ id: admin.id, type: 'private', first_name: admin.first_name }, '/unit add PC06 Phòng PC06');
    say(group, '/register PC06');
    say(group, '/log cccd 1.400');
    say(group, '/xuat thang');
    await until(() => documents.length === 2, 60_000, 'the export’s two files');

    const [xlsx, csv] = documents;
    expect(xlsx?.filename).toMatch(/^thidua-PC06-.*\.xlsx$/);
    expect(csv?.filename).toMatch(/^thidua-PC06-.*\.csv$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx!.bytes) as never);
    expect(workbook.worksheets[0]?.getRow(2).getCell(2).value).toBe('PC06');
    expect(Buffer.from(csv!.bytes).toString('utf8')).toContain(',PC06,Phòng PC06,');
    // Written in a worker thread (its id in the log), not in the bot's own thread (id 0).
    const queued = output
      .split('\n')
      .filter((line) => line.includes('"export queued"'))
      .map((line) => JSON.parse(line) as { thread?: number });
    expect(queued).toHaveLength(1);
    expect(queued[0]?.thread).toBeGreaterThan(0);

    child.kill('SIGTERM');
    await until(() => child.exitCode !== null, 15_000, 'the bot stopping');
    expect(child.exitCode).toBe(0);
  }, 150_000);
});
