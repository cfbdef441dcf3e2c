import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message, NonChannelChat, User } from '../../src/telegram/update-schema';
import { type Answer, startTestBot, type TestBot } from '../helpers/test-bot';
import { chats, users } from '../helpers/updates';

const dung = { id: 1004, is_bot: false, first_name: 'Phạm Văn Dũng' } satisfies User;
/** A new group of the team PC08-DK, bound to no unit yet. */
const teamGroup = { id: -1001000000081, type: 'supergroup', title: 'Đội Đăng ký xe' } satisfies NonChannelChat;

let bot: TestBot;
afterEach(() => bot.close());

const buttonsOf = (message: Message | undefined) => message?.reply_markup?.inline_keyboard.flat() ?? [];
const alertOf = (answer: Answer) => answer.calls.find((call) => call.method === 'answerCallbackQuery')?.payload;

describe('/help', () => {
  beforeEach(async () => {
    bot = await startTestBot();
    await bot.setUpUnits();
    await bot.appointCommander(dung, chats.pc06);
    bot.api.clear();
  });

  it('shows an officer in private the officer’s commands only', async () => {
    const help = await bot.send(users.alice, chats.private(users.alice), '/help');

    expect(help.text).toContain('/log');
    expect(help.text).toContain('/khen');
    expect(help.text).not.toContain('Chỉ huy');
    expect(help.text).not.toContain('/bangdieukhien');
    expect(help.text).not.toContain('Quản trị');
  });

  it('adds the commanders’ commands, /bangdieukhien among them, for a commander', async () => {
    const help = await bot.send(dung, chats.private(dung), '/huongdan');

    expect(help.text).toContain('/log');
    expect(help.text).toContain('Chỉ huy');
    expect(help.text).toContain('/bangdieukhien (/dashboard)');
    expect(help.text).toContain('/xuat');
    expect(help.text).not.toContain('Quản trị');
  });

  it('shows an admin every section', async () => {
    const help = await bot.send(users.admin, chats.private(users.admin), '/help');

    expect(help.text).toContain('/log');
    expect(help.text).toContain('/tonghop');
    expect(help.text).toContain('Quản trị');
    expect(help.text).toContain('/unit add');
  });

  it('keeps every command the help taught before', async () => {
    const help = (await bot.send(users.admin, chats.private(users.admin), '/help')).text;

    for (const command of [
      '/log',
      '/undo',
      '/me',
      '/history',
      '/top',
      '/metrics',
      '/khen',
      '/decu',
      '/khenthuong',
      '/hoso',
      '/chungnhan',
      '/quyetdinh',
      '/tonghop',
      '/caidat',
      '/baocao',
      '/bieudo',
      '/xuat',
      '/muctieu',
      '/phongtrao',
      '/mohinh',
      '/lang',
      '/unit',
      '/register',
      '/role',
      '/metric',
    ])
      expect(help).toContain(command);
  });

  it('gives a group the short version with a button to the private help', async () => {
    const help = await bot.send(dung, chats.pc06, '/help');

    expect(help.text).toContain('/ghi');
    expect(help.text).not.toContain('/tonghop');
    expect(help.text).not.toContain('/unit');
    expect(help.text.length).toBeLessThan(500);
    expect(buttonsOf(help.sent[0])).toEqual([
      expect.objectContaining({ url: `https://t.me/${users.bot.username}?start=help` }),
    ]);
  });

  it('answers /start help in private with the full help', async () => {
    const full = await bot.send(dung, chats.private(dung), '/start help');

    expect(full.text).toContain('/bangdieukhien');
    expect(full.text).toContain('/log');
  });
});

describe('/start in private', () => {
  beforeEach(async () => {
    bot = await startTestBot();
  });

  it('tells an admin of a fresh bot to add units first', async () => {
    const start = await bot.send(users.admin, chats.private(users.admin), '/start');

    expect(start.text).toContain(`id ${users.admin.id}`);
    expect(start.text).toContain('quản trị viên');
    expect(start.text).toContain('/unit add');
    expect(start.text).toContain('/import');
  });

  it('names the units without a group and the missing commander, then says all is set', async () => {
    await bot.setUpUnits();
    const before = await bot.send(users.admin, chats.private(users.admin), '/start');
    expect(before.text).toContain('1 đơn vị chưa có nhóm: PC08-DK');
    expect(before.text).toContain('/role commander');

    await bot.appointCommander(dung, chats.pc06);
    await bot.send(users.admin, teamGroup, '/register PC08-DK');
    const after = await bot.send(users.admin, chats.private(users.admin), '/start');
    expect(after.text).not.toContain('chưa có nhóm');
    expect(after.text).not.toContain('/role commander');
    expect(after.text).toContain('Đã cài đặt xong');
  });

  it('tells an officer who they are, with no setup steps, and a button to the help', async () => {
    await bot.setUpUnits();
    const start = await bot.send(users.alice, chats.private(users.alice), '/start');

    expect(start.text).toContain(String(users.alice.id));
    expect(start.text).toContain('Vai trò: cán bộ.');
    expect(start.text).not.toContain('Việc còn lại');
    const [helpButton] = buttonsOf(start.sent[0]);
    expect(helpButton?.callback_data).toBeDefined();

    const pressed = await bot.press(users.alice, start.sent[0]!);
    expect(pressed.text).toContain('/log');
    expect(pressed.text).not.toContain('Quản trị');
  });

  it('names a commander’s units', async () => {
    await bot.setUpUnits();
    await bot.appointCommander(dung, chats.pc06);
    const start = await bot.send(dung, chats.private(dung), '/start');

    expect(start.text).toContain('Vai trò: chỉ huy PC06.');
  });

  it('refuses a help press with crafted data', async () => {
    const start = await bot.send(users.alice, chats.private(users.alice), '/start');
    const crafted = await bot.press(users.alice, start.sent[0]!, 'help:other');

    expect(crafted.sent).toEqual([]);
    expect(alertOf(crafted)?.show_alert).toBe(true);
  });
});
