import { afterEach, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../../src/console/fake-bot-api';
import { type ServedBotApi, serveBotApi } from '../../src/console/serve-bot-api';
import { createBotApi, TelegramError } from '../../src/telegram/telegram-client';
import { freePort } from '../helpers/processes';

const TOKEN = '123456789:TEST_client_token_for_local_runs';
const served: ServedBotApi[] = [];
afterEach(async () => {
  for (const server of served.splice(0)) await server.close();
});

/** The console's fake Bot API over HTTP, as Telegram's server, and our client pointed at it. */
async function client() {
  const fake = new FakeBotApi();
  const server = await serveBotApi(fake, { pollCapMs: 2000 });
  served.push(server);
  return { fake, api: createBotApi({ botToken: TOKEN, telegramApiRoot: server.url }) };
}

describe('the Bot API client (node:http, no telegraf)', () => {
  it('calls methods with JSON bodies and returns their result', async () => {
    const { api, fake } = await client();
    expect(await api.call('getMe', {})).toMatchObject({ is_bot: true });
    const sent = (await api.call('sendMessage', {
      chat_id: 9001,
      text: '<b>Chào</b> đồng chí',
      parse_mode: 'HTML',
      reply_markup: { inline_keyboard: [[{ text: 'OK', callback_data: 'ok:1' }]] },
    })) as { message_id: number; text: string };
    expect(sent.text).toBe('Chào đồng chí');
    expect(fake.calls.at(-1)?.payload).toMatchObject({
      reply_markup: { inline_keyboard: [[{ callback_data: 'ok:1' }]] },
    });
  });

  it('uploads a file as multipart/form-data, the other fields beside it', async () => {
    const { api, fake } = await client();
    const bytes = new Uint8Array([0x50, 0x4b, 3, 4, 0, 255, 13, 10]);
    const sent = (await api.call('sendDocument', {
      chat_id: -100123,
      document: { source: Buffer.from(bytes), filename: 'Báo cáo "tháng".xlsx' },
      caption: 'Xuất <i>tháng 11</i>',
      parse_mode: 'HTML',
      reply_parameters: { message_id: 5, allow_sending_without_reply: true },
    })) as { caption: string };
    expect(sent.caption).toBe('Xuất tháng 11');
    const payload = fake.calls.at(-1)?.payload as { document: { source: Uint8Array; filename: string } };
    expect([...payload.document.source]).toEqual([...bytes]);
    expect(payload).toMatchObject({ reply_parameters: { message_id: 5 } });
  });

  it('raises Telegram’s refusals as TelegramError with the answer, retry_after included', async () => {
    const { api, fake } = await client();
    fake.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });
    const error = await api.call('sendMessage', { chat_id: 1, text: 'x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TelegramError);
    expect((error as TelegramError).response).toEqual({
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });
    expect((error as TelegramError).code).toBe(429);
  });

  it('aborts a long poll on its signal, and names a refused connection with its code', async () => {
    const { api } = await client();
    const abort = new AbortController();
    const poll = api.call('getUpdates', { timeout: 30 }, { signal: abort.signal }).catch((caught: unknown) => caught);
    setTimeout(() => abort.abort(), 100);
    expect(await poll).toMatchObject({ name: 'AbortError' });

    const nowhere = createBotApi({ botToken: TOKEN, telegramApiRoot: `http://127.0.0.1:${await freePort()}` });
    expect(await nowhere.call('getMe', {}).catch((caught: unknown) => caught)).toMatchObject({ code: 'ECONNREFUSED' });
  });
});
