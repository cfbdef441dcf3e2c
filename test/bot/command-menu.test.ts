import { describe, expect, it } from 'vitest';
import { publishCommandMenus } from '../../src/bot/command-menu';
import { FakeBotApi } from '../../src/console/fake-bot-api';
import { createTransport } from '../../src/outbox/transport';

describe('publishCommandMenus', () => {
  it('publishes group and private menus, by default and per language', async () => {
    const api = new FakeBotApi();
    const refused = await publishCommandMenus(createTransport(api), 'vi');

    expect(refused).toEqual([]);
    const calls = api.calls.filter((call) => call.method === 'setMyCommands').map((call) => call.payload);
    expect(calls.map((payload) => [(payload.scope as { type: string }).type, payload.language_code])).toEqual([
      ['all_group_chats', undefined],
      ['all_group_chats', 'vi'],
      ['all_group_chats', 'en'],
      ['all_private_chats', undefined],
      ['all_private_chats', 'vi'],
      ['all_private_chats', 'en'],
    ]);
    expect(calls[0]?.commands).toContainEqual({ command: 'log', description: 'Ghi kết quả: /log cccd 120' });
    expect(calls[2]?.commands).toContainEqual({ command: 'log', description: 'Record work: /log cccd 120' });
    expect(calls[3]?.commands).not.toContainEqual(expect.objectContaining({ command: 'log' }));
    expect(calls[0]?.commands).toContainEqual({ command: 'pledge', description: 'Đăng ký thi đua năm: /pledge cstt' });
    expect(calls[3]?.commands).not.toContainEqual(expect.objectContaining({ command: 'review' }));
  });

  it('returns what the API refused instead of throwing', async () => {
    const api = new FakeBotApi();
    api.failNext('setMyCommands', { error_code: 400, description: 'Bad Request: BOT_COMMAND_INVALID' }, 6);

    const refused = await publishCommandMenus(createTransport(api), 'vi');

    expect(refused).toHaveLength(6);
  });
});
