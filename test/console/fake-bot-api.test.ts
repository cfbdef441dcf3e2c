import { Telegraf, TelegramError } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock';
import { FakeBotApi } from '../../src/console/fake-bot-api';
import { type ServedBotApi, serveBotApi } from '../../src/console/serve-bot-api';
import { asMessage, chats, createUpdateFactory, users } from '../helpers/updates';

const TOKEN = '123456789:TEST_fake_token_for_the_fake_api';
const clock = fixedClock(new Date('2026-11-24T02:00:00Z'));
const rejection = async (promise: Promise<unknown>): Promise<TelegramError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TelegramError)) throw new Error(`expected a TelegramError, got ${String(error)}`);
  return error;
};

describe('FakeBotApi in process', () => {
  it('answers getMe as the configured bot', async () => {
    const api = new FakeBotApi({ bot: { id: 42, username: 'OtherBot', first_name: 'Other' } });
    expect(await api.call('getMe', {})).toMatchObject({ id: 42, is_bot: true, username: 'OtherBot' });
    expect(await new FakeBotApi().call('getMe', {})).toMatchObject({ id: 7000000001, username: 'ThiDuaBot' });
  });

  it('sends messages as Telegram stores them: plain text, entities, keyboard, the replied message', async () => {
    const api = new FakeBotApi({ clock });
    const updates = createUpdateFactory({ nextMessageId: (chatId) => api.nextMessageId(chatId) });
    const command = api.pushUpdate(updates.message({ from: users.alice, chat: chats.pc06, text: '/log cccd 120' }));
    const sent = await api.call('sendMessage', {
      chat_id: chats.pc06.id,
      text: 'Đã ghi <b>120</b> thẻ &amp; xong',
      parse_mode: 'HTML',
      reply_parameters: { message_id: command.message.message_id },
      reply_markup: { inline_keyboard: [[{ text: 'Hoàn tác', callback_data: 'undo:1' }]] },
    });
    expect(sent).toEqual({
      message_id: 2,
      from: api.bot,
      chat: chats.pc06,
      date: Math.floor(clock.now().getTime() / 1000),
      reply_to_message: command.message,
      text: 'Đã ghi 120 thẻ & xong',
      entities: [{ type: 'bold', offset: 7, length: 3 }],
      reply_markup: { inline_keyboard: [[{ text: 'Hoàn tác', callback_data: 'undo:1' }]] },
    });
    expect(asMessage(sent).message_id).toBe(2);
    expect(api.message(chats.pc06.id, 2)).toEqual(sent);
    expect(api.lastSent(chats.pc06.id)).toMatchObject({ text: 'Đã ghi <b>120</b> thẻ &amp; xong' });
    expect(api.sentMessages(chats.pc08.id)).toEqual([]);
  });

  it('guesses the chat of an unknown id from its sign, and numbers messages per chat', async () => {
    const api = new FakeBotApi();
    const first = await api.call('sendMessage', { chat_id: -1009, text: 'a' });
    const second = await api.call('sendMessage', { chat_id: -1009, text: 'b' });
    const direct = await api.call('sendMessage', { chat_id: 1001, text: 'c' });
    expect(first).toMatchObject({ message_id: 1, chat: { id: -1009, type: 'supergroup' } });
    expect(second).toMatchObject({ message_id: 2 });
    expect(direct).toMatchObject({ message_id: 1, chat: { id: 1001, type: 'private' } });
  });

  it.each([
    ['bad HTML', { text: 'a < b', parse_mode: 'HTML' }, /^Bad Request: can't parse entities: Unsupported start tag/],
    ['an unsupported tag', { text: 'a<br>b', parse_mode: 'HTML' }, /Unsupported start tag "br"/],
    ['empty text', { text: '  ' }, /^Bad Request: message text is empty$/],
    ['too long a text', { text: 'x'.repeat(4097) }, /^Bad Request: message is too long$/],
    [
      'a missing replied message',
      { text: 'x', reply_parameters: { message_id: 99 } },
      /message to be replied not found/,
    ],
    [
      'oversized callback data',
      { text: 'x', reply_markup: { inline_keyboard: [[{ text: 'b', callback_data: 'x'.repeat(65) }]] } },
      /BUTTON_DATA_INVALID/,
    ],
    [
      'a web app button in a group',
      { text: 'x', reply_markup: { inline_keyboard: [[{ text: 'b', web_app: { url: 'https://app.example/app/' } }]] } },
      /BUTTON_TYPE_INVALID/,
    ],
  ])('refuses %s with a 400, as Telegram does', async (_name, payload, description) => {
    const api = new FakeBotApi();
    const error = await rejection(api.call('sendMessage', { chat_id: -1, ...payload }));
    expect(error.code).toBe(400);
    expect(error.description).toMatch(description);
    expect(error.on).toMatchObject({ method: 'sendMessage' });
  });

  it('sends a reply to a missing message when allowed to', async () => {
    const api = new FakeBotApi();
    const sent = await api.call('sendMessage', {
      chat_id: -1,
      text: 'x',
      reply_parameters: { message_id: 99, allow_sending_without_reply: true },
    });
    expect(sent).not.toHaveProperty('reply_to_message');
  });

  it('edits its own messages, refusing unchanged content like Telegram', async () => {
    const api = new FakeBotApi({ clock });
    const keyboard = { inline_keyboard: [[{ text: 'Undo', callback_data: 'undo:1' }]] };
    await api.call('sendMessage', { chat_id: -1, text: 'Logged', reply_markup: keyboard });
    const unchanged = await rejection(
      api.call('editMessageText', { chat_id: -1, message_id: 1, text: 'Logged', reply_markup: keyboard }),
    );
    expect(unchanged.description).toMatch(/^Bad Request: message is not modified/);

    const edited = await api.call('editMessageText', {
      chat_id: -1,
      message_id: 1,
      text: '<i>Undone</i>',
      parse_mode: 'HTML',
    });
    expect(edited).toMatchObject({ text: 'Undone', entities: [{ type: 'italic', offset: 0, length: 6 }] });
    // Telegram drops the keyboard unless the edit repeats it.
    expect(api.message(-1, 1)).not.toHaveProperty('reply_markup');

    await api.call('editMessageReplyMarkup', { chat_id: -1, message_id: 1, reply_markup: keyboard });
    expect(api.message(-1, 1)?.reply_markup).toEqual(keyboard);
    const missing = await rejection(api.call('editMessageText', { chat_id: -1, message_id: 7, text: 'x' }));
    expect(missing.description).toBe('Bad Request: message to edit not found');
  });

  it("refuses to edit other people's messages and deletes messages once", async () => {
    const api = new FakeBotApi();
    const updates = createUpdateFactory();
    api.pushUpdate(updates.message({ from: users.alice, chat: chats.pc06, text: 'hello' }));
    const foreign = await rejection(api.call('editMessageText', { chat_id: chats.pc06.id, message_id: 1, text: 'x' }));
    expect(foreign.description).toBe("Bad Request: message can't be edited");
    expect(await api.call('deleteMessage', { chat_id: chats.pc06.id, message_id: 1 })).toBe(true);
    const again = await rejection(api.call('deleteMessage', { chat_id: chats.pc06.id, message_id: 1 }));
    expect(again.description).toBe('Bad Request: message to delete not found');
  });

  it('answers the small methods and reports admins from its set', async () => {
    const api = new FakeBotApi({ admins: [users.admin.id] });
    const updates = createUpdateFactory();
    api.pushUpdate(updates.message({ from: users.binh, chat: chats.pc06, text: 'hi' }));
    expect(await api.call('answerCallbackQuery', { callback_query_id: '1', text: 'ok' })).toBe(true);
    const commands = [{ command: 'log', description: 'Ghi' }];
    expect(await api.call('setMyCommands', { commands, language_code: 'vi' })).toBe(true);
    expect(await api.call('getMyCommands', { language_code: 'vi' })).toEqual(commands);
    expect(await api.call('getMyCommands', {})).toEqual([]);
    expect(await api.call('deleteMyCommands', { language_code: 'vi' })).toBe(true);
    expect(await api.call('getMyCommands', { language_code: 'vi' })).toEqual([]);
    const invalid = await rejection(api.call('setMyCommands', { commands: [{ command: 'Log', description: 'x' }] }));
    expect(invalid.description).toBe('Bad Request: BOT_COMMAND_INVALID');
    expect(await api.call('getChat', { chat_id: chats.pc06.id })).toMatchObject(chats.pc06);
    expect(await api.call('getChatMember', { chat_id: chats.pc06.id, user_id: users.admin.id })).toMatchObject({
      status: 'administrator',
    });
    expect(await api.call('getChatMember', { chat_id: chats.pc06.id, user_id: users.binh.id })).toEqual({
      status: 'member',
      user: users.binh,
    });
    expect(await api.call('deleteWebhook', {})).toBe(true);
    expect(await api.call('setWebhook', { url: 'https://x' })).toBe(true);
  });

  it('records every call, throws 404 for unknown methods, and injects failures', async () => {
    const api = new FakeBotApi();
    const unknown = await rejection(api.call('sendPigeon', { chat_id: 1 }));
    expect(unknown.code).toBe(404);
    api.failNext(
      'sendMessage',
      { error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } },
      2,
    );
    for (let attempt = 0; attempt < 2; attempt++) {
      const limited = await rejection(api.call('sendMessage', { chat_id: 1, text: 'x' }));
      expect(limited.parameters).toEqual({ retry_after: 3 });
    }
    await api.call('sendMessage', { chat_id: 1, text: 'x' });
    expect(api.calls.map((call) => call.method)).toEqual(['sendPigeon', 'sendMessage', 'sendMessage', 'sendMessage']);
    expect(api.sentMessages()).toEqual([{ chat_id: 1, text: 'x' }]);
    api.clear();
    expect(api.calls).toEqual([]);
  });

  it('long-polls: answers queued updates at once, waits for a push, confirms by offset, ends on close', async () => {
    const api = new FakeBotApi();
    const first = api.pushUpdate({ message: { message_id: 1 } });
    expect(first.update_id).toBe(1);
    expect(await api.call('getUpdates', { offset: 0, timeout: 30 })).toEqual([first]);
    expect(api.isConfirmed(1)).toBe(false);

    const waiting = api.call('getUpdates', { offset: 2, timeout: 30 });
    const second = api.pushUpdate({ update_id: 10, edited_message: {} });
    expect(await waiting).toEqual([second]);
    expect(api.isConfirmed(1)).toBe(true);
    expect(api.pushUpdate({}).update_id).toBe(11);
    expect(await api.call('getUpdates', { offset: 12, limit: 1 })).toEqual([]);

    const started = performance.now();
    const idle = api.call('getUpdates', { offset: 12, timeout: 30 });
    api.close();
    expect(await idle).toEqual([]);
    expect(performance.now() - started).toBeLessThan(500);
    expect(api.calls).toEqual([]);
  });

  it('numbers updates and messages past the ids a store already holds', async () => {
    const api = new FakeBotApi();
    api.continueAfter({ updateId: 40, messageIds: new Map([[chats.pc06.id, 12]]) });
    const updates = createUpdateFactory({
      nextMessageId: (chatId) => api.nextMessageId(chatId),
      nextUpdateId: () => api.nextUpdateId(),
    });
    const typed = api.pushUpdate(updates.message({ from: users.alice, chat: chats.pc06, text: 'xin chào' }));
    expect([typed.update_id, typed.message.message_id]).toEqual([41, 13]);
    expect(api.pushUpdate({ message: null }).update_id).toBe(42);
    expect(await api.call('sendMessage', { chat_id: chats.pc06.id, text: 'chào' })).toMatchObject({ message_id: 14 });
    expect(await api.call('sendMessage', { chat_id: chats.pc08.id, text: 'chào' })).toMatchObject({ message_id: 1 });
    // Ids never go back, whatever a later store says.
    api.continueAfter({ updateId: 5, messageIds: new Map([[chats.pc06.id, 3]]) });
    expect([api.nextUpdateId(), api.nextMessageId(chats.pc06.id)]).toEqual([43, 15]);
  });

  it('keeps files as Telegram does: uploads and sent files get a file_id, getFile a path, the path the bytes', async () => {
    const api = new FakeBotApi({ clock });
    const csv = Buffer.from('Họ tên,Đơn vị\nHà Văn Hưng,PC06\n');
    const document = api.uploadDocument(csv, 'danh-sach.csv');
    expect(document).toEqual({
      file_id: expect.any(String),
      file_unique_id: expect.any(String),
      file_name: 'danh-sach.csv',
      mime_type: 'text/csv',
      file_size: csv.length,
    });
    const file = (await api.call('getFile', { file_id: document.file_id })) as { file_path: string };
    expect(file).toEqual({
      file_id: document.file_id,
      file_unique_id: document.file_unique_id,
      file_size: csv.length,
      file_path: 'documents/file_1.csv',
    });
    expect(Buffer.from(api.download(file.file_path)!).equals(csv)).toBe(true);
    expect(api.download('documents/file_9.csv')).toBeUndefined();

    const xlsx = Buffer.from('PK\u0003\u0004 a workbook');
    const sent = await api.call('sendDocument', {
      chat_id: chats.pc06.id,
      document: { source: xlsx, filename: 'bao-cao.xlsx' },
      caption: '<b>Báo cáo</b>',
      parse_mode: 'HTML',
    });
    expect(sent).toMatchObject({
      document: {
        file_name: 'bao-cao.xlsx',
        mime_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        file_size: xlsx.length,
      },
      caption: 'Báo cáo',
      caption_entities: [{ type: 'bold', offset: 0, length: 7 }],
    });
    const sentId = (sent as { document: { file_id: string } }).document.file_id;
    expect(Buffer.from(api.fileOf(sentId)!.bytes).equals(xlsx)).toBe(true);
    // The same bytes again: a new file_id, the same file_unique_id; a known file_id sends that file again.
    const again = api.uploadDocument(xlsx, 'copy.xlsx');
    expect(again.file_id).not.toBe(sentId);
    expect(again.file_unique_id).toBe((sent as { document: { file_unique_id: string } }).document.file_unique_id);
    const resent = await api.call('sendDocument', { chat_id: chats.pc08.id, document: sentId });
    expect(resent).toMatchObject({ document: { file_id: sentId, file_name: 'bao-cao.xlsx' } });

    const png = Buffer.alloc(32);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
    png.writeUInt32BE(1200, 16);
    png.writeUInt32BE(630, 20);
    const photo = await api.call('sendPhoto', { chat_id: chats.pc06.id, photo: { source: png, filename: 'x.png' } });
    expect(photo).toMatchObject({ photo: [{ width: 1200, height: 630, file_size: 32 }] });
    expect(photo).not.toHaveProperty('document');
  });

  it('refuses what Telegram refuses: an unknown file_id, a download over 20 MB, an unknown file to resend', async () => {
    const api = new FakeBotApi();
    expect((await rejection(api.call('getFile', { file_id: 'nope' }))).description).toBe(
      'Bad Request: invalid file_id',
    );
    const big = api.uploadDocument(new Uint8Array((20 << 20) + 1), 'big.xlsx');
    expect((await rejection(api.call('getFile', { file_id: big.file_id }))).description).toBe(
      'Bad Request: file is too big',
    );
    expect((await rejection(api.call('sendDocument', { chat_id: -5, document: 'nope' }))).description).toBe(
      'Bad Request: wrong file identifier/HTTP URL specified',
    );
  });

  it('caps an in-process poll at a second', async () => {
    const api = new FakeBotApi();
    const started = performance.now();
    expect(await api.call('getUpdates', { timeout: 50 })).toEqual([]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
  });
});

describe('serveBotApi with a real telegraf client', () => {
  let served: ServedBotApi | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  it('answers getMe and sendMessage, and surfaces an injected 429 as TelegramError', async () => {
    const api = new FakeBotApi();
    served = await serveBotApi(api);
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: served.url } });
    expect(await bot.telegram.getMe()).toMatchObject({ id: 7000000001, username: 'ThiDuaBot' });
    const sent = await bot.telegram.sendMessage(chats.pc06.id, '<b>Xin chào</b>', { parse_mode: 'HTML' });
    expect(sent).toMatchObject({ message_id: 1, text: 'Xin chào', chat: { id: chats.pc06.id } });

    api.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });
    const limited = await rejection(bot.telegram.sendMessage(chats.pc06.id, 'again'));
    expect(limited.code).toBe(429);
    expect(limited.parameters?.retry_after).toBe(7);
    const broken = await rejection(bot.telegram.sendMessage(chats.pc06.id, '<b>open', { parse_mode: 'HTML' }));
    expect(broken.description).toBe(
      `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`,
    );
    expect(api.calls.map((call) => call.method)).toEqual(['getMe', 'sendMessage', 'sendMessage', 'sendMessage']);
  });

  it('takes uploads as Telegram does: telegraf multipart documents and photos, malformed bodies refused', async () => {
    const api = new FakeBotApi();
    served = await serveBotApi(api);
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: served.url } });
    const pdf = Buffer.from('%PDF-1.7 bản nháp');
    const sent = await bot.telegram.sendDocument(
      chats.pc06.id,
      { source: pdf, filename: 'giay-khen.pdf' },
      { caption: '<b>Bản nháp</b>', parse_mode: 'HTML' },
    );
    expect(sent).toMatchObject({ chat: { id: chats.pc06.id }, caption: 'Bản nháp' });
    const call = api.calls.find((recorded) => recorded.method === 'sendDocument');
    const file = call?.payload.document as { source: Uint8Array; filename: string };
    expect(Buffer.from(file.source).equals(pdf)).toBe(true);
    expect(file.filename).toBe('giay-khen.pdf');
    await bot.telegram.sendPhoto(chats.pc06.id, { source: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
    const photo = api.calls.at(-1)?.payload.photo as { source: Uint8Array } | undefined;
    expect(photo?.source).toHaveLength(4);

    const malformed = await fetch(`${served.url}/bot${TOKEN}/sendDocument`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: 'not a multipart body',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { description: string }).description).toMatch(/^Bad Request: malformed/);
  });

  it('serves downloads at <api root>/file/bot<token>/<file_path>, as telegraf links them', async () => {
    const api = new FakeBotApi();
    served = await serveBotApi(api);
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: served.url } });
    const bytes = Buffer.from('Họ tên;Cấp bậc\nHà Văn Hưng;Thiếu úy\n');
    const { file_id } = api.uploadDocument(bytes, 'danh sách.csv');
    const link = await bot.telegram.getFileLink(file_id);
    expect(link.href).toBe(`${served.url}/file/bot${TOKEN}/documents/file_1.csv`);
    const download = await fetch(link);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    const missing = await fetch(`${served.url}/file/bot${TOKEN}/documents/file_2.csv`);
    expect([missing.status, await missing.json()]).toEqual([
      404,
      { ok: false, error_code: 404, description: 'Not Found' },
    ]);
  });

  it('speaks HTTP like api.telegram.org: status codes, form bodies, unknown routes', async () => {
    const api = new FakeBotApi();
    served = await serveBotApi(api);
    const form = await fetch(`${served.url}/bot${TOKEN}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        chat_id: '-5',
        text: 'hi',
        reply_markup: '{"inline_keyboard":[[{"text":"a","url":"https://x"}]]}',
      }),
    });
    expect(form.status).toBe(200);
    expect(await form.json()).toMatchObject({
      ok: true,
      result: { chat: { id: -5 }, reply_markup: { inline_keyboard: [[{ url: 'https://x' }]] } },
    });
    const missing = await fetch(`${served.url}/bot${TOKEN}/noSuchMethod`, { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
    const get = await fetch(`${served.url}/bot${TOKEN}/getMe`);
    expect(await get.json()).toMatchObject({ ok: true, result: { username: 'ThiDuaBot' } });
  });

  it('takes a web app button in a private chat (Telegram allows it only there)', async () => {
    const api = new FakeBotApi();
    const sent = await api.call('sendMessage', {
      chat_id: 1001,
      text: 'x',
      reply_markup: { inline_keyboard: [[{ text: 'b', web_app: { url: 'https://app.example/app/' } }]] },
    });
    expect(sent).toMatchObject({ chat: { id: 1001 }, text: 'x' });
  });

  it('delivers a pushed update to bot.on("message") through long polling', async () => {
    const api = new FakeBotApi();
    served = await serveBotApi(api);
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: served.url } });
    const seen: string[] = [];
    const handled = new Promise<void>((resolve) => {
      bot.on('message', async (ctx) => {
        seen.push('text' in ctx.message ? ctx.message.text : '?');
        await ctx.reply('pong');
        resolve();
      });
    });
    // launch calls back after getMe, before it starts polling; the update waits in the queue meanwhile.
    await new Promise<void>((resolve, reject) => {
      bot.launch({ dropPendingUpdates: false }, resolve).catch(reject);
    });
    await expect.poll(() => api.pollCount, { interval: 5, timeout: 1000 }).toBeGreaterThan(0);
    try {
      const update = api.pushUpdate(
        createUpdateFactory().message({ from: users.alice, chat: chats.pc06, text: 'ping' }),
      );
      await handled;
      expect(seen).toEqual(['ping']);
      expect(api.lastSent(chats.pc06.id)).toMatchObject({ text: 'pong' });
      await expect.poll(() => api.isConfirmed(update.update_id), { interval: 10, timeout: 1500 }).toBe(true);
    } finally {
      bot.stop('test over');
    }
  });
});
