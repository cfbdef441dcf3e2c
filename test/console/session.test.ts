import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Telegraf } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock';
import { FakeBotApi } from '../../src/console/fake-bot-api';
import { runScript } from '../../src/console/script';
import { serveBotApi } from '../../src/console/serve-bot-api';
import {
  type Backlog,
  type BacklogWatch,
  ConsoleSession,
  type ConsoleSessionOptions,
  type ConsoleTime,
} from '../../src/console/session';

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
  bot.command('entities', (ctx) => ctx.reply(`${ctx.message.text} ${JSON.stringify(ctx.message.entities)}`));
  bot.command('report', (ctx) =>
    ctx.replyWithDocument({ source: Buffer.from('a,b\n1,2\n'), filename: 'report.csv' }, { caption: 'Báo cáo' }),
  );
  // As the bot fetches an imported file: getFile, then a download from the API root.
  bot.on('document', async (ctx) => {
    const { document } = ctx.message;
    const bytes = Buffer.from(await (await fetch(await ctx.telegram.getFileLink(document.file_id))).arrayBuffer());
    const caption = ctx.message.caption_entities?.[0]?.type === 'bot_command' ? ctx.message.caption : '-';
    await ctx.reply(`${document.file_name} ${document.mime_type} ${bytes.length} bytes, ${caption}: ${bytes}`);
  });
  bot.on('edited_message', (ctx) => {
    const edited = ctx.editedMessage;
    return ctx.reply(`#${edited.message_id} now says ${'text' in edited ? edited.text : '?'}`);
  });
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

async function startConsole(settleTimeoutMs = 1500, extra: Pick<ConsoleSessionOptions, 'backlog' | 'time'> = {}) {
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
    ...extra,
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

  it("edits one's own message as an edited_message, and refuses to edit others' or to change nothing", async () => {
    running = await startConsole();
    const ok = await runScript(running.session, [
      '/whoami',
      ':edit 1 /whoami now',
      ':edit 2 hi',
      ':edit 1 /whoami now',
      ':edit 7 hi',
    ]);
    expect(running.transcript.slice(3)).toEqual([
      '[Admin @ private] > :edit 1 /whoami now',
      '#3 Thi đua @ private with Admin:',
      '   #1 now says /whoami now',
      '[Admin @ private] > :edit 2 hi',
      '? #2 was sent by Thi đua; only its author can edit it',
      '[Admin @ private] > :edit 1 /whoami now',
      '? #1 already says that',
      '[Admin @ private] > :edit 7 hi',
      '? there is no message #7',
    ]);
    expect(running.api.message(9001, 1)).toMatchObject({ text: '/whoami now', edit_date: expect.any(Number) });
    expect(ok).toBe(true);
  });

  it('turns @username into a mention, and a person without one (or @{key}) into a text_mention', async () => {
    running = await startConsole();
    const { session, transcript } = running;
    await session.run(':as lan Lan');
    await session.run(':as an');
    transcript.length = 0;
    await session.run('/entities @lan @an @{lan}');
    const lan = { id: 1001, is_bot: false, first_name: 'Lan', username: 'lan' };
    const an = { id: 1002, is_bot: false, first_name: 'an' };
    expect(transcript[1]).toBe('#2 Thi đua @ private with an:');
    const [text, entities] = (transcript[2] ?? '').trim().split(' [');
    expect(text).toBe('/entities @lan an Lan');
    expect(JSON.parse(`[${entities}`)).toEqual([
      { type: 'bot_command', offset: 0, length: 9 },
      { type: 'mention', offset: 10, length: 4 },
      { type: 'text_mention', offset: 15, length: 2, user: an },
      { type: 'text_mention', offset: 18, length: 3, user: lan },
    ]);
    transcript.length = 0;
    await session.run('/entities @{chi}');
    expect(transcript).toEqual(['? there is no one called "chi" here (:users lists them)']);
  });

  it('sends a file as a document the bot can getFile and download; lists and saves the files the bot sent', async () => {
    running = await startConsole();
    const { session, transcript } = running;
    const folder = mkdtempSync(join(tmpdir(), 'console-files-'));
    const roster = join(folder, 'danh sách.csv');
    writeFileSync(roster, 'Họ tên,Đơn vị\n');
    await session.run(`:file "${roster}" /nhap`, { echo: true });
    await session.run(`:file ${join(folder, 'missing.xlsx')}`, { echo: true });
    await session.run('/report', { echo: true });
    await session.run(':files', { echo: true });
    await session.run(`:save 4 ${join(folder, 'out', 'report.csv')}`, { echo: true });
    await session.run(`:save 3 ${join(folder, 'x.csv')}`, { echo: true });
    expect(transcript).toEqual([
      `[Admin @ private] > :file "${roster}" /nhap   (#1)`,
      '#2 Thi đua @ private with Admin:',
      '   danh sách.csv text/csv 21 bytes, /nhap: Họ tên,Đơn vị',
      '   ',
      `[Admin @ private] > :file ${join(folder, 'missing.xlsx')}`,
      expect.stringMatching(/^\? cannot read .*missing\.xlsx: ENOENT/),
      '[Admin @ private] > /report   (#3)',
      '#4 Thi đua @ private with Admin:',
      '   [document report.csv, 8 bytes]',
      '   Báo cáo',
      '[Admin @ private] > :files',
      '  #4 document report.csv, 8 bytes',
      `[Admin @ private] > :save 4 ${join(folder, 'out', 'report.csv')}`,
      `  (saved the document of #4 to ${join(folder, 'out', 'report.csv')}, 8 bytes)`,
      `[Admin @ private] > :save 3 ${join(folder, 'x.csv')}`,
      '? #3 carries no file the bot sent (:files lists them)',
    ]);
    expect(readFileSync(join(folder, 'out', 'report.csv'), 'utf8')).toBe('a,b\n1,2\n');
    expect(running.api.message(9001, 1)).toMatchObject({
      document: { file_name: 'danh sách.csv', mime_type: 'text/csv', file_size: 21 },
      caption: '/nhap',
    });
    expect(session.problems).toEqual([]);
  });

  it('moves the clock forward through the jobs it passes, each at its time, and refuses to go back', async () => {
    let clock = new Date('2026-11-24T02:00:00Z');
    const ran: string[] = [];
    const time: ConsoleTime = {
      now: () => clock,
      moveTo: (instant) => {
        clock = instant;
      },
      timeZone: 'Asia/Ho_Chi_Minh',
      firings: (from, to) =>
        [
          { job: 'reminder', dueAt: new Date('2026-11-27T08:00:00Z') },
          { job: 'leaderboard', dueAt: new Date('2026-11-30T01:00:00Z') },
        ].filter((firing) => firing.dueAt > from && firing.dueAt <= to),
      run: async (job, dueAt) => {
        ran.push(`${job} at ${clock.toISOString()} for ${dueAt.toISOString()}`);
        if (job === 'reminder') return { planned: 0, queued: 0 };
        await running!.api.call('sendMessage', { chat_id: -1001000000001, text: 'Tổng kết tuần' });
        return { planned: 1, queued: 1 };
      },
    };
    running = await startConsole(1500, { time });
    const { session, transcript } = running;
    await session.run(':in PC06');
    transcript.length = 0;
    await session.run(':clock');
    await session.run(':clock +7d');
    await session.run(':clock 2026-11-30 08:00');
    expect(transcript).toEqual([
      '  (the clock reads Tue 2026-11-24 09:00, Asia/Ho_Chi_Minh)',
      '  (Fri 2026-11-27 15:00: reminder)',
      '   nothing to post',
      '  (Mon 2026-11-30 08:00: leaderboard)',
      '#1 Thi đua @ PC06:',
      '   Tổng kết tuần',
      '  (the clock reads Tue 2026-12-01 09:00)',
      '? the clock only moves forward; it reads Tue 2026-12-01 09:00',
    ]);
    expect(ran).toEqual([
      'reminder at 2026-11-27T08:00:00.000Z for 2026-11-27T08:00:00.000Z',
      'leaderboard at 2026-11-30T01:00:00.000Z for 2026-11-30T01:00:00.000Z',
    ]);
    transcript.length = 0;
    await session.run(':clock +32d');
    expect(transcript).toEqual(['? the clock moves at most 31 days at a time']);
  });

  it('ends a line whose reply the bot holds back with why, and counts only a reply never coming as a problem', async () => {
    let held: Backlog = { busy: true, sending: true, held: [{ chatId: -1001000000001 }] };
    const backlog: BacklogWatch = { mark: async () => 7, read: async () => held, limitHeld: () => true };
    const time = { now: () => new Date('2026-11-24T02:00:00Z'), timeZone: 'Asia/Ho_Chi_Minh' } as ConsoleTime;
    running = await startConsole(2000, { backlog, time });
    const { session, transcript } = running;
    await session.run(':in PC06');
    await session.run('/whoami');
    held = { busy: false, held: [{ chatId: 1001, notBefore: new Date('2026-11-24T03:00:00Z') }] };
    await session.run('/whoami');
    // Files being written are work, whatever the transport waits for.
    held = { busy: true, sending: true, writing: true, held: [] };
    await session.run('/whoami');
    expect(transcript.filter((line) => /^( {2}\(|!)/.test(line))).toEqual([
      '  (new group PC06: PC06, id -1001000000001)',
      '  (#1)',
      "  (held: the group's limit)",
      '  (#3)',
      '  (held until Tue 2026-11-24 10:00, private with 1001: move the :clock past it)',
      '  (#5)',
      '! the bot did not finish update 3 in time',
    ]);
    expect(session.problems).toEqual(['the bot did not finish update 3 in time']);
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
