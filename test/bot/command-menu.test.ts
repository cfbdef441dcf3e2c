import { describe, expect, it } from 'vitest';
import { publishCommandMenus } from '../../src/bot/command-menu';
import { FakeBotApi } from '../../src/console/fake-bot-api';
import { resolveCommandName } from '../../src/kernel/parsing/parse-command';
import { createTransport } from '../../src/outbox/transport';

type Published = { command: string; description: string }[];

async function published(defaultLocale: 'vi' | 'en') {
  const api = new FakeBotApi();
  const refused = await publishCommandMenus(createTransport(api), defaultLocale);
  const calls = api.calls.filter((call) => call.method === 'setMyCommands').map((call) => call.payload);
  const menu = (scope: string, language?: string) =>
    calls.find((p) => (p.scope as { type: string }).type === scope && p.language_code === language)
      ?.commands as Published;
  return { refused, calls, menu };
}

const names = (menu: Published) => menu.map((entry) => entry.command);

describe('publishCommandMenus', () => {
  it('publishes the group members’, group administrators’ and private menus, by default and per language', async () => {
    const { refused, calls } = await published('vi');

    expect(refused).toEqual([]);
    expect(calls.map((payload) => [(payload.scope as { type: string }).type, payload.language_code])).toEqual([
      ['all_group_chats', undefined],
      ['all_group_chats', 'vi'],
      ['all_group_chats', 'en'],
      ['all_chat_administrators', undefined],
      ['all_chat_administrators', 'vi'],
      ['all_chat_administrators', 'en'],
      ['all_private_chats', undefined],
      ['all_private_chats', 'vi'],
      ['all_private_chats', 'en'],
    ]);
  });

  it('shows Vietnamese names to Vietnamese clients and by default, English names to English clients', async () => {
    const { menu } = await published('vi');

    for (const language of [undefined, 'vi']) {
      expect(menu('all_group_chats', language)).toContainEqual({
        command: 'ghi',
        description: 'Ghi kết quả: /ghi cccd 120',
      });
      expect(names(menu('all_group_chats', language))).toEqual(expect.arrayContaining(['khen', 'baocao', 'huongdan']));
      expect(names(menu('all_group_chats', language))).not.toContain('log');
    }
    expect(menu('all_group_chats', 'en')).toContainEqual({ command: 'log', description: 'Record work: /log cccd 120' });
    expect(names(menu('all_group_chats', 'en'))).toEqual(expect.arrayContaining(['nominate', 'report', 'help']));
    expect(names(menu('all_group_chats', 'en'))).not.toContain('ghi');
    expect(names(menu('all_group_chats', 'en'))).toEqual(expect.arrayContaining(['pledge', 'review']));
    expect(names(menu('all_group_chats', 'vi'))).toEqual(expect.arrayContaining(['dangkythidua', 'binhxet']));
  });

  it('follows an English default language', async () => {
    const { menu } = await published('en');

    expect(names(menu('all_group_chats'))).toContain('log');
    expect(names(menu('all_group_chats', 'vi'))).toContain('ghi');
  });

  it('keeps the commanders’ commands out of the members’ menu, and logging out of the private one', async () => {
    const { menu } = await published('vi');
    const members = names(menu('all_group_chats', 'en'));
    const admins = names(menu('all_chat_administrators', 'en'));
    const inPrivate = names(menu('all_private_chats', 'en'));

    for (const command of ['digest', 'export', 'dashboard', 'settings']) {
      expect(members).not.toContain(command);
      expect(admins).toContain(command);
    }
    expect(admins).toEqual(expect.arrayContaining(members));
    expect(names(menu('all_chat_administrators', 'vi'))).toContain('bangdieukhien');
    expect(inPrivate).not.toContain('log');
    expect(inPrivate).not.toContain('undo');
    expect(inPrivate).toEqual(expect.arrayContaining(['me', 'top', 'help', 'dashboard']));
  });

  it('lists only names the bot resolves, each once', async () => {
    const { calls } = await published('vi');

    for (const payload of calls) {
      const commands = names(payload.commands as Published);
      expect(new Set(commands).size).toBe(commands.length);
      for (const command of commands) expect(resolveCommandName(command), command).toBeDefined();
    }
  });

  it('returns what the API refused instead of throwing', async () => {
    const api = new FakeBotApi();
    api.failNext('setMyCommands', { error_code: 400, description: 'Bad Request: BOT_COMMAND_INVALID' }, 9);

    const refused = await publishCommandMenus(createTransport(api), 'vi');

    expect(refused).toHaveLength(9);
  });
});
