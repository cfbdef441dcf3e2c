import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
});
afterEach(() => bot.close());

describe('/whoami', () => {
  it('tells a newcomer their id and how to put it into ADMIN_IDS, in private', async () => {
    const answer = await bot.send(users.alice, chats.private(users.alice), '/toilaai');
    expect(answer.text).toContain(String(users.alice.id));
    expect(answer.text).toContain('ADMIN_IDS');
    expect(answer.text).not.toContain('đã là quản trị viên');
  });

  it('tells an admin they already are one', async () => {
    const answer = await bot.send(users.admin, chats.private(users.admin), '/whoami');
    expect(answer.text).toContain(String(users.admin.id));
    expect(answer.text).toContain('đã là quản trị viên');
  });

  it('does not show ids in a group', async () => {
    const answer = await bot.send(users.alice, chats.pc06, '/whoami');
    expect(answer.text).toContain('tin nhắn riêng');
    expect(answer.text).not.toContain(String(users.alice.id));
  });
});

describe('plain text in private', () => {
  it('gets a short answer pointing at /help; in a group, silence', async () => {
    const answer = await bot.send(users.alice, chats.private(users.alice), 'xin chào');
    expect(answer.sent).toHaveLength(1);
    expect(answer.text).toContain('/huongdan');
    const group = await bot.send(users.alice, chats.pc06, 'xin chào');
    expect(group.sent).toEqual([]);
  });
});
