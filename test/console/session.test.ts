import { Telegraf } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock';
import { FakeBotApi } from '../../src/console/fake-bot-api';
import { runScript } from '../../src/console/script';
import { serveBotApi } from '../../src/console/serve-bot-api';
import { ConsoleSession } from '../../src/console/session';

const TOKEN = '123456789:TEST_console_session_stand_in';
const ERROR_TEXT = 'Đã có lỗi xảy ra.';

/** A tiny stand-in for the real bot: enough commands and buttons to drive every console feature. */
function standInBot(apiRoot: string): Telegraf {
  const bot = new Telegraf(TOKEN, { telegram: { apiRoot } });
  bot.command('ping', (ctx) =>
    ctx.reply('<b>pong</b> cho bạn', {
      parse_mode: 'HTML',
      reply_parameters: { message_id: ctx.message.message_id },
      reply_markup: {
        inline_keyboard: [
          [
            { text: 'Hoàn tác', callback_data: 'undo:1' },
            { text: 'Giữ', callback_data: 'keep' },
          ],
        ],
      },
    }),
  );
  bot.command('whoami', (ctx) => ctx.reply(`${ctx.from.first_name} in ${ctx.chat.type} ${ctx.chat.id}`));
  bot.command('boom', (ctx) => ctx.reply(ERROR_TEXT));
  bot.command('badhtml', (ctx) => ctx.reply('1 < 2', { parse_mode: 'HTML' }));
  // Slower than the session is willing to wait in the test below.
  bot.command('slow', () => new Promise<void>((resolve) => setTimeout(resolve, 600).unref()));
  bot.on('message', (ctx) => {
    const replied = 'reply_to_message' in ctx.message ? ctx.message.reply_to_message : undefined;
    if (replied) return ctx.reply(`you replied to ${replied.message_id}`);
  });
  bot.action('undo:1', async (ctx) => {
    await ctx.answerCbQuery('Đã hoàn tác');
    await ctx.editMessageText('<i>đã hoàn tác</i>', { parse_mode: 'HTML' });
  });
  bot.action('keep', () => undefined);
  return bot;
}

async function startConsole(settleTimeoutMs = 1500) {
  const api = new FakeBotApi({ clock: fixedClock(new Date('2026-11-24T02:00:00Z')) });
  const served = await serveBotApi(api);
  const bot = standInBot(served.url);
  await new Promise<void>((resolve, reject) => {
    bot.launch({ dropPendingUpdates: false }, resolve).catch(reject);
  });
  // launch calls back before polling starts, and telegraf refuses to stop a bot that is not polling yet.
  await expect.poll(() => api.pollCount, { interval: 5, timeout: 1000 }).toBeGreaterThan(0);
  const transcript: string[] = [];
  const session = new ConsoleSession({
    api,
    write: (text) => transcript.push(...text.split('\n')),
    admin: { id: 9001 },
    errorTexts: [ERROR_TEXT],
    quietMs: 30,
    settleTimeoutMs,
  });
  return {
    api,
    session,
    transcript,
    async stop() {
      session.dispose();
      bot.stop('test over');
      api.close();
      await served.close();
    },
  };
}

describe('ConsoleSession against a stand-in bot polling over HTTP', () => {
  let running: Awaited<ReturnType<typeof startConsole>> | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('runs a script: users, groups, numbered answers with buttons, presses, replies', async () => {
    running = await startConsole();
    const ok = await runScript(running.session, [
      '/whoami',
      ':in PC06 PC06 - Phòng CS',
      ':as an Nguyễn Văn An',
      '/ping',
      ':press 3 hoàn',
      ':reply 3 ok',
      ':in private',
      '/whoami',
    ]);
    expect(running.transcript).toEqual([
      '[Admin @ private] > /whoami   (#1)',
      '#2 Thi đua @ private with Admin:',
      '   Admin in private 9001',
      '[Admin @ private] > :in PC06 PC06 - Phòng CS',
      '  (new group PC06: PC06 - Phòng CS, id -1001000000001)',
      '[Admin @ PC06] > :as an Nguyễn Văn An',
      '  (new user an: Nguyễn Văn An, id 1001)',
      '[Nguyễn Văn An @ PC06] > /ping   (#3)',
      '#4 Thi đua @ PC06, reply to #3:',
      '   pong cho bạn',
      '   [1: Hoàn tác] [2: Giữ]',
      '[Nguyễn Văn An @ PC06] > :press 3 hoàn',
      '? which button of #3? buttons: none',
      '[Nguyễn Văn An @ PC06] > :reply 3 ok   (#5)',
      '#6 Thi đua @ PC06:',
      '   you replied to 1',
      '[Nguyễn Văn An @ PC06] > :in private',
      '[Nguyễn Văn An @ private] > /whoami   (#7)',
      '#8 Thi đua @ private with Nguyễn Văn An:',
      '   Nguyễn Văn An in private 1001',
    ]);
    expect(ok).toBe(true);
  });

  it('presses buttons by number and text, shows edits and toasts, and notes unanswered presses', async () => {
    running = await startConsole();
    const { session, transcript } = running;
    await session.run('/ping');
    transcript.length = 0;
    await session.run(':press 2 2');
    expect(transcript).toEqual([expect.stringMatching(/^ {2}\(the bot never answered the button press \d+\)$/)]);
    transcript.length = 0;
    await session.run(':press 2 hoàn tác');
    expect(transcript).toEqual(['   [toast] Đã hoàn tác', '#2 edited:', '   đã hoàn tác', '   (no buttons)']);
    transcript.length = 0;
    await session.run(':press 2');
    expect(transcript).toEqual(['? which button of #2? buttons: none']);
    expect(session.problems).toEqual([]);
  });

  it('counts the error text, a refused call and an unfinished update as problems', async () => {
    running = await startConsole(300);
    const { session, transcript } = running;
    expect(await runScript(session, ['/boom', '/badhtml', '/slow'])).toBe(false);
    expect(transcript).toContain(
      `! sendMessage failed: Bad Request: can't parse entities: Unsupported start tag "" at byte offset 2`,
    );
    expect(session.problems).toEqual([
      'the bot answered with its error text',
      `sendMessage failed: Bad Request: can't parse entities: Unsupported start tag "" at byte offset 2`,
      'the bot did not finish update 3 in time',
    ]);
  });

  it('lists users and groups, explains mistakes, and stops on :quit', async () => {
    running = await startConsole();
    const { session, transcript } = running;
    await session.run(':in pc08');
    await session.run(':as chi');
    expect(session.prompt()).toBe('[chi @ pc08] > ');
    transcript.length = 0;
    await session.run(':users');
    await session.run(':groups');
    await session.run(':reply 9 hi');
    await session.run(':nope');
    expect(transcript).toEqual([
      '    admin: Admin (id 9001)',
      '  * chi: chi (id 1001)',
      '  * pc08: pc08 (id -1001000000001)',
      '? there is no message #9',
      '? unknown console command ":nope" (try :help)',
    ]);
    expect(await session.run(':quit')).toBe('quit');
  });
});
