import TelegramServer from 'telegram-test-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBotApi } from '../../src/telegram/telegram-client';
import { type BotApiProxy, startBotApiProxy } from './bot-api-proxy';
import { freePort } from './processes';

const TOKEN = '123456789:Proxy_test_token_for_local_runs';

interface Answer {
  status: number;
  ok: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
}

let emulator: TelegramServer;
let proxy: BotApiProxy;
let user: ReturnType<TelegramServer['getClient']>;

beforeEach(async () => {
  emulator = new TelegramServer({ port: await freePort(), host: '127.0.0.1', storeTimeout: 60 });
  await emulator.start();
  proxy = await startBotApiProxy({ target: emulator.config.apiURL });
  user = emulator.getClient(TOKEN, { userId: 7, chatId: -1001000000007, type: 'supergroup', chatTitle: 'PC07' });
});

afterEach(async () => {
  await proxy.close();
  await emulator.stop();
});

async function call(method: string, payload: Record<string, unknown> = {}, signal?: AbortSignal): Promise<Answer> {
  const response = await fetch(`${proxy.url}/bot${TOKEN}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    signal,
  });
  return { status: response.status, ...((await response.json()) as Omit<Answer, 'status'>) };
}

async function updateIds(payload: Record<string, unknown> = {}): Promise<number[]> {
  const answer = await call('getUpdates', payload);
  expect(answer.ok).toBe(true);
  return (answer.result as { update_id: number }[]).map((update) => update.update_id);
}

const say = (text: string) => user.sendMessage(user.makeMessage(text));

describe('bot API proxy: getUpdates offset, as Telegram has it', () => {
  it('serves updates again until an offset above them confirms them, and never after', async () => {
    await say('one');
    await say('two');
    await say('three');

    const first = await updateIds();
    expect(first).toHaveLength(3);
    const [a, b, c] = first as [number, number, number];
    expect(a < b && b < c).toBe(true);
    // Without an offset nothing is confirmed: the emulator alone would answer [] here.
    expect(await updateIds()).toEqual([a, b, c]);

    expect(await updateIds({ offset: b })).toEqual([b, c]);
    await say('four');
    const withFourth = await updateIds({ offset: b });
    expect(withFourth.slice(0, 2)).toEqual([b, c]);
    expect(withFourth).toHaveLength(3);
    const d = withFourth[2] as number;

    expect(await updateIds({ offset: d + 1 })).toEqual([]);
    // Confirmed updates stay confirmed, whatever offset comes next.
    expect(await updateIds()).toEqual([]);
    expect(await updateIds({ offset: a })).toEqual([]);
  });

  it('re-serves what a bot received and never confirmed, as after a kill -9', async () => {
    await say('/log cccd 1');
    const bot = createBotApi({ botToken: TOKEN, telegramApiRoot: proxy.url });

    const received = (await bot.call('getUpdates', { offset: 0, timeout: 0 })) as { update_id: number }[];
    expect(received).toHaveLength(1);
    // The bot dies here, before any getUpdates with a higher offset. Its successor starts from offset 0.
    const restarted = createBotApi({ botToken: TOKEN, telegramApiRoot: proxy.url });
    const again = (await restarted.call('getUpdates', { offset: 0, timeout: 0 })) as { update_id: number }[];

    expect(again).toEqual(received);
  });

  it('keeps the updates fetched for a long poll whose client went away', async () => {
    const aborter = new AbortController();
    const dead = call('getUpdates', { timeout: 10 }, aborter.signal).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    aborter.abort();
    await dead;
    await say('sent while the bot was down');
    await new Promise((resolve) => setTimeout(resolve, 100));

    const ids = await updateIds({ offset: 0 });
    expect(ids).toHaveLength(1);
  });

  it('long-polls: a getUpdates with a timeout answers as soon as an update arrives', async () => {
    const started = Date.now();
    const polled = updateIds({ timeout: 5 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await say('wake up');

    expect(await polled).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('answers an empty list after the timeout when nothing comes', async () => {
    const started = Date.now();
    expect(await updateIds({ timeout: 0.3 })).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('honours limit and a negative offset', async () => {
    for (const text of ['1', '2', '3', '4']) await say(text);

    const all = await updateIds();
    expect(await updateIds({ limit: 2 })).toEqual(all.slice(0, 2));
    expect(await updateIds({ offset: -1 })).toEqual(all.slice(3));
    expect(await updateIds()).toEqual(all.slice(3));
  });

  it('ends an older getUpdates with 409 when a newer one arrives, as Telegram does', async () => {
    const older = call('getUpdates', { timeout: 5 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const newer = call('getUpdates', { timeout: 0 });

    expect((await older).status).toBe(409);
    expect((await newer).ok).toBe(true);
  });
});

describe('bot API proxy: methods the emulator lacks', () => {
  it('answers setMessageReaction, setMyCommands, setWebhook and deleteWebhook with true and records them', async () => {
    const reaction = { chat_id: -1001000000007, message_id: 5, reaction: [{ type: 'emoji', emoji: '✍' }] };

    expect(await call('setMessageReaction', reaction)).toEqual({ status: 200, ok: true, result: true });
    expect((await call('setMyCommands', { commands: [{ command: 'log', description: 'Ghi' }] })).result).toBe(true);
    expect((await call('setWebhook', { url: 'https://bot.example.org/hook', secret_token: 's' })).result).toBe(true);
    expect((await call('deleteWebhook')).result).toBe(true);

    expect(proxy.calls('setMessageReaction')).toEqual([{ method: 'setMessageReaction', payload: reaction }]);
    expect(proxy.calls('setWebhook')).toEqual([
      { method: 'setWebhook', payload: { url: 'https://bot.example.org/hook', secret_token: 's' } },
    ]);
    expect(proxy.calls().map((recorded) => recorded.method)).toEqual([
      'setMessageReaction',
      'setMyCommands',
      'setWebhook',
      'deleteWebhook',
    ]);
  });

  it('refuses getUpdates while a webhook is set, like Telegram', async () => {
    await call('setWebhook', { url: 'https://bot.example.org/hook' });
    expect((await call('getUpdates')).status).toBe(409);

    await call('deleteWebhook');
    expect((await call('getUpdates')).ok).toBe(true);
  });

  it('accepts a document uploaded the way telegraf uploads it, and records its fields', async () => {
    const bot = createBotApi({ botToken: TOKEN, telegramApiRoot: proxy.url });
    const sent = (await bot.call('sendDocument', {
      chat_id: -1001000000007,
      document: { source: Buffer.from('a,b\n1,2\n'), filename: 'tong-hop.csv' },
      caption: 'Tổng hợp',
    })) as { message_id: number; chat: { id: number }; document: { file_name: string } };

    expect(sent.chat.id).toBe(-1001000000007);
    expect(sent.document.file_name).toBe('tong-hop.csv');
    expect(proxy.calls('sendDocument')).toEqual([
      {
        method: 'sendDocument',
        payload: { chat_id: '-1001000000007', document: { filename: 'tong-hop.csv', size: 8 }, caption: 'Tổng hợp' },
      },
    ]);
  });

  it('forwards the rest to the emulator: a sendMessage reaches the user and is recorded', async () => {
    const answer = await call('sendMessage', { chat_id: -1001000000007, text: 'Đã ghi' });

    expect(answer.ok).toBe(true);
    const seen = (await user.getUpdates()) as unknown as { result: { message: { text: string } }[] };
    expect(seen.result.map((update) => update.message.text)).toEqual(['Đã ghi']);
    expect(proxy.calls('sendMessage')).toEqual([
      { method: 'sendMessage', payload: { chat_id: -1001000000007, text: 'Đã ghi' } },
    ]);
  });
});

describe('bot API proxy: faults', () => {
  it('failWith answers the send methods with 500 for a while, then lets them through', async () => {
    proxy.failWith(500, 300);

    const failed = await call('sendMessage', { chat_id: -1001000000007, text: 'first try' });
    expect(failed).toMatchObject({ status: 500, ok: false, error_code: 500 });
    // Intake is not a send method: it keeps working.
    expect((await call('getUpdates')).ok).toBe(true);
    expect(proxy.calls('sendMessage')).toEqual([]);

    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await call('sendMessage', { chat_id: -1001000000007, text: 'second try' })).ok).toBe(true);
    expect(proxy.calls('sendMessage').map((recorded) => (recorded.payload as { text: string }).text)).toEqual([
      'second try',
    ]);
    expect(proxy.attempts('sendMessage').map((attempt) => attempt.outcome)).toEqual(['failed', 'ok']);
  });

  it('failWith 429 carries retry_after, as Telegram does', async () => {
    proxy.failWith(429, 200, ['sendMessage']);

    const limited = await call('sendMessage', { chat_id: 1, text: 'x' });
    expect(limited).toMatchObject({ status: 429, error_code: 429, parameters: { retry_after: 1 } });
  });

  it('hang holds the send methods unanswered, then drops them undelivered', async () => {
    proxy.hang(400);
    const started = Date.now();
    const hung = call('sendMessage', { chat_id: -1001000000007, text: 'lost' }).then(
      () => 'answered',
      () => 'dropped',
    );

    // Other methods still answer while sends hang.
    expect((await call('getUpdates')).ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(300);
    expect(await hung).toBe('dropped');
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(proxy.calls('sendMessage')).toEqual([]);
    expect(await emulator.getUpdatesHistory(TOKEN)).toEqual([]);

    expect((await call('sendMessage', { chat_id: -1001000000007, text: 'after' })).ok).toBe(true);
  });
});
