import { afterEach, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../../src/console/fake-bot-api';
import { type ServedBotApi, serveBotApi } from '../../src/console/serve-bot-api';
import { createBotApi } from '../../src/telegram/telegram-client';
import { telegramFileFetcher } from '../../src/telegram/telegram-files';

const TOKEN = '123456789:TEST_token_for_local_runs_only';

let served: ServedBotApi | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

/** A fetcher over telegraf and HTTP, against the fake served as api.telegram.org would serve it. */
async function overHttp(fake: FakeBotApi) {
  served = await serveBotApi(fake);
  return telegramFileFetcher(createBotApi({ botToken: TOKEN, telegramApiRoot: served.url }), {
    botToken: TOKEN,
    telegramApiRoot: served.url,
  });
}

describe('telegramFileFetcher', () => {
  it('downloads a document over getFile and <api root>/file/bot<token>/<file_path>', async () => {
    const fake = new FakeBotApi();
    const bytes = new TextEncoder().encode('Họ tên,Mã đơn vị\nHà Văn Hưng,PC06\n');
    const document = fake.uploadDocument(bytes, 'danh sách.csv');
    const fetched = await (await overHttp(fake))(document.file_id, 1024);
    expect(fetched).toEqual({ ok: true, bytes: new Uint8Array(bytes) });
  });

  it('refuses a file past the limit, and says a missing one failed', async () => {
    const fake = new FakeBotApi();
    const document = fake.uploadDocument(new Uint8Array(2000), 'big.csv');
    const fetch = await overHttp(fake);
    expect(await fetch(document.file_id, 1999)).toEqual({ ok: false, problem: 'tooLarge' });
    expect(await fetch('BQACnope', 1999)).toMatchObject({ ok: false, problem: 'failed' });
  });

  it('uses a fake’s own download when it has no HTTP server', async () => {
    const fake = new FakeBotApi();
    const document = fake.uploadDocument(new Uint8Array([1, 2, 3]), 'x.csv');
    const fetch = telegramFileFetcher(fake, { botToken: TOKEN, telegramApiRoot: 'http://127.0.0.1:9' });
    expect(await fetch(document.file_id, 3)).toEqual({ ok: true, bytes: new Uint8Array([1, 2, 3]) });
    expect(await fetch(document.file_id, 2)).toEqual({ ok: false, problem: 'tooLarge' });
  });
});
