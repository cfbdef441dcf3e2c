import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webAppRoutes } from '../../src/app';
import { createLogger } from '../../src/logger';
import { type HttpServer, startHttpServer } from '../../src/telegram/http-server';
import type { Message, User } from '../../src/telegram/update-schema';
import { initDataFor, type TestUser } from '../features/app/sign-init-data';
import { startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';
import { buildApp, chromiumAvailable, launchChromium, type OpenedApp, openApp } from './chromium';

/** The token startTestBot's bot runs with. */
const BOT_TOKEN = '123456789:TEST_token_for_local_runs_only';
const dung = { id: 1004, is_bot: false, first_name: 'Phạm Văn Dũng' } satisfies User;
const asTestUser = (user: User): TestUser => ({ id: user.id, first_name: user.first_name, language_code: 'vi' });

/**
 * The built page served by the bot's own HTTP server, on the real API over a seeded SQLite store, in Chromium:
 * what the fixture-backed tests (app.test.ts) cannot show, that the page and the server agree.
 */
describe.skipIf(!chromiumAvailable())('the web app on the real server, in Chromium', () => {
  let built: ReturnType<typeof buildApp>;
  let bot: TestBot;
  let server: HttpServer;
  let url: string;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let card: Message;
  const opened: OpenedApp[] = [];

  beforeAll(async () => {
    built = buildApp();
    bot = await startTestBot({
      env: { PUBLIC_URL: 'https://bot.example.org', PORT: '8080', MINIAPP_SHORT_NAME: 'bang' },
      webAppDir: built.dir,
    });
    await bot.setUpUnits();
    await bot.appointCommander(dung, chats.pc06);
    await bot.send(users.alice, chats.pc06, '/log cccd 5');
    await bot.send(users.binh, chats.pc06, '/log cccd 7');
    await bot.send(users.chi, chats.pc08, '/log dkoto 3');
    const source = bot.updates.message({ from: users.alice, chat: chats.pc06, text: 'Em vừa hiến máu ở bệnh viện' });
    await bot.deliver(source);
    const answer = await bot.send(users.binh, chats.pc06, '/khen hiến máu cứu người bị tai nạn giao thông', {
      replyTo: source.message,
    });
    card = answer.sent.find((message) => message.chat.id === chats.pc06.id)!;
    server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      logger: createLogger('silent'),
      metrics: bot.app.metrics,
      health: async () => ({ ok: true }),
      routes: webAppRoutes(bot.app.webApp!),
    });
    url = `http://127.0.0.1:${server.port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    for (const app of opened) await app.page.close();
    await browser?.close();
    await server?.close();
    await bot?.close();
    built?.remove();
  });

  const open = async (initData: string, hash?: string) => {
    const app = await openApp(browser.context, { url, initData, ...(hash && { hash }) });
    opened.push(app);
    return app;
  };
  const signed = (user: User) => initDataFor(asTestUser(user), { authDate: bot.clock.now(), botToken: BOT_TOKEN });

  it('shows a commander the seeded figures of their department, and nothing of the others', async () => {
    const { page, errors } = await open(signed(dung));
    await page.locator('.tile').first().waitFor();

    expect(await page.locator('h1').textContent()).toBe('Phòng Cảnh sát QLHC về TTXH');
    expect(await page.locator('.tile[data-metric="cccd"] .big').textContent()).toBe('12');
    expect(await page.locator('body').textContent()).not.toContain('PC08');
    expect(await page.locator('.tab[data-tab="nominations"] .badge').textContent()).toBe('1');
    expect(errors).toEqual([]);
  });

  it('refuses init data signed for another bot', async () => {
    const forged = initDataFor(asTestUser(dung), { authDate: bot.clock.now(), botToken: '1:another-bot' });
    const { page } = await open(forged);
    const refusal = page.locator('.refusal');
    await refusal.waitFor();

    expect(await refusal.getAttribute('data-refusal')).toBe('auth.invalid');
    expect(await page.locator('.tile').count()).toBe(0);
  });

  it('decides a nomination in the page, and its card in the group is edited to match', async () => {
    const { page } = await open(signed(dung), '#/n');
    const nomination = page.locator('.nomination').first();
    await nomination.waitFor();
    await nomination.locator('[data-action="decide:bieuduong"]').click();
    await nomination.waitFor({ state: 'detached' });
    await bot.app.drain();

    const stored = await bot.db.selectFrom('nominations').select(['status', 'level']).executeTakeFirst();
    expect(stored).toEqual({ status: 'approved', level: 'bieuduong' });
    expect(bot.api.message(card.chat.id, card.message_id)?.text).toContain('Phạm Văn Dũng');
  });
});
